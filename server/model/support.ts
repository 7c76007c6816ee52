/**
 * What support (the agent) does to tickets and customers: answer, book time, change status or
 * category, renew a licence — each with its thread notice, mail and live events. The routes
 * (routes/agent.ts) validate input and call these inside the request's transaction.
 */
import { chargeBooking, isFreeCategory } from '../../src/domain/billing.js';
import type { TicketCategory, TicketStatus } from '../../src/domain/categories.js';
import { type Conn, noteMail, type Tx } from '../db.js';
import type { Deps } from '../deps.js';
import { newId } from '../ids.js';
import { becameBillableMail, reclassifiedNotice, statusChangedMail, statusNotice, supportRepliedMail, SYSTEM_AUTHOR } from '../mail-texts.js';
import { ApiError, type Lang } from '../problem.js';
import { type StoredUpload, storeAttachments } from '../uploads.js';
import type { AgentCustomer, AgentTicketDetail, Credit, Message, Offer, OutboxMail, TimeEntry } from '../types.js';
import { creditChanged, getCustomer, lockCustomer, toCredit } from './customers.js';
import { moveCredit } from './ledger.js';
import { issueOffer, listOffers, openOffer } from './offers.js';
import {
  anyTicket, getMessage, insertMessage, lockTicket, messageAdded, statusColumns, ticketChanged, ticketDetail, type TicketRow, toTimeEntry,
} from './tickets.js';
import { sendMail, recipientOf } from './notifications.js';


/** The ticket as support sees it: with the customer and their credit. */
export async function agentDetail(conn: Conn, id: string, now: Date): Promise<AgentTicketDetail> {
  const detail = await ticketDetail(conn, id, now);
  const customer = await getCustomer(conn, (await anyTicket(conn, id)).customer_number);
  return { ...detail, customer: { number: customer.number, name: customer.name, email: customer.email }, credit: toCredit(customer) };
}

export async function listCustomers(db: Conn, now: Date): Promise<AgentCustomer[]> {
  const rows = await db.selectFrom('customers').selectAll().orderBy('number').execute();
  return Promise.all(rows.map(async (r) => ({
    number: r.number, name: r.name, email: r.email, credit: toCredit(r), openOfferId: (await openOffer(db, r.number, now))?.id ?? null,
  })));
}

/** One customer with what the desk's customer panel shows: credit, every offer (open, expired, ordered). */
export async function customerView(db: Conn, number: string, now: Date, lang: Lang) {
  const customer = await getCustomer(db, number);
  const offers = await listOffers(db, customer.number, now, lang);
  return { customer: { number: customer.number, name: customer.name, email: customer.email }, credit: toCredit(customer), offers };
}

interface OutboxRowView {
  id: string; to_addr: string; cc: string; subject: string; body: string; created_at: string;
  sent_at: string | null; failed_at: string | null; attempts: number; error: string | null;
}

/** A failed mail keeps its last error beside the state, so the desk can say why. */
const toOutboxMail = (r: OutboxRowView): OutboxMail => ({
  id: r.id, to: r.to_addr, cc: JSON.parse(r.cc) as string[], subject: r.subject, body: r.body, createdAt: r.created_at,
  status: r.sent_at ? 'sent' : r.failed_at ? 'failed' : 'queued', attempts: r.attempts, error: r.error, sentAt: r.sent_at,
});

/** The newest mails with their delivery state. */
export async function listOutbox(db: Conn): Promise<OutboxMail[]> {
  const rows = await db.selectFrom('outbox').selectAll().orderBy('created_at', 'desc').orderBy('seq', 'desc').limit(100).execute();
  return rows.map(toOutboxMail);
}

/** A failed mail back to the relay with a fresh set of attempts (409 when it is not failed). */
export async function resendMail(trx: Tx, deps: Deps, id: string): Promise<OutboxMail> {
  const row = await trx.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ApiError(404, 'not_found');
  if (!row.failed_at) throw new ApiError(409, row.sent_at ? 'mail_sent' : 'mail_pending');
  const at = deps.clock.now().toISOString();
  await trx.updateTable('outbox').set({ failed_at: null, attempts: 0, next_attempt_at: at, claimed_until: null }).where('id', '=', id).execute();
  noteMail(trx);
  return toOutboxMail({ ...row, failed_at: null, attempts: 0 });
}

