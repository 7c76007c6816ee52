/**
 * How the site ships the SDK, the pages and the API's answers (server/site.ts, server/app.ts):
 * compressed, content-hashed files cached for a year, entry files and pages revalidated with ETag,
 * API reads answered 304 when nothing changed. Needs `npm run build` first (the built dist/).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { createSite } from '../site.js';
import { NEG, POS, setup, type TestBackend } from './helpers.js';

let be: TestBackend;
let site: ReturnType<typeof createSite>;
const get = (path: string, headers: Record<string, string> = {}) => Promise.resolve(site.request(`http://localhost${path}`, { headers }));

before(async () => {
  assert.ok(existsSync('dist/cadia-widgets.js'), 'dist/cadia-widgets.js is missing: run `npm run build` first');
  be = await setup();
  site = createSite({ api: be.app.fetch });
});
after(() => be.close());

/** The largest content-hashed chunk of the all-in-one build (big enough to be compressed). */
const hashedChunk = () => {
  const names = readdirSync('dist/aio').filter((f) => /-[\w-]{8}\.js$/.test(f));
  const name = names.sort((a, b) => statSync(`dist/aio/${b}`).size - statSync(`dist/aio/${a}`).size)[0];
  assert.ok(name, 'a hashed chunk in dist/aio');
  return `/dist/aio/${name}`;
};

