/**
 * The Storybook mocks (stories/mocks/handlers.ts) answer as the contract says and as the reference
 * backend does: every scenario's answers are checked against api/openapi.yaml, the seed answers are
 * compared with a real backend, and the creating POSTs are exercised (201, 422, replay, 409, 410).
 * Handlers run in node through msw's `getResponse`, without a browser or service worker.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, beforeEach, describe, it } from 'node:test';
import { unzipSync } from 'fflate';
import { getResponse, type HttpHandler } from 'msw';
import { collectFixtures, FIXTURE_NOW } from '../../stories/mocks/collect.js';
import { createHandlers, handlers, resetMocks, type Scenario } from '../../stories/mocks/handlers.js';
import { agentHandlers } from '../../stories/mocks/agent-handlers.js';
import type { Me, Message, Offer, OrderResult, PackageList, Problem, TicketCreated, TicketDetail, TicketPage } from '../../src/api/types.js';
import { checkResponse } from './openapi.js';
import { AGENT, NOW, POS, POS_MEMBER, NEG, setup, smallPng, type TestBackend } from './helpers.js';

const BASE = 'http://localhost/api';

interface Call {
  method?: string;
  token?: string | null;
  json?: unknown;
  form?: FormData;
  key?: string;
  lang?: string;
}

interface Answer<T> { status: number; body: T; headers: Headers }

/** Runs one request through the handlers and checks the answer against the contract; `T` is the body's contract type. */
async function call<T = Problem>(set: HttpHandler[], path: string, c: Call = {}): Promise<Answer<T>> {
  const headers = new Headers();
  const token = c.token === undefined ? POS : c.token;
  if (token) headers.set('Authorization', `Bearer ${token}`);
  if (c.key) headers.set('Idempotency-Key', c.key);
  if (c.lang) headers.set('Accept-Language', c.lang);
  let body: string | FormData | undefined;
  if (c.json !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(c.json);
  } else if (c.form) body = c.form;
  const method = c.method ?? (body === undefined ? 'GET' : 'POST');
  const response = await getResponse(set, new Request(`${BASE}${path}`, { method, headers, body }));
  assert.ok(response, `${method} ${path}: a handler answered`);
  // The event stream never ends: check its status and type, then hang up.
  if (path.startsWith('/v1/events') && response.status === 200) {
    assert.equal(response.headers.get('content-type'), 'text/event-stream');
    await response.body?.cancel();
    return { status: 200, body: undefined as T, headers: response.headers };
  }
  return { status: response.status, body: (await checkResponse(method, `${BASE}${path}`, response)) as T, headers: response.headers };
}

function ticketForm(fields: Record<string, string>, images: Array<{ bytes: Uint8Array; name: string }> = []): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const img of images) form.append('images', new Blob([img.bytes], { type: 'image/png' }), img.name);
  return form;
}

const AUTHED = ['/v1/me', '/v1/session', '/v1/offers', '/v1/offers/off_demo_open', '/v1/orders', '/v1/tickets', '/v1/tickets?status=closed&limit=5', '/v1/tickets/tkt_demo_a', '/v1/attachments/att_demo_a_1', '/v1/events', '/v1/statement', '/v1/contacts', '/v1/notices?program=CadiaOFFICE%20Warenwirtschaft&version=2026.3.1', '/v1/me/notifications', '/v1/credit-settings'];
/** The money views: admins only. */
const MONEY = ['/v1/orders', '/v1/statement', '/v1/credit-settings'];
const PUBLIC = ['/v1/packages', '/v1/faq?q=Drucker%20druckt%20nicht'];

beforeEach(() => resetMocks());

describe('fixtures', () => {
  it('stories/mocks/fixtures.json is what the seeded backend answers today (else: node --import tsx scripts/gen-story-fixtures.mjs)', async () => {
    const committed: unknown = JSON.parse(readFileSync(new URL('../../stories/mocks/fixtures.json', import.meta.url), 'utf8'));
    assert.deepEqual(committed, await collectFixtures());
    assert.equal(FIXTURE_NOW, NOW.toISOString());
  });
});

describe('every scenario answers within the contract', () => {
  for (const name of Object.keys(handlers) as Scenario[]) {
    if (name === 'loading') continue;
    it(name, async () => {
      const set = handlers[name];
      for (const path of [...AUTHED, ...PUBLIC]) {
        const isPublic = PUBLIC.includes(path);
        const { status } = await call(set, path);
        const expected: number = name === 'error' ? 500
          : name === 'loggedOut' && !isPublic ? 401
          : path === '/v1/offers/off_demo_open' && name === 'empty' ? 404
          : path.startsWith('/v1/tickets/') && (name === 'empty' || name === 'manyTickets') ? 404
          : path === '/v1/offers/off_demo_open' && name === 'negative' ? 404
          : path === '/v1/tickets/tkt_demo_a' && (name === 'negative' || name.startsWith('member')) ? 404
          : MONEY.includes(path) && name.startsWith('member') ? 403
          : 200;
        assert.equal(status, expected, `${name}: GET ${path}`);
      }
      // Without a token every authed endpoint is refused, as on the server (homepage, logged out).
      if (name !== 'error') assert.equal((await call(set, '/v1/me', { token: null })).status, 401);
      // … except the session state and the offers, which answer "nobody" without an error.
      if (name !== 'error') {
        for (const [path, body] of [['/v1/session', { signedIn: false }], ['/v1/offers', { items: [] }]] as const) {
          const res = await call<unknown>(set, path, { token: null });
          assert.equal(res.status, 200, `${name}: GET ${path} without a token`);
          assert.deepEqual(res.body, body, path);
        }
      }
    });
  }

  it('loading: nothing answers', async () => {
    const pending = getResponse(handlers.loading, new Request(`${BASE}/v1/me`, { headers: { Authorization: `Bearer ${POS}` } }));
    const winner = await Promise.race([pending.then(() => 'answered'), new Promise((r) => setTimeout(r, 150, 'still waiting'))]);
    assert.equal(winner, 'still waiting');
  });

  it('credit per scenario: positive 150, low 20, zero 0, negative −40; offers open / expired', async () => {
    const minutes = async (s: Scenario) => (await call<Me>(handlers[s], '/v1/me')).body.credit.minutes;
    assert.deepEqual([await minutes('positive'), await minutes('low'), await minutes('zero'), await minutes('negative')], [150, 20, 0, -40]);
    const offers = async (s: Scenario) => (await call<{ items: Offer[] }>(handlers[s], '/v1/offers')).body.items.map((o) => o.status);
    assert.deepEqual(await offers('positive'), ['open', 'ordered']);
    assert.deepEqual(await offers('expiredOffer'), ['expired', 'ordered']);
    assert.deepEqual(await offers('negative'), ['expired']);
    assert.deepEqual(await offers('empty'), []);
    assert.equal((await call<TicketPage>(handlers.empty, '/v1/tickets')).body.total, 0);
  });

  it('timestamps follow the real clock: the open offer still has 5 days left today', async () => {
    const { body } = await call<Offer>(handlers.positive, '/v1/offers/off_demo_open');
    const daysLeft = (Date.parse(body.expiresAt) - Date.now()) / 86_400_000;
    assert.ok(daysLeft > 4.9 && daysLeft <= 5, `${daysLeft} days left`);
  });

  it('problems follow Accept-Language like the server', async () => {
    const de = await call(handlers.loggedOut, '/v1/me');
    const en = await call(handlers.loggedOut, '/v1/me', { lang: 'en' });
    assert.equal(de.body.title, 'Bitte melden Sie sich an.');
    assert.equal(en.body.title, 'Please log in.');
    assert.equal(en.headers.get('content-type')?.split(';')[0], 'application/problem+json');
  });

  it('an unknown endpoint is a 404 and a console error (the story test fails on it)', async () => {
    const logged: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args.join(' '));
    try {
      const r = await getResponse(handlers.positive, new Request(`${BASE}/v1/nope`, { headers: { Authorization: `Bearer ${POS}` } }));
      assert.equal(r?.status, 404);
    } finally {
      console.error = original;
    }
    assert.match(String(logged[0]), /no handler for GET \/api\/v1\/nope/);
  });
});

