/**
 * Order rules without a database: what an order request must name, and when a loyalty offer may
 * still be ordered. Used by server/routes/shop.ts (through model/offers.ts) and by the Storybook
 * mocks (stories/mocks/handlers.ts), so both answer 422, 409 and 410 alike.
 */
import { isOfferExpired } from '../../src/domain/offers.js';
import { ApiError, type Lang } from '../problem.js';
import type { Offer } from '../types.js';
import { Fields } from '../validate.js';

/** `{packageId}` or `{offerId}`, exactly one; throws 422 otherwise. */
export function readOrderInput(body: Readonly<Record<string, unknown>>): { packageId: string; offerId: string } {
  const f = new Fields(body);
  const packageId = f.string('packageId', { max: 100 });
  const offerId = f.string('offerId', { max: 100 });
  if (f.errors.length === 0) {
    if (!packageId && !offerId) f.add('packageId', 'required');
    if (packageId && offerId) f.add('offerId', 'exclusive', { fields: 'packageId, offerId' });
  }
  f.check();
  return { packageId, offerId };
}

/** An offer is ordered once; otherwise open until it expires (14 days after issue). */
export function offerStatusAt(offer: { ordered: boolean; expiresAt: string }, now: Date): Offer['status'] {
  if (offer.ordered) return 'ordered';
  return isOfferExpired(offer.expiresAt, now) ? 'expired' : 'open';
}

/** Throws 409 for an offer already ordered and 410 for an expired one. */
export function assertOfferOrderable(status: Offer['status'], expiresAt: string): void {
  if (status === 'ordered') throw new ApiError(409, 'offer_already_ordered');
  if (status === 'expired') throw new ApiError(410, 'offer_expired', { detail: `expired at ${expiresAt}` });
}

/** A loyalty offer's name in both languages, made from its package's names when it is issued. */
export function offerNames(pkg: { name: string; name_en: string | null }): { name: string; name_en: string } {
  return { name: `Treueangebot ${pkg.name}`, name_en: `Loyalty offer ${pkg.name_en || pkg.name}` };
}
