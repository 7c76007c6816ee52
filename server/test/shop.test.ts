import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { DAY_MS } from '../clock.js';
import { AGENT, json, NEG, POS, type ProblemBody, retrying, setup, type TestBackend } from './helpers.js';

interface Offer { id: string; status: string; expiresAt: string; issuedAt: string; price: { amount: number }; regularPrice: { amount: number } }
interface OrderResult { order: { id: string; offerId: string | null; packageId: string | null; minutes: number }; credit: { minutes: number } }

describe('packages and offers', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('GET /v1/packages is public and cheaper than pay-as-you-go', async () => {
    b = await setup();
    const r = await b.req('/v1/packages');
    assert.equal(r.status, 200);
    const body = await json<{ items: Array<{ id: string; minutes: number; price: { amount: number; currency: string } }>; pricing: { unitPrice: { amount: number } } }>(r);
    assert.deepEqual(body.items.map((p) => p.minutes), [60, 180, 600, 1200]);
    for (const p of body.items) assert.ok(p.price.amount < (p.minutes / 10) * body.pricing.unitPrice.amount, p.id);
  });

  it('GET /v1/offers lists open offers first with a 14-day expiry; status follows the clock', async () => {
    b = await setup();
    const offers = (await json<{ items: Offer[] }>(await b.req('/v1/offers', { token: POS }))).items;
    assert.equal(offers[0]?.status, 'open');
    assert.equal(new Date(offers[0]!.expiresAt).getTime() - new Date(offers[0]!.issuedAt).getTime(), 14 * DAY_MS);
    assert.equal(new Date(offers[0]!.expiresAt).getTime() - b.clock.now().getTime(), 5 * DAY_MS);
    assert.ok(offers[0]!.price.amount < offers[0]!.regularPrice.amount);
    assert.ok(offers.some((o) => o.status === 'ordered'));
    b.manual.advance(5 * DAY_MS);
    const later = (await json<{ items: Offer[] }>(await b.req('/v1/offers', { token: POS }))).items;
    assert.ok(later.every((o) => o.status !== 'open'));
    const neg = (await json<{ items: Offer[] }>(await b.req('/v1/offers', { token: NEG }))).items;
    assert.deepEqual(neg.map((o) => o.status), ['expired']);
  });

  it('GET /v1/offers/{id}: own offer 200, another customer\'s 404, no auth 401, agent 403', async () => {
    b = await setup();
    assert.equal((await b.req('/v1/offers/off_demo_open', { token: POS })).status, 200);
    const other = await b.req('/v1/offers/off_demo_open', { token: NEG });
    assert.equal(other.status, 404);
    assert.equal((await json<ProblemBody>(other)).code, 'not_found');
    assert.equal((await b.req('/v1/offers/off_demo_open')).status, 401);
    assert.equal((await b.req('/v1/offers', { token: AGENT })).status, 403);
  });
});

