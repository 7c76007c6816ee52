/**
 * The support agent's side (role `agent` JWTs): answer tickets, book time, change status and
 * category, issue renewal offers, correct credit, manage a customer's people and installation keys,
 * read the outbox. Customers get 403 here. The routes read and
 * check input; what each write does is in model/support.ts.
 */
import { type Context, Hono } from 'hono';
import { LIMITS, TICKET_CATEGORIES, TICKET_STATUSES } from '../../src/domain/categories.js';
import { type AppEnv, requireAgent } from '../auth.js';
import { ratingStats } from '../model/ratings.js';
import { transact, type Tx } from '../db.js';
import type { Deps } from '../deps.js';
import { type Effect, fingerprint, idempotentResponse, requireIdempotencyKey, runIdempotent } from '../idempotency.js';
import { contactsOf, setContactRole } from '../model/contacts.js';
import { getCustomer } from '../model/customers.js';
import { pickLang } from '../problem.js';
import { cancelOrder, listOrders } from '../model/orders.js';
import { createKey, listKeys, revokeKey } from '../model/keys.js';
import { statementAnswer } from '../statement/respond.js';
import {
  addSupportReply, agentDetail, bookTime, correctCredit, customerView, listCustomers, listOutbox, reclassify, renewLicence, resendMail, setStatus,
} from '../model/support.js';
import { anyTicket, countTickets, listTickets, toSummary } from '../model/tickets.js';
import { readCancellation, readCorrection, readKeyInput, readRole } from '../rules/desk.js';
import { readQueueFilters, throwIfFormErrors } from '../rules/tickets.js';
import { formFingerprintParts, readFiles, readForm, readImages, toStored } from '../uploads.js';
import { Fields, type JsonObject, readJsonObject } from '../validate.js';
import { parseListQuery } from './tickets.js';

/** The text fields of an agent's reply besides `images` and `files`. */
const AGENT_REPLY_FIELDS = ['body', 'status'] as const;

/** The queue's own filters on top of the list's (`status`, `q`, `cursor`, `limit`), by the rule the mocks share. */
function parseQueueFilters(c: Context): ReturnType<typeof readQueueFilters> {
  return readQueueFilters({ category: c.req.queries('category') ?? [], customer: c.req.query('customer'), urgency: c.req.query('urgency'), contact: c.req.query('contact') });
}

