/** Customers, their support credit and the pay-as-you-go price. */
import { UNIT_MINUTES } from '../../src/domain/billing.js';
import type { DB } from '../db.js';
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
}

export function findCustomer(db: DB, number: string): CustomerRow | undefined {
  return db.prepare('SELECT * FROM customers WHERE number = ?').get(number) as CustomerRow | undefined;
}

export function getCustomer(db: DB, number: string): CustomerRow {
  const row = findCustomer(db, number);
  if (!row) throw new ApiError(404, 'not_found');
  return row;
}

export const toCredit = (c: CustomerRow): Credit => ({ minutes: c.credit_minutes, updatedAt: c.credit_updated_at });

/** Adds (or with a negative delta subtracts) minutes; call inside a transaction. Credit may go below zero. */
export function changeCredit(db: DB, number: string, delta: number, at: string): Credit {
  db.prepare('UPDATE customers SET credit_minutes = credit_minutes + ?, credit_updated_at = ? WHERE number = ?').run(delta, at, number);
  return toCredit(getCustomer(db, number));
}
