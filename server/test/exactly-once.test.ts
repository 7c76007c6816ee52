/**
 * Exactly once: whatever the network does (double clicks, retries after a lost answer, bursts of
 * identical requests, two tabs), a ticket, a reply and an order exist once. Complements the
 * per-route idempotency tests in tickets/shop tests: replies, cross-route key reuse, a refused
 * request not burning its key, 50 tabs racing for one offer, and bursts over real HTTP sockets
 * (where request bodies really interleave) instead of in-process `app.request`.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { json, NEG, POS, type ProblemBody, retrying, setup, smallPng, type TestBackend, ticketForm } from './helpers.js';

const count = (b: TestBackend, sql: string, ...params: unknown[]) => b.count(sql, ...params);

const reply = (body: string, image?: Uint8Array) => {
  const form = new FormData();
  form.append('body', body);
  if (image) form.append('images', new Blob([image]), 'protokoll.png');
  return form;
};

/** The backend on a real loopback socket, for requests that travel like a browser's. */
async function listen(b: TestBackend): Promise<{ url: string; close: () => Promise<void> }> {
  const server = serve({ fetch: b.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        // Keep-alive sockets of the fetch client would hold close() for seconds.
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

describe('exactly once: replies', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('50 parallel identical replies with one key: one message, one image stored, 49 replays', async () => {
    b = await setup();
    const img = smallPng(6, 6);
    const headers = { 'Idempotency-Key': 'reply-burst' };
    const before = { messages: await count(b, 'SELECT COUNT(*) AS n FROM messages'), blobs: await count(b, 'SELECT COUNT(*) AS n FROM attachment_blobs') };
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => retrying(() => b.req('/v1/tickets/tkt_demo_c/messages', { token: POS, form: reply('Mit der Option klappt es.', img), headers }))),
    );
    assert.deepEqual([...new Set(responses.map((r) => r.status))], [201]);
    assert.equal(responses.filter((r) => r.headers.get('idempotent-replayed') === 'true').length, 49);
    const ids = new Set(await Promise.all(responses.map(async (r) => (await json<{ message: { id: string } }>(r)).message.id)));
    assert.equal(ids.size, 1);
    assert.equal(await count(b, 'SELECT COUNT(*) AS n FROM messages'), before.messages + 1);
    assert.equal(await count(b, 'SELECT COUNT(*) AS n FROM attachment_blobs'), before.blobs + 1);
  });

  it('a reused key with another text, another image or another ticket is a 409 and changes nothing', async () => {
    b = await setup();
    const headers = { 'Idempotency-Key': 'reply-once' };
    assert.equal((await b.req('/v1/tickets/tkt_demo_g/messages', { token: POS, form: reply('Danke', smallPng()), headers })).status, 201);
    const messages = await count(b, 'SELECT COUNT(*) AS n FROM messages');
    const variants: Array<[string, string, FormData]> = [
      ['other text', 'tkt_demo_g', reply('Danke!', smallPng())],
      ['other image', 'tkt_demo_g', reply('Danke', smallPng(7, 7))],
      ['no image', 'tkt_demo_g', reply('Danke')],
      ['other ticket', 'tkt_demo_c', reply('Danke', smallPng())],
    ];
    for (const [what, ticket, form] of variants) {
      const r = await b.req(`/v1/tickets/${ticket}/messages`, { token: POS, form, headers });
      assert.equal(r.status, 409, what);
      assert.equal((await json<ProblemBody>(r)).code, 'idempotency_conflict', what);
    }
    assert.equal(await count(b, 'SELECT COUNT(*) AS n FROM messages'), messages);
  });
});

describe('exactly once: keys across requests', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('a key used for an order cannot create a ticket, and the other way round', async () => {
    b = await setup();
    assert.equal((await b.req('/v1/orders', { token: POS, json: { packageId: 'pkg-60' }, headers: { 'Idempotency-Key': 'k-1' } })).status, 201);
    const t = await b.req('/v1/tickets', { token: POS, form: ticketForm(), headers: { 'Idempotency-Key': 'k-1' } });
    assert.equal(t.status, 409);
    assert.equal((await b.req('/v1/tickets', { token: POS, form: ticketForm(), headers: { 'Idempotency-Key': 'k-2' } })).status, 201);
    const o = await b.req('/v1/orders', { token: POS, json: { packageId: 'pkg-60' }, headers: { 'Idempotency-Key': 'k-2' } });
    assert.equal(o.status, 409);
    assert.equal(await count(b, "SELECT COUNT(*) AS n FROM orders WHERE customer_number = '10001' AND package_id = 'pkg-60'"), 1);
  });

  it('a refused submission (field errors) does not burn its key: the corrected form goes through with it', async () => {
    b = await setup();
    const headers = { 'Idempotency-Key': 'draft-7' };
    const bad = await b.req('/v1/tickets', { token: POS, form: ticketForm({ subject: '', cc: 'kein-mail' }), headers });
    assert.equal(bad.status, 422);
    const good = await b.req('/v1/tickets', { token: POS, form: ticketForm({ subject: 'Korrigiert', cc: 'it@partner.example' }), headers });
    assert.equal(good.status, 201);
    const again = await b.req('/v1/tickets', { token: POS, form: ticketForm({ subject: 'Korrigiert', cc: 'it@partner.example' }), headers });
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(await count(b, "SELECT COUNT(*) AS n FROM tickets WHERE subject = 'Korrigiert'"), 1);
  });
});

