/**
 * MSW handlers for the support desk's stories (`/v1/agent/…`), answering as the contract says:
 * the queue, tickets and customers are the recorded seed answers of both demo customers
 * (`fixtures.json`, the same the customer stories replay) seen from the agent's side; the writes
 * check their input with the server's own rules and texts (1..600 minutes, text or images, one
 * reclassification, one open offer) and bill with src/domain's rules. The outbox holds what the
 * writes queued, plus — in the `failedMail` scenario — one mail the relay gave up on.
 * `server/test/msw-contract.test.ts` checks the scenarios against api/openapi.yaml.
 */
import { delay, http, HttpResponse, type HttpHandler } from 'msw';
// From the contract's types, not src/api/agent-backend.ts: the server's type check (msw-contract.test.ts) must not pull in the browser client.
import type { components } from '../../src/api/schema.js';
import type { Message, Offer, Order } from '../../src/api/types.js';
import type { CustomerFixture } from './fixture-types.js';
import { chargeBooking, isFreeCategory } from '../../src/domain/billing.js';
import { closedAtAfter, closingOf } from '../../src/domain/closing.js';
import { offerExpiresAt } from '../../src/domain/offers.js';
import { DAY_MS as DAY } from '../../src/domain/time.js';
import { LIMITS, TICKET_CATEGORIES, TICKET_STATUSES, type TicketStatus } from '../../src/domain/categories.js';
import { ApiError } from '../../server/problem.js';
import { readCancellation, readCorrection, readKeyInput, readRole } from '../../server/rules/desk.js';
import { billingOf, parseListParams, ratingStatsOf, readQueueFilters, throwIfFormErrors } from '../../server/rules/tickets.js';
import { Fields } from '../../server/validate.js';
import {
  EMPTY_NOTICE, fixedAtAfter, noticeFixedMailTo, readNotice, toAgentNotice, toColumns, toFields, type NoticeFields,
} from '../../server/rules/notices.js';
import { demoNotices } from '../../server/demo-notices.js';
import {
  becameBillableMail, orderCancelledMail, reclassifiedNotice, statusChangedMail, statusNotice, supportRepliedMail, SYSTEM_AUTHOR,
} from '../../server/mail-texts.js';
import type { NoticesTable } from '../../server/db.js';
import {
  API, answer, onResetMocks, attachmentsOf, decodeBase64, fingerprintOf, fixtures, idempotent, problem, readForm, readJson, requireIdempotencyKey,
  shifted, statementAnswer, statementOf, type MockOptions, type Resolver, type StoredAnswer,
} from './handlers.js';

type S = components['schemas'];
type AgentCustomer = S['AgentCustomer'];
type AgentCustomerDetail = S['AgentCustomerDetail'];
type AgentTicketDetail = S['AgentTicketDetail'];
type AgentTicketSummary = S['AgentTicketSummary'];
type OutboxMail = S['OutboxMail'];
type QueueCounts = S['QueueCounts'];
type AgentContact = S['AgentContact'];
type InstallationKey = S['InstallationKey'];
type RatingStats = S['RatingStats'];
type NoticeSubscriber = S['NoticeSubscriber'];

export interface AgentMockOptions {
  mode?: 'ok' | 'loading' | 'error' | 'emptyQueue';
  /** An outbox with one mail the relay gave up on (550 from the receiving server). */
  failedMail?: boolean;
  /**
   * 10001 with what the ERP brought: a person its installation key signed in (a role the desk may
   * change), that key in use and an older one revoked.
   */
  erp?: boolean;
  now?: () => Date;
}

interface AgentState {
  /** Each customer's credit ledger, for the statement (the recorded seed's, as the customer stories use it). */
  ledgers: Map<string, Parameters<typeof statementOf>[0]>;
  tickets: Map<string, AgentTicketDetail>;
  customers: Map<string, AgentCustomerDetail>;
  outbox: OutboxMail[];
  attachments: Map<string, { contentType: string; bytes: Uint8Array }>;
  idempotency: Map<string, StoredAnswer>;
  seq: number;
  /** Each customer's people and installation keys. */
  contacts: Map<string, AgentContact[]>;
  keys: Map<string, InstallationKey[]>;
  /** Each customer's orders, newest first (the recorded ones). */
  orders: Map<string, Order[]>;
  /** The demo's known-issue notices (server/demo-notices.ts) and who subscribed to each. */
  notices: NoticesTable[];
  subscribers: Map<string, NoticeSubscriber[]>;
}

