import { describe, expect, it } from "vitest";
import { openStatus } from "~/features/hours/open-now";
import { parseWeek, simpleWeekly } from "~/features/hours/weekly-hours";

describe("simpleWeekly", () => {
  it("takes weekdays and times only, with a last PH off", () => {
    expect(simpleWeekly("Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00")).toEqual({ holidaysOff: false });
    expect(simpleWeekly("Mo,We-Fr 09:00-24:00;Tu off ; PH off")).toEqual({ holidaysOff: true });
  });

  it("leaves everything else to the library", () => {
    for (const value of [
      "Fr 20:00-02:00", // overnight
      "Mo 12:00-09:00",
      "PH off; Mo-Fr 09:00-17:00", // PH off not last
      "Mo-Fr 09:00-17:00; PH 10:00-12:00",
      "Th[2,4] 10:00-13:00",
      "Mo-Fr 09:00-17:00; 2026 Dec 24 off",
      'Mo-Fr 09:00-17:00 "sur rendez-vous"',
      "Mo-Fr 09:00+",
      "24/7",
      "Mo-Fr 9h-17h",
      "Mo-Fr 09:00-17:00, Sa 10:00-12:00", // additional rule
      "Mo-Fr 25:00-26:00",
    ]) {
      expect(simpleWeekly(value), value).toBeUndefined();
    }
  });
});

describe("parseWeek", () => {
  it("reads an int4multirange as PostgreSQL prints it, and nothing else", () => {
    expect(parseWeek("{[540,720),[840,1020)}")).toEqual([[540, 720], [840, 1020]]);
    expect(parseWeek("{}")).toEqual([]);
    for (const text of ["", "{[540,720]}", "{(1,2)}", "[540,720)", "{[a,b)}"]) expect(parseWeek(text), text).toBeUndefined();
  });

  it("a stored week that cannot be read sends the value to the library", () => {
    const now = new Date("2026-11-24T10:00:00Z");
    const hours = "We-Th 09:00-12:00";
    expect(openStatus(hours, "Europe/Paris", now, { week: "{nonsense}" })).toEqual(openStatus(hours, "Europe/Paris", now));
  });
});
