/**
 * The credit's ledger. Every change of a customer's credit goes through `moveCredit`, which changes
 * the credit and writes the movement with the balance after it in one transaction — so the statement
 * can never disagree with the credit the badge shows. Free bookings are movements of 0 minutes: the
 * statement shows the work, and that it cost nothing.
 */
import { type MovementKind, STATEMENT_TIME_ZONE } from '../../src/domain/statement.js';
import type { Conn, Tx } from '../db.js';
import type { Deps } from '../deps.js';
import { newId } from '../ids.js';
import { ApiError, textIn, type Lang } from '../problem.js';
import type { Credit, Statement, StatementEntry } from '../types.js';
import { getCustomer } from './customers.js';
import { watchCredit } from './credit-watch.js';

export interface Movement {
  customerNumber: string;
  kind: MovementKind;
  /** Signed: + bought or corrected up, − charged, 0 free. */
  minutes: number;
  at: string;
  /** The minutes worked behind a booking (before rounding per started unit, or free). */
  workedMinutes?: number | null;
  ticketId?: string | null;
  orderId?: string | null;
  note?: string;
}

/**
 * Adds `minutes` (negative: subtracts) and records the movement. The UPDATE takes the customer's row
 * lock even for 0 minutes, so movements are numbered (`seq`) in the order their balances follow.
 * Credit may go below zero. Then the low-credit watch runs (credit-watch.ts); the credit returned
 * includes an automatic top-up it placed.
 */
export async function moveCredit(trx: Tx, deps: Deps, m: Movement): Promise<Credit> {
  const row = await trx.updateTable('customers')
    .set((eb) => ({
      credit_minutes: eb('credit_minutes', '+', m.minutes),
      // A free booking does not change the credit, so it does not date it either.
      credit_updated_at: m.minutes !== 0 ? m.at : eb.ref('credit_updated_at'),
    }))
    .where('number', '=', m.customerNumber)
    .returning(['credit_minutes', 'credit_updated_at'])
    .executeTakeFirst();
  if (!row) throw new ApiError(404, 'not_found');
  await trx.insertInto('credit_movements').values({
    id: newId('mov'), customer_number: m.customerNumber, at: m.at, kind: m.kind, minutes: m.minutes, balance_after: row.credit_minutes,
    worked_minutes: m.workedMinutes ?? null, ticket_id: m.ticketId ?? null, order_id: m.orderId ?? null, note: m.note ?? '',
  }).execute();
  // A free booking (0 minutes) moves nothing to warn about.
  const topped = m.minutes !== 0 ? await watchCredit(trx, deps, m.customerNumber, row.credit_minutes, m.at) : undefined;
  return topped === undefined ? { minutes: row.credit_minutes, updatedAt: row.credit_updated_at } : { minutes: topped, updatedAt: m.at };
}

/**
 * Writes the ledger of customers that have none yet, from what the database holds: orders (+),
 * bookings (− charged, or 0 when free), in time order; whatever the credit holds beyond that is
 * carried forward as the first movement. Used by the migration that introduced the ledger (a
 * database with history) and by the demo seed (whose history is made up the same way).
 */