/** A customer's recorded people as the desk lists them: admins first, each role from the host's sign-in (the demo's people sign in through the demo's host). */
function peopleOf(contacts: CustomerFixture['contacts']): AgentContact[] {
  return contacts.map((p) => ({ id: p.id, name: p.name, email: p.email, role: p.role, roleManagedBy: 'host' as const, lastActiveAt: p.lastActiveAt ?? null }))
    .sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name, 'de') : a.role === 'admin' ? -1 : 1));
}

function initialState(o: AgentMockOptions, now: Date): AgentState {
  const tickets = new Map<string, AgentTicketDetail>();
  const customers = new Map<string, AgentCustomerDetail>();
  const ledgers: AgentState['ledgers'] = new Map();
  const contacts = new Map<string, AgentContact[]>();
  const orders = new Map<string, Order[]>();
  const ms = now.getTime() - Date.parse(fixtures.generatedAt);
  for (const c of [fixtures.customers.positive, fixtures.customers.negative].map((f) => shifted(f, ms))) {
    customers.set(c.me.customer.number, { customer: c.me.customer, credit: c.me.credit, offers: c.offers });
    contacts.set(c.me.customer.number, peopleOf(c.contacts));
    ledgers.set(c.me.customer.number, { ledger: c.ledger });
    orders.set(c.me.customer.number, c.orders);
    if (o.mode === 'emptyQueue') continue;
    for (const d of Object.values(c.details)) tickets.set(d.id, { ...d, customer: c.me.customer, credit: c.me.credit });
  }
  const outbox: OutboxMail[] = o.failedMail
    ? [{
        id: 'mail_mock_failed', to: 'kanzlei@schneider-partner.example', cc: [], subject: '[T-2026-00071] Neue Antwort: DATEV-Export bricht bei 45 % ab',
        body: 'Guten Tag Schneider & Partner Steuerberatung,\n\nzu Ihrem Ticket gibt es eine neue Antwort des Cadia-Teams.\n\nIhr Cadia-Team',
        createdAt: new Date(now.getTime() - DAY / 4).toISOString(), status: 'failed', attempts: 5,
        error: '550 5.1.1 <kanzlei@schneider-partner.example>: mailbox unavailable', sentAt: null,
      }]
    : [];
  const attachments = new Map(Object.entries(fixtures.attachments).map(([id, a]) => [id, { contentType: a.contentType, bytes: decodeBase64(a.base64) }]));
  const keys = new Map<string, InstallationKey[]>([...customers.keys()].map((n) => [n, []]));
  if (o.erp) {
    const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
    contacts.get('10001')!.push({ id: 'con_mock_erp', name: 'Lager Eins', email: 'lager@mueller-haustechnik.example', role: 'member', roleManagedBy: 'backend', lastActiveAt: ago(0.1) });
    keys.set('10001', [
      { id: 'ikey_mock_old', label: 'Alter Kassenrechner', role: 'member', createdAt: ago(400), lastUsedAt: ago(200), revokedAt: ago(190) },
      { id: 'ikey_mock_lager', label: 'Lager-PC', role: 'member', createdAt: ago(30), lastUsedAt: ago(0.1), revokedAt: null },
    ]);
  }
  // Two people of the two demo customers said "Betrifft mich auch" to the printing problem; one filed a ticket for it.
  const [pos, neg] = [fixtures.customers.positive, fixtures.customers.negative];
  const subscriber = (c: typeof pos, days: number, ticket: NoticeSubscriber['ticket']): NoticeSubscriber => ({
    contact: { id: c.me.contact.id, name: c.me.contact.name, email: c.me.customer.email }, customer: { number: c.me.customer.number, name: c.me.customer.name },
    subscribedAt: new Date(now.getTime() - days * DAY).toISOString(), lang: 'de', ticket,
  });
  const filed = pos.tickets[0];
  const subscribers = new Map([['ntc_demo_print', [subscriber(pos, 1, filed ? { id: filed.id, number: filed.number } : null), subscriber(neg, 0.5, null)]]]);
  return { ledgers, tickets, customers, outbox, attachments, idempotency: new Map(), seq: 0, notices: demoNotices(now, null), subscribers, contacts, keys, orders };
}

