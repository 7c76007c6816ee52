/**
 * Who sees what, swept over every resource: each customer's ids are read from the database and
 * tried with the other customer's token. Spot checks per route live in tickets/shop/agent tests;
 * this file makes sure no resource (and no way of asking: bearer, cookie, search, replay
 * of an idempotency key) was forgotten, and that a refused id looks exactly like a missing one.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../../scripts/screens/browser.mjs';
import { pruneSessions, SESSION_IDLE_MS, SESSION_TTL_MS } from '../auth.js';
import { AGENT, json, NEG, POS, type ProblemBody, setup, smallPng, type TestBackend, ticketForm } from './helpers.js';
import { startMain } from './main-process.js';

const CUSTOMERS = { '10001': POS, '10002': NEG } as const;
type CustomerNumber = keyof typeof CUSTOMERS;
const other = (n: CustomerNumber): CustomerNumber => (n === '10001' ? '10002' : '10001');

/** Everything of customer `n` that has an id, straight from the database. */
async function idsOf(b: TestBackend, n: CustomerNumber) {
  const col = async (sql: string) => (await b.sql<{ id: string }>(sql, n)).map((r) => r.id);
  return {
    tickets: await col('SELECT id FROM tickets WHERE customer_number = ?'),
    attachments: await col('SELECT id FROM attachments WHERE customer_number = ?'),
    offers: await col('SELECT id FROM offers WHERE customer_number = ?'),
    orders: await col('SELECT id FROM orders WHERE customer_number = ?'),
    messages: await col('SELECT m.id FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE t.customer_number = ?'),
  };
}

/** A row count per table, to prove a refused request changed nothing. */
async function snapshot(b: TestBackend) {
  const n = (sql: string) => b.count(sql);
  return {
    messages: await n('SELECT COUNT(*) AS n FROM messages'),
    attachments: await n('SELECT COUNT(*) AS n FROM attachments'),
    blobs: await n('SELECT COUNT(*) AS n FROM attachment_blobs'),
    orders: await n('SELECT COUNT(*) AS n FROM orders'),
    orderedOffers: await n('SELECT COUNT(*) AS n FROM offers WHERE ordered_at IS NOT NULL'),
    seen: await n('SELECT COUNT(*) AS n FROM tickets WHERE customer_seen_at IS NOT NULL'),
    credit: await n('SELECT SUM(credit_minutes) AS n FROM customers'),
    keys: await n('SELECT COUNT(*) AS n FROM idempotency_keys'),
    outbox: await n('SELECT COUNT(*) AS n FROM outbox'),
  };
}

const reply = (body: string) => {
  const form = new FormData();
  form.append('body', body);
  form.append('images', new Blob([smallPng()]), 'x.png');
  return form;
};

