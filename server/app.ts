/**
 * The reference backend as a Hono app serving the contract under `/v1/...`. Hosts mount it under
 * their own prefix (main.ts under `/api`, the browser-test harness under its own).
 */
import type { IncomingMessage } from 'node:http';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { etag } from 'hono/etag';
import { type AppEnv, authenticate, pruneSessions } from './auth.js';
import { checkProductionIdentity, DEMO_IDENTITY, type IdentityConfig, TokenVerifier } from './identity.js';
import { clientAddressFrom } from './client-address.js';
import { type Clock, createManualClock, systemClock } from './clock.js';
import { compression } from './compression.js';
import {
  type DB, type Dialect, isConnectionError, isEmpty, migrate, migrationsDone, onCommit, openDatabase, withStartupLock,
} from './db.js';
import type { Deps } from './deps.js';
import { EventBus } from './events.js';
import { pruneKeys } from './idempotency.js';
import { type Limits, limitsFromEnv } from './limits.js';
import { type Logger, type LogEnv, requestLog, silentLogger } from './log.js';
import { createSmtpMailer, type Mailer } from './mail.js';
import { checkProductionMailLinks, DEMO_MAIL_LINK_SECRET, type MailLinkConfig, MailLinks } from './mail-links.js';
import { OutboxRelay } from './outbox.js';
import { ApiError, problemResponse } from './problem.js';
import { RateLimits } from './rate-limit.js';
import { accountRoutes } from './routes/account.js';
import { agentRoutes } from './routes/agent.js';
import { authRoutes } from './routes/auth.js';
import { demoRoutes } from './routes/demo.js';
import { eventRoutes } from './routes/events.js';
import { faqRoutes } from './routes/faq.js';
import { meRoutes } from './routes/me.js';
import { noticeRoutes } from './routes/notices.js';
import { notificationRoutes } from './routes/notifications.js';
import { unsubscribeRoutes } from './routes/unsubscribe.js';
import { shopRoutes } from './routes/shop.js';
import { ticketRoutes } from './routes/tickets.js';
import { hasDemoContacts, seed } from './seed.js';
import { MULTIPART_LIMIT, UploadGate } from './uploads.js';

export { createManualClock };
export type { Clock, Mailer };

export interface BackendOptions {
  /** `postgres://…` selects PostgreSQL (several instances may share it); otherwise SQLite at `dbPath`. */
  databaseUrl?: string | undefined;
  /** PostgreSQL schema to use (created when missing); default: the server's search_path (public). */
  databaseSchema?: string | undefined;
  /** SQLite file; default ':memory:'. */
  dbPath?: string;
  /** Seed demo data when the database is new; default true. */
  seed?: boolean;
  clock?: Clock;
  /** CORS allow-list of exact origins; same-origin use needs none. */
  allowedOrigins?: string[];
  /**
   * Lets pages with an opaque origin (`Origin: null`: a `file:` page, a sandboxed ERP webview) call
   * with a bearer token — never with the cookie session.
   */
  allowNullOrigin?: boolean;
  /** Default: outbox only, plus delivery by the outbox relay through SMTP when SMTP_URL is set. */
  mailer?: Mailer;
  /**
   * Production: refuses to start without a signing configuration of its own (`identity`) or with
   * demo data; the demo sign-in route does not exist.
   */
  production?: boolean;
  /**
   * How tokens are verified (JWT_SECRET / JWT_JWKS_URL, JWT_ISSUER). Default outside production:
   * the public demo configuration (DEMO_IDENTITY), which the demo sign-in route signs with.
   */
  identity?: IdentityConfig;
  /**
   * The site's public URL (PUBLIC_URL): links in mails, the origin whose pages may write with the
   * session cookie, and whether that cookie is `Secure` (https). Default http://localhost:8080.
   */
  publicUrl?: string;
  /**
   * TRUST_PROXY: which hops in front may report the client's address (X-Forwarded-For) for the
   * per-address rate limit — unset: none (server/client-address.ts). Default: process.env.TRUST_PROXY.
   */
  trustProxy?: string | undefined;
  /**
   * Where this backend's own routes are reachable from outside (the unsubscribe links in mails point
   * here). Default: PUBLIC_URL + `/api`, where server/main.ts mounts it.
   */
  apiUrl?: string;
  /**
   * Signs the unsubscribe links in mails (MAIL_LINK_SECRET, MAIL_LINK_SECRET_PREVIOUS). Default
   * outside production: a public demo secret; production refuses to start without one.
   */
  mailLinks?: MailLinkConfig;
  /** Multipart bodies read at once, and how many more may wait (then 503); default 8 and 64. */
  uploads?: { inFlight?: number; queue?: number };
  /** Rate limits and the CC cap; default: limits.ts's defaults with the environment's values. */
  limits?: Partial<Limits>;
  /** JSON logs (pino); default: none. main.ts logs to stdout. */
  logger?: Logger;
}

