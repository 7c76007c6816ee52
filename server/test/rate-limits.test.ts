/**
 * The default rate limits bite: per client address on failed authentication, per customer on new
 * tickets, replies and orders — 429 `rate_limited` with `Retry-After`, and other callers unaffected.
 * (The other suites raise the limits explicitly: helpers.ts TEST_LIMITS.)
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
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
