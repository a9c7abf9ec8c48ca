/**
 * The most common opening hours — weekdays and times only, perhaps closed on public holidays
 * ("Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off"), 99 % of the distinct values in the
 * real files — answered without the `opening_hours` library, whose parsing costs ≈2 ms per
 * value (its prose-correction step) and dominated the directory's search.
 *
 * The regular week is the one the library computed when the hours were written (the places'
 * `week_hours` column, minutes since Monday 00:00); this module only recognises the values for
 * which that week is the whole story — the only other rule being a last `PH off` — and
 * evaluates them with the library's semantics (open-now.test.ts compares both on every value
 * of the real files). Anything else goes to the library.
 */
import { holidayNameAtWallDate } from "~/features/hours/holidays";
import type { HoursLocation } from "~/features/hours/opening-hours";
import { DAY_MINUTES, weekdayOfJsDay, weekMinute } from "~/features/time/weekday";

const DAY = "(?:Mo|Tu|We|Th|Fr|Sa|Su)";
const DAYS = `${DAY}(?:-${DAY})?(?:,${DAY}(?:-${DAY})?)*`;
const TIME = "(?:[01]\\d|2[0-3]):[0-5]\\d";
const SPAN = `${TIME}-(?:${TIME}|24:00)`;
const RULE = `${DAYS} (?:${SPAN}(?:,${SPAN})*|off)`;
const SIMPLE = new RegExp(`^${RULE}(?:\\s*;\\s*${RULE})*(\\s*;\\s*PH off)?$`);
const SPANS = /(\d\d):(\d\d)-(\d\d):(\d\d)/g;

/**
 * Is this value only weekdays and times (no dates, weeks, comments, overnight ranges…),
 * perhaps followed by `PH off`? Then `holidaysOff` says whether holidays close the place.
 */
export function simpleWeekly(value: string): { holidaysOff: boolean } | undefined {
  const match = SIMPLE.exec(value.trim());
  if (!match) return undefined;
  for (const [, h1, m1, h2, m2] of value.matchAll(SPANS)) {
    if (Number(h2) * 60 + Number(m2) <= Number(h1) * 60 + Number(m1)) return undefined; // overnight: the library's rules are subtler
  }
  return { holidaysOff: match[1] !== undefined };
}

/** "{[540,720),[840,1020)}" (an int4multirange as text) → [[540, 720], [840, 1020]]; undefined if malformed. */
export function parseWeek(text: string): [number, number][] | undefined {
  if (text === "{}") return [];
  const ranges: [number, number][] = [];
  for (const part of text.slice(1, -1).split("),")) {
    const m = /^\[(\d+),(\d+)\)?$/.exec(part);
    if (!m) return undefined;
    ranges.push([Number(m[1]), Number(m[2])]);
  }
  return ranges;
}

const holidayCache = new Map<string, boolean>();

/**
 * The subset of the library's API that open-now uses, on "wall dates" (Dates whose
 * process-local fields are the place's local time, as the library reads them).
 */
export class WeeklyHours {
  constructor(
    private readonly week: [number, number][],
    private readonly holidaysOff: boolean,
    private readonly location: HoursLocation,
  ) {}

  private isHoliday(wall: Date): boolean {
    if (!this.holidaysOff) return false;
    const key = `${this.location.countryCode}|${this.location.state}|${wall.getFullYear()}-${wall.getMonth()}-${wall.getDate()}`;
    let holiday = holidayCache.get(key);
    if (holiday === undefined) {
      holiday = holidayNameAtWallDate(new Date(wall.getFullYear(), wall.getMonth(), wall.getDate(), 12), this.location) !== undefined;
      if (holidayCache.size >= 10_000) holidayCache.clear();
      holidayCache.set(key, holiday);
    }
    return holiday;
  }

  getState(wall: Date): boolean {
    if (this.isHoliday(wall)) return false;
    const minute = weekMinute(weekdayOfJsDay(wall.getDay()), wall.getHours() * 60 + wall.getMinutes() + wall.getSeconds() / 60 + wall.getMilliseconds() / 60_000);
    return this.week.some(([start, end]) => minute >= start && minute < end);
  }

  getUnknown(): boolean {
    return false;
  }

  getComment(): undefined {
    return undefined;
  }

  /** The first instant after `from` and before `max` where the state changes, as the library's getNextChange. */
  getNextChange(from: Date, max: Date): Date | undefined {
    const state = this.getState(from);
    for (let day = 0; ; day++) {
      const midnight = new Date(from.getFullYear(), from.getMonth(), from.getDate() + day);
      if (midnight >= max) return undefined;
      // The state can only change at midnight (weekday, holiday) or at a range's start or end.
      const offset = weekMinute(weekdayOfJsDay(midnight.getDay()), 0);
      const minutes = [0];
      for (const [start, end] of this.week) {
        for (const m of [start - offset, end - offset]) if (m > 0 && m < DAY_MINUTES) minutes.push(m);
      }
      minutes.sort((a, b) => a - b);
      for (const m of minutes) {
        const at = new Date(midnight.getFullYear(), midnight.getMonth(), midnight.getDate(), 0, m);
        if (at <= from) continue;
        if (at >= max) return undefined;
        if (this.getState(at) !== state) return at;
      }
    }
  }
}
