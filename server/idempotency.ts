/**
 * Idempotency-Key handling for the creating POSTs (orders, tickets, replies) and the agent's writes.
 *
 * The key is claimed in the same transaction as the effect (`INSERT … ON CONFLICT DO NOTHING`),
 * and the stored answer is written there too: either the effect and its key commit together, or
 * neither does — across any number of instances. On PostgreSQL a transaction-scoped advisory lock
 * per key tells a request whose twin is still running (another instance, another connection) to
 * come back: `409 idempotency_in_progress` with `Retry-After`; once the first has committed, the
 * same key is answered from the stored response (`Idempotent-Replayed: true`). On SQLite one
 * connection runs one transaction at a time, so the twin simply waits and is replayed.
 *
 * Failed effects (thrown ApiError) roll back and are not stored: the caller may fix the cause and
 * retry with the same key. Keys expire after 24 hours and are pruned by the server (`pruneKeys`).
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { sql } from 'kysely';
import { DAY_MS } from './clock.js';
import { type DB, dialectOf, transact, type Tx } from './db.js';
import type { Deps } from './deps.js';
import { ApiError } from './problem.js';
import { checkIdempotencyKey } from './validate.js';

/** How long a key is remembered (and its answer replayed). */
export const KEY_TTL_MS = DAY_MS;
/** Seconds a client should wait before retrying while the first request with its key still runs. */
export const IN_PROGRESS_RETRY_S = 1;

export function requireIdempotencyKey(c: Context): string {
  return checkIdempotencyKey(c.req.header('idempotency-key'));
}

/** Hash of what makes two requests "the same": method, path and body content (file bytes included). */
export function fingerprint(method: string, path: string, parts: ReadonlyArray<string | Uint8Array>): string {
  const h = createHash('sha256').update(`${method} ${path}\n`);
  for (const p of parts) {
    // Length-prefix each part so ["ab","c"] and ["a","bc"] differ.
    const bytes = typeof p === 'string' ? Buffer.from(p, 'utf8') : p;
    h.update(`${bytes.length}:`).update(bytes);
  }
  return h.digest('base64url');
}

export interface Effect {
  status: number;
  body: unknown;
}

export interface IdempotentResult {
  status: number;
  body: string;
  replayed: boolean;
}

export async function runIdempotent(
  deps: Pick<Deps, 'db' | 'clock'>,
  scope: { principal: string; key: string; fingerprint: string },
  effect: (trx: Tx) => Promise<Effect>,
): Promise<IdempotentResult> {
  const { db, clock } = deps;
  return transact(db, async (trx): Promise<IdempotentResult> => {
    const now = clock.now();
    if (dialectOf(db) === 'postgres') {
      const lock = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(hashtextextended(${`${scope.principal}\n${scope.key}`}, 0)) AS ok`.execute(trx);
      if (!lock.rows[0]?.ok) throw inProgress();
    }
    // An expired key is forgotten, as if it had been pruned already.
    await trx.deleteFrom('idempotency_keys')
      .where('principal', '=', scope.principal).where('key', '=', scope.key).where('expires_at', '<=', now.toISOString())
      .execute();
    const claimed = await trx.insertInto('idempotency_keys')
      .values({
        principal: scope.principal, key: scope.key, fingerprint: scope.fingerprint, status: 0, body: '',
        created_at: now.toISOString(), expires_at: new Date(now.getTime() + KEY_TTL_MS).toISOString(),
      })
      .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!claimed) {
      const row = await trx.selectFrom('idempotency_keys').select(['fingerprint', 'status', 'body'])
        .where('principal', '=', scope.principal).where('key', '=', scope.key).executeTakeFirstOrThrow();
      if (row.fingerprint !== scope.fingerprint) throw new ApiError(409, 'idempotency_conflict');
      if (row.status === 0) throw inProgress();
      return { status: row.status, body: row.body, replayed: true };
    }
    const result = await effect(trx);
    const body = JSON.stringify(result.body);
    await trx.updateTable('idempotency_keys').set({ status: result.status, body })
      .where('principal', '=', scope.principal).where('key', '=', scope.key).execute();
    return { status: result.status, body, replayed: false };
  });
}

const inProgress = () =>
  new ApiError(409, 'idempotency_in_progress', { headers: { 'Retry-After': String(IN_PROGRESS_RETRY_S) } });

/** Deletes expired keys; run periodically by every instance (deleting twice is harmless). */
export async function pruneKeys(db: DB, now: Date): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('expires_at', '<=', now.toISOString()).execute();
}

export function idempotentResponse(r: IdempotentResult): Response {
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };
  if (r.replayed) headers['Idempotent-Replayed'] = 'true';
  return new Response(r.body, { status: r.status, headers });
}