describe('who sees what: every resource id of one customer is a 404 for the other', () => {
  let b: TestBackend;
  beforeEach(async () => {
    b = await setup();
    // Give 10002 an attachment and an order too, so both directions cover every resource.
    const r = await b.req('/v1/tickets', { token: NEG, form: ticketForm({}, [{ bytes: smallPng(), name: 'beleg.png' }]), idempotent: true });
    assert.equal(r.status, 201);
  });
  afterEach(() => b.close());

  for (const owner of ['10001', '10002'] as const) {
    it(`${other(owner)} cannot read, answer, order or download anything of ${owner}`, async () => {
      const ids = await idsOf(b, owner);
      for (const [kind, list] of Object.entries(ids)) assert.ok(list.length > 0, `${owner} has ${kind} to attack`);
      const intruder = CUSTOMERS[other(owner)];
      const before = await snapshot(b);
      // What a truly unknown id answers: a refused id must be indistinguishable from it.
      const unknown = await json<ProblemBody>(await b.req('/v1/tickets/tkt_does_not_exist', { token: intruder }));

      const attempts: Array<[string, Promise<Response>]> = [];
      for (const id of ids.tickets) {
        attempts.push([`GET ticket ${id}`, b.req(`/v1/tickets/${id}`, { token: intruder })]);
        attempts.push([`reply ${id}`, b.req(`/v1/tickets/${id}/messages`, { token: intruder, form: reply('Ich bin nicht der Kunde.'), idempotent: true })]);
      }
      for (const id of ids.attachments) {
        attempts.push([`attachment ${id}`, b.req(`/v1/attachments/${id}`, { token: intruder })]);
      }
      for (const id of ids.offers) {
        attempts.push([`GET offer ${id}`, b.req(`/v1/offers/${id}`, { token: intruder })]);
        attempts.push([`order offer ${id}`, b.req('/v1/orders', { token: intruder, json: { offerId: id }, idempotent: true })]);
      }
      for (const [what, pending] of attempts) {
        const r = await pending;
        assert.equal(r.status, 404, what);
        const p = await json<ProblemBody>(r);
        assert.deepEqual([p.code, p.title, p.detail], [unknown.code, unknown.title, unknown.detail], `${what}: same answer as an unknown id`);
      }
      assert.deepEqual(await snapshot(b), before, 'nothing written, nothing marked read, no credit moved');
    });
  }

  it('lists, search and the order history show only the caller\'s own', async () => {
    for (const owner of ['10001', '10002'] as const) {
      const token = CUSTOMERS[owner];
      const mine = await idsOf(b, owner);
      const theirs = await idsOf(b, other(owner));
      const page = await json<{ items: Array<{ id: string }>; total: number }>(await b.req('/v1/tickets?limit=100', { token }));
      assert.deepEqual(page.items.map((t) => t.id).sort(), [...mine.tickets].sort(), `${owner}: exactly the own tickets`);
      assert.equal(page.total, mine.tickets.length);
      // Searching for another customer's ticket number or subject finds nothing.
      for (const id of theirs.tickets.slice(0, 3)) {
        const t = (await b.sql<{ number: string; subject: string }>('SELECT number, subject FROM tickets WHERE id = ?', id))[0]!;
        for (const q of [t.number, t.subject]) {
          const hits = await json<{ total: number }>(await b.req(`/v1/tickets?q=${encodeURIComponent(q)}`, { token }));
          assert.equal(hits.total, 0, `${owner} searching ${q}`);
        }
      }
      const orders = await json<{ items: Array<{ id: string }> }>(await b.req('/v1/orders', { token }));
      assert.deepEqual(orders.items.map((o) => o.id).sort(), [...mine.orders].sort());
      const offers = await json<{ items: Array<{ id: string }> }>(await b.req('/v1/offers', { token }));
      assert.deepEqual(offers.items.map((o) => o.id).sort(), [...mine.offers].sort());
      const me = await json<{ customer: { number: string } }>(await b.req('/v1/me', { token }));
      assert.equal(me.customer.number, owner);
    }
  });

  it('SQL in search and filters is data, not code', async () => {
    for (const q of ["' OR '1'='1", "%' OR customer_number <> '", '"; DROP TABLE tickets; --']) {
      const r = await b.req(`/v1/tickets?q=${encodeURIComponent(q)}`, { token: NEG });
      assert.equal(r.status, 200, q);
      assert.equal((await json<{ total: number }>(r)).total, 0, q);
    }
    const status = await b.req(`/v1/tickets?status=${encodeURIComponent("new' OR 1=1 --")}`, { token: NEG });
    assert.equal(status.status, 422);
    assert.equal((await b.count('SELECT COUNT(*) AS n FROM tickets')), 35);
  });
});

