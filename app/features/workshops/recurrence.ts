/**
 * The sessions of a series from its recurrence, and the recurrence in French words. Pure.
 *
 * What a mediator says, as a `Recurrence`: one date; every week (or every N weeks) on some
 * weekdays; the Nth (or last) weekday of every month (or every N months) — « chaque 1er lundi du
 * mois » — from a first date to a last date, or N times.
 *
 * How. The `rrule` library (RFC 5545) expands the days in "floating" mode: every date is a wall
 * clock day written as UTC midnight, so no time zone and no daylight-saving change plays a part in
 * choosing the days. Each kept day then becomes two instants through `features/time/zone.ts`
 * `toInstant` in the place's time zone: a 14 h session is at 14 h on the place's clock in winter
 * and in summer, in Paris as in Saint-Denis de La Réunion or Cayenne.
 *
 * Skipped days: the excluded dates, the public holidays of the place (`features/hours/holidays`)
 * and the school holidays of its zone (`features/hours/school-holidays`), each when asked.
 * « N times » counts the sessions held, after the skipped days (« 10 séances »), not the raw
 * occurrences that RFC 5545's COUNT would count.
 *
 * Caps: a series has at most `MAX_SESSIONS` sessions within `MAX_MONTHS` months of its first date;
 * an expansion that goes past either stops there and says which (`capped`).
 *
 * Stored form (`workshops.rrule`): `DTSTART:20270106T000000` + `RRULE:…` with floating dates
 * (no "Z"), as `recurrenceToRrule` writes and `recurrenceFromRrule` reads; null for one date.
 */
import * as rruleModule from "rrule";
import { publicHolidayOn, locationForTimeZone } from "~/features/hours/holidays";
import type { HoursLocation } from "~/features/hours/opening-hours";
import { schoolCalendarCovers, schoolHolidayOn, type SchoolZone } from "~/features/hours/school-holidays";
import { addDays, addMonths, isoDate, readIsoDate, weekdayOf, type IsoDate } from "~/features/time/calendar";
import { formatTimeRange, weekdayName } from "~/features/time/format";
import { DAY_MINUTES, type IsoWeekday } from "~/features/time/weekday";
import { toInstant } from "~/features/time/zone";
import { fr } from "~/lib/messages";

// rrule is CommonJS: Node's ESM loader gives its exports as `default`, Vite's as named exports.
const rrule = (rruleModule as unknown as { default?: typeof rruleModule }).default ?? rruleModule;
const { RRule, rrulestr } = rrule;

export const MAX_SESSIONS = 200;
export const MAX_MONTHS = 18;

/** Which one of the month: 1st … 5th, or -1 for the last. */
export type MonthlyNth = 1 | 2 | 3 | 4 | 5 | -1;
export const MONTHLY_NTHS: readonly MonthlyNth[] = [1, 2, 3, 4, 5, -1];

/** When it ends: a last date (included) or a number of sessions held; neither: at the caps. */
interface RecurrenceEnd {
  until?: IsoDate;
  count?: number;
}

export type Recurrence =
  | { kind: "once"; date: IsoDate }
  | ({ kind: "weekly"; from: IsoDate; weekdays: IsoWeekday[]; interval: number } & RecurrenceEnd)
  | ({ kind: "monthly"; from: IsoDate; nth: MonthlyNth; weekday: IsoWeekday; interval: number } & RecurrenceEnd);

export interface SeriesSchedule {
  recurrence: Recurrence;
  /** Minutes since midnight on the place's clock; end up to 1440 (midnight). */
  startMinute: number;
  endMinute: number;
  skipSchoolHolidays: boolean;
  skipPublicHolidays: boolean;
  exceptDates: readonly IsoDate[];
}

/** Where the series is held, for its clock and its holidays. */
export interface SeriesWhere {
  timeZone: string;
  /** The school zone of the commune (`schoolZoneOfInsee`); undefined: Corsica, overseas, unknown. */
  schoolZone: SchoolZone | undefined;
  /** Public holidays' rules; by default from the time zone (`locationForTimeZone`). */
  holidays?: HoursLocation;
}

export interface PlannedSession {
  date: IsoDate;
  startsAt: Date;
  endsAt: Date;
}

export type SkipReason = "excluded" | "public-holiday" | "school-holiday";

export interface SkippedDay {
  date: IsoDate;
  reason: SkipReason;
  /** The holiday's name: « Fête du Travail », « Vacances d'hiver ». */
  name?: string;
}

export interface Expansion {
  sessions: PlannedSession[];
  skipped: SkippedDay[];
  /** The recurrence goes on past a cap: its sessions stop at the cap. */
  capped?: "sessions" | "months";
  /**
   * School holidays were to be skipped but could not be checked: the commune has no zone, or
   * (beyond-calendar) the days from `from` are past the school calendar we know.
   */
  schoolHolidaysUnchecked?: { reason: "no-zone" } | { reason: "beyond-calendar"; from: IsoDate };
}

