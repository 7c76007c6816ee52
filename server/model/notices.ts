/**
 * Known-issue notices (issue 18): what the support team publishes, which notices match a
 * customer's program, version and words (the rules are src/domain/notices.ts), who subscribed
 * ("Betrifft mich auch"), and the one mail per subscriber when a notice is fixed. The routes
 * (routes/notices.ts) validate input and call these; writes run inside the request's transaction.
 */
import type { NoticeStatus } from '../../src/domain/notices.js';
import { fixedAtAfter, type NoticeFields, noticeFixedMailTo, pickMatches, toAgentNotice, toColumns, toFields } from '../rules/notices.js';
import { type Conn, dialectOf, emitEvent, type NoticesTable, type Tx } from '../db.js';
import type { Deps } from '../deps.js';
import { newId } from '../ids.js';
import { ApiError, type Lang } from '../problem.js';
import type { AgentNotice, NoticeMatch, NoticeSubscriber } from '../types.js';
import { sendMail } from './notifications.js';

/** The address of an event every customer's stream receives (notices are not one customer's). */
export const ALL_CUSTOMERS = '*';

type NoticeRow = NoticesTable;

async function subscriberCounts(db: Conn, ids: readonly string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('notice_subscriptions').select(['notice_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('notice_id', 'in', ids).groupBy('notice_id').execute();
  return new Map(rows.map((r) => [r.notice_id, Number(r.n)]));
}

/** Every notice for the desk, the latest change first. */
export async function listNotices(db: Conn): Promise<AgentNotice[]> {
  const rows = await db.selectFrom('notices').selectAll().orderBy('updated_at', 'desc').orderBy('id').execute();
  const counts = await subscriberCounts(db, rows.map((r) => r.id));
  return rows.map((r) => toAgentNotice(r, counts.get(r.id) ?? 0));
}

async function findNotice(db: Conn, id: string): Promise<NoticeRow> {
  const row = await db.selectFrom('notices').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ApiError(404, 'not_found');
  return row;
}

export async function getNotice(db: Conn, id: string): Promise<AgentNotice> {
  const row = await findNotice(db, id);
  return toAgentNotice(row, (await subscriberCounts(db, [id])).get(id) ?? 0);
}

/** The notice, locked until the transaction ends (PostgreSQL: FOR UPDATE): two agents fixing it at once mail once. */
async function lockNotice(trx: Tx, id: string): Promise<NoticeRow> {
  const row = await trx.selectFrom('notices').selectAll().where('id', '=', id).$if(dialectOf(trx) === 'postgres', (q) => q.forUpdate()).executeTakeFirst();
  if (!row) throw new ApiError(404, 'not_found');
  return row;
}

/** Tells every open widget (and the desk) that a notice changed; `status` null: it is gone. */
function noticeChanged(trx: Tx, id: string, status: NoticeStatus | null, at: string): void {
  emitEvent(trx, { name: 'notice', customerNumber: ALL_CUSTOMERS, data: { id, status } }, at);
}

export async function createNotice(trx: Tx, deps: Deps, f: NoticeFields, agentId: string): Promise<{ notice: AgentNotice; mailed: number }> {
  const at = deps.clock.now().toISOString();
  const id = newId('ntc');
  await trx.insertInto('notices').values({ id, ...toColumns(f), created_at: at, updated_at: at, fixed_at: fixedAtAfter(null, f.status, at), created_by: agentId }).execute();
  noticeChanged(trx, id, f.status, at);
  return { notice: await getNotice(trx, id), mailed: 0 };
}

/**
 * Changes a notice to `f` (the whole notice, as checked by the route). Becoming `fixed` queues one
 * mail per subscriber, in the language they subscribed in; the lock makes a second agent doing
 * the same at the same moment find it fixed already, so nobody is mailed twice.
 */
export async function updateNotice(trx: Tx, deps: Deps, id: string, patch: (current: NoticeFields) => NoticeFields): Promise<{ notice: AgentNotice; mailed: number }> {
  const current = await lockNotice(trx, id);
  const f = patch(toFields(current));
  const at = deps.clock.now().toISOString();
  const becameFixed = f.status === 'fixed' && current.status !== 'fixed';
  await trx.updateTable('notices').set({ ...toColumns(f), updated_at: at, fixed_at: fixedAtAfter(current, f.status, at) }).where('id', '=', id).execute();
  let mailed = 0;
  if (becameFixed) {
    const subs = await trx.selectFrom('notice_subscriptions as s').innerJoin('contacts as c', 'c.id', 's.contact_id')
      .select(['c.id', 'c.name', 'c.email', 's.lang', 's.customer_number']).where('s.notice_id', '=', id).orderBy('s.created_at').execute();
    for (const s of subs) {
      const lang: Lang = s.lang === 'en' ? 'en' : 'de';
      const text = noticeFixedMailTo(f, { name: s.name, lang });
      // A fix of a known issue the person follows is a change of state they asked about (kind statusChanged).
      const to = { key: s.id, customerNumber: s.customer_number, name: s.name, email: s.email, lang };
      if (await sendMail(trx, deps, to, 'statusChanged', text)) mailed++;
    }
  }
  noticeChanged(trx, id, f.status, at);
  return { notice: await getNotice(trx, id), mailed };
}

export async function deleteNotice(trx: Tx, deps: Deps, id: string): Promise<void> {
  await lockNotice(trx, id);
  await trx.deleteFrom('notice_subscriptions').where('notice_id', '=', id).execute();
  await trx.deleteFrom('notices').where('id', '=', id).execute();
  noticeChanged(trx, id, null, deps.clock.now().toISOString());
}

export interface MatchQuery { program: string; version: string; q: string; lang: Lang; contactId: string }

/**
 * The notices a customer should see before filing a ticket (`pickMatches` in rules/notices.ts, the
 * rules in api/openapi.yaml, GET /v1/notices), with whether the person subscribed. The table holds
 * what support published — tens of rows, not thousands — so matching runs in plain code, the same
 * on both databases and in the Storybook mocks, and every score can be explained.
 */
export async function matchNotices(db: Conn, m: MatchQuery): Promise<NoticeMatch[]> {
  if (!m.q && !(m.program && m.version)) return [];
  const rows = await db.selectFrom('notices').selectAll().orderBy('updated_at', 'desc').limit(500).execute();
  const shown = pickMatches(rows, m);
  if (shown.length) {
    const mine = await db.selectFrom('notice_subscriptions').select('notice_id').where('contact_id', '=', m.contactId)
      .where('notice_id', 'in', shown.map((n) => n.id)).execute();
    const ids = new Set(mine.map((s) => s.notice_id));
    for (const n of shown) n.subscribed = ids.has(n.id);
  }
  return shown;
}

/** Whether a notice exists (a ticket filed for it is checked before anything is written). */
export async function noticeExists(db: Conn, id: string): Promise<boolean> {
  return !!(await db.selectFrom('notices').select('id').where('id', '=', id).executeTakeFirst());
}

/**
 * "Betrifft mich auch": the person waits for the fix. Once per person and notice — a second call
 * keeps the first subscription (and its ticket, or adds the ticket filed now). Tells the desk (the
 * subscriber count) and the person's other windows.
 */
export async function subscribe(trx: Tx, deps: Deps, s: { noticeId: string; contactId: string; customerNumber: string; lang: Lang; ticketId?: string }): Promise<void> {
  await findNotice(trx, s.noticeId);
  const at = deps.clock.now().toISOString();
  await trx.insertInto('notice_subscriptions')
    .values({ notice_id: s.noticeId, contact_id: s.contactId, customer_number: s.customerNumber, lang: s.lang, ticket_id: s.ticketId ?? null, created_at: at })
    .onConflict((oc) => (s.ticketId
      ? oc.columns(['notice_id', 'contact_id']).doUpdateSet({ ticket_id: (eb) => eb.fn.coalesce('notice_subscriptions.ticket_id', eb.val(s.ticketId!)) })
      : oc.columns(['notice_id', 'contact_id']).doNothing()))
    .execute();
  emitEvent(trx, { name: 'notice', customerNumber: s.customerNumber, data: { id: s.noticeId } }, at);
}

export async function unsubscribe(trx: Tx, deps: Deps, s: { noticeId: string; contactId: string; customerNumber: string }): Promise<void> {
  await findNotice(trx, s.noticeId);
  const gone = await trx.deleteFrom('notice_subscriptions').where('notice_id', '=', s.noticeId).where('contact_id', '=', s.contactId).executeTakeFirst();
  if (Number(gone.numDeletedRows) > 0) emitEvent(trx, { name: 'notice', customerNumber: s.customerNumber, data: { id: s.noticeId } }, deps.clock.now().toISOString());
}

/** Who subscribed, oldest first, with their company and the ticket they filed for it (agents only). */
export async function listSubscribers(db: Conn, noticeId: string): Promise<NoticeSubscriber[]> {
  await findNotice(db, noticeId);
  const rows = await db.selectFrom('notice_subscriptions as s')
    .innerJoin('contacts as c', 'c.id', 's.contact_id')
    .innerJoin('customers as cu', 'cu.number', 's.customer_number')
    .leftJoin('tickets as t', 't.id', 's.ticket_id')
    .select(['c.id as contactId', 'c.name', 'c.email', 'cu.number', 'cu.name as customerName', 's.created_at', 's.lang', 't.id as ticketId', 't.number as ticketNumber'])
    .where('s.notice_id', '=', noticeId).orderBy('s.created_at').orderBy('c.name').execute();
  return rows.map((r) => ({
    contact: { id: r.contactId, name: r.name, email: r.email }, customer: { number: r.number, name: r.customerName },
    subscribedAt: r.created_at, lang: r.lang === 'en' ? 'en' : 'de', ticket: r.ticketId && r.ticketNumber ? { id: r.ticketId, number: r.ticketNumber } : null,
  }));
}