export function agentRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { db, clock } = deps;

  /** An agent write: validated input first, then the effect exactly once per Idempotency-Key. */
  const idempotent = async (c: Context<AppEnv>, path: string, parts: Array<string | Uint8Array>, effect: (trx: Tx) => Promise<Effect>) => {
    const agent = requireAgent(c);
    const key = requireIdempotencyKey(c);
    return idempotentResponse(await runIdempotent(deps, { principal: agent.key, key, fingerprint: fingerprint('POST', path, parts) }, effect));
  };

  app.get('/agent/customers', async (c) => {
    requireAgent(c);
    return c.json({ items: await listCustomers(db, clock.now()) });
  });

  app.post('/agent/customers/:number/renewal', async (c) => {
    requireAgent(c);
    const offer = await transact(db, (trx) => renewLicence(trx, deps, c.req.param('number')));
    return c.json({ offer }, 201);
  });

  /** One customer with what the desk's customer panel shows: credit, every offer (open, expired, ordered). */
  app.get('/agent/customers/:number', async (c) => {
    requireAgent(c);
    return c.json(await customerView(db, c.req.param('number'), clock.now(), pickLang(c.req.header('accept-language'))));
  });

  /**
   * A customer's statement of one month, as the customer's own `GET /v1/statement` answers it: JSON
   * for the desk's customer panel, CSV or PDF (by `Accept`) for the agent to download or send on.
   */
  app.get('/agent/customers/:number/statement', async (c) => {
    requireAgent(c);
    return statementAnswer(c, deps, (await getCustomer(db, c.req.param('number'))).number);
  });

  /** The customer's people with their role and last activity. */
  app.get('/agent/customers/:number/contacts', async (c) => {
    requireAgent(c);
    return c.json({ items: await contactsOf(db, (await getCustomer(db, c.req.param('number'))).number) });
  });

  /**
   * Sets a person's role (admin or member) where this backend decides it. The body is the wanted
   * state: sending it again changes nothing, so it needs no Idempotency-Key.
   */
  app.post('/agent/customers/:number/contacts/:id/role', async (c) => {
    requireAgent(c);
    const number = (await getCustomer(db, c.req.param('number'))).number;
    const role = readRole(await readJsonObject(c));
    return c.json(await setContactRole(db, number, c.req.param('id'), role, clock.now()));
  });

  /** The customer's installation keys (never the key itself: only its hash is kept). */
  app.get('/agent/customers/:number/keys', async (c) => {
    requireAgent(c);
    c.header('Cache-Control', 'private, no-store');
    return c.json({ items: await listKeys(db, (await getCustomer(db, c.req.param('number'))).number) });
  });

  /**
   * A new installation key, in the answer only this once. Deliberately without Idempotency-Key:
   * a replay would have to store the key to answer it again. A request sent twice makes a second
   * key, which the list shows and the agent revokes.
   */
  app.post('/agent/customers/:number/keys', async (c) => {
    requireAgent(c);
    const number = (await getCustomer(db, c.req.param('number'))).number;
    const { label, role } = readKeyInput(await readJsonObject(c));
    c.header('Cache-Control', 'no-store');
    return c.json(await createKey(db, { customerNumber: number, label, role }, clock.now()), 201);
  });

  /** Revokes a key at once, with every access token it minted; a second time: 409 `key_revoked`, nothing changes. */
  app.post('/agent/customers/:number/keys/:id/revoke', async (c) => {
    requireAgent(c);
    const number = (await getCustomer(db, c.req.param('number'))).number;
    return c.json(await revokeKey(db, c.req.param('id'), clock.now(), number));
  });

  /** A customer's orders, newest first, as the customer's admins see them (the desk finds the one to cancel here). */
  app.get('/agent/customers/:number/orders', async (c) => {
    requireAgent(c);
    const number = (await getCustomer(db, c.req.param('number'))).number;
    return c.json({ items: await listOrders(db, number, pickLang(c.req.header('accept-language'))) });
  });

  /** Cancels an order: its minutes go back by a correction on the statement with the reason; whoever ordered is mailed. */
  app.post('/agent/orders/:id/cancel', async (c) => {
    requireAgent(c);
    const id = c.req.param('id');
    const { note } = readCancellation(await readJsonObject(c));
    return idempotent(c, `/v1/agent/orders/${id}/cancel`, [note], async (trx) => ({ status: 200, body: await cancelOrder(trx, deps, { orderId: id, note, lang: pickLang(c.req.header('accept-language')) }) }));
  });

  /** A correction of the credit by the support team, with the reason the customer reads on the statement. */
  app.post('/agent/customers/:number/corrections', async (c) => {
    requireAgent(c);
    // An unknown customer is 404 before the body is looked at.
    const number = (await getCustomer(db, c.req.param('number'))).number;
    const { minutes, note } = readCorrection(await readJsonObject(c));
    return idempotent(c, `/v1/agent/customers/${number}/corrections`, [String(minutes), note], async (trx) => ({
      status: 201, body: { credit: await correctCredit(trx, deps, { customerNumber: number, minutes, note }) },
    }));
  });

  /** The queue: urgent first, then by arrival, with the counts per status under the other filters. */
  app.get('/agent/tickets', async (c) => {
    requireAgent(c);
    const query = { ...parseListQuery(c), ...parseQueueFilters(c), order: 'queue' as const };
    const [page, counts] = await Promise.all([listTickets(db, query), countTickets(db, query)]);
    const items = page.rows.map((r) => ({ ...toSummary(r), customer: { number: r.customer_number, name: r.customer_name } }));
    return c.json({ items, nextCursor: page.nextCursor, total: page.total, counts });
  });

  /** The ratings on average and per score, of every customer or of one (`?customer=`). */
  app.get('/agent/ratings', async (c) => {
    requireAgent(c);
    const { customerNumber } = parseQueueFilters(c);
    return c.json(await ratingStats(db, customerNumber));
  });

  app.get('/agent/tickets/:id', async (c) => {
    requireAgent(c);
    return c.json(await agentDetail(db, (await anyTicket(db, c.req.param('id'))).id, clock.now()));
  });

  /**
   * A reply: JSON `{ body, status }`, or multipart with up to 3 `images` and 3 `files` besides (the
   * desk). Text or an image or file is required; two agents replying at once both get their reply in (one row each).
   */
  app.post('/agent/tickets/:id/messages', async (c) => {
    const agent = requireAgent(c);
    const ticket = await anyTicket(db, c.req.param('id'));
    const multipart = /^multipart\/form-data/i.test(c.req.header('content-type') ?? '');
    const form: JsonObject | Record<string, unknown> = multipart ? await readForm(c, deps.uploads, AGENT_REPLY_FIELDS) : await readJsonObject(c);
    const f = new Fields(form);
    const body = f.string('body', { max: LIMITS.body });
    const images = readImages(multipart ? form['images'] : undefined);
    const files = await readFiles(multipart ? form['files'] : undefined);
    const uploads = toStored(images.images, files.files);
    if (!body && !uploads.length && !images.errors.length && !files.errors.length) f.add('body', 'required');
    const status = f.oneOf('status', TICKET_STATUSES, { fallback: 'waiting_for_customer' }) ?? 'waiting_for_customer';
    throwIfFormErrors(f, images, files);
    const parts = multipart ? formFingerprintParts(form, uploads) : [body, status];
    return idempotent(c, `/v1/agent/tickets/${ticket.id}/messages`, parts, async (trx) => ({
      status: 201, body: { message: await addSupportReply(trx, deps, { ticket, agent: { contactId: agent.contactId, name: agent.name }, body, status, uploads }) },
    }));
  });

  app.post('/agent/tickets/:id/time', async (c) => {
    requireAgent(c);
    const ticket = await anyTicket(db, c.req.param('id'));
    const f = new Fields(await readJsonObject(c));
    const minutes = f.integer('minutes', { required: true, min: 1, max: 600 });
    const note = f.string('note', { max: LIMITS.shortText });
    const billable = f.boolean('billable');
    f.check();
    if (minutes === undefined) throw new Error('unreachable: minutes validated');
    const parts = [String(minutes), note, String(billable ?? '')];
    return idempotent(c, `/v1/agent/tickets/${ticket.id}/time`, parts, async (trx) => ({
      status: 201, body: await bookTime(trx, deps, { ticketId: ticket.id, minutes, note, billable }),
    }));
  });

  app.post('/agent/tickets/:id/status', async (c) => {
    requireAgent(c);
    const ticket = await anyTicket(db, c.req.param('id'));
    const f = new Fields(await readJsonObject(c));
    const status = f.oneOf('status', TICKET_STATUSES, { required: true });
    f.check();
    if (!status) throw new Error('unreachable: status validated');
    return idempotent(c, `/v1/agent/tickets/${ticket.id}/status`, [status], async (trx) => ({
      status: 200, body: await setStatus(trx, deps, ticket.id, status),
    }));
  });

  app.post('/agent/tickets/:id/reclassify', async (c) => {
    requireAgent(c);
    const ticket = await anyTicket(db, c.req.param('id'));
    const f = new Fields(await readJsonObject(c));
    const category = f.oneOf('category', TICKET_CATEGORIES, { required: true });
    f.check();
    if (!category) throw new Error('unreachable: category validated');
    return idempotent(c, `/v1/agent/tickets/${ticket.id}/reclassify`, [category], async (trx) => ({
      status: 200, body: await reclassify(trx, deps, ticket.id, category),
    }));
  });

  app.get('/agent/outbox', async (c) => {
    requireAgent(c);
    return c.json({ items: await listOutbox(db) });
  });

  /**
   * Sends a failed mail again: the relay takes it up with a fresh set of attempts. Only a failed
   * mail — a queued one is still being tried, a sent one arrived.
   */
  app.post('/agent/outbox/:id/resend', async (c) => {
    requireAgent(c);
    return c.json(await transact(db, (trx) => resendMail(trx, deps, c.req.param('id'))));
  });

  return app;
}
