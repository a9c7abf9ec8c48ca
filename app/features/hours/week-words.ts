/**
 * A place's coming week (the public page's week table, `weekTable`) in one line, for a text
 * message or a mail: days Monday first, days in a row with the same hours said once, closed days
 * left out — except a day the place usually opens and is closed this week (a public holiday, an
 * exceptional closure), said with its date. Pure.
 *
 * « du lundi au mercredi : 9 h – 12 h et 14 h – 17 h ; jeudi 25 décembre : fermé (Noël) ; vendredi : 9 h – 12 h »
 */
import { weekdayOf } from "~/features/time/calendar";
import { formatDay } from "~/features/time/format";
import { fr } from "~/lib/messages";
import type { WeekDay } from "./open-now";
import { weeklySlots } from "./weekly-slots";

const m = fr.hours.inWords;

type Item = { kind: "open"; days: string[]; hours: string } | { kind: "closed"; text: string };

/**
 * The week in words. `openingHours` tells which weekdays the place usually opens (its regular
 * week, holidays aside), so a usual closing day that falls on a holiday is not announced as closed.
 */
export function weekInWords(week: readonly WeekDay[], openingHours: string): string {
  const usual = new Set(weeklySlots(openingHours).map((slot) => slot.weekday));
  const days = [...week].sort((a, b) => weekdayOf(a.date) - weekdayOf(b.date));
  const items: Item[] = [];
  for (const day of days) {
    const hours = day.ranges.length > 0 ? day.ranges.join(m.and) : (day.note ?? null);
    if (hours === null) {
      // Closed: said only when the place usually opens that weekday and there is a reason.
      const reason = day.holiday ?? (day.closedReason ? lowerFirst(day.closedReason) : undefined);
      if (reason && usual.has(weekdayOf(day.date))) items.push({ kind: "closed", text: m.closedOn(formatDay(day.date), reason) });
      else items.push({ kind: "closed", text: "" });
      continue;
    }
    const last = items.at(-1);
    if (last?.kind === "open" && last.hours === hours) last.days.push(day.dayName);
    else items.push({ kind: "open", days: [day.dayName], hours });
  }
  if (!items.some((item) => item.kind === "open")) return m.closedAllWeek;
  return items.flatMap((item) => (item.kind === "open" ? [m.day(dayList(item.days), item.hours)] : item.text ? [item.text] : [])).join(m.separator);
}

/** « lundi », « lundi et mardi », « du lundi au vendredi ». */
function dayList(days: string[]): string {
  if (days.length === 1) return days[0]!;
  if (days.length === 2) return m.twoDays(days[0]!, days[1]!);
  return m.fromTo(days[0]!, days.at(-1)!);
}

function lowerFirst(text: string): string {
  return text.slice(0, 1).toLowerCase() + text.slice(1);
}