/** The pay-as-you-go price the demo customers pay (the server's PRICING), for what a ticket's uncovered minutes cost. */
const UNIT_PRICE = fixtures.customers.positive.me.pricing.unitPrice;

const rank = (t: AgentTicketSummary) => (t.urgency === 'urgent' ? 0 : 1);

function summaryOf(t: AgentTicketDetail): AgentTicketSummary {
  const { id, number, subject, category, status, urgency, createdAt, updatedAt, bookedMinutes, unread, contact, closedAt, rating, followUpOf, followedBy } = t;
  return {
    id, number, subject, category, status, urgency, createdAt, updatedAt, bookedMinutes, unread, contact, closedAt, rating, followUpOf, followedBy,
    customer: { number: t.customer.number, name: t.customer.name },
  };
}

/** A status change's fields by the shared closing rules, as the server's statusColumns and ticketDetail. */
function withStatus(t: AgentTicketDetail, status: TicketStatus, at: string): AgentTicketDetail {
  const next = { status, closedAt: closedAtAfter(t, status, at) };
  return { ...t, ...next, updatedAt: at, ...closingOf(next, new Date(at)) };
}

/** The ratings on average and per score, by the server's own count (server/rules/tickets.ts). */
function ratingStats(tickets: Iterable<AgentTicketDetail>, customer: string | null): RatingStats {
  return ratingStatsOf([...tickets].flatMap((t) => (t.rating && (!customer || t.customer.number === customer) ? [{ score: t.rating.score, n: 1 }] : [])));
}

function requireAgent(request: Request): void {
  if (!/^Bearer\s+\S+$/i.test(request.headers.get('authorization') ?? '') && !new URL(request.url).searchParams.get('token')) throw new ApiError(401, 'unauthorized');
}

