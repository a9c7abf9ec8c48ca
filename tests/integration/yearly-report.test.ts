/**
 * The yearly activity report of a place: the year's statistics (the same as its page) as a PDF with
 * the key figures and every table, and no name of a person followed; a bad year refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { createBeneficiary, createHelpRecord, createPlace } from "~/features/demo/factories.server";
import { readReportYear } from "~/features/mediation/report-year";
import { reportPdf, yearlyReportDocument, yearlyStatistics } from "~/features/mediation/yearly-report.server";
import { createTestDatabase } from "../support/database";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe("the yearly activity report", () => {
  it("holds the year's key figures and every table, and no name", async () => {
    const place = await createPlace(database.db, { name: "Espace numérique du Marais" });
    const person = await createBeneficiary(database.db, { placeId: place.id, firstName: "Gaëlle", lastName: "Rousseau" });
    await createHelpRecord(database.db, { placeId: place.id, date: "2026-03-02", people: [person], durationMinutes: 60 });
    await createHelpRecord(database.db, { placeId: place.id, date: "2026-05-12", themes: ["Email", "AideAuxDemarchesAdministratives"], adminThemes: ["ArgentImpots"] });
    await createHelpRecord(database.db, { placeId: place.id, date: "2025-12-31" });
    await createHelpRecord(database.db, { placeId: place.id, kind: "collectif", date: "2026-06-01", title: "Atelier", anonymous: { total: 7, alreadyHelped: 2, gender: { Feminin: 4 }, age: {}, status: {} } });
    const page = await yearlyStatistics(database.db, { place: { id: place.id, name: place.name }, year: 2026, today: "2026-12-04" });
    if (!page.ok) throw new Error(JSON.stringify(page.errors));
    const report = yearlyReportDocument(page, { placeName: place.name, commune: "Bourges", year: 2026, networks: [] });
    expect(report.title).toBe("Rapport d'activité 2026");
    expect(report.lines.join(" ")).toContain("3 accompagnements : 2 individuels et 1 ateliers collectifs.");
    expect(report.tables.length).toBeGreaterThan(8);
    const themes = report.tables.find((t) => t.rows.some((r) => r[0] === "E-mail"));
    expect(themes).toBeDefined();
    expect(JSON.stringify(report)).not.toContain("Gaëlle");
    expect(JSON.stringify(report)).not.toContain("Rousseau");
    const chunks: Buffer[] = [];
    for await (const chunk of reportPdf(report)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("takes this year by default, refuses a year to come or not a year", () => {
    expect(readReportYear(null, "2026-12-04")).toBe(2026);
    expect(readReportYear("2025", "2026-12-04")).toBe(2025);
    expect(readReportYear("2027", "2026-12-04")).toBeUndefined();
    expect(readReportYear("20x6", "2026-12-04")).toBeUndefined();
    expect(readReportYear("1999", "2026-12-04")).toBeUndefined();
  });
});
