/** The customer's tickets: list, detail, create (multipart, ≤ 3 images), reply, attachment bytes. */
import { Hono } from 'hono';
import { DAY_MS } from '../clock.js';
import type { Context } from 'hono';
import { type AppEnv, requireCustomer, requirePrincipal } from '../auth.js';
import type { Deps } from '../deps.js';
import { fingerprint, idempotentResponse, requireIdempotencyKey, runIdempotent } from '../idempotency.js';
import { newId } from '../ids.js';
import { sql, type SqlBool } from 'kysely';
import { emitEvent, type Tx } from '../db.js';
import { getCustomer, lockCustomer } from '../model/customers.js';
import { queueMail } from '../outbox.js';
import {
  customerTicket, getMessage, insertMessage, listTickets, lockTicket, nextTicketNumber, type ListQuery, ticketDetail, toSummary,
} from '../model/tickets.js';
import { ApiError } from '../problem.js';
import { parseListParams, readReplyBody, REPLY_FORM_FIELDS, TICKET_FORM_FIELDS, readTicketInput, statusAfterCustomerReply, throwIfFormErrors } from '../rules/tickets.js';
import { type AttachmentRow, contentDisposition, formFingerprintParts, readForm, readImages, storeAttachments } from '../uploads.js';
import { Fields } from '../validate.js';

