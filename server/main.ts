/**
 * CLI entry: the contract under /api, the built widgets under /dist and the demo host pages, all on
 * one origin so the demo needs no CORS.
 *
 *   PORT (8080) · DATA_DIR (./data → cadia.sqlite) · NODE_ENV=production (refuses demo tokens)
 *   SEED=0 (do not seed a new database) · PUBLIC_URL (links in mails) · ALLOWED_ORIGINS (comma list)
 *   ALLOW_NULL_ORIGIN=1 (file: pages / sandboxed webviews may call with a token, never with the cookie)
 *   SMTP_URL (smtp://user:pass@host:port; otherwise mails stay in the outbox) · MAIL_FROM
 */
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { createBackend } from './app.js';
import { DEMO_TOKENS } from './seed.js';

const port = Number(process.env.PORT ?? 8080);
const dataDir = resolve(process.env.DATA_DIR ?? './data');
const production = process.env.NODE_ENV === 'production';
mkdirSync(dataDir, { recursive: true });

let backend: ReturnType<typeof createBackend>;
try {
  backend = createBackend({
    dbPath: join(dataDir, 'cadia.sqlite'),
    seed: process.env.SEED !== '0',
    production,
    publicUrl: process.env.PUBLIC_URL ?? `http://localhost:${port}`,
    allowedOrigins: (process.env.ALLOWED_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    allowNullOrigin: process.env.ALLOW_NULL_ORIGIN === '1',
  });
} catch (err) {
  console.error(`[cadia] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

// Lit adopts constructable stylesheets, so no 'unsafe-inline' is needed for styles either.
const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
  "img-src 'self' blob: data:", "frame-ancestors 'self'", "base-uri 'self'", "form-action 'self'", "object-src 'none'",
].join('; ');
// The strict-CSP demo page adds Trusted Types: no string may reach a script sink (innerHTML, script src).
const STRICT_CSP = `${CSP}; require-trusted-types-for 'script'`;

const root = new Hono();
root.use('*', async (c, next) => {
  await next();
  if (c.req.path.startsWith('/api/')) return; // the contract sets its own headers
  c.header('Content-Security-Policy', c.req.path === '/csp' ? STRICT_CSP : CSP);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'same-origin');
  c.header('X-Frame-Options', 'SAMEORIGIN');
});
root.mount('/api', backend.app.fetch);
// The SDK is public code: a homepage on another origin, or an ERP's local file: page, loads it as a
// module script, which is a CORS request. No credentials are involved, so any origin may read it.
root.use('/dist/*', async (c, next) => {
  await next();
  c.header('Access-Control-Allow-Origin', '*');
});
root.use('/dist/*', serveStatic({ root: './dist', rewriteRequestPath: (p) => p.replace(/^\/dist/, '') }));
root.use('/demo/*', serveStatic({ root: './demo', rewriteRequestPath: (p) => p.replace(/^\/demo/, '') }));

const page = (file: string) => async (c: Context) => {
  try {
    return c.html(await readFile(join('demo', file), 'utf8'));
  } catch {
    return c.text(`demo/${file} does not exist yet`, 404);
  }
};
root.get('/', page('index.html'));
root.get('/erp', page('erp.html'));
root.get('/agent', page('agent.html'));
root.get('/csp', page('csp.html'));
root.get('/hostile', page('hostile.html'));
root.notFound((c) => c.text('Not found', 404));

const server = serve({ fetch: root.fetch, port }, (info) => {
  const base = `http://localhost:${info.port}`;
  console.log(`Cadia support backend on ${base}  (data: ${join(dataDir, 'cadia.sqlite')})`);
  console.log(`  ${base}/         homepage demo (shop, login)`);
  console.log(`  ${base}/erp      ERP support window (badge, form, list)`);
  console.log(`  ${base}/agent    support-agent demo`);
  console.log(`  ${base}/csp      all widgets under a strict CSP with Trusted Types · /hostile: under hostile global CSS`);
  console.log(`  ${base}/api/v1/  the contract (api-base="/api")`);
  if (!production) {
    console.log(`Demo tokens: ${DEMO_TOKENS.positive} (customer 10001, credit left, open offer) · ` +
      `${DEMO_TOKENS.negative} (customer 10002, credit below zero) · ${DEMO_TOKENS.agent} (support agent)`);
  }
});

function shutdown() {
  server.close();
  backend.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
