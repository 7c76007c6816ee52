/**
 * The customer closes a ticket ("Problem gelöst") and rates the help on it; support reads the
 * ratings per ticket and on average. Writes run inside the request's transaction.
 */
import type { Conn, Tx } from '../db.js';
import type { Deps } from '../deps.js';
import { newId } from '../ids.js';
import { closedByCustomerNotice, SYSTEM_AUTHOR } from '../mail-texts.js';
import { assertRatable, ratingStatsOf } from '../rules/tickets.js';
import type { RatingStats, TicketDetail } from '../types.js';
import { insertMessage, lockTicket, statusColumns, ticketChanged, ticketDetail } from './tickets.js';

/** Closes the ticket with a notice naming who did; an already closed ticket is answered as it is (a retry, a second tab). */
export async function closeTicket(trx: Tx, deps: Deps, ticketId: string, by: { contactId: string; name: string }): Promise<TicketDetail> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const current = await lockTicket(trx, ticketId);
  if (current.status !== 'closed') {
    await trx.updateTable('tickets').set(statusColumns(current, 'closed', at)).where('id', '=', ticketId).execute();
    await insertMessage(trx, { id: newId('msg'), ticketId, author: 'system', authorName: SYSTEM_AUTHOR, body: closedByCustomerNotice(current.lang, by.name), kind: 'status', at });
    ticketChanged(trx, current, 'closed', at);
  }
  return ticketDetail(trx, ticketId, now);
}

/**
 * The rating of a closed ticket: one per ticket, a later one replaces the earlier (the customer
 * changed their mind; the same rating sent twice stays one). Locked with the ticket, so a reply
 * reopening it at the same moment wins or loses as a whole. The event lets the desk update live.
 */
export async function rateTicket(
  trx: Tx, deps: Deps, ticketId: string, r: { score: number; comment: string; contactId: string },
): Promise<TicketDetail> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const current = await lockTicket(trx, ticketId);
  assertRatable(current.status);
  const row = { score: r.score, comment: r.comment, contact_id: r.contactId, rated_at: at };
  await trx.insertInto('ticket_ratings').values({ ticket_id: ticketId, ...row })
    .onConflict((oc) => oc.column('ticket_id').doUpdateSet(row))
    .execute();
  ticketChanged(trx, current, current.status, current.updated_at);
  return ticketDetail(trx, ticketId, now);
}

/** Every rating (or one customer's): how many, the mean to one decimal, and how many per score. */
export async function ratingStats(db: Conn, customerNumber?: string): Promise<RatingStats> {
  const rows = await db.selectFrom('ticket_ratings as r').innerJoin('tickets as t', 't.id', 'r.ticket_id')
    .select((eb) => ['r.score', eb.fn.countAll<number>().as('n')])
    .$if(!!customerNumber, (q) => q.where('t.customer_number', '=', customerNumber!))
    .groupBy('r.score').execute();
  return ratingStatsOf(rows.map((r) => ({ score: Number(r.score), n: Number(r.n) })));
}