describe('packages in the language asked for', () => {
  let b: TestBackend;
  afterEach(() => b.close());
  const EN = { 'Accept-Language': 'en-GB,en;q=0.9,de;q=0.5' };
  type Named = { id: string; name: string; description?: string };

  it('GET /v1/packages: English texts for English, German by default and where a package has none; Vary, an ETag per language', async () => {
    b = await setup();
    const de = await b.req('/v1/packages');
    const en = await b.req('/v1/packages', { headers: EN });
    assert.equal(en.headers.get('vary')?.split(/,\s*/).includes('Accept-Language'), true, 'a cache keeps one answer per language');
    const first = (r: Response) => json<{ items: Named[] }>(r).then((x) => x.items[0]!);
    const [de60, en60] = [await first(de), await first(en)];
    assert.deepEqual([de60.name, de60.description], ['Supportpaket 60', '60 Minuten Supportguthaben – für gelegentliche Fragen.']);
    assert.deepEqual([en60.name, en60.description], ['Support package 60', '60 minutes of support credit – for the occasional question.']);

    // The German copy's tag does not get a 304 for English, nor the other way round; each its own.
    const deTag = de.headers.get('etag')!;
    const enTag = en.headers.get('etag')!;
    assert.notEqual(deTag, enTag);
    assert.equal((await b.req('/v1/packages', { headers: { ...EN, 'If-None-Match': deTag } })).status, 200);
    assert.equal((await b.req('/v1/packages', { headers: { 'If-None-Match': enTag } })).status, 200);
    assert.equal((await b.req('/v1/packages', { headers: { ...EN, 'If-None-Match': enTag } })).status, 304);

    // No English text (NULL): the German one, also for English.
    await b.sql("UPDATE packages SET name_en = NULL, description_en = NULL WHERE id = 'pkg-60'");
    const fallback = (await json<{ items: Named[] }>(await b.req('/v1/packages', { headers: EN }))).items;
    assert.deepEqual([fallback[0]!.name, fallback[1]!.name], ['Supportpaket 60', 'Support package 180']);
  });

  it('offers, orders and the statement name them in English for English; the German name stays German', async () => {
    b = await setup();
    const ordered = await b.req('/v1/orders', { token: POS, idempotent: true, json: { packageId: 'pkg-180' }, headers: EN });
    assert.equal((await json<{ order: Named }>(ordered)).order.name, 'Support package 180');
    const offers = (lang?: typeof EN) => b.req('/v1/offers', { token: POS, headers: lang }).then((r) => json<{ items: Named[] }>(r)).then((x) => x.items.map((o) => o.name));
    assert.deepEqual(await offers(EN), ['Loyalty offer Support package 600', 'Loyalty offer Support package 600']);
    assert.deepEqual(await offers(), ['Treueangebot Supportpaket 600', 'Treueangebot Supportpaket 600']);
    assert.equal((await json<Named>(await b.req('/v1/offers/off_demo_open', { token: POS, headers: EN }))).name, 'Loyalty offer Support package 600');
    const orders = (lang?: typeof EN) => b.req('/v1/orders', { token: POS, headers: lang }).then((r) => json<{ items: Named[] }>(r)).then((x) => x.items.map((o) => o.name));
    assert.deepEqual(await orders(EN), ['Support package 180', 'Support package 1200', 'Loyalty offer Support package 600']);
    assert.deepEqual(await orders(), ['Supportpaket 180', 'Supportpaket 1200', 'Treueangebot Supportpaket 600']);
    const names = async (init: { headers?: Record<string, string>; query?: string }) => {
      const r = await b.req(`/v1/statement?month=2026-03${init.query ?? ''}`, { token: POS, headers: init.headers });
      return (await json<{ entries: Array<{ orderName: string | null }> }>(r)).entries.map((e) => e.orderName).filter(Boolean);
    };
    assert.deepEqual(await names({ headers: EN }), ['Support package 180']);
    assert.deepEqual(await names({ query: '&lang=en' }), ['Support package 180']);
    assert.deepEqual(await names({}), ['Supportpaket 180']);
    const csv = await (await b.req('/v1/statement?month=2026-03&lang=en', { token: POS, headers: { Accept: 'text/csv' } })).text();
    assert.match(csv, /Support package 180/);
    assert.doesNotMatch(csv, /Supportpaket/);
  });
});

