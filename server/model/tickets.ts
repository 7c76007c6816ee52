/** Tickets: listing with keyset paging, the detail view (thread, time, billing, queue), numbering. */
import { payAsYouGoAmount } from '../../src/domain/billing.js';
import type { TicketCategory, TicketStatus, Urgency } from '../../src/domain/categories.js';
import type { DB } from '../db.js';
import { ApiError } from '../problem.js';
import type { Message, TicketBilling, TicketDetail, TicketSummary, TimeEntry } from '../types.js';
import { type AttachmentRow, toAttachment } from '../uploads.js';
import { likePattern } from '../validate.js';
import { CURRENCY, UNIT_PRICE_AMOUNT } from './customers.js';

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
}

/** Row plus the computed list columns. */
interface ListRow extends TicketRow {
  booked: number;
  unread: number;
  customer_name: string;
}

// Summary columns shared by list and detail so both agree on `unread` and `bookedMinutes`.
const SUMMARY_SELECT = `
  SELECT t.*, c.name AS customer_name,
    (SELECT COALESCE(SUM(e.minutes), 0) FROM time_entries e WHERE e.ticket_id = t.id) AS booked,
    EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id AND m.author = 'support'
            AND (t.customer_seen_at IS NULL OR m.created_at > t.customer_seen_at)) AS unread
  FROM tickets t JOIN customers c ON c.number = t.customer_number`;

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
  };
}

export interface ListQuery {
  customerNumber?: string;
  statuses: readonly TicketStatus[];
  q: string;
  cursor: string | undefined;
  limit: number;
}

