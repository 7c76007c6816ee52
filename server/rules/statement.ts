/**
 * The statement's query, checked without a database, and the downloads' file names: used by
 * server/statement/respond.ts, server/routes/me.ts and by the Storybook mocks
 * (stories/mocks/handlers.ts), so both refuse a month alike and name a file alike.
 */
import { monthOf, parseMonth } from '../../src/domain/statement.js';
import { ApiError, type FieldErrorInput } from '../problem.js';

/** The month asked for (default: the current one); 400 naming the field for a malformed or future month. */
export function readStatementQuery(query: { month?: string | undefined; lang?: string | undefined }, now: Date): { month: string; lang: 'de' | 'en' | undefined } {
  const errors: FieldErrorInput[] = [];
  const current = monthOf(now);
  const month = query.month ?? current;
  if (!parseMonth(month)) errors.push({ field: 'month', code: 'invalid_month' });
  // `YYYY-MM` compares as text in calendar order.
  else if (month > current) errors.push({ field: 'month', code: 'future_month', params: { current } });
  const lang = readLang(query.lang, errors);
  if (errors.length) throw new ApiError(400, 'validation_failed', { errors });
  return { month, lang };
}

/** The statement's file name without extension (`.csv`, `.pdf`): `Cadia-Kontoauszug-10001-2026-03`. */
export const statementFileName = (lang: 'de' | 'en', customerNumber: string, month: string): string =>
  `${lang === 'de' ? 'Cadia-Kontoauszug' : 'Cadia-statement'}-${customerNumber}-${month}`;

/** The data export's file name: `Cadia-Meine-Daten-10001-2026-03-14.zip` (the day it was made, UTC). */
export const exportFileName = (lang: 'de' | 'en', customerNumber: string, now: Date): string =>
  `${lang === 'de' ? 'Cadia-Meine-Daten' : 'Cadia-my-data'}-${customerNumber}-${now.toISOString().slice(0, 10)}.zip`;

/** `lang=de|en` of a download (statement CSV/PDF, the data export); another value is a field error. */
export function readLang(value: string | undefined, errors: FieldErrorInput[]): 'de' | 'en' | undefined {
  const lang = value === 'de' || value === 'en' ? value : undefined;
  if (value !== undefined && !lang) errors.push({ field: 'lang', code: 'invalid_value' });
  return lang;
}

