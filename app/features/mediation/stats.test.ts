import { describe, expect, it } from "vitest";
import { durationBucketOf, monthsOf, occupancyOf, percentages, rate } from "./stats";

describe("monthsOf", () => {
  it("lists the months a period touches, across a year's end", () => {
    expect(monthsOf("2024-11-15", "2025-02-01")).toEqual(["2024-11", "2024-12", "2025-01", "2025-02"]);
    expect(monthsOf("2025-03-01", "2025-03-31")).toEqual(["2025-03"]);
    expect(monthsOf("2025-01-01", "2025-12-31")).toHaveLength(12);
  });
});

describe("durationBucketOf", () => {
  it("follows La Coop's buckets at their edges", () => {
    expect([1, 29, 30, 60, 61, 120, 121, 1440].map(durationBucketOf)).toEqual(["under30", "under30", "30to60", "30to60", "60to120", "60to120", "over120", "over120"]);
  });
});

describe("percentages", () => {
  it("adds up to 100 by giving the rounding to the largest remainders", () => {
    expect(percentages([1, 1, 1])).toEqual([34, 33, 33]);
    expect(percentages([2, 1])).toEqual([67, 33]);
    expect(percentages([0, 0])).toEqual([0, 0]);
    for (const counts of [[7, 5, 3, 1], [1, 2, 3, 4, 5, 6, 7], [999, 1]]) expect(percentages(counts).reduce((a, b) => a + b, 0)).toBe(100);
  });
});

describe("rate", () => {
  it("is null without a denominator", () => {
    expect(rate(1, 4)).toBe(0.25);
    expect(rate(0, 0)).toBeNull();
  });
});

describe("occupancyOf", () => {
  it("spreads each booking over the hours of the clock it covers", () => {
    expect(occupancyOf([{ weekday: 1, startMinute: 9 * 60 + 30, minutes: 90, count: 2 }])).toEqual([
      { weekday: 1, hour: 9, minutes: 60 },
      { weekday: 1, hour: 10, minutes: 120 },
    ]);
  });

  it("adds groups in the same hour and orders the cells by weekday then hour", () => {
    const cells = occupancyOf([
      { weekday: 3, startMinute: 14 * 60, minutes: 60, count: 1 },
      { weekday: 1, startMinute: 9 * 60, minutes: 30, count: 1 },
      { weekday: 1, startMinute: 9 * 60 + 30, minutes: 30, count: 3 },
    ]);
    expect(cells).toEqual([
      { weekday: 1, hour: 9, minutes: 120 },
      { weekday: 3, hour: 14, minutes: 60 },
    ]);
  });

  it("goes on to the next day past midnight, and from Sunday to Monday", () => {
    expect(occupancyOf([{ weekday: 7, startMinute: 23 * 60 + 30, minutes: 60, count: 1 }])).toEqual([
      { weekday: 1, hour: 0, minutes: 30 },
      { weekday: 7, hour: 23, minutes: 30 },
    ]);
  });
});
