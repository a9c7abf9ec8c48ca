import { DAY_MINUTES, weekdayOfJsDay, weekMinute, type IsoWeekday } from "~/features/time/weekday";
import { parseOpeningHours } from "./opening-hours";

export type WeeklySlot = { weekday: IsoWeekday; startMinute: number; endMinute: number };

/**
 * The regular week of an opening_hours value as (ISO weekday, minutes) slots, for SQL
 * pre-filtering. Two reference weeks without French public holidays (February 2025)
 * are read so that rules alternating by week count as open in either. Dated exceptions
 * and public holidays are ignored here: callers check the exact state with the library.
 * Returns [] for unparseable hours.
 */
export function weeklySlots(openingHours: string): WeeklySlot[] {
  let oh;
  try {
    oh = parseOpeningHours(openingHours);
  } catch {
    return [];
  }
  // Local dates: the library reads Date objects in the process's local time.
  const from = new Date(2025, 1, 3, 0, 0, 0);
  const to = new Date(2025, 1, 17, 0, 0, 0);
  const seen = new Set<string>();
  const slots: WeeklySlot[] = [];
  for (const [start, end, unknown] of oh.getOpenIntervals(from, to) as [Date, Date, boolean, string | undefined][]) {
    if (unknown) continue; // "unknown" state is never claimed open
    // Split intervals that run past midnight into one slot per day.
    let cursor = start;
    while (cursor < end) {
      const midnight = new Date(cursor.getFullYear(), cursor.getMonth(), cursor.getDate() + 1);
      const stop = end < midnight ? end : midnight;
      const weekday = weekdayOfJsDay(cursor.getDay());
      const startMinute = cursor.getHours() * 60 + cursor.getMinutes();
      const endMinute = stop.getTime() === midnight.getTime() ? DAY_MINUTES : stop.getHours() * 60 + stop.getMinutes();
      const key = `${weekday}:${startMinute}:${endMinute}`;
      if (endMinute > startMinute && !seen.has(key)) {
        seen.add(key);
        slots.push({ weekday, startMinute, endMinute });
      }
      cursor = stop;
    }
  }
  return mergeOverlaps(slots);
}

/** Overlapping or touching slots of the same day become one (the primary key is per start). */
function mergeOverlaps(slots: WeeklySlot[]): WeeklySlot[] {
  const sorted = [...slots].sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute);
  const out: WeeklySlot[] = [];
  for (const slot of sorted) {
    const last = out[out.length - 1];
    if (last && last.weekday === slot.weekday && slot.startMinute <= last.endMinute) {
      last.endMinute = Math.max(last.endMinute, slot.endMinute);
    } else out.push({ ...slot });
  }
  return out;
}

/**
 * The slots as a PostgreSQL int4multirange literal of minutes of the week
 * (0 = Monday 00:00): "{[540,720),[840,1020)}". Null when there is no known opening.
 */
export function weekMultirange(openingHours: string | null | undefined): string | null {
  if (!openingHours) return null;
  const ranges = weeklySlots(openingHours).map((s) => `[${weekMinute(s.weekday, s.startMinute)},${weekMinute(s.weekday, s.endMinute)})`);
  return ranges.length ? `{${ranges.join(",")}}` : null;
}
