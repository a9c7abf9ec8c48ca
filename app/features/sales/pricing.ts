/**
 * Prices and allowances, pure: which unit price applies on a day for a rate category, how much of
 * a free allowance is left, and what a line costs. Amounts are integer cents.
 */
import type { AllowancePeriod } from "~/db/schema";
import { addDays, addMonths, weekdayOf, type IsoDate } from "~/features/time/calendar";

export type DatedPrice = { categoryId: string | null; validFrom: IsoDate; unitPriceCents: number };

/**
 * The unit price of an item on `day` for a rate category: the category's price in force that day
 * (the latest `validFrom` on or before it) when the item has one, else the normal rate in force.
 * Undefined when nothing is in force yet.
 */
export function priceOn(prices: readonly DatedPrice[], day: IsoDate, categoryId: string | null): DatedPrice | undefined {
  const inForce = (category: string | null) =>
    prices
      .filter((p) => p.categoryId === category && p.validFrom <= day)
      .reduce<DatedPrice | undefined>((best, p) => (!best || p.validFrom > best.validFrom ? p : best), undefined);
  return (categoryId ? inForce(categoryId) : undefined) ?? inForce(null);
}

/** The first and last day (inclusive) of the allowance period holding `day`; weeks start on Monday. */
export function allowanceWindow(period: AllowancePeriod, day: IsoDate): { from: IsoDate; to: IsoDate } {
  switch (period) {
    case "day":
      return { from: day, to: day };
    case "week": {
      const from = addDays(day, 1 - weekdayOf(day));
      return { from, to: addDays(from, 6) };
    }
    case "month": {
      const from = `${day.slice(0, 8)}01` as IsoDate;
      return { from, to: addDays(addMonths(from, 1), -1) };
    }
    case "year":
      return { from: `${day.slice(0, 5)}01-01` as IsoDate, to: `${day.slice(0, 5)}12-31` as IsoDate };
  }
}

/** How many of `quantity` are free, given the allowance and what the person already used in the period. */
export function freeQuantity(quantity: number, allowance: number | null, usedInPeriod: number): number {
  if (!allowance || quantity <= 0) return 0;
  return Math.min(quantity, Math.max(0, allowance - usedInPeriod));
}

/** A line's amount: the paid quantity times the unit price. */
export function lineAmount(quantity: number, free: number, unitPriceCents: number): number {
  return (quantity - free) * unitPriceCents;
}

/** The receipt's number as printed: « 2026-000123 ». */
export function receiptNumber(year: number, number: number): string {
  return `${year}-${String(number).padStart(6, "0")}`;
}
