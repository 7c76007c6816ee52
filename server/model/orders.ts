/** Orders: a package or a loyalty offer bought raises the credit, with a confirmation mail. */
import type { Conn, Tx } from '../db.js';
import type { Deps } from '../deps.js';
import { newId } from '../ids.js';
import { orderConfirmedMail } from '../mail-texts.js';
import { queueMail } from '../outbox.js';
import { ApiError, type Lang } from '../problem.js';
import type { Credit, Order } from '../types.js';
import { creditChanged, CURRENCY } from './customers.js';
import { moveCredit } from './ledger.js';
import { findPackage, offerChanged, takeOffer } from './offers.js';
import type { Author } from './tickets.js';

interface OrderRow {
  id: string; customer_number: string; package_id: string | null; offer_id: string | null;
  name: string; minutes: number; price_amount: number; created_at: string; contact_id: string | null;
}

const toOrder = (o: OrderRow & { contact_name: string | null }): Order => ({
  id: o.id, packageId: o.package_id, offerId: o.offer_id, name: o.name, minutes: o.minutes,
  price: { amount: o.price_amount, currency: CURRENCY }, createdAt: o.created_at,
  contact: o.contact_id ? { id: o.contact_id, name: o.contact_name ?? '' } : null,
});

/** The company's orders, newest first, with who placed each. */
export async function listOrders(db: Conn, customerNumber: string): Promise<Order[]> {
  const rows = await db.selectFrom('orders as o').leftJoin('contacts as p', 'p.id', 'o.contact_id').selectAll('o').select('p.name as contact_name')
    .where('o.customer_number', '=', customerNumber).orderBy('o.created_at', 'desc').orderBy('o.id', 'desc').execute();
  return rows.map(toOrder);
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
  let item: { name: string; minutes: number; price: number; packageId: string | null; offerId: string | null };
  if (o.offerId) {
    const offer = await takeOffer(trx, o.offerId, o.customerNumber, now);
    item = { name: offer.name, minutes: offer.minutes, price: offer.price_amount, packageId: offer.package_id, offerId: offer.id };
  } else {
    const pkg = await findPackage(trx, o.packageId);
    if (!pkg) throw new ApiError(404, 'not_found', { detail: `package ${o.packageId}` });
    item = { name: pkg.name, minutes: pkg.minutes, price: pkg.price_amount, packageId: pkg.id, offerId: null };
  }
  const row: OrderRow = {
    id: newId('ord'), customer_number: o.customerNumber, package_id: item.packageId, offer_id: item.offerId,
    name: item.name, minutes: item.minutes, price_amount: item.price, created_at: at, contact_id: o.author.contactId,
  };
  await trx.insertInto('orders').values(row).execute();
  const credit = await moveCredit(trx, { customerNumber: o.customerNumber, kind: 'order', minutes: item.minutes, at, orderId: row.id });
  // The confirmation goes to the person who ordered.
  const text = orderConfirmedMail(o.lang, { name: o.author.name, item: item.name, minutes: item.minutes, creditMinutes: credit.minutes });
  await queueMail(trx, deps.clock, { to: o.author.email, cc: [], ...text });
  creditChanged(trx, o.customerNumber, credit);
  if (item.offerId) offerChanged(trx, o.customerNumber, item.offerId, at);
  return { order: toOrder({ ...row, contact_name: o.author.name }), credit };
}
