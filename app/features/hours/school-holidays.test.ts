import { describe, expect, it } from "vitest";
import { addDays, weekdayOf } from "~/features/time/calendar";
import { schoolCalendarCovers, schoolHolidayOn, schoolZoneOfInsee, SCHOOL_CALENDAR_END } from "~/features/hours/school-holidays";

describe("schoolHolidayOn — the Ministry's convention: from the Saturday, to the Monday classes resume (excluded)", () => {
  it("Toussaint 2025, every zone: Friday 17 October is a school day, Saturday 18 a holiday, Monday 3 November a school day again", () => {
    for (const zone of ["A", "B", "C"] as const) {
      expect(schoolHolidayOn("2025-10-17", zone)).toBeUndefined();
      expect(schoolHolidayOn("2025-10-18", zone)).toBe("Vacances de la Toussaint");
      expect(schoolHolidayOn("2025-11-02", zone)).toBe("Vacances de la Toussaint");
      expect(schoolHolidayOn("2025-11-03", zone)).toBeUndefined();
    }
  });

  it("winter 2026 differs by zone: A from 7 February, B from 14 February to 1 March, C to 8 March", () => {
    expect(schoolHolidayOn("2026-02-09", "A")).toBe("Vacances d'hiver");
    expect(schoolHolidayOn("2026-02-09", "B")).toBeUndefined();
    expect(schoolHolidayOn("2026-02-17", "B")).toBe("Vacances d'hiver");
    expect(schoolHolidayOn("2026-02-23", "A")).toBeUndefined();
    expect(schoolHolidayOn("2026-03-01", "B")).toBe("Vacances d'hiver");
    expect(schoolHolidayOn("2026-03-02", "B")).toBeUndefined();
    expect(schoolHolidayOn("2026-03-08", "C")).toBe("Vacances d'hiver");
    expect(schoolHolidayOn("2026-03-09", "C")).toBeUndefined();
  });

  it("Christmas spans the new year; spring, the Ascension bridge and the summer are there", () => {
    expect(schoolHolidayOn("2025-12-31", "B")).toBe("Vacances de Noël");
    expect(schoolHolidayOn("2026-01-04", "B")).toBe("Vacances de Noël");
    expect(schoolHolidayOn("2026-01-05", "B")).toBeUndefined();
    expect(schoolHolidayOn("2026-04-14", "B")).toBe("Vacances de printemps");
    expect(schoolHolidayOn("2026-05-15", "A")).toBe("Pont de l'Ascension");
    expect(schoolHolidayOn("2026-05-18", "A")).toBeUndefined();
    expect(schoolHolidayOn("2026-08-15", "C")).toBe("Vacances d'été");
    expect(schoolHolidayOn("2026-09-01", "C")).toBeUndefined();
    expect(schoolHolidayOn("2027-02-24", "B")).toBe("Vacances d'hiver");
    expect(schoolHolidayOn("2027-02-24", "C")).toBeUndefined();
  });

  it("every period starts on a Saturday (or the Ascension Thursday) and ends on a Monday (or the rentrée, 1 September)", () => {
    // Walk every day of the table and look at the edges.
    for (const zone of ["A", "B", "C"] as const) {
      let day = "2025-09-01";
      let previous: string | undefined;
      while (day <= SCHOOL_CALENDAR_END) {
        const now = schoolHolidayOn(day, zone);
        if (now && !previous) expect([6, 4], `${zone} ${day}`).toContain(weekdayOf(day));
        if (!now && previous && !day.endsWith("-09-01")) expect(weekdayOf(day), `${zone} ${day}`).toBe(1);
        previous = now;
        day = addDays(day, 1);
      }
    }
  });

  it("no zone, or a day outside the table: undefined, and the table says what it covers", () => {
    expect(schoolHolidayOn("2026-02-17", undefined)).toBeUndefined();
    expect(schoolHolidayOn("2028-02-15", "A")).toBeUndefined();
    expect(schoolCalendarCovers("2027-08-31")).toBe(true);
    expect(schoolCalendarCovers("2027-09-01")).toBe(false);
    expect(schoolCalendarCovers("2025-01-15")).toBe(false);
  });
});

describe("schoolZoneOfInsee", () => {
  it("finds the zone from the département of the commune", () => {
    expect(schoolZoneOfInsee("18279")).toBe("B"); // Vierzon, académie d'Orléans-Tours
    expect(schoolZoneOfInsee("16193")).toBe("A"); // Mansle, Poitiers
    expect(schoolZoneOfInsee("75056")).toBe("C"); // Paris
    expect(schoolZoneOfInsee("75111")).toBe("C"); // Paris 11e arrondissement
    expect(schoolZoneOfInsee("14118")).toBe("B"); // Caen, Normandie
    expect(schoolZoneOfInsee("01053")).toBe("A"); // Bourg-en-Bresse
    expect(schoolZoneOfInsee("31555")).toBe("C"); // Toulouse
  });

  it("Corsica, overseas, a bad code or none: no zone", () => {
    expect(schoolZoneOfInsee("2A004")).toBeUndefined(); // Ajaccio
    expect(schoolZoneOfInsee("2B033")).toBeUndefined(); // Bastia
    expect(schoolZoneOfInsee("97411")).toBeUndefined(); // Saint-Denis (La Réunion)
    expect(schoolZoneOfInsee("97302")).toBeUndefined(); // Cayenne
    expect(schoolZoneOfInsee("98818")).toBeUndefined(); // Nouméa
    expect(schoolZoneOfInsee("1827")).toBeUndefined();
    expect(schoolZoneOfInsee("")).toBeUndefined();
    expect(schoolZoneOfInsee(null)).toBeUndefined();
  });

  it("every metropolitan département but Corsica has a zone (94 of them)", () => {
    const departements = Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, "0")).filter((d) => d !== "20");
    expect(departements).toHaveLength(94);
    for (const d of departements) expect(schoolZoneOfInsee(`${d}001`), d).toBeDefined();
  });
});
