/** The customer's account: the monthly statement of the support credit, as JSON, CSV or PDF. */
import { Hono } from 'hono';
import Negotiator from 'negotiator';
import { monthBounds } from '../../src/domain/statement.js';
import { type AppEnv, requireCustomerAdmin } from '../auth.js';
import type { Deps } from '../deps.js';
import { statementOf } from '../model/ledger.js';
import { ApiError, pickLang } from '../problem.js';
import { readStatementQuery } from '../rules/statement.js';
import { statementCsv } from '../statement/csv.js';
import { statementPdf } from '../statement/pdf.js';

const TYPES = ['application/json', 'text/csv', 'application/pdf'] as const;
type StatementType = (typeof TYPES)[number];

export function accountRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { db, clock } = deps;

  // The company's money: admins only (docs/security.md, "Who sees the money"); members keep the credit in /v1/me.
  app.get('/statement', async (c) => {
    const p = requireCustomerAdmin(c);
    const now = clock.now();
    const q = readStatementQuery({ month: c.req.query('month'), lang: c.req.query('lang') }, now);
    // By Accept with its wildcards and q-values (a browser's `*/*` or none at all: JSON); one that names none of the three: 406.
    const type = new Negotiator({ headers: { accept: c.req.header('accept') ?? '*/*' } }).mediaType([...TYPES]) as StatementType | undefined;
    if (!type) throw new ApiError(406, 'not_acceptable', { detail: `supported: ${TYPES.join(', ')}` });
    const { from, to } = monthBounds(q.month)!;
    const statement = await statementOf(db, p.customerNumber, q.month, from, to);
    c.header('Vary', 'Accept, Accept-Language');
    c.header('Cache-Control', 'private, no-store');
    if (type === 'application/json') return c.json(statement);
    const lang = q.lang ?? pickLang(c.req.header('accept-language'));
    const name = `${lang === 'de' ? 'Cadia-Kontoauszug' : 'Cadia-statement'}-${p.customerNumber}-${q.month}`;
    if (type === 'text/csv') {
      c.header('Content-Disposition', `attachment; filename="${name}.csv"`);
      return c.body(await statementCsv(statement, lang, now), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    }
    c.header('Content-Disposition', `attachment; filename="${name}.pdf"`);
    return c.body(new Uint8Array(await statementPdf(statement, lang, now)), 200, { 'Content-Type': 'application/pdf' });
  });

  return app;
}
