/**
 * The support agent's side (token `demo-agent`): answer tickets, book time, change status and
 * category, issue renewal offers, read the outbox. Customers get 403 here.
 */
import { Hono } from 'hono';
import { chargeBooking, isFreeCategory, UNIT_MINUTES } from '../../src/domain/billing.js';
import {
  LIMITS, TICKET_CATEGORIES, TICKET_STATUSES, type TicketStatus,
} from '../../src/domain/categories.js';
import { categoryLabels } from '../../src/i18n/tickets.js';
import { type AppEnv, requireAgent } from '../auth.js';
import type { Deps } from '../deps.js';
import type { BusEvent } from '../events.js';
import { newId } from '../ids.js';
import { deliver, queueMail } from '../mail.js';
import { changeCredit, type CustomerRow, getCustomer, toCredit } from '../model/customers.js';
import { issueOffer, openOffer } from '../model/offers.js';
import { anyTicket, getMessage, insertMessage, listTickets, ticketDetail, toSummary, toTimeEntry } from '../model/tickets.js';
import { ApiError } from '../problem.js';
import type { AgentCustomer, AgentTicketDetail, Credit, Offer, OutboxMail } from '../types.js';
import { Fields, readJsonObject } from '../validate.js';
import { parseListQuery } from './tickets.js';

/** The system messages and mails name categories as the widgets do. */
const CATEGORY_DE = categoryLabels.de;
const STATUS_DE: Record<TicketStatus, string> = {
  new: 'Neu', in_progress: 'In Bearbeitung', waiting_for_customer: 'Wartet auf Ihre Antwort', closed: 'Geschlossen',
};

/** What a write produced, to publish and mail once its transaction has committed. */
interface Outcome { events: BusEvent[]; mails: string[] }

