/**
 * When a resource of a place (a computer station, a room, a machine, a mediator's appointments)
 * can be booked. Pure functions on epoch milliseconds; every wall-clock question is asked in the
 * place's IANA zone through features/time (never the process zone).
 *
 * How the free time is built, for a window [from, to):
 *  1. open intervals: the place's OSM hours (hours/open-now.ts `openIntervals`, which follows
 *     the clock across daylight-saving nights), intersected with the resource's own hours when
 *     it has some (they narrow the place's: a place without known hours has nothing to book);
 *  2. minus the local days that are public holidays (hours/holidays.ts, rules chosen by the
 *     zone: La Réunion's 20 December, Guyane's 10 June…) or closure days;
 *  3. minus the active bookings, each widened by the buffer on both sides.
 * What is left is a sorted list of disjoint, non-touching intervals ("rooms"); a booking lies
 * inside one room (it may not span two open intervals).
 *
 * Rules of a booking [start, end), checked in this order by checkBookable (the Refusal order):
 *  - past: start < now; lead-time: start < now + minLead; too-far: start > now + maxLeadDays × 24 h;
 *  - length: end − start is minMinutes, minMinutes + gridMinutes, … up to maxMinutes (real minutes:
 *    a booking from 01:30 to 03:30 on the March night lasts one hour); so min = max is a fixed
 *    length, and the shortest booking, the one freeSlots offers, is always allowed;
 *  - grid: start is on the wall-clock grid, minutes since the local midnight divisible by
 *    gridMinutes, on a whole minute (both passes of 02:30 in the autumn repeated hour are on the
 *    grid; nothing in the spring gap is, since no instant shows those times);
 *  - closed, holiday: no part of it on a closure day or a public holiday (local days);
 *  - hours: entirely inside one open interval; taken: not overlapping a widened booking.
 * freeSlots lists exactly the grid starts that pass these rules with the minimum length.
 */
import { locationForTimeZone, publicHolidayOn } from "~/features/hours/holidays";
import { openIntervals } from "~/features/hours/open-now";
import { addDays, isoDate, type IsoDate } from "~/features/time/calendar";
import { nextTransition, offsetAt, startOfDay, toWallTime } from "~/features/time/zone";

export type Interval = { start: number; end: number }; // [start, end), epoch ms
export type SlotRules = { minMinutes: number; maxMinutes: number; gridMinutes: number; minLeadMinutes: number; maxLeadDays: number; bufferMinutes: number; hours: string | null };
export type AvailabilityInput = {
  timeZone: string;
  placeHours: string | null; // the place's OSM opening_hours
  rules: SlotRules;
  closures: { startsOn: string; endsOn: string }[]; // YYYY-MM-DD inclusive, in the place's zone (whole place or this resource)
  busy: Interval[]; // active bookings of this resource (any order)
  now: number;
};
export type Slot = { start: number; end: number; maxEnd: number }; // end = start + minMinutes; maxEnd = latest end allowed (≤ start + maxMinutes)
export type Refusal = "past" | "lead-time" | "too-far" | "length" | "grid" | "closed" | "holiday" | "hours" | "taken";

const MINUTE = 60_000;
const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Intervals: sorted, disjoint lists

/** Sorted, with overlapping or touching intervals merged; empty ones dropped. */
function normalize(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ start: i.start, end: i.end });
  }
  return out;
}

/** a ∩ b, both normalized. */
function intersect(a: Interval[], b: Interval[]): Interval[] {
  const out: Interval[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const start = Math.max(a[i]!.start, b[j]!.start);
    const end = Math.min(a[i]!.end, b[j]!.end);
    if (end > start) out.push({ start, end });
    if (a[i]!.end < b[j]!.end) i++;
    else j++;
  }
  return out;
}