describe('who sees what: ways of proving who you are', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('a token in the URL (?token=) is refused everywhere, the event stream and images included', async () => {
    b = await setup();
    for (const path of ['/v1/me', '/v1/tickets', '/v1/tickets/tkt_demo_a', '/v1/orders', '/v1/agent/tickets', '/v1/events', '/v1/attachments/att_demo_a_1']) {
      const sep = path.includes('?') ? '&' : '?';
      assert.equal((await b.req(`${path}${sep}token=${POS}`)).status, 401, path);
    }
    // Offers answer a visitor who is not signed in with none: the query token is not used either.
    assert.deepEqual(await json(await b.req(`/v1/offers?token=${POS}`)), { items: [] });
    assert.equal((await b.req(`/v1/orders?token=${POS}`, { method: 'POST', json: { packageId: 'pkg-60' }, idempotent: true })).status, 401);
  });

  it('a wrong bearer token is a 401 even with a valid session cookie (no silent fallback)', async () => {
    b = await setup();
    const cookie = (await b.req('/v1/session', { json: { token: POS } })).headers.get('set-cookie')!.split(';')[0]!;
    assert.equal((await b.req('/v1/me', { headers: { Cookie: cookie } })).status, 200);
    assert.equal((await b.req('/v1/me', { token: 'stolen-or-expired', headers: { Cookie: cookie } })).status, 401);
    // Bearer wins over the cookie: another customer's cookie does not widen what a token sees.
    const me = await json<{ customer: { number: string } }>(await b.req('/v1/me', { token: NEG, headers: { Cookie: cookie } }));
    assert.equal(me.customer.number, '10002');
  });

  it('the session cookie is HttpOnly, SameSite, path-wide, and holds a random id, not the token', async () => {
    b = await setup();
    const first = (await b.req('/v1/session', { json: { token: POS } })).headers.get('set-cookie')!;
    const second = (await b.req('/v1/session', { json: { token: POS } })).headers.get('set-cookie')!;
    for (const c of [first, second]) {
      assert.match(c, /; HttpOnly/);
      assert.match(c, /; SameSite=(Lax|Strict)/);
      assert.match(c, /; Path=\//);
      assert.doesNotMatch(c, new RegExp(POS), 'the bearer token never travels in the cookie');
    }
    assert.notEqual(first.split(';')[0], second.split(';')[0], 'each login gets its own session id');
    assert.match(first.split(';')[0]!, /^cadia_session=[\w-]{43}$/);
    assert.equal(await b.count('SELECT COUNT(*) AS n FROM sessions WHERE id = ?', first.split(';')[0]!.split('=')[1]), 0, 'only a hash of the id is stored');
  });

  it('a session in daily use ends 30 days after sign-in (cookie Max-Age and server alike) and its row is pruned', async () => {
    b = await setup();
    const setCookie = (await b.req('/v1/session', { json: { token: POS } })).headers.get('set-cookie')!;
    assert.match(setCookie, /Max-Age=2592000/);
    const cookie = setCookie.split(';')[0]!;
    const step = SESSION_IDLE_MS - 3_600_000;
    let used = 0;
    while (used + step < SESSION_TTL_MS) {
      b.manual.advance(step);
      used += step;
      assert.equal((await b.req('/v1/me', { headers: { Cookie: cookie } })).status, 200, `still signed in after ${used / 3_600_000} h of daily use`);
    }
    b.manual.advance(SESSION_TTL_MS - used);
    assert.equal((await b.req('/v1/me', { headers: { Cookie: cookie } })).status, 401, 'over after 30 days, even if the cookie were kept');
    assert.equal(await b.count('SELECT COUNT(*) AS n FROM sessions'), 1);
    await pruneSessions(b.db, b.manual.now());
    assert.equal(await b.count('SELECT COUNT(*) AS n FROM sessions'), 0, 'pruned');
  });

  it('a session left alone for a day ends (idle expiry)', async () => {
    b = await setup();
    const cookie = (await b.req('/v1/session', { json: { token: POS } })).headers.get('set-cookie')!.split(';')[0]!;
    b.manual.advance(SESSION_IDLE_MS - 60_000);
    assert.equal((await b.req('/v1/me', { headers: { Cookie: cookie } })).status, 200);
    b.manual.advance(SESSION_IDLE_MS - 60_000);
    assert.equal((await b.req('/v1/me', { headers: { Cookie: cookie } })).status, 200, 'each use moves the idle limit on');
    b.manual.advance(SESSION_IDLE_MS);
    assert.equal((await b.req('/v1/me', { headers: { Cookie: cookie } })).status, 401, 'a day without use ends it');
  });

  it('a cookie-authenticated write without Origin but with Sec-Fetch-Site: cross-site is refused; same-origin goes', async () => {
    b = await setup();
    const cookie = (await b.req('/v1/session', { json: { token: POS } })).headers.get('set-cookie')!.split(';')[0]!;
    const before = await b.count('SELECT COUNT(*) AS n FROM orders');
    const cross = await b.req('/v1/orders', { json: { packageId: 'pkg-60' }, idempotent: true, headers: { Cookie: cookie, 'Sec-Fetch-Site': 'cross-site' } });
    assert.equal(cross.status, 403);
    assert.equal(await b.count('SELECT COUNT(*) AS n FROM orders'), before, 'nothing ordered');
    const own = await b.req('/v1/orders', { json: { packageId: 'pkg-60' }, idempotent: true, headers: { Cookie: cookie, 'Sec-Fetch-Site': 'same-origin' } });
    assert.equal(own.status, 201);
  });

  it('cookie-authenticated writes from "null" or a foreign origin are refused; reads are not exposed to them', async () => {
    b = await setup({ allowedOrigins: ['https://shop.example'] });
    const cookie = (await b.req('/v1/session', { json: { token: POS } })).headers.get('set-cookie')!.split(';')[0]!;
    const before = (await b.count('SELECT COUNT(*) AS n FROM orders'));
    for (const origin of ['null', 'https://evil.example', 'https://shop.example.evil.example', 'http://shop.example']) {
      const r = await b.req('/v1/orders', { json: { packageId: 'pkg-60' }, idempotent: true, headers: { Cookie: cookie, Origin: origin } });
      assert.equal(r.status, 403, origin);
      const read = await b.req('/v1/me', { headers: { Cookie: cookie, Origin: origin } });
      assert.equal(read.headers.get('access-control-allow-origin'), null, `${origin} may not read`);
    }
    assert.equal((await b.count('SELECT COUNT(*) AS n FROM orders')), before);
    const allowed = await b.req('/v1/orders', { json: { packageId: 'pkg-60' }, idempotent: true, headers: { Cookie: cookie, Origin: 'https://shop.example' } });
    assert.equal(allowed.status, 201, 'the configured origin may order');
  });

  it('an idempotency key is per customer: reusing another customer\'s key never replays their answer', async () => {
    b = await setup();
    const headers = { 'Idempotency-Key': 'shared-key-1' };
    const a = await json<{ ticket: { id: string; number: string } }>(await b.req('/v1/tickets', { token: POS, form: ticketForm({ subject: 'Gleich' }), headers }));
    const r = await b.req('/v1/tickets', { token: NEG, form: ticketForm({ subject: 'Gleich' }), headers });
    assert.equal(r.status, 201);
    assert.equal(r.headers.get('idempotent-replayed'), null);
    const text = await r.text();
    assert.ok(!text.includes(a.ticket.id) && !text.includes(a.ticket.number), 'no trace of the other customer\'s ticket');
    const owners = await b.sql("SELECT customer_number AS c FROM tickets WHERE subject = 'Gleich' ORDER BY c");
    assert.deepEqual(owners, [{ c: '10001' }, { c: '10002' }]);
  });
});

