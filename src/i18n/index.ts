/**
 * Languages and formatting. German is the default, English is complete. Each element keeps its own
 * typed catalog next to it (`messages.ts`, German; `messages.en.ts`, English, loaded on demand), so
 * a page that loads one element loads only its texts, and a German page no English at all; shared
 * texts live in `common.ts`.
 */
export const LOCALES = ['de', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * The texts of one element (or shared piece) per locale. German, the default, is at hand; English is
 * the default export of a module of its own, typed with the same interface (a missing key is a
 * compile error there), loaded by dynamic `import()` when an element resolves to `en`.
 */
export interface Catalog<T> {
  readonly de: T;
  readonly en: () => Promise<{ default: T }>;
}

/** Every catalog whose module has run, so `loadLocale` knows what the page's elements may show. */
const catalogs: Catalog<unknown>[] = [];
/** English texts per catalog, once loaded (German after a failed load, so nothing waits forever). */
const loaded = new Map<Catalog<unknown>, unknown>();
const loading = new Map<Catalog<unknown>, Promise<void>>();

export function catalog<T>(de: T, en: () => Promise<{ default: T }>): Catalog<T> {
  const c: Catalog<T> = { de, en };
  catalogs.push(c);
  return c;
}

/** The texts in a locale; German while the English ones are not loaded yet (see `loadLocale`). */
export function texts<T>(c: Catalog<T>, locale: Locale): T {
  return locale === 'de' ? c.de : ((loaded.get(c) as T | undefined) ?? c.de);
}

/**
 * Loads the texts in `locale` of every catalog on the page; `undefined` when they are all there
 * (always for German). Elements await it before they render, so English never flashes German.
 */
export function loadLocale(locale: Locale): Promise<void> | undefined {
  if (locale === 'de') return undefined;
  const missing = catalogs.filter((c) => !loaded.has(c));
  return missing.length ? Promise.all(missing.map(loadEnglish)).then(() => undefined) : undefined;
}

function loadEnglish(c: Catalog<unknown>): Promise<void> {
  let p = loading.get(c);
  if (!p) {
    p = c.en().then(
      (m) => void loaded.set(c, m.default),
      (err: unknown) => {
        console.warn('[cadia] English texts could not be loaded; showing German.', err);
        loaded.set(c, c.de);
      },
    );
    loading.set(c, p);
  }
  return p;
}

/** `de-AT`, `EN`, `en_US` → a supported locale; anything else → German. */
export function resolveLocale(input?: string | null): Locale {
  const lang = (input ?? '').toLowerCase().slice(0, 2);
  return (LOCALES as readonly string[]).includes(lang) ? (lang as Locale) : 'de';
}

const intlTag: Record<Locale, string> = { de: 'de-DE', en: 'en-GB' };
export const intlLocale = (l: Locale) => intlTag[l];

const formatters = new Map<string, unknown>();

/**
 * One Intl formatter per kind, locale and options, made once: constructing them is the slow part
 * (the first one on a page also starts ICU, tens of milliseconds), and lists format every row.
 */
export function formatter<T, O>(ctor: new (locale: string, options?: O) => T, locale: Locale, options?: O): T {
  const key = `${ctor.name} ${locale} ${options ? JSON.stringify(options) : ''}`;
  let f = formatters.get(key) as T | undefined;
  if (!f) formatters.set(key, (f = new ctor(intlTag[locale], options)));
  return f;
}

/**
 * Makes the formatters the widgets use first, so that their one-time cost falls in the wait for
 * the first answer from the server instead of delaying the first real content. One per call: the
 * caller gives each a task of its own (the first starts ICU, tens of milliseconds on a slow PC).
 */
export const warmFormatters = (locale: Locale): (() => unknown)[] => [
  // The first Intl object of a page starts ICU (50–120 ms at 4× CPU), the first date format the
  // calendar and the time zone: in steps of their own, the longest of these tasks is about halved.
  () => new Intl.Locale(intlTag[locale]).maximize(),
  () => formatter(Intl.NumberFormat, locale),
  () => new Intl.DateTimeFormat(intlTag[locale]),
  () => formatter(Intl.DateTimeFormat, locale, { dateStyle: 'medium', timeStyle: 'short' }),
];

const MINUS = '\u2212';

/** Support time as people say it: "2 Std. 30 Min.", "45 Min.", "−40 Min."; "2 h 30 min". */
export function formatDuration(minutes: number, locale: Locale): string {
  const sign = minutes < 0 ? MINUS : '';
  const abs = Math.abs(Math.round(minutes));
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  const nf = formatter(Intl.NumberFormat, locale);
  const [hu, mu] = locale === 'de' ? ['Std.', 'Min.'] : ['h', 'min'];
  const parts: string[] = [];
  if (h) parts.push(`${nf.format(h)}\u00a0${hu}`);
  if (m || !h) parts.push(`${nf.format(m)}\u00a0${mu}`);
  return sign + parts.join(' ');
}

/** Money from integer minor units: 19500 EUR → "195,00 €". */
export function formatMoney(money: { amount: number; currency: string }, locale: Locale): string {
  return formatter(Intl.NumberFormat, locale, { style: 'currency', currency: money.currency }).format(money.amount / 100);
}

export function formatDateTime(iso: string | Date, locale: Locale, opts: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string {
  return formatter(Intl.DateTimeFormat, locale, opts).format(new Date(iso));
}

export function formatDate(iso: string | Date, locale: Locale): string {
  return formatDateTime(iso, locale, { dateStyle: 'medium' });
}
