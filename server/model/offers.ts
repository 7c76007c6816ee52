/** Packages and loyalty offers (Treueangebote): personal, cheaper, orderable for 14 days. */
import { offerExpiresAt } from '../../src/domain/offers.js';
import type { Conn, Tx } from '../db.js';
import type { OfferReason } from '../../src/domain/offers.js';
import type { Deps } from '../deps.js';
import { newId } from '../ids.js';
import { offerIssuedMail } from '../mail-texts.js';
import { ApiError, textIn, type Lang } from '../problem.js';
import { assertOfferOrderable, offerNames, offerStatusAt } from '../rules/shop.js';
import type { Offer, Package } from '../types.js';
import { CURRENCY } from './customers.js';
import { adminRecipients, sendMail } from './notifications.js';
import { emitEvent } from '../db.js';

export interface PackageRow {
  id: string; name: string; description: string; name_en: string | null; description_en: string | null; minutes: number; price_amount: number;
  /** The occasion whose loyalty offers are for this package, if the vendor chose it for one. */
  offer_for: OfferReason | null;
}
/** What every read of a package selects. */
const PACKAGE_COLUMNS = ['id', 'name', 'description', 'name_en', 'description_en', 'minutes', 'price_amount', 'offer_for'] as const;
export interface OfferRow {
  id: string;
  customer_number: string;
  package_id: string;
  name: string;
  name_en: string | null;
  minutes: number;
  price_amount: number;
  reason: OfferReason;
  issued_at: string;
  expires_at: string;
  ordered_at: string | null;
}

/** A package as the contract has it, its texts in `lang` (German where it has no English ones). */
export const toPackage = (p: PackageRow, lang: Lang): Package => ({
  id: p.id, name: textIn(lang, p.name, p.name_en), description: textIn(lang, p.description, p.description_en), minutes: p.minutes, price: { amount: p.price_amount, currency: CURRENCY },
});

export function listPackages(db: Conn): Promise<PackageRow[]> {
  return db.selectFrom('packages').select(PACKAGE_COLUMNS).orderBy('sort').execute();
}

