/**
 * The statement as CSV for spreadsheets: one row per movement between an opening and a closing row.
 * German files are `;`-separated (what a German Excel opens by double-click), English ones `,`; a
 * BOM tells Excel it is UTF-8.
 */
import { STATEMENT_TIME_ZONE } from '../../src/domain/statement.js';
import type { Locale } from '../../src/i18n/index.js';
import type { Statement } from '../types.js';
import { statementWords } from './texts.js';

/**
 * A text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a leading tab or
 * carriage return, OWASP "CSV injection") gets a leading `'`. Numbers are the server's own integers
 * and stay numbers, so sums work.
 */
export function csvCell(value: string | number | null, separator: string): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** `2026-03-16 10:05` in German time: sortable, and read as a date by spreadsheets in both languages. */
function localStamp(iso: string): string {
  const f = new Intl.DateTimeFormat('sv-SE', { timeZone: STATEMENT_TIME_ZONE, dateStyle: 'short', timeStyle: 'short' });
  return f.format(new Date(iso));
}

/** `now` dates the closing row of a month that is not over yet. */
export async function statementCsv(s: Statement, lang: Locale, now: Date): Promise<string> {
  const t = await statementWords(lang);
  const sep = lang === 'de' ? ';' : ',';
  const rows: Array<Array<string | number | null>> = [
    [t.columns.date, t.columns.entry, t.columns.reference, t.columns.description, t.columns.contact, t.columns.worked, t.columns.minutes, t.columns.balance],
    [localStamp(s.from), t.opening, null, null, null, null, null, s.openingMinutes],
    ...s.entries.map((e) => [
      localStamp(e.at),
      t.kinds[e.kind],
      e.ticketNumber ?? e.orderId,
      e.ticketSubject ?? e.orderName ?? (e.note || null),
      e.contact?.name ?? null,
      e.workedMinutes,
      e.minutes,
      e.balanceAfter,
    ]),
    [localStamp(new Date(Math.min(Date.parse(s.to) - 60_000, now.getTime())).toISOString()), t.closing, null, null, null, null, null, s.closingMinutes],
  ];
  return '\uFEFF' + rows.map((r) => r.map((c) => csvCell(c, sep)).join(sep)).join('\r\n') + '\r\n';
}
