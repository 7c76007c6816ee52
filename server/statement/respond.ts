/**
 * One customer's statement of a month as the caller asks for it by `Accept`: JSON, CSV or PDF. The
 * customer's own `GET /v1/statement` and the desk's `GET /v1/agent/customers/{n}/statement` answer
 * with this, so both get the same file for the same month.
 */
import type { Context } from 'hono';
import Negotiator from 'negotiator';
import { monthBounds } from '../../src/domain/statement.js';
import type { Deps } from '../deps.js';
import { statementOf } from '../model/ledger.js';
import { ApiError, pickLang } from '../problem.js';
import { readStatementQuery, statementFileName } from '../rules/statement.js';
import { statementCsv } from './csv.js';
import { statementPdf } from './pdf.js';

const TYPES = ['application/json', 'text/csv', 'application/pdf'] as const;
type StatementType = (typeof TYPES)[number];

export async function statementAnswer(c: Context, deps: Deps, customerNumber: string): Promise<Response> {
  const now = deps.clock.now();
  const q = readStatementQuery({ month: c.req.query('month'), lang: c.req.query('lang') }, now);
  // By Accept with its wildcards and q-values (a browser's `*/*` or none at all: JSON); one that names none of the three: 406.
  const type = new Negotiator({ headers: { accept: c.req.header('accept') ?? '*/*' } }).mediaType([...TYPES]) as StatementType | undefined;
  if (!type) throw new ApiError(406, 'not_acceptable', { detail: `supported: ${TYPES.join(', ')}` });
  const { from, to } = monthBounds(q.month)!;
  // The language of the file, and of the order names in every answer (JSON too).
  const lang = q.lang ?? pickLang(c.req.header('accept-language'));
  const statement = await statementOf(deps.db, customerNumber, q.month, from, to, lang);
  c.header('Vary', 'Accept, Accept-Language');
  c.header('Cache-Control', 'private, no-store');
  if (type === 'application/json') return c.json(statement);
  const name = statementFileName(lang, customerNumber, q.month);
  if (type === 'text/csv') {
    c.header('Content-Disposition', `attachment; filename="${name}.csv"`);
    return c.body(await statementCsv(statement, lang, now), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  }
  c.header('Content-Disposition', `attachment; filename="${name}.pdf"`);
  return c.body(new Uint8Array(await statementPdf(statement, lang, now)), 200, { 'Content-Type': 'application/pdf' });
}
