/** The customer's tickets: list, detail, create (multipart, ≤ 3 images and ≤ 3 files), reply, attachment bytes. */
import { type Context, Hono } from 'hono';
import { type AppEnv, type CustomerPrincipal, requireCustomer, requirePrincipal } from '../auth.js';
import type { Deps } from '../deps.js';
import { fingerprint, idempotentResponse, requireIdempotencyKey, runIdempotent } from '../idempotency.js';
import {
  addCustomerReply, createTicket, customerTicket, listTickets, type ListQuery, markSeen, readAttachment, ticketDetail, ticketScope, toSummary,
} from '../model/tickets.js';
import { noticeExists, subscribe } from '../model/notices.js';
import { pickLang } from '../problem.js';
import { parseListParams, readDiagnostics, readRating, readReplyBody, REPLY_FORM_FIELDS, TICKET_FORM_FIELDS, readTicketInput, throwIfFormErrors } from '../rules/tickets.js';
import { contentDisposition, formFingerprintParts, readFiles, readForm, readImages, toStored } from '../uploads.js';
import { Fields, readJsonObject } from '../validate.js';
import { transact } from '../db.js';
import { closeTicket, rateTicket } from '../model/ratings.js';

/** `status` (repeated or comma-separated), `q`, `cursor`, `limit` — shared with the agent list. */
export function parseListQuery(c: Context): Omit<ListQuery, 'customerNumber'> {
  const params = parseListParams({ status: c.req.queries('status') ?? [], q: c.req.query('q'), limit: c.req.query('limit') });
  return { ...params, cursor: c.req.query('cursor') || undefined };
}

/** The person writing: their contact is recorded, the confirmation is mailed to them. */
const authorOf = (p: CustomerPrincipal) => ({ contactId: p.contactId, name: p.name, email: p.email });

export function ticketRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { db, clock } = deps;

  app.get('/tickets', async (c) => {
    const p = requireCustomer(c);
    const scope = await ticketScope(db, p);
    // Who sees the company's tickets may narrow them to one person (`?contact=<id>`).
    const person = scope.contactId ? undefined : c.req.query('contact') || undefined;
    const page = await listTickets(db, { ...parseListQuery(c), ...scope, ...(person ? { contactId: person } : {}) });
    return c.json({ items: page.rows.map(toSummary), nextCursor: page.nextCursor, total: page.total });
  });

  app.get('/tickets/:id', async (c) => {
    const p = requireCustomer(c);
    const t = await customerTicket(db, c.req.param('id'), await ticketScope(db, p));
    await markSeen(db, t.id, clock.now().toISOString());
    return c.json(await ticketDetail(db, t.id, clock.now()));
  });

  app.post('/tickets', async (c) => {
    const p = requireCustomer(c);
    const key = requireIdempotencyKey(c);
    await deps.rates.take('tickets', p.customerNumber);
    const form = await readForm(c, deps.uploads, TICKET_FORM_FIELDS);
    const f = new Fields(form);
    const input = readTicketInput(f);
    const diagnostics = readDiagnostics(f);
    // Filed "for" a known-issue notice: the ticket is linked to it and its author subscribed to the fix.
    const noticeId = f.string('noticeId', { max: 100 });
    if (noticeId && !(await noticeExists(db, noticeId))) f.add('noticeId', 'invalid_value');
    const images = readImages(form['images']);
    const files = await readFiles(form['files']);
    const diagnosticsFile = await readFiles(form['diagnosticsFile'], 'diagnosticsFile');
    if (diagnosticsFile.files.length && !diagnostics) f.add('diagnostics', 'required');
    throwIfFormErrors(f, images, files, diagnosticsFile);
    const category = input.category;
    if (!category) throw new Error('unreachable: category validated');
    const uploads = toStored(images.images, files.files);
    const diagnosed = diagnostics && { ...diagnostics, file: diagnosticsFile.files[0] };

    const fp = fingerprint('POST', '/v1/tickets', formFingerprintParts(form, [...uploads, ...diagnosticsFile.files]));
    const lang = pickLang(c.req.header('accept-language'));
    const ticket = { customerNumber: p.customerNumber, author: authorOf(p), input: { ...input, category }, uploads, diagnostics: diagnosed, lang };
    const result = await runIdempotent(deps, { principal: p.key, key, fingerprint: fp }, async (trx) => {
      const created = await createTicket(trx, deps, ticket);
      if (noticeId) await subscribe(trx, deps, { noticeId, contactId: p.contactId, customerNumber: p.customerNumber, lang, ticketId: created.ticket.id });
      return { status: 201, body: created };
    });
    return idempotentResponse(result);
  });

  app.post('/tickets/:id/messages', async (c) => {
    const p = requireCustomer(c);
    const ticket = await customerTicket(db, c.req.param('id'), await ticketScope(db, p));
    const key = requireIdempotencyKey(c);
    await deps.rates.take('replies', p.customerNumber);
    const form = await readForm(c, deps.uploads, REPLY_FORM_FIELDS);
    const f = new Fields(form);
    const body = readReplyBody(f);
    const images = readImages(form['images']);
    const files = await readFiles(form['files']);
    throwIfFormErrors(f, images, files);
    const uploads = toStored(images.images, files.files);

    const fp = fingerprint('POST', `/v1/tickets/${ticket.id}/messages`, formFingerprintParts(form, uploads));
    const result = await runIdempotent(deps, { principal: p.key, key, fingerprint: fp }, async (trx) => ({
      status: 201, body: await addCustomerReply(trx, deps, { ticket, author: authorOf(p), body, uploads, lang: pickLang(c.req.header('accept-language')) }),
    }));
    return idempotentResponse(result);
  });

  /** "Problem gelöst": closing twice answers the closed ticket again, so a retry needs no Idempotency-Key. */
  app.post('/tickets/:id/close', async (c) => {
    const p = requireCustomer(c);
    const ticket = await customerTicket(db, c.req.param('id'), await ticketScope(db, p));
    return c.json(await transact(db, (trx) => closeTicket(trx, deps, ticket.id, { contactId: p.contactId, name: p.name })));
  });

  /** The rating replaces any earlier one (PUT: the same body twice is the same state). */
  app.put('/tickets/:id/rating', async (c) => {
    const p = requireCustomer(c);
    const ticket = await customerTicket(db, c.req.param('id'), await ticketScope(db, p));
    const rating = readRating(new Fields(await readJsonObject(c)));
    return c.json(await transact(db, (trx) => rateTicket(trx, deps, ticket.id, { ...rating, contactId: p.contactId })));
  });

  app.get('/attachments/:id', async (c) => {
    // The widgets fetch the bytes with the header (or the cookie) and show them as a blob URL.
    const p = requirePrincipal(c);
    const { row, bytes } = await readAttachment(db, c.req.param('id'), p.kind === 'customer' ? await ticketScope(db, p) : null);
    return new Response(new Uint8Array(bytes), {
      headers: {
        'Content-Type': row.content_type,
        'Content-Length': String(bytes.length),
        'X-Content-Type-Options': 'nosniff',
        'Content-Disposition': contentDisposition(row.file_name),
        // Customer data: never in a shared cache, and not left in the browser's after sign-out.
        'Cache-Control': 'private, no-store',
        // Even if a browser were tricked into rendering it as a document, nothing may run.
        'Content-Security-Policy': "default-src 'none'; sandbox",
      },
    });
  });

  return app;
}