describe('POST /v1/orders', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('orders a package: 201, credit rises, order listed, confirmation mailed', async () => {
    b = await setup();
    const r = await b.req('/v1/orders', { token: POS, json: { packageId: 'pkg-180', extra: 'ignored' }, idempotent: true });
    assert.equal(r.status, 201);
    const body = await json<OrderResult>(r);
    assert.equal(body.credit.minutes, 150 + 180);
    assert.equal(body.order.packageId, 'pkg-180');
    assert.equal(body.order.offerId, null);
    const orders = await json<{ items: Array<{ id: string }> }>(await b.req('/v1/orders', { token: POS }));
    assert.equal(orders.items[0]?.id, body.order.id);
    const me = await json<{ credit: { minutes: number } }>(await b.req('/v1/me', { token: POS }));
    assert.equal(me.credit.minutes, 330);
    const outbox = await b.sql("SELECT subject FROM outbox WHERE subject LIKE 'Bestellbestätigung%'");
    assert.equal(outbox.length, 1);
  });

  it('orders the open loyalty offer once: 201, then 409 offer_already_ordered', async () => {
    b = await setup();
    const first = await b.req('/v1/orders', { token: POS, json: { offerId: 'off_demo_open' }, idempotent: true });
    assert.equal(first.status, 201);
    assert.equal((await json<OrderResult>(first)).credit.minutes, 750);
    const again = await b.req('/v1/orders', { token: POS, json: { offerId: 'off_demo_open' }, idempotent: true });
    assert.equal(again.status, 409);
    assert.equal((await json<ProblemBody>(again)).code, 'offer_already_ordered');
    const offer = await json<Offer>(await b.req('/v1/offers/off_demo_open', { token: POS }));
    assert.equal(offer.status, 'ordered');
  });

  it('410 offer_expired for an expired offer, also once the clock passes 14 days', async () => {
    b = await setup();
    const r = await b.req('/v1/orders', { token: NEG, json: { offerId: 'off_demo_expired' }, idempotent: true });
    assert.equal(r.status, 410);
    assert.equal((await json<ProblemBody>(r)).code, 'offer_expired');
    b.manual.advance(5 * DAY_MS);
    const late = await b.req('/v1/orders', { token: POS, json: { offerId: 'off_demo_open' }, idempotent: true });
    assert.equal(late.status, 410);
    const me = await json<{ credit: { minutes: number } }>(await b.req('/v1/me', { token: NEG }));
    assert.equal(me.credit.minutes, -40, 'no credit for a refused order');
  });

  it('404 for another customer\'s offer and for an unknown package', async () => {
    b = await setup();
    assert.equal((await b.req('/v1/orders', { token: NEG, json: { offerId: 'off_demo_open' }, idempotent: true })).status, 404);
    assert.equal((await b.req('/v1/orders', { token: POS, json: { packageId: 'pkg-1' }, idempotent: true })).status, 404);
  });

  it('400 without Idempotency-Key, 401 without auth', async () => {
    b = await setup();
    const r = await b.req('/v1/orders', { token: POS, json: { packageId: 'pkg-60' } });
    assert.equal(r.status, 400);
    assert.equal((await json<ProblemBody>(r)).code, 'idempotency_key_required');
    assert.equal((await b.req('/v1/orders', { json: { packageId: 'pkg-60' }, idempotent: true })).status, 401);
  });

  it('422 field errors: neither, both, wrong type; 400 malformed JSON; 413 over 64 KB', async () => {
    b = await setup();
    const neither = await json<ProblemBody>(await b.req('/v1/orders', { token: POS, json: {}, idempotent: true }));
    assert.equal(neither.code, 'validation_failed');
    assert.deepEqual(neither.errors?.map((e) => [e.field, e.code]), [['packageId', 'required']]);
    const both = await json<ProblemBody>(await b.req('/v1/orders', { token: POS, json: { packageId: 'pkg-60', offerId: 'x' }, idempotent: true }));
    assert.deepEqual(both.errors?.map((e) => [e.field, e.code]), [['offerId', 'exclusive']]);
    const typed = await b.req('/v1/orders', { token: POS, json: { packageId: 60 }, idempotent: true, headers: { 'Accept-Language': 'en' } });
    assert.equal(typed.status, 422);
    const typedBody = await json<ProblemBody>(typed);
    assert.deepEqual(typedBody.errors?.map((e) => [e.field, e.code]), [['packageId', 'invalid_type']]);
    assert.match(typedBody.errors?.[0]?.message ?? '', /expected: string/);
    const array = await b.req('/v1/orders', { token: POS, json: ['pkg-60'], idempotent: true });
    assert.equal(array.status, 422);
    const bad = await b.req('/v1/orders', { token: POS, body: '{packageId:', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'k' } });
    assert.equal(bad.status, 400);
    assert.equal((await json<ProblemBody>(bad)).code, 'malformed_json');
    const big = await b.req('/v1/orders', { token: POS, json: { packageId: 'pkg-60', pad: 'x'.repeat(70_000) }, idempotent: true });
    assert.equal(big.status, 413);
    assert.equal((await json<ProblemBody>(big)).code, 'payload_too_large');
  });

  it('replays the stored answer for the same key and body; 409 idempotency_conflict for another body', async () => {
    b = await setup();
    const headers = { 'Idempotency-Key': 'order-1' };
    const first = await b.req('/v1/orders', { token: POS, json: { packageId: 'pkg-60' }, headers });
    const second = await b.req('/v1/orders', { token: POS, json: { packageId: 'pkg-60' }, headers });
    assert.equal(second.status, 201);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.equal(first.headers.get('idempotent-replayed'), null);
    assert.deepEqual(await second.json(), await first.json());
    const conflict = await b.req('/v1/orders', { token: POS, json: { packageId: 'pkg-180' }, headers });
    assert.equal(conflict.status, 409);
    assert.equal((await json<ProblemBody>(conflict)).code, 'idempotency_conflict');
    // Keys are per principal: another customer may use the same key.
    assert.equal((await b.req('/v1/orders', { token: NEG, json: { packageId: 'pkg-60' }, headers })).status, 201);
    const count = { n: await b.count("SELECT COUNT(*) AS n FROM orders WHERE customer_number = '10001' AND package_id = 'pkg-60'") };
    assert.equal(count.n, 1);
  });

  it('50 parallel identical POSTs with one key create exactly one order', async () => {
    b = await setup();
    const headers = { 'Idempotency-Key': 'burst' };
    const responses = await Promise.all(Array.from({ length: 50 }, () => retrying(() => b.req('/v1/orders', { token: POS, json: { packageId: 'pkg-60' }, headers }))));
    assert.ok(responses.every((r) => r.status === 201));
    assert.equal(responses.filter((r) => r.headers.get('idempotent-replayed') === 'true').length, 49);
    const ids = new Set(await Promise.all(responses.map(async (r) => (await json<OrderResult>(r)).order.id)));
    assert.equal(ids.size, 1);
    const n = (await b.count("SELECT COUNT(*) AS n FROM orders WHERE package_id = 'pkg-60' AND customer_number = '10001'"));
    assert.equal(n, 1);
    const me = await json<{ credit: { minutes: number } }>(await b.req('/v1/me', { token: POS }));
    assert.equal(me.credit.minutes, 210);
  });

  it('two orders of the same offer with different keys at once: one 201, the other 409 offer_already_ordered', async () => {
    b = await setup();
    const [a, c] = await Promise.all([
      b.req('/v1/orders', { token: POS, json: { offerId: 'off_demo_open' }, headers: { 'Idempotency-Key': 'tab-1' } }),
      b.req('/v1/orders', { token: POS, json: { offerId: 'off_demo_open' }, headers: { 'Idempotency-Key': 'tab-2' } }),
    ]);
    assert.deepEqual([a!.status, c!.status].sort(), [201, 409]);
    const loser = a!.status === 409 ? a! : c!;
    const p = await json<ProblemBody>(loser);
    assert.equal(p.code, 'offer_already_ordered');
    assert.ok(p.title.length > 0);
    const n = (await b.count("SELECT COUNT(*) AS n FROM orders WHERE offer_id = 'off_demo_open'"));
    assert.equal(n, 1);
  });
});
