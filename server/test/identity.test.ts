/**
 * Verified identity (issue 16): the host's JWT, every way a token can be wrong, contacts created
 * from claims, who filed what, who sees what, sign out everywhere.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, it } from 'node:test';
import { compactVerify, exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { checkProductionIdentity, DEMO_IDENTITY, identityFromEnv } from '../identity.js';
import { systemClock } from '../clock.js';
import {
  AGENT, json, NEG, PEOPLE, POS, POS_MEMBER, type ProblemBody, setup, signToken, TEST_IDENTITY, type TestBackend, ticketForm,
} from './helpers.js';

const enc = new TextEncoder();
/** A token with any header and payload, HS256 with the test secret unless told otherwise. */
async function raw(payload: Record<string, unknown>, o: { secret?: string; header?: Record<string, unknown> } = {}): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', ...o.header }).sign(enc.encode(o.secret ?? TEST_IDENTITY.secret));
}
const nowS = () => Math.floor(Date.now() / 1000);
const good = () => ({
  iss: TEST_IDENTITY.issuer, aud: 'cadia-support', sub: 'host-user-42', email: 'anna@mueller-haustechnik.example', name: 'Anna Berg',
  customer: '10001', role: 'member', iat: nowS(), exp: nowS() + 600,
});

describe('host tokens', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('every bad token is a 401 problem that names no secret; a good one passes', async () => {
    b = await setup();
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(good())).toString('base64url')}.`;
    const cases: Array<[string, string]> = [
      ['alg none', none],
      ['wrong signature', await raw(good(), { secret: 'another-secret-another-secret-12345' })],
      ['unknown kid (HS256 with a kid the host never had)', await raw(good(), { secret: 'x'.repeat(40), header: { kid: 'nope' } })],
      ['wrong aud', await raw({ ...good(), aud: 'someone-else' })],
      ['wrong iss', await raw({ ...good(), iss: 'https://evil.example' })],
      ['expired', await raw({ ...good(), iat: nowS() - 3000, exp: nowS() - 120 })],
      ['issued in the future', await raw({ ...good(), iat: nowS() + 300, exp: nowS() + 900 })],
      ['lives longer than an hour', await raw({ ...good(), exp: nowS() + 3601 + 60 })],
      ['no customer (member)', await raw({ ...good(), customer: undefined })],
      ['unknown role', await raw({ ...good(), role: 'owner' })],
      ['unknown customer', await raw({ ...good(), customer: '99999' })],
      ['no email', await raw({ ...good(), email: undefined })],
      ['not a JWT', 'demo-positive'],
    ];
    for (const [what, token] of cases) {
      const r = await b.req('/v1/me', { token, headers: { 'Accept-Language': 'en' } });
      assert.equal(r.status, 401, what);
      assert.match(r.headers.get('content-type') ?? '', /application\/problem\+json/, what);
      const text = await r.text();
      const p = JSON.parse(text) as ProblemBody;
      assert.equal(p.code, 'unauthorized', what);
      assert.ok(p.detail, `${what}: says why`);
      assert.ok(!text.includes(TEST_IDENTITY.secret) && !text.includes(token), `${what}: names no secret and echoes no token`);
    }
    assert.equal((await b.req('/v1/me', { token: await raw(good()) })).status, 200, 'the good one');
    // A minute of clock skew is forgiven.
    assert.equal((await b.req('/v1/me', { token: await raw({ ...good(), iat: nowS() + 30, exp: nowS() + 600 }) })).status, 200);
  });

  it('the reason is in the caller\'s language', async () => {
    b = await setup();
    const token = await raw({ ...good(), iat: nowS() - 3000, exp: nowS() - 120 });
    const de = await json<ProblemBody>(await b.req('/v1/me', { token }));
    const en = await json<ProblemBody>(await b.req('/v1/me', { token, headers: { 'Accept-Language': 'en' } }));
    assert.equal(de.detail, 'Die Anmeldung ist abgelaufen.');
    assert.equal(en.detail, 'The sign-in has expired.');
  });

  it('creates the contact from the claims on first use and updates it from later ones', async () => {
    b = await setup();
    const before = await b.count('SELECT COUNT(*) AS n FROM contacts');
    const me = await json<{ contact: { name: string; role: string; email: string } }>(await b.req('/v1/me', { token: await raw(good()) }));
    assert.deepEqual([me.contact.name, me.contact.role], ['Anna Berg', 'member']);
    assert.equal(await b.count('SELECT COUNT(*) AS n FROM contacts'), before + 1);
    const renamed = await raw({ ...good(), name: 'Anna Berg-Roth', role: 'admin', locale: 'en' });
    const again = await json<{ contact: { name: string; role: string } }>(await b.req('/v1/me', { token: renamed }));
    assert.deepEqual([again.contact.name, again.contact.role], ['Anna Berg-Roth', 'admin']);
    assert.equal(await b.count('SELECT COUNT(*) AS n FROM contacts'), before + 1, 'the same person (same sub), not a new one');
  });

  it('RS256 and ES256 from JWT_JWKS_URL, each key picked by its kid; an unknown kid or an HS256 token is refused', async () => {
    const rsa = await generateKeyPair('RS256');
    const ec = await generateKeyPair('ES256');
    const stranger = await generateKeyPair('ES256');
    // The host publishes its current and its next key (rotation by kid).
    const keys = [{ ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' }, { ...(await exportJWK(ec.publicKey)), kid: 'ec-2', alg: 'ES256', use: 'sig' }];
    let fetched = 0;
    const server: Server = createServer((_req, res) => {
      fetched++;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
      b = await setup({ identity: { jwksUrl, issuer: TEST_IDENTITY.issuer, clock: systemClock } });
      const sign = (alg: string, kid: string, key: CryptoKey) => new SignJWT(good()).setProtectedHeader({ alg, kid }).sign(key);
      assert.equal((await b.req('/v1/me', { token: await sign('RS256', 'rsa-1', rsa.privateKey) })).status, 200);
      assert.equal((await b.req('/v1/me', { token: await sign('ES256', 'ec-2', ec.privateKey) })).status, 200);
      assert.equal((await b.req('/v1/me', { token: await sign('ES256', 'ec-3', stranger.privateKey) })).status, 401, 'unknown kid');
      assert.equal((await b.req('/v1/me', { token: await sign('ES256', 'ec-2', stranger.privateKey) })).status, 401, 'known kid, wrong key');
      assert.equal((await b.req('/v1/me', { token: await raw(good()) })).status, 401, 'HS256 is not accepted from a JWKS configuration');
      assert.equal(fetched, 1, 'the key set is cached, not fetched per request');
    } finally {
      server.close();
    }
  });
});

describe('JWT_SECRET rotation with overlap (JWT_SECRET_PREVIOUS)', () => {
  let b: TestBackend;
  afterEach(() => b.close());
  const OLD = 'old-host-signing-secret-0123456789abcdef-rotated';
  const NEW = 'new-host-signing-secret-0123456789abcdef-current';

  it('while both are set, tokens of the old and of the new secret pass; the backend signs only with the new one; after the overlap the old ones are refused', async () => {
    b = await setup({ identity: { secret: NEW, previousSecret: OLD, issuer: TEST_IDENTITY.issuer, clock: systemClock } });
    const byOld = await signToken(PEOPLE.posAdmin, { secret: OLD });
    const byNew = await signToken(PEOPLE.posAdmin, { secret: NEW });
    assert.equal((await b.req('/v1/me', { token: byOld })).status, 200, 'a token the host signed before switching');
    assert.equal((await b.req('/v1/me', { token: byNew })).status, 200, 'a token the host signed after switching');
    const stranger = await b.req('/v1/me', { token: await signToken(PEOPLE.posAdmin, { secret: 'some-other-secret-0123456789abcdef-unknown' }) });
    assert.equal(stranger.status, 401);
    assert.equal((await json<ProblemBody>(stranger)).detail, 'Die Signatur der Anmeldung stimmt nicht.');
    // The previous secret only verifies: other checks still refuse an old token (here: expired).
    const expired = await signToken(PEOPLE.posAdmin, { secret: OLD, at: new Date(Date.now() - 2 * 3600_000), seconds: 600 });
    assert.equal((await json<ProblemBody>(await b.req('/v1/me', { token: expired }))).detail, 'Die Anmeldung ist abgelaufen.');

    // The demo sign-in (the backend's only host-style signer) uses the current secret.
    const demo = await json<{ token: string }>(await b.app.request('http://localhost/demo/token', { method: 'POST', body: JSON.stringify({ person: PEOPLE.posMember.sub }) }));
    // (signature only: the demo route signs at the test's manual clock)
    await compactVerify(demo.token, enc.encode(NEW));
    await assert.rejects(compactVerify(demo.token, enc.encode(OLD)));
    await b.close();

    // Rotation done (JWT_SECRET_PREVIOUS removed): the old secret's tokens are refused.
    b = await setup({ identity: { secret: NEW, issuer: TEST_IDENTITY.issuer, clock: systemClock } });
    assert.equal((await b.req('/v1/me', { token: byOld })).status, 401);
    assert.equal((await b.req('/v1/me', { token: byNew })).status, 200);
  });

  it('the environment: JWT_SECRET_PREVIOUS needs JWT_SECRET and must differ from it; production holds it to the same rules', () => {
    const env = { JWT_ISSUER: 'https://host.test', JWT_SECRET: NEW, JWT_SECRET_PREVIOUS: OLD };
    assert.deepEqual(identityFromEnv(env), { secret: NEW, previousSecret: OLD, jwksUrl: undefined, issuer: 'https://host.test' });
    assert.throws(() => identityFromEnv({ JWT_ISSUER: 'https://host.test', JWT_SECRET_PREVIOUS: OLD }), /JWT_SECRET_PREVIOUS/);
    assert.throws(() => identityFromEnv({ ...env, JWT_SECRET_PREVIOUS: NEW }), /equals JWT_SECRET/);
    assert.throws(() => checkProductionIdentity({ ...identityFromEnv(env)!, previousSecret: 'short' }), /JWT_SECRET_PREVIOUS is too short/);
    assert.throws(() => checkProductionIdentity({ ...identityFromEnv(env)!, previousSecret: DEMO_IDENTITY.secret }), /demo signing secret \(JWT_SECRET_PREVIOUS\)/);
    checkProductionIdentity(identityFromEnv(env));
  });
});

describe('the ERP demo signs in with an installation key (/erp)', () => {
  let b: TestBackend;
  afterEach(() => b.close());
  const post = (path: string, body: unknown) => b.app.request(`http://localhost${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  it('the demo makes one key per customer (stored as a hash); the ERP side exchanges it for the chosen person, who keeps their role', async () => {
    b = await setup();
    const first = await json<{ key: string }>(await post('/demo/installation-key', { customer: '10001' }));
    assert.match(first.key, /^cik_/);
    assert.deepEqual(await json<{ key: string }>(await post('/demo/installation-key', { customer: '10001' })), first, 'the same key on the next page load');
    const rows = await b.sql<{ label: string; hash: string }>("SELECT label, hash FROM installation_keys WHERE customer_number = '10001'");
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.label, 'Demo-ERP (/erp)');
    assert.notEqual(rows[0]!.hash, first.key);
    assert.deepEqual(await json<{ key: string }>(await post('/demo/installation-key', { person: PEOPLE.posMember.sub })), first, "asked by a person: their company's key");
    assert.equal((await post('/demo/installation-key', { customer: '99999' })).status, 404);
    assert.equal((await post('/demo/installation-key', { person: 'demo-agent' })).status, 404, 'the agent belongs to no customer');

    const exchange = async (p: typeof PEOPLE.posMember) => {
      const r = await b.req('/v1/auth/token', { json: { key: first.key, email: p.email, name: p.name } });
      assert.equal(r.status, 200);
      return (await json<{ accessToken: string }>(r)).accessToken;
    };
    const member = await json<{ contact: { id: string; role: string }; ticketScope: string }>(await b.req('/v1/me', { token: await exchange(PEOPLE.posMember) }));
    assert.deepEqual([member.contact.id, member.contact.role, member.ticketScope], ['con_demo_10001_member', 'member', 'own']);
    const admin = await json<{ contact: { id: string; role: string }; ticketScope: string }>(await b.req('/v1/me', { token: await exchange(PEOPLE.posAdmin) }));
    assert.deepEqual([admin.contact.id, admin.contact.role, admin.ticketScope], ['con_demo_10001_admin', 'admin', 'company']);
    // The exchange records the key's last use (shown in `npm run admin -- key list` and the desk).
    const last = await b.sql<{ last_used_at: string | null }>("SELECT last_used_at FROM installation_keys WHERE customer_number = '10001'");
    assert.ok(last[0]!.last_used_at);
  });
});

