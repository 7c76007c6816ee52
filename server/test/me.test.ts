import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { AGENT, json, NEG, POS, type ProblemBody, setup, type TestBackend } from './helpers.js';

describe('GET /v1/me', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('returns customer, credit and pricing', async () => {
    b = await setup();
    const r = await b.req('/v1/me', { token: POS });
    assert.equal(r.status, 200);
    const me = await json<{ customer: { number: string }; credit: { minutes: number }; pricing: { unitMinutes: number; unitPrice: { amount: number; currency: string } } }>(r);
    assert.equal(me.customer.number, '10001');
    assert.equal(me.credit.minutes, 150);
    assert.deepEqual(me.pricing, { unitMinutes: 10, unitPrice: { amount: 1950, currency: 'EUR' } });
    const neg = await json<{ credit: { minutes: number } }>(await b.req('/v1/me', { token: NEG }));
    assert.equal(neg.credit.minutes, -40);
  });

  it('401 problem+json without or with an unknown token, German by default, English on request', async () => {
    b = await setup();
    const r = await b.req('/v1/me');
    assert.equal(r.status, 401);
    assert.match(r.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.match(r.headers.get('www-authenticate') ?? '', /^Bearer/);
    const p = await json<ProblemBody>(r);
    assert.equal(p.code, 'unauthorized');
    assert.equal(p.title, 'Bitte melden Sie sich an.');
    const en = await json<ProblemBody>(await b.req('/v1/me', { token: 'nope', headers: { 'Accept-Language': 'fr, en;q=0.8, de;q=0.5' } }));
    assert.equal(en.title, 'Please log in.');
  });

  it('403 for the agent, who is not a customer', async () => {
    b = await setup();
    const r = await b.req('/v1/me', { token: AGENT });
    assert.equal(r.status, 403);
    assert.equal((await json<ProblemBody>(r)).code, 'forbidden');
  });
});

describe('cookie session', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('logs in with a token, authenticates by cookie, logs out', async () => {
    b = await setup();
    const login = await b.req('/v1/session', { json: { token: POS } });
    assert.equal(login.status, 204);
    const setCookie = login.headers.get('set-cookie') ?? '';
    assert.match(setCookie, /^cadia_session=[\w-]{43};/, 'a random id (256 bits), not the token');
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);
    assert.doesNotMatch(setCookie, /Secure/, 'no Secure on localhost (plain http)');
    const cookie = setCookie.split(';')[0]!;
    const me = await b.req('/v1/me', { headers: { Cookie: cookie } });
    assert.equal(me.status, 200);

    const logout = await b.req('/v1/session', { method: 'DELETE', headers: { Cookie: cookie } });
    assert.equal(logout.status, 204);
    assert.match(logout.headers.get('set-cookie') ?? '', /cadia_session=;.*Max-Age=0/);
    assert.equal((await b.req('/v1/me', { headers: { Cookie: cookie } })).status, 401);
  });

  it('sets Secure when PUBLIC_URL is https — never from the Host header', async () => {
    const signIn = (backend: TestBackend) => backend.app.request('https://portal.example/v1/session', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: POS }),
    });
    b = await setup({ publicUrl: 'https://portal.example' });
    assert.match((await signIn(b)).headers.get('set-cookie') ?? '', /Secure/);
    await b.close();
    // PUBLIC_URL says plain http (a local demo): a request naming an https host changes nothing —
    // nor do a trusted proxy's forwarded headers (TRUST_PROXY only names the client's address).
    b = await setup({ publicUrl: 'http://localhost:8080', trustProxy: '1' });
    assert.doesNotMatch((await signIn(b)).headers.get('set-cookie') ?? '', /Secure/);
    const forwarded = await b.app.request('http://localhost:8080/v1/session', {
      method: 'POST', body: JSON.stringify({ token: POS }),
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'portal.example', Forwarded: 'proto=https;host=portal.example' },
    });
    assert.doesNotMatch(forwarded.headers.get('set-cookie') ?? '', /Secure/);
  });

  it('gives a new session id on every sign-in and ends the old one of that browser', async () => {
    b = await setup();
    const first = (await b.req('/v1/session', { json: { token: POS } })).headers.get('set-cookie')!.split(';')[0]!;
    const second = (await b.req('/v1/session', { json: { token: POS }, headers: { Cookie: first } })).headers.get('set-cookie')!.split(';')[0]!;
    assert.notEqual(first, second);
    assert.equal((await b.req('/v1/me', { headers: { Cookie: first } })).status, 401);
    assert.equal((await b.req('/v1/me', { headers: { Cookie: second } })).status, 200);
    assert.equal(await b.count('SELECT COUNT(*) AS n FROM sessions'), 1);
  });

  it('refuses an unknown token (401), a missing one (422) and malformed JSON (400)', async () => {
    b = await setup();
    assert.equal((await b.req('/v1/session', { json: { token: 'guess' } })).status, 401);
    const missing = await b.req('/v1/session', { json: {} });
    assert.equal(missing.status, 422);
    assert.deepEqual((await json<ProblemBody>(missing)).errors?.map((e) => [e.field, e.code]), [['token', 'required']]);
    const wrongType = await json<ProblemBody>(await b.req('/v1/session', { json: { token: 42 } }));
    assert.deepEqual(wrongType.errors?.map((e) => [e.field, e.code]), [['token', 'invalid_type']]);
    const bad = await b.req('/v1/session', { body: '{"token": ', headers: { 'Content-Type': 'application/json' } });
    assert.equal(bad.status, 400);
    assert.equal((await json<ProblemBody>(bad)).code, 'malformed_json');
  });

  it('refuses a cookie-authenticated write from a foreign origin; the own origin is PUBLIC_URL\'s, not the Host header\'s', async () => {
    b = await setup({ publicUrl: 'https://portal.example' });
    const cookie = (await b.req('/v1/session', { json: { token: POS } })).headers.get('set-cookie')!.split(';')[0]!;
    const r = await b.req('/v1/orders', {
      json: { packageId: 'pkg-60' }, idempotent: true, headers: { Cookie: cookie, Origin: 'https://evil.example' },
    });
    assert.equal(r.status, 403);
    // A request whose Host names the attacker's site is still judged against PUBLIC_URL.
    const spoofed = await b.app.request('https://evil.example/v1/orders', {
      method: 'POST', body: JSON.stringify({ packageId: 'pkg-60' }),
      headers: { Cookie: cookie, Origin: 'https://evil.example', 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    });
    assert.equal(spoofed.status, 403);
    const same = await b.req('/v1/orders', {
      json: { packageId: 'pkg-60' }, idempotent: true, headers: { Cookie: cookie, Origin: 'https://portal.example' },
    });
    assert.equal(same.status, 201);
  });
});