describe('exactly once: one loyalty offer, many tabs', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('50 tabs order the same offer at once (each its own key): one order, one credit raise, one mail; 49 are told', async () => {
    b = await setup();
    const credit = await count(b, "SELECT credit_minutes AS n FROM customers WHERE number = '10001'");
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => b.req('/v1/orders', { token: POS, json: { offerId: 'off_demo_open' }, headers: { 'Idempotency-Key': `tab-${i}` } })),
    );
    const statuses = responses.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 201).length, 1);
    assert.equal(statuses.filter((s) => s === 409).length, 49);
    for (const r of responses.filter((x) => x.status === 409)) {
      const p = await json<ProblemBody>(r);
      assert.equal(p.code, 'offer_already_ordered');
      assert.ok(p.title.length > 0, 'a sentence to show the customer');
    }
    assert.equal(await count(b, "SELECT COUNT(*) AS n FROM orders WHERE offer_id = 'off_demo_open'"), 1);
    assert.equal(await count(b, "SELECT credit_minutes AS n FROM customers WHERE number = '10001'"), credit + 600);
    assert.equal(await count(b, "SELECT COUNT(*) AS n FROM outbox WHERE subject LIKE 'Bestellbestätigung%'"), 1);
  });
});

describe('exactly once over real sockets', () => {
  let b: TestBackend;
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
    b.close();
  });

  it('50 identical multipart ticket submissions in flight at once: one ticket, one mail, one set of images', async () => {
    b = await setup();
    const http = await listen(b);
    close = http.close;
    const img = smallPng(12, 9);
    const send = () =>
      fetch(`${http.url}/v1/tickets`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${POS}`, 'Idempotency-Key': 'socket-burst' },
        body: ticketForm({ subject: 'Über das Netz' }, [{ bytes: img, name: 'a.png' }, { bytes: img, name: 'b.png' }]),
      });
    const responses = await Promise.all(Array.from({ length: 50 }, () => retrying(send)));
    assert.deepEqual([...new Set(responses.map((r) => r.status))], [201]);
    const numbers = new Set(await Promise.all(responses.map(async (r) => (await json<{ ticket: { number: string } }>(r)).ticket.number)));
    assert.equal(numbers.size, 1);
    assert.equal(await count(b, "SELECT COUNT(*) AS n FROM tickets WHERE subject = 'Über das Netz'"), 1);
    assert.equal(await count(b, "SELECT COUNT(*) AS n FROM outbox WHERE subject LIKE '%Über das Netz'"), 1);
    const [ticket] = [...numbers];
    assert.equal(
      await count(b, 'SELECT COUNT(*) AS n FROM attachments a JOIN messages m ON m.id = a.message_id JOIN tickets t ON t.id = m.ticket_id WHERE t.number = ?', ticket),
      2,
    );
  });

  it('a retry after a lost answer (the client gave up mid-request) leaves exactly one reply', async () => {
    b = await setup();
    const http = await listen(b);
    close = http.close;
    const before = await count(b, "SELECT COUNT(*) AS n FROM messages WHERE ticket_id = 'tkt_demo_h'");
    const send = (signal?: AbortSignal) =>
      fetch(`${http.url}/v1/tickets/tkt_demo_h/messages`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${NEG}`, 'Idempotency-Key': 'lost-answer' },
        body: reply('Jetzt klappt der Export.', smallPng()),
        signal,
      });
    // Give up on several attempts at different moments: before, while and after the server works.
    for (const ms of [0, 1, 5, 20]) {
      const abort = new AbortController();
      setTimeout(() => abort.abort(), ms);
      await send(abort.signal).then((r) => r.arrayBuffer()).catch(() => undefined);
    }
    // An abandoned attempt may still be running on the server (PostgreSQL: 409 in progress until it ends).
    const final = await retrying(() => send());
    assert.equal(final.status, 201);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(await count(b, "SELECT COUNT(*) AS n FROM messages WHERE ticket_id = 'tkt_demo_h'"), before + 1);
  });
});
