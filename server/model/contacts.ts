/**
 * Contacts: the people of a customer (role `admin` or `member`) and the support agents (role
 * `agent`, no customer). A host's token creates or updates its contact on first use; the ERP's
 * access tokens name an existing contact by id.
 */
import { type Claims, refused, type Role } from '../identity.js';
import type { Conn } from '../db.js';
import { newId } from '../ids.js';
import { ApiError } from '../problem.js';

export interface ContactRow {
  id: string;
  subject: string;
  customer_number: string | null;
  role: Role;
  email: string;
  name: string;
  locale: string | null;
  signed_out_at: string | null;
  created_at: string;
  updated_at: string;
  last_active_at: string | null;
}


export function findContact(db: Conn, id: string): Promise<ContactRow | undefined> {
  return db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst() as Promise<ContactRow | undefined>;
}

/**
 * The contact a host's token speaks for, created or brought up to date from its claims (the host
 * is the source of truth for name, email, role and company). An unknown customer number is a
 * refusal: customers are created by the vendor (`npm run admin -- customer add`), not by tokens.
 */
export async function contactFromClaims(db: Conn, claims: Claims, now: Date): Promise<ContactRow> {
  if (claims.customer) {
    const customer = await db.selectFrom('customers').select('number').where('number', '=', claims.customer).executeTakeFirst();
    if (!customer) throw refused({ de: `Kunde ${claims.customer} ist diesem Server nicht bekannt.`, en: `Customer ${claims.customer} is not known to this backend.` });
  }
  const at = now.toISOString();
  const wanted = { customer_number: claims.customer, role: claims.role, email: claims.email, name: claims.name, locale: claims.locale };
  const row = (await db.selectFrom('contacts').selectAll().where('subject', '=', claims.sub).executeTakeFirst()) as ContactRow | undefined;
  if (row) {
    const same = row.customer_number === wanted.customer_number && row.role === wanted.role && row.email === wanted.email && row.name === wanted.name && row.locale === wanted.locale;
    if (same) return row;
    await db.updateTable('contacts').set({ ...wanted, updated_at: at }).where('id', '=', row.id).execute();
    return { ...row, ...wanted, updated_at: at };
  }
  // A contact the vendor created (CLI) or the ERP's key exchange made for this email is the same
  // person: the first host token with that email takes it over (its `sub` from then on).
  const local = claims.customer ? await contactByEmail(db, claims.customer, claims.email) : undefined;
  if (local && local.subject.startsWith('local:')) {
    await db.updateTable('contacts').set({ subject: claims.sub, ...wanted, updated_at: at }).where('id', '=', local.id).where('subject', '=', local.subject).execute();
    const adopted = (await db.selectFrom('contacts').selectAll().where('subject', '=', claims.sub).executeTakeFirst()) as ContactRow | undefined;
    if (adopted) return adopted;
  }
  const created: ContactRow = { id: newId('con'), subject: claims.sub, ...wanted, signed_out_at: null, created_at: at, updated_at: at, last_active_at: null };
  // Two first requests of one person at once: the second insert loses the race and reads the winner.
  await db.insertInto('contacts').values(created).onConflict((oc) => oc.column('subject').doNothing()).execute();
  return (await db.selectFrom('contacts').selectAll().where('subject', '=', claims.sub).executeTakeFirstOrThrow()) as ContactRow;
}

/** A contact of the customer by email (case-insensitive), e.g. for the installation-key exchange. */
export function contactByEmail(db: Conn, customerNumber: string, email: string): Promise<ContactRow | undefined> {
  return db.selectFrom('contacts').selectAll().where('customer_number', '=', customerNumber)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase())).orderBy('created_at').executeTakeFirst() as Promise<ContactRow | undefined>;
}

