/**
 * Time zones: the wall clock of an IANA zone (Europe/Paris, America/Cayenne, Pacific/Noumea…)
 * at an instant, and back. Pure functions on `Intl.DateTimeFormat` (see
 * docs/decisions/008-time.md for why not Temporal); the process time zone plays no part.
 *
 * Instants are epoch milliseconds (a `Date` is accepted wherever an instant is read).
 *
 * Wall time → instant, one rule: **the first instant at which the zone's clock shows the
 * given time or later.**
 *  - Autumn, the repeated hour (Paris, 2026-10-25: 03:00 CEST → 02:00 CET): 02:30 happens
 *    twice; the rule gives the first pass, 02:30 CEST (00:30 UTC).
 *  - Spring, the gap (Paris, 2026-03-29: 02:00 CET → 03:00 CEST): 02:30 never shows; the rule
 *    gives the jump itself, 03:00 CEST (01:00 UTC). A place opening "at 02:30" that night
 *    opens when the clock jumps, and a day whose midnight is skipped starts at the jump.
 *    (Temporal's default, "compatible", would give 03:30 CEST instead.)
 */
import { readIsoDate, type CalendarDate, type IsoDate } from "~/features/time/calendar";
import { weekdayOfJsDay, type IsoWeekday } from "~/features/time/weekday";

/** Metropolitan France: the zone of the back-office, of record dates and of most places. */
export const FRANCE_TIME_ZONE = "Europe/Paris";

/** A date and time as a clock shows it, with no zone attached. */
export interface WallTime extends CalendarDate {
  hour: number;
  minute: number;
  second: number;
}

/** What a zone's clock shows at an instant, with the day of the week. */
export interface ZonedWallTime extends WallTime {
  weekday: IsoWeekday;
}

const SECOND = 1000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Scan step when looking for UTC-offset changes; real zones keep an offset far longer. */
const TRANSITION_SCAN_STEP = 7 * DAY;

/** A wall time read as if it were UTC: the number that offsets are measured against. */
function wallUtc(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

class Zone {
  /**
   * UTC offset of each UTC hour already looked at, when it holds for the whole hour (null
   * when the offset changes within it). Formatting with Intl costs microseconds, statuses
   * are asked for many places at the same instants, and zones change offset at most once an
   * hour: with this, reading the clock costs a map lookup.
   */
  private readonly hourOffsets = new Map<number, number | null>();

  constructor(private readonly format: Intl.DateTimeFormat) {}

  wall(ms: number): ZonedWallTime {
    const hour = Math.floor(ms / HOUR);
    let offset = this.hourOffsets.get(hour);
    if (offset === undefined) {
      // Same offset at the hour's first and last second: no change within it.
      const first = hour * HOUR;
      const last = first + HOUR - SECOND;
      const a = wallUtc(this.formatWall(first)) - first;
      offset = wallUtc(this.formatWall(last)) - last === a ? a : null;
      if (this.hourOffsets.size >= 50_000) this.hourOffsets.clear();
      this.hourOffsets.set(hour, offset);
    }
    if (offset === null) return this.formatWall(ms);
    const d = new Date(Math.floor(ms / SECOND) * SECOND + offset);
    return {
      year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
      hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), weekday: weekdayOfJsDay(d.getUTCDay()),
    };
  }

  private formatWall(ms: number): ZonedWallTime {
    const w: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
    for (const part of this.format.formatToParts(ms)) {
      if (part.type in w) w[part.type as keyof WallTime] = Number(part.value);
    }
    if (w.hour === 24) w.hour = 0; // defensive: some ICU versions print midnight as 24
    return { ...w, weekday: weekdayOfJsDay(new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay()) };
  }

  /** UTC offset (ms) at an instant; constant within a second. */
  offset(ms: number): number {
    const second = Math.floor(ms / SECOND) * SECOND;
    return wallUtc(this.wall(second)) - second;
  }

  /** First instant in (fromMs, toMs] whose offset differs from the offset at fromMs. */
  nextTransition(fromMs: number, toMs: number): number | undefined {
    if (!(toMs > fromMs)) return undefined;
    const base = this.offset(fromMs);
    for (let lo = fromMs; lo < toMs; ) {
      const hi = Math.min(lo + TRANSITION_SCAN_STEP, toMs);
      if (this.offset(hi) !== base) {
        // Offsets change on whole seconds: search seconds, offset(l) === base, offset(h) !== base.
        let l = Math.floor(lo / SECOND);
        let h = Math.floor(hi / SECOND);
        while (h - l > 1) {
          const mid = Math.floor((l + h) / 2);
          if (this.offset(mid * SECOND) === base) l = mid;
          else h = mid;
        }
        return h * SECOND;
      }
      lo = hi;
    }
    return undefined;
  }

  /** The first instant at which the clock shows `w` or later (see the module comment). */
  instant(w: WallTime): number {
    const utc = wallUtc(w);
    // Every offset in force within a day of it: one of them is the offset at that instant.
    const offsets = new Set([this.offset(utc - DAY), this.offset(utc), this.offset(utc + DAY)]);
    const matches = [...offsets].map((o) => utc - o).filter((ms) => wallUtc(this.wall(ms)) === utc);
    if (matches.length > 0) return Math.min(...matches);
    // In a gap: the clock jumps over `w` at the transition between the candidates.
    const bounds = [...offsets].map((o) => utc - o);
    return this.nextTransition(Math.min(...bounds), Math.max(...bounds)) ?? Math.min(...bounds);
  }
}

