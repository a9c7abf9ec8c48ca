import { describe, expect, it } from "vitest";
import { membershipPeriod, reminderDay, reminderTime } from "./dates";

describe("membershipPeriod", () => {
  it("starts today and ends the day before the same date, months later", () => {
    expect(membershipPeriod({ today: "2026-12-07", months: 12, currentUntil: null })).toEqual({ startsOn: "2026-12-07", endsOn: "2027-12-06" });
    expect(membershipPeriod({ today: "2026-01-01", months: 12, currentUntil: null })).toEqual({ startsOn: "2026-01-01", endsOn: "2026-12-31" });
    expect(membershipPeriod({ today: "2026-07-14", months: 1, currentUntil: null })).toEqual({ startsOn: "2026-07-14", endsOn: "2026-08-13" });
  });

  it("a short month: the month's last day stands for the same date", () => {
    expect(membershipPeriod({ today: "2027-01-31", months: 1, currentUntil: null })).toEqual({ startsOn: "2027-01-31", endsOn: "2027-02-27" });
    expect(membershipPeriod({ today: "2028-02-29", months: 12, currentUntil: null })).toEqual({ startsOn: "2028-02-29", endsOn: "2029-02-27" });
  });

  it("a renewal continues the current membership; an ended one does not count", () => {
    expect(membershipPeriod({ today: "2027-10-20", months: 12, currentUntil: "2027-12-06" })).toEqual({ startsOn: "2027-12-07", endsOn: "2028-12-06" });
    expect(membershipPeriod({ today: "2027-12-06", months: 6, currentUntil: "2027-12-06" })).toEqual({ startsOn: "2027-12-07", endsOn: "2028-06-06" });
    expect(membershipPeriod({ today: "2027-12-07", months: 6, currentUntil: "2027-12-06" })).toEqual({ startsOn: "2027-12-07", endsOn: "2028-06-06" });
  });
});

describe("reminderTime", () => {
  it("a month before the last day, 10:00 on the place's clock, in winter and in summer", () => {
    expect(reminderDay("2027-12-06")).toBe("2027-11-06");
    expect(new Date(reminderTime("Europe/Paris", "2027-12-06")).toISOString()).toBe("2027-11-06T09:00:00.000Z");
    expect(new Date(reminderTime("Europe/Paris", "2027-07-31")).toISOString()).toBe("2027-06-30T08:00:00.000Z");
    expect(new Date(reminderTime("America/Cayenne", "2027-07-31")).toISOString()).toBe("2027-06-30T13:00:00.000Z");
    // The day the clocks go forward (28 March 2027): 10:00 summer time.
    expect(new Date(reminderTime("Europe/Paris", "2027-04-28")).toISOString()).toBe("2027-03-28T08:00:00.000Z");
  });
});
