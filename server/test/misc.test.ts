import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { createBackend } from '../app.js';
import { pickLang } from '../problem.js';
import { json, POS, type ProblemBody, setup, type TestBackend, ticketForm } from './helpers.js';

describe('GET /v1/faq', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('is public and matches words in title and body, at most 5', async () => {
    b = setup();
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
    b = setup({ allowedOrigins: ['https://shop.example', 'null'] });
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
    b = setup();
    const r = await b.req('/v1/packages', { headers: { Origin: 'https://shop.example' } });
    assert.equal(r.headers.get('access-control-allow-origin'), null);
  });
});

describe('backend lifecycle', () => {
  it('creates, migrates and seeds a file database once (WAL), and reopens it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cadia-'));
    try {
      const dbPath = join(dir, 'cadia.sqlite');
      const a = createBackend({ dbPath });
      assert.equal(a.db.pragma('journal_mode', { simple: true }), 'wal');
      a.db.prepare("UPDATE customers SET credit_minutes = 999 WHERE number = '10001'").run();
      a.close();
      const c = createBackend({ dbPath });
      const row = c.db.prepare("SELECT credit_minutes AS m FROM customers WHERE number = '10001'").get() as { m: number };
      assert.equal(row.m, 999, 'not seeded twice');
      const versions = c.db.prepare('SELECT version FROM schema_migrations').all();
      assert.deepEqual(versions, [{ version: 1 }]);
      c.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses demo tokens in production', () => {
    assert.throws(() => createBackend({ production: true }), /production/);
    const dir = mkdtempSync(join(tmpdir(), 'cadia-'));
    try {
      const dbPath = join(dir, 'cadia.sqlite');
      createBackend({ dbPath }).close();
      assert.throws(() => createBackend({ dbPath, production: true }), /demo tokens/);
      const empty = createBackend({ production: true, seed: false });
      empty.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('unknown routes are 404 problems; language follows Accept-Language', async () => {
    const b = setup();
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
