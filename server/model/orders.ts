/** Orders: a package or a loyalty offer bought raises the credit, with a confirmation mail. */
import type { Conn, Tx } from '../db.js';
import type { Deps } from '../deps.js';
import { newId } from '../ids.js';
import { orderCancelledMail, orderConfirmedMail } from '../mail-texts.js';
import { ApiError, textIn, type Lang } from '../problem.js';
import type { Credit, Order } from '../types.js';
import { creditChanged, CURRENCY } from './customers.js';
import { moveCredit } from './ledger.js';
import { findPackage, offerChanged, takeOffer } from './offers.js';
import { langOf, recipientOf, sendMail } from './notifications.js';
import type { Author } from './tickets.js';

interface OrderRow {
  id: string; customer_number: string; package_id: string | null; offer_id: string | null;
  name: string; name_en: string | null; minutes: number; price_amount: number; created_at: string; contact_id: string | null;
  status: 'credited' | 'cancelled'; cancelled_at: string | null; cancel_note: string; automatic: number;
}

/** An order as the contract has it, named in `lang` (the English name where it was ordered with one). */
export const toOrder = (o: OrderRow & { contact_name: string | null }, lang: Lang): Order => ({
  id: o.id, packageId: o.package_id, offerId: o.offer_id, name: textIn(lang, o.name, o.name_en), minutes: o.minutes,
  price: { amount: o.price_amount, currency: CURRENCY }, createdAt: o.created_at,
  contact: o.contact_id ? { id: o.contact_id, name: o.contact_name ?? '' } : null,
  status: o.status, cancelledAt: o.cancelled_at, cancelNote: o.cancel_note,
  automatic: o.automatic === 1,
});

/** The company's orders, newest first, with who placed each, named in `lang`. */
export async function listOrders(db: Conn, customerNumber: string, lang: Lang): Promise<Order[]> {
  const rows = await db.selectFrom('orders as o').leftJoin('contacts as p', 'p.id', 'o.contact_id').selectAll('o').select('p.name as contact_name')
    .where('o.customer_number', '=', customerNumber).orderBy('o.created_at', 'desc').orderBy('o.id', 'desc').execute();
  return rows.map((r) => toOrder(r, lang));
}

/**
 * Orders a package, or the customer's open offer (taken in one conditional update: of two orders
 * at once exactly one succeeds). The confirmation is mailed in `lang`, the language ordered in.
 */
export async function placeOrder(
  trx: Tx, deps: Deps, o: { customerNumber: string; author: Author; packageId: string; offerId: string; lang: Lang },
): Promise<{ order: Order; credit: Credit }> {
  const now = deps.clock.now();
  const at = now.toISOString();
  let item: { name: string; nameEn: string | null; minutes: number; price: number; packageId: string | null; offerId: string | null };
  if (o.offerId) {
    const offer = await takeOffer(trx, o.offerId, o.customerNumber, now);
    item = { name: offer.name, nameEn: offer.name_en, minutes: offer.minutes, price: offer.price_amount, packageId: offer.package_id, offerId: offer.id };
  } else {
    const pkg = await findPackage(trx, o.packageId);
    if (!pkg) throw new ApiError(404, 'not_found', { detail: `package ${o.packageId}` });
    item = { name: pkg.name, nameEn: pkg.name_en, minutes: pkg.minutes, price: pkg.price_amount, packageId: pkg.id, offerId: null };
  }
  const row: OrderRow = {
    id: newId('ord'), customer_number: o.customerNumber, package_id: item.packageId, offer_id: item.offerId,
    name: item.name, name_en: item.nameEn, minutes: item.minutes, price_amount: item.price, created_at: at, contact_id: o.author.contactId,
    status: 'credited', cancelled_at: null, cancel_note: '', automatic: 0,
  };
  await trx.insertInto('orders').values(row).execute();
  const credit = await moveCredit(trx, deps, { customerNumber: o.customerNumber, kind: 'order', minutes: item.minutes, at, orderId: row.id });
  // The confirmation goes to the person who ordered.
  const text = orderConfirmedMail(o.lang, { name: o.author.name, item: textIn(o.lang, item.name, item.nameEn), minutes: item.minutes, creditMinutes: credit.minutes });
  await sendMail(trx, deps, { key: o.author.contactId, customerNumber: o.customerNumber, name: o.author.name, email: o.author.email, lang: o.lang }, 'orders', text);
  creditChanged(trx, o.customerNumber, credit);
  if (item.offerId) offerChanged(trx, o.customerNumber, item.offerId, at);
  return { order: toOrder({ ...row, contact_name: o.author.name }, o.lang), credit };
}

