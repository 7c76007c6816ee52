/** Package shop: public packages, the customer's loyalty offers, and orders that raise the credit. */
import { Hono } from 'hono';
import { type AppEnv, requireCustomer } from '../auth.js';
import type { Deps } from '../deps.js';
import { fingerprint, idempotentResponse, requireIdempotencyKey, runIdempotent } from '../idempotency.js';
import { newId } from '../ids.js';
import { emitEvent } from '../db.js';
import { changeCredit, CURRENCY, getCustomer, PRICING } from '../model/customers.js';
import { findOffer, findPackage, listOffers, listPackages, offerView, takeOffer, toPackage } from '../model/offers.js';
import { queueMail } from '../outbox.js';
import { ApiError } from '../problem.js';
import { readOrderInput } from '../rules/shop.js';
import type { Order } from '../types.js';
import { readJsonObject } from '../validate.js';

interface OrderRow {
  id: string; customer_number: string; package_id: string | null; offer_id: string | null;
  name: string; minutes: number; price_amount: number; created_at: string;
}

const toOrder = (o: OrderRow): Order => ({
  id: o.id, packageId: o.package_id, offerId: o.offer_id, name: o.name, minutes: o.minutes,
  price: { amount: o.price_amount, currency: CURRENCY }, createdAt: o.created_at,
});

export function shopRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { db, clock } = deps;

  app.get('/packages', async (c) => c.json({ items: (await listPackages(db)).map(toPackage), pricing: PRICING }));

  app.get('/offers', async (c) => {
    // A visitor who is not signed in has no offers (a signed-out homepage asks without an error).
    if (!c.get('principal') && !c.req.header('Authorization')) return c.json({ items: [] });
    const p = requireCustomer(c);
    return c.json({ items: await listOffers(db, p.customerNumber, clock.now()) });
  });

  app.get('/offers/:id', async (c) => {
    const p = requireCustomer(c);
    const o = await findOffer(db, c.req.param('id'));
    if (!o || o.customer_number !== p.customerNumber) throw new ApiError(404, 'not_found');
    return c.json(await offerView(db, o, clock.now()));
  });

  app.get('/orders', async (c) => {
    const p = requireCustomer(c);
    const rows: OrderRow[] = await db.selectFrom('orders').selectAll().where('customer_number', '=', p.customerNumber)
      .orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    return c.json({ items: rows.map(toOrder) });
  });

  app.post('/orders', async (c) => {
    const p = requireCustomer(c);
    const key = requireIdempotencyKey(c);
    await deps.rates.take('orders', p.customerNumber);
    const { packageId, offerId } = readOrderInput(await readJsonObject(c));

    const fp = fingerprint('POST', '/v1/orders', [packageId, offerId]);
    const result = await runIdempotent(deps, { principal: p.key, key, fingerprint: fp }, async (trx) => {
      const now = clock.now();
      const at = now.toISOString();
      let item: { name: string; minutes: number; price: number; packageId: string | null; offerId: string | null };
      if (offerId) {
        const o = await takeOffer(trx, offerId, p.customerNumber, now);
        item = { name: o.name, minutes: o.minutes, price: o.price_amount, packageId: o.package_id, offerId: o.id };
      } else {
        const pkg = await findPackage(trx, packageId);
        if (!pkg) throw new ApiError(404, 'not_found', { detail: `package ${packageId}` });
        item = { name: pkg.name, minutes: pkg.minutes, price: pkg.price_amount, packageId: pkg.id, offerId: null };
      }
      const row: OrderRow = {
        id: newId('ord'), customer_number: p.customerNumber, package_id: item.packageId, offer_id: item.offerId,
        name: item.name, minutes: item.minutes, price_amount: item.price, created_at: at,
      };
      await trx.insertInto('orders').values(row).execute();
      const credit = await changeCredit(trx, p.customerNumber, item.minutes, at);
      const customer = await getCustomer(trx, p.customerNumber);
      await queueMail(trx, clock, {
        to: customer.email,
        cc: [],
        subject: `Bestellbestätigung: ${item.name}`,
        body: `Guten Tag ${customer.name},\n\nvielen Dank für Ihre Bestellung „${item.name}“ (${item.minutes} Minuten).\nIhr Supportguthaben beträgt jetzt ${credit.minutes} Minuten.\n\nIhr Cadia-Team`,
      });
      emitEvent(trx, { name: 'credit', customerNumber: p.customerNumber, data: { minutes: credit.minutes, updatedAt: credit.updatedAt } }, at);
      if (item.offerId) emitEvent(trx, { name: 'offer', customerNumber: p.customerNumber, data: { id: item.offerId } }, at);
      return { status: 201, body: { order: toOrder(row), credit } };
    });
    return idempotentResponse(result);
  });

  return app;
}