/** `status` (repeated or comma-separated), `q`, `cursor`, `limit` — shared with the agent list. */
export function parseListQuery(c: Context): Omit<ListQuery, 'customerNumber'> {
  const params = parseListParams({ status: c.req.queries('status') ?? [], q: c.req.query('q'), limit: c.req.query('limit') });
  return { ...params, cursor: c.req.query('cursor') || undefined };
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

export function ticketRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { db, clock } = deps;

  app.get('/tickets', async (c) => {
    const p = requireCustomer(c);
    const page = await listTickets(db, { ...parseListQuery(c), customerNumber: p.customerNumber });
    return c.json({ items: page.rows.map(toSummary), nextCursor: page.nextCursor, total: page.total });
  });

  app.get('/tickets/:id', async (c) => {
    const p = requireCustomer(c);
    const t = await customerTicket(db, c.req.param('id'), p.customerNumber);
    // Viewing the ticket is what makes support replies "read".
    await db.updateTable('tickets').set({ customer_seen_at: clock.now().toISOString() }).where('id', '=', t.id).execute();
    return c.json(await ticketDetail(db, t.id));
  });

  app.post('/tickets', async (c) => {
    const p = requireCustomer(c);
    const key = requireIdempotencyKey(c);
    await deps.rates.take('tickets', p.customerNumber);
    const form = await readForm(c, deps.uploads, TICKET_FORM_FIELDS);
    const f = new Fields(form);
    const input = readTicketInput(f);
    const images = readImages(form['images']);
    throwIfFormErrors(f, images);
    const category = input.category;
    if (!category) throw new Error('unreachable: category validated');

    const fp = fingerprint('POST', '/v1/tickets', formFingerprintParts(form, images.images));
    const result = await runIdempotent(deps, { principal: p.key, key, fingerprint: fp }, async (trx) => {
      const now = clock.now();
      const at = now.toISOString();
      const customer = await getCustomer(trx, p.customerNumber);
      const cc = input.cc && input.cc.toLowerCase() !== customer.email.toLowerCase() ? [input.cc] : [];
      // The confirmation goes to the CC address from the vendor's mail server with a subject the
      // customer chose: capped, so a customer account cannot be used to mail strangers in bulk.
      // The customer's lock makes count and insert one step across instances.
      if (cc.length) await lockCustomer(trx, p.customerNumber);
      if (cc.length && (await ccMailsSince(trx, p.customerNumber, new Date(now.getTime() - DAY_MS))) >= deps.limits.ccMailsPerDay) {
        throw new ApiError(422, 'validation_failed', { errors: [{ field: 'cc', code: 'cc_daily_limit', params: { max: deps.limits.ccMailsPerDay } }] });
      }
      const id = newId('tkt');
      // A unique stand-in until the number is taken at the end (see nextTicketNumber).
      await trx.insertInto('tickets').values({
        id, number: `pending-${id}`, customer_number: p.customerNumber, category, status: 'new', urgency: input.urgency, subject: input.subject,
        description: input.description, program: input.program, program_version: input.programVersion, window: input.window,
        error_message: input.errorMessage, hangs_at: input.hangsAt, last_action: input.lastAction, called_before: input.calledBefore ? 1 : 0,
        cc: input.cc, phone: input.phone, phone_availability: input.phoneAvailability, created_at: at, updated_at: at,
      }).execute();
      // The thread starts with the request itself; it carries the ticket's images.
      const messageId = newId('msg');
      await insertMessage(trx, { id: messageId, ticketId: id, author: 'customer', authorName: customer.name, body: input.description, kind: 'message', at });
      await storeAttachments(trx, clock, messageId, p.customerNumber, images.images, deps.limits.uploadQuotaBytes);
      const number = await nextTicketNumber(trx, now);
      await trx.updateTable('tickets').set({ number }).where('id', '=', id).execute();

      await queueMail(trx, clock, {
        to: customer.email,
        cc,
        subject: `[${number}] Ihr Ticket: ${input.subject}`,
        body: [
          `Guten Tag ${customer.name},`,
          '',
          `wir haben Ihr Ticket ${number} erhalten und bearbeiten es der Reihe nach${input.urgency === 'urgent' ? ' (als dringend markiert)' : ''}.`,
          '',
          `Betreff: ${input.subject}`,
          '',
          'Antworten Sie bitte nicht auf diese E-Mail, sondern über das Kundenportal (Hilfe → Support anfordern → Support-Tickets).',
          '',
          'Ihr Cadia-Team',
        ].join('\n'),
      });
      emitEvent(trx, { name: 'ticket', customerNumber: p.customerNumber, data: { id, status: 'new', updatedAt: at } }, at);
      return { status: 201, body: { ticket: await ticketDetail(trx, id), emailedTo: [customer.email, ...cc] } };
    });
    return idempotentResponse(result);
  });

  app.post('/tickets/:id/messages', async (c) => {
    const p = requireCustomer(c);
    const ticket = await customerTicket(db, c.req.param('id'), p.customerNumber);
    const key = requireIdempotencyKey(c);
    await deps.rates.take('replies', p.customerNumber);
    const form = await readForm(c, deps.uploads, REPLY_FORM_FIELDS);
    const f = new Fields(form);
    const body = readReplyBody(f);
    const images = readImages(form['images']);
    throwIfFormErrors(f, images);

    const fp = fingerprint('POST', `/v1/tickets/${ticket.id}/messages`, formFingerprintParts(form, images.images));
    const result = await runIdempotent(deps, { principal: p.key, key, fingerprint: fp }, async (trx) => {
      const at = clock.now().toISOString();
      const id = newId('msg');
      const customer = await getCustomer(trx, p.customerNumber);
      await insertMessage(trx, { id, ticketId: ticket.id, author: 'customer', authorName: customer.name, body, kind: 'message', at });
      await storeAttachments(trx, clock, id, p.customerNumber, images.images, deps.limits.uploadQuotaBytes);
      // Locked: the new status follows from the current one, which an agent may be changing right now.
      const status = statusAfterCustomerReply((await lockTicket(trx, ticket.id)).status);
      await trx.updateTable('tickets').set({ status, updated_at: at }).where('id', '=', ticket.id).execute();
      emitEvent(trx, { name: 'message', customerNumber: p.customerNumber, data: { ticketId: ticket.id, messageId: id } }, at);
      emitEvent(trx, { name: 'ticket', customerNumber: p.customerNumber, data: { id: ticket.id, status, updatedAt: at } }, at);
      return { status: 201, body: { message: await getMessage(trx, id) } };
    });
    return idempotentResponse(result);
  });

  app.get('/attachments/:id', async (c) => {
    // <img> cannot send a bearer header, hence ?token= (or the cookie).
    const p = await requirePrincipal(c, { queryToken: true, db });
    const a: AttachmentRow | undefined = await db.selectFrom('attachments').selectAll().where('id', '=', c.req.param('id')).executeTakeFirst();
    if (!a || (p.kind === 'customer' && a.customer_number !== p.customerNumber)) throw new ApiError(404, 'not_found');
    const blob = await db.selectFrom('attachment_blobs').select('bytes').where('attachment_id', '=', a.id).executeTakeFirstOrThrow();
    return new Response(new Uint8Array(blob.bytes), {
      headers: {
        'Content-Type': a.content_type,
        'Content-Length': String(blob.bytes.length),
        'X-Content-Type-Options': 'nosniff',
        'Content-Disposition': contentDisposition(a.file_name),
        // Customer data: never in a shared cache, and not left in the browser's after sign-out.
        'Cache-Control': 'private, no-store',
        // Even if a browser were tricked into rendering it as a document, nothing may run.
        'Content-Security-Policy': "default-src 'none'; sandbox",
      },
    });
  });

  return app;
}