export interface Backend {
  app: Hono<LogEnv>;
  db: DB;
  dialect: Dialect;
  clock: Clock;
  events: EventBus;
  /** Present when a mailer is configured: hands queued mails to it, with retries. */
  relay: OutboxRelay | undefined;
  logger: Logger;
  /** Runs a script of several SQL statements (tests, maintenance). */
  exec(script: string): Promise<void>;
  /** Database reachable and every migration applied (for /readyz). */
  ready(): Promise<boolean>;
  /**
   * The first step of a graceful stop: `/readyz` answers 503 so a load balancer sends no more, and
   * event streams end with a reconnect hint (the browser reconnects, to another instance or to
   * this one restarted). Requests in flight go on; `close()` afterwards closes the database.
   */
  drain(): void;
  close(): Promise<void>;
}

/** A bearer header or a preflight announcing `Authorization` — and no cookie. */
function carriesTokenOnly(c: Context): boolean {
  if (c.req.header('cookie')) return false;
  if (/^Bearer\s/i.test(c.req.header('authorization') ?? '')) return true;
  const asked = (c.req.header('access-control-request-headers') ?? '').toLowerCase().split(',').map((h) => h.trim());
  return c.req.method === 'OPTIONS' && asked.includes('authorization');
}

const JSON_LIMIT = 64 * 1024;

/**
 * How every answer treats a request body nobody read — an unknown or disabled route (the demo
 * sign-in in production), a 401 or 429 before the route, a form refused halfway. Over HTTP/1.1 the
 * connection can carry the client's next request only once this body has been received. The Node
 * adapter answers `keep-alive` at once, reads on for at most 500 ms and then cuts the connection, so
 * a client that already sent its next request on it gets "other side closed". So: the rest of a
 * body the size of a JSON request (JSON_LIMIT) is received first, and the connection stays usable;
 * a bigger or unknown-length one, or one a route stopped reading, is answered with
 * `Connection: close`, so no client sends another request on it.
 */
function unreadBody(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (!incoming || incoming.complete || incoming.httpVersionMajor !== 1) return;
    const length = Number(c.req.header('content-length'));
    if (!c.req.raw.bodyUsed && length <= JSON_LIMIT) {
      await c.req.raw.arrayBuffer().catch(() => undefined);
      if (incoming.complete) return;
    }
    c.header('Connection', 'close');
  };
}

/** Reads that are the same for everybody (`security: []` in api/openapi.yaml). */
const PUBLIC_READS = new Set(['/v1/packages', '/v1/faq']);

/** Expired idempotency keys and old event rows are deleted this often (and at start). */
const PRUNE_MS = 3_600_000;
/** Seconds a client should wait when the database is unreachable. */
const DB_RETRY_AFTER_S = 5;

/**
 * Opens the database, migrates it (once across instances), seeds demo data into an empty one,
 * and starts the event reader and the mail relay. Throws an Error with a one-line message when
 * the database cannot be opened or migrated.
 */
