import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createBackend } from '../app.js';
import { INITIAL_SCHEMA } from '../db.js';
import { DEMO_IDENTITY } from '../identity.js';
import { DEMO_MAIL_LINK_SECRET } from '../mail-links.js';
import { pickLang } from '../problem.js';
import { json, POS, type ProblemBody, setup, TEST_IDENTITY, type TestBackend, ticketForm } from './helpers.js';

const LEGACY_SCHEMA = INITIAL_SCHEMA('blob').join(';\n');

describe('GET /v1/faq', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('is public and matches words in title and body, at most 5', async () => {
    b = await setup();
    const r = await json<{ items: Array<{ id: string; title: string; excerpt: string; url: string }> }>(await b.req('/v1/faq?q=Drucker+druckt+nicht'));
    assert.match(r.items[0]?.title ?? '', /Druck/);
    assert.ok(r.items[0]!.url.startsWith('https://'));
    const english = await json<{ items: Array<{ title: string }> }>(await b.req('/v1/faq?q=backup'));
    assert.match(english.items[0]?.title ?? '', /Datensicherung/);
    const many = await json<{ items: unknown[] }>(await b.req('/v1/faq?q=Update+Fehler+Programm+Datenbank+Lizenz+Export+Prozent'));
    assert.equal(many.items.length, 5);
    assert.deepEqual((await json<{ items: unknown[] }>(await b.req('/v1/faq?q='))).items, []);
    assert.deepEqual((await json<{ items: unknown[] }>(await b.req('/v1/faq?q=zzzzqqq'))).items, []);
  });
});

