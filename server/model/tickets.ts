/**
 * Tickets: listing with keyset paging, the detail view (thread, time, billing, queue), numbering,
 * and what a customer writes (a new ticket, a reply) with its mail and events. Support's writes
 * are in support.ts.
 */
import type { TicketCategory, TicketStatus, Urgency } from '../../src/domain/categories.js';
import { type RawBuilder, sql, type SqlBool } from 'kysely';
import { closedAtAfter, closingOf, REOPEN_DAYS, replyEffect } from '../../src/domain/closing.js';
import { DAY_MS } from '../clock.js';
import { type Conn, dialectOf, emitEvent, type Tx } from '../db.js';
import type { Deps } from '../deps.js';
import { newId } from '../ids.js';
import { followUpNotice, SYSTEM_AUTHOR, ticketReceivedMail } from '../mail-texts.js';
import { recipientByEmail, sendMail } from './notifications.js';
import { ApiError, type Lang } from '../problem.js';
import { billingOf, followUpInput, statusAfterCustomerReply, type TicketInput } from '../rules/tickets.js';
import type { Message, TicketDetail, TicketRef, TicketSummary, TimeEntry } from '../types.js';
import { type AttachmentRow, type StoredUpload, storeAttachments, toAttachment } from '../uploads.js';
import type { ErpDiagnostics } from '../../src/domain/diagnostics.js';
import { likePattern } from '../validate.js';
import { getCustomer, lockCustomer, PRICING } from './customers.js';

export interface TicketRow {
  id: string;
  number: string;
  customer_number: string;
  category: TicketCategory;
  status: TicketStatus;
  urgency: Urgency;
  subject: string;
  description: string;
  program: string;
  program_version: string;
  window: string;
  error_message: string;
  hangs_at: string;
  last_action: string;
  called_before: number;
  cc: string;
  phone: string;
  phone_availability: string;
  original_category: TicketCategory | null;
  reclassified_at: string | null;
  customer_seen_at: string | null;
  created_at: string;
  updated_at: string;
  lang: Lang;
  contact_id: string | null;
  closed_at: string | null;
  follow_up_of: string | null;
}

/** Row plus the computed list columns. */
interface ListRow extends TicketRow {
  booked: number;
  unread: number;
  customer_name: string;
  contact_name: string | null;
  rating_score: number | null;
  rating_comment: string | null;
  rated_at: string | null;
  rated_by_id: string | null;
  rated_by_name: string | null;
  follow_up_of_number: string | null;
  followed_by_id: string | null;
  followed_by_number: string | null;
}

// Summary columns shared by list and detail so both agree on `unread` and `bookedMinutes`. Counts
// and flags are cast to integers so both databases return numbers (PostgreSQL: bigint, boolean).
function summaryQuery(db: Conn) {
  return db.selectFrom('tickets as t')
    .innerJoin('customers as c', 'c.number', 't.customer_number')
    .leftJoin('contacts as p', 'p.id', 't.contact_id')
    .leftJoin('ticket_ratings as r', 'r.ticket_id', 't.id')
    .leftJoin('contacts as rp', 'rp.id', 'r.contact_id')
    .leftJoin('tickets as prev', 'prev.id', 't.follow_up_of')
    .selectAll('t')
    .select([
      'c.name as customer_name',
      'p.name as contact_name',
      'r.score as rating_score',
      'r.comment as rating_comment',
      'r.rated_at as rated_at',
      'r.contact_id as rated_by_id',
      'rp.name as rated_by_name',
      'prev.number as follow_up_of_number',
      // The newest ticket that continues this one (a second late reply starts another).
      sql<string | null>`(SELECT n.id FROM tickets n WHERE n.follow_up_of = t.id ORDER BY n.created_at DESC, n.id DESC LIMIT 1)`.as('followed_by_id'),
      sql<string | null>`(SELECT n.number FROM tickets n WHERE n.follow_up_of = t.id ORDER BY n.created_at DESC, n.id DESC LIMIT 1)`.as('followed_by_number'),
      sql<number>`(SELECT CAST(COALESCE(SUM(e.minutes), 0) AS INTEGER) FROM time_entries e WHERE e.ticket_id = t.id)`.as('booked'),
      sql<number>`CASE WHEN EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id AND m.author = 'support'
        AND (t.customer_seen_at IS NULL OR m.created_at > t.customer_seen_at)) THEN 1 ELSE 0 END`.as('unread'),
    ]);
}

