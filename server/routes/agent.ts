/**
 * The support agent's side (token `demo-agent`): answer tickets, book time, change status and
 * category, issue renewal offers, read the outbox. Customers get 403 here.
 */
import { type Context, Hono } from 'hono';
import { chargeBooking, isFreeCategory, UNIT_MINUTES } from '../../src/domain/billing.js';
import {
  isTicketCategory, LIMITS, TICKET_CATEGORIES, TICKET_STATUSES, type TicketCategory, type TicketStatus, URGENCIES, type Urgency,
} from '../../src/domain/categories.js';
import { categoryLabels } from '../../src/i18n/tickets.js';
import { type AppEnv, requireAgent } from '../auth.js';
import { type Conn, emitEvent, noteMail, transact, type Tx } from '../db.js';
import type { Deps } from '../deps.js';
import { type Effect, fingerprint, idempotentResponse, requireIdempotencyKey, runIdempotent } from '../idempotency.js';
import { newId } from '../ids.js';
import { changeCredit, getCustomer, lockCustomer, toCredit } from '../model/customers.js';
import { issueOffer, listOffers, openOffer } from '../model/offers.js';
import {
  anyTicket, countTickets, getMessage, insertMessage, listTickets, lockTicket, ticketDetail, toSummary, toTimeEntry,
} from '../model/tickets.js';
import { queueMail } from '../outbox.js';
import { ApiError, type FieldErrorInput, throwIfFieldErrors } from '../problem.js';
import { throwIfFormErrors } from '../rules/tickets.js';
import { formFingerprintParts, readForm, readImages, storeAttachments } from '../uploads.js';
import type { AgentCustomer, AgentTicketDetail, Credit, Offer, OutboxMail } from '../types.js';
import { Fields, readJsonObject, type JsonObject } from '../validate.js';
import { parseListQuery } from './tickets.js';

/** The text fields of an agent's reply besides `images`. */
const AGENT_REPLY_FIELDS = ['body', 'status'] as const;

/**
 * The queue's own filters on top of the list's (`status`, `q`, `cursor`, `limit`): `category`
 * (repeated or comma-separated), `customer` (number), `urgency`. Throws 422 naming the field.
 */
