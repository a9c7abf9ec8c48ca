import { describe, expect, it } from "vitest";
import { weekMultirange, weeklySlots } from "./weekly-slots";

describe("weeklySlots", () => {
  it("reads the regular week with a lunch break", () => {
    expect(weeklySlots("Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00")).toEqual([
      ...[1, 2, 3, 4, 5].flatMap((weekday) => [
        { weekday, startMinute: 540, endMinute: 720 },
        { weekday, startMinute: 840, endMinute: 1050 },
      ]),
      { weekday: 6, startMinute: 540, endMinute: 720 },
    ]);
  });

  it("ends the day at 1440 and splits a night across midnight", () => {
    expect(weeklySlots("Mo 18:00-24:00")).toEqual([{ weekday: 1, startMinute: 1080, endMinute: 1440 }]);
    expect(weeklySlots("Fr 22:00-02:00")).toEqual([
      { weekday: 5, startMinute: 1320, endMinute: 1440 },
      { weekday: 6, startMinute: 0, endMinute: 120 },
    ]);
  });

  it("counts alternate weeks as open and ignores holidays and dated closures", () => {
    expect(weeklySlots("week 1-53/2 Mo 10:00-12:00; PH off; 2026 Dec 24 off")).toEqual([{ weekday: 1, startMinute: 600, endMinute: 720 }]);
  });

  it("gives nothing for unparseable hours", () => {
    expect(weeklySlots("du lundi au vendredi")).toEqual([]);
  });
});

describe("weekMultirange", () => {
  it("writes minutes of the week from Monday 00:00", () => {
    expect(weekMultirange("Mo 09:00-12:00; Su 23:00-24:00")).toBe("{[540,720),[10020,10080)}");
    expect(weekMultirange("")).toBeNull();
    expect(weekMultirange("off")).toBeNull();
  });
});
