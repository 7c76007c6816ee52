/** Package shop: public packages, the customer's loyalty offers, and orders that raise the credit. */
import { Hono } from 'hono';
import { type AppEnv, requireCustomer, requireCustomerAdmin } from '../auth.js';
import type { Deps } from '../deps.js';
import { fingerprint, idempotentResponse, requireIdempotencyKey, runIdempotent } from '../idempotency.js';
import { PRICING } from '../model/customers.js';
import { findOffer, listOffers, listPackages, offerView, toPackage } from '../model/offers.js';
import { listOrders, placeOrder } from '../model/orders.js';
import { ApiError, pickLang } from '../problem.js';
import { readOrderInput } from '../rules/shop.js';
import { readJsonObject } from '../validate.js';

export function shopRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { db, clock } = deps;

  // In the language asked for (German where a package has no English texts). The browser keeps
  // this public answer per language (Vary); the ETag is the body's, so never one for the other.
  app.get('/packages', async (c) => {
    const lang = pickLang(c.req.header('accept-language'));
    c.header('Vary', 'Accept-Language');
    return c.json({ items: (await listPackages(db)).map((p) => toPackage(p, lang)), pricing: PRICING });
  });

  app.get('/offers', async (c) => {
    // A visitor who is not signed in has no offers (a signed-out homepage asks without an error).
    if (!c.get('principal') && !c.req.header('Authorization')) return c.json({ items: [] });
    const p = requireCustomer(c);
    return c.json({ items: await listOffers(db, p.customerNumber, clock.now(), pickLang(c.req.header('accept-language'))) });
  });

  app.get('/offers/:id', async (c) => {
    const p = requireCustomer(c);
    const o = await findOffer(db, c.req.param('id'));
    if (!o || o.customer_number !== p.customerNumber) throw new ApiError(404, 'not_found');
    return c.json(await offerView(db, o, clock.now(), pickLang(c.req.header('accept-language'))));
  });

  // The order history is money too: admins only, like the statement.
  app.get('/orders', async (c) => {
    const p = requireCustomerAdmin(c);
    return c.json({ items: await listOrders(db, p.customerNumber, pickLang(c.req.header('accept-language'))) });
  });

  // Ordering spends the company's money: admins only (members see prices and offers, and a notice).
  app.post('/orders', async (c) => {
    const p = requireCustomerAdmin(c);
    const key = requireIdempotencyKey(c);
    await deps.rates.take('orders', p.customerNumber);
    const { packageId, offerId } = readOrderInput(await readJsonObject(c));

    const fp = fingerprint('POST', '/v1/orders', [packageId, offerId]);
    const order = { customerNumber: p.customerNumber, author: { contactId: p.contactId, name: p.name, email: p.email }, packageId, offerId, lang: pickLang(c.req.header('accept-language')) };
    const result = await runIdempotent(deps, { principal: p.key, key, fingerprint: fp }, async (trx) => ({ status: 201, body: await placeOrder(trx, deps, order) }));
    return idempotentResponse(result);
  });

  return app;
}