/** Adds a contact that no host token created (CLI, installation-key exchange); `subject` defaults to a local one. */
export async function addContact(db: Conn, c: { customer: string | null; role: Role; email: string; name: string; locale?: string | null; subject?: string }, now: Date): Promise<ContactRow> {
  const at = now.toISOString();
  const id = newId('con');
  const row: ContactRow = {
    id, subject: c.subject ?? `local:${id}`, customer_number: c.customer, role: c.role, email: c.email, name: c.name, locale: c.locale ?? null,
    signed_out_at: null, created_at: at, updated_at: at, last_active_at: null,
  };
  await db.insertInto('contacts').values(row).execute();
  return row;
}

/** How often a contact's last activity is written (not on every request). */
const ACTIVE_WRITE_MS = 5 * 60_000;

/** Notes that the contact made a request now (for the company view), at most every few minutes. */
export async function noteActivity(db: Conn, c: ContactRow, now: Date): Promise<void> {
  if (c.last_active_at && Date.parse(c.last_active_at) > now.getTime() - ACTIVE_WRITE_MS) return;
  await db.updateTable('contacts').set({ last_active_at: now.toISOString() }).where('id', '=', c.id).execute();
}

/** The company's people, by name; with each one's last activity for its admins (`withActivity`). */
export async function companyContacts(db: Conn, customerNumber: string, withActivity: boolean) {
  const rows = await db.selectFrom('contacts').select(['id', 'name', 'email', 'role', 'last_active_at']).where('customer_number', '=', customerNumber)
    .orderBy('name').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id, name: r.name, email: r.email, role: r.role as 'admin' | 'member',
    ...(withActivity ? { lastActiveAt: r.last_active_at } : {}),
  }));
}

/** Contact names by id, for lists that show who made each row. */
export async function contactNames(db: Conn, ids: ReadonlyArray<string | null>): Promise<Map<string, { id: string; name: string }>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  const rows = await db.selectFrom('contacts').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** A customer's person as the support desk shows it. */
export interface AgentContactView {
  id: string;
  name: string;
  email: string;
  role: 'admin' | 'member';
  /**
   * Who decides the role: `backend` for people this backend created (admin CLI, the ERP's key
   * exchange) — the desk may change it; `host` for people who sign in through the customer's own
   * system, whose every token says the role again (a change here would be overwritten).
   */
  roleManagedBy: 'backend' | 'host';
  /** The person's last request (`contacts.last_active_at`, as the company view shows it). Null: never seen. */
  lastActiveAt: string | null;
}

/** The customer's people with their last activity, admins first, then by name. */
export async function contactsOf(db: Conn, customerNumber: string): Promise<AgentContactView[]> {
  const rows = (await db.selectFrom('contacts').selectAll().where('customer_number', '=', customerNumber).execute()) as ContactRow[];
  return rows
    .map((r): AgentContactView => ({
      id: r.id, name: r.name, email: r.email, role: r.role === 'admin' ? 'admin' : 'member',
      roleManagedBy: r.subject.startsWith('local:') ? 'backend' : 'host', lastActiveAt: r.last_active_at,
    }))
    .sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name, 'de') : a.role === 'admin' ? -1 : 1));
}

/**
 * Sets the role of a person the backend manages (`roleManagedBy: 'backend'`). 404 for a person not
 * of this customer; 409 `role_from_host` (field `role`) for one whose role the customer's sign-in
 * sends with every token — nothing changes then. The same role again is no change and no error.
 */
export async function setContactRole(db: Conn, customerNumber: string, id: string, role: 'admin' | 'member', now: Date): Promise<AgentContactView> {
  const row = (await db.selectFrom('contacts').selectAll().where('id', '=', id).where('customer_number', '=', customerNumber).executeTakeFirst()) as ContactRow | undefined;
  if (!row) throw new ApiError(404, 'not_found');
  if (!row.subject.startsWith('local:')) throw new ApiError(409, 'role_from_host', { errors: [{ field: 'role', code: 'role_from_host' }] });
  if (row.role !== role) await db.updateTable('contacts').set({ role, updated_at: now.toISOString() }).where('id', '=', id).execute();
  const view = (await contactsOf(db, customerNumber)).find((c) => c.id === id);
  if (!view) throw new ApiError(404, 'not_found');
  return view;
}
