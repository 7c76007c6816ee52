// Only the ticket list shows relative times: kept out of i18n/index.ts, which every element loads.
import { formatter, type Locale } from './index.js';

/** "vor 5 Minuten" / "5 minutes ago", for last-change columns. */
export function formatRelative(iso: string | Date, locale: Locale, now = Date.now()): string {
  const rtf = formatter(Intl.RelativeTimeFormat, locale, { numeric: 'auto' });
  let value = (new Date(iso).getTime() - now) / 1000;
  // Seconds below a minute, minutes below an hour, … months below a year; years beyond.
  for (const [unit, size] of [['second', 60], ['minute', 60], ['hour', 24], ['day', 30], ['month', 12]] as const) {
    if (Math.abs(value) < size) return rtf.format(Math.round(value), unit);
    value /= size;
  }
  return rtf.format(Math.round(value), 'year');
}
