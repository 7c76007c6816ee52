/**
 * The ERP's installation keys of a customer: created by the vendor (admin CLI) or the support desk,
 * shown once and stored only as a SHA-256 hash, revoked for good (every access token the key minted
 * ends with it, server/auth.ts). One place for both callers, so the CLI and the desk make the same keys.
 */
import { randomBytes } from 'node:crypto';
import type { Conn } from '../db.js';
import { sha256 } from '../identity.js';
import { newId } from '../ids.js';
import { ApiError } from '../problem.js';
import type { CustomerRole } from '../rules/desk.js';

export interface InstallationKeyView {
  id: string;
  label: string;
  role: CustomerRole;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface KeyRow { id: string; label: string; role: CustomerRole; created_at: string; last_used_at: string | null; revoked_at: string | null }
const toView = (k: KeyRow): InstallationKeyView => ({ id: k.id, label: k.label, role: k.role, createdAt: k.created_at, lastUsedAt: k.last_used_at, revokedAt: k.revoked_at });

/** The customer's keys, oldest first (revoked ones too: when a key stopped working is worth knowing). */
export async function listKeys(db: Conn, customerNumber: string): Promise<InstallationKeyView[]> {
  const rows = await db.selectFrom('installation_keys').select(['id', 'label', 'role', 'created_at', 'last_used_at', 'revoked_at'])
    .where('customer_number', '=', customerNumber).orderBy('created_at').orderBy('id').execute();
  return rows.map(toView);
}

/** A new key: the secret is returned only here, never stored or logged. */
export async function createKey(db: Conn, k: { customerNumber: string; label: string; role: CustomerRole }, now: Date): Promise<{ key: InstallationKeyView; secret: string }> {
  const secret = `cik_${randomBytes(32).toString('base64url')}`;
  const row = { id: newId('ikey'), customer_number: k.customerNumber, label: k.label, hash: sha256(secret), role: k.role, created_at: now.toISOString() };
  await db.insertInto('installation_keys').values(row).execute();
  return { key: toView({ ...row, last_used_at: null, revoked_at: null }), secret };
}

/**
 * Revokes a key of the customer (`customerNumber` undefined: any customer's, as the CLI names keys
 * by id). 404 for an unknown key, 409 `key_revoked` (field `key`) for one revoked already: nothing changes.
 */
export async function revokeKey(db: Conn, id: string, now: Date, customerNumber?: string): Promise<InstallationKeyView> {
  let q = db.updateTable('installation_keys').set({ revoked_at: now.toISOString() }).where('id', '=', id).where('revoked_at', 'is', null);
  if (customerNumber !== undefined) q = q.where('customer_number', '=', customerNumber);
  const r = await q.executeTakeFirst();
  let s = db.selectFrom('installation_keys').select(['id', 'label', 'role', 'created_at', 'last_used_at', 'revoked_at']).where('id', '=', id);
  if (customerNumber !== undefined) s = s.where('customer_number', '=', customerNumber);
  const row = await s.executeTakeFirst();
  if (!row) throw new ApiError(404, 'not_found');
  if (Number(r.numUpdatedRows) === 0) throw new ApiError(409, 'key_revoked', { errors: [{ field: 'key', code: 'already_revoked' }] });
  return toView(row);
}
