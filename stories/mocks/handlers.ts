/**
 * MSW handlers for the stories, by scenario. They replay the reference backend's real answers
 * (`fixtures.json`, recorded from the seed by `scripts/gen-story-fixtures.mjs`) and answer the
 * creating POSTs the way the server does: 201 with the contract's shapes, 422 field errors with
 * the server's own checks and texts (`server/rules/`, `server/validate.ts`, `server/problem.ts`),
 * idempotency replays.
 * `server/test/msw-contract.test.ts` checks every scenario against `api/openapi.yaml`.
 *
 * Every handler answers under `*\/api/v1/...`, so stories use
 * `<cadia-provider api-base="/api" .token=${'demo-positive'}>`. Any token is accepted (the
 * scenario decides whose data it is); no token means logged out, as on the real server.
 */
import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { strToU8, zipSync } from 'fflate';
import { checkImage, MAX_IMAGES } from '../../src/domain/images.js';
import { checkFile, isImageBytes, MAX_FILES, type FileKind, type FileProblem } from '../../src/domain/files.js';
import { TICKET_CATEGORIES, type TicketStatus } from '../../src/domain/categories.js';
import type { Attachment, CreditSettings, Me, Message, NotificationSettings, Offer, Order, PackageList, Statement, TicketDetail, TicketSummary } from '../../src/api/types.js';
import { MAIL_KINDS, mailKindsFor } from '../../src/domain/notifications.js';
import { readCreditSettings, readNotificationSettings } from '../../server/rules/notifications.js';
import { monthBounds } from '../../src/domain/statement.js';
import { exportFileName, readStatementQuery, statementFileName } from '../../server/rules/statement.js';
import { statementCsv } from '../../server/statement/csv.js';
import { ApiError, problemAnswer, type FieldErrorInput } from '../../server/problem.js';
import { assertOfferOrderable, offerNames, offerStatusAt, readOrderInput } from '../../server/rules/shop.js';
import { assertRatable, followUpInput, parseListParams, readDiagnostics, readRating, readReplyBody, readTicketInput, statusAfterCustomerReply, throwIfFormErrors } from '../../server/rules/tickets.js';
import { closedAtAfter, closingOf, REOPEN_DAYS, replyEffect } from '../../src/domain/closing.js';
import { DAY_MS as DAY } from '../../src/domain/time.js';
import { checkIdempotencyKey, Fields, parseJsonObject, requireJsonType } from '../../server/validate.js';
import { type Lang, pickLang } from '../../server/problem.js';
import { pickMatches, readNoticeQuery } from '../../server/rules/notices.js';
import { demoNotices } from '../../server/demo-notices.js';
import { closedByCustomerNotice, followUpNotice, SYSTEM_AUTHOR } from '../../server/mail-texts.js';
import type { NoticesTable } from '../../server/db.js';
import type { CustomerFixture, Fixtures } from './fixture-types.js';
import fixtureData from './fixtures.json' with { type: 'json' };

export const fixtures = fixtureData as Fixtures;

export interface MockOptions {
  /** Whose seed data: `positive` (10001, 150 min, open offer) or `negative` (10002, −40 min, expired offer). */
  customer?: 'positive' | 'negative';
  /**
   * Who is signed in: the customer's `admin` (default) or a `member`, who — as on the server — sees
   * only the tickets they filed and may not order (`403 admin_required`).
   */
  role?: 'admin' | 'member';
  /** Overrides the credit (e.g. 20 for "low", 0 for "zero"). */
  creditMinutes?: number;
  /** An auto top-up chosen (Supportpaket 180, at most 2 a month), one automatic order placed this month. */
  autoTopUp?: boolean;
  /** The company's low-credit threshold (default the seed's 60). */
  lowThreshold?: number;
  /** `seed` (default), `none`, or a number of generated tickets. */
  tickets?: 'seed' | 'none' | number;
  /** `seed` (default), `none`, or `expired` (the open offer is moved 20 days back). */
  offers?: 'seed' | 'none' | 'expired';
  /**
   * Stands in for the server's look inside PDFs and ZIPs (server/file-checks.ts needs Node): what
   * it finds in a file of that kind, e.g. every ZIP is a bomb. Default: nothing.
   */
  inspectFile?: (kind: FileKind) => FileProblem | null;
  /**
   * `ok` (default); `loggedOut`: 401 on every authed endpoint; `loading`: nothing ever answers;
   * `error`: every endpoint answers 500 `internal`.
   */
  mode?: 'ok' | 'loggedOut' | 'loading' | 'error';
  /** Milliseconds before each answer, to watch loading turn into content. */
  latencyMs?: number;
  /** The clock; timestamps are shifted so "5 days left" stays 5 days left. Default: real time. */
  now?: () => Date;
}

export const API = '*/api/v1';
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;

/** A deep copy with every RFC 3339 instant moved by `ms`. */
export function shifted<T>(value: T, ms: number): T {
  return JSON.parse(JSON.stringify(value), (_k, v: unknown) =>
    typeof v === 'string' && ISO.test(v) ? new Date(Date.parse(v) + ms).toISOString() : v,
  ) as T;
}

// ---------------------------------------------------------------------------------------------
// State: each handler set owns one, rebuilt on first use after `resetMocks()` (every story load).

export interface StoredAnswer { fingerprint: string; status: number; body: string }

interface State {
  me: Me;
  /** The demo's known-issue notices (server/demo-notices.ts) and those the person subscribed to. */
  notices: NoticesTable[];
  subscribed: Set<string>;
  offers: Offer[];
  orderedOffers: Set<string>;
  orders: Order[];
  tickets: TicketSummary[];
  details: Map<string, TicketDetail>;
  attachments: Map<string, { contentType: string; bytes: Uint8Array }>;
  idempotency: Map<string, StoredAnswer>;
  seq: number;
  ledger: CustomerFixture['ledger'];
  /** The signed-in person's mail settings and the company's credit settings (as GET/PUT answer them). */
  notifications: NotificationSettings;
  credit: CreditSettings;
  /** The company's people, their last activity shifted like every timestamp. */
  contacts: CustomerFixture['contacts'];
}

const resets = new Set<() => void>();

