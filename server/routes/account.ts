/** The customer's account: the monthly statement of the support credit, as JSON, CSV or PDF. */
import { Hono } from 'hono';
import { type AppEnv, requireCustomerAdmin } from '../auth.js';
import type { Deps } from '../deps.js';
import { statementAnswer } from '../statement/respond.js';

export function accountRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // The company's money: admins only (docs/security.md, "Who sees the money"); members keep the credit in /v1/me.
  app.get('/statement', async (c) => statementAnswer(c, deps, requireCustomerAdmin(c).customerNumber));
  return app;
}
