/** The customer's account: the monthly statement of the support credit, as JSON, CSV or PDF. */
import { Hono } from 'hono';
import { accepts } from 'hono/accepts';
import { monthBounds, monthOf, parseMonth } from '../../src/domain/statement.js';
import { type AppEnv, requireCustomer } from '../auth.js';
import type { Deps } from '../deps.js';
import { statementOf } from '../model/ledger.js';
import { ApiError, type FieldErrorInput, pickLang } from '../problem.js';
import { statementCsv } from '../statement/csv.js';
import { statementPdf } from '../statement/pdf.js';

const TYPES = ['application/json', 'text/csv', 'application/pdf'] as const;
type StatementType = (typeof TYPES)[number];

/** The month asked for (default: the current one); 400 naming the field for a malformed or future month. */
export function readStatementQuery(query: { month?: string | undefined; lang?: string | undefined }, now: Date): { month: string; lang: 'de' | 'en' | undefined } {
  const errors: FieldErrorInput[] = [];
  const current = monthOf(now);
  const month = query.month ?? current;
  if (!parseMonth(month)) errors.push({ field: 'month', code: 'invalid_month' });
  // `YYYY-MM` compares as text in calendar order.
  else if (month > current) errors.push({ field: 'month', code: 'future_month', params: { current } });
  const lang = query.lang === 'de' || query.lang === 'en' ? query.lang : undefined;
  if (query.lang !== undefined && !lang) errors.push({ field: 'lang', code: 'invalid_value' });
  if (errors.length) throw new ApiError(400, 'validation_failed', { errors });
  return { month, lang };
}

export function accountRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { db, clock } = deps;

  app.get('/statement', async (c) => {
    const p = requireCustomer(c);
    const now = clock.now();
    const q = readStatementQuery({ month: c.req.query('month'), lang: c.req.query('lang') }, now);
    // No Accept header: JSON, as every other resource; one that names none of the three: 406.
    const type = c.req.header('accept') ? accepts(c, { header: 'Accept', supports: [...TYPES], default: '' }) as StatementType | '' : 'application/json';
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