describe('demo host pages (server/main.ts)', () => {
  it('serve every page with a strict CSP and the usual security headers; the API stays no-store', async () => {
    const { base, stop } = await startMain();
    try {
      for (const path of ['/', '/erp', '/agent', '/demo/demo.css']) {
        const r = await fetch(base + path);
        assert.equal(r.status, 200, path);
        const csp = r.headers.get('content-security-policy') ?? '';
        const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));
        assert.deepEqual(directives.get('default-src'), ["'self'"], `${path} default-src`);
        assert.deepEqual(directives.get('script-src'), ["'self'"], `${path}: no inline or eval script`);
        assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'), `${path}: ${csp}`);
        assert.deepEqual(directives.get('object-src'), ["'none'"], path);
        assert.ok(directives.has('frame-ancestors') && directives.has('base-uri'), `${path}: clickjacking and <base> covered`);
        assert.equal(r.headers.get('x-content-type-options'), 'nosniff', path);
        assert.ok(r.headers.get('referrer-policy'), `${path} Referrer-Policy`);
        assert.ok(r.headers.get('x-frame-options'), `${path} X-Frame-Options`);
      }
      const api = await fetch(`${base}/api/v1/me`, { headers: { Authorization: `Bearer ${POS}` } });
      assert.equal(api.status, 200);
      assert.equal(api.headers.get('cache-control'), 'no-store', 'personal data is never cached');
      assert.equal(api.headers.get('x-content-type-options'), 'nosniff');
    } finally {
      stop();
    }
  });
});

