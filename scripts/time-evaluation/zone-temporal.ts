/**
 * The zone core of app/features/time/zone.ts written with Temporal instead of Intl, kept
 * for the comparison of docs/decisions/008-time.md: same exports, same rule for the DST
 * gap and the repeated hour. Not used by the application.
 *
 *   TIME_CORE=temporal npx vitest run --config scripts/time-evaluation/vitest.config.ts
 *   (the time and hours tests against it), and scripts/time-evaluation/bench.ts.
 *
 * `temporal-polyfill` uses the native Temporal when the runtime has one (Node 26).
 */
import { Temporal } from "temporal-polyfill";
import { readIsoDate, type CalendarDate, type IsoDate } from "~/features/time/calendar";
import type { IsoWeekday } from "~/features/time/weekday";

/** What bench.ts prints (the application's zone.ts has no such export). */
export const implementation = "Temporal (temporal-polyfill 1.0.8)";

export const FRANCE_TIME_ZONE = "Europe/Paris";

export interface WallTime extends CalendarDate {
  hour: number;
  minute: number;
  second: number;
}

export interface ZonedWallTime extends WallTime {
  weekday: IsoWeekday;
}

const zoned = (timeZone: string, at: Date | number) => Temporal.Instant.fromEpochMilliseconds(typeof at === "number" ? at : at.getTime()).toZonedDateTimeISO(timeZone);

const known = new Map<string, boolean>();

export function isTimeZone(timeZone: string): boolean {
  let ok = known.get(timeZone);
  if (ok === undefined) {
    try {
      zoned(timeZone, 0);
      ok = true;
    } catch {
      ok = false;
    }
    known.set(timeZone, ok);
  }
  return ok;
}

export function toWallTime(timeZone: string, at: Date | number): ZonedWallTime {
  const z = zoned(timeZone, at);
  return { year: z.year, month: z.month, day: z.day, hour: z.hour, minute: z.minute, second: z.second, weekday: z.dayOfWeek as IsoWeekday };
}

/** The first instant at which the clock shows `wall` or later: "earlier" in an overlap, the jump in a gap. */
export function toInstant(timeZone: string, wall: WallTime): number {
  const earlier = Temporal.PlainDateTime.from(wall).toZonedDateTime(timeZone, { disambiguation: "earlier" });
  if (earlier.hour === wall.hour && earlier.minute === wall.minute && earlier.second === wall.second) return earlier.epochMilliseconds;
  return earlier.getTimeZoneTransition("next")!.epochMilliseconds;
}

export function startOfDay(timeZone: string, date: IsoDate): number {
  return Temporal.PlainDate.from(readIsoDate(date)).toZonedDateTime(timeZone).epochMilliseconds;
}

export function offsetAt(timeZone: string, at: Date | number): number {
  return zoned(timeZone, at).offsetNanoseconds / 1e6;
}

export function nextTransition(timeZone: string, from: Date | number, to: Date | number): number | undefined {
  const next = zoned(timeZone, from).getTimeZoneTransition("next")?.epochMilliseconds;
  return next !== undefined && next <= (typeof to === "number" ? to : to.getTime()) ? next : undefined;
}