/** Registers a handler set's reset (the desk's mocks, stories/mocks/agent-handlers.ts, keep their own state). */
export function onResetMocks(reset: () => void): void {
  resets.add(reset);
}

/** Drops every handler set's state, so each story starts from the seed. Called by the preview's loader. */
export function resetMocks(): void {
  for (const reset of resets) reset();
}

export function decodeBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

const GENERATED_SUBJECTS = [
  'Kundenstamm: Anschrift wird nicht übernommen', 'Rechnungskopie für das Finanzamt', 'Kurze Einweisung Inventur',
  'Reorganisation bricht ab', 'Sortierung in der Artikelsuche falsch', 'Export der Offenen Posten nach Excel',
] as const;

/** `count` tickets, newest activity first, one every 37 minutes back from now. */
function generatedTickets(count: number, now: number): TicketSummary[] {
  const statuses: TicketStatus[] = ['new', 'in_progress', 'waiting_for_customer', 'closed', 'closed', 'closed', 'closed', 'closed'];
  return Array.from({ length: count }, (_, i) => {
    const updated = new Date(now - (i + 1) * 37 * 60_000);
    const year = updated.getUTCFullYear();
    return {
      id: `tkt_many_${String(i + 1).padStart(5, '0')}`,
      number: `T-${year}-${String(count - i).padStart(5, '0')}`,
      subject: `${GENERATED_SUBJECTS[i % GENERATED_SUBJECTS.length]} (${count - i})`,
      category: TICKET_CATEGORIES[i % TICKET_CATEGORIES.length]!,
      status: statuses[i % statuses.length]!,
      urgency: i % 17 === 0 ? 'urgent' : 'normal',
      createdAt: new Date(updated.getTime() - 2 * DAY).toISOString(),
      updatedAt: updated.toISOString(),
      bookedMinutes: (i % 4) * 10,
      unread: i % 11 === 0,
      contact: null,
      closedAt: statuses[i % statuses.length] === 'closed' ? updated.toISOString() : null,
      rating: null,
      followUpOf: null,
      followedBy: null,
    };
  });
}

/** The recorded packages in `lang` (German and English recordings of `GET /v1/packages`). */
const packagesIn = (lang: Lang): PackageList => (lang === 'en' ? fixtures.packagesEn : fixtures.packages);
const langOf = (request: Request) => pickLang(request.headers.get('accept-language') ?? undefined);

/**
 * An offer's or order's name in `lang`, as the server keeps both: the state holds the recorded
 * German ones; the English one comes from its package's English recording (an offer's by the
 * server's rule, offerNames).
 */
function nameIn(lang: Lang, item: { name: string; packageId: string | null; offerId?: string | null }): string {
  const de = fixtures.packages.items.find((p) => p.id === item.packageId);
  const en = fixtures.packagesEn.items.find((p) => p.id === item.packageId);
  if (lang === 'de' || !de || !en) return item.name;
  return item.offerId ? offerNames({ name: de.name, name_en: en.name }).name_en : en.name;
}
const orderIn = (lang: Lang, o: Order): Order => ({ ...o, name: nameIn(lang, o) });
const offerIn = (lang: Lang, o: Offer): Offer => ({ ...o, name: nameIn(lang, { ...o, offerId: o.id }) });

function zeroBilling(me: Me): TicketDetail['billing'] {
  return {
    bookedMinutes: 0, freeMinutes: 0, billableMinutes: 0, chargedMinutes: 0, fromCreditMinutes: 0, uncoveredMinutes: 0,
    owed: { amount: 0, currency: me.pricing.unitPrice.currency },
  };
}

/** A plausible detail for a generated ticket (the seed has details for its own). */
function generatedDetail(s: TicketSummary, me: Me): TicketDetail {
  const description = `${s.subject}. Bitte um Unterstützung.`;
  return {
    ...s, description, program: 'CadiaOFFICE Warenwirtschaft', programVersion: '24.3.1', window: '', errorMessage: '', hangsAt: '',
    lastAction: '', calledBefore: false, cc: '', phone: '', phoneAvailability: '', diagnostics: null, queuePosition: null, originalCategory: null,
    reclassifiedAt: null, timeEntries: [], billing: zeroBilling(me), replyEffect: 'continue', reopenableUntil: null,
    messages: [{ id: `msg_${s.id.slice(4)}_1`, author: 'customer', authorName: s.contact?.name ?? me.customer.name, body: description, createdAt: s.createdAt, attachments: [], kind: 'message', contact: s.contact }],
  };
}

