/**
 * The low-credit warning and the automatic top-up (issue 17), run after every movement of a
 * customer's credit (ledger.ts) and when the admins change the threshold.
 *
 * The customer's row keeps the level last warned about (`low_credit_state`: ok → low → zero). A
 * warning goes out only when the credit reaches a worse level than that, and the level is taken
 * by a conditional update (`… WHERE low_credit_state = <the level read>`), so of two transactions
 * that both see the fall — two instances booking at once — exactly one mails and orders; the
 * movement's own UPDATE of the row already serialises them on PostgreSQL, the condition makes the
 * rule hold without relying on that. Rising to the threshold or above re-arms both warnings.
 *
 * With an automatic top-up chosen and this calendar month's cap not reached, the fall orders the
 * package instead of warning: the admins get one mail about the order (which says the new credit).
 */
import { monthBounds, monthOf } from '../../src/domain/statement.js';
import { creditLevel, type CreditLevel, levelRank } from '../../src/domain/credit.js';
import type { Conn, Tx } from '../db.js';
import type { Deps } from '../deps.js';
import { autoTopUpMail, creditUsedUpMail, lowCreditMail } from '../mail-texts.js';
import { ApiError, textIn } from '../problem.js';
import type { CreditSettings } from '../types.js';
import { creditChanged, CURRENCY } from './customers.js';
import { adminRecipients, sendMail } from './notifications.js';
import { findPackage } from './offers.js';
import { placeAutomaticOrder } from './orders.js';

/** Automatic orders of the customer in the calendar month (German time, like the statement) of `now`. */
export async function automaticOrdersThisMonth(db: Conn, customerNumber: string, now: Date): Promise<number> {
  const { from, to } = monthBounds(monthOf(now))!;
  const row = await db.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('customer_number', '=', customerNumber).where('automatic', '=', 1)
    .where('created_at', '>=', from.toISOString()).where('created_at', '<', to.toISOString()).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Acts on the customer's credit being `minutes` now: warns, tops up or re-arms. Returns the credit
 * after an automatic order, or undefined when none was placed. Inside the movement's transaction.
 */
export async function watchCredit(trx: Tx, deps: Deps, customerNumber: string, minutes: number, at: string): Promise<number | undefined> {
  const c = await trx.selectFrom('customers')
    .select(['low_credit_threshold', 'low_credit_state', 'auto_topup_package_id', 'auto_topup_monthly_max'])
    .where('number', '=', customerNumber).executeTakeFirstOrThrow();
  const level = creditLevel(minutes, c.low_credit_threshold);
  const last: CreditLevel = c.low_credit_state;
  if (level === last) return undefined;
  if (levelRank(level) < levelRank(last)) {
    // Risen. Re-armed only at or above the threshold (from zero back to low is no new warning).
    if (level === 'ok') await takeLevel(trx, customerNumber, last, 'ok');
    return undefined;
  }
  if (!(await takeLevel(trx, customerNumber, last, level))) return undefined;

  const packageId = c.auto_topup_package_id;
  const placed = packageId ? await automaticOrdersThisMonth(trx, customerNumber, new Date(at)) : 0;
  if (packageId && placed < c.auto_topup_monthly_max) {
    const pkg = await findPackage(trx, packageId);
    if (pkg) {
      const { credit } = await placeAutomaticOrder(trx, deps, customerNumber, pkg, at);
      // This order counts too.
      const left = c.auto_topup_monthly_max - placed - 1;
      for (const to of await adminRecipients(trx, customerNumber, 'de')) {
        await sendMail(trx, deps, to, 'orders', autoTopUpMail(to.lang, {
          name: to.name, item: textIn(to.lang, pkg.name, pkg.name_en), minutes: pkg.minutes, price: pkg.price_amount, currency: CURRENCY,
          creditMinutes: credit.minutes, thresholdMinutes: c.low_credit_threshold, left,
        }));
      }
      return credit.minutes;
    }
  }
  for (const to of await adminRecipients(trx, customerNumber, 'de')) {
    const text = level === 'zero'
      ? creditUsedUpMail(to.lang, { name: to.name, creditMinutes: minutes })
      : lowCreditMail(to.lang, { name: to.name, creditMinutes: minutes, thresholdMinutes: c.low_credit_threshold });
    await sendMail(trx, deps, to, 'lowCredit', text);
  }
  return undefined;
}

/** Moves the warned level from `from` to `to`; false when another transaction moved it first. */
async function takeLevel(trx: Tx, customerNumber: string, from: CreditLevel, to: CreditLevel): Promise<boolean> {
  const r = await trx.updateTable('customers').set({ low_credit_state: to })
    .where('number', '=', customerNumber).where('low_credit_state', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function creditSettings(db: Conn, customerNumber: string, now: Date): Promise<CreditSettings> {
  const c = await db.selectFrom('customers').select(['low_credit_threshold', 'auto_topup_package_id', 'auto_topup_monthly_max'])
    .where('number', '=', customerNumber).executeTakeFirst();
  if (!c) throw new ApiError(404, 'not_found');
  return {
    lowCreditThresholdMinutes: c.low_credit_threshold,
    autoTopUpPackageId: c.auto_topup_package_id,
    autoTopUpMonthlyMax: c.auto_topup_monthly_max,
    autoTopUpsThisMonth: await automaticOrdersThisMonth(db, customerNumber, now),
  };
}

/**
 * The admins' choice of threshold and auto top-up. The credit is judged against the new threshold
 * at once: raised above the credit, the warning (or the top-up) follows now, as after a booking.
 */
export async function saveCreditSettings(
  trx: Tx, deps: Deps, customerNumber: string, s: Omit<CreditSettings, 'autoTopUpsThisMonth'>,
): Promise<CreditSettings> {
  if (s.autoTopUpPackageId && !(await findPackage(trx, s.autoTopUpPackageId))) {
    throw new ApiError(422, 'validation_failed', { errors: [{ field: 'autoTopUpPackageId', code: 'unknown_package' }] });
  }
  const row = await trx.updateTable('customers')
    .set({ low_credit_threshold: s.lowCreditThresholdMinutes, auto_topup_package_id: s.autoTopUpPackageId, auto_topup_monthly_max: s.autoTopUpMonthlyMax })
    .where('number', '=', customerNumber).returning(['credit_minutes']).executeTakeFirst();
  if (!row) throw new ApiError(404, 'not_found');
  const at = deps.clock.now().toISOString();
  const topped = await watchCredit(trx, deps, customerNumber, row.credit_minutes, at);
  if (topped !== undefined) creditChanged(trx, customerNumber, { minutes: topped, updatedAt: at });
  return creditSettings(trx, customerNumber, deps.clock.now());
}
