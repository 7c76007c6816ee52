/**
 * The support agent's side (token `demo-agent`): answer tickets, book time, change status and
 * category, issue renewal offers, read the outbox. Customers get 403 here.
 */
import { type Context, Hono } from 'hono';
import { chargeBooking, isFreeCategory, UNIT_MINUTES } from '../../src/domain/billing.js';
import {
  LIMITS, TICKET_CATEGORIES, TICKET_STATUSES, type TicketCategory, type TicketStatus,
} from '../../src/domain/categories.js';
import { categoryLabels } from '../../src/i18n/tickets.js';
import { type AppEnv, requireAgent } from '../auth.js';
import { type Conn, emitEvent, transact, type Tx } from '../db.js';
import type { Deps } from '../deps.js';
import { type Effect, fingerprint, idempotentResponse, requireIdempotencyKey, runIdempotent } from '../idempotency.js';
import { newId } from '../ids.js';
import { changeCredit, getCustomer, lockCustomer, toCredit } from '../model/customers.js';
import { issueOffer, openOffer } from '../model/offers.js';
import { anyTicket, getMessage, insertMessage, listTickets, lockTicket, ticketDetail, toSummary, toTimeEntry } from '../model/tickets.js';
import { queueMail } from '../outbox.js';
import { ApiError } from '../problem.js';
import type { AgentCustomer, AgentTicketDetail, Credit, Offer, OutboxMail } from '../types.js';
import { Fields, readJsonObject } from '../validate.js';
import { parseListQuery } from './tickets.js';

/** The system messages and mails name categories as the widgets do. */
const CATEGORY_DE = categoryLabels.de;
const STATUS_DE: Record<TicketStatus, string> = {
  new: 'Neu', in_progress: 'In Bearbeitung', waiting_for_customer: 'Wartet auf Ihre Antwort', closed: 'Geschlossen',
};

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
  const idempotent = async (c: Context<AppEnv>, path: string, parts: string[], effect: (trx: Tx) => Promise<Effect>) => {
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

  app.get('/agent/tickets', async (c) => {
    requireAgent(c);
    const page = await listTickets(db, parseListQuery(c));
    const items = page.rows.map((r) => ({ ...toSummary(r), customer: { number: r.customer_number, name: r.customer_name } }));
    return c.json({ items, nextCursor: page.nextCursor, total: page.total });
  });

  app.get('/agent/tickets/:id', async (c) => {
    requireAgent(c);
    return c.json(await agentDetail(db, (await anyTicket(db, c.req.param('id'))).id));
  });

  app.post('/agent/tickets/:id/messages', async (c) => {
    const agent = requireAgent(c);
    const ticket = await anyTicket(db, c.req.param('id'));
    const f = new Fields(await readJsonObject(c));
    const body = f.string('body', { required: true, max: LIMITS.body });
    const status = f.oneOf('status', TICKET_STATUSES, { fallback: 'waiting_for_customer' }) ?? 'waiting_for_customer';
    f.check();
    return idempotent(c, `/v1/agent/tickets/${ticket.id}/messages`, [body, status], async (trx) => {
      const at = clock.now().toISOString();
      const id = newId('msg');
      await insertMessage(trx, { id, ticketId: ticket.id, author: 'support', authorName: agent.name, body, kind: 'message', at });
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
      if (category === current.category) return { status: 200, body: await agentDetail(trx, ticket.id) };
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
    const items: OutboxMail[] = rows.map((r) => ({
      id: r.id, to: r.to_addr, cc: JSON.parse(r.cc) as string[], subject: r.subject, body: r.body, createdAt: r.created_at,
      status: r.sent_at ? 'sent' : r.failed_at ? 'failed' : 'queued', attempts: r.attempts, error: r.error,
      sentAt: r.sent_at,
    }));
    return c.json({ items });
  });

  return app;
}
