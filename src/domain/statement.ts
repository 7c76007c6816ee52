/**
 * The credit statement's calendar: statement months are calendar months in the vendor's time zone
 * (a booking at 00:30 on 1 December in Munich belongs to December, as on a German bank statement),
 * named `YYYY-MM`. Shared by the server (which months exist, where they start) and the account
 * element (which months the picker offers).
 */

/** Cadia's statements are German statements: months begin at midnight in Germany. */
export const STATEMENT_TIME_ZONE = 'Europe/Berlin';

/** Every way the credit moves; `minutes` is signed (+ bought or corrected up, − charged, 0 free). */
export const MOVEMENT_KINDS = ['opening', 'order', 'booking', 'free', 'reclassification', 'correction'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** `2026-03` → [2026, 3]; undefined for anything else (`2026-3`, `2026-13`, `März`). */
export function parseMonth(month: string): [year: number, month: number] | undefined {
  const m = MONTH_RE.exec(month);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');
export const formatMonth = (year: number, month: number) => `${year}-${pad(month)}`;

let parts: Intl.DateTimeFormat | undefined;
/** Wall-clock fields of an instant in the statement's time zone. */
function zoned(instant: number): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  parts ??= new Intl.DateTimeFormat('en-US', {
    timeZone: STATEMENT_TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  });
  const f: Record<string, number> = {};
  for (const p of parts.formatToParts(new Date(instant))) if (p.type !== 'literal') f[p.type] = Number(p.value);
  return { year: f['year']!, month: f['month']!, day: f['day']!, hour: f['hour']!, minute: f['minute']!, second: f['second']! };
}

/** How far the time zone is ahead of UTC at an instant, in ms (Germany: 1 h, in summer 2 h). */
function offsetAt(instant: number): number {
  const z = zoned(instant);
  return Date.UTC(z.year, z.month - 1, z.day, z.hour, z.minute, z.second) - Math.floor(instant / 1000) * 1000;
}

/** The instant the month begins (local midnight of its first day). */
function monthStart(year: number, month: number): Date {
  const wall = Date.UTC(year, month - 1, 1);
  // Offset at the guess, then at the answer: right on both sides of a change to or from summer time.
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first));
}

/** The month `[from, to)` as instants. */
export function monthBounds(monthText: string): { from: Date; to: Date } | undefined {
  const ym = parseMonth(monthText);
  if (!ym) return undefined;
  const [y, m] = ym;
  return { from: monthStart(y, m), to: monthStart(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1) };
}

/** The statement month an instant falls in (`now` → the current month). */
export function monthOf(instant: Date | string): string {
  const z = zoned(new Date(instant).getTime());
  return formatMonth(z.year, z.month);
}

/** The month before or after (`2026-01`, -1 → `2025-12`). */
export function addMonths(monthText: string, delta: number): string {
  const [y, m] = parseMonth(monthText) ?? [1970, 1];
  const index = y * 12 + (m - 1) + delta;
  return formatMonth(Math.floor(index / 12), (index % 12) + 1);
}