export function createAgentHandlers(o: AgentMockOptions = {}): HttpHandler[] {
  const now = o.now ?? (() => new Date());
  let current: AgentState | undefined;
  const state = () => (current ??= initialState(o, now()));
  onResetMocks(() => {
    current = undefined;
  });
  const mode = o.mode ?? 'ok';
  if (mode === 'loading') return [http.all(`${API}/*`, async () => { await delay('infinite'); return new HttpResponse(null, { status: 204 }); })];
  if (mode === 'error') return [http.all(`${API}/*`, ({ request }) => problem(request, new ApiError(500, 'internal')))];
  const mock: MockOptions = {};
  const agent = (fn: Resolver): Resolver => answer(mock, (info) => {
    requireAgent(info.request);
    return fn(info);
  });
  const ticketOf = (info: Parameters<Resolver>[0]) => {
    const t = state().tickets.get(String(info.params['id']));
    if (!t) throw new ApiError(404, 'not_found');
    return t;
  };
  const customerOf = (info: Parameters<Resolver>[0]) => {
    const number = String(info.params['number']);
    if (!state().customers.has(number)) throw new ApiError(404, 'not_found');
    return number;
  };
  const setCredit = (s: AgentState, number: string, minutes: number, at: string) => {
    const c = s.customers.get(number)!;
    c.credit = { minutes, updatedAt: at };
    for (const t of s.tickets.values()) if (t.customer.number === number) t.credit = c.credit;
  };
  const mail = (s: AgentState, to: string, subject: string, body: string) =>
    s.outbox.unshift({ id: `mail_mock_${++s.seq}`, to, cc: [], subject, body, createdAt: now().toISOString(), status: 'queued', attempts: 0, error: null, sentAt: null });
  const noticeOf = (info: Parameters<Resolver>[0]) => {
    const n = state().notices.find((x) => x.id === String(info.params['id']));
    if (!n) throw new ApiError(404, 'not_found');
    return n;
  };
  const rowOf = (id: string, f: NoticeFields, created: string, updated: string, fixedAt: string | null): NoticesTable => ({
    id, ...toColumns(f), created_at: created, updated_at: updated, fixed_at: fixedAt, created_by: null,
  });
  const keyed = async (request: Request, parts: unknown[], effect: () => { status: number; body: unknown }) =>
    idempotent(state(), requireIdempotencyKey(request), `${new URL(request.url).pathname} ${JSON.stringify(parts)}`, effect);

  return [
    http.get(`${API}/agent/tickets`, agent(({ request }) => {
      // Checked as the server checks them (server/rules/tickets.ts): the list's parameters, then the queue's filters.
      const p = new URL(request.url).searchParams;
      const { statuses, q: text, limit } = parseListParams({ status: p.getAll('status'), q: p.get('q'), limit: p.get('limit') });
      const { categories, customerNumber, urgency, contactId } = readQueueFilters({ category: p.getAll('category'), customer: p.get('customer'), urgency: p.get('urgency'), contact: p.get('contact') });
      const q = text.toLocaleLowerCase('de');
      const others = [...state().tickets.values()].filter((t) =>
        (!categories.length || categories.includes(t.category)) && (!customerNumber || t.customer.number === customerNumber)
        && (!urgency || t.urgency === urgency) && (!contactId || t.contact?.id === contactId)
        && (!q || [t.number, t.subject, t.description, ...t.messages.map((m) => m.body)].some((v) => v.toLocaleLowerCase('de').includes(q))));
      const counts: QueueCounts = { byStatus: { new: 0, in_progress: 0, waiting_for_customer: 0, closed: 0 }, urgentOpen: 0 };
      for (const t of others) {
        counts.byStatus[t.status]++;
        if (t.urgency === 'urgent' && (t.status === 'new' || t.status === 'in_progress')) counts.urgentOpen++;
      }
      const items = others.filter((t) => !statuses.length || statuses.includes(t.status)).map(summaryOf)
        .sort((a, b) => rank(a) - rank(b) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
      // The stories' queue fits one page; a cursor is never handed out.
      return HttpResponse.json({ items: items.slice(0, limit), nextCursor: null, total: items.length, counts });
    })),

    http.get(`${API}/agent/tickets/:id`, agent((info) => HttpResponse.json(ticketOf(info)))),

    http.get(`${API}/agent/ratings`, agent(({ request }) => {
      // As the server: the queue's filters are read, the customer's counts.
      const p = new URL(request.url).searchParams;
      const { customerNumber } = readQueueFilters({ category: p.getAll('category'), customer: p.get('customer'), urgency: p.get('urgency'), contact: p.get('contact') });
      return HttpResponse.json(ratingStats(state().tickets.values(), customerNumber ?? null));
    })),

    http.post(`${API}/agent/tickets/:id/messages`, agent(async (info) => {
      const t = ticketOf(info);
      const { fields, images, uploadErrors } = await readForm(info.request);
      const f = new Fields(fields);
      const body = f.string('body', { max: LIMITS.body });
      if (!body && !images.length && !uploadErrors.some((u) => u.errors.length)) f.add('body', 'required');
      const status = f.oneOf('status', TICKET_STATUSES, { fallback: 'waiting_for_customer' }) ?? 'waiting_for_customer';
      throwIfFormErrors(f, ...uploadErrors);
      return idempotent(state(), requireIdempotencyKey(info.request), fingerprintOf(fields, images), () => {
        const s = state();
        const at = now().toISOString();
        const message: Message = { id: `msg_mock_${++s.seq}`, author: 'support', authorName: 'Lena Hoffmann', body, createdAt: at, attachments: attachmentsOf(s, images), kind: 'message', contact: null };
        s.tickets.set(t.id, { ...withStatus(t, status, at), messages: [...t.messages, message] });
        const text = supportRepliedMail('de', { name: t.customer.name, number: t.number, subject: t.subject });
        mail(s, t.customer.email, text.subject, text.body);
        return { status: 201, body: { message } };
      });
    })),

    http.post(`${API}/agent/tickets/:id/time`, agent(async (info) => {
      const t = ticketOf(info);
      const f = new Fields(await readJson(info.request));
      const minutes = f.integer('minutes', { required: true, min: 1, max: 600 });
      const note = f.string('note', { max: LIMITS.shortText });
      const billableInput = f.boolean('billable');
      f.check();
      return keyed(info.request, [minutes, note, billableInput], () => {
        const s = state();
        const at = now().toISOString();
        const billable = billableInput ?? !isFreeCategory(t.category);
        const charge = chargeBooking({ minutes: minutes!, billable }, t.credit.minutes);
        const timeEntry = { id: `tim_mock_${++s.seq}`, date: at, minutes: minutes!, billable, note, chargedMinutes: charge.charged, fromCreditMinutes: charge.fromCredit, uncoveredMinutes: charge.uncovered };
        setCredit(s, t.customer.number, t.credit.minutes - charge.charged, at);
        const timeEntries = [...t.timeEntries, timeEntry];
        const ticket = { ...s.tickets.get(t.id)!, timeEntries, billing: billingOf(timeEntries, UNIT_PRICE), bookedMinutes: t.bookedMinutes + minutes!, updatedAt: at };
        s.tickets.set(t.id, ticket);
        return { status: 201, body: { timeEntry, credit: ticket.credit, offer: null, ticket } };
      });
    })),

    http.post(`${API}/agent/tickets/:id/status`, agent(async (info) => {
      const t = ticketOf(info);
      const f = new Fields(await readJson(info.request));
      const status = f.oneOf('status', TICKET_STATUSES, { required: true }) as TicketStatus;
      f.check();
      return keyed(info.request, [status], () => {
        // As the server's setStatus: the same status again changes nothing; a new one leaves its notice in the thread and mails the customer.
        if (status === t.status) return { status: 200, body: t };
        const s = state();
        const at = now().toISOString();
        const notice: Message = { id: `msg_mock_${++s.seq}`, author: 'system', authorName: SYSTEM_AUTHOR, body: statusNotice('de', status), createdAt: at, attachments: [], kind: 'status', contact: null };
        const ticket = { ...withStatus(t, status, at), messages: [...t.messages, notice] };
        s.tickets.set(t.id, ticket);
        const text = statusChangedMail('de', { name: t.customer.name, number: t.number, subject: t.subject, status });
        mail(s, t.customer.email, text.subject, text.body);
        return { status: 200, body: ticket };
      });
    })),

    http.post(`${API}/agent/tickets/:id/reclassify`, agent(async (info) => {
      const t = ticketOf(info);
      const f = new Fields(await readJson(info.request));
      const category = f.oneOf('category', TICKET_CATEGORIES, { required: true })!;
      f.check();
      if (category === t.category) {
        throw new ApiError(422, 'validation_failed', { errors: [{ field: 'category', code: t.reclassifiedAt ? 'already_reclassified' : 'unchanged' }] });
      }
      return keyed(info.request, [category], () => {
        const s = state();
        const at = now().toISOString();
        const becomesBillable = isFreeCategory(t.category) && !isFreeCategory(category);
        const message: Message = {
          id: `msg_mock_${++s.seq}`, author: 'system', authorName: SYSTEM_AUTHOR, body: reclassifiedNotice('de', t.category, category, becomesBillable), createdAt: at, attachments: [], kind: 'reclassified', contact: null,
        };
        // As the server: from a free category to a billable one, free time becomes billable and is charged now, entry by entry, against the credit as it goes.
        let credit = t.credit.minutes;
        const timeEntries = t.timeEntries.map((e) => {
          if (e.billable || !becomesBillable) return e;
          const c = chargeBooking({ minutes: e.minutes, billable: true }, credit);
          credit -= c.charged;
          return { ...e, billable: true, chargedMinutes: c.charged, fromCreditMinutes: c.fromCredit, uncoveredMinutes: c.uncovered };
        });
        setCredit(s, t.customer.number, credit, at);
        const ticket = {
          ...s.tickets.get(t.id)!, category, originalCategory: t.originalCategory ?? t.category, reclassifiedAt: at, updatedAt: at,
          timeEntries, billing: billingOf(timeEntries, UNIT_PRICE), messages: [...t.messages, message],
        };
        s.tickets.set(t.id, ticket);
        if (becomesBillable) {
          const text = becameBillableMail('de', { name: t.customer.name, number: t.number, subject: t.subject, category, chargedMinutes: t.credit.minutes - credit, creditMinutes: credit });
          mail(s, t.customer.email, text.subject, text.body);
        }
        return { status: 200, body: ticket };
      });
    })),

    http.get(`${API}/agent/customers`, agent(() => {
      const items: AgentCustomer[] = [...state().customers.values()].map((c) => ({
        ...c.customer, credit: c.credit, openOfferId: c.offers.find((x) => x.status === 'open')?.id ?? null,
      }));
      return HttpResponse.json({ items });
    })),

    http.get(`${API}/agent/customers/:number`, agent((info) => {
      const c = state().customers.get(String(info.params['number']));
      if (!c) throw new ApiError(404, 'not_found');
      return HttpResponse.json(c);
    })),

    http.get(`${API}/agent/customers/:number/statement`, agent((info) => {
      const ledger = state().ledgers.get(String(info.params['number']));
      if (!ledger) throw new ApiError(404, 'not_found');
      return statementAnswer(info.request, (month) => statementOf(ledger, month), now());
    })),

    http.post(`${API}/agent/customers/:number/corrections`, agent(async (info) => {
      const number = customerOf(info);
      const { minutes, note } = readCorrection(await readJson(info.request));
      return keyed(info.request, [minutes, note], () => {
        const s = state();
        const at = now().toISOString();
        const credit = s.customers.get(number)!.credit.minutes + minutes;
        setCredit(s, number, credit, at);
        s.ledgers.get(number)!.ledger.entries.push({
          id: `mov_mock_${++s.seq}`, at, kind: 'correction', minutes, balanceAfter: credit, workedMinutes: null,
          ticketId: null, ticketNumber: null, ticketSubject: null, orderId: null, orderName: null, note, contact: null,
        });
        return { status: 201, body: { credit: s.customers.get(number)!.credit } };
      });
    })),

    http.get(`${API}/agent/customers/:number/orders`, agent((info) => HttpResponse.json({ items: state().orders.get(customerOf(info)) }))),

    /** As server/model/orders.ts cancelOrder: cancelled once (409 after), a correction takes the minutes back, whoever ordered is mailed. */
    http.post(`${API}/agent/orders/:id/cancel`, agent(async (info) => {
      const { note } = readCancellation(await readJson(info.request));
      return keyed(info.request, [note], () => {
        const s = state();
        const [number, list] = [...s.orders].find(([, l]) => l.some((x) => x.id === info.params['id'])) ?? [];
        const i = list?.findIndex((x) => x.id === info.params['id']) ?? -1;
        if (!number || !list || i < 0) throw new ApiError(404, 'not_found');
        if (list[i]!.status === 'cancelled') throw new ApiError(409, 'order_already_cancelled');
        const at = now().toISOString();
        const order: Order = { ...list[i]!, status: 'cancelled', cancelledAt: at, cancelNote: note };
        list[i] = order;
        const c = s.customers.get(number)!;
        const credit = c.credit.minutes - order.minutes;
        setCredit(s, number, credit, at);
        s.ledgers.get(number)!.ledger.entries.push({
          id: `mov_mock_${++s.seq}`, at, kind: 'correction', minutes: -order.minutes, balanceAfter: credit, workedMinutes: null,
          ticketId: null, ticketNumber: null, ticketSubject: null, orderId: order.id, orderName: order.name, note, contact: null,
        });
        const text = orderCancelledMail('de', { name: order.contact?.name ?? c.customer.name, item: order.name, minutes: order.minutes, note, creditMinutes: credit });
        mail(s, c.customer.email, text.subject, text.body);
        return { status: 200, body: { order, credit: c.credit } };
      });
    })),

    http.get(`${API}/agent/customers/:number/contacts`, agent((info) => HttpResponse.json({ items: state().contacts.get(customerOf(info)) }))),

    http.post(`${API}/agent/customers/:number/contacts/:id/role`, agent(async (info) => {
      const person = state().contacts.get(customerOf(info))!.find((p) => p.id === info.params['id']);
      if (!person) throw new ApiError(404, 'not_found');
      const role = readRole(await readJson(info.request));
      if (person.roleManagedBy === 'host') throw new ApiError(409, 'role_from_host', { errors: [{ field: 'role', code: 'role_from_host' }] });
      person.role = role;
      return HttpResponse.json(person);
    })),

    http.get(`${API}/agent/customers/:number/keys`, agent((info) => HttpResponse.json({ items: state().keys.get(customerOf(info)) }))),

    http.post(`${API}/agent/customers/:number/keys`, agent(async (info) => {
      const keys = state().keys.get(customerOf(info))!;
      const { label, role } = readKeyInput(await readJson(info.request));
      const bytes = crypto.getRandomValues(new Uint8Array(32));
      const secret = `cik_${btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
      const key: InstallationKey = { id: `ikey_mock_${++state().seq}`, label, role, createdAt: now().toISOString(), lastUsedAt: null, revokedAt: null };
      keys.push(key);
      return HttpResponse.json({ key, secret }, { status: 201, headers: { 'Cache-Control': 'no-store' } });
    })),

    http.post(`${API}/agent/customers/:number/keys/:id/revoke`, agent((info) => {
      const key = state().keys.get(customerOf(info))!.find((k) => k.id === info.params['id']);
      if (!key) throw new ApiError(404, 'not_found');
      if (key.revokedAt) throw new ApiError(409, 'key_revoked', { errors: [{ field: 'key', code: 'already_revoked' }] });
      key.revokedAt = now().toISOString();
      return HttpResponse.json(key);
    })),

    http.post(`${API}/agent/customers/:number/renewal`, agent((info) => {
      const s = state();
      const c = s.customers.get(String(info.params['number']));
      if (!c) throw new ApiError(404, 'not_found');
      if (c.offers.some((x) => x.status === 'open')) throw new ApiError(409, 'offer_open');
      const pkg = fixtures.packages.items.find((p) => p.id === 'pkg-600') ?? fixtures.packages.items[0]!;
      const issued = now();
      const offer: Offer = {
        id: `off_mock_${++s.seq}`, name: `Treueangebot ${pkg.name}`, minutes: pkg.minutes,
        price: { amount: Math.round(pkg.price.amount * 0.85), currency: pkg.price.currency }, regularPrice: pkg.price, packageId: pkg.id,
        reason: 'renewal', issuedAt: issued.toISOString(), expiresAt: offerExpiresAt(issued).toISOString(), status: 'open',
      };
      c.offers = [offer, ...c.offers];
      mail(s, c.customer.email, 'Ihr persönliches Treueangebot', `Guten Tag ${c.customer.name},\n\nvielen Dank für die Verlängerung Ihrer Lizenz.\n\nIhr Cadia-Team`);
      return HttpResponse.json({ offer }, { status: 201 });
    })),

    // Known-issue notices: checked with the server's own rules (server/rules/notices.ts); fixed mails each subscriber once.
    http.get(`${API}/agent/notices`, agent(() => {
      const s = state();
      const items = [...s.notices].sort((a, b) => b.updated_at.localeCompare(a.updated_at)).map((n) => toAgentNotice(n, s.subscribers.get(n.id)?.length ?? 0));
      return HttpResponse.json({ items });
    })),
    http.post(`${API}/agent/notices`, agent(async ({ request }) => {
      const body = await readJson(request);
      const f = new Fields(body);
      const fields = readNotice(f, body, EMPTY_NOTICE);
      f.check();
      return keyed(request, [fields], () => {
        const s = state();
        const at = now().toISOString();
        const row = rowOf(`ntc_mock_${++s.seq}`, fields, at, at, fixedAtAfter(null, fields.status, at));
        s.notices.push(row);
        return { status: 201, body: { notice: toAgentNotice(row, 0), mailed: 0 } };
      });
    })),
    http.get(`${API}/agent/notices/:id`, agent((info) => HttpResponse.json(toAgentNotice(noticeOf(info), state().subscribers.get(noticeOf(info).id)?.length ?? 0)))),
    http.patch(`${API}/agent/notices/:id`, agent(async (info) => {
      const s = state();
      const current = noticeOf(info);
      const body = await readJson(info.request);
      const f = new Fields(body);
      const fields = readNotice(f, body, toFields(current));
      f.check();
      const at = now().toISOString();
      const subs = s.subscribers.get(current.id) ?? [];
      const becameFixed = fields.status === 'fixed' && current.status !== 'fixed';
      for (const sub of becameFixed ? subs : []) {
        const text = noticeFixedMailTo(fields, { name: sub.contact.name, lang: sub.lang });
        mail(s, sub.contact.email, text.subject, text.body);
      }
      const row = rowOf(current.id, fields, current.created_at, at, fixedAtAfter(current, fields.status, at));
      s.notices = s.notices.map((n) => (n.id === row.id ? row : n));
      return HttpResponse.json({ notice: toAgentNotice(row, subs.length), mailed: becameFixed ? subs.length : 0 });
    })),
    http.delete(`${API}/agent/notices/:id`, agent((info) => {
      const s = state();
      const id = noticeOf(info).id;
      s.notices = s.notices.filter((n) => n.id !== id);
      s.subscribers.delete(id);
      return new HttpResponse(null, { status: 204 });
    })),
    http.get(`${API}/agent/notices/:id/subscribers`, agent((info) => HttpResponse.json({ items: state().subscribers.get(noticeOf(info).id) ?? [] }))),

    http.get(`${API}/agent/outbox`, agent(() => HttpResponse.json({ items: state().outbox }))),

    http.post(`${API}/agent/outbox/:id/resend`, agent((info) => {
      const m = state().outbox.find((x) => x.id === info.params['id']);
      if (!m) throw new ApiError(404, 'not_found');
      if (m.status !== 'failed') throw new ApiError(409, m.status === 'sent' ? 'mail_sent' : 'mail_pending');
      Object.assign(m, { status: 'queued', attempts: 0 });
      return HttpResponse.json(m);
    })),

    http.get(`${API}/attachments/:id`, answer(mock, (info) => {
      requireAgent(info.request);
      const a = state().attachments.get(String(info.params['id']));
      if (!a) throw new ApiError(404, 'not_found');
      return new HttpResponse(a.bytes, { headers: { 'Content-Type': a.contentType, 'X-Content-Type-Options': 'nosniff' } });
    })),

    http.get(`${API}/events`, answer(mock, ({ request }) => {
      requireAgent(request);
      // An open stream that stays quiet: the desk shows "Live", and nothing changes under the story.
      const stream = new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new TextEncoder().encode('retry: 3000\n: connected\n\n')) });
      return new HttpResponse(stream, { headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' } });
    })),

    http.all(`${API}/*`, ({ request }) => {
      console.error(`[mocks] no handler for ${request.method} ${new URL(request.url).pathname}`);
      return problem(request, new ApiError(404, 'not_found'));
    }),
  ];
}

/** The desk's scenarios: `parameters: { msw: { handlers: agentHandlers.ok } }`. */
export const agentHandlers = {
  /** Both demo customers' tickets, customers and offers, as the seeded backend has them. */
  ok: createAgentHandlers(),
  /** Nothing ever answers. */
  loading: createAgentHandlers({ mode: 'loading' }),
  /** Every endpoint answers 500. */
  error: createAgentHandlers({ mode: 'error' }),
  /** No tickets at all. */
  emptyQueue: createAgentHandlers({ mode: 'emptyQueue' }),
  /** An outbox with a mail the relay gave up on. */
  failedMail: createAgentHandlers({ failedMail: true }),
  /** 10001 with a person and keys from its ERP: a role the desk may change, a key in use, one revoked. */
  erp: createAgentHandlers({ erp: true }),
} satisfies Record<string, HttpHandler[]>;
