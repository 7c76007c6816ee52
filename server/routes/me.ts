/** The logged-in customer, and who is signed in (sign-in itself: routes/auth.ts). */
import { Hono } from 'hono';
import { type AppEnv, type CustomerPrincipal, requireCustomer, requirePrincipal } from '../auth.js';
import type { Deps } from '../deps.js';
import { companyContacts } from '../model/contacts.js';
import { getCustomer, PRICING, toCredit } from '../model/customers.js';
import { ticketScope } from '../model/tickets.js';
import { personalDataArchive } from '../model/export.js';
import { ApiError, type FieldErrorInput, pickLang } from '../problem.js';
import { exportFileName, readLang } from '../rules/statement.js';
import type { Me, SessionState } from '../types.js';

export function meRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { db } = deps;

  const meOf = async (p: CustomerPrincipal): Promise<Me> => {
    const [customer, scope] = await Promise.all([getCustomer(db, p.customerNumber), ticketScope(db, p)]);
    return {
      customer: { number: customer.number, name: customer.name, email: customer.email },
      contact: { id: p.contactId, name: p.name, email: p.email, role: p.role },
      ticketScope: scope.contactId ? 'own' : 'company',
      credit: toCredit(customer),
      pricing: PRICING,
      lowCreditThresholdMinutes: customer.low_credit_threshold,
    };
  };

  app.get('/me', async (c) => c.json(await meOf(requireCustomer(c))));

  // The company's people (for "filed by" filters and the account's company view). When each was last
  // active is for the admins only: members need the names, not when a colleague last worked.
  app.get('/contacts', async (c) => {
    const p = requireCustomer(c);
    return c.json({ items: await companyContacts(db, p.customerNumber, p.role === 'admin') });
  });

  // A person's own data as one ZIP (GDPR Art. 15/20), for every contact: few per hour (a heavy read),
  // streamed as it is written. Its readable manifest is in `lang`, else the Accept-Language.
  app.get('/me/export', async (c) => {
    const p = requireCustomer(c);
    const errors: FieldErrorInput[] = [];
    const lang = readLang(c.req.query('lang'), errors) ?? pickLang(c.req.header('accept-language'));
    if (errors.length) throw new ApiError(400, 'validation_failed', { errors });
    await deps.rates.take('exports', p.contactId);
    const now = deps.clock.now();
    const customer = await getCustomer(db, p.customerNumber);
    return c.body(personalDataArchive(db, p, { number: customer.number, name: customer.name }, lang, now), 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${exportFileName(lang, p.customerNumber, now)}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  // Asking who is signed in is not an error when nobody is; a token that does not resolve is (its
  // client asks for a new one). An expired or unknown session cookie just means "signed out".
  app.get('/session', async (c) => {
    const p = c.get('principal');
    if (!p && c.get('authError')) requirePrincipal(c);
    const state: SessionState = !p ? { signedIn: false } : p.kind === 'customer' ? { signedIn: true, me: await meOf(p) } : { signedIn: true };
    return c.json(state);
  });

  return app;
}