export function findPackage(db: Conn, id: string): Promise<PackageRow | undefined> {
  return db.selectFrom('packages').select(PACKAGE_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export function offerStatus(o: OfferRow, now: Date): Offer['status'] {
  return offerStatusAt({ ordered: Boolean(o.ordered_at), expiresAt: o.expires_at }, now);
}

/**
 * `regularPrice` is the package's price today; `prices` maps package id → price (one query for a
 * list). Named in `lang`.
 */
export function toOffer(o: OfferRow, now: Date, prices: ReadonlyMap<string, number>, lang: Lang): Offer {
  return {
    id: o.id,
    name: textIn(lang, o.name, o.name_en),
    minutes: o.minutes,
    price: { amount: o.price_amount, currency: CURRENCY },
    regularPrice: { amount: prices.get(o.package_id) ?? o.price_amount, currency: CURRENCY },
    packageId: o.package_id,
    reason: o.reason,
    issuedAt: o.issued_at,
    expiresAt: o.expires_at,
    status: offerStatus(o, now),
  };
}

/** The customer's offers: open ones first (soonest expiry first), then the rest newest first. */
export async function packagePrices(db: Conn): Promise<Map<string, number>> {
  return new Map((await listPackages(db)).map((p) => [p.id, p.price_amount]));
}

export async function offerView(db: Conn, o: OfferRow, now: Date, lang: Lang): Promise<Offer> {
  return toOffer(o, now, await packagePrices(db), lang);
}

export async function listOffers(db: Conn, customerNumber: string, now: Date, lang: Lang): Promise<Offer[]> {
  const rows = await db.selectFrom('offers').selectAll().where('customer_number', '=', customerNumber).orderBy('issued_at', 'desc').orderBy('id', 'desc').execute();
  const prices = await packagePrices(db);
  const offers = rows.map((r) => toOffer(r, now, prices, lang));
  const open = offers.filter((o) => o.status === 'open').sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
  return [...open, ...offers.filter((o) => o.status !== 'open')];
}

export function findOffer(db: Conn, id: string): Promise<OfferRow | undefined> {
  return db.selectFrom('offers').selectAll().where('id', '=', id).executeTakeFirst();
}

export function openOffer(db: Conn, customerNumber: string, now: Date): Promise<OfferRow | undefined> {
  return db.selectFrom('offers').selectAll()
    .where('customer_number', '=', customerNumber).where('ordered_at', 'is', null).where('expires_at', '>', now.toISOString())
    .orderBy('expires_at').limit(1).executeTakeFirst();
}

/** Loyalty pricing: how much cheaper an offer is than its package. */
export const LOYALTY_DISCOUNT = 0.15;

/** The package the vendor chose for an occasion's loyalty offers (`admin -- package set … --offer`), if any. */
function offerPackage(db: Conn, reason: OfferReason): Promise<PackageRow | undefined> {
  return db.selectFrom('packages').select(PACKAGE_COLUMNS).where('offer_for', '=', reason).orderBy('sort').limit(1).executeTakeFirst();
}

/** A package as the vendor's command line sets it; prices in cents. */
export interface PackageInput {
  id: string; name: string; description: string; nameEn: string | null; descriptionEn: string | null; minutes: number; priceAmount: number;
  offerFor: OfferReason | null;
}

/** Adds a package (last in the shop) or changes one; the occasion it is chosen for leaves any other package. */
export async function savePackage(trx: Tx, p: PackageInput): Promise<'added' | 'changed'> {
  if (p.offerFor) await trx.updateTable('packages').set({ offer_for: null }).where('offer_for', '=', p.offerFor).where('id', '!=', p.id).execute();
  const row = { name: p.name, description: p.description, name_en: p.nameEn, description_en: p.descriptionEn, minutes: p.minutes, price_amount: p.priceAmount, offer_for: p.offerFor };
  if (await findPackage(trx, p.id)) {
    await trx.updateTable('packages').set(row).where('id', '=', p.id).execute();
    return 'changed';
  }
  const last = await trx.selectFrom('packages').select((eb) => eb.fn.max('sort').as('sort')).executeTakeFirst();
  await trx.insertInto('packages').values({ id: p.id, ...row, sort: Number(last?.sort ?? -1) + 1 }).execute();
  return 'added';
}

export function loyaltyPrice(packagePrice: number): number {
  return Math.floor((packagePrice * (1 - LOYALTY_DISCOUNT)) / 100) * 100;
}

/** The live event of an offer issued or ordered (the shop reloads its offers on it). */
export function offerChanged(trx: Tx, customerNumber: string, id: string, at: string): void {
  emitEvent(trx, { name: 'offer', customerNumber, data: { id } }, at);
}

/**
 * Issues an offer, queues its mail (in `lang`, the customer's language where known) and its event.
 * Call inside a transaction that holds the customer's lock (lockCustomer) and has checked that no
 * offer is open. Null when the vendor chose no package for the occasion.
 */
export async function issueOffer(
  trx: Tx, deps: Deps, customerNumber: string, reason: OfferReason, issuedAt: Date, lang: Lang,
): Promise<Offer | null> {
  // No package chosen for the occasion (a database made without the demo): no offer, and what
  // caused it (a booking, a renewal) is not held up by it.
  const pkg = await offerPackage(trx, reason);
  if (!pkg) return null;
  const id = newId('off');
  const row: OfferRow = {
    id,
    customer_number: customerNumber,
    package_id: pkg.id,
    ...offerNames(pkg),
    minutes: pkg.minutes,
    price_amount: loyaltyPrice(pkg.price_amount),
    reason,
    issued_at: issuedAt.toISOString(),
    expires_at: offerExpiresAt(issuedAt).toISOString(),
    ordered_at: null,
  };
  await trx.insertInto('offers').values(row).execute();
  const offer = toOffer(row, issuedAt, new Map([[pkg.id, pkg.price_amount]]), lang);
  // To the company's admins (who buy), each in their language where known.
  for (const to of await adminRecipients(trx, customerNumber, lang)) {
    const text = offerIssuedMail(to.lang, {
      name: to.name, reason, offerName: textIn(to.lang, row.name, row.name_en), minutes: pkg.minutes, price: row.price_amount, regularPrice: pkg.price_amount,
      currency: CURRENCY, expiresAt: row.expires_at, orderUrl: `${deps.publicUrl.replace(/\/$/, '')}/?offer=${encodeURIComponent(id)}`,
    });
    await sendMail(trx, deps, to, 'offers', text);
  }
  offerChanged(trx, customerNumber, id, row.issued_at);
  return offer;
}

/**
 * Marks the offer ordered in one conditional update — only if it is the customer's, not ordered
 * and not expired — so of two instances ordering it at once exactly one succeeds. Otherwise
 * throws the reason (404, 409 ordered, 410 expired).
 */
export async function takeOffer(trx: Tx, id: string, customerNumber: string, now: Date): Promise<OfferRow> {
  const at = now.toISOString();
  const taken = await trx.updateTable('offers').set({ ordered_at: at })
    .where('id', '=', id).where('customer_number', '=', customerNumber).where('ordered_at', 'is', null).where('expires_at', '>', at)
    .returningAll().executeTakeFirst();
  if (taken) return taken;
  const o = await findOffer(trx, id);
  if (!o || o.customer_number !== customerNumber) throw new ApiError(404, 'not_found');
  assertOfferOrderable(offerStatus(o, now), o.expires_at);
  throw new Error(`offer ${id} neither taken nor refused`);
}
