/**
 * The credit's levels (issue 17): one rule for the badge's low and exhausted states and the
 * server's low-credit mail and automatic top-up (server/model/credit-watch.ts). The threshold is
 * the customer's (DEFAULT_LOW_CREDIT_MINUTES in notifications.ts); run out is offers.ts's
 * isCreditExhausted, which the ticket form's billing hint uses too. A module of its own so the
 * badge takes only this, not the mail kinds the account's settings need.
 */
import { isCreditExhausted } from './offers.js';

/**
 * Where the credit stands against the threshold: `ok` (at or above it), `low` (below it, above
 * zero), `zero` (run out). The server keeps the last state it warned about, so each fall
 * into `low` and into `zero` is mailed once, and rising back to `ok` re-arms both.
 */
export type CreditLevel = 'ok' | 'low' | 'zero';

export function creditLevel(minutes: number, thresholdMinutes: number): CreditLevel {
  if (isCreditExhausted(minutes)) return 'zero';
  return minutes < thresholdMinutes ? 'low' : 'ok';
}

/** How serious a level is; a warning fires only when the level gets worse than the one last warned about. */
export const levelRank = (l: CreditLevel): number => (l === 'ok' ? 0 : l === 'low' ? 1 : 2);
