/**
 * Dates and times in French words, the one way the application writes them. The words are
 * the catalogue's (`fr.time`); this module chooses among them: "1er" for the first of the
 * month, the year only when it is not the current one, "minuit" for the end of a day.
 * Pure functions, except that `formatDateTime` reads the clock when no `now` is given.
 */
import { isoDate, readIsoDate, weekdayOf, type IsoDate } from "~/features/time/calendar";
import { todayIn } from "~/features/time/today";
import { DAY_MINUTES, type IsoWeekday } from "~/features/time/weekday";
import { FRANCE_TIME_ZONE, toWallTime } from "~/features/time/zone";
import { fr } from "~/lib/messages";

const t = fr.time;

/** 1 → "lundi" … 7 → "dimanche". */
export function weekdayName(day: IsoWeekday): string {
  return t.weekdays[day - 1]!;
}

/**
 * A time of day: 9,0 → "9 h"; 9,30 → "9 h 30"; 9,5 → "9 h 05"; 0,0 → "0 h" (a start,
 * "0 h – 6 h"); 24,0 → "minuit" (an end, "22 h – minuit", "Ouvert jusqu'à minuit"), so an
 * opening at midnight never reads like the end of a day.
 */
export function formatTime(hour: number, minute: number): string {
  if (!Number.isInteger(hour) || !Number.isInteger(minute) || hour < 0 || hour > 24 || minute < 0 || minute > 59 || (hour === 24 && minute !== 0)) {
    throw new RangeError(`Invalid time: ${hour}:${minute}`);
  }
  return hour === 24 ? t.midnight : t.clock(hour, minute);
}

/** Minutes since midnight (0 … 1440) → "de 9 h à 12 h", "de 22 h à minuit". */
export function formatTimeRange(fromMinute: number, toMinute: number): string {
  const words = (m: number) => formatTime(Math.floor(m / 60), m % 60);
  if (fromMinute >= DAY_MINUTES) throw new RangeError(`Invalid start: ${fromMinute}`);
  return t.timeRange(words(fromMinute), words(toMinute));
}

/** "2024-04-02" → "2 avril 2024"; "2024-04-01" → "1er avril 2024". The date of a record: always with its year. */
export function formatDate(date: IsoDate): string {
  const d = readIsoDate(date);
  return t.date(t.dayOfMonth(d.day), t.months[d.month - 1]!, d.year);
}

/**
 * "2026-12-09" → "mardi 9 décembre"; with `today` in another year, "mardi 9 décembre 2025".
 * Without `today` the year is never written: for days within a year of now (the week table,
 * the next opening), where the weekday and the date leave no doubt.
 */
export function formatDay(date: IsoDate, today?: IsoDate): string {
  const d = readIsoDate(date);
  const year = today !== undefined && readIsoDate(today).year !== d.year ? d.year : undefined;
  return t.day(weekdayName(weekdayOf(d)), t.date(t.dayOfMonth(d.day), t.months[d.month - 1]!, year));
}

/**
 * Days from `from` to `to` (included): "du 3 au 5 mars", "du 28 février au 2 mars",
 * "du 28 décembre 2026 au 2 janvier 2027", "le 3 mars" for one day. The year is written when
 * the two days are in different years, or (given `today`) not in the current one.
 */
export function formatDayRange(from: IsoDate, to: IsoDate, today?: IsoDate): string {
  const a = readIsoDate(from);
  const b = readIsoDate(to);
  const otherYear = a.year !== b.year || (today !== undefined && readIsoDate(today).year !== b.year);
  const end = t.date(t.dayOfMonth(b.day), t.months[b.month - 1]!, otherYear ? b.year : undefined);
  if (from === to) return t.oneDay(end);
  const start =
    a.year !== b.year
      ? t.date(t.dayOfMonth(a.day), t.months[a.month - 1]!, a.year)
      : a.month !== b.month
        ? t.date(t.dayOfMonth(a.day), t.months[a.month - 1]!)
        : t.dayOfMonth(a.day);
  return t.dateRange(start, end);
}

/**
 * An instant as the clock of a zone shows it (metropolitan France by default):
 * "mardi 9 décembre à 14 h 30", with the year when it is not the current one there.
 * `now` (the current year) is the current time unless given.
 */
export function formatDateTime(at: Date | number, options: { timeZone?: string; now?: Date | number } = {}): string {
  const timeZone = options.timeZone ?? FRANCE_TIME_ZONE;
  const wall = toWallTime(timeZone, at);
  const day = formatDay(isoDate(wall), todayIn(timeZone, options.now ?? Date.now()));
  return t.dateTime(day, formatTime(wall.hour, wall.minute));
}

/**
 * A span of time as a zone's clock shows it: "mardi 15 décembre, de 14 h à 16 h" (the year when
 * it is not the current one there); across days, "du mardi 15 décembre à 22 h au mercredi 16
 * décembre à 2 h".
 */
export function formatSpan(start: Date | number, end: Date | number, options: { timeZone?: string; now?: Date | number } = {}): string {
  const timeZone = options.timeZone ?? FRANCE_TIME_ZONE;
  const a = toWallTime(timeZone, start);
  const b = toWallTime(timeZone, end);
  const today = todayIn(timeZone, options.now ?? Date.now());
  const sameDay = isoDate(a) === isoDate(b) || (b.hour === 0 && b.minute === 0 && new Date(end).getTime() - new Date(start).getTime() <= 86_400_000);
  if (sameDay) {
    const endMinute = b.hour === 0 && b.minute === 0 && isoDate(a) !== isoDate(b) ? DAY_MINUTES : b.hour * 60 + b.minute;
    return t.daySpan(formatDay(isoDate(a), today), formatTimeRange(a.hour * 60 + a.minute, endMinute));
  }
  return t.spanAcrossDays(formatDateTime(start, { timeZone, now: options.now }), formatDateTime(end, { timeZone, now: options.now }));
}