export function agentRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { db, clock } = deps;

  const agentDetail = (id: string): AgentTicketDetail => {
    const detail = ticketDetail(db, id);
    const customer = getCustomer(db, anyTicket(db, id).customer_number);
    return { ...detail, customer: { number: customer.number, name: customer.name, email: customer.email }, credit: toCredit(customer) };
  };

  const publish = (o: Outcome) => {
    for (const e of o.events) deps.events.publish(e);
    deliver(db, clock, deps.mailer, o.mails);
  };

  const ticketEvent = (id: string): BusEvent => {
    const t = anyTicket(db, id);
    return { name: 'ticket', customerNumber: t.customer_number, data: { id: t.id, status: t.status, updatedAt: t.updated_at } };
  };

  const creditEvent = (number: string, credit: Credit): BusEvent => ({
    name: 'credit', customerNumber: number, data: { minutes: credit.minutes, updatedAt: credit.updatedAt },
  });

  /** Help text: when credit runs out the customer automatically gets a loyalty offer — unless one is open. */
  const offerIfExhausted = (number: string, credit: Credit, charged: number, o: Outcome): Offer | null => {
    const now = clock.now();
    if (charged <= 0 || credit.minutes > 0 || openOffer(db, number, now)) return null;
    const { offer, mailId } = issueOffer(deps, number, 'credit_exhausted', now);
    o.events.push({ name: 'offer', customerNumber: number, data: { id: offer.id } });
    o.mails.push(mailId);
    return offer;
  };

  app.get('/agent/customers', (c) => {
    requireAgent(c);
    const rows = db.prepare('SELECT * FROM customers ORDER BY number').all() as CustomerRow[];
    const items: AgentCustomer[] = rows.map((r) => ({
      number: r.number, name: r.name, email: r.email, credit: toCredit(r), openOfferId: openOffer(db, r.number, clock.now())?.id ?? null,
    }));
    return c.json({ items });
  });

  app.post('/agent/customers/:number/renewal', (c) => {
    requireAgent(c);
    const customer = getCustomer(db, c.req.param('number'));
    const o: Outcome = { events: [], mails: [] };
    const offer = db.transaction(() => {
      if (openOffer(db, customer.number, clock.now())) throw new ApiError(409, 'offer_open');
      const issued = issueOffer(deps, customer.number, 'renewal', clock.now());
      o.events.push({ name: 'offer', customerNumber: customer.number, data: { id: issued.offer.id } });
      o.mails.push(issued.mailId);
      return issued.offer;
    })();
    publish(o);
    return c.json({ offer }, 201);
  });

  app.get('/agent/tickets', (c) => {
    requireAgent(c);
    const page = listTickets(db, parseListQuery(c));
    const items = page.rows.map((r) => ({ ...toSummary(r), customer: { number: r.customer_number, name: r.customer_name } }));
    return c.json({ items, nextCursor: page.nextCursor, total: page.total });
  });

  app.get('/agent/tickets/:id', (c) => {
    requireAgent(c);
    return c.json(agentDetail(anyTicket(db, c.req.param('id')).id));
  });

  app.post('/agent/tickets/:id/messages', async (c) => {
    const agent = requireAgent(c);
    const ticket = anyTicket(db, c.req.param('id'));
    const f = new Fields(await readJsonObject(c));
    const body = f.string('body', { required: true, max: LIMITS.body });
    const status = f.oneOf('status', TICKET_STATUSES, { fallback: 'waiting_for_customer' }) ?? 'waiting_for_customer';
    f.check();
    const o: Outcome = { events: [], mails: [] };
    const id = newId('msg');
    db.transaction(() => {
      const at = clock.now().toISOString();
      insertMessage(db, { id, ticketId: ticket.id, author: 'support', authorName: agent.name, body, kind: 'message', at });
      db.prepare('UPDATE tickets SET status = ?, updated_at = ? WHERE id = ?').run(status, at, ticket.id);
      const customer = getCustomer(db, ticket.customer_number);
      o.mails.push(queueMail(db, clock, {
        to: customer.email,
        cc: [],
        subject: `[${ticket.number}] Neue Antwort: ${ticket.subject}`,
        body: `Guten Tag ${customer.name},\n\nzu Ihrem Ticket ${ticket.number} gibt es eine neue Antwort des Cadia-Teams.\nBitte lesen und beantworten Sie sie im Kundenportal (Hilfe → Support anfordern → Support-Tickets).\n\nIhr Cadia-Team`,
      }));
      o.events.push({ name: 'message', customerNumber: ticket.customer_number, data: { ticketId: ticket.id, messageId: id } });
      o.events.push(ticketEvent(ticket.id));
    })();
    publish(o);
    return c.json({ message: getMessage(db, id) }, 201);
  });

  app.post('/agent/tickets/:id/time', async (c) => {
    requireAgent(c);
    const ticket = anyTicket(db, c.req.param('id'));
    const f = new Fields(await readJsonObject(c));
    const minutes = f.integer('minutes', { required: true, min: 1, max: 600 });
    const note = f.string('note', { max: LIMITS.shortText });
    const billableInput = f.boolean('billable');
    f.check();
    if (minutes === undefined) throw new Error('unreachable: minutes validated');
    const o: Outcome = { events: [], mails: [] };
    const result = db.transaction(() => {
      const at = clock.now().toISOString();
      const current = anyTicket(db, ticket.id);
      const billable = billableInput ?? !isFreeCategory(current.category);
      const before = getCustomer(db, current.customer_number).credit_minutes;
      const charge = chargeBooking({ minutes, billable }, before);
      const id = newId('tim');
      db.prepare(
        `INSERT INTO time_entries (id, ticket_id, date, minutes, billable, note, charged_minutes, from_credit_minutes, uncovered_minutes)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, ticket.id, at, minutes, billable ? 1 : 0, note, charge.charged, charge.fromCredit, charge.uncovered);
      db.prepare('UPDATE tickets SET updated_at = ? WHERE id = ?').run(at, ticket.id);
      const credit = charge.charged > 0
        ? changeCredit(db, current.customer_number, -charge.charged, at)
        : toCredit(getCustomer(db, current.customer_number));
      if (charge.charged > 0) o.events.push(creditEvent(current.customer_number, credit));
      o.events.push(ticketEvent(ticket.id));
      const offer = offerIfExhausted(current.customer_number, credit, charge.charged, o);
      const timeEntry = toTimeEntry({
        id, date: at, minutes, billable: billable ? 1 : 0, note,
        charged_minutes: charge.charged, from_credit_minutes: charge.fromCredit, uncovered_minutes: charge.uncovered,
      });
      return { timeEntry, credit, offer, ticket: agentDetail(ticket.id) };
    })();
    publish(o);
    return c.json(result, 201);
  });

  app.post('/agent/tickets/:id/status', async (c) => {
    requireAgent(c);
    const ticket = anyTicket(db, c.req.param('id'));
    const f = new Fields(await readJsonObject(c));
    const status = f.oneOf('status', TICKET_STATUSES, { required: true });
    f.check();
    if (!status || status === ticket.status) return c.json(agentDetail(ticket.id));
    const o: Outcome = { events: [], mails: [] };
    db.transaction(() => {
      const at = clock.now().toISOString();
      db.prepare('UPDATE tickets SET status = ?, updated_at = ? WHERE id = ?').run(status, at, ticket.id);
      insertMessage(db, { id: newId('msg'), ticketId: ticket.id, author: 'system', authorName: 'Cadia Support', body: `Status: ${STATUS_DE[status]}`, kind: 'status', at });
      o.events.push(ticketEvent(ticket.id));
    })();
    publish(o);
    return c.json(agentDetail(ticket.id));
  });

  app.post('/agent/tickets/:id/reclassify', async (c) => {
    requireAgent(c);
    const ticket = anyTicket(db, c.req.param('id'));
    const f = new Fields(await readJsonObject(c));
    const category = f.oneOf('category', TICKET_CATEGORIES, { required: true });
    f.check();
    if (!category || category === ticket.category) return c.json(agentDetail(ticket.id));
    const o: Outcome = { events: [], mails: [] };
    db.transaction(() => {
      const at = clock.now().toISOString();
      const current = anyTicket(db, ticket.id);
      const number = current.customer_number;
      // "Wenn es kein Programmfehler sein sollte": the free time becomes billable and is charged now.
      const becomesBillable = isFreeCategory(current.category) && !isFreeCategory(category);
      let charged = 0;
      if (becomesBillable) {
        let credit = getCustomer(db, number).credit_minutes;
        const free = db.prepare('SELECT id, minutes FROM time_entries WHERE ticket_id = ? AND billable = 0 ORDER BY date, id').all(ticket.id) as Array<{ id: string; minutes: number }>;
        const update = db.prepare('UPDATE time_entries SET billable = 1, charged_minutes = ?, from_credit_minutes = ?, uncovered_minutes = ? WHERE id = ?');
        for (const e of free) {
          const charge = chargeBooking({ minutes: e.minutes, billable: true }, credit);
          update.run(charge.charged, charge.fromCredit, charge.uncovered, e.id);
          credit -= charge.charged;
          charged += charge.charged;
        }
      }
      db.prepare(
        'UPDATE tickets SET category = ?, original_category = COALESCE(original_category, ?), reclassified_at = ?, updated_at = ? WHERE id = ?',
      ).run(category, current.category, at, at, ticket.id);
      const body = becomesBillable
        ? `Kein Programmfehler – Aufwand wird berechnet. Neue Kategorie: ${CATEGORY_DE[category]}.`
        : `Kategorie geändert: ${CATEGORY_DE[current.category]} → ${CATEGORY_DE[category]}.`;
      insertMessage(db, { id: newId('msg'), ticketId: ticket.id, author: 'system', authorName: 'Cadia Support', body, kind: 'reclassified', at });
      const credit = charged > 0 ? changeCredit(db, number, -charged, at) : toCredit(getCustomer(db, number));
      if (charged > 0) {
        o.events.push(creditEvent(number, credit));
        offerIfExhausted(number, credit, charged, o);
      }
      // Help text: "Wenn es kein Programmfehler sein sollte, teilt Ihnen das Cadia-Team dies mit" — by mail too,
      // since from now on the ticket costs credit.
      if (becomesBillable) {
        const customer = getCustomer(db, number);
        o.mails.push(queueMail(db, clock, {
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
        }));
      }
      o.events.push(ticketEvent(ticket.id));
    })();
    publish(o);
    return c.json(agentDetail(ticket.id));
  });

  app.get('/agent/outbox', (c) => {
    requireAgent(c);
    const rows = db.prepare('SELECT * FROM outbox ORDER BY created_at DESC, id DESC LIMIT 100').all() as Array<{
      id: string; to_addr: string; cc: string; subject: string; body: string; created_at: string;
    }>;
    const items: OutboxMail[] = rows.map((r) => ({
      id: r.id, to: r.to_addr, cc: JSON.parse(r.cc) as string[], subject: r.subject, body: r.body, createdAt: r.created_at,
    }));
    return c.json({ items });
  });

  return app;
}
