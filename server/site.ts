/**
 * What `server/main.ts` serves on one origin: the contract under /api, the built widgets under
 * /dist and the demo host pages — so the demo needs no CORS. The bench (bench/server.mjs) serves
 * the same site, so its network figures see the headers a deployment sends.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { Context, MiddlewareHandler } from 'hono';
import { etag } from 'hono/etag';
import { compression } from './compression.js';

// Lit adopts constructable stylesheets, so no 'unsafe-inline' is needed for styles either.
const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
  "img-src 'self' blob: data:", "frame-ancestors 'self'", "base-uri 'self'", "form-action 'self'", "object-src 'none'",
].join('; ');
// The strict-CSP demo page adds Trusted Types: no string may reach a script sink (innerHTML, script src).
const STRICT_CSP = `${CSP}; require-trusted-types-for 'script'`;

export interface SiteOptions {
  /** The backend's fetch handler, mounted under /api. */
  api: (request: Request) => Response | Promise<Response>;
  /** The folder holding `dist/` and `demo/` (default: the working directory). */
  root?: string;
}

/**
 * Files whose names carry a hash of their content (rollup.config.mjs names every chunk
 * `chunks/`, `aio/`, `agent/`, `cdn/chunks/` or `cdn/all/` + `[name]-[hash].js`, source maps beside them): a
 * new build gives them new names, so a browser or CDN may keep them for a year without asking again.
 */
const HASHED = /^\/dist\/(chunks|aio|agent|cdn\/chunks|cdn\/all)\//;

/**
 * How the SDK and the pages travel, as a CDN would send them: compressed (the SDK's files as the
 * build's brotli or gzip copies, see /dist below; whatever else is compressible — pages, demo
 * files — brotli or gzip on the fly, which leaves an answer that is already encoded alone; the API
 * compresses its own answers), content-hashed files cached for good,
 * everything else — entry files whose URL hosts write into their pages, the pages themselves —
 * stored but revalidated on every use (ETag → 304, no body, when nothing changed).
 */
function shipping(): MiddlewareHandler {
  const compress = compression();
  const tag = etag();
  return async (c, next) => {
    if (c.req.path.startsWith('/api/')) return void (await next());
    const cacheable = async () => {
      await next();
      if (c.res.ok) c.header('Cache-Control', HASHED.test(c.req.path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    };
    await compress(c, async () => void (await tag(c, cacheable)));
  };
}

export function createSite({ api, root: dir = '.' }: SiteOptions): Hono {
  const root = new Hono();
  root.use('*', async (c, next) => {
    await next();
    if (c.req.path.startsWith('/api/')) return; // the contract sets its own headers
    c.header('Content-Security-Policy', c.req.path === '/csp' ? STRICT_CSP : CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
    c.header('X-Frame-Options', 'SAMEORIGIN');
  });
  root.use('*', shipping());
  root.mount('/api', api);
  // The SDK is public code: a homepage on another origin, or an ERP's local file: page, loads it as a
  // module script, which is a CORS request. No credentials are involved, so any origin may read it.
  root.use('/dist/*', async (c, next) => {
    await next();
    c.header('Access-Control-Allow-Origin', '*');
  });
  // `precompressed`: the build writes a .br and a .gz copy next to each JS, CSS and JSON file
  // (build/precompress.mjs); a browser that accepts brotli gets the .br, else one that accepts
  // gzip the .gz, else the file itself, with `Vary: Accept-Encoding`. Each copy gets its own ETag.
  root.use('/dist/*', serveStatic({ root: join(dir, 'dist'), precompressed: true, rewriteRequestPath: (p) => p.replace(/^\/dist/, '') }));
  root.use('/demo/*', serveStatic({ root: join(dir, 'demo'), rewriteRequestPath: (p) => p.replace(/^\/demo/, '') }));

  const page = (file: string) => async (c: Context) => {
    try {
      return c.html(await readFile(join(dir, 'demo', file), 'utf8'));
    } catch {
      return c.text(`demo/${file} does not exist yet`, 404);
    }
  };
  root.get('/', page('index.html'));
  root.get('/erp', page('erp.html'));
  root.get('/agent', page('agent.html'));
  root.get('/account', page('account.html'));
  root.get('/csp', page('csp.html'));
  root.get('/hostile', page('hostile.html'));
  root.notFound((c) => c.text('Not found', 404));
  return root;
}