const floating = (day: IsoDate) => {
  const d = readIsoDate(day);
  return new Date(Date.UTC(d.year, d.month - 1, d.day));
};
const dayOfFloating = (date: Date): IsoDate => isoDate({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
const compact = (day: IsoDate) => `${day.replaceAll("-", "")}T000000`;

/** The wall-clock minute `minute` (0 … 1440) of `day` in `timeZone`, as an instant. */
export function instantAt(timeZone: string, day: IsoDate, minute: number): Date {
  const date = minute >= DAY_MINUTES ? addDays(day, 1) : day;
  const m = minute % DAY_MINUTES;
  return new Date(toInstant(timeZone, { ...readIsoDate(date), hour: Math.floor(m / 60), minute: m % 60, second: 0 }));
}

function ruleOf(recurrence: Exclude<Recurrence, { kind: "once" }>) {
  const weekdays = [RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA, RRule.SU];
  return new RRule({
    freq: recurrence.kind === "weekly" ? RRule.WEEKLY : RRule.MONTHLY,
    interval: recurrence.interval,
    wkst: RRule.MO,
    byweekday:
      recurrence.kind === "weekly"
        ? recurrence.weekdays.map((d) => weekdays[d - 1]!)
        : [weekdays[recurrence.weekday - 1]!.nth(recurrence.nth)],
    dtstart: floating(recurrence.from),
    until: recurrence.until ? floating(recurrence.until) : null,
  });
}

/** The first date of a recurrence (the one date of a « once »). */
export function firstDateOf(recurrence: Recurrence): IsoDate {
  return recurrence.kind === "once" ? recurrence.date : recurrence.from;
}

/**
 * The wall-clock days the recurrence yields, in order, before any skipping: those before `limit`,
 * then the first one on or after it, if any (to tell that the cap stopped it).
 */
function candidateDays(recurrence: Recurrence, limit: IsoDate): IsoDate[] {
  if (recurrence.kind === "once") return [recurrence.date];
  const rule = ruleOf(recurrence);
  const days = rule.between(floating(recurrence.from), floating(limit), true).map(dayOfFloating).filter((day) => day < limit);
  const beyond = rule.after(floating(addDays(limit, -1)), false);
  if (beyond) days.push(dayOfFloating(beyond));
  return days;
}

/** The sessions of a series, the days skipped and why, and whether a cap stopped it. */
export function expandSeries(schedule: SeriesSchedule, where: SeriesWhere): Expansion {
  const { recurrence } = schedule;
  const first = firstDateOf(recurrence);
  const limit = addMonths(first, MAX_MONTHS);
  const count = recurrence.kind === "once" ? 1 : recurrence.count;
  const excluded = new Set(schedule.exceptDates);
  const holidays = where.holidays ?? locationForTimeZone(where.timeZone);
  const expansion: Expansion = { sessions: [], skipped: [] };
  if (schedule.skipSchoolHolidays && !where.schoolZone) expansion.schoolHolidaysUnchecked = { reason: "no-zone" };

  for (const day of candidateDays(recurrence, limit)) {
    if (day >= limit) {
      expansion.capped = "months";
      break;
    }
    if (count !== undefined && expansion.sessions.length >= count) break;
    if (expansion.sessions.length >= MAX_SESSIONS) {
      expansion.capped = "sessions";
      break;
    }
    if (excluded.has(day)) {
      expansion.skipped.push({ date: day, reason: "excluded" });
      continue;
    }
    if (schedule.skipPublicHolidays) {
      const name = publicHolidayOn(day, holidays);
      if (name !== undefined) {
        expansion.skipped.push({ date: day, reason: "public-holiday", name });
        continue;
      }
    }
    if (schedule.skipSchoolHolidays && where.schoolZone) {
      if (!schoolCalendarCovers(day)) {
        expansion.schoolHolidaysUnchecked ??= { reason: "beyond-calendar", from: day };
      } else {
        const name = schoolHolidayOn(day, where.schoolZone);
        if (name !== undefined) {
          expansion.skipped.push({ date: day, reason: "school-holiday", name });
          continue;
        }
      }
    }
    expansion.sessions.push({
      date: day,
      startsAt: instantAt(where.timeZone, day, schedule.startMinute),
      endsAt: instantAt(where.timeZone, day, schedule.endMinute),
    });
  }
  return expansion;
}

/** The stored RRULE of a recurrence (floating DTSTART); null for one date. */
export function recurrenceToRrule(recurrence: Recurrence): string | null {
  if (recurrence.kind === "once") return null;
  const codes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
  const parts =
    recurrence.kind === "weekly"
      ? ["FREQ=WEEKLY", `INTERVAL=${recurrence.interval}`, `BYDAY=${recurrence.weekdays.map((d) => codes[d - 1]).join(",")}`, "WKST=MO"]
      : ["FREQ=MONTHLY", `INTERVAL=${recurrence.interval}`, `BYDAY=${recurrence.nth}${codes[recurrence.weekday - 1]}`];
  if (recurrence.until) parts.push(`UNTIL=${compact(recurrence.until)}`);
  if (recurrence.count !== undefined) parts.push(`COUNT=${recurrence.count}`);
  return `DTSTART:${compact(recurrence.from)}\nRRULE:${parts.join(";")}`;
}

/** A stored RRULE back into a recurrence (for the edit form); undefined when it is not one this module writes. */
export function recurrenceFromRrule(text: string | null | undefined, onceDate?: IsoDate): Recurrence | undefined {
  if (!text) return onceDate ? { kind: "once", date: onceDate } : undefined;
  let options;
  try {
    options = rrulestr(text).origOptions;
  } catch {
    return undefined;
  }
  if (!options.dtstart) return undefined;
  const from = dayOfFloating(options.dtstart);
  const end: RecurrenceEnd = {};
  if (options.until) end.until = dayOfFloating(options.until);
  if (options.count != null) end.count = options.count;
  const interval = options.interval ?? 1;
  const days = (Array.isArray(options.byweekday) ? options.byweekday : options.byweekday != null ? [options.byweekday] : []).map((w) =>
    typeof w === "number" ? { weekday: w, n: undefined } : typeof w === "string" ? undefined : { weekday: w.weekday, n: w.n },
  );
  if (days.some((d) => d === undefined) || days.length === 0) return undefined;
  const iso = (weekday: number) => (weekday + 1) as IsoWeekday;
  if (options.freq === RRule.WEEKLY) {
    return { kind: "weekly", from, weekdays: days.map((d) => iso(d!.weekday)).sort((a, b) => a - b), interval, ...end };
  }
  if (options.freq === RRule.MONTHLY && days.length === 1 && days[0]!.n !== undefined && MONTHLY_NTHS.includes(days[0]!.n as MonthlyNth)) {
    return { kind: "monthly", from, nth: days[0]!.n as MonthlyNth, weekday: iso(days[0]!.weekday), interval, ...end };
  }
  return undefined;
}

const words = fr.workshopSetup.recurrence;
const t = fr.time;

function dateWithYear(day: IsoDate, withYear: boolean): string {
  const d = readIsoDate(day);
  return t.date(t.dayOfMonth(d.day), t.months[d.month - 1]!, withYear ? d.year : undefined);
}

/**
 * The recurrence in one French sentence, as a mediator would say it:
 * « Chaque mardi de 14 h à 16 h, du 6 janvier au 31 mars 2027, sauf vacances scolaires et jours fériés ».
 */
export function describeSchedule(schedule: SeriesSchedule): string {
  const { recurrence } = schedule;
  const time = formatTimeRange(schedule.startMinute, schedule.endMinute);
  const parts: string[] = [];
  if (recurrence.kind === "once") {
    parts.push(`${words.once(t.day(weekdayName(weekdayOf(recurrence.date)), dateWithYear(recurrence.date, true)))} ${time}`);
  } else {
    const head =
      recurrence.kind === "weekly"
        ? recurrence.interval === 1
          ? words.everyWeek(recurrence.weekdays.map(weekdayName))
          : words.everyNWeeks(recurrence.weekdays.map(weekdayName), recurrence.interval)
        : recurrence.interval === 1
          ? words.everyMonth(words.nth(recurrence.nth), weekdayName(recurrence.weekday))
          : words.everyNMonths(words.nth(recurrence.nth), weekdayName(recurrence.weekday), recurrence.interval);
    parts.push(`${head} ${time}`);
    if (recurrence.until) {
      const sameYear = recurrence.from.slice(0, 4) === recurrence.until.slice(0, 4);
      const sameMonth = sameYear && recurrence.from.slice(5, 7) === recurrence.until.slice(5, 7);
      const start = sameMonth ? t.dayOfMonth(readIsoDate(recurrence.from).day) : dateWithYear(recurrence.from, !sameYear);
      parts.push(t.dateRange(start, dateWithYear(recurrence.until, true)));
    } else if (recurrence.count !== undefined) {
      parts.push(words.fromCount(dateWithYear(recurrence.from, true), recurrence.count));
    } else {
      parts.push(words.from(dateWithYear(recurrence.from, true)));
    }
  }
  const except: string[] = [];
  if (recurrence.kind !== "once") {
    if (schedule.skipSchoolHolidays) except.push(words.schoolHolidays);
    if (schedule.skipPublicHolidays) except.push(words.publicHolidays);
    for (const day of [...schedule.exceptDates].sort()) except.push(words.exceptDay(dateWithYear(day, true)));
  }
  if (except.length > 0) parts.push(words.except(except));
  return parts.join(", ");
}
