/**
 * CLI entry: the contract under /api, the built widgets under /dist and the demo host pages, all on
 * one origin so the demo needs no CORS.
 *
 *   PORT (8080) · DATA_DIR (./data → cadia.sqlite) · NODE_ENV=production (refuses demo tokens)
 *   SEED=0 (do not seed a new database) · PUBLIC_URL (links in mails) · ALLOWED_ORIGINS (comma list)
 *   ALLOW_NULL_ORIGIN=1 (file: pages / sandboxed webviews may call with a token, never with the cookie)
 *   SMTP_URL (smtp://user:pass@host:587 with STARTTLS, or smtps://…:465; otherwise mails stay in the outbox) · MAIL_FROM
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { createBackend } from './app.js';
import { DEMO_TOKENS } from './seed.js';
import { createSite } from './site.js';

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

const root = createSite({ api: backend.app.fetch });

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