describe('the seed scenarios answer exactly as the reference backend', () => {
  let b: TestBackend;
  before(async () => { b = await setup(); });
  after(() => b.close());

  const frozen = (customer: 'positive' | 'negative') => createHandlers({ customer, now: () => new Date(FIXTURE_NOW) });
  const server = async (path: string, token: string): Promise<unknown> => (await b.req(path, { token })).json();

  it('member: their own tickets only, the same contact, and no ordering (403 admin_required)', async () => {
    const set = createHandlers({ customer: 'positive', role: 'member', now: () => new Date(FIXTURE_NOW) });
    const ids = (page: unknown) => (page as { items: Array<{ id: string }> }).items.map((t) => t.id);
    assert.deepEqual(ids((await call<unknown>(set, '/v1/tickets')).body), ids(await server('/v1/tickets', POS_MEMBER)));
    const who = (c: { contact: { id: string; name: string; role: string } }) => [c.contact.id, c.contact.name, c.contact.role];
    assert.deepEqual(who((await call<Me>(set, '/v1/me')).body), who((await server('/v1/me', POS_MEMBER)) as Me));
    const order = await call(set, '/v1/orders', { method: 'POST', json: { packageId: 'pkg-60' }, key: 'member-order' });
    const real = await b.req('/v1/orders', { token: POS_MEMBER, json: { packageId: 'pkg-60' }, idempotent: true });
    assert.deepEqual([order.status, order.body.code], [real.status, ((await real.json()) as Problem).code]);
    // The money views are the admins': the same 403 admin_required from both; the company's people the same list.
    for (const path of MONEY) {
      const mock = await call(set, path);
      const answer = await b.req(path, { token: POS_MEMBER });
      assert.deepEqual([mock.status, mock.body.code], [answer.status, ((await answer.json()) as Problem).code], path);
    }
    assert.deepEqual((await call<unknown>(set, '/v1/contacts')).body, await server('/v1/contacts', POS_MEMBER));
    // Their data export: a ZIP with the server's layout for the same tickets.
    const entries = (bytes: ArrayBuffer) => Object.keys(unzipSync(new Uint8Array(bytes))).filter((n) => !n.includes('/files/')).sort();
    const mock = await getResponse(set, new Request(`${BASE}/v1/me/export`, { headers: { Authorization: `Bearer ${POS}` } }));
    const archive = await b.req('/v1/me/export', { token: POS_MEMBER });
    assert.equal(mock?.headers.get('content-type'), archive.headers.get('content-type'));
    assert.deepEqual(entries(await mock!.arrayBuffer()), entries(await archive.arrayBuffer()));
  });

  for (const [customer, token] of [['positive', POS], ['negative', NEG]] as const) {
    it(`${customer}: me, offers, orders, packages and ticket queries`, async () => {
      const set = frozen(customer);
      const paths = [
        '/v1/me', '/v1/offers', '/v1/orders', '/v1/packages',
        '/v1/tickets', '/v1/tickets?limit=5', '/v1/tickets?status=closed&limit=10', '/v1/tickets?status=new,in_progress',
        '/v1/tickets?status=new&status=waiting_for_customer', '/v1/tickets?q=druck', '/v1/tickets?q=T-2026-0005', '/v1/tickets?q=Speicherplatz',
      ];
      for (const path of paths) assert.deepEqual((await call<unknown>(set, path, { token })).body, await server(path, token), path);
      // Paging: the cursor of page one opens the same page two on both.
      const first = (await call<TicketPage>(set, '/v1/tickets?limit=10', { token })).body;
      if (first.nextCursor) {
        const path = `/v1/tickets?limit=10&cursor=${first.nextCursor}`;
        assert.deepEqual((await call<unknown>(set, path, { token })).body, await server(path, token), path);
      }
      for (const path of ['/v1/tickets?limit=0', '/v1/tickets?status=open', '/v1/tickets?cursor=zzz']) {
        assert.deepEqual((await call<unknown>(set, path, { token })).body, await server(path, token), path);
      }
    });
  }

  it('opening a ticket marks it read on both', async () => {
    const set = frozen('positive');
    const unread = async (s: 'mock' | 'server') => {
      const list = s === 'mock' ? (await call<TicketPage>(set, '/v1/tickets?q=Datensicherung')).body : ((await server('/v1/tickets?q=Datensicherung', POS)) as TicketPage);
      return list.items[0]?.unread;
    };
    assert.deepEqual([await unread('mock'), await unread('server')], [true, true]);
    assert.deepEqual((await call<unknown>(set, '/v1/tickets/tkt_demo_c')).body, await server('/v1/tickets/tkt_demo_c', POS));
    assert.deepEqual([await unread('mock'), await unread('server')], [false, false]);
  });
});