export function toSummary(r: ListRow): TicketSummary {
  return {
    id: r.id,
    number: r.number,
    subject: r.subject,
    category: r.category,
    status: r.status,
    urgency: r.urgency,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    bookedMinutes: r.booked,
    unread: r.unread === 1,
    contact: r.contact_id ? { id: r.contact_id, name: r.contact_name ?? '' } : null,
    closedAt: r.closed_at,
    rating: r.rating_score === null || r.rated_at === null ? null : {
      score: Number(r.rating_score), comment: r.rating_comment ?? '', ratedAt: r.rated_at,
      ratedBy: r.rated_by_id ? { id: r.rated_by_id, name: r.rated_by_name ?? '' } : null,
    },
    followUpOf: r.follow_up_of ? { id: r.follow_up_of, number: r.follow_up_of_number ?? '' } : null,
    followedBy: r.followed_by_id ? { id: r.followed_by_id, number: r.followed_by_number ?? '' } : null,
  };
}

export interface ListQuery {
  customerNumber?: string;
  /** Only this contact's tickets (a member under `ticketVisibility: own`, or an admin's filter by person). */
  contactId?: string | undefined;
  statuses: readonly TicketStatus[];
  /** The agent's queue filters; the customer's list leaves them unset. */
  categories?: readonly TicketCategory[];
  urgency?: Urgency | undefined;
  q: string;
  cursor: string | undefined;
  limit: number;
  /**
   * `activity` (default): newest activity first, the customer's list. `queue`: the order support
   * works them in (help text: "der Reihe nach, … nach Wichtigkeit") — urgent first, then by arrival.
   */
  order?: 'activity' | 'queue';
}

export function encodeCursor(r: { updated_at: string; id: string }): string {
  return Buffer.from(JSON.stringify([r.updated_at, r.id])).toString('base64url');
}

/** The queue's cursor: urgency rank (0 urgent, 1 normal), arrival, id. */
function encodeQueueCursor(r: { urgency: Urgency; created_at: string; id: string }): string {
  return Buffer.from(JSON.stringify([urgencyRank(r.urgency), r.created_at, r.id])).toString('base64url');
}

const urgencyRank = (u: Urgency) => (u === 'urgent' ? 0 : 1);

function decodeCursor(cursor: string, length = 2): string[] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === length && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.map(String);
  } catch {
    // fall through to the field error
  }
  throw new ApiError(422, 'validation_failed', { errors: [{ field: 'cursor', code: 'invalid_value' }] });
}

function listFilter(db: Conn, query: ListQuery): RawBuilder<SqlBool> {
  const parts = [sql`1 = 1`];
  if (query.customerNumber) parts.push(sql`t.customer_number = ${query.customerNumber}`);
  if (query.contactId) parts.push(sql`t.contact_id = ${query.contactId}`);
  if (query.statuses.length) parts.push(sql`t.status IN (${sql.join([...query.statuses])})`);
  if (query.categories?.length) parts.push(sql`t.category IN (${sql.join([...query.categories])})`);
  if (query.urgency) parts.push(sql`t.urgency = ${query.urgency}`);
  if (query.q) {
    // SQLite's LIKE ignores ASCII case; PostgreSQL's needs ILIKE for the same.
    const like = dialectOf(db) === 'postgres' ? sql`ILIKE` : sql`LIKE`;
    const p = likePattern(query.q);
    parts.push(sql`(t.number ${like} ${p} ESCAPE '\\' OR t.subject ${like} ${p} ESCAPE '\\' OR t.description ${like} ${p} ESCAPE '\\'
      OR EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id AND m.body ${like} ${p} ESCAPE '\\'))`);
  }
  return sql<SqlBool>`${sql.join(parts, sql` AND `)}`;
}

const URGENCY_RANK = sql<number>`CASE WHEN t.urgency = 'urgent' THEN 0 ELSE 1 END`;

/**
 * One page in the query's order; ties broken by id so keyset paging never skips or repeats a row.
 * `activity`: newest activity first. `queue`: urgent first, then oldest arrival first.
 */
