/**
 * Known-issue notices (issue 18). Customers: the notices matching their program, version and words
 * (`GET /notices`), and "Betrifft mich auch" (`PUT`/`DELETE /notices/{id}/subscription`, admins and
 * members alike). Agents: publish, change, remove, and see who subscribed. The routes read and check
 * input; what each write does is in model/notices.ts.
 */
import { Hono } from 'hono';
import { type AppEnv, requireAgent, requireCustomer } from '../auth.js';
import { transact } from '../db.js';
import type { Deps } from '../deps.js';
import { fingerprint, idempotentResponse, requireIdempotencyKey, runIdempotent } from '../idempotency.js';
import {
  createNotice, deleteNotice, getNotice, listNotices, listSubscribers, matchNotices, subscribe, unsubscribe, updateNotice,
} from '../model/notices.js';
import { pickLang } from '../problem.js';
import { EMPTY_NOTICE, readNotice, readNoticeQuery } from '../rules/notices.js';
import { Fields, readJsonObject } from '../validate.js';

export function noticeRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { db } = deps;

  app.get('/notices', async (c) => {
    const p = requireCustomer(c);
    const query = readNoticeQuery(new Fields(c.req.query()));
    const items = await matchNotices(db, { ...query, lang: pickLang(c.req.header('accept-language')), contactId: p.contactId });
    c.header('Cache-Control', 'private, no-store');
    return c.json({ items });
  });

  app.put('/notices/:id/subscription', async (c) => {
    const p = requireCustomer(c);
    const noticeId = c.req.param('id');
    await transact(db, (trx) => subscribe(trx, deps, { noticeId, contactId: p.contactId, customerNumber: p.customerNumber, lang: pickLang(c.req.header('accept-language')) }));
    return c.json({ noticeId, subscribed: true });
  });

  app.delete('/notices/:id/subscription', async (c) => {
    const p = requireCustomer(c);
    const noticeId = c.req.param('id');
    await transact(db, (trx) => unsubscribe(trx, deps, { noticeId, contactId: p.contactId, customerNumber: p.customerNumber }));
    return c.json({ noticeId, subscribed: false });
  });

  app.get('/agent/notices', async (c) => {
    requireAgent(c);
    return c.json({ items: await listNotices(db) });
  });

  app.post('/agent/notices', async (c) => {
    const agent = requireAgent(c);
    const body = await readJsonObject(c);
    const f = new Fields(body);
    const fields = readNotice(f, body, EMPTY_NOTICE);
    f.check();
    const key = requireIdempotencyKey(c);
    const fp = fingerprint('POST', '/v1/agent/notices', [JSON.stringify(fields)]);
    return idempotentResponse(await runIdempotent(deps, { principal: agent.key, key, fingerprint: fp }, async (trx) => ({
      status: 201, body: await createNotice(trx, deps, fields, agent.contactId),
    })));
  });

  app.get('/agent/notices/:id', async (c) => {
    requireAgent(c);
    return c.json(await getNotice(db, c.req.param('id')));
  });

  /**
   * Only the fields sent change; the result is checked whole, under the notice's lock, so a
   * colleague's change made meanwhile is kept where this one does not touch it. A PATCH to the
   * state it is in changes nothing and mails nobody.
   */
  app.patch('/agent/notices/:id', async (c) => {
    requireAgent(c);
    const body = await readJsonObject(c);
    return c.json(await transact(db, (trx) => updateNotice(trx, deps, c.req.param('id'), (current) => {
      const f = new Fields(body);
      const fields = readNotice(f, body, current);
      f.check();
      return fields;
    })));
  });

  app.delete('/agent/notices/:id', async (c) => {
    requireAgent(c);
    await transact(db, (trx) => deleteNotice(trx, deps, c.req.param('id')));
    return c.body(null, 204);
  });

  app.get('/agent/notices/:id/subscribers', async (c) => {
    requireAgent(c);
    return c.json({ items: await listSubscribers(db, c.req.param('id')) });
  });

  return app;
}
