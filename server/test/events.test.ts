import assert from 'node:assert/strict';
import { afterEach, describe, it, mock } from 'node:test';
import { HEARTBEAT_MS } from '../routes/events.js';
import { AGENT, NEG, POS, readUntil, setup, type TestBackend } from './helpers.js';

const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 50 && !check(); i++) await new Promise((r) => setImmediate(r));
};

describe('GET /v1/events', () => {
  let b: TestBackend;
  afterEach(() => {
    mock.timers.reset();
    b.close();
  });

  it('streams only the customer\'s own events, with retry and content type', async () => {
    b = await setup();
    const r = await b.req('/v1/events', { token: POS });
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^text\/event-stream/);
    const reader = r.body!.getReader();
    let text = await readUntil(reader, (t) => t.includes('retry: 3000'));
    await b.req('/v1/orders', { token: NEG, json: { packageId: 'pkg-60' }, idempotent: true });
    await b.req('/v1/orders', { token: POS, json: { packageId: 'pkg-60' }, idempotent: true });
    text = await readUntil(reader, (t) => t.includes('event: credit'), text);
    const data = /event: credit\ndata: (.*)\n/.exec(text)?.[1];
    assert.equal((JSON.parse(data!) as { minutes: number }).minutes, 210, 'the first credit event is the own one');
    assert.doesNotMatch(text, /"minutes":20\b/, 'nothing of 10002');
    await b.req('/v1/agent/tickets/tkt_demo_g/messages', { token: AGENT, idempotent: true, json: { body: 'Hallo' } });
    text = await readUntil(reader, (t) => t.includes('event: ticket'), text);
    assert.match(text, /event: message\ndata: \{"ticketId":"tkt_demo_g","messageId":"msg_/);
    assert.match(text, /event: ticket\ndata: \{"id":"tkt_demo_g","status":"waiting_for_customer"/);
    await reader.cancel();
    await waitFor(() => b.events.size === 0);
    assert.equal(b.events.size, 0, 'unsubscribed after the client left');
  });

  it('takes the bearer header, and refuses a token in the URL (401): no credential in any URL', async () => {
    b = await setup();
    const r = await b.req('/v1/events', { token: NEG });
    assert.equal(r.status, 200);
    await r.body!.cancel();
    assert.equal((await b.req('/v1/events')).status, 401);
    const query = await b.req(`/v1/events?token=${NEG}`);
    assert.equal(query.status, 401);
    assert.equal(query.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  });

  it('a page on an allowed origin may read it with fetch: the preflight admits Authorization and Last-Event-ID', async () => {
    b = await setup({ allowedOrigins: ['https://shop.example'] });
    const pre = await b.req('/v1/events', {
      method: 'OPTIONS',
      headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization, last-event-id' },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), 'https://shop.example');
    const allowed = (pre.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    assert.ok(allowed.includes('authorization') && allowed.includes('last-event-id'), allowed);
  });

  it('the agent stream carries every customer\'s events with the customer number', async () => {
    b = await setup();
    const reader = (await b.req('/v1/events', { token: AGENT })).body!.getReader();
    let text = await readUntil(reader, (t) => t.includes('retry:'));
    await b.req('/v1/orders', { token: NEG, json: { packageId: 'pkg-60' }, idempotent: true });
    text = await readUntil(reader, (t) => t.includes('event: credit'), text);
    assert.match(text, /"customerNumber":"10002"/);
    await reader.cancel();
  });

  it('sends a comment heartbeat every 15 s', async () => {
    mock.timers.enable({ apis: ['setInterval'] });
    b = await setup();
    const reader = (await b.req('/v1/events', { token: POS })).body!.getReader();
    const text = await readUntil(reader, (t) => t.includes('retry:'));
    await waitFor(() => b.events.size === 1);
    mock.timers.tick(HEARTBEAT_MS);
    assert.match(await readUntil(reader, (t) => t.includes(': heartbeat'), text), /\n: heartbeat\n\n/);
    await reader.cancel();
  });

  it('close() ends open streams', async () => {
    b = await setup();
    const reader = (await b.req('/v1/events', { token: POS })).body!.getReader();
    await readUntil(reader, (t) => t.includes('retry:'));
    await waitFor(() => b.events.size === 1);
    b.events.close();
    const end = await readUntil(reader, () => false);
    assert.equal(typeof end, 'string', 'stream finished');
  });
});