describe('the SDK and the pages', () => {
  it('sends the SDK\'s JS and CSS as brotli when the client accepts it, gzip when it accepts only that, and plain otherwise', async () => {
    for (const path of ['/dist/cadia-widgets.js', hashedChunk(), '/dist/themes/light.css']) {
      const plain = await get(path);
      assert.equal(plain.status, 200, path);
      assert.equal(plain.headers.get('Content-Encoding'), null, path);
      const body = Buffer.from(await plain.arrayBuffer());
      const type = plain.headers.get('Content-Type');
      const cases = [['gzip, deflate, br, zstd', 'br', brotliDecompressSync], ['gzip, deflate', 'gzip', gunzipSync]] as const;
      for (const [accepted, encoding, decode] of cases) {
        const res = await get(path, { 'Accept-Encoding': accepted });
        assert.equal(res.headers.get('Content-Encoding'), encoding, `${path} for ${accepted}`);
        assert.equal(res.headers.get('Content-Type'), type, path);
        assert.match(res.headers.get('Vary') ?? '', /Accept-Encoding/, path);
        const bytes = Buffer.from(await res.arrayBuffer());
        assert.ok(bytes.length < body.length * 0.6, `${path} ${encoding}: ${bytes.length} of ${body.length} bytes`);
        assert.deepEqual(decode(bytes), body, `${path} ${encoding}`);
      }
    }
  });

  it('sends brotli smaller than gzip', async () => {
    const size = async (encoding: string) => (await (await get('/dist/cadia-widgets.js', { 'Accept-Encoding': encoding })).arrayBuffer()).byteLength;
    const [br, gzip] = [await size('br'), await size('gzip')];
    assert.ok(br < gzip * 0.95, `brotli ${br} B, gzip ${gzip} B`);
  });

  it('sends pages and demo files brotli-compressed to a browser, gzip to a client that accepts only that, and plain to one that accepts neither', async () => {
    for (const path of ['/demo/demo.css', '/erp']) {
      const plain = await get(path);
      const body = Buffer.from(await plain.arrayBuffer());
      assert.equal(plain.headers.get('Content-Encoding'), null, path);
      for (const [accepted, encoding, decode] of [['gzip, deflate, br, zstd', 'br', brotliDecompressSync], ['gzip, deflate', 'gzip', gunzipSync]] as const) {
        const res = await get(path, { 'Accept-Encoding': accepted });
        assert.equal(res.headers.get('Content-Encoding'), encoding, `${path} for ${accepted}`);
        assert.match(res.headers.get('Vary') ?? '', /Accept-Encoding/, path);
        const bytes = Buffer.from(await res.arrayBuffer());
        assert.ok(bytes.length < body.length / 2, `${path} ${encoding}: ${bytes.length} of ${body.length} bytes`);
        assert.deepEqual(decode(bytes), body, `${path} ${encoding}`);
      }
    }
  });

  it('lets browsers and CDNs keep content-hashed files for a year without asking again, compressed or not', async () => {
    for (const encoding of ['br', 'gzip', '']) {
      const res = await get(hashedChunk(), encoding ? { 'Accept-Encoding': encoding } : {});
      assert.equal(res.status, 200, encoding);
      assert.equal(res.headers.get('Content-Encoding'), encoding || null);
      assert.equal(res.headers.get('Cache-Control'), 'public, max-age=31536000, immutable', encoding);
      assert.equal(res.headers.get('Access-Control-Allow-Origin'), '*', encoding);
    }
  });

  it('revalidates a compressed entry file: each encoding has its own ETag and a 304 when unchanged', async () => {
    const tags = new Set<string>();
    for (const encoding of ['br', 'gzip', '']) {
      const headers: Record<string, string> = encoding ? { 'Accept-Encoding': encoding } : {};
      const first = await get('/dist/cadia-widgets.js', headers);
      assert.equal(first.headers.get('Cache-Control'), 'no-cache', encoding);
      const tag = first.headers.get('ETag');
      assert.ok(tag, `${encoding || 'identity'} has an ETag`);
      tags.add(tag);
      const again = await get('/dist/cadia-widgets.js', { ...headers, 'If-None-Match': tag });
      assert.equal(again.status, 304, encoding);
      assert.equal((await again.arrayBuffer()).byteLength, 0, encoding);
    }
    // A cache that stored the brotli body must not be told that it is still the gzip one.
    assert.equal(tags.size, 3);
  });

  it('revalidates entry files and pages: ETag, no-cache, and 304 without a body when unchanged', async () => {
    for (const path of ['/dist/cadia-widgets.js', '/dist/define/cadia-credit-badge.js', '/erp', '/', '/demo/erp.js']) {
      const first = await get(path);
      assert.equal(first.status, 200, path);
      assert.equal(first.headers.get('Cache-Control'), 'no-cache', path);
      const tag = first.headers.get('ETag');
      assert.ok(tag, `${path} has an ETag`);
      const again = await get(path, { 'If-None-Match': tag });
      assert.equal(again.status, 304, path);
      assert.equal((await again.arrayBuffer()).byteLength, 0, path);
      const changed = await get(path, { 'If-None-Match': '"something-else"' });
      assert.equal(changed.status, 200, path);
    }
  });

  it('keeps the security headers on a 304', async () => {
    const tag = (await get('/erp')).headers.get('ETag')!;
    const res = await get('/erp', { 'If-None-Match': tag });
    assert.equal(res.status, 304);
    assert.match(res.headers.get('Content-Security-Policy') ?? '', /script-src 'self'/);
  });

  it('answers a missing file 404 without caching headers', async () => {
    const res = await get('/dist/nope.js');
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('Cache-Control'), null);
  });
});