/** A licence renewal: a loyalty offer, unless one is open (409 offer_open) or no package is chosen for it (409 no_offer_package). */
export async function renewLicence(trx: Tx, deps: Deps, number: string): Promise<Offer> {
  // Locked, so "no offer open" still holds when the new one is written (one open offer per customer).
  await lockCustomer(trx, number);
  if (await openOffer(trx, number, deps.clock.now())) throw new ApiError(409, 'offer_open');
  // The customer's language is not known outside a ticket: German, the default.
  const offer = await issueOffer(trx, deps, number, 'renewal', deps.clock.now(), 'de');
  if (!offer) throw new ApiError(409, 'no_offer_package');
  return offer;
}

/**
 * Help text: when credit runs out the customer automatically gets a loyalty offer — unless one is
 * open. The caller holds the customer's lock, so two bookings cannot both issue one. The offer's
 * mail is in the language of the ticket that used the credit up.
 */
async function offerIfExhausted(trx: Tx, deps: Deps, t: TicketRow, credit: Credit, charged: number): Promise<Offer | null> {
  const now = deps.clock.now();
  if (charged <= 0 || credit.minutes > 0 || (await openOffer(trx, t.customer_number, now))) return null;
  return issueOffer(trx, deps, t.customer_number, 'credit_exhausted', now, t.lang);
}

/** Support's answer in the thread (text and/or images and files); the ticket takes `status` and the customer gets a mail. */
export async function addSupportReply(
  trx: Tx, deps: Deps, r: { ticket: TicketRow; agent: { contactId: string; name: string }; body: string; status: TicketStatus; uploads: readonly StoredUpload[] },
): Promise<Message> {
  const { ticket } = r;
  const at = deps.clock.now().toISOString();
  // Locked first (ticket before customer, as everywhere): closing or reopening follows from the current status.
  const current = await lockTicket(trx, ticket.id);
  const id = newId('msg');
  await insertMessage(trx, { id, ticketId: ticket.id, author: 'support', authorName: r.agent.name, body: r.body, kind: 'message', at, contactId: r.agent.contactId });
  await storeAttachments(trx, deps.clock, id, ticket.customer_number, r.uploads, deps.limits.uploadQuotaBytes);
  await trx.updateTable('tickets').set(statusColumns(current, r.status, at)).where('id', '=', ticket.id).execute();
  const to = await recipientOf(trx, ticket);
  await sendMail(trx, deps, to, 'supportReplied', supportRepliedMail(to.lang, { name: to.name, number: ticket.number, subject: ticket.subject }));
  messageAdded(trx, ticket, id, at);
  ticketChanged(trx, ticket, r.status, at);
  return getMessage(trx, id);
}

/**
 * Books support time: billable unless the category is free (or `billable` says otherwise), charged
 * against the credit as it is under the customer's lock; an offer follows when credit runs out.
 */
export async function bookTime(
  trx: Tx, deps: Deps, b: { ticketId: string; minutes: number; note: string; billable: boolean | undefined },
): Promise<{ timeEntry: TimeEntry; credit: Credit; offer: Offer | null; ticket: AgentTicketDetail }> {
  const at = deps.clock.now().toISOString();
  // Ticket, then customer (always this order): the category decides billable, the credit the split.
  const current = await lockTicket(trx, b.ticketId);
  const before = (await lockCustomer(trx, current.customer_number)).credit_minutes;
  const billable = b.billable ?? !isFreeCategory(current.category);
  const charge = chargeBooking({ minutes: b.minutes, billable }, before);
  const entry = {
    id: newId('tim'), ticket_id: current.id, date: at, minutes: b.minutes, billable: billable ? 1 : 0, note: b.note,
    charged_minutes: charge.charged, from_credit_minutes: charge.fromCredit, uncovered_minutes: charge.uncovered,
  };
  await trx.insertInto('time_entries').values(entry).execute();
  await trx.updateTable('tickets').set({ updated_at: at }).where('id', '=', current.id).execute();
  // A free booking is a movement too (0 minutes): the statement shows the work and that it was free.
  const credit = await moveCredit(trx, deps, {
    customerNumber: current.customer_number, kind: billable ? 'booking' : 'free', minutes: -charge.charged, at, workedMinutes: b.minutes, ticketId: current.id,
  });
  if (charge.charged > 0) creditChanged(trx, current.customer_number, credit);
  ticketChanged(trx, current, current.status, at);
  const offer = await offerIfExhausted(trx, deps, current, credit, charge.charged);
  return { timeEntry: toTimeEntry(entry), credit, offer, ticket: await agentDetail(trx, current.id, deps.clock.now()) };
}

