/** Customers, their support credit and the pay-as-you-go price. */
import { UNIT_MINUTES } from '../../src/domain/billing.js';
import { type Conn, dialectOf, emitEvent, type Tx } from '../db.js';
import { ApiError } from '../problem.js';
import type { Credit, Pricing } from '../types.js';

export const CURRENCY = 'EUR';
/** Pay-as-you-go price per started 10-minute unit, in cents ("Reiter Dienstleistungen"). */
export const UNIT_PRICE_AMOUNT = 1950;

export const PRICING: Pricing = { unitMinutes: UNIT_MINUTES, unitPrice: { amount: UNIT_PRICE_AMOUNT, currency: CURRENCY } };

export interface CustomerRow {
  number: string;
  name: string;
  email: string;
  credit_minutes: number;
  credit_updated_at: string;
  low_credit_threshold: number;
}

export function findCustomer(db: Conn, number: string): Promise<CustomerRow | undefined> {
  return db.selectFrom('customers').selectAll().where('number', '=', number).executeTakeFirst();
}

export async function getCustomer(db: Conn, number: string): Promise<CustomerRow> {
  const row = await findCustomer(db, number);
  if (!row) throw new ApiError(404, 'not_found');
  return row;
}

/**
 * The customer's row, locked until the transaction ends (PostgreSQL: FOR UPDATE). Every write that
 * reads the credit or the open offer before deciding (a booking's split into credit and uncovered
 * minutes, "issue an offer unless one is open") takes this first, so two instances serialise per
 * customer instead of both acting on the same reading. SQLite runs one transaction at a time.
 */
export async function lockCustomer(trx: Tx, number: string): Promise<CustomerRow> {
  const row = await trx.selectFrom('customers').selectAll().where('number', '=', number)
    .$if(dialectOf(trx) === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
  if (!row) throw new ApiError(404, 'not_found');
  return row;
}

export const toCredit = (c: CustomerRow): Credit => ({ minutes: c.credit_minutes, updatedAt: c.credit_updated_at });

/** The live event of a credit change (the badge updates on it). */
export function creditChanged(trx: Tx, number: string, credit: Credit): void {
  emitEvent(trx, { name: 'credit', customerNumber: number, data: { minutes: credit.minutes, updatedAt: credit.updatedAt } }, credit.updatedAt);
}
