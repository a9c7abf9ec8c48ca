import { describe, expect, it } from "vitest";
import { readJournalMonth } from "./journal-export";

describe("readJournalMonth", () => {
  it("reads « 2026-11 » as its first and last day, February of a leap year included", () => {
    expect(readJournalMonth("2026-11")).toEqual({ month: "2026-11", from: "2026-11-01", to: "2026-11-30" });
    expect(readJournalMonth(" 2028-02 ")).toEqual({ month: "2028-02", from: "2028-02-01", to: "2028-02-29" });
    expect(readJournalMonth("2026-12")?.to).toBe("2026-12-31");
  });
  it("refuses what is not a month", () => {
    for (const text of ["2026-13", "2026-00", "2026-1", "11-2026", "novembre", "", null, undefined, "1999-12", "2201-01"]) expect(readJournalMonth(text)).toBeUndefined();
  });
});