export async function reconstructLedger(db: Conn): Promise<void> {
  const customers = await db.selectFrom('customers').select(['number', 'credit_minutes', 'credit_updated_at'])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('credit_movements as m').select('m.seq').whereRef('m.customer_number', '=', 'customers.number'))))
    .execute();
  for (const c of customers) {
    // All columns: a cancelled order (status, from migration 0009) is credited and taken back; the
    // migration that introduced the ledger (0005) runs before that column exists.
    const orders = (await db.selectFrom('orders').selectAll().where('customer_number', '=', c.number).execute()) as Array<
      { id: string; minutes: number; created_at: string; status?: string; cancelled_at?: string | null; cancel_note?: string }
    >;
    const bookings = await db.selectFrom('time_entries as e').innerJoin('tickets as t', 't.id', 'e.ticket_id')
      .select(['e.ticket_id', 'e.date', 'e.minutes', 'e.billable', 'e.charged_minutes', 'e.seq'])
      .where('t.customer_number', '=', c.number).orderBy('e.date').orderBy('e.seq').execute();
    const moves: Array<Omit<Movement, 'customerNumber'>> = [
      ...orders.map((o) => ({ kind: 'order' as const, minutes: o.minutes, at: o.created_at, orderId: o.id })),
      ...orders.filter((o) => o.status === 'cancelled' && o.cancelled_at).map((o) => ({
        kind: 'correction' as const, minutes: -o.minutes, at: o.cancelled_at!, orderId: o.id, note: o.cancel_note ?? '',
      })),
      ...bookings.map((e) => ({
        kind: e.billable ? 'booking' as const : 'free' as const, minutes: -e.charged_minutes, at: e.date, workedMinutes: e.minutes, ticketId: e.ticket_id,
      })),
    ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const opening = c.credit_minutes - moves.reduce((s, m) => s + m.minutes, 0);
    if (opening !== 0) moves.unshift({ kind: 'opening', minutes: opening, at: moves[0]?.at ?? c.credit_updated_at });
    let balance = 0;
    // Ids by customer and place (stable, so the Storybook fixtures recorded from the seed stay the same).
    const rows = moves.map((m, i) => {
      balance += m.minutes;
      return {
        id: `mov_${c.number}_${i + 1}`, customer_number: c.number, at: m.at, kind: m.kind, minutes: m.minutes, balance_after: balance,
        worked_minutes: m.workedMinutes ?? null, ticket_id: m.ticketId ?? null, order_id: m.orderId ?? null, note: m.note ?? '',
      };
    });
    for (let i = 0; i < rows.length; i += 100) await db.insertInto('credit_movements').values(rows.slice(i, i + 100)).execute();
  }
}

/**
 * The statement of one month `[from, to)`: the balance before it, every movement in it in the order
 * the balance moved, and the balance at its end (for the current month: the credit now).
 */
export async function statementOf(db: Conn, customerNumber: string, month: string, from: Date, to: Date, lang: Lang): Promise<Statement> {
  const customer = await getCustomer(db, customerNumber);
  const fromIso = from.toISOString();
  const toIso = to.toISOString();
  const before = await db.selectFrom('credit_movements').select('balance_after').where('customer_number', '=', customerNumber)
    .where('at', '<', fromIso).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const rows = await db.selectFrom('credit_movements as m')
    .leftJoin('tickets as t', 't.id', 'm.ticket_id')
    .leftJoin('orders as o', 'o.id', 'm.order_id')
    // Whom the movement is about: who filed the ticket, or who placed the order.
    .leftJoin('contacts as p', (j) => j.on((eb) => eb('p.id', '=', eb.fn.coalesce('t.contact_id', 'o.contact_id'))))
    .select(['m.id', 'm.at', 'm.kind', 'm.minutes', 'm.balance_after', 'm.worked_minutes', 'm.ticket_id', 'm.order_id', 'm.note',
      't.number as ticket_number', 't.subject as ticket_subject', 'o.name as order_name', 'o.name_en as order_name_en', 'p.id as contact_id', 'p.name as contact_name'])
    .where('m.customer_number', '=', customerNumber).where('m.at', '>=', fromIso).where('m.at', '<', toIso)
    .orderBy('m.seq').execute();
  const entries: StatementEntry[] = rows.map((r) => ({
    id: r.id, at: r.at, kind: r.kind as MovementKind, minutes: r.minutes, balanceAfter: r.balance_after, workedMinutes: r.worked_minutes,
    ticketId: r.ticket_id, ticketNumber: r.ticket_number, ticketSubject: r.ticket_subject, orderId: r.order_id, orderName: r.order_name === null ? null : textIn(lang, r.order_name, r.order_name_en), note: r.note,
    contact: r.contact_id ? { id: r.contact_id, name: r.contact_name ?? '' } : null,
  }));
  const opening = before?.balance_after ?? 0;
  return {
    month, timeZone: STATEMENT_TIME_ZONE, from: fromIso, to: toIso,
    customer: { number: customer.number, name: customer.name },
    openingMinutes: opening,
    closingMinutes: entries.at(-1)?.balanceAfter ?? opening,
    totals: {
      creditedMinutes: entries.reduce((s, e) => s + Math.max(0, e.minutes), 0),
      chargedMinutes: entries.reduce((s, e) => s - Math.min(0, e.minutes), 0),
      freeMinutes: entries.reduce((s, e) => s + (e.kind === 'free' ? e.workedMinutes ?? 0 : 0), 0),
    },
    entries,
  };
}