describe('the ERP webview on a file: page (Origin: null), in Chromium', { timeout: 120_000 }, () => {
  it('loads the SDK from the server and works with a token: credit, an order, live credit; a cookie would not be trusted', async () => {
    assert.ok(existsSync('dist/cadia-widgets.js'), 'dist/cadia-widgets.js is missing: run `npm run build` first (npm test does)');
    const { base, stop } = await startMain({ ALLOW_NULL_ORIGIN: '1' });
    const dir = mkdtempSync(join(tmpdir(), 'cadia-file-'));
    // Launched inside the try: a browser that fails to start must still stop the server.
    let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
    try {
      browser = await launchChromium();
      // What an ERP ships next to its executable: a local page that loads the widgets from the vendor.
      const page = join(dir, 'support.html');
      writeFileSync(page, `<!doctype html><html lang="de"><meta charset="utf-8"><body>
        <cadia-provider api-base="${base}/api"><cadia-credit-badge></cadia-credit-badge><cadia-package-shop></cadia-package-shop></cadia-provider>
        <script type="module">
          document.querySelector('cadia-provider').token = '${POS}';
          await import('${base}/dist/cadia-widgets.js');
          window.origin_ = self.origin;
        </script></body></html>`);
      const tab = await browser.newPage();
      const problems: string[] = [];
      tab.on('pageerror', (e) => problems.push(e.message));
      tab.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      await tab.goto(pathToFileURL(page).href);
      await tab.locator('cadia-credit-badge [part~="value"]').filter({ hasText: '2 Std. 30 Min.' }).waitFor({ timeout: 15_000 });
      assert.equal(await tab.evaluate(() => (globalThis as unknown as { origin_: string }).origin_), 'null');
      // An order: a preflighted POST with Idempotency-Key from the opaque origin.
      const shop = tab.locator('cadia-package-shop');
      await shop.locator('[data-id="pkg-60"] [part~="order"]').click({ timeout: 15_000 });
      await shop.locator('#consent').check();
      await shop.locator('[part~="submit"]').click();
      await shop.locator('[part~="success"]').waitFor({ timeout: 15_000 });
      await tab.locator('cadia-credit-badge [part~="value"]').filter({ hasText: '3 Std. 30 Min.' }).waitFor({ timeout: 10_000 });
      // Support books time: the event stream (fetch with the bearer header) brings the new credit.
      await new Promise((r) => setTimeout(r, 500));
      const booked = await fetch(`${base}/api/v1/agent/tickets/tkt_demo_g/time`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${AGENT}`, 'Content-Type': 'application/json', 'Idempotency-Key': 'book-25' },
        body: JSON.stringify({ minutes: 25 }),
      });
      assert.equal(booked.status, 201);
      await tab.locator('cadia-credit-badge [part~="value"]').filter({ hasText: '3 Std.' }).filter({ hasNotText: '30' }).waitFor({ timeout: 15_000 });
      assert.deepEqual(problems, []);
      // The same page without a token gets nothing readable (no cookie trust for "null").
      const anonymous = await tab.evaluate(async (url) => {
        try {
          await fetch(url, { credentials: 'include' });
          return 'readable';
        } catch {
          return 'blocked';
        }
      }, `${base}/api/v1/me`);
      assert.equal(anonymous, 'blocked');
    } finally {
      await browser?.close();
      stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('CORS for the ERP webview (Origin: null)', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('with allowNullOrigin a file:/sandboxed page may call with a token, never with the cookie', async () => {
    b = await setup({ allowNullOrigin: true, allowedOrigins: ['https://shop.example'] });
    const pre = await b.req('/v1/tickets', {
      method: 'OPTIONS',
      headers: { Origin: 'null', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, idempotency-key' },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), 'null');
    assert.match(pre.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    const me = await b.req('/v1/me', { token: POS, headers: { Origin: 'null' } });
    assert.equal(me.status, 200);
    assert.equal(me.headers.get('access-control-allow-origin'), 'null');
    const events = await b.req('/v1/events', { token: POS, headers: { Origin: 'null' } });
    assert.equal(events.headers.get('access-control-allow-origin'), 'null', 'the event stream is read with the header');
    await events.body?.cancel();
    const order = await b.req('/v1/orders', { token: POS, json: { packageId: 'pkg-60' }, idempotent: true, headers: { Origin: 'null' } });
    assert.equal(order.status, 201);

    // Without a token, or with the cookie along, an opaque origin gets nothing readable.
    const cookie = (await b.req('/v1/session', { json: { token: POS } })).headers.get('set-cookie')!.split(';')[0]!;
    const byCookie = await b.req('/v1/me', { headers: { Origin: 'null', Cookie: cookie } });
    assert.equal(byCookie.headers.get('access-control-allow-origin'), null);
    const both = await b.req('/v1/me', { token: POS, headers: { Origin: 'null', Cookie: cookie } });
    assert.equal(both.headers.get('access-control-allow-origin'), null);
    const preNoAuth = await b.req('/v1/me', { method: 'OPTIONS', headers: { Origin: 'null', 'Access-Control-Request-Method': 'GET' } });
    assert.equal(preNoAuth.headers.get('access-control-allow-origin'), null);
    const write = await b.req('/v1/orders', { json: { packageId: 'pkg-60' }, idempotent: true, headers: { Origin: 'null', Cookie: cookie } });
    assert.equal(write.status, 403, 'a cookie write from an opaque origin is refused');
    // Other foreign origins are not let in by this switch.
    const evil = await b.req('/v1/me', { token: POS, headers: { Origin: 'https://evil.example' } });
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
  });

  it('without the switch, Origin: null gets no CORS answer even with a token', async () => {
    b = await setup({ allowedOrigins: ['https://shop.example'] });
    const me = await b.req('/v1/me', { token: POS, headers: { Origin: 'null' } });
    assert.equal(me.headers.get('access-control-allow-origin'), null);
  });
});
