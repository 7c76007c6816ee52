/**
 * CLI entry: the contract under /api, the built widgets under /dist and the demo host pages, all on
 * one origin so the demo needs no CORS.
 *
 *   PORT (8080) · DATABASE_URL (postgres://…: PostgreSQL, several instances may share it; otherwise
 *   the SQLite file DATA_DIR/cadia.sqlite, DATA_DIR default ./data) · NODE_ENV=production (refuses to start
 *   without JWT_ISSUER + JWT_SECRET or JWT_JWKS_URL, or with demo data; no demo sign-in route)
 *   JWT_SECRET (HS256) or JWT_JWKS_URL (RS256/ES256), JWT_ISSUER: how host tokens are verified
 *   JWT_SECRET_PREVIOUS (while rotating JWT_SECRET: the old one, verified but never signed with)
 *   SEED=0 (do not seed a new database) · PUBLIC_URL (links in mails; the cookie's own origin and Secure flag) · ALLOWED_ORIGINS (comma list)
 *   TRUST_PROXY (1, or proxy addresses/CIDRs: whose X-Forwarded-For names the client for the rate limit; unset: ignored)
 *   ALLOW_NULL_ORIGIN=1 (file: pages / sandboxed webviews may call with a token, never with the cookie)
 *   SMTP_URL (smtp://user:pass@host:587 with STARTTLS, or smtps://…:465; otherwise mails stay in the outbox) · MAIL_FROM
 *   LOG_LEVEL (info) · HTTP_HEADERS_TIMEOUT (10 s) · HTTP_REQUEST_TIMEOUT (120 s) · HTTP_KEEPALIVE_TIMEOUT (5 s)
 *   SHUTDOWN_GRACE (10 s: how long requests in flight may take after SIGTERM)
 *
 * Logs are JSON lines on stdout (pino). /healthz and /readyz are for the orchestrator.
 */
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { createBackend } from './app.js';
import { describeUrl, isPostgresUrl } from './db.js';
import { createLogger } from './log.js';
import { identityFromEnv } from './identity.js';
import { mailLinksFromEnv } from './mail-links.js';
import { DEMO_PEOPLE } from './seed.js';
import { createSite } from './site.js';

/**
 * PORT=0 (tests) means any free port: it is picked before the backend starts, because the default
 * PUBLIC_URL (http://localhost:<port>) is the origin whose pages may write with the session cookie.
 */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port: free } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return free;
}
const port = Number(process.env.PORT ?? 8080) || (await freePort());
const dataDir = resolve(process.env.DATA_DIR ?? './data');
const production = process.env.NODE_ENV === 'production';

const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'info' });
const seconds = (name: string, fallback: number) => 1000 * Number(process.env[name] ?? fallback);

const databaseUrl = process.env.DATABASE_URL || undefined;
const postgres = isPostgresUrl(databaseUrl);
if (databaseUrl && !postgres) {
  logger.fatal('DATABASE_URL must start with postgres:// or postgresql:// (unset it to use the SQLite file in DATA_DIR)');
  process.exit(1);
}
if (!postgres) mkdirSync(dataDir, { recursive: true });
const where = postgres ? describeUrl(databaseUrl) : join(dataDir, 'cadia.sqlite');

let backend: Awaited<ReturnType<typeof createBackend>>;
try {
  backend = await createBackend({
    identity: identityFromEnv(process.env),
    mailLinks: mailLinksFromEnv(process.env),
    logger,
    databaseUrl,
    dbPath: join(dataDir, 'cadia.sqlite'),
    seed: process.env.SEED !== '0',
    production,
    publicUrl: process.env.PUBLIC_URL ?? `http://localhost:${port}`,
    allowedOrigins: (process.env.ALLOWED_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    allowNullOrigin: process.env.ALLOW_NULL_ORIGIN === '1',
  });
} catch (err) {
  logger.fatal(err instanceof Error ? err.message : String(err));
  process.exit(1);
}

const root = createSite({ api: backend.app.fetch });

const server = serve({
  fetch: root.fetch,
  port,
  serverOptions: {
    // A client gets this long to send its headers, and its whole request (a 16 MB form on a slow
    // line included); an idle keep-alive connection is closed after the third. Checked every second.
    headersTimeout: seconds('HTTP_HEADERS_TIMEOUT', 10),
    requestTimeout: seconds('HTTP_REQUEST_TIMEOUT', 120),
    keepAliveTimeout: seconds('HTTP_KEEPALIVE_TIMEOUT', 5),
    connectionsCheckingInterval: 1000,
  },
}, (info) => {
  const base = `http://localhost:${info.port}`;
  logger.info({ url: base, data: where }, `Cadia support backend on ${base}`);
  // The guide for a person at a terminal; a log collector reads only the JSON lines.
  if (!process.stdout.isTTY) return;
  console.log(`  ${base}/         homepage demo (shop, login)`);
  console.log(`  ${base}/erp      ERP support window (badge, form, list)`);
  console.log(`  ${base}/agent    support-agent demo`);
  console.log(`  ${base}/csp      all widgets under a strict CSP with Trusted Types · /hostile: under hostile global CSS`);
  console.log(`  ${base}/api/v1/  the contract (api-base="/api")`);
  if (!production) {
    console.log(`Demo people (switch in each page's header): ${DEMO_PEOPLE.map((p) => `${p.name} (${p.customer ?? 'support'}, ${p.role})`).join(' · ')}`);
    console.log(`Their tokens: POST ${base}/api/demo/token {"person":"demo-10001-admin"} (signed ${process.env.JWT_SECRET ? 'with JWT_SECRET' : 'with the public demo secret'})`);
  }
}) as Server;

/**
 * SIGTERM/SIGINT: stop accepting connections, report not-ready, end event streams with a
 * reconnect hint, let requests in flight finish (at most SHUTDOWN_GRACE), then close the database.
 */
let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  backend.drain();
  const grace = setTimeout(() => {
    logger.warn('requests still in flight after the grace period: closing their connections');
    server.closeAllConnections();
  }, seconds('SHUTDOWN_GRACE', 10));
  grace.unref();
  server.close(() => {
    void backend.close().finally(() => {
      logger.info('stopped');
      logger.flush();
      process.exit(0);
    });
  });
  server.closeIdleConnections();
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