function parseQueueFilters(c: Context): { categories: TicketCategory[]; customerNumber?: string; urgency?: Urgency } {
  const errors: FieldErrorInput[] = [];
  const categories = (c.req.queries('category') ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  if (!categories.every(isTicketCategory)) errors.push({ field: 'category', code: 'invalid_value' });
  const customer = c.req.query('customer')?.trim() || undefined;
  if (customer && !/^\d{1,12}$/.test(customer)) errors.push({ field: 'customer', code: 'invalid_value' });
  const urgency = c.req.query('urgency') || undefined;
  if (urgency && !(URGENCIES as readonly string[]).includes(urgency)) errors.push({ field: 'urgency', code: 'invalid_value' });
  throwIfFieldErrors(errors);
  return { categories: categories as TicketCategory[], ...(customer && { customerNumber: customer }), ...(urgency && { urgency: urgency as Urgency }) };
}

/** The system messages and mails name categories as the widgets do. */
const CATEGORY_DE = categoryLabels.de;
const STATUS_DE: Record<TicketStatus, string> = {
  new: 'Neu', in_progress: 'In Bearbeitung', waiting_for_customer: 'Wartet auf Ihre Antwort', closed: 'Geschlossen',
};

interface OutboxRowView {
  id: string; to_addr: string; cc: string; subject: string; body: string; created_at: string;
  sent_at: string | null; failed_at: string | null; attempts: number; error: string | null;
}

/** A failed mail keeps its last error beside the state, so the desk can say why. */
const toOutboxMail = (r: OutboxRowView): OutboxMail => ({
  id: r.id, to: r.to_addr, cc: JSON.parse(r.cc) as string[], subject: r.subject, body: r.body, createdAt: r.created_at,
  status: r.sent_at ? 'sent' : r.failed_at ? 'failed' : 'queued', attempts: r.attempts, error: r.error, sentAt: r.sent_at,
});

export function agentRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { db, clock } = deps;

  const agentDetail = async (conn: Conn, id: string): Promise<AgentTicketDetail> => {
    const detail = await ticketDetail(conn, id);
    const customer = await getCustomer(conn, (await anyTicket(conn, id)).customer_number);
    return { ...detail, customer: { number: customer.number, name: customer.name, email: customer.email }, credit: toCredit(customer) };
  };

  const ticketEvent = (trx: Tx, t: { id: string; customer_number: string }, status: string, at: string) =>
    emitEvent(trx, { name: 'ticket', customerNumber: t.customer_number, data: { id: t.id, status, updatedAt: at } }, at);

  const creditEvent = (trx: Tx, number: string, credit: Credit) =>
    emitEvent(trx, { name: 'credit', customerNumber: number, data: { minutes: credit.minutes, updatedAt: credit.updatedAt } }, credit.updatedAt);

  /**
   * Help text: when credit runs out the customer automatically gets a loyalty offer — unless one is
   * open. The caller holds the customer's lock, so two bookings cannot both issue one.
   */
  const offerIfExhausted = async (trx: Tx, number: string, credit: Credit, charged: number): Promise<Offer | null> => {
    const now = clock.now();
    if (charged <= 0 || credit.minutes > 0 || (await openOffer(trx, number, now))) return null;
    return issueOffer(trx, deps, number, 'credit_exhausted', now);
  };

  /** An agent write: validated input first, then the effect exactly once per Idempotency-Key. */
  const idempotent = async (c: Context<AppEnv>, path: string, parts: Array<string | Uint8Array>, effect: (trx: Tx) => Promise<Effect>) => {
    const agent = requireAgent(c);
    const key = requireIdempotencyKey(c);
    return idempotentResponse(await runIdempotent(deps, { principal: agent.key, key, fingerprint: fingerprint('POST', path, parts) }, effect));
  };

  app.get('/agent/customers', async (c) => {
    requireAgent(c);
    const rows = await db.selectFrom('customers').selectAll().orderBy('number').execute();
    const items: AgentCustomer[] = await Promise.all(rows.map(async (r) => ({
      number: r.number, name: r.name, email: r.email, credit: toCredit(r), openOfferId: (await openOffer(db, r.number, clock.now()))?.id ?? null,
    })));
    return c.json({ items });
  });

  app.post('/agent/customers/:number/renewal', async (c) => {
    requireAgent(c);
    const number = c.req.param('number');
    const offer = await transact(db, async (trx) => {
      // Locked, so "no offer open" still holds when the new one is written (one open offer per customer).
      await lockCustomer(trx, number);
      if (await openOffer(trx, number, clock.now())) throw new ApiError(409, 'offer_open');
      return issueOffer(trx, deps, number, 'renewal', clock.now());
    });
    return c.json({ offer }, 201);
  });

  /** One customer with what the desk's customer panel shows: credit, every offer (open, expired, ordered). */
  app.get('/agent/customers/:number', async (c) => {
    requireAgent(c);
    const customer = await getCustomer(db, c.req.param('number'));
    const offers = await listOffers(db, customer.number, clock.now());
    return c.json({ customer: { number: customer.number, name: customer.name, email: customer.email }, credit: toCredit(customer), offers });
  });

  /** The queue: urgent first, then by arrival, with the counts per status under the other filters. */
  app.get('/agent/tickets', async (c) => {
    requireAgent(c);
    const query = { ...parseListQuery(c), ...parseQueueFilters(c), order: 'queue' as const };
    const [page, counts] = await Promise.all([listTickets(db, query), countTickets(db, query)]);
    const items = page.rows.map((r) => ({ ...toSummary(r), customer: { number: r.customer_number, name: r.customer_name } }));
    return c.json({ items, nextCursor: page.nextCursor, total: page.total, counts });
  });

  app.get('/agent/tickets/:id', async (c) => {
    requireAgent(c);
    return c.json(await agentDetail(db, (await anyTicket(db, c.req.param('id'))).id));
  });

  /**
   * A reply: JSON `{ body, status }`, or multipart with up to 3 `images` besides (the desk). Text or
   * images are required; two agents replying at once both get their reply in (one row each).
   */
  app.post('/agent/tickets/:id/messages', async (c) => {
    const agent = requireAgent(c);
    const ticket = await anyTicket(db, c.req.param('id'));
    const multipart = /^multipart\/form-data/i.test(c.req.header('content-type') ?? '');
    const form: JsonObject | Record<string, unknown> = multipart ? await readForm(c, deps.uploads, AGENT_REPLY_FIELDS) : await readJsonObject(c);
    const f = new Fields(form);
    const body = f.string('body', { max: LIMITS.body });
    const images = readImages(multipart ? form['images'] : undefined);
    if (!body && !images.images.length && !images.errors.length) f.add('body', 'required');
    const status = f.oneOf('status', TICKET_STATUSES, { fallback: 'waiting_for_customer' }) ?? 'waiting_for_customer';
    throwIfFormErrors(f, images);
    const parts = multipart ? formFingerprintParts(form, images.images) : [body, status];
    return idempotent(c, `/v1/agent/tickets/${ticket.id}/messages`, parts, async (trx) => {
      const at = clock.now().toISOString();
      const id = newId('msg');
      await insertMessage(trx, { id, ticketId: ticket.id, author: 'support', authorName: agent.name, body, kind: 'message', at });
      await storeAttachments(trx, clock, id, ticket.customer_number, images.images, deps.limits.uploadQuotaBytes);
      await trx.updateTable('tickets').set({ status, updated_at: at }).where('id', '=', ticket.id).execute();
      const customer = await getCustomer(trx, ticket.customer_number);
      await queueMail(trx, clock, {
        to: customer.email,
        cc: [],
        subject: `[${ticket.number}] Neue Antwort: ${ticket.subject}`,
        body: `Guten Tag ${customer.name},\n\nzu Ihrem Ticket ${ticket.number} gibt es eine neue Antwort des Cadia-Teams.\nBitte lesen und beantworten Sie sie im Kundenportal (Hilfe → Support anfordern → Support-Tickets).\n\nIhr Cadia-Team`,
      });
      emitEvent(trx, { name: 'message', customerNumber: ticket.customer_number, data: { ticketId: ticket.id, messageId: id } }, at);
      ticketEvent(trx, ticket, status, at);
      return { status: 201, body: { message: await getMessage(trx, id) } };
    });
  });

  app.post('/agent/tickets/:id/time', async (c) => {
    requireAgent(c);
    const ticket = await anyTicket(db, c.req.param('id'));
    const f = new Fields(await readJsonObject(c));
    const minutes = f.integer('minutes', { required: true, min: 1, max: 600 });
    const note = f.string('note', { max: LIMITS.shortText });
    const billableInput = f.boolean('billable');
    f.check();
    if (minutes === undefined) throw new Error('unreachable: minutes validated');
    const parts = [String(minutes), note, String(billableInput ?? '')];
    return idempotent(c, `/v1/agent/tickets/${ticket.id}/time`, parts, async (trx) => {
      const at = clock.now().toISOString();
      // Ticket, then customer (always this order): the category decides billable, the credit the split.
      const current = await lockTicket(trx, ticket.id);
      const before = (await lockCustomer(trx, current.customer_number)).credit_minutes;
      const billable = billableInput ?? !isFreeCategory(current.category);
      const charge = chargeBooking({ minutes, billable }, before);
      const id = newId('tim');
      const entry = {
        id, ticket_id: ticket.id, date: at, minutes, billable: billable ? 1 : 0, note,
        charged_minutes: charge.charged, from_credit_minutes: charge.fromCredit, uncovered_minutes: charge.uncovered,
      };
      await trx.insertInto('time_entries').values(entry).execute();
      await trx.updateTable('tickets').set({ updated_at: at }).where('id', '=', ticket.id).execute();
      const credit = charge.charged > 0
        ? await changeCredit(trx, current.customer_number, -charge.charged, at)
        : toCredit(await getCustomer(trx, current.customer_number));
      if (charge.charged > 0) creditEvent(trx, current.customer_number, credit);
      ticketEvent(trx, current, current.status, at);
      const offer = await offerIfExhausted(trx, current.customer_number, credit, charge.charged);
      return { status: 201, body: { timeEntry: toTimeEntry(entry), credit, offer, ticket: await agentDetail(trx, ticket.id) } };
    });
  });

  app.post('/agent/tickets/:id/status', async (c) => {
    requireAgent(c);
    const ticket = await anyTicket(db, c.req.param('id'));
    const f = new Fields(await readJsonObject(c));
    const status = f.oneOf('status', TICKET_STATUSES, { required: true });
    f.check();
    if (!status) throw new Error('unreachable: status validated');
    return idempotent(c, `/v1/agent/tickets/${ticket.id}/status`, [status], async (trx) => {
      const current = await lockTicket(trx, ticket.id);
      if (status !== current.status) {
        const at = clock.now().toISOString();
        await trx.updateTable('tickets').set({ status, updated_at: at }).where('id', '=', ticket.id).execute();
        await insertMessage(trx, { id: newId('msg'), ticketId: ticket.id, author: 'system', authorName: 'Cadia Support', body: `Status: ${STATUS_DE[status]}`, kind: 'status', at });
        ticketEvent(trx, current, status, at);
      }
      return { status: 200, body: await agentDetail(trx, ticket.id) };
    });
  });

  app.post('/agent/tickets/:id/reclassify', async (c) => {
    requireAgent(c);
    const ticket = await anyTicket(db, c.req.param('id'));
    const f = new Fields(await readJsonObject(c));
    const category = f.oneOf('category', TICKET_CATEGORIES, { required: true });
    f.check();
    if (!category) throw new Error('unreachable: category validated');
    return idempotent(c, `/v1/agent/tickets/${ticket.id}/reclassify`, [category], async (trx) => {
      const current = await lockTicket(trx, ticket.id);
      // A second "not a bug" (a colleague was faster, a stale page) changes nothing and says why.
      if (category === current.category) {
        throw new ApiError(422, 'validation_failed', { errors: [{ field: 'category', code: current.reclassified_at ? 'already_reclassified' : 'unchanged' }] });
      }
      const at = clock.now().toISOString();
      const number = current.customer_number;
      const from = current.category as TicketCategory;
      // "Wenn es kein Programmfehler sein sollte": the free time becomes billable and is charged now,
      // in this transaction, against the credit as it is under the customer's lock.
      const becomesBillable = isFreeCategory(from) && !isFreeCategory(category);
      let charged = 0;
      if (becomesBillable) {
        let credit = (await lockCustomer(trx, number)).credit_minutes;
        const free = await trx.selectFrom('time_entries').select(['id', 'minutes']).where('ticket_id', '=', ticket.id).where('billable', '=', 0)
          .orderBy('date').orderBy('seq').execute();
        for (const e of free) {
          const charge = chargeBooking({ minutes: e.minutes, billable: true }, credit);
          await trx.updateTable('time_entries')
            .set({ billable: 1, charged_minutes: charge.charged, from_credit_minutes: charge.fromCredit, uncovered_minutes: charge.uncovered })
            .where('id', '=', e.id).execute();
          credit -= charge.charged;
          charged += charge.charged;
        }
      }
      await trx.updateTable('tickets')
        .set((eb) => ({ category, original_category: eb.fn.coalesce('original_category', eb.val(from)), reclassified_at: at, updated_at: at }))
        .where('id', '=', ticket.id).execute();
      const body = becomesBillable
        ? `Kein Programmfehler – Aufwand wird berechnet. Neue Kategorie: ${CATEGORY_DE[category]}.`
        : `Kategorie geändert: ${CATEGORY_DE[from]} → ${CATEGORY_DE[category]}.`;
      await insertMessage(trx, { id: newId('msg'), ticketId: ticket.id, author: 'system', authorName: 'Cadia Support', body, kind: 'reclassified', at });
      const credit = charged > 0 ? await changeCredit(trx, number, -charged, at) : toCredit(await getCustomer(trx, number));
      if (charged > 0) {
        creditEvent(trx, number, credit);
        await offerIfExhausted(trx, number, credit, charged);
      }
      // Help text: "Wenn es kein Programmfehler sein sollte, teilt Ihnen das Cadia-Team dies mit" — by mail too,
      // since from now on the ticket costs credit.
      if (becomesBillable) {
        const customer = await getCustomer(trx, number);
        await queueMail(trx, clock, {
          to: customer.email,
          cc: [],
          subject: `[${current.number}] Kein Programmfehler – Aufwand wird berechnet`,
          body: [
            `Guten Tag ${customer.name},`,
            '',
            `wir haben Ihr Ticket ${current.number} „${current.subject}“ geprüft: Es handelt sich nicht um einen Programmfehler.`,
            `Neue Kategorie: ${CATEGORY_DE[category]}. Die Supportzeit zu diesem Ticket wird ab jetzt berechnet (pro angefangene ${UNIT_MINUTES} Minuten).`,
            charged > 0 ? `Für die bisher gebuchte Zeit wurden ${charged} Minuten berechnet.` : 'Bisher wurde zu diesem Ticket keine Zeit gebucht.',
            `Ihr Supportguthaben beträgt jetzt ${credit.minutes} Minuten.`,
            '',
            'Details finden Sie im Kundenportal (Hilfe → Support anfordern → Support-Tickets).',
            '',
            'Ihr Cadia-Team',
          ].join('\n'),
        });
      }
      ticketEvent(trx, current, current.status, at);
      return { status: 200, body: await agentDetail(trx, ticket.id) };
    });
  });

  /** The newest mails with their delivery state; failed ones (the relay gave up) carry the error. */
  app.get('/agent/outbox', async (c) => {
    requireAgent(c);
    const rows = await db.selectFrom('outbox').selectAll().orderBy('created_at', 'desc').orderBy('seq', 'desc').limit(100).execute();
    return c.json({ items: rows.map(toOutboxMail) });
  });

  /**
   * Sends a failed mail again: the relay takes it up with a fresh set of attempts. Only a failed
   * mail — a queued one is still being tried, a sent one arrived.
   */
  app.post('/agent/outbox/:id/resend', async (c) => {
    requireAgent(c);
    const id = c.req.param('id');
    const mail = await transact(db, async (trx) => {
      const row = await trx.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new ApiError(404, 'not_found');
      if (!row.failed_at) throw new ApiError(409, row.sent_at ? 'mail_sent' : 'mail_pending');
      const at = clock.now().toISOString();
      await trx.updateTable('outbox').set({ failed_at: null, attempts: 0, next_attempt_at: at, claimed_until: null }).where('id', '=', id).execute();
      noteMail(trx);
      return toOutboxMail({ ...row, failed_at: null, attempts: 0 });
    });
    return c.json(mail);
  });

  return app;
}
