/** The statement's words and number formats on the server, in the language of the download. */
import { STATEMENT_TIME_ZONE } from '../../src/domain/statement.js';
import { formatter, type Locale } from '../../src/i18n/index.js';
import { type StatementTexts, statementTexts } from '../../src/i18n/statement.js';

let english: StatementTexts | undefined;
/** The catalog the widgets use; English is a module of its own, imported once. */
export async function statementWords(lang: Locale): Promise<StatementTexts> {
  if (lang === 'de') return statementTexts.de;
  english ??= (await statementTexts.en()).default;
  return english;
}

/** `16.03.2026, 10:05` / `16 Mar 2026, 10:05`, in German time like the statement's months. */
export const dateTime = (iso: string, lang: Locale) =>
  formatter(Intl.DateTimeFormat, lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: STATEMENT_TIME_ZONE }).format(new Date(iso));

export const date = (iso: string | Date, lang: Locale) =>
  formatter(Intl.DateTimeFormat, lang, { dateStyle: 'medium', timeZone: STATEMENT_TIME_ZONE }).format(new Date(iso));

/** `+1.200` / `-30` / `0`: signed as on a bank statement. */
export const signed = (n: number, lang: Locale) => (n > 0 ? '+' : n < 0 ? '-' : '') + formatter(Intl.NumberFormat, lang).format(Math.abs(n));

export const plain = (n: number, lang: Locale) => (n < 0 ? '-' : '') + formatter(Intl.NumberFormat, lang).format(Math.abs(n));