/**
 * The support team cancels an order (a mistaken order, a refund agreed with the customer): the order
 * is `cancelled` with the reason, and a correction on the statement takes its minutes back — in one
 * transaction, so the order list and the statement never disagree. The credit may go below zero
 * when the minutes were already used (then they are billed like any other use). Whoever ordered is
 * mailed. An order cancelled already is a 409; another customer's order does not matter here (the
 * desk addresses orders by id). A loyalty offer stays ordered: it is not issued again.
 */
export async function cancelOrder(trx: Tx, deps: Deps, c: { orderId: string; note: string; lang: Lang }): Promise<{ order: Order; credit: Credit }> {
  const at = deps.clock.now().toISOString();
  // Conditional update: of two cancellations at once exactly one changes the row.
  const row = await trx.updateTable('orders').set({ status: 'cancelled', cancelled_at: at, cancel_note: c.note })
    .where('id', '=', c.orderId).where('status', '=', 'credited').returningAll().executeTakeFirst();
  if (!row) {
    const exists = await trx.selectFrom('orders').select('id').where('id', '=', c.orderId).executeTakeFirst();
    throw exists ? new ApiError(409, 'order_already_cancelled') : new ApiError(404, 'not_found');
  }
  const credit = await moveCredit(trx, deps, { customerNumber: row.customer_number, kind: 'correction', minutes: -row.minutes, at, orderId: row.id, note: c.note });
  const contact = row.contact_id ? await trx.selectFrom('contacts').select(['name', 'locale']).where('id', '=', row.contact_id).executeTakeFirst() : undefined;
  const to = await recipientOf(trx, { ...row, lang: langOf(contact?.locale, 'de') });
  await sendMail(trx, deps, to, 'orders', orderCancelledMail(to.lang, { name: to.name, item: textIn(to.lang, row.name, row.name_en), minutes: row.minutes, note: c.note, creditMinutes: credit.minutes }));
  creditChanged(trx, row.customer_number, credit);
  return { order: toOrder({ ...row, contact_name: contact?.name ?? null }, c.lang), credit };
}

/**
 * The automatic top-up's order (credit-watch.ts decides when): the chosen package at its price, by
 * no person, marked automatic; inside the movement's transaction, so it is placed once with it.
 * The caller mails the admins; the credit event is the caller's too.
 */
export async function placeAutomaticOrder(
  trx: Tx, deps: Deps, customerNumber: string, pkg: { id: string; name: string; name_en: string | null; minutes: number; price_amount: number }, at: string,
): Promise<{ order: Order; credit: Credit }> {
  const row: OrderRow = {
    id: newId('ord'), customer_number: customerNumber, package_id: pkg.id, offer_id: null,
    name: pkg.name, name_en: pkg.name_en, minutes: pkg.minutes, price_amount: pkg.price_amount, created_at: at, contact_id: null, automatic: 1,
    status: 'credited', cancelled_at: null, cancel_note: '',
  };
  await trx.insertInto('orders').values(row).execute();
  const credit = await moveCredit(trx, deps, { customerNumber, kind: 'order', minutes: pkg.minutes, at, orderId: row.id });
  return { order: toOrder({ ...row, contact_name: null }, 'de'), credit };
}
