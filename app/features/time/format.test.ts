import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatDay, formatDayRange, formatSpan, formatTime, formatTimeRange, weekdayName } from "~/features/time/format";

describe("formatTime", () => {
  it("writes French times", () => {
    expect(formatTime(9, 0)).toBe("9 h");
    expect(formatTime(9, 30)).toBe("9 h 30");
    expect(formatTime(9, 5)).toBe("9 h 05");
    expect(formatTime(12, 0)).toBe("12 h");
    expect(formatTime(14, 30)).toBe("14 h 30");
    expect(formatTime(0, 0)).toBe("0 h");
    expect(formatTime(0, 30)).toBe("0 h 30");
    expect(formatTime(24, 0)).toBe("minuit");
    expect(() => formatTime(24, 30)).toThrow(RangeError);
    expect(() => formatTime(9.5, 0)).toThrow(RangeError);
    expect(() => formatTime(9, 60)).toThrow(RangeError);
  });

  it("ranges of a day, in minutes since midnight", () => {
    expect(formatTimeRange(540, 720)).toBe("de 9 h à 12 h");
    expect(formatTimeRange(840, 1050)).toBe("de 14 h à 17 h 30");
    expect(formatTimeRange(1320, 1440)).toBe("de 22 h à minuit");
    expect(formatTimeRange(0, 360)).toBe("de 0 h à 6 h");
  });
});

describe("dates", () => {
  it("the date of a record, always with its year, 1er for the first", () => {
    expect(formatDate("2024-04-02")).toBe("2 avril 2024");
    expect(formatDate("2026-03-01")).toBe("1er mars 2026");
    expect(formatDate("2028-12-31")).toBe("31 décembre 2028");
    expect(() => formatDate("2026-02-30")).toThrow(RangeError);
  });

  it("a day with its weekday, the year only when it is not the current one", () => {
    expect(formatDay("2025-12-09", "2025-06-01")).toBe("mardi 9 décembre");
    expect(formatDay("2025-12-09", "2026-01-05")).toBe("mardi 9 décembre 2025");
    expect(formatDay("2027-01-04", "2026-12-18")).toBe("lundi 4 janvier 2027");
    expect(formatDay("2027-01-04")).toBe("lundi 4 janvier"); // no "today": never the year
    expect(formatDay("2026-12-01")).toBe("mardi 1er décembre");
    expect(formatDay("2026-03-29")).toBe("dimanche 29 mars");
    expect([1, 2, 3, 4, 5, 6, 7].map((d) => weekdayName(d as 1))).toEqual(["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]);
  });

  it("ranges of days", () => {
    expect(formatDayRange("2026-03-03", "2026-03-05")).toBe("du 3 au 5 mars");
    expect(formatDayRange("2026-02-28", "2026-03-02")).toBe("du 28 février au 2 mars");
    expect(formatDayRange("2026-03-01", "2026-03-02")).toBe("du 1er au 2 mars");
    expect(formatDayRange("2026-12-28", "2027-01-02")).toBe("du 28 décembre 2026 au 2 janvier 2027");
    expect(formatDayRange("2026-03-03", "2026-03-03")).toBe("le 3 mars");
    expect(formatDayRange("2027-03-03", "2027-03-05", "2026-11-24")).toBe("du 3 au 5 mars 2027");
    expect(formatDayRange("2026-03-03", "2026-03-05", "2026-11-24")).toBe("du 3 au 5 mars");
  });
});

describe("formatDateTime", () => {
  const now = new Date("2025-12-10T08:00:00Z");
  it("an instant on the clock of metropolitan France by default", () => {
    expect(formatDateTime(new Date("2025-12-09T13:30:00Z"), { now })).toBe("mardi 9 décembre à 14 h 30");
    expect(formatDateTime(new Date("2025-12-09T13:00:00Z"), { now })).toBe("mardi 9 décembre à 14 h");
    expect(formatDateTime(Date.parse("2025-07-14T08:05:00Z"), { now })).toBe("lundi 14 juillet à 10 h 05"); // summer time
    expect(formatDateTime(new Date("2024-12-09T13:30:00Z"), { now })).toBe("lundi 9 décembre 2024 à 14 h 30");
  });

  it("midnight and the nights the clock changes", () => {
    const in2026 = { now: new Date("2026-06-01T00:00:00Z") };
    expect(formatDateTime(new Date("2026-11-24T23:00:00Z"), in2026)).toBe("mercredi 25 novembre à 0 h");
    expect(formatDateTime(new Date("2026-03-29T00:59:00Z"), in2026)).toBe("dimanche 29 mars à 1 h 59");
    expect(formatDateTime(new Date("2026-03-29T01:00:00Z"), in2026)).toBe("dimanche 29 mars à 3 h");
    expect(formatDateTime(new Date("2026-10-25T00:30:00Z"), in2026)).toBe("dimanche 25 octobre à 2 h 30");
    expect(formatDateTime(new Date("2026-10-25T01:30:00Z"), in2026)).toBe("dimanche 25 octobre à 2 h 30");
    // New Year's Eve in Paris is already next year: the year is the zone's.
    expect(formatDateTime(new Date("2026-12-31T23:30:00Z"), { now: new Date("2026-12-31T23:45:00Z") })).toBe("vendredi 1er janvier à 0 h 30");
  });

  it("on the clock of another zone", () => {
    const instant = new Date("2026-11-24T13:00:00Z");
    const now = new Date("2026-11-24T13:00:00Z");
    expect(formatDateTime(instant, { timeZone: "Pacific/Noumea", now })).toBe("mercredi 25 novembre à 0 h");
    expect(formatDateTime(instant, { timeZone: "America/Cayenne", now })).toBe("mardi 24 novembre à 10 h");
    expect(formatDateTime(instant, { timeZone: "Indian/Reunion", now })).toBe("mardi 24 novembre à 17 h");
    expect(formatDateTime(instant, { timeZone: "Pacific/Tahiti", now })).toBe("mardi 24 novembre à 3 h");
  });
});

describe("formatSpan", () => {
  const now = Date.parse("2026-12-04T10:00:00Z");
  it("writes a session within a day, in the zone's clock, with the year only when another", () => {
    expect(formatSpan(Date.parse("2026-12-15T13:00:00Z"), Date.parse("2026-12-15T15:00:00Z"), { timeZone: "Europe/Paris", now })).toBe("mardi 15 décembre, de 14 h à 16 h");
    expect(formatSpan(Date.parse("2027-03-30T12:00:00Z"), Date.parse("2027-03-30T14:30:00Z"), { timeZone: "Europe/Paris", now })).toBe("mardi 30 mars 2027, de 14 h à 16 h 30");
    expect(formatSpan(Date.parse("2026-12-15T10:00:00Z"), Date.parse("2026-12-15T12:00:00Z"), { timeZone: "Indian/Reunion", now })).toBe("mardi 15 décembre, de 14 h à 16 h");
    expect(formatSpan(Date.parse("2026-12-15T21:00:00Z"), Date.parse("2026-12-15T23:00:00Z"), { timeZone: "Europe/Paris", now })).toBe("mardi 15 décembre, de 22 h à minuit");
  });
  it("writes a span across days with both ends", () => {
    expect(formatSpan(Date.parse("2026-12-15T21:00:00Z"), Date.parse("2026-12-16T01:00:00Z"), { timeZone: "Europe/Paris", now })).toBe("du mardi 15 décembre à 22 h au mercredi 16 décembre à 2 h");
  });
});
