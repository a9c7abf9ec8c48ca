/**
 * Calendar dates with no time zone: a day as a calendar shows it. The currency is the ISO
 * 8601 text "YYYY-MM-DD" (`IsoDate`), as the database, the URLs and the national standard
 * write it. Arithmetic goes through `Date.UTC`, which has no daylight-saving changes, so
 * "add one day" is always a calendar day. Pure functions.
 */
import { weekdayOfJsDay, type IsoWeekday } from "~/features/time/weekday";

/** "YYYY-MM-DD". */
export type IsoDate = string;

/** A calendar date as numbers; month 1 … 12. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-03-29" → { year: 2026, month: 3, day: 29 }; undefined when malformed or not a real day ("2026-02-30"). */
export function parseIsoDate(text: string): CalendarDate | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > daysInMonth(date.year, date.month)) return undefined;
  return date;
}

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 ? (leap ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** Is this a real day written "YYYY-MM-DD"? */
export function isIsoDate(text: string): boolean {
  return parseIsoDate(text) !== undefined;
}

/** { year: 2026, month: 3, day: 9 } → "2026-03-09". */
export function isoDate(date: CalendarDate): IsoDate {
  return `${String(date.year).padStart(4, "0")}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

/** Like parseIsoDate, for a date that must be valid: throws a RangeError otherwise. */
export function readIsoDate(date: IsoDate): CalendarDate {
  const parsed = parseIsoDate(date);
  if (!parsed) throw new RangeError(`Invalid date: ${date}`);
  return parsed;
}

function utcDay(date: CalendarDate): number {
  return Date.UTC(date.year, date.month - 1, date.day);
}

function fromUtc(ms: number): IsoDate {
  const d = new Date(ms);
  return isoDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

/** "2026-02-28" + 1 → "2026-03-01"; negative counts go back. */
export function addDays(date: IsoDate, days: number): IsoDate {
  const d = readIsoDate(date);
  return fromUtc(Date.UTC(d.year, d.month - 1, d.day + days));
}

/** "2026-08-31" − 6 months → "2026-02-28": the same day of the month, or the month's last day when it has fewer. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const d = readIsoDate(date);
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return isoDate({ year, month, day: Math.min(d.day, daysInMonth(year, month)) });
}

/** Whole days from `from` to `to` (negative when `to` is before): "2026-03-28" → "2026-03-30" is 2. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((utcDay(readIsoDate(to)) - utcDay(readIsoDate(from))) / DAY_MS);
}

/** ISO weekday of a date: "2026-03-29" (a Sunday) → 7. */
export function weekdayOf(date: IsoDate | CalendarDate): IsoWeekday {
  const d = typeof date === "string" ? readIsoDate(date) : date;
  return weekdayOfJsDay(new Date(utcDay(d)).getUTCDay());
}

/** A date typed by a person: "31/12/2025", "1.3.2025", "1-3-2025" or "2025-12-31" → YYYY-MM-DD; undefined when not a real day. */
export function readDate(text: string): IsoDate | undefined {
  const trimmed = text.trim();
  const typed = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  const date = parseIsoDate(typed ? `${typed[3]}-${typed[2]!.padStart(2, "0")}-${typed[1]!.padStart(2, "0")}` : trimmed);
  return date ? isoDate(date) : undefined;
}
