/**
 * Days of the week. One convention for the whole code base: the ISO 8601 weekday,
 * 1 = Monday … 7 = Sunday. Other conventions exist only at the edges, each with a named
 * conversion here:
 *  - OpenStreetMap `opening_hours` codes "Mo" … "Su" (the hours syntax, the editor's fields);
 *  - JS `Date#getDay()` / `getUTCDay()`, 0 = Sunday (the `opening_hours` library's Dates);
 *  - minutes of the week from Monday 00:00, 0 … 10 079 (the places' `week_hours` column).
 */

export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const ISO_WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

/** OpenStreetMap day codes, Monday first: `OSM_WEEKDAYS[weekday - 1]`. */
export const OSM_WEEKDAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"] as const;
export type OsmWeekday = (typeof OSM_WEEKDAYS)[number];

export const DAY_MINUTES = 1440;
export const WEEK_MINUTES = 7 * DAY_MINUTES;

/** 3 → "We". */
export function osmWeekday(day: IsoWeekday): OsmWeekday {
  return OSM_WEEKDAYS[day - 1]!;
}

/** "We" → 3. */
export function weekdayOfOsm(code: OsmWeekday): IsoWeekday {
  return (OSM_WEEKDAYS.indexOf(code) + 1) as IsoWeekday;
}

/** A JS day number (`getDay()`, 0 = Sunday … 6 = Saturday) → ISO (Sunday = 7). */
export function weekdayOfJsDay(jsDay: number): IsoWeekday {
  return (jsDay === 0 ? 7 : jsDay) as IsoWeekday;
}

/** Minutes since Monday 00:00 (the scale of `week_hours`): Tuesday, 600 → 2040. */
export function weekMinute(day: IsoWeekday, minuteOfDay: number): number {
  return (day - 1) * DAY_MINUTES + minuteOfDay;
}
