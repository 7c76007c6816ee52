/** Time source. Injected everywhere so tests can move time (offer expiry, unread replies) without sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function createManualClock(start: Date): Clock & { set(d: Date): void; advance(ms: number): void } {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    set: (d: Date) => { t = d.getTime(); },
    advance: (ms: number) => { t += ms; },
  };
}

export const MINUTE_MS = 60_000;
/** Defined with the shared rules that count in days (src/domain/time.ts). */
export { DAY_MS } from '../src/domain/time.js';