describe('API reads', () => {
  const auth = { Authorization: `Bearer ${POS}` };

  it('are brotli-compressed for a browser, gzip for a client that accepts only gzip, plain otherwise — the same JSON each way', async () => {
    const plain = await be.req('/v1/tickets', { token: POS, headers: { 'Accept-Encoding': 'identity' } });
    assert.equal(plain.headers.get('Content-Encoding'), null);
    const body = Buffer.from(await plain.arrayBuffer());
    assert.ok(body.length > 1024, `the list is big enough to be compressed (${body.length} B)`);
    assert.ok((JSON.parse(body.toString()) as { items: unknown[] }).items.length > 0);
    const cases = [
      ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
      ['br;q=0.5, gzip', 'gzip', gunzipSync], // the client's weights win over the server's preference
      ['gzip', 'gzip', gunzipSync],
    ] as const;
    for (const [accepted, encoding, decode] of cases) {
      const res = await be.req('/v1/tickets', { token: POS, headers: { 'Accept-Encoding': accepted } });
      assert.equal(res.status, 200, accepted);
      assert.equal(res.headers.get('Content-Encoding'), encoding, accepted);
      assert.equal(res.headers.get('Content-Length'), null, accepted);
      assert.match(res.headers.get('Vary') ?? '', /Accept-Encoding/, accepted);
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.ok(bytes.length < body.length / 2, `${encoding}: ${bytes.length} of ${body.length} B`);
      assert.deepEqual(decode(bytes), body, accepted);
    }
    const refused = await be.req('/v1/tickets', { token: POS, headers: { 'Accept-Encoding': 'br;q=0, gzip;q=0' } });
    assert.equal(refused.headers.get('Content-Encoding'), null);
    assert.deepEqual(Buffer.from(await refused.arrayBuffer()), body);
  });

  it('leave a small answer uncompressed (under 1 kB it would save next to nothing), but still vary by Accept-Encoding', async () => {
    const res = await be.req('/v1/me', { token: POS, headers: { 'Accept-Encoding': 'gzip, deflate, br, zstd' } });
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.ok(text.length < 1024, `/v1/me is small (${text.length} B)`);
    assert.equal(res.headers.get('Content-Encoding'), null);
    assert.match(res.headers.get('Vary') ?? '', /Accept-Encoding/);
    assert.ok(JSON.parse(text));
  });

  it('answer a compressed read 304 when the client sends back its (weak) tag', async () => {
    const headers = { 'Accept-Encoding': 'gzip, deflate, br, zstd' };
    const first = await be.req('/v1/tickets', { token: POS, headers });
    assert.equal(first.headers.get('Content-Encoding'), 'br');
    const tag = first.headers.get('ETag')!;
    assert.match(tag, /^W\//);
    const again = await be.req('/v1/tickets', { token: POS, headers: { ...headers, 'If-None-Match': tag } });
    assert.equal(again.status, 304);
    assert.equal((await again.arrayBuffer()).byteLength, 0);
  });

  it('carry an ETag and are 304 without a body while nothing changed; only public ones may be stored', async () => {
    for (const [path, caching] of [['/v1/tickets', 'no-store'], ['/v1/me', 'no-store'], ['/v1/packages', 'public, no-cache'], ['/v1/faq?q=Drucker', 'public, no-cache']] as const) {
      const first = await be.req(path, { token: POS });
      assert.equal(first.status, 200, path);
      assert.equal(first.headers.get('Cache-Control'), caching, path);
      const tag = first.headers.get('ETag')!;
      assert.ok(tag, path);
      const again = await be.req(path, { token: POS, headers: { 'If-None-Match': tag } });
      assert.equal(again.status, 304, path);
      assert.equal((await again.arrayBuffer()).byteLength, 0, path);
    }
  });

  it('answer in full once the data changed', async () => {
    const tag = (await be.req('/v1/tickets', { token: POS })).headers.get('ETag')!;
    const form = new FormData();
    for (const [k, v] of Object.entries({ category: 'concern', subject: 'Neu', description: 'Etwas hat sich geändert.' })) form.set(k, v);
    assert.equal((await be.req('/v1/tickets', { token: POS, form, idempotent: true })).status, 201);
    const res = await be.req('/v1/tickets', { token: POS, headers: { 'If-None-Match': tag } });
    assert.equal(res.status, 200);
    assert.notEqual(res.headers.get('ETag'), tag);
  });

  it('never give one customer a 304 for another customer\'s answer', async () => {
    const tag = (await be.req('/v1/me', { token: POS })).headers.get('ETag')!;
    const other = await be.req('/v1/me', { token: NEG, headers: { 'If-None-Match': tag } });
    assert.equal(other.status, 200);
  });

  it('leave errors and the event stream uncached', async () => {
    const refused = await be.req('/v1/me');
    assert.equal(refused.status, 401);
    assert.equal(refused.headers.get('Cache-Control'), 'no-store');
    assert.equal(refused.headers.get('ETag'), null);
    const controller = new AbortController();
    const stream = await be.app.request('http://localhost/v1/events', { headers: { ...auth, 'Accept-Encoding': 'gzip, deflate, br, zstd' }, signal: controller.signal });
    assert.equal(stream.status, 200);
    assert.equal(stream.headers.get('Content-Encoding'), null);
    assert.equal(stream.headers.get('ETag'), null);
    controller.abort();
    await stream.body?.cancel();
  });
});
