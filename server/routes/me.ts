/** The logged-in customer, and the cookie session the homepage uses instead of a bearer token. */
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Context } from 'hono';
import { type AppEnv, requireCustomer, requirePrincipal, resolveToken, SESSION_COOKIE, SESSION_TTL_MS } from '../auth.js';
import type { Deps } from '../deps.js';
import { newId } from '../ids.js';
import { getCustomer, PRICING, toCredit } from '../model/customers.js';
import { ApiError } from '../problem.js';
import type { Me, SessionState } from '../types.js';
import { Fields, readJsonObject } from '../validate.js';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
// Secure cookies are not stored over plain http, which the local demo uses.
const isSecure = (c: Context) => !LOCAL_HOSTS.has(new URL(c.req.url).hostname);

export function meRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { db } = deps;

  const meOf = async (customerNumber: string): Promise<Me> => {
    const customer = await getCustomer(db, customerNumber);
    return {
      customer: { number: customer.number, name: customer.name, email: customer.email },
      credit: toCredit(customer),
      pricing: PRICING,
    };
  };

  app.get('/me', async (c) => c.json(await meOf(requireCustomer(c).customerNumber)));

  // Asking who is signed in is not an error when nobody is; a token that does not resolve is (its
  // client asks for a new one). An expired or unknown session cookie just means "signed out".
  app.get('/session', async (c) => {
    const p = c.get('principal');
    if (!p && c.req.header('Authorization')) await requirePrincipal(c);
    const state: SessionState = !p ? { signedIn: false } : p.kind === 'customer' ? { signedIn: true, me: await meOf(p.customerNumber) } : { signedIn: true };
    return c.json(state);
  });

  app.post('/session', async (c) => {
    const f = new Fields(await readJsonObject(c));
    const token = f.string('token', { required: true, max: 200 });
    f.check();
    if (!(await resolveToken(db, token))) throw new ApiError(401, 'unauthorized');
    const id = newId('ses');
    await db.insertInto('sessions').values({ id, token, created_at: deps.clock.now().toISOString() }).execute();
    setCookie(c, SESSION_COOKIE, id, { path: '/', httpOnly: true, sameSite: 'Lax', secure: isSecure(c), maxAge: SESSION_TTL_MS / 1000 });
    return c.body(null, 204);
  });

  app.delete('/session', async (c) => {
    const id = getCookie(c, SESSION_COOKIE);
    if (id) await db.deleteFrom('sessions').where('id', '=', id).execute();
    deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Lax', secure: isSecure(c) });
    return c.body(null, 204);
  });

  return app;
}
