/** Packages and loyalty offers (Treueangebote): personal, cheaper, orderable for 14 days. */
import { OFFER_VALIDITY_DAYS, offerExpiresAt } from '../../src/domain/offers.js';
import type { DB } from '../db.js';
import type { Deps } from '../deps.js';
import { newId } from '../ids.js';
import { queueMail } from '../mail.js';
import { ApiError } from '../problem.js';
import { assertOfferOrderable, offerStatusAt } from '../rules/shop.js';
import type { Offer, Package } from '../types.js';
import { CURRENCY, getCustomer } from './customers.js';

export interface PackageRow { id: string; name: string; description: string; minutes: number; price_amount: number }
export interface OfferRow {
  id: string;
  customer_number: string;
  package_id: string;
  name: string;
  minutes: number;
  price_amount: number;
  reason: 'renewal' | 'credit_exhausted';
  issued_at: string;
  expires_at: string;
  ordered_at: string | null;
}

export const toPackage = (p: PackageRow): Package => ({
  id: p.id, name: p.name, description: p.description, minutes: p.minutes, price: { amount: p.price_amount, currency: CURRENCY },
});

export function listPackages(db: DB): PackageRow[] {
  return db.prepare('SELECT * FROM packages ORDER BY sort').all() as PackageRow[];
}

export function findPackage(db: DB, id: string): PackageRow | undefined {
  return db.prepare('SELECT * FROM packages WHERE id = ?').get(id) as PackageRow | undefined;
}

export function offerStatus(o: OfferRow, now: Date): Offer['status'] {
  return offerStatusAt({ ordered: Boolean(o.ordered_at), expiresAt: o.expires_at }, now);
}

export function toOffer(db: DB, o: OfferRow, now: Date): Offer {
  const pkg = findPackage(db, o.package_id);
  return {
    id: o.id,
    name: o.name,
    minutes: o.minutes,
    price: { amount: o.price_amount, currency: CURRENCY },
    regularPrice: { amount: pkg?.price_amount ?? o.price_amount, currency: CURRENCY },
    packageId: o.package_id,
    reason: o.reason,
    issuedAt: o.issued_at,
    expiresAt: o.expires_at,
    status: offerStatus(o, now),
  };
}

/** The customer's offers: open ones first (soonest expiry first), then the rest newest first. */
export function listOffers(db: DB, customerNumber: string, now: Date): Offer[] {
  const rows = db.prepare('SELECT * FROM offers WHERE customer_number = ? ORDER BY issued_at DESC, id DESC').all(customerNumber) as OfferRow[];
  const offers = rows.map((r) => toOffer(db, r, now));
  const open = offers.filter((o) => o.status === 'open').sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
  return [...open, ...offers.filter((o) => o.status !== 'open')];
}

export function findOffer(db: DB, id: string): OfferRow | undefined {
  return db.prepare('SELECT * FROM offers WHERE id = ?').get(id) as OfferRow | undefined;
}

export function openOffer(db: DB, customerNumber: string, now: Date): OfferRow | undefined {
  return db
    .prepare('SELECT * FROM offers WHERE customer_number = ? AND ordered_at IS NULL AND expires_at > ? ORDER BY expires_at LIMIT 1')
    .get(customerNumber, now.toISOString()) as OfferRow | undefined;
}

/** Loyalty pricing: which package each occasion offers and how much cheaper it is. */
const OFFER_PACKAGE: Record<OfferRow['reason'], string> = { renewal: 'pkg-600', credit_exhausted: 'pkg-180' };
export const LOYALTY_DISCOUNT = 0.15;

export function loyaltyPrice(packagePrice: number): number {
  return Math.floor((packagePrice * (1 - LOYALTY_DISCOUNT)) / 100) * 100;
}

/**
 * Issues an offer and queues its mail; call inside a transaction. Returns the offer and the
 * outbox id to deliver after commit.
 */
export function issueOffer(deps: Deps, customerNumber: string, reason: OfferRow['reason'], issuedAt: Date): { offer: Offer; mailId: string } {
  const { db } = deps;
  const pkg = findPackage(db, OFFER_PACKAGE[reason]);
  if (!pkg) throw new Error(`offer package ${OFFER_PACKAGE[reason]} missing`);
  const id = newId('off');
  const row: OfferRow = {
    id,
    customer_number: customerNumber,
    package_id: pkg.id,
    name: `Treueangebot ${pkg.name}`,
    minutes: pkg.minutes,
    price_amount: loyaltyPrice(pkg.price_amount),
    reason,
    issued_at: issuedAt.toISOString(),
    expires_at: offerExpiresAt(issuedAt).toISOString(),
    ordered_at: null,
  };
  db.prepare(
    `INSERT INTO offers (id, customer_number, package_id, name, minutes, price_amount, reason, issued_at, expires_at, ordered_at)
     VALUES (@id, @customer_number, @package_id, @name, @minutes, @price_amount, @reason, @issued_at, @expires_at, @ordered_at)`,
  ).run(row);
  const customer = getCustomer(db, customerNumber);
  const offer = toOffer(db, row, issuedAt);
  const euros = (cents: number) => (cents / 100).toLocaleString('de-DE', { style: 'currency', currency: CURRENCY });
  const occasion = reason === 'renewal' ? 'zur Verlängerung Ihrer Lizenzen' : 'weil Ihr Supportguthaben aufgebraucht ist';
  const mailId = queueMail(db, deps.clock, {
    to: customer.email,
    cc: [],
    subject: `Ihr persönliches Treueangebot: ${pkg.minutes} Minuten Support`,
    body: [
      `Guten Tag ${customer.name},`,
      '',
      `${occasion} erhalten Sie ein persönliches Treueangebot:`,
      `${row.name}: ${pkg.minutes} Minuten für ${euros(row.price_amount)} statt ${euros(pkg.price_amount)}.`,
      '',
      `Das Angebot ist ${OFFER_VALIDITY_DAYS} Tage gültig, bis ${new Date(row.expires_at).toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin' })}.`,
      `Bestellen: ${deps.publicUrl.replace(/\/$/, '')}/?offer=${encodeURIComponent(id)}`,
      '',
      'Ihr Cadia-Team',
    ].join('\n'),
  });
  return { offer, mailId };
}

/** The offer a customer may order, or the reason they may not. */
export function orderableOffer(db: DB, id: string, customerNumber: string, now: Date): OfferRow {
  const o = findOffer(db, id);
  if (!o || o.customer_number !== customerNumber) throw new ApiError(404, 'not_found');
  assertOfferOrderable(offerStatus(o, now), o.expires_at);
  return o;
}