export async function listTickets(db: Conn, query: ListQuery): Promise<{ rows: ListRow[]; nextCursor: string | null; total: number }> {
  const filter = listFilter(db, query);
  const total = (await db.selectFrom('tickets as t').select(sql<number>`CAST(COUNT(*) AS INTEGER)`.as('n')).where(filter).executeTakeFirstOrThrow()).n;
  let page = summaryQuery(db).where(filter);
  const queue = query.order === 'queue';
  if (query.cursor && queue) {
    const [rank, createdAt, id] = decodeCursor(query.cursor, 3) as [string, string, string];
    page = page.where(sql<SqlBool>`(${URGENCY_RANK} > ${Number(rank)} OR (${URGENCY_RANK} = ${Number(rank)}
      AND (t.created_at > ${createdAt} OR (t.created_at = ${createdAt} AND t.id > ${id}))))`);
  } else if (query.cursor) {
    const [updatedAt, id] = decodeCursor(query.cursor) as [string, string];
    page = page.where((eb) => eb.or([eb('t.updated_at', '<', updatedAt), eb.and([eb('t.updated_at', '=', updatedAt), eb('t.id', '<', id)])]));
  }
  const ordered = queue
    ? page.orderBy(URGENCY_RANK).orderBy('t.created_at').orderBy('t.id')
    : page.orderBy('t.updated_at', 'desc').orderBy('t.id', 'desc');
  const rows = (await ordered.limit(query.limit + 1).execute()) as ListRow[];
  const more = rows.length > query.limit;
  const items = more ? rows.slice(0, query.limit) : rows;
  const last = items[items.length - 1];
  const next = more && last ? (queue ? encodeQueueCursor(last) : encodeCursor(last)) : null;
  return { rows: items, nextCursor: next, total: Number(total) };
}

/**
 * The queue's counts under every filter but status: per status, and the urgent ones among the
 * open (new, in progress) — what the desk shows on its status filter.
 */
export async function countTickets(db: Conn, query: ListQuery): Promise<{ byStatus: Record<TicketStatus, number>; urgentOpen: number }> {
  const rows = await db.selectFrom('tickets as t').where(listFilter(db, { ...query, statuses: [] }))
    .select(['t.status', sql<number>`CAST(COUNT(*) AS INTEGER)`.as('n'),
      sql<number>`CAST(SUM(CASE WHEN t.urgency = 'urgent' AND t.status IN ('new', 'in_progress') THEN 1 ELSE 0 END) AS INTEGER)`.as('urgent')])
    .groupBy('t.status').execute();
  const byStatus: Record<TicketStatus, number> = { new: 0, in_progress: 0, waiting_for_customer: 0, closed: 0 };
  let urgentOpen = 0;
  for (const r of rows) {
    byStatus[r.status as TicketStatus] = Number(r.n);
    urgentOpen += Number(r.urgent);
  }
  return { byStatus, urgentOpen };
}

export function findTicket(db: Conn, id: string): Promise<TicketRow | undefined> {
  return db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst() as Promise<TicketRow | undefined>;
}

/** Whose tickets a contact may see: the company's (admins; members where the customer chose `company`) or only their own. */
export interface TicketScope { customerNumber: string; contactId?: string | undefined }

export async function ticketScope(db: Conn, p: { customerNumber: string; contactId: string; role: 'admin' | 'member' }): Promise<TicketScope> {
  if (p.role === 'admin') return { customerNumber: p.customerNumber };
  const c = await db.selectFrom('customers').select('ticket_visibility').where('number', '=', p.customerNumber).executeTakeFirst();
  return c?.ticket_visibility === 'company' ? { customerNumber: p.customerNumber } : { customerNumber: p.customerNumber, contactId: p.contactId };
}

/**
 * A ticket the scope may see, or 404 — another customer's ticket, or another member's under
 * `ticketVisibility: own`, is indistinguishable from a missing one.
 */
export async function customerTicket(db: Conn, id: string, scope: TicketScope): Promise<TicketRow> {
  const t = await findTicket(db, id);
  if (!t || t.customer_number !== scope.customerNumber || (scope.contactId && t.contact_id !== scope.contactId)) throw new ApiError(404, 'not_found');
  return t;
}

