/**
 * Who is calling: a bearer token (ERP) or the `cadia_session` cookie (homepage). Never a token in
 * the URL (`?token=`): URLs end up in server and proxy logs and the browser's history. The widgets
 * read the event stream and images with fetch, which sends the header.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { type Clock, DAY_MS } from './clock.js';
import type { Conn } from './db.js';
import { ApiError } from './problem.js';

export type Principal =
  | { kind: 'customer'; customerNumber: string; name: string; key: string }
  | { kind: 'agent'; name: string; key: string };
export type CustomerPrincipal = Extract<Principal, { kind: 'customer' }>;

export interface AppEnv {
  Variables: { principal: Principal | null };
}

export const SESSION_COOKIE = 'cadia_session';

interface TokenRow {
  token: string;
  kind: 'customer' | 'agent';
  customer_number: string | null;
  name: string;
}

export async function resolveToken(db: Conn, token: string | undefined): Promise<Principal | null> {
  if (!token) return null;
  const row: TokenRow | undefined = await db.selectFrom('tokens').select(['token', 'kind', 'customer_number', 'name']).where('token', '=', token).executeTakeFirst();
  return row ? toPrincipal(row) : null;
}

/** How long a homepage session lasts from sign-in; the cookie's Max-Age says the same. */
export const SESSION_TTL_MS = 30 * DAY_MS;

/** The session's principal while it is younger than `SESSION_TTL_MS`; an older one is over. */
async function resolveSession(db: Conn, sessionId: string | undefined, now: Date): Promise<Principal | null> {
  if (!sessionId) return null;
  const row: TokenRow | undefined = await db.selectFrom('sessions as s').innerJoin('tokens as t', 't.token', 's.token')
    .select(['t.token', 't.kind', 't.customer_number', 't.name']).where('s.id', '=', sessionId)
    .where('s.created_at', '>', new Date(now.getTime() - SESSION_TTL_MS).toISOString()).executeTakeFirst();
  return row ? toPrincipal(row) : null;
}

/** Deletes the sessions that are over (the server's prune loop). */
export async function pruneSessions(db: Conn, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('created_at', '<=', new Date(now.getTime() - SESSION_TTL_MS).toISOString()).execute();
}

function toPrincipal(row: TokenRow): Principal {
  // The idempotency key space is per principal; the key never contains the secret token itself.
  return row.kind === 'customer' && row.customer_number
    ? { kind: 'customer', customerNumber: row.customer_number, name: row.name, key: `customer:${row.customer_number}` }
    : { kind: 'agent', name: row.name, key: `agent:${row.name}` };
}

function bearer(c: Context): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  return m?.[1];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the principal for every request. A cookie-authenticated write from a foreign origin is
 * refused: SameSite=Lax already stops most of them, this also covers old browsers and sibling sites.
 */
export function authenticate(db: Conn, clock: Clock, allowedOrigins: readonly string[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearer(c);
    let principal = token ? await resolveToken(db, token) : null;
    if (!token) {
      principal = await resolveSession(db, getCookie(c, SESSION_COOKIE), clock.now());
      const origin = c.req.header('origin');
      if (principal && origin && !SAFE_METHODS.has(c.req.method)) {
        const own = new URL(c.req.url).origin;
        if (origin !== own && !allowedOrigins.includes(origin)) throw new ApiError(403, 'forbidden', { detail: 'cross-origin write with a cookie session' });
      }
      // Without an Origin header the browser's own word counts: a cross-site write is refused too.
      if (principal && !origin && !SAFE_METHODS.has(c.req.method) && c.req.header('sec-fetch-site') === 'cross-site') {
        throw new ApiError(403, 'forbidden', { detail: 'cross-site write with a cookie session' });
      }
    }
    c.set('principal', principal);
    await next();
  };
}

/** The caller, or 401. */
export function requirePrincipal(c: Context<AppEnv>): Principal {
  const p = c.get('principal');
  if (!p) throw unauthorized();
  return p;
}

const unauthorized = () => new ApiError(401, 'unauthorized', { headers: { 'WWW-Authenticate': 'Bearer realm="cadia"' } });

export function requireCustomer(c: Context<AppEnv>): CustomerPrincipal {
  const p = requirePrincipal(c);
  if (p.kind !== 'customer') throw new ApiError(403, 'forbidden');
  return p;
}

export function requireAgent(c: Context<AppEnv>): Extract<Principal, { kind: 'agent' }> {
  const p = requirePrincipal(c);
  if (p.kind !== 'agent') throw new ApiError(403, 'forbidden');
  return p;
}
