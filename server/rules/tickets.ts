/**
 * How ticket requests are read and checked, and what a customer reply does to a ticket: pure, no
 * database. The routes (server/routes/tickets.ts) and the Storybook mocks (stories/mocks/handlers.ts)
 * both call these, so the mocks refuse exactly what the server refuses.
 */
import {
  asciiEmail, isPhone, isTicketCategory, isTicketStatus, LIMITS, TICKET_CATEGORIES, URGENCIES, type TicketCategory, type TicketStatus, type Urgency,
} from '../../src/domain/categories.js';
import { ApiError, type FieldErrorInput, throwIfFieldErrors } from '../problem.js';
import { DIAGNOSTIC_FIELDS, DIAGNOSTICS_LIMITS, type ErpDiagnostics } from '../../src/domain/diagnostics.js';
import type { Fields } from '../validate.js';
import { RATING_COMMENT_MAX, RATING_MAX, RATING_MIN, RATING_SCORES } from '../../src/domain/closing.js';
import type { RatingStats, TicketBilling, TimeEntry } from '../types.js';
import { payAsYouGoAmount } from '../../src/domain/billing.js';

/** The text fields a new ticket's form may carry besides `images`; any other field is refused. */
export const TICKET_FORM_FIELDS = [
  'category', 'subject', 'description', 'program', 'programVersion', 'window', 'errorMessage', 'hangsAt', 'lastAction',
  'urgency', 'calledBefore', 'cc', 'phone', 'phoneAvailability', 'diagnostics', 'noticeId',
] as const;
/** The text fields of a reply's form besides `images`. */
export const REPLY_FORM_FIELDS = ['body'] as const;

/** The fields of a new ticket (POST /tickets), trimmed; problems are collected in `f`. */
export function readTicketInput(f: Fields) {
  const short = { max: LIMITS.shortText };
  const input = {
    category: f.oneOf('category', TICKET_CATEGORIES, { required: true }),
    subject: f.string('subject', { required: true, max: LIMITS.subject }),
    description: f.string('description', { required: true, max: LIMITS.description }),
    program: f.string('program', short),
    programVersion: f.string('programVersion', short),
    window: f.string('window', short),
    errorMessage: f.string('errorMessage', { max: LIMITS.errorMessage }),
    hangsAt: f.string('hangsAt', short),
    lastAction: f.string('lastAction', short),
    urgency: f.oneOf('urgency', URGENCIES, { fallback: 'normal' }) ?? 'normal',
    calledBefore: f.oneOf('calledBefore', ['true', 'false'] as const, { fallback: 'false' }) === 'true',
    cc: f.string('cc', { max: 10_000 }),
    phone: f.string('phone', { max: 10_000 }),
    phoneAvailability: f.string('phoneAvailability', short),
  };
  if (input.cc) {
    // Stored and mailed in its ASCII form (an IDN domain as xn--…).
    const cc = asciiEmail(input.cc);
    if (cc) input.cc = cc;
    else f.add('cc', 'invalid_email');
  }
  if (input.phone && !isPhone(input.phone)) f.add('phone', 'invalid_phone');
  return input;
}

export type TicketInput = ReturnType<typeof readTicketInput>;

/** What a follow-up ticket carries over from the closed one it continues. */
export type FollowUpSource = Pick<TicketInput, 'subject' | 'program' | 'programVersion' | 'window' | 'phone' | 'phoneAvailability'> & { category: TicketCategory };

/**
 * A late reply's new ticket: the closed one's category, subject and program context, the reply as its
 * request. The old CC is not copied: that colleague agreed to the old ticket's mail, not to every later one.
 */
export function followUpInput(old: FollowUpSource, body: string): TicketInput & { category: TicketCategory } {
  return {
    category: old.category, subject: old.subject, description: body, program: old.program, programVersion: old.programVersion, window: old.window,
    errorMessage: '', hangsAt: '', lastAction: '', urgency: 'normal', calledBefore: false, cc: '', phone: old.phone, phoneAvailability: old.phoneAvailability,
  };
}

/**
 * The ERP's diagnostics the customer chose to send (`diagnostics`: JSON with program, programVersion,
 * os, database, log — all strings within DIAGNOSTICS_LIMITS); `null` when not sent. Field errors at
 * `diagnostics` (`invalid_value`, `too_long`).
 */
export function readDiagnostics(f: Fields): ErpDiagnostics | null {
  const text = f.string('diagnostics', { max: 64 * 1024 });
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = null;
  }
  const d = value as Record<string, unknown> | null;
  if (!d || typeof d !== 'object' || Array.isArray(d) || !DIAGNOSTIC_FIELDS.every((k) => d[k] === undefined || typeof d[k] === 'string')) {
    f.add('diagnostics', 'invalid_value');
    return null;
  }
  const out = Object.fromEntries(DIAGNOSTIC_FIELDS.map((k) => [k, String(d[k] ?? '').trim()])) as unknown as ErpDiagnostics;
  const long = DIAGNOSTIC_FIELDS.find((k) => out[k].length > (k === 'log' ? DIAGNOSTICS_LIMITS.log : DIAGNOSTICS_LIMITS.short));
  if (long) f.add('diagnostics', 'too_long', { max: long === 'log' ? DIAGNOSTICS_LIMITS.log : DIAGNOSTICS_LIMITS.short });
  return long ? null : out;
}

/** The text of a reply (POST /tickets/{id}/messages). */
export function readReplyBody(f: Fields): string {
  return f.string('body', { required: true, max: LIMITS.body });
}