/** The ticket, locked until the transaction ends (PostgreSQL: FOR UPDATE), for writes that read it first. */
export async function lockTicket(trx: Tx, id: string): Promise<TicketRow> {
  const t = await trx.selectFrom('tickets').selectAll().where('id', '=', id)
    .$if(dialectOf(trx) === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
  if (!t) throw new ApiError(404, 'not_found');
  return t as TicketRow;
}

export async function anyTicket(db: Conn, id: string): Promise<TicketRow> {
  const t = await findTicket(db, id);
  if (!t) throw new ApiError(404, 'not_found');
  return t;
}

/** Place in the support queue while new or in progress: urgent ones first, then order of arrival. */
export async function queuePosition(db: Conn, t: TicketRow): Promise<number | null> {
  if (t.status !== 'new' && t.status !== 'in_progress') return null;
  const row = await db.selectFrom('tickets')
    .select(sql<number>`CAST(COUNT(*) AS INTEGER)`.as('n'))
    .where('status', 'in', ['new', 'in_progress'])
    .where('id', '!=', t.id)
    .where((eb) => {
      const earlier = eb.or([eb('created_at', '<', t.created_at), eb.and([eb('created_at', '=', t.created_at), eb('id', '<', t.id)])]);
      // An urgent ticket waits only behind earlier urgent ones; a normal one behind every urgent one too.
      return t.urgency === 'urgent' ? eb.and([eb('urgency', '=', 'urgent'), earlier]) : eb.or([eb('urgency', '=', 'urgent'), earlier]);
    })
    .executeTakeFirstOrThrow();
  return Number(row.n) + 1;
}

interface MessageRow { id: string; author: Message['author']; author_name: string; body: string; kind: Message['kind']; created_at: string; contact_id: string | null }
interface TimeRow {
  id: string; date: string; minutes: number; billable: number; note: string;
  charged_minutes: number; from_credit_minutes: number; uncovered_minutes: number;
}

export async function messagesOf(db: Conn, ticketId: string): Promise<Message[]> {
  const rows = await db.selectFrom('messages').selectAll().where('ticket_id', '=', ticketId).orderBy('created_at').orderBy('seq').execute();
  const atts = await db.selectFrom('attachments as a').innerJoin('messages as m', 'm.id', 'a.message_id')
    .selectAll('a').where('m.ticket_id', '=', ticketId).orderBy('a.seq').execute();
  return rows.map((m) => toMessage(m, atts.filter((a) => a.message_id === m.id)));
}

export async function getMessage(db: Conn, id: string): Promise<Message> {
  const m = await db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const atts = await db.selectFrom('attachments').selectAll().where('message_id', '=', id).orderBy('created_at').orderBy('seq').execute();
  return toMessage(m, atts);
}

function toMessage(m: MessageRow, atts: AttachmentRow[]): Message {
  // The customer's person (as named when writing); an agent's contact is the support team's business.
  const contact = m.author === 'customer' && m.contact_id ? { id: m.contact_id, name: m.author_name } : null;
  return { id: m.id, author: m.author, authorName: m.author_name, body: m.body, createdAt: m.created_at, kind: m.kind, attachments: atts.map(toAttachment), contact };
}

export function toTimeEntry(e: TimeRow): TimeEntry {
  return {
    id: e.id, date: e.date, minutes: e.minutes, billable: e.billable === 1, note: e.note,
    chargedMinutes: e.charged_minutes, fromCreditMinutes: e.from_credit_minutes, uncoveredMinutes: e.uncovered_minutes,
  };
}

export async function timeEntriesOf(db: Conn, ticketId: string): Promise<TimeEntry[]> {
  const rows = await db.selectFrom('time_entries').selectAll().where('ticket_id', '=', ticketId).orderBy('date').orderBy('seq').execute();
  return rows.map(toTimeEntry);
}

/** `now` (the server's clock) decides what a reply would do to a closed ticket. */
export async function ticketDetail(db: Conn, id: string, now: Date): Promise<TicketDetail> {
  const r = (await summaryQuery(db).where('t.id', '=', id).executeTakeFirst()) as ListRow | undefined;
  if (!r) throw new ApiError(404, 'not_found');
  const timeEntries = await timeEntriesOf(db, id);
  return {
    ...toSummary(r),
    description: r.description,
    program: r.program,
    programVersion: r.program_version,
    window: r.window,
    errorMessage: r.error_message,
    hangsAt: r.hangs_at,
    lastAction: r.last_action,
    calledBefore: r.called_before === 1,
    cc: r.cc,
    phone: r.phone,
    phoneAvailability: r.phone_availability,
    queuePosition: await queuePosition(db, r),
    originalCategory: r.original_category,
    reclassifiedAt: r.reclassified_at,
    messages: await messagesOf(db, id),
    timeEntries,
    billing: billingOf(timeEntries, PRICING.unitPrice),
    diagnostics: await diagnosticsOf(db, id),
    ...closingOf({ status: r.status, closedAt: r.closed_at }, now),
  };
}

/** What the ERP said about itself, as the customer sent it (its file also shows in the thread); `null` when not sent. */
async function diagnosticsOf(db: Conn, ticketId: string): Promise<TicketDetail['diagnostics']> {
  const d = await db.selectFrom('ticket_diagnostics').selectAll().where('ticket_id', '=', ticketId).executeTakeFirst();
  if (!d) return null;
  const file = d.file_attachment_id ? await db.selectFrom('attachments').selectAll().where('id', '=', d.file_attachment_id).executeTakeFirst() : undefined;
  return { program: d.program, programVersion: d.program_version, os: d.os, database: d.database_version, log: d.log, file: file ? toAttachment(file) : null, sentAt: d.created_at };
}

/**
 * `T-<year>-<number>`, at least five digits, counting per year from a numeric counter row that is
 * bumped in one statement (upsert … returning) inside the creating transaction: two instances
 * never get the same number, a rolled-back create leaves no gap, and T-2026-99999 is followed by
 * T-2026-100000. The row stays locked until the transaction ends, so callers take the number as
 * late as they can (creates on several instances queue only for the rest of theirs).
 */
export async function nextTicketNumber(trx: Tx, at: Date): Promise<string> {
  const year = at.getUTCFullYear();
  const row = await trx.insertInto('ticket_counters').values({ year, last_number: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet((eb) => ({ last_number: eb('ticket_counters.last_number', '+', 1) })))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return `T-${year}-${String(row.last_number).padStart(5, '0')}`;
}

export async function insertMessage(
  trx: Tx,
  m: { id: string; ticketId: string; author: Message['author']; authorName: string; body: string; kind: Message['kind']; at: string; contactId?: string | null },
): Promise<void> {
  await trx.insertInto('messages')
    .values({ id: m.id, ticket_id: m.ticketId, author: m.author, author_name: m.authorName, body: m.body, kind: m.kind, created_at: m.at, contact_id: m.contactId ?? null })
    .execute();
}

/** The live events of a ticket's change and of a new message in its thread (the widgets reload on them). */
export function ticketChanged(trx: Tx, t: { id: string; customer_number: string }, status: TicketStatus, at: string): void {
  emitEvent(trx, { name: 'ticket', customerNumber: t.customer_number, data: { id: t.id, status, updatedAt: at } }, at);
}

export function messageAdded(trx: Tx, t: { id: string; customer_number: string }, messageId: string, at: string): void {
  emitEvent(trx, { name: 'message', customerNumber: t.customer_number, data: { ticketId: t.id, messageId } }, at);
}

/** Viewing the ticket is what makes support's replies "read". */
export async function markSeen(db: Conn, id: string, at: string): Promise<void> {
  await db.updateTable('tickets').set({ customer_seen_at: at }).where('id', '=', id).execute();
}

/** Tickets of the customer since `since` whose confirmation was mailed to a CC address. */
async function ccMailsSince(trx: Tx, customerNumber: string, since: Date): Promise<number> {
  const row = await trx.selectFrom('tickets as t').innerJoin('customers as c', 'c.number', 't.customer_number')
    .select(sql<number>`CAST(COUNT(*) AS INTEGER)`.as('n'))
    .where('t.customer_number', '=', customerNumber).where('t.cc', '<>', '')
    .where(sql<SqlBool>`lower(t.cc) <> lower(c.email)`).where('t.created_at', '>=', since.toISOString())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The customer's person who writes (recorded on the row; the confirmation goes to them). */
export interface Author { contactId: string; name: string; email: string }

export interface NewTicket {
  customerNumber: string;
  author: Author;
  /** Validated (readTicketInput + throwIfFormErrors): the category is set. */
  input: TicketInput & { category: TicketCategory };
  /** Images and files, in the order they are shown. */
  uploads: readonly StoredUpload[];
  /** The language the customer wrote in; the confirmation and later mails use it. */
  lang: Lang;
  /** The ERP's diagnostics, when the customer ticked "send"; its file is stored with the request's attachments. */
  diagnostics?: (ErpDiagnostics & { file?: StoredUpload }) | null;
  /** The closed ticket this one continues (a late reply to it). */
  followUpOf?: string;
}

/**
 * Creates the ticket with its first message (the request itself, carrying the images and files), takes its
 * number, queues the confirmation (to the CC address too) and the event. Inside the request's
 * transaction (runIdempotent).
 */
export async function createTicket(trx: Tx, deps: Deps, t: NewTicket): Promise<{ ticket: TicketDetail; emailedTo: string[] }> {
  const { input } = t;
  const now = deps.clock.now();
  const at = now.toISOString();
  const { author } = t;
  const cc = input.cc && input.cc.toLowerCase() !== author.email.toLowerCase() ? [input.cc] : [];
  // The confirmation goes to the CC address from the vendor's mail server with a subject the
  // customer chose: capped, so a customer account cannot be used to mail strangers in bulk.
  // The customer's lock makes count and insert one step across instances.
  if (cc.length) await lockCustomer(trx, t.customerNumber);
  if (cc.length && (await ccMailsSince(trx, t.customerNumber, new Date(now.getTime() - DAY_MS))) >= deps.limits.ccMailsPerDay) {
    throw new ApiError(422, 'validation_failed', { errors: [{ field: 'cc', code: 'cc_daily_limit', params: { max: deps.limits.ccMailsPerDay } }] });
  }
  const id = newId('tkt');
  // A unique stand-in until the number is taken at the end (see nextTicketNumber).
  await trx.insertInto('tickets').values({
    id, number: `pending-${id}`, customer_number: t.customerNumber, category: input.category, status: 'new', urgency: input.urgency,
    subject: input.subject, description: input.description, program: input.program, program_version: input.programVersion,
    window: input.window, error_message: input.errorMessage, hangs_at: input.hangsAt, last_action: input.lastAction,
    called_before: input.calledBefore ? 1 : 0, cc: input.cc, phone: input.phone, phone_availability: input.phoneAvailability,
    lang: t.lang, created_at: at, updated_at: at, contact_id: author.contactId, follow_up_of: t.followUpOf ?? null,
  }).execute();
  const messageId = newId('msg');
  await insertMessage(trx, { id: messageId, ticketId: id, author: 'customer', authorName: author.name, body: input.description, kind: 'message', at, contactId: author.contactId });
  const d = t.diagnostics;
  const ids = await storeAttachments(trx, deps.clock, messageId, t.customerNumber, d?.file ? [...t.uploads, d.file] : t.uploads, deps.limits.uploadQuotaBytes);
  if (d) {
    await trx.insertInto('ticket_diagnostics').values({
      ticket_id: id, program: d.program, program_version: d.programVersion, os: d.os, database_version: d.database, log: d.log,
      file_attachment_id: d.file ? ids[ids.length - 1]! : null, created_at: at,
    }).execute();
  }
  const number = await nextTicketNumber(trx, now);
  await trx.updateTable('tickets').set({ number }).where('id', '=', id).execute();

  // One mail per recipient (each with its own unsubscribe link), to those who have not switched it off.
  const emailedTo: string[] = [];
  const confirm = { number, subject: input.subject, urgent: input.urgency === 'urgent' };
  const self = { key: author.contactId, customerNumber: t.customerNumber, name: author.name, email: author.email, lang: t.lang };
  if (await sendMail(trx, deps, self, 'ticketConfirmation', ticketReceivedMail(t.lang, { name: author.name, ...confirm }))) emailedTo.push(author.email);
  for (const address of cc) {
    const to = await recipientByEmail(trx, t.customerNumber, address, t.lang);
    // A copy of the author's confirmation (greeting the author, as before): its reader is in the loop, not the addressee.
    if (await sendMail(trx, deps, to, 'ticketConfirmation', ticketReceivedMail(t.lang, { name: author.name, ...confirm }))) emailedTo.push(address);
  }
  ticketChanged(trx, { id, customer_number: t.customerNumber }, 'new', at);
  return { ticket: await ticketDetail(trx, id, now), emailedTo };
}

/** A status change's columns; `closed_at` follows the shared rule (`closedAtAfter`: stamped on closing, cleared on opening). */
export function statusColumns(current: TicketRow, to: TicketStatus, at: string): { status: TicketStatus; updated_at: string; closed_at: string | null } {
  return { status: to, updated_at: at, closed_at: closedAtAfter({ status: current.status, closedAt: current.closed_at }, to, at) };
}

export interface CustomerReply { ticket: TicketRow; author: Author; body: string; uploads: readonly StoredUpload[]; lang: Lang }

/**
 * The customer's reply: the message with its images and files, the status it leads to, the events.
 * On a ticket closed within the last 14 days it reopens it; on one closed longer ago it starts a new
 * ticket linked to the old one instead (`followUp`), with the reply as its request.
 */
export async function addCustomerReply(trx: Tx, deps: Deps, r: CustomerReply): Promise<{ message: Message; followUp: TicketRef | null }> {
  const now = deps.clock.now();
  const at = now.toISOString();
  // Locked: the new status follows from the current one, which an agent may be changing right now.
  const current = await lockTicket(trx, r.ticket.id);
  if (replyEffect({ status: current.status, closedAt: current.closed_at }, now) === 'follow_up') return startFollowUp(trx, deps, current, r, at);
  const id = newId('msg');
  await insertMessage(trx, { id, ticketId: current.id, author: 'customer', authorName: r.author.name, body: r.body, kind: 'message', at, contactId: r.author.contactId });
  await storeAttachments(trx, deps.clock, id, current.customer_number, r.uploads, deps.limits.uploadQuotaBytes);
  const status = statusAfterCustomerReply(current.status);
  await trx.updateTable('tickets').set(statusColumns(current, status, at)).where('id', '=', current.id).execute();
  messageAdded(trx, current, id, at);
  ticketChanged(trx, current, status, at);
  return { message: await getMessage(trx, id), followUp: null };
}

/**
 * A reply too long after closing: a new ticket (same category, subject and program context; the
 * reply as its request, confirmed by mail like any new ticket) linked to the old one, whose thread
 * says where it went on.
 */
async function startFollowUp(trx: Tx, deps: Deps, old: TicketRow, r: CustomerReply, at: string): Promise<{ message: Message; followUp: TicketRef }> {
  const { ticket } = await createTicket(trx, deps, {
    customerNumber: old.customer_number, author: r.author, uploads: r.uploads, lang: r.lang, followUpOf: old.id,
    input: followUpInput({
      category: old.category, subject: old.subject, program: old.program, programVersion: old.program_version, window: old.window, phone: old.phone, phoneAvailability: old.phone_availability,
    }, r.body),
  });
  await insertMessage(trx, {
    id: newId('msg'), ticketId: old.id, author: 'system', authorName: SYSTEM_AUTHOR, body: followUpNotice(old.lang, ticket.number, REOPEN_DAYS), kind: 'status', at,
  });
  await trx.updateTable('tickets').set({ updated_at: at }).where('id', '=', old.id).execute();
  ticketChanged(trx, old, old.status, at);
  const message = ticket.messages[0];
  if (!message) throw new Error('unreachable: a new ticket has its request as first message');
  return { message, followUp: { id: ticket.id, number: ticket.number } };
}

/**
 * An attachment's row and bytes, if the caller may see it: a customer's person only on tickets of
 * their scope (a member under `own` visibility not another member's); support all (`scope` null).
 */
export async function readAttachment(db: Conn, id: string, scope: TicketScope | null): Promise<{ row: AttachmentRow; bytes: Buffer }> {
  const row: AttachmentRow | undefined = await db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || (scope !== null && row.customer_number !== scope.customerNumber)) throw new ApiError(404, 'not_found');
  if (scope) {
    const m = await db.selectFrom('messages').select('ticket_id').where('id', '=', row.message_id).executeTakeFirstOrThrow();
    await customerTicket(db, m.ticket_id, scope);
  }
  const blob = await db.selectFrom('attachment_blobs').select('bytes').where('attachment_id', '=', row.id).executeTakeFirstOrThrow();
  return { row, bytes: blob.bytes };
}