describe('manyTickets', () => {
  it('10,000 tickets paged by cursor, newest activity first, no gaps or repeats', async () => {
    const seen = new Set<string>();
    let last = '\uffff';
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { body }: Answer<TicketPage> = await call<TicketPage>(handlers.manyTickets, `/v1/tickets?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(body.total, 10_000);
      for (const t of body.items) {
        assert.ok(!seen.has(t.id), `${t.id} repeated`);
        assert.ok(t.updatedAt <= last, 'sorted by activity');
        seen.add(t.id);
        last = t.updatedAt;
      }
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    assert.equal(seen.size, 10_000);
    assert.equal(pages, 100);
    const closed = await call<TicketPage>(handlers.manyTickets, '/v1/tickets?status=closed');
    assert.equal(closed.body.total, 6_250, 'five in eight are closed');
    assert.equal(closed.body.items.length, 25);
    const top = closed.body.items[0]!;
    const detail = await call<TicketDetail>(handlers.manyTickets, `/v1/tickets/${top.id}`);
    assert.equal(detail.body.subject, top.subject);
  });
});

describe('packages', () => {
  it('answer in the language asked for, as the server does: English names for English, German otherwise; an order named so', async () => {
    const set = handlers.positive;
    const names = async (lang?: string) => (await call<PackageList>(set, '/v1/packages', { token: null, lang })).body.items.map((p) => p.name);
    assert.deepEqual(await names('en-GB,en;q=0.9'), ['Support package 60', 'Support package 180', 'Support package 600', 'Support package 1200']);
    assert.deepEqual(await names(), ['Supportpaket 60', 'Supportpaket 180', 'Supportpaket 600', 'Supportpaket 1200']);
    const en = await call<PackageList>(set, '/v1/packages', { token: null, lang: 'en' });
    assert.equal(en.headers.get('vary'), 'Accept-Language');
    assert.equal(en.body.items[0]!.description, '60 minutes of support credit – for the occasional question.');
    const ordered = await call<OrderResult>(set, '/v1/orders', { json: { packageId: 'pkg-180' }, key: 'pkg-en', lang: 'en' });
    assert.equal(ordered.body.order.name, 'Support package 180');
    // Offers, orders and the statement's order names too: English where asked, the recorded German otherwise.
    const offerNames = async (lang?: string) => (await call<{ items: Offer[] }>(set, '/v1/offers', { lang })).body.items.map((x) => x.name);
    assert.deepEqual(await offerNames('en'), ['Loyalty offer Support package 600', 'Loyalty offer Support package 600']);
    assert.deepEqual(await offerNames(), ['Treueangebot Supportpaket 600', 'Treueangebot Supportpaket 600']);
    const orderNames = async (lang?: string) => (await call<{ items: Array<{ name: string }> }>(set, '/v1/orders', { lang })).body.items.map((x) => x.name);
    assert.deepEqual(await orderNames('en'), ['Support package 180', 'Support package 1200', 'Loyalty offer Support package 600']);
    assert.deepEqual(await orderNames(), ['Supportpaket 180', 'Supportpaket 1200', 'Treueangebot Supportpaket 600']);
    const statement = await call<{ entries: Array<{ orderName: string | null }> }>(set, '/v1/statement', { lang: 'en' });
    assert.deepEqual(statement.body.entries.map((e) => e.orderName).filter(Boolean), ['Support package 180']);
  });
});

describe('orders', () => {
  it('a package: 201 with order and credit, the credit rises, a repeat replays, another body with the key is 409', async () => {
    const set = handlers.positive;
    const first = await call<OrderResult>(set, '/v1/orders', { json: { packageId: 'pkg-60' }, key: 'k1' });
    assert.equal(first.status, 201);
    assert.equal(first.body.credit.minutes, 210);
    assert.equal(first.body.order.name, 'Supportpaket 60');
    assert.equal((await call<Me>(set, '/v1/me')).body.credit.minutes, 210);
    const again = await call<OrderResult>(set, '/v1/orders', { json: { packageId: 'pkg-60' }, key: 'k1' });
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('Idempotent-Replayed'), 'true');
    assert.deepEqual(again.body, first.body);
    assert.equal((await call<Me>(set, '/v1/me')).body.credit.minutes, 210, 'a replay charges nothing');
    assert.equal((await call(set, '/v1/orders', { json: { packageId: 'pkg-180' }, key: 'k1' })).body.code, 'idempotency_conflict');
    assert.equal((await call<{ items: OrderResult['order'][] }>(set, '/v1/orders')).body.items[0]?.id, first.body.order.id);
  });

  it('refusals: no key 400, no package 422 with the field, unknown package 404, logged out 401', async () => {
    const set = handlers.positive;
    assert.equal((await call(set, '/v1/orders', { json: { packageId: 'pkg-60' } })).body.code, 'idempotency_key_required');
    const missing = await call(set, '/v1/orders', { json: {}, key: 'k2' });
    assert.equal(missing.status, 422);
    assert.deepEqual(missing.body.errors?.map((e) => [e.field, e.code]), [['packageId', 'required']]);
    assert.equal((await call(set, '/v1/orders', { json: { packageId: 'pkg-x' }, key: 'k3' })).status, 404);
    assert.equal((await call(handlers.loggedOut, '/v1/orders', { json: { packageId: 'pkg-60' }, key: 'k4' })).status, 401);
  });

  it('the open offer once (then 409), the expired one 410', async () => {
    const set = handlers.positive;
    const ordered = await call<OrderResult>(set, '/v1/orders', { json: { offerId: 'off_demo_open' }, key: 'o1' });
    assert.equal(ordered.status, 201);
    assert.equal(ordered.body.order.offerId, 'off_demo_open');
    assert.equal((await call<Offer>(set, '/v1/offers/off_demo_open')).body.status, 'ordered');
    assert.equal((await call(set, '/v1/orders', { json: { offerId: 'off_demo_open' }, key: 'o2' })).body.code, 'offer_already_ordered');
    const expired = await call(handlers.expiredOffer, '/v1/orders', { json: { offerId: 'off_demo_open' }, key: 'o3', lang: 'en' });
    assert.equal(expired.status, 410);
    assert.equal(expired.body.title, 'This loyalty offer has expired and can no longer be ordered.');
    assert.equal((await call(handlers.negative, '/v1/orders', { json: { offerId: 'off_demo_expired' }, key: 'o4', token: NEG })).status, 410);
  });
});

describe('notifications and credit settings', () => {
  let b: TestBackend;
  before(async () => { b = await setup(); });
  after(() => b.close());
  const server = async (path: string, init: { token: string; method?: string; json?: unknown }) => {
    const r = await b.req(path, init);
    return { status: r.status, body: (await r.json()) as unknown };
  };
  const same = async (path: string, init: { token: string; method?: string; json?: unknown }, set = createHandlers({ customer: 'positive', role: init.token === POS_MEMBER ? 'member' : 'admin' })) => {
    const mock = await call<unknown>(set, path, { token: init.token, method: init.method, json: init.json });
    const real = await server(path, init);
    const shape = (a: { status: number; body: unknown }) => [a.status, (a.body as Problem).code ? [(a.body as Problem).code, (a.body as Problem).errors?.map((e) => [e.field, e.code])] : a.body];
    assert.deepEqual(shape(mock), shape(real), `${init.method ?? 'GET'} ${path}`);
    return mock;
  };
  const ALL_ON = { ticketConfirmation: true, supportReplied: true, statusChanged: true, lowCredit: true, offers: true, orders: true };

  it('reads as the server: settings and kinds per role, the credit settings (403 for a member)', async () => {
    await same('/v1/me/notifications', { token: POS });
    await same('/v1/me/notifications', { token: POS_MEMBER });
    await same('/v1/credit-settings', { token: POS });
    await same('/v1/credit-settings', { token: POS_MEMBER });
    assert.equal((await call<Me>(handlers.positive, '/v1/me')).body.lowCreditThresholdMinutes, 60);
  });

  it('writes as the server: saved and read back; refusals name the same fields', async () => {
    const set = createHandlers({ customer: 'positive' });
    const off = { ...ALL_ON, offers: false };
    await same('/v1/me/notifications', { token: POS, method: 'PUT', json: off }, set);
    assert.deepEqual((await call<{ settings: unknown }>(set, '/v1/me/notifications')).body.settings, off);
    await same('/v1/me/notifications', { token: POS, method: 'PUT', json: { ...ALL_ON, orders: 'no', offers: undefined } }, set);
    // Below the credit (150): a threshold above it would top up at once on the server, which the mocks do not play.
    const credit = { lowCreditThresholdMinutes: 100, autoTopUpPackageId: 'pkg-180', autoTopUpMonthlyMax: 2 };
    await same('/v1/credit-settings', { token: POS, method: 'PUT', json: credit }, set);
    assert.equal((await call<Me>(set, '/v1/me')).body.lowCreditThresholdMinutes, 100, 'the badge reads the new threshold');
    await same('/v1/credit-settings', { token: POS, method: 'PUT', json: { lowCreditThresholdMinutes: -1, autoTopUpPackageId: null, autoTopUpMonthlyMax: 11 } }, set);
    await same('/v1/credit-settings', { token: POS, method: 'PUT', json: { ...credit, autoTopUpPackageId: 'pkg-x' } }, set);
    await same('/v1/credit-settings', { token: POS_MEMBER, method: 'PUT', json: credit });
  });

  it('the autoTopUp scenario lists its automatic order and counts it this month', async () => {
    const orders = (await call<{ items: Array<{ automatic: boolean; contact: unknown }> }>(handlers.autoTopUp, '/v1/orders')).body.items;
    assert.deepEqual([orders[0]!.automatic, orders[0]!.contact], [true, null]);
    assert.equal((await call<{ autoTopUpsThisMonth: number }>(handlers.autoTopUp, '/v1/credit-settings')).body.autoTopUpsThisMonth, 1);
  });
});

describe('tickets and replies', () => {
  const fields = { category: 'bug', subject: 'Druck geht nicht', description: 'Beim Drucken passiert nichts.', cc: 'it@partner.example', urgency: 'urgent', calledBefore: 'true' };

  it('a ticket: 201 with the detail and who was mailed; it heads the list; its image can be fetched; a repeat replays', async () => {
    const set = handlers.positive;
    const png = smallPng();
    const created = await call<TicketCreated>(set, '/v1/tickets', { form: ticketForm(fields, [{ bytes: png, name: 'shot.png' }]), key: 't1' });
    assert.equal(created.status, 201);
    const t = created.body.ticket;
    assert.deepEqual([t.status, t.category, t.urgency, t.calledBefore, t.cc], ['new', 'bug', 'urgent', true, 'it@partner.example']);
    assert.match(t.number, /^T-\d{4}-\d{5}$/);
    assert.deepEqual(created.body.emailedTo, ['service@mueller-haustechnik.example', 'it@partner.example']);
    const att = t.messages[0]!.attachments[0]!;
    assert.deepEqual([att.contentType, att.width, att.height, att.size], ['image/png', 4, 3, png.length]);
    const list = await call<TicketPage>(set, '/v1/tickets');
    assert.equal(list.body.items[0]?.id, t.id);
    assert.equal(list.body.total, 32);
    const bytes = await getResponse(set, new Request(`${BASE}/${att.url}`, { headers: { Authorization: `Bearer ${POS}` } }));
    assert.deepEqual(new Uint8Array(await bytes!.arrayBuffer()), new Uint8Array(png));
    const again = await call<TicketCreated>(set, '/v1/tickets', { form: ticketForm(fields, [{ bytes: png, name: 'shot.png' }]), key: 't1' });
    assert.equal(again.headers.get('Idempotent-Replayed'), 'true');
    assert.equal(again.body.ticket.id, t.id);
    assert.equal((await call<TicketPage>(set, '/v1/tickets')).body.total, 32);
    assert.equal((await call(set, '/v1/tickets', { form: ticketForm({ ...fields, subject: 'Anders' }), key: 't1' })).status, 409);
  });

  it('refusals name the field: missing subject, bad CC, not an image, four images', async () => {
    const set = handlers.positive;
    const codes = (body: Problem) => (body.errors ?? []).map((e) => `${e.field}:${e.code}`);
    const noSubject = await call(set, '/v1/tickets', { form: ticketForm({ ...fields, subject: ' ' }), key: 'r1' });
    assert.equal(noSubject.status, 422);
    assert.deepEqual(codes(noSubject.body), ['subject:required']);
    assert.equal(noSubject.body.errors?.[0]?.message, 'Pflichtfeld.');
    const noCategory = await call(set, '/v1/tickets', { form: ticketForm({ subject: 'x', description: 'y' }), key: 'r1b', lang: 'en' });
    assert.deepEqual(codes(noCategory.body), ['category:required']);
    assert.equal(noCategory.body.errors?.[0]?.message, 'Required.');
    assert.deepEqual(codes((await call(set, '/v1/tickets', { form: ticketForm({ ...fields, cc: 'kein-mail' }), key: 'r2' })).body), ['cc:invalid_email']);
    const text = new TextEncoder().encode('not a picture');
    const notImage = await call(set, '/v1/tickets', { form: ticketForm(fields, [{ bytes: text, name: 'x.png' }]), key: 'r3' });
    assert.deepEqual([notImage.body.code, ...codes(notImage.body)], ['image_rejected', 'images[0]:not_an_image']);
    const four = Array.from({ length: 4 }, (_, i) => ({ bytes: smallPng(), name: `${i}.png` }));
    const tooMany = await call(set, '/v1/tickets', { form: ticketForm(fields, four), key: 'r4' });
    assert.deepEqual([tooMany.body.code, ...codes(tooMany.body)], ['too_many_images', 'images:too_many']);
    assert.equal((await call<TicketPage>(set, '/v1/tickets')).body.total, 31, 'nothing was created');
  });

  it('a reply: 201, it ends the thread, a ticket waiting for the customer is in progress again; an empty one is 422', async () => {
    const set = handlers.positive;
    const reply = await call<{ message: Message }>(set, '/v1/tickets/tkt_demo_c/messages', { form: ticketForm({ body: 'Mit getrennter Sicherung klappt es.' }), key: 'm1' });
    assert.equal(reply.status, 201);
    assert.equal(reply.body.message.author, 'customer');
    const detail = (await call<TicketDetail>(set, '/v1/tickets/tkt_demo_c')).body;
    assert.equal(detail.status, 'in_progress');
    assert.equal(detail.messages.at(-1)?.id, reply.body.message.id);
    assert.equal((await call<TicketPage>(set, '/v1/tickets')).body.items[0]?.id, 'tkt_demo_c');
    const replay = await call(set, '/v1/tickets/tkt_demo_c/messages', { form: ticketForm({ body: 'Mit getrennter Sicherung klappt es.' }), key: 'm1' });
    assert.equal(replay.headers.get('Idempotent-Replayed'), 'true');
    assert.equal((await call<TicketDetail>(set, '/v1/tickets/tkt_demo_c')).body.messages.length, detail.messages.length);
    const empty = await call(set, '/v1/tickets/tkt_demo_c/messages', { form: ticketForm({ body: '' }), key: 'm2' });
    assert.deepEqual([empty.status, empty.body.errors?.[0]?.field], [422, 'body']);
    assert.equal((await call(set, '/v1/tickets/tkt_nope/messages', { form: ticketForm({ body: 'x' }), key: 'm3' })).status, 404);
  });
});

describe('closing and rating answer as the reference backend does', () => {
  let b: TestBackend;
  before(async () => { b = await setup(); });
  after(() => b.close());
  const codes = (p: Problem) => (p.errors ?? []).map((e) => [e.field, e.code, e.message]);
  const real = async <T>(path: string, init: { method?: string; json?: unknown; form?: FormData; lang?: string } = {}) => {
    const r = await b.req(path, { token: POS, ...init, idempotent: !!init.form, headers: init.lang ? { 'Accept-Language': init.lang } : {} });
    return { status: r.status, body: (await r.json()) as T };
  };
  const view = (t: TicketDetail) => [t.status, t.closedAt, t.replyEffect, t.reopenableUntil, t.rating?.score ?? null, t.rating?.comment ?? null, t.messages.at(-1)?.body];

  it('the desk\'s ratings (before the writes below): the same average and counts as the server\'s', async () => {
    for (const path of ['/v1/agent/ratings', '/v1/agent/ratings?customer=10002', '/v1/agent/ratings?customer=x']) {
      const mock = await call<unknown>(agentHandlers.ok, path, { token: AGENT });
      const r = await b.req(path, { token: AGENT });
      assert.deepEqual([mock.status, mock.body], [r.status, await r.json()], path);
    }
  });

  it('close, rate (refusals too), reopen by a reply, and a late reply\'s follow-up', async () => {
    const set = createHandlers({ customer: 'positive', now: () => new Date(FIXTURE_NOW) });
    const both = async <T>(path: string, init: { method?: string; json?: unknown; form?: FormData; lang?: string } = {}) =>
      [await call<T>(set, path, { ...init, ...(init.form && { key: `k-${Math.random()}` }) }), await real<T>(path, init)] as const;

    const [early, earlyReal] = await both<Problem>('/v1/tickets/tkt_demo_a/rating', { method: 'PUT', json: { score: 4 } });
    assert.deepEqual([early.status, early.body.code], [earlyReal.status, earlyReal.body.code]);
    assert.equal(early.status, 409);

    const [closed, closedReal] = await both<TicketDetail>('/v1/tickets/tkt_demo_a/close', { method: 'POST' });
    assert.equal(closed.status, 200);
    assert.deepEqual(view(closed.body), view(closedReal.body));
    const [again, againReal] = await both<TicketDetail>('/v1/tickets/tkt_demo_a/close', { method: 'POST' });
    assert.deepEqual([again.body.messages.length, view(again.body)], [againReal.body.messages.length, view(againReal.body)]);

    for (const json of [{ score: 0 }, { score: '5' }, { comment: 'x' }, { score: 2, comment: 'x'.repeat(2001) }]) {
      const [bad, badReal] = await both<Problem>('/v1/tickets/tkt_demo_a/rating', { method: 'PUT', json, lang: 'en' });
      assert.deepEqual([bad.status, codes(bad.body)], [badReal.status, codes(badReal.body)], JSON.stringify(json));
    }
    await both('/v1/tickets/tkt_demo_a/rating', { method: 'PUT', json: { score: 2, comment: 'Zu langsam' } });
    const [rated, ratedReal] = await both<TicketDetail>('/v1/tickets/tkt_demo_a/rating', { method: 'PUT', json: { score: 5 } });
    assert.deepEqual(view(rated.body), view(ratedReal.body));
    assert.deepEqual(rated.body.rating?.ratedBy, ratedReal.body.rating?.ratedBy);
    assert.equal((await call(set, '/v1/tickets/tkt_nope/close', { method: 'POST' })).status, 404);

    const reply = new FormData();
    reply.append('body', 'Doch noch eine Frage.');
    const [reopened, reopenedReal] = await both<{ followUp: unknown }>('/v1/tickets/tkt_demo_a/messages', { form: reply });
    assert.deepEqual([reopened.status, reopened.body.followUp], [reopenedReal.status, reopenedReal.body.followUp]);
    const after = [(await call<TicketDetail>(set, '/v1/tickets/tkt_demo_a')).body, (await real<TicketDetail>('/v1/tickets/tkt_demo_a')).body];
    assert.deepEqual(view(after[0]!), view(after[1]!));
    assert.equal(after[0]!.status, 'in_progress');

    // tkt_demo_e was closed 17 days ago: the reply starts a linked ticket on both.
    const [late, lateReal] = await both<{ followUp: { id: string; number: string } | null; message: Message }>('/v1/tickets/tkt_demo_e/messages', { form: reply });
    assert.ok(late.body.followUp && lateReal.body.followUp);
    assert.equal(late.body.message.body, lateReal.body.message.body);
    const next = [(await call<TicketDetail>(set, `/v1/tickets/${late.body.followUp.id}`)).body, (await real<TicketDetail>(`/v1/tickets/${lateReal.body.followUp.id}`)).body];
    const linked = (t: TicketDetail) => [t.status, t.subject, t.category, t.followUpOf?.id, t.messages.length, t.messages[0]?.body];
    assert.deepEqual(linked(next[0]!), linked(next[1]!));
    const old = [(await call<TicketDetail>(set, '/v1/tickets/tkt_demo_e')).body, (await real<TicketDetail>('/v1/tickets/tkt_demo_e')).body];
    assert.deepEqual([old[0]!.status, old[0]!.followedBy?.id, old[0]!.messages.at(-1)?.body.replace(/T-\d+-\d+/, 'T')],
      [old[1]!.status, late.body.followUp.id, old[1]!.messages.at(-1)?.body.replace(/T-\d+-\d+/, 'T')]);
  });
});

describe('known-issue notices in the mocks answer as the reference backend', () => {
  let b: TestBackend;
  before(async () => {
    b = await setup();
  });
  after(() => b.close());
  const ids = (body: { items: Array<{ id: string; title: string; match: unknown }> }) => body.items.map((n) => [n.id, n.title, n.match]);

  it('matches by version and by text, in the language asked for; subscribe and a ticket filed for a notice', async () => {
    const set = handlers.positive;
    for (const [path, lang] of [
      ['/v1/notices?program=CadiaOFFICE%20Warenwirtschaft&version=2026.3.1', 'de'], ['/v1/notices?program=CadiaOFFICE%20Warenwirtschaft&version=2026.2.3', 'de'],
      ['/v1/notices?q=printing%20invoices%20stops', 'en'], ['/v1/notices?q=Lieferschein', 'de'],
    ] as const) {
      const mock = await call<{ items: Array<{ id: string; title: string; match: unknown }> }>(set, path, { lang });
      const real = (await (await b.req(path, { token: POS, headers: { 'Accept-Language': lang } })).json()) as typeof mock.body;
      assert.deepEqual(ids(mock.body), ids(real), path);
    }
    const on = await call<{ subscribed: boolean }>(set, '/v1/notices/ntc_demo_print/subscription', { method: 'PUT' });
    assert.deepEqual([on.status, on.body.subscribed], [200, true]);
    const listed = await call<{ items: Array<{ subscribed: boolean }> }>(set, '/v1/notices?program=CadiaOFFICE%20Warenwirtschaft&version=2026.3.1');
    assert.equal(listed.body.items[0]?.subscribed, true);
    assert.equal((await call(set, '/v1/notices/ntc_demo_print/subscription', { method: 'DELETE' })).status, 200);
    assert.equal((await call(set, '/v1/notices/nope/subscription', { method: 'PUT' })).status, 404);
    const bad = await call(set, '/v1/tickets', { key: 'n1', form: ticketForm({ category: 'bug', subject: 'x', description: 'y', noticeId: 'nope' }) });
    assert.deepEqual([bad.status, bad.body.errors?.map((e) => e.field)], [422, ['noticeId']]);
    assert.equal((await call(set, '/v1/tickets', { key: 'n2', form: ticketForm({ category: 'bug', subject: 'x', description: 'y', noticeId: 'ntc_demo_print' }) })).status, 201);
  });

  it('the desk: list, refusals with the server\'s codes and texts, publish, fix (mailing the subscribers), subscribers, delete', async () => {
    const set = agentHandlers.ok;
    const list = await call<{ items: Array<{ id: string }> }>(set, '/v1/agent/notices', { token: AGENT });
    const real = (await (await b.req('/v1/agent/notices', { token: AGENT })).json()) as typeof list.body;
    assert.deepEqual(list.body.items.map((n) => n.id), real.items.map((n) => n.id));
    const wrong = { program: '', title: 'x', text: 'y', versionFrom: '2026.4', versionTo: '2026.3', status: 'done' };
    const mock = await call(set, '/v1/agent/notices', { token: AGENT, key: 'a1', json: wrong, lang: 'en' });
    const realWrong = (await (await b.req('/v1/agent/notices', { token: AGENT, idempotent: true, json: wrong, headers: { 'Accept-Language': 'en' } })).json()) as Problem;
    assert.deepEqual([mock.status, mock.body.errors], [422, realWrong.errors]);
    const created = await call<{ notice: { id: string } }>(set, '/v1/agent/notices', { token: AGENT, key: 'a2', json: { program: 'CadiaOFFICE Lohn', title: 'T', text: 'x' } });
    assert.equal(created.status, 201);
    const fixed = await call<{ mailed: number }>(set, '/v1/agent/notices/ntc_demo_print', { token: AGENT, method: 'PATCH', json: { status: 'fixed', fixedIn: '2026.3.2' } });
    assert.deepEqual([fixed.status, fixed.body.mailed], [200, 2]);
    const outbox = await call<{ items: Array<{ subject: string }> }>(set, '/v1/agent/outbox', { token: AGENT });
    assert.equal(outbox.body.items.filter((m) => m.subject.startsWith('Behoben:')).length, 2);
    assert.equal((await call<{ mailed: number }>(set, '/v1/agent/notices/ntc_demo_print', { token: AGENT, method: 'PATCH', json: { status: 'fixed' } })).body.mailed, 0);
    assert.equal((await call(set, '/v1/agent/notices/ntc_demo_print/subscribers', { token: AGENT })).status, 200);
    assert.equal((await call(set, `/v1/agent/notices/${created.body.notice.id}`, { token: AGENT, method: 'DELETE' })).status, 204);
    assert.equal((await call(set, `/v1/agent/notices/${created.body.notice.id}`, { token: AGENT })).status, 404);
  });
});

describe('the support desk\'s mocks (stories/mocks/agent-handlers.ts)', () => {
  let b: TestBackend;
  before(async () => {
    b = await setup();
  });
  after(() => b.close());
  const AGENT_TOKEN = AGENT;
  const codesOf = (p: Problem) => (p.errors ?? []).map((e) => [e.field, e.code]);

  it('the queue, a ticket and the customers are the server\'s, within the contract', async () => {
    const set = agentHandlers.ok;
    for (const path of ['/v1/agent/tickets?limit=100', '/v1/agent/tickets?status=new,in_progress&category=bug&urgency=urgent', '/v1/agent/customers/10002']) {
      const mock = await call<{ items?: Array<{ id: string }>; counts?: unknown; offers?: Array<{ status: string }> }>(set, path, { token: AGENT_TOKEN });
      const real = (await (await b.req(path, { token: AGENT_TOKEN })).json()) as typeof mock.body;
      assert.equal(mock.status, 200, path);
      assert.deepEqual(mock.body.items?.map((t) => t.id), real.items?.map((t) => t.id), `${path}: same tickets in the same order`);
      assert.deepEqual(mock.body.counts, real.counts, `${path}: same counts`);
      assert.deepEqual(mock.body.offers?.map((o) => o.status), real.offers?.map((o) => o.status), `${path}: same offers`);
    }
    for (const path of ['/v1/agent/tickets/tkt_demo_a', '/v1/agent/customers', '/v1/agent/customers/10002/statement', '/v1/agent/outbox', '/v1/events']) {
      assert.equal((await call(set, path, { token: AGENT_TOKEN })).status, 200, path);
    }
    assert.equal((await call(agentHandlers.error, '/v1/agent/tickets', { token: AGENT_TOKEN })).status, 500);
    assert.equal((await call<{ total: number }>(agentHandlers.emptyQueue, '/v1/agent/tickets', { token: AGENT_TOKEN })).body.total, 0);
  });

  it('writes: the charge as the server bills it; refusals as the server refuses them', async () => {
    const set = agentHandlers.ok;
    const booked = await call<{ timeEntry: { chargedMinutes: number }; credit: { minutes: number } }>(set, '/v1/agent/tickets/tkt_demo_d/time', { token: AGENT_TOKEN, key: 'k1', json: { minutes: 25 } });
    assert.deepEqual([booked.status, booked.body.timeEntry.chargedMinutes, booked.body.credit.minutes], [201, 30, 120]);
    for (const [path, json, form] of [
      ['/v1/agent/tickets/tkt_demo_d/time', { minutes: 601 }, undefined],
      ['/v1/agent/tickets/tkt_demo_d/messages', undefined, ticketForm({ body: ' ' })],
    ] as const) {
      const mock = await call(set, path, { token: AGENT_TOKEN, key: 'k2', json, form, lang: 'en' });
      const real = await b.req(path, { token: AGENT_TOKEN, idempotent: true, json, form, headers: { 'Accept-Language': 'en' } });
      const realBody = (await real.json()) as Problem;
      assert.deepEqual([mock.status, codesOf(mock.body), mock.body.errors?.[0]?.message], [real.status, codesOf(realBody), realBody.errors?.[0]?.message], path);
    }
    const replied = await call<{ message: Message }>(set, '/v1/agent/tickets/tkt_demo_d/messages', { token: AGENT_TOKEN, key: 'k3', form: ticketForm({ body: '' }, [{ bytes: smallPng(), name: 'a.png' }]) });
    assert.deepEqual([replied.status, replied.body.message.attachments.length], [201, 1]);
    assert.equal((await call(set, '/v1/agent/tickets/tkt_demo_b/reclassify', { token: AGENT_TOKEN, key: 'k4', json: { category: 'user_error' } })).status, 200);
    const again = await call(set, '/v1/agent/tickets/tkt_demo_b/reclassify', { token: AGENT_TOKEN, key: 'k5', json: { category: 'user_error' } });
    assert.deepEqual([again.status, codesOf(again.body)], [422, [['category', 'already_reclassified']]]);
    assert.equal((await call(set, '/v1/agent/customers/10002/renewal', { token: AGENT_TOKEN, method: 'POST' })).status, 201);
    assert.equal((await call(set, '/v1/agent/customers/10002/renewal', { token: AGENT_TOKEN, method: 'POST' })).status, 409);
    const failed = await call<{ items: Array<{ id: string; status: string }> }>(agentHandlers.failedMail, '/v1/agent/outbox', { token: AGENT_TOKEN });
    const mail = failed.body.items.find((m) => m.status === 'failed')!;
    assert.equal((await call(agentHandlers.failedMail, `/v1/agent/outbox/${mail.id}/resend`, { token: AGENT_TOKEN, method: 'POST' })).status, 200);
    assert.equal((await call(agentHandlers.failedMail, `/v1/agent/outbox/${mail.id}/resend`, { token: AGENT_TOKEN, method: 'POST' })).status, 409);
  });

  it('the customers panel: people, keys, corrections and statement files as the server has them and refuses them', async () => {
    const set = agentHandlers.ok;
    for (const n of ['10001', '10002']) {
      const path = `/v1/agent/customers/${n}/contacts`;
      const mock = await call<{ items: Array<{ name: string; role: string; roleManagedBy: string }> }>(set, path, { token: AGENT_TOKEN });
      const real = (await (await b.req(path, { token: AGENT_TOKEN })).json()) as typeof mock.body;
      const view = (x: typeof mock.body) => x.items.map((p) => [p.name, p.role, p.roleManagedBy]);
      assert.deepEqual(view(mock.body), view(real), path);
    }
    // The same refusals, in the same words: a role the host's sign-in sends, a key without label, a second revoke, a correction of 0.
    const same = async (path: string, json: unknown, what: string) => {
      const mock = await call(set, path, { token: AGENT_TOKEN, json, lang: 'en', key: `k-${what}`, method: 'POST' });
      const realResponse = await b.req(path, { method: 'POST', token: AGENT_TOKEN, json, idempotent: true, headers: { 'Accept-Language': 'en' } });
      const realBody = (await realResponse.json()) as Problem;
      assert.deepEqual([mock.status, mock.body.code, codesOf(mock.body), mock.body.errors?.[0]?.message], [realResponse.status, realBody.code, codesOf(realBody), realBody.errors?.[0]?.message], what);
    };
    await same('/v1/agent/customers/10001/contacts/con_demo_10001_member/role', { role: 'admin' }, 'role from the host');
    await same('/v1/agent/customers/10001/keys', {}, 'key without label');
    await same('/v1/agent/customers/10001/corrections', { minutes: 0, note: '' }, 'correction of 0');
    const made = await call<{ key: { id: string }; secret: string }>(set, '/v1/agent/customers/10001/keys', { token: AGENT_TOKEN, json: { label: 'Kasse' } });
    assert.equal(made.status, 201);
    assert.match(made.body.secret, /^cik_[\w-]{43}$/);
    const real = (await (await b.req('/v1/agent/customers/10001/keys', { method: 'POST', token: AGENT_TOKEN, json: { label: 'Kasse' } })).json()) as typeof made.body;
    for (const [handlers, id] of [[set, made.body.key.id], [undefined, real.key.id]] as const) {
      const revoke = (lang: string) => handlers ? call(handlers, `/v1/agent/customers/10001/keys/${id}/revoke`, { token: AGENT_TOKEN, method: 'POST', lang })
        : b.req(`/v1/agent/customers/10001/keys/${id}/revoke`, { method: 'POST', token: AGENT_TOKEN, headers: { 'Accept-Language': lang } }).then(async (r) => ({ status: r.status, body: (await r.json()) as Problem }));
      assert.equal((await revoke('en')).status, 200);
      const again = await revoke('en');
      assert.deepEqual([again.status, again.body.code, codesOf(again.body), again.body.errors?.[0]?.message], [409, 'key_revoked', [['key', 'already_revoked']], 'This key is already revoked; nothing was changed.']);
    }
    // A correction moves the credit and shows on the month's statement with its reason.
    const corrected = await call<{ credit: { minutes: number } }>(set, '/v1/agent/customers/10002/corrections', { token: AGENT_TOKEN, key: 'k-corr', json: { minutes: 15, note: 'Doppelt gebucht' } });
    assert.deepEqual([corrected.status, corrected.body.credit.minutes], [201, -25]);
    const statement = await call<{ month: string; entries: Array<{ kind: string; note: string; minutes: number }>; closingMinutes: number }>(set, '/v1/agent/customers/10002/statement', { token: AGENT_TOKEN });
    assert.deepEqual(statement.body.entries.filter((e) => e.kind === 'correction').map((e) => [e.minutes, e.note]), [[15, 'Doppelt gebucht']]);
    assert.equal(statement.body.closingMinutes, -25);
    const csv = await getResponse(set, new Request(`${BASE}/v1/agent/customers/10002/statement?lang=en`, { headers: { Authorization: `Bearer ${AGENT_TOKEN}`, Accept: 'text/csv' } }));
    assert.equal(csv?.headers.get('content-disposition'), `attachment; filename="Cadia-statement-10002-${statement.body.month}.csv"`);
    // The ERP scenario: a person whose role the desk may change, a key in use and one revoked.
    const erp = await call<{ items: Array<{ id: string; roleManagedBy: string }> }>(agentHandlers.erp, '/v1/agent/customers/10001/contacts', { token: AGENT_TOKEN });
    const local = erp.body.items.find((p) => p.roleManagedBy === 'backend')!;
    const promoted = await call<{ role: string }>(agentHandlers.erp, `/v1/agent/customers/10001/contacts/${local.id}/role`, { token: AGENT_TOKEN, json: { role: 'admin' } });
    assert.deepEqual([promoted.status, promoted.body.role], [200, 'admin']);
    const keys = await call<{ items: Array<{ revokedAt: string | null }> }>(agentHandlers.erp, '/v1/agent/customers/10001/keys', { token: AGENT_TOKEN });
    assert.deepEqual(keys.body.items.map((k) => k.revokedAt === null), [false, true]);
  });
});
