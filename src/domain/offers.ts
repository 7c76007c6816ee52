/** Loyalty offers (Treueangebote): personal, cheaper, and orderable for 14 days after issue. */
import { DAY_MS } from './time.js';

export const OFFER_VALIDITY_DAYS = 14;

/** The two occasions a customer gets a loyalty offer: the yearly licence renewal, and credit used up. */
export type OfferReason = 'renewal' | 'credit_exhausted';

export function offerExpiresAt(issuedAt: Date): Date {
  return new Date(issuedAt.getTime() + OFFER_VALIDITY_DAYS * DAY_MS);
}

export function isOfferExpired(expiresAt: string | Date, now: Date = new Date()): boolean {
  return now.getTime() >= new Date(expiresAt).getTime();
}

/** Whole days left, rounded up ("noch 5 Tage"); 0 once expired. */
export function offerDaysLeft(expiresAt: string | Date, now: Date = new Date()): number {
  const ms = new Date(expiresAt).getTime() - now.getTime();
  return ms <= 0 ? 0 : Math.ceil(ms / DAY_MS);
}

/** Credit at or below this many minutes counts as run out: the badge offers a package. */
export const CREDIT_EXHAUSTED_AT = 0;
export function isCreditExhausted(minutes: number): boolean {
  return minutes <= CREDIT_EXHAUSTED_AT;
}
