/**
 * Who is calling: a signed JWT as bearer token (a host's, or this backend's own from the ERP's
 * installation-key exchange), or the `cadia_session` cookie (homepage). Route code reads the
 * signed-in contact with `c.get('principal')` or, to insist, `requireCustomer(c)` / `requireAgent(c)`
 * (docs/security.md, "Server code: who is signed in").
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { type Clock, DAY_MS } from './clock.js';
import type { Conn } from './db.js';
import { refused, type Role, sha256, type TokenVerifier } from './identity.js';
import { type ContactRow, contactFromClaims, findContact, noteActivity } from './model/contacts.js';
import { ApiError } from './problem.js';

export type Principal =
  | { kind: 'customer'; contactId: string; customerNumber: string; role: Exclude<Role, 'agent'>; name: string; email: string; locale: string | null; key: string }
  | { kind: 'agent'; contactId: string; name: string; email: string; key: string };
export type CustomerPrincipal = Extract<Principal, { kind: 'customer' }>;

export interface AppEnv {
  Variables: {
    principal: Principal | null;
    /** Why a presented credential was refused (a 401 for routes that need someone). */
    authError: ApiError | null;
  };
}

export const SESSION_COOKIE = 'cadia_session';

/** A session ends this long after sign-in, whatever happens (the cookie's Max-Age says the same)… */
export const SESSION_TTL_MS = 30 * DAY_MS;
/** …or after this long without a request. */
export const SESSION_IDLE_MS = 1 * DAY_MS;
/** `last_seen_at` is written at most this often per session (not on every request). */
const SEEN_WRITE_MS = 5 * 60_000;

export const toPrincipal = (c: ContactRow): Principal =>
  c.role === 'agent' || !c.customer_number
    ? { kind: 'agent', contactId: c.id, name: c.name, email: c.email, key: `contact:${c.id}` }
    : { kind: 'customer', contactId: c.id, customerNumber: c.customer_number, role: c.role, name: c.name, email: c.email, locale: c.locale, key: `contact:${c.id}` };

export const unauthorized = () => new ApiError(401, 'unauthorized', { headers: { 'WWW-Authenticate': 'Bearer realm="cadia"' } });

/** "Sign out everywhere" refuses every token issued up to (and in the second of) the sign-out. */
const signedOutSince = (c: ContactRow, iat: number) => !!c.signed_out_at && iat <= Math.floor(new Date(c.signed_out_at).getTime() / 1000);

/** The contact a token speaks for, or 401 (`ApiError`) saying why. */
export async function contactFromToken(db: Conn, verifier: TokenVerifier, token: string, now: Date): Promise<ContactRow> {
  const claims = await verifier.verify(token);
  let contact: ContactRow | undefined;
  if (claims.own) {
    contact = await findContact(db, claims.sub);
    // An access token from the installation-key exchange ends with its key.
    const ikey = await db.selectFrom('installation_keys').select(['revoked_at', 'customer_number']).where('id', '=', claims.installationKey ?? '').executeTakeFirst();
    if (!ikey || ikey.revoked_at) throw refused({ de: 'Der Installationsschlüssel dieser Anmeldung wurde widerrufen.', en: 'The installation key of this token was revoked.' });
    if (!contact || contact.customer_number !== ikey.customer_number) throw refused({ de: 'Die Person dieser Anmeldung gibt es nicht mehr.', en: 'The person of this token no longer exists.' });
  } else {
    contact = await contactFromClaims(db, claims, now);
  }
  if (signedOutSince(contact, claims.iat)) throw refused({ de: 'Überall abgemeldet: bitte neu anmelden.', en: 'Signed out everywhere: please sign in again.' });
  return contact;
}

