/**
 * Signing in: the homepage's cookie session (POST/DELETE /v1/session, DELETE /v1/sessions = sign
 * out everywhere) and the ERP's installation-key exchange (POST /v1/auth/token).
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { type AppEnv, contactFromToken, requirePrincipal, SESSION_COOKIE, SESSION_TTL_MS } from '../auth.js';
import type { Deps } from '../deps.js';
import { ACCESS_TOKEN_SECONDS, refused, sha256, signOwnToken } from '../identity.js';
import { addContact, contactByEmail } from '../model/contacts.js';
import { asciiEmail } from '../../src/domain/categories.js';
import { Fields, readJsonObject } from '../validate.js';

const BAD_KEY = { de: 'Unbekannter oder widerrufener Installationsschlüssel.', en: 'Unknown or revoked installation key.' };

export function authRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { db, clock } = deps;
  // Secure cookies are not stored over plain http, which the local demo uses: PUBLIC_URL decides.
  const secure = new URL(deps.publicUrl).protocol === 'https:';
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'Lax', secure } as const;
  const endCookie = (c: Context) => deleteCookie(c, SESSION_COOKIE, cookieOptions);

  app.post('/session', async (c) => {
    const f = new Fields(await readJsonObject(c));
    const token = f.string('token', { required: true, max: 8192 });
    f.check();
    const now = clock.now();
    const contact = await contactFromToken(db, deps.verifier, token, now);
    // A new id on every sign-in (no fixation); an old cookie of this browser ends with it.
    const old = getCookie(c, SESSION_COOKIE);
    if (old) await db.deleteFrom('sessions').where('id', '=', sha256(old)).execute();
    const secret = randomBytes(32).toString('base64url');
    await db.insertInto('sessions').values({ id: sha256(secret), contact_id: contact.id, created_at: now.toISOString(), last_seen_at: now.toISOString() }).execute();
    setCookie(c, SESSION_COOKIE, secret, { ...cookieOptions, maxAge: SESSION_TTL_MS / 1000 });
    return c.body(null, 204);
  });

  app.delete('/session', async (c) => {
    const id = getCookie(c, SESSION_COOKIE);
    if (id) await db.deleteFrom('sessions').where('id', '=', sha256(id)).execute();
    endCookie(c);
    return c.body(null, 204);
  });

  // Sign out everywhere: every session of the contact ends, and every token issued until now is refused.
  app.delete('/sessions', async (c) => {
    const p = requirePrincipal(c);
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('contacts').set({ signed_out_at: deps.verifier.now().toISOString() }).where('id', '=', p.contactId).execute();
      await trx.deleteFrom('sessions').where('contact_id', '=', p.contactId).execute();
    });
    endCookie(c);
    return c.body(null, 204);
  });

  // The ERP has no server to sign with: its installation key (created by the vendor's admin, see
  // `npm run admin -- key add`) buys a short-lived access token for the person at the keyboard.
  app.post('/auth/token', async (c) => {
    const f = new Fields(await readJsonObject(c));
    const key = f.string('key', { required: true, max: 200 });
    const rawEmail = f.string('email', { required: true, max: 254 });
    const email = rawEmail ? (asciiEmail(rawEmail) ?? '') : '';
    if (rawEmail && !email) f.add('email', 'invalid_email');
    const name = f.string('name', { required: true, max: 200 });
    const locale = f.string('locale', { max: 35 });
    f.check();
    const now = clock.now();
    const row = await db.selectFrom('installation_keys').selectAll().where('hash', '=', sha256(key)).executeTakeFirst();
    if (!row || row.revoked_at) throw refused(BAD_KEY);
    await db.updateTable('installation_keys').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
    // The person by email within the key's customer; new people get the key's role.
    let contact = await contactByEmail(db, row.customer_number, email);
    if (!contact) contact = await addContact(db, { customer: row.customer_number, role: row.role, email, name, locale: locale || null }, now);
    else if (contact.name !== name) await db.updateTable('contacts').set({ name, updated_at: now.toISOString() }).where('id', '=', contact.id).execute();
    if (contact.role === 'agent' || !contact.customer_number) throw refused(BAD_KEY);
    // Signed on the clock tokens are judged by (the same as the backend's outside the test harnesses).
    const minted = await signOwnToken(db, deps.verifier.now(), {
      sub: contact.id, email: contact.email, name, customer: contact.customer_number, role: contact.role, locale: contact.locale, installationKey: row.id,
    });
    return c.json({ accessToken: minted.token, tokenType: 'Bearer', expiresIn: ACCESS_TOKEN_SECONDS, expiresAt: minted.expiresAt.toISOString() });
  });

  return app;
}