/** A new status, with its notice in the thread; the same status again changes nothing. */
export async function setStatus(trx: Tx, deps: Deps, ticketId: string, status: TicketStatus): Promise<AgentTicketDetail> {
  const current = await lockTicket(trx, ticketId);
  if (status !== current.status) {
    const at = deps.clock.now().toISOString();
    await trx.updateTable('tickets').set(statusColumns(current, status, at)).where('id', '=', ticketId).execute();
    await insertMessage(trx, { id: newId('msg'), ticketId, author: 'system', authorName: SYSTEM_AUTHOR, body: statusNotice(current.lang, status), kind: 'status', at });
    const to = await recipientOf(trx, current);
    await sendMail(trx, deps, to, 'statusChanged', statusChangedMail(to.lang, { name: to.name, number: current.number, subject: current.subject, status }));
    ticketChanged(trx, current, status, at);
  }
  return agentDetail(trx, ticketId, deps.clock.now());
}

/**
 * A new category. "Wenn es kein Programmfehler sein sollte": from a free category to a billable one,
 * the free time booked so far becomes billable and is charged now, against the credit as it is under
 * the customer's lock, and the customer is told by mail too, since from now on the ticket costs credit.
 */
export async function reclassify(trx: Tx, deps: Deps, ticketId: string, category: TicketCategory): Promise<AgentTicketDetail> {
  const current = await lockTicket(trx, ticketId);
  // A second "not a bug" (a colleague was faster, a stale page) changes nothing and says why.
  if (category === current.category) {
    throw new ApiError(422, 'validation_failed', { errors: [{ field: 'category', code: current.reclassified_at ? 'already_reclassified' : 'unchanged' }] });
  }
  const at = deps.clock.now().toISOString();
  const number = current.customer_number;
  const from = current.category;
  const becomesBillable = isFreeCategory(from) && !isFreeCategory(category);
  let charged = 0;
  let worked = 0;
  if (becomesBillable) {
    let credit = (await lockCustomer(trx, number)).credit_minutes;
    const free = await trx.selectFrom('time_entries').select(['id', 'minutes']).where('ticket_id', '=', ticketId).where('billable', '=', 0)
      .orderBy('date').orderBy('seq').execute();
    for (const e of free) {
      const charge = chargeBooking({ minutes: e.minutes, billable: true }, credit);
      await trx.updateTable('time_entries')
        .set({ billable: 1, charged_minutes: charge.charged, from_credit_minutes: charge.fromCredit, uncovered_minutes: charge.uncovered })
        .where('id', '=', e.id).execute();
      credit -= charge.charged;
      charged += charge.charged;
      worked += e.minutes;
    }
  }
  await trx.updateTable('tickets')
    .set((eb) => ({ category, original_category: eb.fn.coalesce('original_category', eb.val(from)), reclassified_at: at, updated_at: at }))
    .where('id', '=', ticketId).execute();
  const body = reclassifiedNotice(current.lang, from, category, becomesBillable);
  await insertMessage(trx, { id: newId('msg'), ticketId, author: 'system', authorName: SYSTEM_AUTHOR, body, kind: 'reclassified', at });
  // One movement for the ticket's time charged afterwards; its free bookings stay in the ledger as they were.
  const credit = worked > 0
    ? await moveCredit(trx, deps, { customerNumber: number, kind: 'reclassification', minutes: -charged, at, workedMinutes: worked, ticketId })
    : toCredit(await getCustomer(trx, number));
  if (charged > 0) {
    creditChanged(trx, number, credit);
    await offerIfExhausted(trx, deps, current, credit, charged);
  }
  if (becomesBillable) {
    const to = await recipientOf(trx, current);
    const text = becameBillableMail(to.lang, {
      name: to.name, number: current.number, subject: current.subject, category, chargedMinutes: charged, creditMinutes: credit.minutes,
    });
    await sendMail(trx, deps, to, 'statusChanged', text);
  }
  ticketChanged(trx, current, current.status, at);
  return agentDetail(trx, ticketId, deps.clock.now());
}

/** A correction of the credit by the support team (a goodwill refund, time booked on the wrong customer), with its reason for the statement. */
export async function correctCredit(trx: Tx, deps: Deps, c: { customerNumber: string; minutes: number; note: string }): Promise<Credit> {
  const at = deps.clock.now().toISOString();
  const credit = await moveCredit(trx, deps, { customerNumber: c.customerNumber, kind: 'correction', minutes: c.minutes, at, note: c.note });
  creditChanged(trx, c.customerNumber, credit);
  return credit;
}
