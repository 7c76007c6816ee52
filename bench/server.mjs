#!/usr/bin/env node
// The server `npm run bench` drives, as a child process so the load generator never shares its
// event loop: the reference backend under /api (a file database in DATA_DIR), the built widgets
// under /dist, the bench pages under /bench and bench-only bundles (BUILD_DIR) under /bench-build.
// `/bare/tickets` answers a canned copy of the first ticket page without touching the database:
// the floor the backend figures are compared against.
//
//   PORT (0 = any free port) · DATA_DIR (required) · DATABASE_URL (postgres://…: PostgreSQL instead
//   of the SQLite file; DATABASE_SCHEMA names its schema) · BUILD_DIR · BENCH_TICKETS=N (customer
//   10002 gets N tickets in total, for the long-list bench)
// Prints one JSON line `{"port":…}` when it listens.
import { readFile } from 'node:fs/promises';
import { join, extname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { demoTokens } from './tokens.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { createBackend } = await tsImport('../server/app.ts', import.meta.url);
const { createSite } = await tsImport('../server/site.ts', import.meta.url);
// The benches measure speed, not the rate limits (they create many tickets from one customer).
const generous = { points: 1_000_000, per: 60 };
const backend = await createBackend({
  dbPath: join(process.env.DATA_DIR, 'cadia.sqlite'),
  databaseUrl: process.env.DATABASE_URL || undefined,
  databaseSchema: process.env.DATABASE_SCHEMA || undefined,
  seed: true,
  limits: { auth: generous, tickets: generous, replies: generous, orders: generous },
});

const many = Number(process.env.BENCH_TICKETS ?? 0);
if (many) await seedTickets(backend.db, '10002', many);

/** Copies one of the customer's seeded tickets until the customer has `total`, one minute apart. */
async function seedTickets(db, customer, total) {
  const { n: have } = await db.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).where('customer_number', '=', customer).executeTakeFirst();
  const template = await db.selectFrom('tickets').selectAll().where('customer_number', '=', customer).limit(1).executeTakeFirst();
  const statuses = ['new', 'in_progress', 'waiting_for_customer', 'closed'];
  const start = Date.parse('2020-01-01T00:00:00Z');
  const rows = [];
  for (let i = Number(have); i < total; i++) {
    const at = new Date(start + i * 60_000).toISOString();
    rows.push({
      ...template,
      id: `tkt_bench_${i}`,
      number: `T-B-${String(i).padStart(6, '0')}`,
      status: statuses[i % statuses.length],
      subject: `Bench ticket ${i}: Belegnummernkreis springt nach Jahreswechsel`,
      created_at: at,
      updated_at: at,
      customer_seen_at: at,
    });
  }
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500) await trx.insertInto('tickets').values(rows.slice(i, i + 500)).execute();
  });
}

const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.html': 'text/html', '.json': 'application/json', '.map': 'application/json', '.css': 'text/css' };
/** Static files from `dir`, refusing paths that climb out of it. */
const files = (dir, prefix) => async (c) => {
  const rel = normalize(decodeURIComponent(c.req.path.slice(prefix.length))).replace(/^(\.\.[/\\])+/, '');
  try {
    const body = await readFile(join(dir, rel));
    return c.body(body, 200, { 'Content-Type': types[extname(rel)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
  } catch {
    return c.text('Not found', 404);
  }
};

const tokens = await demoTokens();
const bare = await (await backend.app.request('/v1/tickets', { headers: { Authorization: `Bearer ${tokens.positive}` } })).text();

const app = new Hono();
// The pages import their tokens from here (before their clock starts: static imports run first).
app.get('/bench/tokens.js', (c) => c.body(`export const POS = ${JSON.stringify(tokens.positive)};\nexport const NEG = ${JSON.stringify(tokens.negative)};\n`, 200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-store' }));
app.get('/bare/tickets', (c) => c.body(bare, 200, { 'Content-Type': 'application/json' }));
app.get('/bench/*', files(join(root, 'bench/pages'), '/bench/'));
if (process.env.BUILD_DIR) app.get('/bench-build/*', files(process.env.BUILD_DIR, '/bench-build/'));
// Everything else as the real server answers it. The bench pages above get no CSP: the network
// baseline is one HTML page with its script inline.
const site = createSite({ api: backend.app.fetch, root });
app.all('*', (c) => site.fetch(c.req.raw));

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`${JSON.stringify({ port: info.port })}\n`);
});
const stop = () => {
  server.close();
  void backend.close().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