function initialState(o: MockOptions, now: Date): State {
  const c: CustomerFixture = shifted(fixtures.customers[o.customer ?? 'positive'], now.getTime() - Date.parse(fixtures.generatedAt));
  let me = o.creditMinutes === undefined ? c.me : { ...c.me, credit: { ...c.me.credit, minutes: o.creditMinutes } };
  // The member is the person of the seed who filed tickets but is not the admin (10001: Jonas Weber).
  const member = o.role === 'member' ? c.tickets.map((t) => t.contact).find((p) => p && p.id !== c.me.contact.id) : undefined;
  if (member) me = { ...me, contact: { ...me.contact, id: member.id, name: member.name, role: 'member' }, ticketScope: 'own' };
  let offers = o.offers === 'none' ? [] : c.offers;
  if (o.offers === 'expired') {
    offers = offers.map((offer) => offer.status !== 'open' ? offer : {
      ...offer,
      issuedAt: new Date(Date.parse(offer.issuedAt) - 20 * DAY).toISOString(),
      expiresAt: new Date(Date.parse(offer.expiresAt) - 20 * DAY).toISOString(),
      status: 'expired',
    });
  }
  const all = o.tickets === 'none' ? [] : typeof o.tickets === 'number' ? generatedTickets(o.tickets, now.getTime()) : c.tickets;
  const tickets = member ? all.filter((t) => t.contact?.id === member.id) : all;
  const details = new Map(o.tickets === undefined || o.tickets === 'seed' ? Object.entries(c.details) : []);
  const attachments = new Map(Object.entries(fixtures.attachments).map(([id, a]) => [id, { contentType: a.contentType, bytes: decodeBase64(a.base64) }]));
  // A credit set by the scenario moves every balance of the ledger by the same amount, so the statement still ends at it.
  const delta = me.credit.minutes - c.me.credit.minutes;
  const ledger = o.tickets === 'none'
    ? { customer: c.ledger.customer, openingMinutes: me.credit.minutes, entries: [] }
    : { ...c.ledger, openingMinutes: c.ledger.openingMinutes + delta, entries: c.ledger.entries.map((e) => ({ ...e, balanceAfter: e.balanceAfter + delta })) };
  if (o.lowThreshold !== undefined) me = { ...me, lowCreditThresholdMinutes: o.lowThreshold };
  let orders = o.offers === 'none' ? [] : c.orders;
  const credit: CreditSettings = { lowCreditThresholdMinutes: me.lowCreditThresholdMinutes, autoTopUpPackageId: null, autoTopUpMonthlyMax: 1, autoTopUpsThisMonth: 0 };
  if (o.autoTopUp) {
    const pkg = fixtures.packages.items.find((p) => p.id === 'pkg-180')!;
    Object.assign(credit, { lowCreditThresholdMinutes: 90, autoTopUpPackageId: pkg.id, autoTopUpMonthlyMax: 2, autoTopUpsThisMonth: 1 });
    me = { ...me, lowCreditThresholdMinutes: 90 };
    orders = [{
      id: 'ord_mock_auto', packageId: pkg.id, offerId: null, name: pkg.name, minutes: pkg.minutes, price: pkg.price,
      createdAt: new Date(now.getTime() - 2 * 3_600_000).toISOString(), contact: null, status: 'credited', cancelledAt: null, cancelNote: '', automatic: true,
    }, ...orders];
  }
  return {
    me, offers, orderedOffers: new Set(), orders, tickets, details, attachments,
    idempotency: new Map(), seq: 0, ledger, notices: demoNotices(now, null), subscribed: new Set(),
    notifications: Object.fromEntries(MAIL_KINDS.map((k) => [k, true])) as NotificationSettings, credit, contacts: c.contacts,
  };
}

/** GET /v1/me/notifications: every kind, and those that concern the role (the server's rule). */
function notificationState(s: State) {
  return { settings: s.notifications, kinds: mailKindsFor(s.me.contact.role === 'member' ? 'member' : 'admin') };
}

/** The month's statement from the ledger, as the server computes it (server/model/ledger.ts). */
export function statementOf(s: Pick<State, 'ledger'>, month: string): Statement {
  const { from, to } = monthBounds(month)!;
  const at = (e: { at: string }) => Date.parse(e.at);
  const before = s.ledger.entries.filter((e) => at(e) < from.getTime());
  const entries = s.ledger.entries.filter((e) => at(e) >= from.getTime() && at(e) < to.getTime());
  const opening = before.at(-1)?.balanceAfter ?? s.ledger.openingMinutes;
  return {
    month, timeZone: 'Europe/Berlin', from: from.toISOString(), to: to.toISOString(), customer: s.ledger.customer,
    openingMinutes: opening, closingMinutes: entries.at(-1)?.balanceAfter ?? opening,
    totals: {
      creditedMinutes: entries.reduce((n, e) => n + Math.max(0, e.minutes), 0),
      chargedMinutes: entries.reduce((n, e) => n - Math.min(0, e.minutes), 0),
      freeMinutes: entries.reduce((n, e) => n + (e.kind === 'free' ? e.workedMinutes ?? 0 : 0), 0),
    },
    entries,
  };
}

/**
 * The statement of the month the request asks for, by Accept as the server answers it: JSON, CSV
 * (the server's own writer), or a PDF (a one-page stand-in: pdfkit does not run in the browser).
 * The customer's `/statement` and the desk's `/agent/customers/{n}/statement` both answer with it.
 */