/** The session's contact while neither idle nor absolute expiry has passed; refreshes `last_seen_at`. */
async function contactFromSession(db: Conn, cookie: string | undefined, now: Date): Promise<ContactRow | null> {
  if (!cookie) return null;
  const row = await db.selectFrom('sessions').selectAll().where('id', '=', sha256(cookie)).executeTakeFirst();
  if (!row) return null;
  const t = now.getTime();
  if (new Date(row.created_at).getTime() <= t - SESSION_TTL_MS || new Date(row.last_seen_at).getTime() <= t - SESSION_IDLE_MS) return null;
  if (new Date(row.last_seen_at).getTime() < t - SEEN_WRITE_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', row.id).execute();
  }
  return (await findContact(db, row.contact_id)) ?? null;
}

/** Deletes the sessions that are over (the server's prune loop). */
export async function pruneSessions(db: Conn, now: Date): Promise<void> {
  const t = now.getTime();
  await db.deleteFrom('sessions').where((eb) => eb.or([
    eb('created_at', '<=', new Date(t - SESSION_TTL_MS).toISOString()),
    eb('last_seen_at', '<=', new Date(t - SESSION_IDLE_MS).toISOString()),
  ])).execute();
}

function bearer(c: Context): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  return m?.[1];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AuthOptions {
  db: Conn;
  clock: Clock;
  verifier: TokenVerifier;
  /** The page origins allowed to write with the cookie: PUBLIC_URL's origin and ALLOWED_ORIGINS — never the Host header. */
  ownOrigins: readonly string[];
}

/**
 * Resolves the principal for every request. A refused credential is kept (`authError`) for routes
 * that need someone; public routes answer anyway. A cookie-authenticated write from a foreign
 * origin is refused: SameSite=Lax already stops most of them, this also covers old browsers and
 * sibling sites.
 */
export function authenticate(o: AuthOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const now = o.clock.now();
    // Never a token in the URL (`?token=`): URLs end up in logs and the browser's history.
    const token = bearer(c);
    let contact: ContactRow | null = null;
    let authError: ApiError | null = null;
    if (token) {
      try {
        contact = await contactFromToken(o.db, o.verifier, token, now);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        authError = err;
      }
    } else {
      contact = await contactFromSession(o.db, getCookie(c, SESSION_COOKIE), now);
      const origin = c.req.header('origin');
      if (contact && origin && !SAFE_METHODS.has(c.req.method) && !o.ownOrigins.includes(origin)) {
        throw new ApiError(403, 'forbidden', { detail: 'cross-origin write with a cookie session' });
      }
      // Without an Origin header the browser's own word counts: a cross-site write is refused too.
      if (contact && !origin && !SAFE_METHODS.has(c.req.method) && c.req.header('sec-fetch-site') === 'cross-site') {
        throw new ApiError(403, 'forbidden', { detail: 'cross-site write with a cookie session' });
      }
    }
    // A customer's person was active now (the company view's "last activity"); agents are not listed there.
    if (contact?.customer_number) await noteActivity(o.db, contact, now);
    c.set('principal', contact ? toPrincipal(contact) : null);
    c.set('authError', authError);
    await next();
  };
}

/** The caller, or 401 (with the reason a presented token was refused). */
export function requirePrincipal(c: Context<AppEnv>): Principal {
  const p = c.get('principal');
  if (!p) throw c.get('authError') ?? unauthorized();
  return p;
}

export function requireCustomer(c: Context<AppEnv>): CustomerPrincipal {
  const p = requirePrincipal(c);
  if (p.kind !== 'customer') throw new ApiError(403, 'forbidden');
  return p;
}

/** A customer's admin (orders, the company's settings), or 403. */
export function requireCustomerAdmin(c: Context<AppEnv>): CustomerPrincipal {
  const p = requireCustomer(c);
  if (p.role !== 'admin') throw new ApiError(403, 'admin_required');
  return p;
}

export function requireAgent(c: Context<AppEnv>): Extract<Principal, { kind: 'agent' }> {
  const p = requirePrincipal(c);
  if (p.kind !== 'agent') throw new ApiError(403, 'forbidden');
  return p;
}