describe('CORS', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('allows only listed origins, with credentials; never "null"', async () => {
    b = await setup({ allowedOrigins: ['https://shop.example', 'null'] });
    const pre = await b.req('/v1/orders', {
      method: 'OPTIONS',
      headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'idempotency-key, content-type' },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.equal(pre.headers.get('access-control-allow-credentials'), 'true');
    assert.match(pre.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);
    const get = await b.req('/v1/me', { token: POS, headers: { Origin: 'https://shop.example' } });
    assert.equal(get.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.match(get.headers.get('access-control-expose-headers') ?? '', /Idempotent-Replayed/);
    const problem = await b.req('/v1/me', { headers: { Origin: 'https://shop.example' } });
    assert.equal(problem.headers.get('access-control-allow-origin'), 'https://shop.example', 'errors are readable cross-origin too');
    for (const origin of ['https://evil.example', 'null', 'https://shop.example.evil.example']) {
      const r = await b.req('/v1/me', { token: POS, headers: { Origin: origin } });
      assert.equal(r.headers.get('access-control-allow-origin'), null, origin);
    }
  });

  it('sends no CORS headers without an allow-list', async () => {
    b = await setup();
    const r = await b.req('/v1/packages', { headers: { Origin: 'https://shop.example' } });
    assert.equal(r.headers.get('access-control-allow-origin'), null);
  });
});

describe('backend lifecycle', () => {
  it('creates, migrates and seeds a file database once (WAL), and reopens it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cadia-'));
    try {
      const dbPath = join(dir, 'cadia.sqlite');
      const a = await setup({ dbPath });
      assert.deepEqual(await a.sql('PRAGMA journal_mode'), [{ journal_mode: 'wal' }]);
      await a.sql("UPDATE customers SET credit_minutes = 999 WHERE number = '10001'");
      await a.close();
      const c = await setup({ dbPath });
      assert.equal(await c.count("SELECT credit_minutes AS m FROM customers WHERE number = '10001'"), 999, 'not seeded twice');
      const versions = await c.sql('SELECT name FROM kysely_migration ORDER BY name');
      assert.deepEqual(versions, [{ name: '0001_initial' }, { name: '0002_scale_out' }, { name: '0003_rate_limits' }, { name: '0004_ticket_lang' }, { name: '0005_credit_ledger' }, { name: '0006_diagnostics' }, { name: '0007_identity' }, { name: '0008_notices' }, { name: '0009_account' }, { name: '0010_notifications' }, { name: '0011_close_rate' }, { name: '0012_mail_links' }, { name: '0013_package_english' }, { name: '0014_offer_packages' }]);
      await c.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('upgrades a SQLite file of the single-process backend in place (its data kept, numbers continue)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cadia-'));
    try {
      const dbPath = join(dir, 'cadia.sqlite');
      // The schema as the pre-Kysely backend left it, with one ticket numbered past 99,999.
      const legacy = new Database(dbPath);
      legacy.exec(LEGACY_SCHEMA);
      legacy.exec(`INSERT INTO customers VALUES ('10001', 'Alt GmbH', 'alt@example.test', 30, '2026-01-01T00:00:00.000Z');
        INSERT INTO tokens VALUES ('legacy-token', 'customer', '10001', 'Alt GmbH');
        INSERT INTO tickets (id, number, customer_number, category, status, urgency, subject, description, created_at, updated_at)
          VALUES ('tkt_old', 'T-2026-100000', '10001', 'bug', 'new', 'normal', 'Alt', 'Alt', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
        CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);
        INSERT INTO schema_migrations VALUES (1, '2026-01-01T00:00:00.000Z');`);
      legacy.close();
      const b = await setup({ dbPath });
      assert.equal(await b.count("SELECT credit_minutes FROM customers WHERE number = '10001'"), 30);
      assert.equal(await b.count('SELECT COUNT(*) FROM customers'), 1, 'no demo data into a used database');
      // The old shared token no longer signs anybody in; it became an installation key (only its hash kept).
      assert.equal((await b.req('/v1/me', { token: 'legacy-token' })).status, 401);
      assert.equal(await b.count("SELECT COUNT(*) FROM installation_keys WHERE hash <> 'legacy-token'"), 1);
      const exchanged = await b.req('/v1/auth/token', { json: { key: 'legacy-token', email: 'buchhaltung@alt.example', name: 'Eva Alt' } });
      assert.equal(exchanged.status, 200);
      const { accessToken } = await json<{ accessToken: string }>(exchanged);
      // The credit it held is carried forward into the statement's ledger.
      const statement = await json<{ openingMinutes: number; closingMinutes: number }>(await b.req('/v1/statement?month=2026-03', { token: accessToken }));
      assert.deepEqual([statement.openingMinutes, statement.closingMinutes], [30, 30]);
      const r = await b.req('/v1/tickets', { token: accessToken, form: ticketForm(), idempotent: true });
      assert.equal(r.status, 201, await r.clone().text());
      assert.equal((await json<{ ticket: { number: string } }>(r)).ticket.number, 'T-2026-100001');
      await b.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('production refuses to start without a signing configuration, with the demo secret, or on demo data', async () => {
    const mailLinks = { secret: 'test-mail-link-secret-0123456789abcdef' };
    await assert.rejects(createBackend({ production: true, seed: false }), /without a signing configuration/);
    await assert.rejects(createBackend({ production: true, seed: false, identity: DEMO_IDENTITY }), /demo signing secret/);
    await assert.rejects(createBackend({ production: true, seed: false, identity: { secret: 'short', issuer: 'x' } }), /too short/);
    const dir = mkdtempSync(join(tmpdir(), 'cadia-'));
    try {
      const dbPath = join(dir, 'cadia.sqlite');
      await (await createBackend({ dbPath })).close();
      await assert.rejects(createBackend({ dbPath, production: true, identity: TEST_IDENTITY, mailLinks }), /demo contacts/);
      await assert.rejects(createBackend({ production: true, identity: TEST_IDENTITY, mailLinks }), /demo data/);
      // The unsubscribe links' secret follows the same rules as the sign-in secret.
      await assert.rejects(createBackend({ production: true, seed: false, identity: TEST_IDENTITY }), /without MAIL_LINK_SECRET/);
      await assert.rejects(createBackend({ production: true, seed: false, identity: TEST_IDENTITY, mailLinks: { secret: DEMO_MAIL_LINK_SECRET } }), /public demo MAIL_LINK_SECRET/);
      await assert.rejects(createBackend({ production: true, seed: false, identity: TEST_IDENTITY, mailLinks: { secret: 'short' } }), /MAIL_LINK_SECRET is too short/);
      const empty = await createBackend({ production: true, seed: false, identity: TEST_IDENTITY, mailLinks });
      // No demo sign-in route in production.
      assert.equal((await empty.app.request('/demo/token', { method: 'POST', body: '{"person":"demo-10001-admin"}' })).status, 404);
      await empty.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('unknown routes are 404 problems; language follows Accept-Language', async () => {
    const b = await setup();
    const r = await b.req('/v1/nothing-here');
    assert.equal(r.status, 404);
    assert.equal((await json<ProblemBody>(r)).code, 'not_found');
    b.close();
    assert.equal(pickLang(undefined), 'de');
    assert.equal(pickLang('en-US,en;q=0.9'), 'en');
    assert.equal(pickLang('de-AT, en;q=0.5'), 'de');
    assert.equal(pickLang('fr'), 'de');
    assert.equal(pickLang('en;q=0, de'), 'de');
  });
});
