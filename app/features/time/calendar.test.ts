import { describe, expect, it } from "vitest";
import { addDays, addMonths, daysBetween, isIsoDate, isoDate, parseIsoDate, readIsoDate, weekdayOf } from "~/features/time/calendar";

describe("parseIsoDate / isoDate", () => {
  it("reads real days only", () => {
    expect(parseIsoDate("2026-03-09")).toEqual({ year: 2026, month: 3, day: 9 });
    expect(isoDate({ year: 2026, month: 3, day: 9 })).toBe("2026-03-09");
    expect(isIsoDate("2024-02-29")).toBe(true); // leap year
    for (const text of ["2026-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "2026-3-9", "09/03/2026", "2026-03-09T00:00:00Z", ""]) {
      expect(parseIsoDate(text), text).toBeUndefined();
      expect(() => readIsoDate(text), text).toThrow(RangeError);
    }
    expect(readIsoDate("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 });
  });
});

describe("addDays", () => {
  it("counts calendar days across months, years, leap days and daylight-saving changes", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
    expect(addDays("2026-03-28", 1)).toBe("2026-03-29"); // Paris's 23-hour day
    expect(addDays("2026-03-29", 1)).toBe("2026-03-30");
    expect(addDays("2026-10-25", 1)).toBe("2026-10-26"); // Paris's 25-hour day
    expect(addDays("2026-11-24", 0)).toBe("2026-11-24");
    expect(() => addDays("2026-02-30", 1)).toThrow(RangeError);
  });
});

describe("addMonths", () => {
  it("keeps the day of the month, or the month's last day when it is shorter", () => {
    expect(addMonths("2026-11-24", -6)).toBe("2026-05-24");
    expect(addMonths("2026-08-31", -6)).toBe("2026-02-28");
    expect(addMonths("2024-08-31", -6)).toBe("2024-02-29");
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
    expect(addMonths("2026-02-15", -3)).toBe("2025-11-15");
    expect(addMonths("2026-12-15", 1)).toBe("2027-01-15");
  });
});

describe("daysBetween", () => {
  it("is the number of days from one date to another, negative backwards", () => {
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2); // over the 23-hour day
    expect(daysBetween("2026-10-24", "2026-10-26")).toBe(2); // over the 25-hour day
    expect(daysBetween("2026-12-31", "2027-01-01")).toBe(1);
    expect(daysBetween("2026-11-24", "2026-11-24")).toBe(0);
    expect(daysBetween("2026-11-24", "2026-11-17")).toBe(-7);
  });
});

describe("weekdayOf", () => {
  it("gives the ISO weekday: 1 = Monday … 7 = Sunday", () => {
    expect(weekdayOf("2026-11-23")).toBe(1);
    expect(weekdayOf("2026-11-24")).toBe(2);
    expect(weekdayOf("2026-03-29")).toBe(7); // last Sunday of March
    expect(weekdayOf("2026-10-25")).toBe(7); // last Sunday of October
    expect(weekdayOf({ year: 2027, month: 1, day: 1 })).toBe(5);
    expect(weekdayOf("2024-02-29")).toBe(4);
  });
});