/**
 * Throws 422 with the field, image and file errors together. The problem code is `validation_failed`
 * when any text field is wrong, otherwise the images' own code (`too_many_images`, `image_rejected`)
 * and then the files' (`too_many_files`, `file_rejected`).
 */
export function throwIfFormErrors(f: Fields, ...uploads: Array<{ errors: readonly FieldErrorInput[]; code: string }>): void {
  const failed = uploads.find((u) => u.errors.length);
  throwIfFieldErrors([...f.errors, ...uploads.flatMap((u) => u.errors)], f.errors.length || !failed ? 'validation_failed' : failed.code);
}

export interface ListParams {
  statuses: TicketStatus[];
  q: string;
  limit: number;
}

/** The ticket list's query (`status` repeated or comma-separated, `q`, `limit` 1..100, default 25); throws 422. */
export function parseListParams(raw: { status: readonly string[]; q?: string | null; limit?: string | null }): ListParams {
  const errors: FieldErrorInput[] = [];
  const statuses = raw.status.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  if (!statuses.every(isTicketStatus)) errors.push({ field: 'status', code: 'invalid_value' });
  const q = (raw.q ?? '').trim();
  if (q.length > 200) errors.push({ field: 'q', code: 'too_long', params: { max: 200 } });
  const rawLimit = raw.limit;
  const limit = rawLimit === undefined || rawLimit === null || rawLimit === '' ? 25 : /^\d+$/.test(rawLimit) ? Number(rawLimit) : NaN;
  if (!(limit >= 1 && limit <= 100)) errors.push({ field: 'limit', code: 'out_of_range', params: { min: 1, max: 100 } });
  throwIfFieldErrors(errors);
  return { statuses: statuses as TicketStatus[], q, limit };
}

/**
 * The desk queue's filters on top of the list's: `category` (repeated or comma-separated),
 * `customer` (a customer number), `urgency`, `contact` (the person who filed it); throws 422 naming the field.
 */
export function readQueueFilters(raw: { category: readonly string[]; customer?: string | null; urgency?: string | null; contact?: string | null }): {
  categories: TicketCategory[]; customerNumber?: string; urgency?: Urgency; contactId?: string;
} {
  const errors: FieldErrorInput[] = [];
  const categories = raw.category.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  if (!categories.every(isTicketCategory)) errors.push({ field: 'category', code: 'invalid_value' });
  const customer = raw.customer?.trim() || undefined;
  if (customer && !/^\d{1,12}$/.test(customer)) errors.push({ field: 'customer', code: 'invalid_value' });
  const urgency = raw.urgency || undefined;
  if (urgency && !(URGENCIES as readonly string[]).includes(urgency)) errors.push({ field: 'urgency', code: 'invalid_value' });
  const contact = raw.contact?.trim() || undefined;
  if (contact && contact.length > 64) errors.push({ field: 'contact', code: 'invalid_value' });
  throwIfFieldErrors(errors);
  return {
    categories: categories as TicketCategory[], ...(customer && { customerNumber: customer }), ...(urgency && { urgency: urgency as Urgency }), ...(contact && { contactId: contact }),
  };
}

/** A rating (PUT /tickets/{id}/rating): `score` an integer 1..5, `comment` optional; throws 422 naming the field. */
export function readRating(f: Fields): { score: number; comment: string } {
  const score = f.integer('score', { required: true, min: RATING_MIN, max: RATING_MAX });
  const comment = f.string('comment', { max: RATING_COMMENT_MAX });
  f.check();
  if (score === undefined) throw new Error('unreachable: score validated');
  return { score, comment };
}

/** Only a closed ticket is rated: 409 `ticket_not_closed` otherwise. */
export function assertRatable(status: TicketStatus): void {
  if (status !== 'closed') throw new ApiError(409, 'ticket_not_closed');
}

/** The ratings counted per score (`n` of each): how many, the mean to one decimal, and how many per score. */
export function ratingStatsOf(counts: Iterable<{ score: number; n: number }>): RatingStats {
  const byScore: Record<string, number> = Object.fromEntries(RATING_SCORES.map((s) => [s, 0]));
  let count = 0;
  let sum = 0;
  for (const { score, n } of counts) {
    byScore[score] = (byScore[score] ?? 0) + n;
    count += n;
    sum += n * score;
  }
  return { count, average: count ? Math.round((sum / count) * 10) / 10 : null, byScore: byScore as RatingStats['byScore'] };
}

/** A ticket's billing from its time entries: minutes booked, free, billable, charged, from credit and uncovered, and what the uncovered minutes cost at `unitPrice`. */
export function billingOf(entries: readonly TimeEntry[], unitPrice: { amount: number; currency: string }): TicketBilling {
  const sum = (f: (e: TimeEntry) => number) => entries.reduce((s, e) => s + f(e), 0);
  const uncovered = sum((e) => e.uncoveredMinutes);
  return {
    bookedMinutes: sum((e) => e.minutes),
    freeMinutes: sum((e) => (e.billable ? 0 : e.minutes)),
    billableMinutes: sum((e) => (e.billable ? e.minutes : 0)),
    chargedMinutes: sum((e) => e.chargedMinutes),
    fromCreditMinutes: sum((e) => e.fromCreditMinutes),
    uncoveredMinutes: uncovered,
    owed: { amount: payAsYouGoAmount(uncovered, unitPrice.amount), currency: unitPrice.currency },
  };
}

/** The customer answered, so the ball is with support again (a closed ticket is reopened). */
export function statusAfterCustomerReply(current: TicketStatus): TicketStatus {
  return current === 'waiting_for_customer' || current === 'closed' ? 'in_progress' : current;
}