export async function statementAnswer(request: Request, statementFor: (month: string) => Statement, now: Date): Promise<Response> {
  const url = new URL(request.url);
  const q = readStatementQuery({ month: url.searchParams.get('month') ?? undefined, lang: url.searchParams.get('lang') ?? undefined }, now);
  const statement = statementFor(q.month);
  const accept = request.headers.get('accept') ?? '';
  const lang = q.lang ?? 'de';
  const file = statementFileName(lang, statement.customer.number, q.month);
  if (accept.includes('text/csv')) {
    return new HttpResponse(await statementCsv(statement, lang, now), {
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${file}.csv"` },
    });
  }
  if (accept.includes('application/pdf')) {
    return new HttpResponse(STAND_IN_PDF, { headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${file}.pdf"` } });
  }
  return HttpResponse.json(statement);
}

/** A valid one-page PDF saying what it stands in for. */
const STAND_IN_PDF = (() => {
  const text = 'BT /F1 14 Tf 72 760 Td (Kontoauszug - Storybook) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => {
    const offset = body.length;
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return offset;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((n) => `${String(n).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
})();

// ---------------------------------------------------------------------------------------------
// Answers

export function problem(request: Request, err: ApiError): Response {
  return new HttpResponse(...problemAnswer(err, request.headers.get('accept-language')));
}

export type Resolver = (info: { request: Request; params: Record<string, string | readonly string[] | undefined> }) => Response | Promise<Response>;

/** Turns a thrown `ApiError` into the server's problem+json and waits `latencyMs` first. */
export function answer(o: MockOptions, fn: Resolver): Resolver {
  return async (info) => {
    if (o.latencyMs) await delay(o.latencyMs);
    try {
      return await fn(info);
    } catch (err) {
      if (err instanceof ApiError) return problem(info.request, err);
      throw err;
    }
  };
}

/** The bearer token; as on the server, never one from the URL. */
export function token(request: Request): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
}

function requireCustomer(request: Request): void {
  if (!token(request)) throw new ApiError(401, 'unauthorized');
}

export function requireIdempotencyKey(request: Request): string {
  return checkIdempotencyKey(request.headers.get('idempotency-key'));
}

/** Same key + same request → the stored answer; same key + another request → 409 (as server/idempotency.ts). */
export function idempotent(state: { idempotency: Map<string, StoredAnswer> }, key: string, fingerprint: string, effect: () => { status: number; body: unknown }): Response {
  const stored = state.idempotency.get(key);
  if (stored && stored.fingerprint !== fingerprint) throw new ApiError(409, 'idempotency_conflict');
  if (stored) return new HttpResponse(stored.body, { status: stored.status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Idempotent-Replayed': 'true' } });
  const result = effect();
  const body = JSON.stringify(result.body);
  state.idempotency.set(key, { fingerprint, status: result.status, body });
  return new HttpResponse(body, { status: result.status, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}

export async function readJson(request: Request): Promise<Record<string, unknown>> {
  requireJsonType(request.headers.get('content-type'));
  return parseJsonObject(await request.text());
}

interface UploadPart { fileName: string; bytes: Uint8Array; type: Attachment['contentType']; width?: number; height?: number }

/** Multipart fields as the server reads them: text by name, `images` and `files` as lists of files. */
export async function readForm(request: Request, o: MockOptions = {}): Promise<{ fields: Record<string, unknown>; images: UploadPart[]; uploadErrors: Array<{ errors: FieldErrorInput[]; code: string }> }> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new ApiError(400, 'invalid_multipart');
  }
  const fields: Record<string, unknown> = {};
  for (const [k, v] of form.entries()) if (k !== 'images' && k !== 'files' && k !== 'diagnosticsFile' && !(k in fields)) fields[k] = typeof v === 'string' ? v : '[file]';
  const parts = form.getAll('images').filter((p) => !(typeof p !== 'string' && p.name === '' && p.size === 0));
  const files = await readFiles(form.getAll('files'), o);
  if (parts.length > MAX_IMAGES) {
    return { fields, images: [], uploadErrors: [{ errors: [{ field: 'images', code: 'too_many', params: { max: MAX_IMAGES } }], code: 'too_many_images' }, files] };
  }
  const images: UploadPart[] = [];
  const imageErrors: FieldErrorInput[] = [];
  for (const [i, part] of parts.entries()) {
    if (typeof part === 'string') {
      imageErrors.push({ field: `images[${i}]`, code: 'not_an_image' });
      continue;
    }
    const bytes = new Uint8Array(await part.arrayBuffer());
    const check = checkImage(bytes);
    if (!check.ok) imageErrors.push({ field: `images[${i}]`, code: check.problem });
    else images.push({ fileName: part.name || 'bild', bytes, ...check.image });
  }
  return { fields, images: [...images, ...files.files], uploadErrors: [{ errors: imageErrors, code: 'image_rejected' }, files] };
}

/**
 * `files` parts by the shared rules (`checkFile`: kind, size, text, the names in a PDF's bytes); the
 * server's parser checks of PDFs and ZIPs (server/file-checks.ts) need Node and are not mocked.
 */
async function readFiles(all: Array<string | File>, o: MockOptions): Promise<{ files: UploadPart[]; errors: FieldErrorInput[]; code: string }> {
  const parts = all.filter((p) => !(typeof p !== 'string' && p.name === '' && p.size === 0));
  if (parts.length > MAX_FILES) return { files: [], errors: [{ field: 'files', code: 'file_too_many' }], code: 'too_many_files' };
  const files: UploadPart[] = [];
  const errors: FieldErrorInput[] = [];
  for (const [i, part] of parts.entries()) {
    const name = typeof part === 'string' ? '' : part.name;
    const bytes = typeof part === 'string' ? new Uint8Array(0) : new Uint8Array(await part.arrayBuffer());
    const check = typeof part === 'string' || isImageBytes(bytes) ? ({ ok: false, problem: 'not_allowed' } as const) : checkFile(bytes, name);
    const inside = check.ok ? o.inspectFile?.(check.file.kind) : null;
    if (!check.ok || inside) errors.push({ field: `files[${i}]`, code: `file_${check.ok ? inside : check.problem}`, params: { name } });
    else files.push({ fileName: check.file.fileName, bytes, type: check.file.contentType as Attachment['contentType'] });
  }
  return { files, errors, code: 'file_rejected' };
}

export function fingerprintOf(fields: Record<string, unknown>, images: readonly UploadPart[]): string {
  // FNV-1a over the bytes: enough to tell two uploads apart in a mock.
  const hash = (b: Uint8Array) => b.reduce((h, x) => Math.imul(h ^ x, 16_777_619) >>> 0, 2_166_136_261).toString(16);
  return JSON.stringify([Object.keys(fields).sort().map((k) => [k, fields[k]]), images.map((i) => [i.fileName, i.bytes.length, hash(i.bytes)])]);
}

function offerWithStatus(state: State, offer: Offer, now: Date): Offer {
  const ordered = state.orderedOffers.has(offer.id) || offer.status === 'ordered';
  return { ...offer, status: offerStatusAt({ ordered, expiresAt: offer.expiresAt }, now) };
}

const encodeCursor = (t: TicketSummary) => btoa(JSON.stringify([t.updatedAt, t.id])).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

function decodeCursor(cursor: string): [string, string] {
  try {
    const v: unknown = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {
    // fall through to the field error, as the server does
  }
  throw new ApiError(422, 'validation_failed', { errors: [{ field: 'cursor', code: 'invalid_value' }] });
}

/** What a reply would do now, by the mock's clock (the recorded value is from when the fixtures were made). */
function withReplyEffect(d: TicketDetail, now: Date): TicketDetail {
  return { ...d, ...closingOf(d, now) };
}

/** Changes a ticket's summary fields in the list and its detail alike. */
function patchTicket(state: State, id: string, patch: Partial<TicketSummary>): TicketDetail {
  const summary = state.tickets.find((t) => t.id === id);
  if (!summary) throw new ApiError(404, 'not_found');
  Object.assign(summary, patch);
  const detail = { ...(state.details.get(id) ?? generatedDetail(summary, state.me)), ...patch };
  state.details.set(id, detail);
  return detail;
}

type NewTicketInput = Omit<TicketDetail, 'id' | 'number' | 'status' | 'createdAt' | 'updatedAt' | 'bookedMinutes' | 'unread' | 'contact' | 'closedAt' | 'rating'
  | 'followUpOf' | 'followedBy' | 'queuePosition' | 'originalCategory' | 'reclassifiedAt' | 'messages' | 'timeEntries' | 'billing' | 'replyEffect' | 'reopenableUntil' | 'diagnostics'>
  & { diagnostics: Omit<NonNullable<TicketDetail['diagnostics']>, 'file' | 'sentAt'> | null };

/** A new ticket with its request as first message, numbered and queued as the server does; `followUpOf` for a late reply's follow-up. */
function addTicket(s: State, input: NewTicketInput, images: readonly UploadPart[], now: Date, followUpOf?: TicketSummary): TicketDetail {
  const at = now.toISOString();
  const year = now.getUTCFullYear();
  const seqs = s.tickets.filter((t) => t.number.startsWith(`T-${year}-`)).map((t) => Number(t.number.slice(7)));
  const number = `T-${year}-${String(Math.max(40, ...seqs) + 1).padStart(5, '0')}`;
  const id = `tkt_mock_${++s.seq}`;
  const waiting = s.tickets.filter((t) => t.status === 'new' || t.status === 'in_progress');
  const queuePosition = (input.urgency === 'urgent' ? waiting.filter((t) => t.urgency === 'urgent').length : waiting.length) + 1;
  const summary: TicketSummary = {
    id, number, subject: input.subject, category: input.category, status: 'new', urgency: input.urgency, createdAt: at, updatedAt: at, bookedMinutes: 0, unread: false,
    contact: { id: s.me.contact.id, name: s.me.contact.name }, closedAt: null, rating: null,
    followUpOf: followUpOf ? { id: followUpOf.id, number: followUpOf.number } : null, followedBy: null,
  };
  const message: Message = {
    id: `msg_mock_${++s.seq}`, author: 'customer', authorName: s.me.contact.name, body: input.description, createdAt: at,
    attachments: attachmentsOf(s, images), kind: 'message', contact: { id: s.me.contact.id, name: s.me.contact.name },
  };
  const { diagnostics, ...text } = input;
  const ticket: TicketDetail = {
    ...text, ...summary, queuePosition, originalCategory: null, reclassifiedAt: null, messages: [message], timeEntries: [], billing: zeroBilling(s.me),
    diagnostics: diagnostics && { ...diagnostics, file: null, sentAt: at }, replyEffect: 'continue', reopenableUntil: null,
  };
  touch(s, summary);
  s.details.set(id, ticket);
  return ticket;
}

/** Moves a changed ticket to the top, where "newest activity first" puts it. */
function touch(state: State, summary: TicketSummary): void {
  state.tickets = [summary, ...state.tickets.filter((t) => t.id !== summary.id)];
}

export function attachmentsOf(state: { seq: number; attachments: Map<string, { contentType: string; bytes: Uint8Array }> }, images: readonly UploadPart[]): Attachment[] {
  return images.map((img) => {
    const id = `att_mock_${++state.seq}`;
    state.attachments.set(id, { contentType: img.type, bytes: img.bytes });
    const common = { id, fileName: img.fileName, contentType: img.type, size: img.bytes.length, url: `v1/attachments/${id}` };
    return img.width ? { ...common, kind: 'image' as const, width: img.width, height: img.height } : { ...common, kind: 'file' as const };
  });
}

// ---------------------------------------------------------------------------------------------
// Handler sets

export function createHandlers(o: MockOptions = {}): HttpHandler[] {
  const now = o.now ?? (() => new Date());
  let current: State | undefined;
  const state = () => (current ??= initialState(o, now()));
  resets.add(() => { current = undefined; });

  const mode = o.mode ?? 'ok';
  if (mode === 'loading') return [http.all(`${API}/*`, async () => { await delay('infinite'); return new HttpResponse(null, { status: 204 }); })];
  if (mode === 'error') return [http.all(`${API}/*`, ({ request }) => problem(request, new ApiError(500, 'internal')))];

  const authed = (fn: Resolver): Resolver => answer(o, (info) => {
    if (mode === 'loggedOut') throw new ApiError(401, 'unauthorized');
    requireCustomer(info.request);
    return fn(info);
  });
  const param = (info: Parameters<Resolver>[0], name: string) => String(info.params[name] ?? '');
  /** The state, for an admin; a member is refused as the server refuses them the company's money. */
  const adminOnly = () => {
    if (state().me.contact.role === 'member') throw new ApiError(403, 'admin_required');
    return state();
  };

  return [
    // In the request's language, as the server answers (the fixtures hold both recordings).
    http.get(`${API}/packages`, answer(o, ({ request }) => {
      const body = packagesIn(langOf(request));
      return HttpResponse.json(body, { headers: { Vary: 'Accept-Language' } });
    })),

    http.get(`${API}/faq`, answer(o, ({ request }) => {
      // The server ranks by stemmed words in title and body; the mock matches stems in title and excerpt.
      const words = (new URL(request.url).searchParams.get('q') ?? '').toLocaleLowerCase('de').split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4);
      const stems = words.map((w) => (w.length > 5 ? w.slice(0, Math.max(5, w.length - 3)) : w));
      const score = (a: { title: string; excerpt: string }) =>
        stems.reduce((s, t) => s + (a.title.toLocaleLowerCase('de').includes(t) ? 3 : 0) + (a.excerpt.toLocaleLowerCase('de').includes(t) ? 1 : 0), 0);
      const items = fixtures.faq.map((a) => ({ a, s: score(a) })).filter((x) => x.s > 0).sort((x, y) => y.s - x.s).slice(0, 5).map((x) => x.a);
      return HttpResponse.json({ items });
    })),

    http.get(`${API}/me`, authed(() => HttpResponse.json(state().me))),

    // Known-issue notices: matched with the server's own rules (server/rules/notices.ts) on the demo's notices.
    http.get(`${API}/notices`, authed(({ request }) => {
      const query = readNoticeQuery(new Fields(Object.fromEntries(new URL(request.url).searchParams)));
      const s = state();
      const items = pickMatches(s.notices, { ...query, lang: pickLang(request.headers.get('accept-language') ?? undefined) }).map((n) => ({ ...n, subscribed: s.subscribed.has(n.id) }));
      return HttpResponse.json({ items });
    })),
    ...(['put', 'delete'] as const).map((method) => http[method](`${API}/notices/:id/subscription`, authed((info) => {
      const s = state();
      const noticeId = param(info, 'id');
      if (!s.notices.some((n) => n.id === noticeId)) throw new ApiError(404, 'not_found');
      if (method === 'put') s.subscribed.add(noticeId);
      else s.subscribed.delete(noticeId);
      return HttpResponse.json({ noticeId, subscribed: method === 'put' });
    }))),

    // Without a token (the homepage's cookie mode, signed out) the session state and the offers are
    // answers, not 401s, as on the server; a token `loggedOut` refuses is still a 401.
    http.get(`${API}/session`, (info) =>
      token(info.request) ? authed(() => HttpResponse.json({ signedIn: true, me: state().me }))(info) : answer(o, () => HttpResponse.json({ signedIn: false }))(info),
    ),

    http.get(`${API}/offers`, (info) => (token(info.request) ? authed(() => {
      const items = state().offers.map((offer) => offerIn(langOf(info.request), offerWithStatus(state(), offer, now())));
      // Open offers first, as the server lists them.
      return HttpResponse.json({ items: [...items.filter((x) => x.status === 'open'), ...items.filter((x) => x.status !== 'open')] });
    })(info) : answer(o, () => HttpResponse.json({ items: [] }))(info))),

    http.get(`${API}/offers/:id`, authed((info) => {
      const offer = state().offers.find((x) => x.id === param(info, 'id'));
      if (!offer) throw new ApiError(404, 'not_found');
      return HttpResponse.json(offerIn(langOf(info.request), offerWithStatus(state(), offer, now())));
    })),

    // The person's data export: the server's layout (profile, a folder per own ticket, both manifests),
    // from the recorded tickets; the files' bytes are left out (the stories only save it).
    http.get(`${API}/me/export`, authed(async ({ request }) => {
      const s = state();
      const lang = new URL(request.url).searchParams.get('lang') === 'en' ? 'en' : 'de';
      const files: Record<string, Uint8Array> = { 'profile.json': strToU8(JSON.stringify({ ...s.me.contact, customer: s.ledger.customer }, null, 2)) };
      for (const t of s.tickets.filter((x) => x.contact?.id === s.me.contact.id)) files[`tickets/${t.number}/ticket.json`] = strToU8(JSON.stringify(s.details.get(t.id) ?? t, null, 2));
      const listed = await Promise.all(Object.entries(files).map(async ([path, data]) => ({
        path, bytes: data.byteLength, sha256: [...new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(data)))].map((b) => b.toString(16).padStart(2, '0')).join(''),
      })));
      files['manifest.json'] = strToU8(JSON.stringify({ format: 'cadia-personal-data-export', version: 1, createdAt: now().toISOString(), contact: s.me.contact, files: listed }, null, 2));
      files[lang === 'de' ? 'LIESMICH.txt' : 'README.txt'] = strToU8(listed.map((f) => f.path).join('\r\n'));
      const name = exportFileName(lang, s.ledger.customer.number, now());
      return new HttpResponse(zipSync(files), { headers: { 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="${name}"` } });
    })),

    // The money views are the admins' (as on the server: a member gets 403 admin_required).
    http.get(`${API}/orders`, authed(({ request }) => HttpResponse.json({ items: adminOnly().orders.map((o) => orderIn(langOf(request), o)) }))),

    // Notifications and the credit settings, checked by the server's own rules (server/rules/notifications.ts).
    http.get(`${API}/me/notifications`, authed(() => HttpResponse.json(notificationState(state())))),
    http.put(`${API}/me/notifications`, authed(async ({ request }) => {
      state().notifications = readNotificationSettings(await readJson(request));
      return HttpResponse.json(notificationState(state()));
    })),
    http.get(`${API}/credit-settings`, authed(() => HttpResponse.json(adminOnly().credit))),
    http.put(`${API}/credit-settings`, authed(async ({ request }) => {
      const s = adminOnly();
      const input = readCreditSettings(await readJson(request));
      if (input.autoTopUpPackageId && !fixtures.packages.items.some((p) => p.id === input.autoTopUpPackageId)) {
        throw new ApiError(422, 'validation_failed', { errors: [{ field: 'autoTopUpPackageId', code: 'unknown_package' }] });
      }
      s.credit = { ...s.credit, ...input };
      s.me = { ...s.me, lowCreditThresholdMinutes: input.lowCreditThresholdMinutes };
      return HttpResponse.json(s.credit);
    })),

    // When each was last active is the admins' to see, as on the server.
    http.get(`${API}/contacts`, authed(() => HttpResponse.json({
      items: state().me.contact.role === 'member' ? state().contacts.map(({ lastActiveAt: _, ...c }) => c) : state().contacts,
    }))),

    // Order names in the statement's language (its `lang`, else Accept-Language), as the server names them.
    http.get(`${API}/statement`, authed(async ({ request }) => {
      const lang = new URL(request.url).searchParams.get('lang') === 'en' ? 'en' : langOf(request);
      return statementAnswer(request, (month) => {
        const s = adminOnly();
        const statement = statementOf(s, month);
        const named = (e: Statement['entries'][number]) => {
          const order = e.orderId ? s.orders.find((o) => o.id === e.orderId) : undefined;
          return order ? { ...e, orderName: nameIn(lang, order) } : e;
        };
        return { ...statement, entries: statement.entries.map(named) };
      }, now());
    })),

    http.post(`${API}/orders`, authed(async ({ request }) => {
      if (state().me.contact.role === 'member') throw new ApiError(403, 'admin_required');
      const key = requireIdempotencyKey(request);
      const { packageId, offerId } = readOrderInput(await readJson(request));
      const s = state();
      return idempotent(s, key, JSON.stringify(['order', packageId, offerId]), () => {
        const at = now().toISOString();
        let item: Pick<Order, 'name' | 'minutes' | 'price' | 'packageId' | 'offerId'>;
        if (offerId) {
          const offer = s.offers.find((x) => x.id === offerId);
          if (!offer) throw new ApiError(404, 'not_found');
          assertOfferOrderable(offerWithStatus(s, offer, now()).status, offer.expiresAt);
          s.orderedOffers.add(offer.id);
          item = { name: offer.name, minutes: offer.minutes, price: offer.price, packageId: offer.packageId, offerId: offer.id };
        } else {
          const pkg = fixtures.packages.items.find((p) => p.id === packageId);
          if (!pkg) throw new ApiError(404, 'not_found', { detail: `package ${packageId}` });
          item = { name: pkg.name, minutes: pkg.minutes, price: pkg.price, packageId: pkg.id, offerId: null };
        }
        const order: Order = {
          id: `ord_mock_${++s.seq}`, ...item, createdAt: at, contact: { id: s.me.contact.id, name: s.me.contact.name },
          status: 'credited', cancelledAt: null, cancelNote: '', automatic: false,
        };
        s.orders = [order, ...s.orders];
        s.me = { ...s.me, credit: { minutes: s.me.credit.minutes + item.minutes, updatedAt: at } };
        s.ledger.entries.push({
          id: `mov_mock_${++s.seq}`, at, kind: 'order', minutes: item.minutes, balanceAfter: s.me.credit.minutes, workedMinutes: null,
          ticketId: null, ticketNumber: null, ticketSubject: null, orderId: order.id, orderName: order.name, note: '', contact: order.contact,
        });
        // Named in the language ordered in, as the server names the order in its answer.
        return { status: 201, body: { order: orderIn(langOf(request), order), credit: s.me.credit } };
      });
    })),

    http.get(`${API}/tickets`, authed(({ request }) => {
      const url = new URL(request.url);
      const { statuses, q, limit } = parseListParams({
        status: url.searchParams.getAll('status'), q: url.searchParams.get('q'), limit: url.searchParams.get('limit'),
      });

      const s = state();
      const needle = q.toLocaleLowerCase('de');
      // Like the server: number, subject, description and every message body.
      const matches = (t: TicketSummary) => {
        const d = s.details.get(t.id);
        const texts = [t.number, t.subject, d?.description ?? '', ...(d?.messages.map((m) => m.body) ?? [])];
        return texts.some((x) => x.toLocaleLowerCase('de').includes(needle));
      };
      // Like the server: `contact` narrows the company's tickets to one person (a member under `own` sees only their own anyway).
      const person = s.me.ticketScope === 'company' ? url.searchParams.get('contact') : null;
      const all = s.tickets.filter((t) => (statuses.length === 0 || statuses.includes(t.status)) && (!q || matches(t)) && (!person || t.contact?.id === person));
      let rest = all;
      const cursor = url.searchParams.get('cursor');
      if (cursor) {
        const [updatedAt, id] = decodeCursor(cursor);
        rest = all.filter((t) => t.updatedAt < updatedAt || (t.updatedAt === updatedAt && t.id < id));
      }
      const items = rest.slice(0, limit);
      const last = items[items.length - 1];
      return HttpResponse.json({ items, nextCursor: rest.length > limit && last ? encodeCursor(last) : null, total: all.length });
    })),

    http.get(`${API}/tickets/:id`, authed((info) => {
      const s = state();
      const id = param(info, 'id');
      const summary = s.tickets.find((t) => t.id === id);
      if (!summary) throw new ApiError(404, 'not_found');
      // Viewing the ticket is what makes support replies "read".
      summary.unread = false;
      const detail = s.details.get(id) ?? generatedDetail(summary, s.me);
      const read = { ...detail, unread: false };
      s.details.set(id, read);
      return HttpResponse.json(withReplyEffect(read, now()));
    })),

    http.post(`${API}/tickets`, authed(async ({ request }) => {
      const key = requireIdempotencyKey(request);
      const { fields, images, uploadErrors } = await readForm(request, o);
      const f = new Fields(fields);
      const input = readTicketInput(f);
      // The ERP's diagnostics, when sent; its file part (`diagnosticsFile`) is not kept by the mock.
      const diagnostics = readDiagnostics(f);
      // Filed for a known-issue notice: linked and subscribed, as on the server.
      const noticeId = f.string('noticeId', { max: 100 });
      if (noticeId && !state().notices.some((n) => n.id === noticeId)) f.add('noticeId', 'invalid_value');
      throwIfFormErrors(f, ...uploadErrors);
      const category = input.category ?? 'concern';

      const s = state();
      return idempotent(s, key, fingerprintOf(fields, images), () => {
        const ticket = addTicket(s, { ...input, category, diagnostics }, images, now());
        if (noticeId) s.subscribed.add(noticeId);
        const cc = input.cc && input.cc.toLowerCase() !== s.me.customer.email.toLowerCase() ? [input.cc] : [];
        return { status: 201, body: { ticket, emailedTo: [s.me.customer.email, ...cc] } };
      });
    })),

    http.post(`${API}/tickets/:id/messages`, authed(async (info) => {
      const s = state();
      const id = param(info, 'id');
      const summary = s.tickets.find((t) => t.id === id);
      if (!summary) throw new ApiError(404, 'not_found');
      const key = requireIdempotencyKey(info.request);
      const { fields, images, uploadErrors } = await readForm(info.request, o);
      const f = new Fields(fields);
      const body = readReplyBody(f);
      throwIfFormErrors(f, ...uploadErrors);

      return idempotent(s, key, fingerprintOf({ ...fields, ticket: id }, images), () => {
        const at = now().toISOString();
        const old = s.details.get(id) ?? generatedDetail(summary, s.me);
        if (replyEffect(summary, now()) === 'follow_up') {
          // As the server: a new ticket with the reply as its request, linked both ways; the old one stays closed.
          const next = addTicket(s, { ...followUpInput(old, body), diagnostics: null }, images, now(), summary);
          const followUp = { id: next.id, number: next.number };
          // The thread's notices in the seed's language (its tickets are German), with the server's texts.
          const notice: Message = { id: `msg_mock_${++s.seq}`, author: 'system', authorName: SYSTEM_AUTHOR, body: followUpNotice('de', next.number, REOPEN_DAYS), createdAt: at, attachments: [], kind: 'status', contact: null };
          const updated = patchTicket(s, id, { followedBy: followUp, updatedAt: at });
          s.details.set(id, { ...updated, messages: [...updated.messages, notice] });
          touch(s, { ...summary });
          touch(s, s.tickets.find((t) => t.id === next.id)!);
          return { status: 201, body: { message: next.messages[0], followUp } };
        }
        const message: Message = {
          id: `msg_mock_${++s.seq}`, author: 'customer', authorName: s.me.contact.name, body, createdAt: at, attachments: attachmentsOf(s, images), kind: 'message',
          contact: { id: s.me.contact.id, name: s.me.contact.name },
        };
        const status = statusAfterCustomerReply(summary.status);
        const updated = patchTicket(s, id, { status, updatedAt: at, closedAt: closedAtAfter(summary, status, at) });
        s.details.set(id, { ...updated, messages: [...old.messages, message] });
        touch(s, { ...summary });
        return { status: 201, body: { message, followUp: null } };
      });
    })),

    http.post(`${API}/tickets/:id/close`, authed((info) => {
      const s = state();
      const id = param(info, 'id');
      const summary = s.tickets.find((t) => t.id === id);
      if (!summary) throw new ApiError(404, 'not_found');
      if (summary.status === 'closed') return HttpResponse.json(withReplyEffect(s.details.get(id) ?? generatedDetail(summary, s.me), now()));
      const at = now().toISOString();
      const detail = patchTicket(s, id, { status: 'closed', closedAt: closedAtAfter(summary, 'closed', at), updatedAt: at });
      const notice: Message = { id: `msg_mock_${++s.seq}`, author: 'system', authorName: SYSTEM_AUTHOR, body: closedByCustomerNotice('de', s.me.contact.name), createdAt: at, attachments: [], kind: 'status', contact: null };
      // A closed ticket waits in no queue (the server's queuePosition is null unless new or in progress).
      const closed = { ...detail, queuePosition: null, messages: [...detail.messages, notice] };
      s.details.set(id, closed);
      touch(s, { ...summary });
      return HttpResponse.json(withReplyEffect(closed, now()));
    })),

    http.put(`${API}/tickets/:id/rating`, authed(async (info) => {
      const s = state();
      const id = param(info, 'id');
      const summary = s.tickets.find((t) => t.id === id);
      if (!summary) throw new ApiError(404, 'not_found');
      const { score, comment } = readRating(new Fields(await readJson(info.request)));
      assertRatable(summary.status);
      const rating = { score, comment, ratedAt: now().toISOString(), ratedBy: { id: s.me.contact.id, name: s.me.contact.name } };
      return HttpResponse.json(withReplyEffect(patchTicket(s, id, { rating }), now()));
    })),

    http.get(`${API}/attachments/:id`, answer(o, (info) => {
      if (mode === 'loggedOut') throw new ApiError(401, 'unauthorized');
      requireCustomer(info.request);
      const a = state().attachments.get(param(info, 'id'));
      if (!a) throw new ApiError(404, 'not_found');
      return new HttpResponse(a.bytes, { headers: { 'Content-Type': a.contentType, 'X-Content-Type-Options': 'nosniff', 'Content-Disposition': 'attachment', 'Cache-Control': 'private, max-age=3600' } });
    })),

    http.get(`${API}/events`, answer(o, ({ request }) => {
      if (mode === 'loggedOut') throw new ApiError(401, 'unauthorized');
      requireCustomer(request);
      // An open stream that stays quiet: the widgets see "connected", and nothing changes under the story.
      const stream = new ReadableStream<Uint8Array>({
        start: (controller) => controller.enqueue(new TextEncoder().encode('retry: 3000\n: connected\n\n')),
      });
      return new HttpResponse(stream, { headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' } });
    })),

    // A request no handler knows is a bug in the story or the mocks: say so where the story test looks.
    http.all(`${API}/*`, ({ request }) => {
      console.error(`[mocks] no handler for ${request.method} ${new URL(request.url).pathname}`);
      return problem(request, new ApiError(404, 'not_found'));
    }),
  ];
}

/** The scenarios stories pick from: `parameters: { msw: { handlers: handlers.positive } }`. */
export const handlers = {
  /** demo-positive: 150 min credit, an open loyalty offer (5 days left), 31 tickets. */
  positive: createHandlers({ customer: 'positive' }),
  /** A member of 10001 (Jonas Weber): their own two tickets, prices and offers, no ordering. */
  member: createHandlers({ customer: 'positive', role: 'member' }),
  /** The same member with the company's credit below zero: the badge says who can order. */
  memberNegative: createHandlers({ customer: 'positive', role: 'member', creditMinutes: -40 }),
  /** demo-positive with an auto top-up chosen and one automatic order this month (the account's orders and settings). */
  autoTopUp: createHandlers({ customer: 'positive', autoTopUp: true }),
  /** demo-positive (150 min) whose admins set the low-credit threshold to 200: low by the company's threshold. */
  lowThreshold: createHandlers({ customer: 'positive', lowThreshold: 200 }),
  /** demo-positive with 20 min left: the badge's low state. */
  low: createHandlers({ customer: 'positive', creditMinutes: 20 }),
  /** demo-positive at exactly zero. */
  zero: createHandlers({ customer: 'positive', creditMinutes: 0 }),
  /** demo-negative: −40 min, an expired offer, 3 tickets. */
  negative: createHandlers({ customer: 'negative' }),
  /** 401 problem+json on every authed endpoint; packages and FAQ still answer. */
  loggedOut: createHandlers({ mode: 'loggedOut' }),
  /** Nothing ever answers. */
  loading: createHandlers({ mode: 'loading' }),
  /** Every endpoint answers 500 `internal`. */
  error: createHandlers({ mode: 'error' }),
  /** demo-positive without tickets, offers or orders. */
  empty: createHandlers({ customer: 'positive', tickets: 'none', offers: 'none' }),
  /** demo-positive with 10,000 generated tickets, paged by cursor. */
  manyTickets: createHandlers({ customer: 'positive', tickets: 10_000 }),
  /** demo-positive; every ZIP sent is refused as a bomb (`file_rejected` at `files[i]`), as the server answers one. */
  zipBomb: createHandlers({ customer: 'positive', inspectFile: (kind) => (kind === 'zip' ? 'zip_bomb' : null) }),
  /** demo-positive whose open offer expired (issued 29 days ago); ordering it answers 410. */
  expiredOffer: createHandlers({ customer: 'positive', offers: 'expired' }),
} satisfies Record<string, HttpHandler[]>;

export type Scenario = keyof typeof handlers;