export function encodeCursor(r: { updated_at: string; id: string }): string {
  return Buffer.from(JSON.stringify([r.updated_at, r.id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {
    // fall through to the field error
  }
  throw new ApiError(422, 'validation_failed', { errors: [{ field: 'cursor', code: 'invalid_value' }] });
}

/** Newest activity first; ties broken by id so keyset paging never skips or repeats a row. */
export function listTickets(db: DB, query: ListQuery): { rows: ListRow[]; nextCursor: string | null; total: number } {
  const where: string[] = [];
  const params: Array<string | number> = [];
  if (query.customerNumber) {
    where.push('t.customer_number = ?');
    params.push(query.customerNumber);
  }
  if (query.statuses.length) {
    where.push(`t.status IN (${query.statuses.map(() => '?').join(',')})`);
    params.push(...query.statuses);
  }
  if (query.q) {
    const p = likePattern(query.q);
    where.push(`(t.number LIKE ? ESCAPE '\\' OR t.subject LIKE ? ESCAPE '\\' OR t.description LIKE ? ESCAPE '\\'
      OR EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id AND m.body LIKE ? ESCAPE '\\'))`);
    params.push(p, p, p, p);
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM tickets t ${filter}`).get(...params) as { n: number }).n;

  const pageWhere = [...where];
  const pageParams = [...params];
  if (query.cursor) {
    const [updatedAt, id] = decodeCursor(query.cursor);
    pageWhere.push('(t.updated_at < ? OR (t.updated_at = ? AND t.id < ?))');
    pageParams.push(updatedAt, updatedAt, id);
  }
  const pageFilter = pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : '';
  const rows = db
    .prepare(`${SUMMARY_SELECT} ${pageFilter} ORDER BY t.updated_at DESC, t.id DESC LIMIT ?`)
    .all(...pageParams, query.limit + 1) as ListRow[];
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  return { rows: page, nextCursor: more && last ? encodeCursor(last) : null, total };
}

export function findTicket(db: DB, id: string): TicketRow | undefined {
  return db.prepare('SELECT * FROM tickets WHERE id = ?').get(id) as TicketRow | undefined;
}

/** The customer's ticket or 404 — another customer's ticket is indistinguishable from a missing one. */
export function customerTicket(db: DB, id: string, customerNumber: string): TicketRow {
  const t = findTicket(db, id);
  if (!t || t.customer_number !== customerNumber) throw new ApiError(404, 'not_found');
  return t;
}

export function anyTicket(db: DB, id: string): TicketRow {
  const t = findTicket(db, id);
  if (!t) throw new ApiError(404, 'not_found');
  return t;
}

/** Place in the support queue while new or in progress: urgent ones first, then order of arrival. */
export function queuePosition(db: DB, t: TicketRow): number | null {
  if (t.status !== 'new' && t.status !== 'in_progress') return null;
  const ahead = db
    .prepare(
      `SELECT COUNT(*) AS n FROM tickets WHERE status IN ('new', 'in_progress') AND id != @id AND (
         (urgency = 'urgent') > (@urgency = 'urgent')
         OR ((urgency = 'urgent') = (@urgency = 'urgent') AND (created_at < @created OR (created_at = @created AND id < @id))))`,
    )
    .get({ id: t.id, urgency: t.urgency, created: t.created_at }) as { n: number };
  return ahead.n + 1;
}

interface MessageRow { id: string; author: Message['author']; author_name: string; body: string; kind: Message['kind']; created_at: string }
interface TimeRow {
  id: string; date: string; minutes: number; billable: number; note: string;
  charged_minutes: number; from_credit_minutes: number; uncovered_minutes: number;
}

export function messagesOf(db: DB, ticketId: string): Message[] {
  const rows = db.prepare('SELECT * FROM messages WHERE ticket_id = ? ORDER BY created_at, rowid').all(ticketId) as MessageRow[];
  const atts = db
    .prepare('SELECT a.* FROM attachments a JOIN messages m ON m.id = a.message_id WHERE m.ticket_id = ? ORDER BY a.rowid')
    .all(ticketId) as AttachmentRow[];
  return rows.map((m) => toMessage(m, atts.filter((a) => a.message_id === m.id)));
}

export function getMessage(db: DB, id: string): Message {
  const m = db.prepare('SELECT * FROM messages WHERE id = ?').get(id) as MessageRow;
  const atts = db.prepare('SELECT * FROM attachments WHERE message_id = ? ORDER BY created_at, rowid').all(id) as AttachmentRow[];
  return toMessage(m, atts);
}

function toMessage(m: MessageRow, atts: AttachmentRow[]): Message {
  return { id: m.id, author: m.author, authorName: m.author_name, body: m.body, createdAt: m.created_at, kind: m.kind, attachments: atts.map(toAttachment) };
}

export function toTimeEntry(e: TimeRow): TimeEntry {
  return {
    id: e.id, date: e.date, minutes: e.minutes, billable: e.billable === 1, note: e.note,
    chargedMinutes: e.charged_minutes, fromCreditMinutes: e.from_credit_minutes, uncoveredMinutes: e.uncovered_minutes,
  };
}

export function timeEntriesOf(db: DB, ticketId: string): TimeEntry[] {
  return (db.prepare('SELECT * FROM time_entries WHERE ticket_id = ? ORDER BY date, rowid').all(ticketId) as TimeRow[]).map(toTimeEntry);
}

export function billingOf(entries: readonly TimeEntry[]): TicketBilling {
  const sum = (f: (e: TimeEntry) => number) => entries.reduce((s, e) => s + f(e), 0);
  const uncovered = sum((e) => e.uncoveredMinutes);
  return {
    bookedMinutes: sum((e) => e.minutes),
    freeMinutes: sum((e) => (e.billable ? 0 : e.minutes)),
    billableMinutes: sum((e) => (e.billable ? e.minutes : 0)),
    chargedMinutes: sum((e) => e.chargedMinutes),
    fromCreditMinutes: sum((e) => e.fromCreditMinutes),
    uncoveredMinutes: uncovered,
    owed: { amount: payAsYouGoAmount(uncovered, UNIT_PRICE_AMOUNT), currency: CURRENCY },
  };
}

export function ticketDetail(db: DB, id: string): TicketDetail {
  const r = db.prepare(`${SUMMARY_SELECT} WHERE t.id = ?`).get(id) as ListRow | undefined;
  if (!r) throw new ApiError(404, 'not_found');
  const timeEntries = timeEntriesOf(db, id);
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
    queuePosition: queuePosition(db, r),
    originalCategory: r.original_category,
    reclassifiedAt: r.reclassified_at,
    messages: messagesOf(db, id),
    timeEntries,
    billing: billingOf(timeEntries),
  };
}

/** `T-<year>-<5 digits>`, counting per year; call inside the creating transaction. */
export function nextTicketNumber(db: DB, at: Date): string {
  const year = at.getUTCFullYear();
  const prefix = `T-${year}-`;
  const row = db.prepare('SELECT MAX(number) AS n FROM tickets WHERE number LIKE ?').get(`${prefix}%`) as { n: string | null };
  const seq = row.n ? Number(row.n.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(seq).padStart(5, '0')}`;
}

export function insertMessage(
  db: DB,
  m: { id: string; ticketId: string; author: Message['author']; authorName: string; body: string; kind: Message['kind']; at: string },
): void {
  db.prepare('INSERT INTO messages (id, ticket_id, author, author_name, body, kind, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    m.id, m.ticketId, m.author, m.authorName, m.body, m.kind, m.at,
  );
}
