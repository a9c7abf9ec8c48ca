/**
 * When a session is, in words, as the clock of its place shows it: « lundi 5 janvier, de 9 h à
 * 12 h » (the year when it is not the current one there; « de 22 h à minuit » for a session that
 * ends at midnight; both days for one that ends on another day). Pure; the time zone maths is
 * features/time's.
 */
import { isoDate } from "~/features/time/calendar";
import { formatDay, formatTimeRange, formatDateTime } from "~/features/time/format";
import { todayIn } from "~/features/time/today";
import { toWallTime } from "~/features/time/zone";
import { fr } from "~/lib/messages";

export function sessionWhen(startsAt: Date | number, endsAt: Date | number, timeZone: string, now: Date | number): string {
  const start = toWallTime(timeZone, startsAt);
  const end = toWallTime(timeZone, endsAt);
  const startDay = isoDate(start);
  const endDay = isoDate(end);
  const today = todayIn(timeZone, now);
  const startMinute = start.hour * 60 + start.minute;
  const endMinute = end.hour * 60 + end.minute;
  const day = formatDay(startDay, today);
  if (endDay === startDay) return `${day}, ${formatTimeRange(startMinute, endMinute)}`;
  // Ends at the next midnight: « de 22 h à minuit ».
  if (endMinute === 0 && Date.parse(`${endDay}T00:00:00Z`) - Date.parse(`${startDay}T00:00:00Z`) === 86_400_000) {
    return `${day}, ${formatTimeRange(startMinute, 1440)}`;
  }
  return fr.time.dateRange(formatDateTime(startsAt, { timeZone, now }), formatDateTime(endsAt, { timeZone, now }));
}

/** The same with a capital letter, to start a line: « Lundi 5 janvier, de 9 h à 12 h ». */
export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