describe('who did it, who sees it', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('a ticket, its reply and an order record the contact; the confirmation goes to that person (and the CC)', async () => {
    b = await setup();
    const r = await b.req('/v1/tickets', { token: POS_MEMBER, form: ticketForm({ cc: 'it@partner.example' }), idempotent: true });
    assert.equal(r.status, 201);
    const { ticket, emailedTo } = await json<{ ticket: { id: string; number: string }; emailedTo: string[] }>(r);
    assert.deepEqual(emailedTo, [PEOPLE.posMember.email, 'it@partner.example']);
    const [row] = await b.sql<{ contact_id: string }>('SELECT contact_id FROM tickets WHERE id = ?', ticket.id);
    assert.equal(row!.contact_id, 'con_demo_10001_member');
    const mail = await b.sql<{ to_addr: string; cc: string; body: string }>('SELECT to_addr, cc, body FROM outbox WHERE subject LIKE ? ORDER BY seq', `[${ticket.number}]%`);
    assert.equal(mail[0]!.to_addr, PEOPLE.posMember.email);
    assert.equal(mail[1]!.to_addr, 'it@partner.example', 'the CC address gets a mail of its own');
    assert.match(mail[0]!.body, /Guten Tag Jonas Weber/);

    const reply = await b.req(`/v1/tickets/${ticket.id}/messages`, { token: POS, form: (() => { const f = new FormData(); f.append('body', 'Ergänzung'); return f; })(), idempotent: true });
    assert.equal(reply.status, 201);
    const { message } = await json<{ message: { authorName: string; id: string } }>(reply);
    assert.equal(message.authorName, PEOPLE.posAdmin.name);
    assert.equal(await b.count('SELECT COUNT(*) AS n FROM messages WHERE id = ? AND contact_id = ?', message.id, 'con_demo_10001_admin'), 1);

    const order = await b.req('/v1/orders', { token: POS, json: { packageId: 'pkg-60' }, idempotent: true });
    assert.equal(order.status, 201);
    assert.equal(await b.count("SELECT COUNT(*) AS n FROM orders WHERE contact_id = 'con_demo_10001_admin'"), 3, 'the two seeded ones (one cancelled) and this');
    assert.equal(await b.count("SELECT COUNT(*) AS n FROM outbox WHERE subject LIKE 'Bestellbestätigung%' AND to_addr = ?", PEOPLE.posAdmin.email), 1);
  });

  it('members may not order (403 admin_required) but see prices and offers', async () => {
    b = await setup();
    const r = await b.req('/v1/orders', { token: POS_MEMBER, json: { packageId: 'pkg-60' }, idempotent: true });
    assert.equal(r.status, 403);
    assert.equal((await json<ProblemBody>(r)).code, 'admin_required');
    assert.equal((await b.req('/v1/offers', { token: POS_MEMBER })).status, 200);
    assert.equal((await b.req('/v1/packages', { token: POS_MEMBER })).status, 200);
    assert.equal(await b.count("SELECT COUNT(*) AS n FROM orders WHERE contact_id = 'con_demo_10001_member'"), 0);
  });

  it('a member sees their own tickets; another member\'s is 404 — unless the customer chose company visibility', async () => {
    b = await setup();
    const ids = async (token: string) => (await json<{ items: Array<{ id: string }> }>(await b.req('/v1/tickets?limit=100', { token }))).items.map((t) => t.id);
    const mine = await ids(POS_MEMBER);
    assert.deepEqual(mine.sort(), ['tkt_demo_d', 'tkt_demo_g']);
    assert.equal((await ids(POS)).length, 31, 'the admin sees the company\'s');
    assert.equal((await b.req('/v1/tickets/tkt_demo_a', { token: POS_MEMBER })).status, 404);
    assert.equal((await b.req('/v1/attachments/att_demo_a_1', { token: POS_MEMBER })).status, 404, 'nor its images');
    assert.equal((await b.req('/v1/tickets/tkt_demo_d', { token: POS_MEMBER })).status, 200);
    const reply = new FormData();
    reply.append('body', 'x');
    assert.equal((await b.req('/v1/tickets/tkt_demo_a/messages', { token: POS_MEMBER, form: reply, idempotent: true })).status, 404);

    await b.sql("UPDATE customers SET ticket_visibility = 'company' WHERE number = '10001'");
    assert.equal((await ids(POS_MEMBER)).length, 31);
    assert.equal((await b.req('/v1/tickets/tkt_demo_a', { token: POS_MEMBER })).status, 200);
    // Never another customer's.
    assert.equal((await b.req('/v1/tickets/tkt_demo_h', { token: POS_MEMBER })).status, 404);
  });

  it('agents are role agent JWTs; a customer token cannot reach the agent routes and no shared agent token exists', async () => {
    b = await setup();
    assert.equal((await b.req('/v1/agent/tickets', { token: AGENT })).status, 200);
    assert.equal((await b.req('/v1/agent/tickets', { token: POS })).status, 403);
    assert.equal((await b.req('/v1/agent/tickets', { token: 'demo-agent' })).status, 401);
  });
});

describe('sign out everywhere', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('ends every session of the person and refuses the tokens issued so far; others are untouched', async () => {
    b = await setup();
    const cookie = async () => (await b.req('/v1/session', { json: { token: POS } })).headers.get('set-cookie')!.split(';')[0]!;
    const [one, two] = [await cookie(), await cookie()];
    const other = (await b.req('/v1/session', { json: { token: NEG } })).headers.get('set-cookie')!.split(';')[0]!;
    const r = await b.req('/v1/sessions', { method: 'DELETE', headers: { Cookie: one } });
    assert.equal(r.status, 204);
    for (const c of [one, two]) assert.equal((await b.req('/v1/me', { headers: { Cookie: c } })).status, 401);
    assert.equal((await b.req('/v1/me', { token: POS })).status, 401, 'the token from before is refused too');
    assert.equal((await b.req('/v1/me', { headers: { Cookie: other } })).status, 200, 'another person stays signed in');
    // A token issued after the sign-out works again.
    const later = await signToken(PEOPLE.posAdmin, { at: new Date(Date.now() + 1500) });
    assert.equal((await b.req('/v1/me', { token: later })).status, 200);
  });
});