describe('GET /v1/session', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('says "signed out" without an error to a visitor with no session, or one that has ended', async () => {
    b = await setup();
    const r = await b.req('/v1/session');
    assert.equal(r.status, 200);
    assert.deepEqual(await json(r), { signedIn: false });
    const cookie = (await b.req('/v1/session', { json: { token: POS } })).headers.get('set-cookie')!.split(';')[0]!;
    await b.req('/v1/session', { method: 'DELETE', headers: { Cookie: cookie } });
    assert.deepEqual(await json(await b.req('/v1/session', { headers: { Cookie: cookie } })), { signedIn: false });
    // Offers are asked for beside it: none for nobody, not a 401.
    const offers = await b.req('/v1/offers');
    assert.equal(offers.status, 200);
    assert.deepEqual(await json(offers), { items: [] });
  });

  it('carries the account of a signed-in customer (cookie or token), what /v1/me answers', async () => {
    b = await setup();
    const cookie = (await b.req('/v1/session', { json: { token: POS } })).headers.get('set-cookie')!.split(';')[0]!;
    const me = await json(await b.req('/v1/me', { headers: { Cookie: cookie } }));
    assert.deepEqual(await json(await b.req('/v1/session', { headers: { Cookie: cookie } })), { signedIn: true, me });
    const neg = await json<{ signedIn: boolean; me: { customer: { number: string } } }>(await b.req('/v1/session', { token: NEG }));
    assert.equal(neg.me.customer.number, '10002');
    assert.deepEqual(await json(await b.req('/v1/session', { token: AGENT })), { signedIn: true });
  });

  it('refuses a token that is not valid (its client asks for a new one), also for the offers', async () => {
    b = await setup();
    assert.equal((await b.req('/v1/session', { token: 'stolen-or-expired' })).status, 401);
    assert.equal((await b.req('/v1/offers', { token: 'stolen-or-expired' })).status, 401);
  });
});