export async function createBackend(o: BackendOptions = {}): Promise<Backend> {
  const clock = o.clock ?? systemClock;
  const logger = o.logger ?? silentLogger;
  if (o.production) {
    checkProductionIdentity(o.identity);
    checkProductionMailLinks(o.mailLinks);
  }
  const clientAddress = clientAddressFrom('trustProxy' in o ? o.trustProxy : process.env.TRUST_PROXY);
  const identity = o.identity ?? DEMO_IDENTITY;
  const opened = await openDatabase({ databaseUrl: o.databaseUrl, sqlitePath: o.dbPath, schema: o.databaseSchema });
  const { db } = opened;
  try {
    await migrate(db);
    await withStartupLock(db, async (trx) => {
      if ((o.seed ?? true) && (await isEmpty(trx))) {
        if (o.production) throw new Error('Refusing to seed demo data in production (set seed: false / SEED=0).');
        await seed(trx, clock.now());
      }
    });
    if (o.production && (await hasDemoContacts(db))) throw new Error('Refusing to start in production: the database contains the demo contacts.');
  } catch (err) {
    await opened.close();
    throw err;
  }

  const events = new EventBus(db, opened.pgConfig);
  await events.start();
  const mailer = o.mailer ?? (process.env.SMTP_URL ? createSmtpMailer(process.env.SMTP_URL) : undefined);
  const publicUrl = o.publicUrl ?? 'http://localhost:8080';
  const mailLinks = new MailLinks(o.mailLinks ?? { secret: DEMO_MAIL_LINK_SECRET }, o.apiUrl ?? `${publicUrl.replace(/\/$/, '')}/api`);
  const relay = mailer ? new OutboxRelay(db, clock, mailer, mailLinks) : undefined;
  onCommit(db, (what) => {
    if (what.events) events.poke();
    if (what.mails) relay?.poke();
  });
  relay?.start();
  const prune = async () => {
    await pruneKeys(db, clock.now()).catch(() => undefined);
    await events.prune(clock.now()).catch(() => undefined);
    await pruneSessions(db, clock.now()).catch(() => undefined);
  };
  void prune();
  const pruneTimer = setInterval(() => void prune(), PRUNE_MS);
  pruneTimer.unref();

  const allowedOrigins = (o.allowedOrigins ?? []).filter((origin) => origin !== 'null');
  const limits = { ...limitsFromEnv(process.env), ...o.limits };
  const deps: Deps = {
    db,
    clock,
    events,
    publicUrl,
    allowedOrigins,
    verifier: new TokenVerifier(identity, clock, db),
    identity,
    production: o.production ?? false,
    uploads: new UploadGate(o.uploads?.inFlight ?? 8, o.uploads?.queue ?? 64),
    limits,
    rates: new RateLimits(limits, clientAddress, opened.pool),
    mailLinks,
  };

  const v1 = new Hono<AppEnv>();
  if (allowedOrigins.length > 0 || o.allowNullOrigin) {
    v1.use('*', cors({
      // Exact matches only; "null" (sandboxed iframes, file://) is never trusted with the cookie:
      // at most, when allowed, for a request that proves itself with a token and carries no cookie.
      origin: (origin, c) => (allowedOrigins.includes(origin) || (origin === 'null' && o.allowNullOrigin && carriesTokenOnly(c)) ? origin : null),
      credentials: true,
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Accept-Language', 'Last-Event-ID'],
      exposeHeaders: ['Retry-After', 'Idempotent-Replayed'],
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      maxAge: 600,
    }));
  }
  v1.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });
  // Answers compressed when the client accepts it (brotli, else gzip; never the event stream).
  // Every read carries an ETag and is answered 304 without a body when the client's copy is still
  // current. The public ones (packages, FAQ) may be kept by the browser, which then asks with the
  // tag on every use; personal data stays `no-store` (office PCs are shared), so only a client
  // that keeps the last answer itself saves those bytes. Not the event stream, which never ends.
  v1.use('*', compression());
  const tag = etag();
  v1.use('*', async (c, next) => {
    if (c.req.method !== 'GET' || c.req.path.endsWith('/v1/events')) return next();
    await tag(c, next);
    if (PUBLIC_READS.has(c.req.path) && c.res.headers.has('ETag') && !c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'public, no-cache');
  });
  v1.use('*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();
    if (/^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(c.req.header('content-type') ?? '')) {
      // Forms are counted while they stream (readForm); a declared length over the limit is refused unread.
      if (Number(c.req.header('content-length') ?? 0) > MULTIPART_LIMIT) throw new ApiError(413, 'payload_too_large');
      return next();
    }
    return bodyLimit({ maxSize: JSON_LIMIT, onError: () => { throw new ApiError(413, 'payload_too_large'); } })(c, next);
  });
  v1.use('*', deps.rates.authentication());
  v1.use('*', authenticate({ db, clock, verifier: deps.verifier, ownOrigins: [new URL(publicUrl).origin, ...allowedOrigins] }));
  for (const routes of [authRoutes, meRoutes, notificationRoutes, shopRoutes, accountRoutes, ticketRoutes, faqRoutes, noticeRoutes, eventRoutes, agentRoutes]) v1.route('/', routes(deps));

  let draining = false;
  const app = new Hono<LogEnv>();
  app.use('*', requestLog(logger));
  app.use('*', unreadBody());
  // For orchestrators and load balancers: /healthz = the process answers; /readyz = it should get
  // traffic (database reachable, migrations done, not shutting down).
  app.get('/healthz', (c) => c.json({ status: 'ok' }, 200, { 'Cache-Control': 'no-store' }));
  const ready = async () => {
    try {
      return await migrationsDone(db);
    } catch {
      return false;
    }
  };
  app.get('/readyz', async (c) => {
    const status = draining ? 'draining' : (await ready()) ? 'ready' : 'database_unavailable';
    return c.json({ status }, status === 'ready' ? 200 : 503, { 'Cache-Control': 'no-store' });
  });
  app.route('/v1', v1);
  app.route('/', unsubscribeRoutes(deps));
  if (!deps.production) app.route('/demo', demoRoutes(deps));
  app.notFound((c) => problemResponse(c, new ApiError(404, 'not_found')));
  app.onError((err, c) => {
    if (err instanceof ApiError) return problemResponse(c, err);
    // The database went away (restart, failover, network): nothing was committed; try again soon.
    if (isConnectionError(err)) {
      c.get('log').warn({ err }, 'database unavailable');
      return problemResponse(c, new ApiError(503, 'unavailable', { headers: { 'Retry-After': String(DB_RETRY_AFTER_S) } }));
    }
    c.get('log').error({ err }, 'unhandled error');
    return problemResponse(c, new ApiError(500, 'internal'));
  });

  let closed: Promise<void> | undefined;
  return {
    app,
    db,
    dialect: opened.dialect,
    clock,
    events,
    relay,
    logger,
    exec: opened.exec,
    ready,
    drain() {
      draining = true;
      events.endStreams();
    },
    close() {
      closed ??= (async () => {
        clearInterval(pruneTimer);
        await relay?.stop();
        await events.close();
        await opened.close();
      })();
      return closed;
    },
  };
}
