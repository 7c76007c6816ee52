/**
 * Billing rules from the vendor's help text, shared by the widgets and the reference backend so
 * that a price shown is the price charged.
 */
import type { TicketCategory } from './categories.js';

/** Support time is billed per started unit of this many minutes (help text: "angefangene 10 Minuten"). */
export const UNIT_MINUTES = 10;

/** Minutes charged for a booking: rounded up to the next started unit (25 → 30, 0 → 0). */
export function chargedMinutes(bookedMinutes: number, unitMinutes = UNIT_MINUTES): number {
  if (bookedMinutes <= 0) return 0;
  return Math.ceil(bookedMinutes / unitMinutes) * unitMinutes;
}

/** Number of started units in a booking. */
export function startedUnits(bookedMinutes: number, unitMinutes = UNIT_MINUTES): number {
  return chargedMinutes(bookedMinutes, unitMinutes) / unitMinutes;
}

/** The vendor's program bugs are not billed and need no credit. */
export function isFreeCategory(category: TicketCategory): boolean {
  return category === 'bug';
}

/** Pay-as-you-go price in minor units for some minutes of support. */
export function payAsYouGoAmount(minutes: number, unitPriceAmount: number, unitMinutes = UNIT_MINUTES): number {
  return startedUnits(minutes, unitMinutes) * unitPriceAmount;
}

/**
 * What a package saves against paying the same minutes per started unit.
 * `percent` is rounded to a whole number for display.
 */
export function packageSaving(
  minutes: number,
  priceAmount: number,
  unitPriceAmount: number,
  unitMinutes = UNIT_MINUTES,
): { amount: number; percent: number; perUnitAmount: number } {
  const regular = payAsYouGoAmount(minutes, unitPriceAmount, unitMinutes);
  const amount = Math.max(0, regular - priceAmount);
  const percent = regular > 0 ? Math.round((amount / regular) * 100) : 0;
  const units = startedUnits(minutes, unitMinutes);
  const perUnitAmount = units > 0 ? Math.round(priceAmount / units) : 0;
  return { amount, percent, perUnitAmount };
}

export interface TimeEntryLike {
  minutes: number;
  billable: boolean;
}

export interface BookingCharge {
  /** Minutes after rounding up per started unit; 0 when the entry is free. */
  charged: number;
  /** Of those, the minutes covered by credit that was above zero. */
  fromCredit: number;
  /** Minutes not covered by credit: billed pay-as-you-go unless a later package covers them. */
  uncovered: number;
}

/**
 * Charges one booking against the credit the customer had before it. Credit may go below zero:
 * the part below zero is `uncovered`.
 */
export function chargeBooking(entry: TimeEntryLike, creditBefore: number, unitMinutes = UNIT_MINUTES): BookingCharge {
  const charged = entry.billable ? chargedMinutes(entry.minutes, unitMinutes) : 0;
  const fromCredit = Math.min(charged, Math.max(0, creditBefore));
  return { charged, fromCredit, uncovered: charged - fromCredit };
}

export interface LedgerTotals {
  bookedMinutes: number;
  freeMinutes: number;
  billableMinutes: number;
  chargedMinutes: number;
}

/** Totals of a ticket's time entries; each billable entry is rounded on its own, as it is charged. */
export function ledgerTotals(entries: readonly TimeEntryLike[], unitMinutes = UNIT_MINUTES): LedgerTotals {
  let booked = 0;
  let free = 0;
  let billable = 0;
  let charged = 0;
  for (const e of entries) {
    booked += e.minutes;
    if (e.billable) {
      billable += e.minutes;
      charged += chargedMinutes(e.minutes, unitMinutes);
    } else {
      free += e.minutes;
    }
  }
  return { bookedMinutes: booked, freeMinutes: free, billableMinutes: billable, chargedMinutes: charged };
}
