import { describe, expect, it } from "vitest";
import { weekdayOf } from "~/features/time/calendar";
import { ISO_WEEKDAYS, OSM_WEEKDAYS, osmWeekday, weekdayOfJsDay, weekdayOfOsm, weekMinute, WEEK_MINUTES } from "~/features/time/weekday";

describe("weekday conversions at the edges", () => {
  it("OpenStreetMap codes, Monday first", () => {
    expect(ISO_WEEKDAYS.map(osmWeekday)).toEqual(["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]);
    expect(OSM_WEEKDAYS.map(weekdayOfOsm)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("JS getDay (0 = Sunday) agrees with the calendar for a whole week", () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(weekdayOfJsDay)).toEqual([7, 1, 2, 3, 4, 5, 6]);
    for (const date of ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29"]) {
      expect(weekdayOfJsDay(new Date(`${date}T12:00:00Z`).getUTCDay()), date).toBe(weekdayOf(date));
    }
  });

  it("minutes of the week from Monday 00:00 (week_hours)", () => {
    expect(weekMinute(1, 0)).toBe(0);
    expect(weekMinute(2, 600)).toBe(2040); // Tuesday 10:00
    expect(weekMinute(7, 1440)).toBe(WEEK_MINUTES); // the end of Sunday
  });
});
