/**
 * The default rate limits bite: per client address on failed authentication, per customer on new
 * tickets, replies and orders — 429 `rate_limited` with `Retry-After`, and other callers unaffected;
 * behind trusted proxies (TRUST_PROXY) per client address from X-Forwarded-For.
 * (The other suites raise the limits explicitly: helpers.ts TEST_LIMITS.)
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { clientAddressFrom } from '../client-address.js';
import { DEFAULT_LIMITS, limitsFromEnv } from '../limits.js';
import { startMain } from './main-process.js';
import { json, NEG, POS, type ProblemBody, setup, type TestBackend, ticketForm } from './helpers.js';

async function assertLimited(r: Response, maxSeconds: number): Promise<void> {
  assert.equal(r.status, 429);
  assert.match(r.headers.get('content-type') ?? '', /application\/problem\+json/);
  assert.equal((await json<ProblemBody>(r)).code, 'rate_limited');
  const after = Number(r.headers.get('retry-after'));
  assert.ok(after >= 1 && after <= maxSeconds, `Retry-After ${after}`);
}

describe('rate limits (defaults)', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it(`authentication: after ${DEFAULT_LIMITS.auth.points} failures from one address (wrong tokens, wrong sign-ins) every attempt from it is 429, even the right token`, async () => {
    b = await setup({ limits: DEFAULT_LIMITS });
    // Requests without any credential are not guesses and do not count.
    for (let i = 0; i < 40; i++) assert.equal((await b.req('/v1/me')).status, 401);
    for (let i = 0; i < DEFAULT_LIMITS.auth.points; i++) {
      const r = i % 2 ? await b.req('/v1/me', { token: `guess-${i}` }) : await b.req('/v1/session', { json: { token: `guess-${i}` } });
      assert.equal(r.status, 401, `attempt ${i + 1}`);
    }
    await assertLimited(await b.req('/v1/me', { token: 'guess-next' }), DEFAULT_LIMITS.auth.per);
    await assertLimited(await b.req('/v1/session', { json: { token: POS } }), DEFAULT_LIMITS.auth.per);
    await assertLimited(await b.req('/v1/me', { token: POS }), DEFAULT_LIMITS.auth.per);
  });

  it(`new tickets: ${DEFAULT_LIMITS.tickets.points} per customer and hour, then 429; another customer is unaffected`, async () => {
    b = await setup({ limits: DEFAULT_LIMITS });
    const create = (token: string) => b.req('/v1/tickets', { token, form: ticketForm(), idempotent: true });
    const statuses = await Promise.all(Array.from({ length: DEFAULT_LIMITS.tickets.points }, () => create(POS).then((r) => r.status)));
    assert.deepEqual([...new Set(statuses)], [201]);
    await assertLimited(await create(POS), DEFAULT_LIMITS.tickets.per);
    assert.equal((await create(NEG)).status, 201);
    assert.equal((await b.req('/v1/tickets', { token: POS })).status, 200, 'reading is not limited');
  });

  it(`replies: ${DEFAULT_LIMITS.replies.points} per customer and hour; orders: ${DEFAULT_LIMITS.orders.points}`, async () => {
    b = await setup({ limits: DEFAULT_LIMITS });
    const reply = () => {
      const form = new FormData();
      form.append('body', 'Noch etwas.');
      return b.req('/v1/tickets/tkt_demo_g/messages', { token: POS, form, idempotent: true });
    };
    for (let i = 0; i < DEFAULT_LIMITS.replies.points; i++) assert.equal((await reply()).status, 201, `reply ${i + 1}`);
    await assertLimited(await reply(), DEFAULT_LIMITS.replies.per);

    const order = () => b.req('/v1/orders', { token: POS, json: { packageId: 'pkg-180' }, idempotent: true });
    for (let i = 0; i < DEFAULT_LIMITS.orders.points; i++) assert.equal((await order()).status, 201, `order ${i + 1}`);
    await assertLimited(await order(), DEFAULT_LIMITS.orders.per);
  });

  it('limits come from the environment as N/duration; a malformed value stops the start', () => {
    const l = limitsFromEnv({ RATE_LIMIT_TICKETS: '5/10m', RATE_LIMIT_AUTH: '100/1h', CC_MAILS_PER_DAY: '3' });
    assert.deepEqual([l.tickets, l.auth, l.ccMailsPerDay, l.orders], [{ points: 5, per: 600 }, { points: 100, per: 3600 }, 3, DEFAULT_LIMITS.orders]);
    assert.throws(() => limitsFromEnv({ RATE_LIMIT_ORDERS: 'ten per hour' }), /RATE_LIMIT_ORDERS|rate/);
    assert.throws(() => limitsFromEnv({ CC_MAILS_PER_DAY: '-1' }), /CC_MAILS_PER_DAY/);
  });

  it('the server process reads RATE_LIMIT_AUTH and counts per client address over real connections', { timeout: 60_000 }, async () => {
    const server = await startMain({ RATE_LIMIT_AUTH: '3/1m' }, 'cadia-rates-');
    try {
      const me = (token: string) => fetch(`${server.base}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
      for (let i = 0; i < 3; i++) assert.equal((await me(`guess-${i}`)).status, 401);
      await assertLimited(await me('guess-3'), 60);
    } finally {
      server.stop();
    }
  });
});

describe('TRUST_PROXY: whose address the authentication limit counts', () => {
  const few = { ...DEFAULT_LIMITS, auth: { points: 3, per: 60 } };

  /** The backend on a real socket (the limit reads the TCP peer), as main.ts serves it. */
  async function listen(trustProxy: string | undefined): Promise<{ b: TestBackend; me: (token: string, xff?: string) => Promise<Response>; stop: () => Promise<void> }> {
    const b = await setup({ limits: few, trustProxy });
    const server = serve({ fetch: b.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const me = (token: string, xff?: string) =>
      fetch(`http://127.0.0.1:${port}/v1/me`, { headers: { Authorization: `Bearer ${token}`, ...(xff && { 'X-Forwarded-For': xff }) } });
    return { b, me, stop: async () => { server.close(); await b.close(); } };
  }

  it('behind one proxy (TRUST_PROXY=1) two clients get separate allowances; a client cannot escape by writing its own X-Forwarded-For entries', async () => {
    const { me, stop } = await listen('1');
    try {
      for (let i = 0; i < 3; i++) assert.equal((await me(`guess-${i}`, '203.0.113.1')).status, 401);
      await assertLimited(await me('guess-3', '203.0.113.1'), 60);
      // The proxy appends the address it saw; what the client sent is further left and not read.
      await assertLimited(await me('guess-4', '198.51.100.9, 203.0.113.1'), 60);
      assert.equal((await me('guess-5', '203.0.113.2')).status, 401, 'another client still has its allowance');
      assert.equal((await me(POS, '203.0.113.2')).status, 200);
    } finally {
      await stop();
    }
  });

  it('proxies named by address (TRUST_PROXY=loopback,10.0.0.0/8): the first address from the right that is not a proxy is the client', async () => {
    const { me, stop } = await listen('loopback, 10.0.0.0/8');
    try {
      // client → 10.1.1.1 (inner proxy) → this backend; a forged entry on the left is never reached.
      for (let i = 0; i < 3; i++) assert.equal((await me(`guess-${i}`, `192.0.2.${i}, 203.0.113.7, 10.1.1.1`)).status, 401);
      await assertLimited(await me('guess-3', '203.0.113.7'), 60);
      assert.equal((await me('guess-4', '203.0.113.8, 10.1.1.1')).status, 401);
    } finally {
      await stop();
    }
  });

  it('without the setting X-Forwarded-For is ignored: a client that sends a new one each time still runs into the limit', async () => {
    const { me, stop } = await listen(undefined);
    try {
      for (let i = 0; i < 3; i++) assert.equal((await me(`guess-${i}`, `203.0.113.${i}`)).status, 401);
      await assertLimited(await me('guess-3', '203.0.113.99'), 60);
      await assertLimited(await me(POS, '198.51.100.1'), 60);
    } finally {
      await stop();
    }
  });

  it('a value it cannot use stops the start with a message; `true` (trust anyone) is refused', async () => {
    assert.throws(() => clientAddressFrom('true'), /TRUST_PROXY=true/);
    assert.throws(() => clientAddressFrom('10.0.0.0/99'), /TRUST_PROXY/);
    assert.throws(() => clientAddressFrom('nginx.internal'), /TRUST_PROXY/);
    for (const off of [undefined, '', '0', 'false']) assert.ok(clientAddressFrom(off));
    await assert.rejects(setup({ trustProxy: 'yes please' }), /TRUST_PROXY/);
  });
});
