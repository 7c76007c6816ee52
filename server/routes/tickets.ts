/** The customer's tickets: list, detail, create (multipart, ≤ 3 images), reply, attachment bytes. */
import { Hono } from 'hono';
import { DAY_MS } from '../clock.js';
import type { Context } from 'hono';
import { type AppEnv, requireCustomer, requirePrincipal } from '../auth.js';
import type { Deps } from '../deps.js';
import { fingerprint, idempotentResponse, requireIdempotencyKey, runIdempotent } from '../idempotency.js';
import { newId } from '../ids.js';
import { deliver, queueMail } from '../mail.js';
import { getCustomer } from '../model/customers.js';
import {
  customerTicket, getMessage, insertMessage, listTickets, nextTicketNumber, type ListQuery, ticketDetail, toSummary,
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
function ccMailsSince(db: Deps['db'], customerNumber: string, since: Date): number {
  const row = db
    .prepare("SELECT COUNT(*) AS n FROM tickets t JOIN customers c ON c.number = t.customer_number WHERE t.customer_number = ? AND t.cc <> '' AND lower(t.cc) <> lower(c.email) AND t.created_at >= ?")
    .get(customerNumber, since.toISOString()) as { n: number };
  return row.n;
}

export function ticketRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { db, clock, events } = deps;

  app.get('/tickets', (c) => {
    const p = requireCustomer(c);
    const page = listTickets(db, { ...parseListQuery(c), customerNumber: p.customerNumber });
    return c.json({ items: page.rows.map(toSummary), nextCursor: page.nextCursor, total: page.total });
  });

  app.get('/tickets/:id', (c) => {
    const p = requireCustomer(c);
    const t = customerTicket(db, c.req.param('id'), p.customerNumber);
    // Viewing the ticket is what makes support replies "read".
    db.prepare('UPDATE tickets SET customer_seen_at = ? WHERE id = ?').run(clock.now().toISOString(), t.id);
    return c.json(ticketDetail(db, t.id));
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
    const result = runIdempotent(db, clock, { principal: p.key, key, fingerprint: fp }, () => {
      const now = clock.now();
      const at = now.toISOString();
      const customer = getCustomer(db, p.customerNumber);
      const cc = input.cc && input.cc.toLowerCase() !== customer.email.toLowerCase() ? [input.cc] : [];
      // The confirmation goes to the CC address from the vendor's mail server with a subject the
      // customer chose: capped, so a customer account cannot be used to mail strangers in bulk.
      if (cc.length && ccMailsSince(db, p.customerNumber, new Date(now.getTime() - DAY_MS)) >= deps.limits.ccMailsPerDay) {
        throw new ApiError(422, 'validation_failed', { errors: [{ field: 'cc', code: 'cc_daily_limit', params: { max: deps.limits.ccMailsPerDay } }] });
      }
      const id = newId('tkt');
      const number = nextTicketNumber(db, now);
      db.prepare(
        `INSERT INTO tickets (id, number, customer_number, category, status, urgency, subject, description, program, program_version,
           window, error_message, hangs_at, last_action, called_before, cc, phone, phone_availability, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id, number, p.customerNumber, category, input.urgency, input.subject, input.description, input.program, input.programVersion,
        input.window, input.errorMessage, input.hangsAt, input.lastAction, input.calledBefore ? 1 : 0, input.cc, input.phone,
        input.phoneAvailability, at, at,
      );
      // The thread starts with the request itself; it carries the ticket's images.
      const messageId = newId('msg');
      insertMessage(db, { id: messageId, ticketId: id, author: 'customer', authorName: customer.name, body: input.description, kind: 'message', at });
      storeAttachments(db, clock, messageId, p.customerNumber, images.images);

      const mailId = queueMail(db, clock, {
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
      return {
        status: 201,
        body: { ticket: ticketDetail(db, id), emailedTo: [customer.email, ...cc] },
        after: () => {
          events.publish({ name: 'ticket', customerNumber: p.customerNumber, data: { id, status: 'new', updatedAt: at } });
          deliver(db, clock, deps.mailer, [mailId]);
        },
      };
    });
    return idempotentResponse(result);
  });

  app.post('/tickets/:id/messages', async (c) => {
    const p = requireCustomer(c);
    const ticket = customerTicket(db, c.req.param('id'), p.customerNumber);
    const key = requireIdempotencyKey(c);
    await deps.rates.take('replies', p.customerNumber);
    const form = await readForm(c, deps.uploads, REPLY_FORM_FIELDS);
    const f = new Fields(form);
    const body = readReplyBody(f);
    const images = readImages(form['images']);
    throwIfFormErrors(f, images);

    const fp = fingerprint('POST', `/v1/tickets/${ticket.id}/messages`, formFingerprintParts(form, images.images));
    const result = runIdempotent(db, clock, { principal: p.key, key, fingerprint: fp }, () => {
      const at = clock.now().toISOString();
      const id = newId('msg');
      const customer = getCustomer(db, p.customerNumber);
      insertMessage(db, { id, ticketId: ticket.id, author: 'customer', authorName: customer.name, body, kind: 'message', at });
      storeAttachments(db, clock, id, p.customerNumber, images.images);
      const status = statusAfterCustomerReply(customerTicket(db, ticket.id, p.customerNumber).status);
      db.prepare('UPDATE tickets SET status = ?, updated_at = ? WHERE id = ?').run(status, at, ticket.id);
      return {
        status: 201,
        body: { message: getMessage(db, id) },
        after: () => {
          events.publish({ name: 'message', customerNumber: p.customerNumber, data: { ticketId: ticket.id, messageId: id } });
          events.publish({ name: 'ticket', customerNumber: p.customerNumber, data: { id: ticket.id, status, updatedAt: at } });
        },
      };
    });
    return idempotentResponse(result);
  });

  app.get('/attachments/:id', (c) => {
    // <img> cannot send a bearer header, hence ?token= (or the cookie).
    const p = requirePrincipal(c, { queryToken: true, db });
    const a = db.prepare('SELECT * FROM attachments WHERE id = ?').get(c.req.param('id')) as AttachmentRow | undefined;
    if (!a || (p.kind === 'customer' && a.customer_number !== p.customerNumber)) throw new ApiError(404, 'not_found');
    const blob = db.prepare('SELECT bytes FROM attachment_blobs WHERE attachment_id = ?').get(a.id) as { bytes: Buffer };
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
