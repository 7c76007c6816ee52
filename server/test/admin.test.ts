/**
 * Production onboarding without the demo (issue 16): `npm run admin -- …` on the database of a
 * production-mode server that started on an empty database, then the host's signed token and the
 * ERP's installation-key exchange, end to end over HTTP.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { signToken, TEST_IDENTITY, ticketForm } from './helpers.js';
import { type MainProcess, startMain } from './main-process.js';

/**
 * The CLI as the vendor runs it (`npm run admin -- …` runs this file), on `dataDir`. Not spawnSync:
 * a blocked event loop does not see the server close an idle keep-alive connection (after 5 s; four
 * CLI runs take longer under load), and fetch then sends the next request on it: "other side closed".
 */
function admin(dataDir: string, ...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'server/admin.ts', ...args], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }, encoding: 'utf8' }, (error, out, err) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, out, err });
    });
  });
}

describe('admin CLI on a production-mode server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cadia-admin-'));
  let server: MainProcess | undefined;
  after(() => {
    server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses to start in production without a signing configuration', async () => {
    await assert.rejects(startMain({ NODE_ENV: 'production', SEED: '0', JWT_SECRET: undefined, JWT_ISSUER: undefined }), /without a signing configuration/);
  });

  it('creates a working customer and contact on an empty database; the ERP flow works with an installation key; a revoked key stops at once', async () => {
    server = await startMain({ NODE_ENV: 'production', SEED: '0', DATA_DIR: dataDir });
    const api = (path: string, init: RequestInit & { token?: string } = {}) =>
      fetch(`${server!.base}/api${path}`, { ...init, headers: { ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}), ...init.headers } });
    // Empty: nobody exists, and there is no demo sign-in.
    assert.equal((await fetch(`${server.base}/api/demo/token`, { method: 'POST', body: '{"person":"demo-10001-admin"}' })).status, 404);
    assert.equal((await fetch(`${server.base}/api/demo/installation-key`, { method: 'POST', body: '{"customer":"10001"}' })).status, 404);

    const created = await admin(dataDir, 'customer', 'add', '20001', '--name', 'Bäckerei Korn GmbH', '--email', 'buero@korn.example', '--credit', '120');
    assert.equal(created.code, 0, created.err);
    const contact = await admin(dataDir, 'contact', 'add', '20001', '--email', 'chefin@korn.example', '--name', 'Maria Korn', '--role', 'admin');
    assert.equal(contact.code, 0, contact.err);
    const contactId = /contact (con_\S+)/.exec(contact.out)?.[1];
    assert.ok(contactId);
    assert.equal((await admin(dataDir, 'customer', 'add', '20001', '--name', 'x', '--email', 'x@x.example')).code, 2, 'a second customer 20001 is refused');
    assert.match((await admin(dataDir, 'bogus')).err, /unknown command/);

    // The host's sign-in signs a token for her (JWT_SECRET/JWT_ISSUER of the server): the contact the CLI made is hers.
    const hostToken = await signToken({ sub: 'korn-user-1', email: 'chefin@korn.example', name: 'Maria Korn', customer: '20001', role: 'admin' });
    const me = await api('/v1/me', { token: hostToken });
    assert.equal(me.status, 200);
    const meBody = (await me.json()) as { customer: { name: string }; contact: { id: string; role: string }; credit: { minutes: number } };
    assert.deepEqual([meBody.customer.name, meBody.contact.id, meBody.contact.role, meBody.credit.minutes], ['Bäckerei Korn GmbH', contactId, 'admin', 120]);

    // The ERP: an installation key, exchanged for a short-lived token of the person at the keyboard.
    const keyOut = await admin(dataDir, 'key', 'add', '20001', '--label', 'Kasse 1');
    assert.equal(keyOut.code, 0, keyOut.err);
    const key = keyOut.out.trim().split('\n').at(-1)!;
    const keyId = /installation key (ikey_\S+)/.exec(keyOut.out)?.[1]!;
    assert.match(key, /^cik_[\w-]{43}$/);
    assert.doesNotMatch((await admin(dataDir, 'key', 'list', '20001')).out, new RegExp(key), 'the key is never shown again');
    const exchange = (k: string) => api('/v1/auth/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ key: k, email: 'lager@korn.example', name: 'Paul Lager' }) });
    const r = await exchange(key);
    assert.equal(r.status, 200);
    const { accessToken, expiresIn } = (await r.json()) as { accessToken: string; expiresIn: number };
    assert.equal(expiresIn, 900);
    const ticket = await api('/v1/tickets', { method: 'POST', token: accessToken, body: ticketForm(), headers: { 'Idempotency-Key': crypto.randomUUID() } });
    assert.equal(ticket.status, 201);
    assert.deepEqual(((await ticket.json()) as { emailedTo: string[] }).emailedTo, ['lager@korn.example']);
    assert.equal((await api('/v1/orders', { method: 'POST', token: accessToken, body: '{"packageId":"x"}', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() } })).status, 403, 'a key made without --role admin makes members');
    assert.match((await admin(dataDir, 'key', 'list', '20001')).out, /last used 20/);

    assert.equal((await admin(dataDir, 'key', 'revoke', keyId)).code, 0);
    assert.equal((await exchange(key)).status, 401, 'a revoked key is refused at once');
    assert.equal((await api('/v1/me', { token: accessToken })).status, 401, 'and so is the token it minted');
    assert.equal((await api('/v1/me', { token: hostToken })).status, 200, 'the host sign-in is untouched');
  });

  it("packages and the loyalty offers' packages come from the CLI; without them a booking that uses the credit up still works", async () => {
    assert.ok(server, 'the server of the test before');
    const api = (path: string, init: RequestInit & { token?: string; lang?: string } = {}) =>
      fetch(`${server!.base}/api${path}`, { ...init, headers: { ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}), ...(init.lang ? { 'Accept-Language': init.lang } : {}), ...init.headers } });
    const hostToken = await signToken({ sub: 'korn-user-1', email: 'chefin@korn.example', name: 'Maria Korn', customer: '20001', role: 'admin' });
    assert.equal((await admin(dataDir, 'agent', 'add', '--email', 'anna@cadia.example', '--name', 'Anna Support')).code, 0);
    const agent = await signToken({ sub: 'cadia-anna', email: 'anna@cadia.example', name: 'Anna Support', role: 'agent', customer: null });
    assert.deepEqual(((await (await api('/v1/packages')).json()) as { items: unknown[] }).items, [], 'an empty database has no packages');

    // The credit (120 minutes) is used up: no package is chosen for that offer, so none is made,
    // and the booking is not held up by it (it failed with a 500 before).
    const ticket = await api('/v1/tickets', { method: 'POST', token: hostToken, body: ticketForm(), headers: { 'Idempotency-Key': crypto.randomUUID() } });
    const { ticket: { id } } = (await ticket.json()) as { ticket: { id: string } };
    assert.equal((await api(`/v1/agent/tickets/${id}/time`, { method: 'POST', token: agent, body: '{"minutes":130}', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() } })).status, 201);
    assert.equal(((await (await api('/v1/me', { token: hostToken })).json()) as { credit: { minutes: number } }).credit.minutes < 0, true);
    assert.deepEqual(((await (await api('/v1/offers', { token: hostToken })).json()) as { items: unknown[] }).items, []);
    const refused = await api('/v1/agent/customers/20001/renewal', { method: 'POST', token: agent });
    assert.equal(refused.status, 409);
    assert.equal(((await refused.json()) as { code: string }).code, 'no_offer_package');

    const added = await admin(dataDir, 'package', 'add', 'std', '--name', 'Standardpaket', '--minutes', '180', '--price', '299,00', '--name-en', 'Standard package', '--offer', 'renewal');
    assert.equal(added.code, 0, added.err);
    const bad = await admin(dataDir, 'package', 'add', 'klein', '--name', 'Klein', '--minutes', '0', '--price', '10');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--minutes must be whole minutes/);
    const packages = async (lang: string) => ((await (await api('/v1/packages', { lang })).json()) as { items: Array<{ id: string; name: string; minutes: number; price: { amount: number } }> }).items;
    assert.deepEqual((await packages('de')).map((p) => [p.id, p.name, p.minutes, p.price.amount]), [['std', 'Standardpaket', 180, 29900]]);
    assert.deepEqual((await packages('en')).map((p) => p.name), ['Standard package']);

    // The renewal now offers the chosen package, 15 % off; a later price change leaves the offer as made.
    assert.equal((await api('/v1/agent/customers/20001/renewal', { method: 'POST', token: agent })).status, 201);
    assert.equal((await admin(dataDir, 'package', 'set', 'std', '--price', '280')).code, 0);
    assert.deepEqual((await packages('de')).map((p) => p.price.amount), [28000]);
    const offers = ((await (await api('/v1/offers', { token: hostToken })).json()) as { items: Array<{ packageId: string; price: { amount: number } }> }).items;
    assert.deepEqual(offers.map((o) => [o.packageId, o.price.amount]), [['std', 25400]]);
    assert.match((await admin(dataDir, 'package', 'list')).out, /^std\tStandardpaket \/ Standard package\t180 min\t280\.00 EUR\tloyalty offer: renewal$/m);
  });

  it('the FAQ articles the ticket form suggests come from the CLI, as web links only', async () => {
    assert.ok(server, 'the server of the tests before');
    const faq = async (q: string) => ((await (await fetch(`${server!.base}/api/v1/faq?q=${encodeURIComponent(q)}`)).json()) as { items: Array<{ id: string; url: string }> }).items;
    assert.deepEqual(await faq('Drucker druckt nicht'), [], 'an empty database has no articles');
    const added = await admin(dataDir, 'faq', 'add', 'drucken', '--title', 'Druck bricht ab', '--url', 'https://hilfe.korn.example/drucken', '--body', 'Prüfen Sie den Standarddrucker.');
    assert.equal(added.code, 0, added.err);
    assert.deepEqual((await faq('Drucker druckt nicht')).map((a) => [a.id, a.url]), [['drucken', 'https://hilfe.korn.example/drucken']]);
    const script = await admin(dataDir, 'faq', 'add', 'boese', '--title', 'Druck', '--url', 'javascript:alert(1)');
    assert.equal(script.code, 2);
    assert.match(script.err, /--url must be an http\(s\) address/);
    assert.equal((await admin(dataDir, 'faq', 'add', 'drucken', '--title', 'x', '--url', 'https://x.example')).code, 2, 'an id once');
    assert.equal((await admin(dataDir, 'faq', 'remove', 'drucken')).code, 0);
    assert.deepEqual(await faq('Drucker druckt nicht'), []);
    assert.equal((await admin(dataDir, 'faq', 'remove', 'drucken')).code, 2, 'gone already');
  });
});