/** a − cuts, both normalized. */
function subtract(a: Interval[], cuts: Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const interval of a) {
    let start = interval.start;
    while (j < cuts.length && cuts[j]!.end <= start) j++;
    for (let k = j; k < cuts.length && cuts[k]!.start < interval.end; k++) {
      if (cuts[k]!.start > start) out.push({ start, end: cuts[k]!.start });
      start = Math.max(start, cuts[k]!.end);
    }
    if (start < interval.end) out.push({ start, end: interval.end });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Days

const dayStarts = new Map<string, number>();

/** startOfDay, remembered: a wall time → instant costs microseconds, and each call looks at a fortnight of days. */
function dayStart(timeZone: string, date: IsoDate): number {
  const key = `${timeZone}|${date}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    start = startOfDay(timeZone, date);
    if (dayStarts.size >= 20_000) dayStarts.clear();
    dayStarts.set(key, start);
  }
  return start;
}

/** The local day `date` (YYYY-MM-DD) in `timeZone`: from its first instant to the next day's (23, 24 or 25 hours). */
export function dayBounds(timeZone: string, date: IsoDate): Interval {
  return { start: dayStart(timeZone, date), end: dayStart(timeZone, addDays(date, 1)) };
}

/** The local days that [from, to) touches, with their bounds. */
function daysOf(timeZone: string, from: number, to: number): (Interval & { date: IsoDate })[] {
  const days: (Interval & { date: IsoDate })[] = [];
  let date = isoDate(toWallTime(timeZone, from));
  let start = dayStart(timeZone, date);
  while (start < to) {
    const next = addDays(date, 1);
    const end = dayStart(timeZone, next);
    days.push({ date, start, end });
    date = next;
    start = end;
  }
  return days;
}

const holidays = new Map<string, boolean>();

function isHoliday(timeZone: string, date: IsoDate): boolean {
  const location = locationForTimeZone(timeZone);
  const key = `${location.countryCode}|${location.state}|${date}`;
  let holiday = holidays.get(key);
  if (holiday === undefined) {
    holiday = publicHolidayOn(date, location) !== undefined;
    if (holidays.size >= 20_000) holidays.clear();
    holidays.set(key, holiday);
  }
  return holiday;
}

function isClosed(input: AvailabilityInput, date: IsoDate): boolean {
  return input.closures.some((c) => c.startsOn <= date && date <= c.endsOn);
}

// ---------------------------------------------------------------------------------------------
// Free time

function checkRules(rules: SlotRules): void {
  const { minMinutes, maxMinutes, gridMinutes } = rules;
  if (!(Number.isInteger(gridMinutes) && gridMinutes >= 1 && Number.isInteger(minMinutes) && minMinutes >= 1 && maxMinutes >= minMinutes)) {
    throw new RangeError("Invalid slot rules");
  }
}

/**
 * When the place (and the resource) is open in [from, to). A place whose hours are not known
 * (none published) is bookable only in its resource's own hours, which then stand
 * alone: the manager who sets them knows when the place opens.
 */
function openTime(input: AvailabilityInput, from: number, to: number): Interval[] {
  if (input.rules.hours === null) return openIntervals(input.placeHours, input.timeZone, from, to);
  const own = openIntervals(input.rules.hours, input.timeZone, from, to);
  if (!input.placeHours?.trim()) return own;
  return intersect(openIntervals(input.placeHours, input.timeZone, from, to), own);
}

/** The free time of [from, to), leads aside: open, not a holiday or closure day, not taken. */
function rooms(input: AvailabilityInput, from: number, to: number): Interval[] {
  if (!(to > from)) return [];
  const open = openTime(input, from, to);
  if (open.length === 0) return [];
  const cuts: Interval[] = [];
  for (const day of daysOf(input.timeZone, from, to)) {
    if (isClosed(input, day.date) || isHoliday(input.timeZone, day.date)) cuts.push(day);
  }
  const buffer = input.rules.bufferMinutes * MINUTE;
  for (const b of input.busy) cuts.push({ start: b.start - buffer, end: b.end + buffer });
  return subtract(open, normalize(cuts));
}

function limits(input: AvailabilityInput): { earliest: number; latest: number } {
  return { earliest: input.now + input.rules.minLeadMinutes * MINUTE, latest: input.now + input.rules.maxLeadDays * DAY };
}

/**
 * Bookable windows: (place hours ∩ resource hours, or place hours when rules.hours is null) −
 * public holidays (hours/holidays.ts, location from the zone) − closures − (busy expanded by
 * bufferMinutes on both sides), within [now + minLead, now + maxLeadDays days].
 * Since only the start is bound by maxLead, a window holding that limit runs on past it by up
 * to maxMinutes (a booking starting at the limit may last that long); no window starts after it.
 * Windows are clipped to [from, to); lengths and the grid are freeSlots' business.
 */
export function bookableIntervals(input: AvailabilityInput, from: number, to: number): Interval[] {
  checkRules(input.rules);
  const { earliest, latest } = limits(input);
  return rooms(input, Math.max(from, earliest), Math.min(to, latest + input.rules.maxMinutes * MINUTE)).filter((room) => room.start <= latest);
}

/**
 * The instants of [first, last] on the wall-clock grid of `timeZone`: minutes since the local
 * midnight divisible by `gridMinutes`. Between two offset changes the wall clock is the instant
 * plus a constant, so the grid is walked in "wall ms" and mapped back: in the autumn repeated
 * hour each pass gives its own instants, in the spring gap there are none.
 */
function gridStarts(timeZone: string, gridMinutes: number, first: number, last: number, visit: (start: number) => void): void {
  const grid = gridMinutes * MINUTE;
  for (let cursor = first; cursor <= last; ) {
    const offset = offsetAt(timeZone, cursor);
    const pieceEnd = nextTransition(timeZone, cursor, last) ?? last + 1; // exclusive
    const wall = cursor + offset;
    let day = Math.floor(wall / DAY) * DAY;
    let at = day + Math.ceil((wall - day) / grid) * grid;
    if (at >= day + DAY) {
      day += DAY;
      at = day;
    }
    while (at - offset < pieceEnd) {
      visit(at - offset);
      at += grid;
      if (at >= day + DAY) {
        // a grid that does not divide the day starts again at midnight
        day += DAY;
        at = day;
      }
    }
    cursor = pieceEnd;
  }
}

/** Free start times in [from, to): on the wall-clock grid (minutes since the local midnight divisible by gridMinutes), each with room for at least minMinutes. */
export function freeSlots(input: AvailabilityInput, from: number, to: number): Slot[] {
  checkRules(input.rules);
  const { minMinutes, maxMinutes, gridMinutes } = input.rules;
  const { earliest, latest } = limits(input);
  const first = Math.max(from, earliest);
  const last = Math.min(to - 1, latest);
  if (last < first) return [];
  const min = minMinutes * MINUTE;
  const grid = gridMinutes * MINUTE;
  const slots: Slot[] = [];
  for (const room of rooms(input, first, last + maxMinutes * MINUTE)) {
    if (room.end - room.start < min) continue;
    gridStarts(input.timeZone, gridMinutes, room.start, Math.min(room.end - min, last), (start) => {
      const steps = Math.floor((Math.min(start + maxMinutes * MINUTE, room.end) - start - min) / grid);
      slots.push({ start, end: start + min, maxEnd: start + min + steps * grid });
    });
  }
  return slots;
}

/** Each local day from `fromDate` for `days` days: its date, its first free slot (or null) and how many free starts. */
export function freeDays(input: AvailabilityInput, fromDate: string, days: number): { date: string; first: Slot | null; count: number }[] {
  const out: { date: string; first: Slot | null; count: number }[] = [];
  if (days <= 0) return out;
  const bounds: (Interval & { date: IsoDate })[] = [];
  let date = fromDate;
  let start = dayStart(input.timeZone, date);
  for (let i = 0; i < days; i++) {
    const next = addDays(date, 1);
    const end = dayStart(input.timeZone, next);
    bounds.push({ date, start, end });
    date = next;
    start = end;
  }
  const slots = freeSlots(input, bounds[0]!.start, bounds[bounds.length - 1]!.end);
  let k = 0;
  for (const day of bounds) {
    while (k < slots.length && slots[k]!.start < day.start) k++;
    const first = k < slots.length && slots[k]!.start < day.end ? slots[k]! : null;
    let count = 0;
    while (k < slots.length && slots[k]!.start < day.end) {
      count++;
      k++;
    }
    out.push({ date: day.date, first, count });
  }
  return out;
}

/** The first free slot starting in [from, from + horizonDays days), or null. Looks a week at a time. */
export function nextFreeSlot(input: AvailabilityInput, from: number, horizonDays: number): Slot | null {
  const end = from + horizonDays * DAY;
  for (let start = from; start < end; start += 7 * DAY) {
    const slots = freeSlots(input, start, Math.min(start + 7 * DAY, end));
    if (slots.length > 0) return slots[0]!;
  }
  return null;
}

/** Can [start, end) be booked? The first reason it cannot, checked in the order above. */
export function checkBookable(input: AvailabilityInput, start: number, end: number): { ok: true } | { ok: false; reason: Refusal } {
  checkRules(input.rules);
  const { timeZone, rules } = input;
  const { earliest, latest } = limits(input);
  const refuse = (reason: Refusal) => ({ ok: false as const, reason });
  if (start < input.now) return refuse("past");
  if (start < earliest) return refuse("lead-time");
  if (start > latest) return refuse("too-far");
  const length = end - start;
  const min = rules.minMinutes * MINUTE;
  if (!(length >= min && length <= rules.maxMinutes * MINUTE && (length - min) % (rules.gridMinutes * MINUTE) === 0)) return refuse("length");
  const wall = toWallTime(timeZone, start);
  if (start % MINUTE !== 0 || (wall.hour * 60 + wall.minute) % rules.gridMinutes !== 0) return refuse("grid");
  const days = daysOf(timeZone, start, end);
  if (days.some((day) => isClosed(input, day.date))) return refuse("closed");
  if (days.some((day) => isHoliday(timeZone, day.date))) return refuse("holiday");
  const open = openTime(input, start, end);
  if (!(open.length === 1 && open[0]!.start === start && open[0]!.end === end)) return refuse("hours");
  const buffer = rules.bufferMinutes * MINUTE;
  if (input.busy.some((b) => b.start - buffer < end && start < b.end + buffer)) return refuse("taken");
  return { ok: true };
}
