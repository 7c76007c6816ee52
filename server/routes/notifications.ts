/**
 * Notifications and the credit's warning (issue 17): the signed-in person's mail settings, and the
 * company's low-credit threshold and auto top-up (admins; members 403 — it spends the company's money).
 */
import { Hono } from 'hono';
import { mailKindsFor } from '../../src/domain/notifications.js';
import { type AppEnv, requireCustomer, requireCustomerAdmin } from '../auth.js';
import { transact } from '../db.js';
import type { Deps } from '../deps.js';
import { creditSettings, saveCreditSettings } from '../model/credit-watch.js';
import { notificationSettings, saveNotificationSettings } from '../model/notifications.js';
import { readCreditSettings, readNotificationSettings } from '../rules/notifications.js';
import { readJsonObject } from '../validate.js';

export function notificationRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { db, clock } = deps;

  app.get('/me/notifications', async (c) => {
    const p = requireCustomer(c);
    const contact = { id: p.contactId, customerNumber: p.customerNumber };
    return c.json({ settings: await notificationSettings(db, contact), kinds: mailKindsFor(p.role) });
  });

  app.put('/me/notifications', async (c) => {
    const p = requireCustomer(c);
    const settings = readNotificationSettings(await readJsonObject(c));
    const contact = { id: p.contactId, customerNumber: p.customerNumber };
    const saved = await transact(db, (trx) => saveNotificationSettings(trx, contact, settings, clock.now()));
    return c.json({ settings: saved, kinds: mailKindsFor(p.role) });
  });

  app.get('/credit-settings', async (c) => {
    const p = requireCustomerAdmin(c);
    return c.json(await creditSettings(db, p.customerNumber, clock.now()));
  });

  app.put('/credit-settings', async (c) => {
    const p = requireCustomerAdmin(c);
    const input = readCreditSettings(await readJsonObject(c));
    return c.json(await transact(db, (trx) => saveCreditSettings(trx, deps, p.customerNumber, input)));
  });

  return app;
}
