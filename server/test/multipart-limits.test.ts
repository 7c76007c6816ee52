/**
 * Multipart forms are read while they stream in, within limits, over a real HTTP connection: field
 * count, field size and unknown fields are refused early, only a few bodies are read at once, and
 * requests without a body are not held up by a flood of huge forms.
 */
import assert from 'node:assert/strict';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import type { BackendOptions } from '../app.js';
import { json, POS, type ProblemBody, setup, smallPng, ticketForm } from './helpers.js';

interface Live {
  base: string;
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

async function live(options: BackendOptions = {}): Promise<Live> {
  const backend = await setup(options);
  const server = serve({ fetch: backend.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    count: (t) => backend.count(`SELECT COUNT(*) AS n FROM ${t}`),
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await backend.close();
    },
  };
}

const auth = (extra: Record<string, string> = {}) => ({ Authorization: `Bearer ${POS}`, 'Idempotency-Key': crypto.randomUUID(), ...extra });

/** A multipart body as bytes, with its Content-Type (boundary included). */
async function encode(form: FormData): Promise<{ bytes: Buffer; type: string }> {
  const r = new Response(form);
  return { bytes: Buffer.from(await r.arrayBuffer()), type: r.headers.get('content-type')! };
}

/** `n` copies of one text field: a body of many tiny parts. */
function manyFields(n: number, name = 'subject'): { bytes: Buffer; type: string } {
  const boundary = 'x'.repeat(20);
  const part = `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n\r\n`;
  return { bytes: Buffer.from(part.repeat(n) + `--${boundary}--\r\n`), type: `multipart/form-data; boundary=${boundary}` };
}

const post = (base: string, body: { bytes: Buffer; type: string }, path = '/v1/tickets') =>
  fetch(`${base}${path}`, { method: 'POST', headers: auth({ 'Content-Type': body.type }), body: body.bytes });

describe('multipart limits while streaming', () => {
  let s: Live;
  afterEach(() => s.close());

  it('an unknown field is refused (422 unknown_field) and nothing is stored', async () => {
    s = await live();
    const before = await s.count('tickets');
    const r = await post(s.base, await encode(ticketForm({ isAdmin: 'true' })));
    assert.equal(r.status, 422);
    const p = await json<ProblemBody>(r);
    assert.deepEqual(p.errors?.map((e) => [e.field, e.code]), [['isAdmin', 'unknown_field']]);
    assert.ok(p.errors?.[0]?.message);
    // A file under another name than `images` is refused the same way.
    const form = ticketForm();
    form.append('attachment', new Blob([smallPng()]), 'a.png');
    const f = await post(s.base, await encode(form));
    assert.deepEqual((await json<ProblemBody>(f)).errors?.map((e) => e.code), ['unknown_field']);
    assert.equal(await s.count('tickets'), before);
  });

  it('200,000 empty fields: 413 too_many_parts; a 12 MB field: 422 too_long — nothing stored', async () => {
    s = await live();
    const before = await s.count('tickets');
    const many = await post(s.base, manyFields(200_000));
    assert.equal(many.status, 413);
    assert.equal((await json<ProblemBody>(many)).code, 'too_many_parts');
    const huge = await post(s.base, await encode(ticketForm({ description: 'x'.repeat(12 * 1024 * 1024) })));
    assert.equal(huge.status, 422);
    assert.deepEqual((await json<ProblemBody>(huge)).errors?.map((e) => [e.field, e.code]), [['description', 'too_long']]);
    assert.equal(await s.count('tickets'), before);
  });

  it('huge form bodies in parallel are all refused, and a GET /v1/me sent meanwhile answers before they are done', async () => {
    s = await live();
    const before = await s.count('tickets');
    const huge = await encode(ticketForm({ description: 'x'.repeat(8 * 1024 * 1024) }));
    const bodies = [...Array.from({ length: 6 }, () => manyFields(200_000)), ...Array.from({ length: 4 }, () => huge)];
    const order: string[] = [];
    const uploads = bodies.map((body, i) => post(s.base, body).then(async (r) => {
      order.push(`upload ${i}`);
      return r.status;
    }));
    const me = fetch(`${s.base}/v1/me`, { headers: { Authorization: `Bearer ${POS}` } }).then((r) => {
      order.push('me');
      return r.status;
    });
    assert.equal(await me, 200);
    const statuses = await Promise.all(uploads);
    assert.deepEqual([...new Set(statuses)].sort(), [413, 422], 'every huge body refused');
    assert.notEqual(order.indexOf('me'), order.length - 1, `GET /v1/me was not last: ${order.join(', ')}`);
    assert.equal(await s.count('tickets'), before);
  });

  it('only so many forms are read at once: beyond the queue, 503 server_busy with Retry-After; others are served meanwhile', async () => {
    s = await live({ uploads: { inFlight: 1, queue: 0 } });
    const { bytes, type } = await encode(ticketForm({}, [{ bytes: smallPng(), name: 'a.png' }]));
    // A slow client: half of its form now, the rest when the test says so.
    const url = new URL(`${s.base}/v1/tickets`);
    let finish!: () => void;
    const slow = new Promise<number>((resolve, reject) => {
      const req = httpRequest(url, { method: 'POST', headers: { ...auth(), 'Content-Type': type, 'Content-Length': bytes.length } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.write(bytes.subarray(0, bytes.length >> 1));
      finish = () => req.end(bytes.subarray(bytes.length >> 1));
    });
    // Until the slow form holds the one slot, a quick form still gets through (and frees it again).
    let busy: Response;
    for (;;) {
      busy = await post(s.base, { bytes, type });
      if (busy.status !== 201) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.equal(busy.status, 503);
    assert.equal((await json<ProblemBody>(busy)).code, 'server_busy');
    assert.ok(Number(busy.headers.get('retry-after')) > 0);
    assert.equal((await fetch(`${s.base}/v1/me`, { headers: { Authorization: `Bearer ${POS}` } })).status, 200);
    finish();
    assert.equal(await slow, 201);
    assert.equal((await post(s.base, { bytes, type })).status, 201, 'the slot is free again');
  });
});