const zones = new Map<string, Zone | null>();

function lookUp(timeZone: string): Zone | undefined {
  let zone = zones.get(timeZone);
  if (zone === undefined) {
    try {
      zone = new Zone(
        new Intl.DateTimeFormat("en-US", {
          timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric",
        }),
      );
    } catch {
      zone = null; // RangeError: unknown time zone
    }
    if (zones.size >= 256) zones.clear();
    zones.set(timeZone, zone);
  }
  return zone ?? undefined;
}

function zone(timeZone: string): Zone {
  const found = lookUp(timeZone);
  if (!found) throw new RangeError(`Unknown time zone: ${timeZone}`);
  return found;
}

function ms(at: Date | number): number {
  const value = typeof at === "number" ? at : at.getTime();
  if (!Number.isFinite(value)) throw new RangeError("Invalid instant");
  return value;
}

/** Is this an IANA time zone name this runtime knows ("Europe/Paris": yes; "Mars/Olympus_Mons": no)? */
export function isTimeZone(timeZone: string): boolean {
  return lookUp(timeZone) !== undefined;
}

/** What the clock of `timeZone` shows at `at` (to the second). Throws a RangeError for an unknown zone. */
export function toWallTime(timeZone: string, at: Date | number): ZonedWallTime {
  return zone(timeZone).wall(ms(at));
}

/** The first instant at which the clock of `timeZone` shows `wall` or later (epoch ms; see the module comment for DST). */
export function toInstant(timeZone: string, wall: WallTime): number {
  return zone(timeZone).instant(wall);
}

/** The first instant of a day in a zone (its midnight, or the jump when midnight is skipped). */
export function startOfDay(timeZone: string, date: IsoDate): number {
  return toInstant(timeZone, { ...readIsoDate(date), hour: 0, minute: 0, second: 0 });
}

/** UTC offset of the zone at an instant, in ms (Paris in summer: 7 200 000). */
export function offsetAt(timeZone: string, at: Date | number): number {
  return zone(timeZone).offset(ms(at));
}

/** The first instant after `from`, up to `to` included, at which the zone's UTC offset changes; undefined when none. */
export function nextTransition(timeZone: string, from: Date | number, to: Date | number): number | undefined {
  return zone(timeZone).nextTransition(ms(from), ms(to));
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * An instant as ISO 8601 with the zone's offset at that instant, to the second:
 * "2026-12-10T14:00:00+01:00" in Paris in winter, "…+02:00" in summer, "…-03:00" in Cayenne.
 * The same instant as `new Date(at).toISOString()`, written as the place's clock shows it.
 * (An offset that is not whole minutes — local mean time, before 1911 — is written in UTC.)
 */
export function toZonedIso(timeZone: string, at: Date | number): string {
  const offset = offsetAt(timeZone, at);
  if (offset % 60_000 !== 0) return new Date(Math.floor(ms(at) / SECOND) * SECOND).toISOString().replace(".000Z", "Z");
  const w = toWallTime(timeZone, at);
  const minutes = Math.abs(offset) / 60_000;
  const sign = offset < 0 ? "-" : "+";
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
