/**
 * The demo sign-in: outside production only, it signs for the demo people (seed.ts) the same JWT a
 * host's server would — with JWT_SECRET/JWT_ISSUER when they are set, so a host can test its own
 * signing against the demo, otherwise with the public demo configuration. Not part of the contract.
 *
 * And the ERP's way in, for /erp: an installation key for a demo customer, made here as the vendor
 * makes one with `npm run admin -- key add`, so the page's ERP side exchanges it at
 * POST /v1/auth/token like a real ERP installation (docs/embedding.md).
 */
import { Hono } from 'hono';
import type { Deps } from '../deps.js';
import { signHostToken } from '../identity.js';
import { createKey } from '../model/keys.js';
import { ApiError } from '../problem.js';
import { DEMO_PEOPLE } from '../seed.js';

export function demoRoutes(deps: Deps): Hono {
  const app = new Hono();
  const secret = deps.identity.secret;
  app.get('/people', (c) => c.json({ items: DEMO_PEOPLE.map(({ sub, customer, role, name, email }) => ({ sub, customer, role, name, email })) }));
  app.post('/token', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { person?: unknown; locale?: unknown };
    const person = DEMO_PEOPLE.find((p) => p.sub === body.person);
    if (!person) throw new ApiError(404, 'not_found', { detail: 'no such demo person' });
    if (!secret) throw new ApiError(404, 'not_found', { detail: 'the demo sign-in needs JWT_SECRET (it cannot sign for JWT_JWKS_URL)' });
    const locale = body.locale === 'en' || body.locale === 'de' ? body.locale : null;
    const token = await signHostToken({ secret, issuer: deps.identity.issuer }, { sub: person.sub, email: person.email, name: person.name, customer: person.customer, role: person.role, locale }, deps.clock.now());
    return c.json({ token }, 200, { 'Cache-Control': 'no-store' });
  });
  // One key per demo customer and process: the secret exists only at creation (the database keeps
  // its hash), so it is kept here for the next page load; a restart makes a new one.
  const keys = new Map<string, Promise<string>>();
  app.post('/installation-key', async (c) => {
    // For a customer, or for a demo person's company (the page asks by person beside fetching the people).
    const body = (await c.req.json().catch(() => ({}))) as { customer?: unknown; person?: unknown };
    const customer = DEMO_PEOPLE.find((p) => p.customer !== null && (p.customer === body.customer || p.sub === body.person))?.customer;
    if (!customer) throw new ApiError(404, 'not_found', { detail: 'no such demo customer' });
    let key = keys.get(customer);
    if (!key) {
      key = createKey(deps.db, { customerNumber: customer, label: 'Demo-ERP (/erp)', role: 'member' }, deps.clock.now()).then((k) => k.secret);
      keys.set(customer, key);
      key.catch(() => keys.delete(customer));
    }
    return c.json({ key: await key }, 200, { 'Cache-Control': 'no-store' });
  });
  return app;
}
