/**
 * A network's yearly report for funders: the places labelled at some point of the year (and no
 * other), by theme and by département, each call's applications by state, the labelled places'
 * activity from the mediation statistics and their hours open; as XLSX and PDF.
 */
import crypto from "node:crypto";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { applications, calls, callVersions } from "~/db/schema";
import { funderReportData, funderReportPdf, funderReportXlsx, type FunderReportData } from "~/features/calls/funder-report.server";
import { createBeneficiary, createHelpRecord, createLabelGrant, createNetwork, createPlace, createWorkshop } from "~/features/demo/factories.server";
import { createTestDatabase } from "../support/database";
import { pdfText } from "../support/pdf-text";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const NOW = new Date("2026-12-15T12:00:00Z");
/** Monday to Friday, 6 hours a day: 2026 has 261 weekdays. */
const WEEKDAY_HOURS_2026 = 261 * 6;

describe("the yearly report for funders", () => {
  let networkId: string;
  let callId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const db = database.db;
    const network = await createNetwork(db, { name: "Web O Centre" });
    const other = await createNetwork(db, { name: "Autre réseau" });
    networkId = network.id;
    const bourges = await createPlace(db, { name: "Espace numérique du Val d'Auron" }); // Bourges, Cher, weekday hours
    const orleans = await createPlace(db, { name: "Médiathèque de l'Argonne", commune: "Orléans", openingHours: null });
    const tours = await createPlace(db, { name: "Cyber-base de Tours", commune: "Tours" });
    const blois = await createPlace(db, { name: "EPN de Blois", commune: "Blois" });
    const elsewhere = await createPlace(db, { name: "Lieu d'un autre réseau" });
    const drafting = await createPlace(db, { name: "Lieu en brouillon" });
    Object.assign(ids, { bourges: bourges.id, orleans: orleans.id });

    // Bourges: labelled until May, renewed from June through the call; Orléans: from March through the call.
    await createLabelGrant(db, { networkId, placeId: bourges.id, label: "EPN labellisé", themes: ["Inclusion numérique", "Fabrication numérique"], validFrom: "2025-06-01", validUntil: "2026-05-31" });
    const bourgesRenewal = await createLabelGrant(db, { networkId, placeId: bourges.id, label: "EPN labellisé Web O Centre", themes: ["Inclusion numérique"], validFrom: "2026-06-01", validUntil: null });
    const orleansGrant = await createLabelGrant(db, { networkId, placeId: orleans.id, label: "EPN labellisé Web O Centre", themes: ["Inclusion numérique", "Accompagnement aux démarches"], validFrom: "2026-03-01", validUntil: "2028-12-31" });
    // Not in 2026: ended in 2025, starts in 2027; another network's.
    await createLabelGrant(db, { networkId, placeId: tours.id, themes: ["Fabrication numérique"], validFrom: "2022-01-01", validUntil: "2025-12-31" });
    await createLabelGrant(db, { networkId, placeId: blois.id, validFrom: "2027-01-01" });
    await createLabelGrant(db, { networkId: other.id, placeId: elsewhere.id, validFrom: "2026-01-01" });

    const call = async (values: { slug: string; title: string; opensAt: Date; closesAt: Date; status?: "draft" | "published" | "archived"; networkId?: string }) => {
      const [row] = await db
        .insert(calls)
        .values({ networkId, label: "EPN labellisé Web O Centre", labelValidUntil: "2028-12-31", status: "published", currentVersion: values.status === "draft" ? null : 1, ...values })
        .returning({ id: calls.id });
      if (values.status !== "draft") await db.insert(callVersions).values({ callId: row!.id, version: 1, form: { sections: [] } });
      return row!.id;
    };
    callId = await call({ slug: "web-o-centre-2026", title: "Web O Centre 2026", opensAt: new Date("2026-01-05T08:00:00Z"), closesAt: new Date("2026-03-31T21:59:00Z") });
    const old = await call({ slug: "web-o-centre-2023", title: "Web O Centre 2023", opensAt: new Date("2023-01-05T08:00:00Z"), closesAt: new Date("2023-03-31T21:59:00Z"), status: "archived" });
    await call({ slug: "brouillon-2026", title: "Appel en préparation", opensAt: new Date("2026-09-01T08:00:00Z"), closesAt: new Date("2026-10-31T21:59:00Z"), status: "draft" });
    await call({ slug: "autre-2026", title: "Appel d'un autre réseau", opensAt: new Date("2026-01-05T08:00:00Z"), closesAt: new Date("2026-03-31T21:59:00Z"), networkId: other.id });

    const submitted = { submittedAt: new Date("2026-03-10T10:00:00Z") };
    const decided = { ...submitted, decidedAt: new Date("2026-05-20T10:00:00Z") };
    await db.insert(applications).values([
      { callId, version: 1, placeId: bourges.id, number: 1, state: "accepted", ...decided, labelGrantId: bourgesRenewal },
      { callId, version: 1, placeId: orleans.id, number: 2, state: "accepted", ...decided, labelGrantId: orleansGrant },
      { callId, version: 1, placeId: tours.id, number: 3, state: "refused", ...decided, decisionReason: "Dossier incomplet." },
      { callId, version: 1, placeId: blois.id, number: 4, state: "submitted", ...submitted },
      { callId, version: 1, placeId: drafting.id, number: 5, state: "draft" },
      { callId: old, version: 1, placeId: tours.id, number: 1, state: "accepted", submittedAt: new Date("2023-02-01T10:00:00Z"), decidedAt: new Date("2023-04-01T10:00:00Z") },
    ]);

    // Bourges' year: three records (one of them collective, one with a person followed by name), and one of 2025 not counted.
    const person = await createBeneficiary(db, { placeId: bourges.id });
    await createHelpRecord(db, { placeId: bourges.id, date: "2026-03-02", people: [person], durationMinutes: 60 });
    await createHelpRecord(db, { placeId: bourges.id, date: "2026-05-12", durationMinutes: 30 });
    await createHelpRecord(db, { placeId: bourges.id, kind: "collectif", date: "2026-06-01", title: "Atelier", durationMinutes: 90, anonymous: { total: 7, alreadyHelped: 2, gender: {}, age: {}, status: {} } });
    await createHelpRecord(db, { placeId: bourges.id, date: "2025-12-31" });
    // Orléans' year: two workshop sessions held, one to come.
    await createWorkshop(db, { placeId: orleans.id, sessions: [new Date("2026-04-10T08:00:00Z"), new Date("2026-10-02T08:00:00Z"), new Date("2026-12-20T08:00:00Z")] });
  });

  async function report(options: { callId?: string } = {}): Promise<FunderReportData> {
    const data = await funderReportData(database.db, { networkId, year: 2026, now: NOW, ...options });
    if (!data) throw new Error("no report");
    return data;
  }

  it("lists the places labelled at some point of the year, with their themes, département, validity, activity and hours open", async () => {
    const data = await report();
    expect(data.network.name).toBe("Web O Centre");
    expect(data.call).toBeNull();
    expect(data.places.map((p) => p.name)).toEqual(["Espace numérique du Val d'Auron", "Médiathèque de l'Argonne"]);
    const [bourges, orleans] = data.places;
    expect(bourges).toMatchObject({
      commune: "Bourges", department: { code: "18", name: "Cher" }, labels: ["EPN labellisé", "EPN labellisé Web O Centre"],
      themes: ["Inclusion numérique", "Fabrication numérique"], validFrom: "2025-06-01", validUntil: null,
      activity: { records: 3, participants: 9, people: 1, helpMinutes: 180, workshopsHeld: 0 },
    });
    expect(bourges!.openHours).toBeCloseTo(WEEKDAY_HOURS_2026, 6);
    expect(orleans).toMatchObject({
      department: { code: "45", name: "Loiret" }, themes: ["Inclusion numérique", "Accompagnement aux démarches"], validFrom: "2026-03-01", validUntil: "2028-12-31",
      activity: { records: 0, participants: 0, people: 0, helpMinutes: 0, workshopsHeld: 2 }, openHours: null,
    });
    expect(data.byTheme).toEqual([
      { theme: "Inclusion numérique", places: 2 },
      { theme: "Accompagnement aux démarches", places: 1 },
      { theme: "Fabrication numérique", places: 1 },
    ]);
    expect(data.byDepartment).toEqual([{ code: "18", name: "Cher", places: 1 }, { code: "45", name: "Loiret", places: 1 }]);
    expect(data.activity).toEqual({ records: 3, participants: 9, people: 1, helpMinutes: 180, workshopsHeld: 2 });
    expect(data.openHours).toBeCloseTo(WEEKDAY_HOURS_2026, 6);
  });

  it("counts the applications of the calls open during the year by state (no draft call, no other year's, no other network's)", async () => {
    const data = await report();
    expect(data.calls.map((c) => c.title)).toEqual(["Web O Centre 2026"]);
    expect(data.calls[0]!.counts).toEqual({ draft: 1, submitted: 1, under_review: 0, corrections: 0, accepted: 2, refused: 1, closed: 0 });
    expect(data.calls[0]!.total).toBe(5);
  });

  it("for one call, keeps only the labels its applications granted", async () => {
    const data = await report({ callId });
    expect(data.call).toEqual({ id: callId, title: "Web O Centre 2026" });
    const bourges = data.places.find((p) => p.id === ids.bourges)!;
    expect(bourges.labels).toEqual(["EPN labellisé Web O Centre"]);
    expect(bourges.themes).toEqual(["Inclusion numérique"]);
    expect(bourges.validFrom).toBe("2026-06-01");
    expect(data.byTheme).toEqual([{ theme: "Inclusion numérique", places: 2 }, { theme: "Accompagnement aux démarches", places: 1 }]);
    expect(data.calls.map((c) => c.id)).toEqual([callId]);
    expect(await funderReportData(database.db, { networkId, year: 2026, callId: crypto.randomUUID() })).toBeNull();
    expect(await funderReportData(database.db, { networkId: crypto.randomUUID(), year: 2026 })).toBeNull();
  });

  it("has no activity and no place for a year without labels", async () => {
    const data = await funderReportData(database.db, { networkId, year: 2019, now: NOW });
    expect(data!.places).toEqual([]);
    expect(data!.activity).toBeNull();
    expect(data!.openHours).toBeNull();
    expect(data!.calls).toEqual([]);
  });

  it("writes the spreadsheet: Synthèse, Lieux labellisés, Appels", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await funderReportXlsx(await report())) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Synthèse", "Lieux labellisés", "Appels"]);

    const summary = workbook.getWorksheet("Synthèse")!;
    const lines = new Map<string, unknown>();
    summary.eachRow((row) => lines.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(summary.getRow(1).getCell(1).value).toBe("Rapport aux financeurs 2026");
    expect(lines.get("Réseau")).toBe("Web O Centre");
    expect(lines.get("Appel à projets")).toBe("Tous les appels à projets");
    expect(lines.get("Lieux labellisés")).toBe(2);
    expect(lines.get("Accompagnements")).toBe(3);
    expect(lines.get("Participations")).toBe(9);
    expect(lines.get("Heures d'accompagnement")).toBe(3);
    expect(lines.get("Séances d'ateliers tenues")).toBe(2);
    expect(lines.get("Heures d'ouverture au public")).toBe(WEEKDAY_HOURS_2026);
    expect(lines.get("Inclusion numérique")).toBe(2);
    expect(lines.get("18 — Cher")).toBe(1);
    expect(lines.get("45 — Loiret")).toBe(1);

    const places = workbook.getWorksheet("Lieux labellisés")!;
    expect(places.getRow(1).values).toEqual([
      undefined, "Lieu", "Commune", "Code postal", "Département", "Label", "Thématiques", "Labellisé du", "Jusqu'au",
      "Accompagnements", "Participations", "Personnes suivies", "Heures d'accompagnement", "Séances d'ateliers", "Heures d'ouverture",
    ]);
    const bourges = places.getRow(2);
    expect(bourges.getCell(1).value).toBe("Espace numérique du Val d'Auron");
    expect(bourges.getCell(4).value).toBe("18 — Cher");
    expect(bourges.getCell(6).value).toBe("Inclusion numérique, Fabrication numérique");
    expect(bourges.getCell(7).value).toEqual(new Date("2025-06-01T00:00:00Z"));
    expect(bourges.getCell(8).value).toBe("sans date de fin");
    expect(bourges.getCell(9).value).toBe(3);
    expect(bourges.getCell(14).value).toBe(WEEKDAY_HOURS_2026);
    const orleans = places.getRow(3);
    expect(orleans.getCell(8).value).toEqual(new Date("2028-12-31T00:00:00Z"));
    expect(orleans.getCell(13).value).toBe(2);
    expect(orleans.getCell(14).value).toBeNull();
    expect(places.getRow(4).getCell(1).value).toBe("Total");
    expect(places.getRow(4).getCell(13).value).toBe(2);

    const callSheet = workbook.getWorksheet("Appels")!;
    expect(callSheet.getRow(1).values).toEqual([
      undefined, "Appel à projets", "Ouvert le", "Clos le", "Brouillon", "Déposé", "En instruction", "Corrections demandées", "Accepté", "Refusé", "Classé sans suite", "Total",
    ]);
    expect(callSheet.getRow(2).values).toEqual([undefined, "Web O Centre 2026", new Date("2026-01-05T00:00:00Z"), new Date("2026-03-31T00:00:00Z"), 1, 1, 0, 0, 2, 1, 0, 5]);
  });

  it("writes the PDF: title, network, year, the figures and the tables", async () => {
    const pdf = await funderReportPdf(await report({ callId }));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(pdf).replace(/[ \n]+/g, " ");
    for (const expected of [
      "Rapport aux financeurs 2026",
      "Web O Centre — appel à projets «\u00a0Web O Centre 2026\u00a0»",
      "Du 1er janvier au 31 décembre 2026.",
      "2 lieux labellisés au cours de l'année.",
      "Dans ces lieux : 3 accompagnements, 9 participations, 1 personne suivie par leur nom.",
      "2 séances d'ateliers tenues.",
      "1\u00a0566 heures d'ouverture au public",
      "Lieux labellisés par thématique",
      "Inclusion numérique 2",
      "Lieux labellisés par département",
      "18 — Cher 1",
      "45 — Loiret 1",
      "Lieu Accompa- gnements Participations Séances d'ateliers Heures d'ouverture",
      "Espace numérique du Val d'Auron — Bourges (18) labellisé sans date de fin 3 9 0 1\u00a0566",
      "Médiathèque de l'Argonne — Orléans (45) labellisé jusqu'au 31 décembre 2028 0 0 2 —",
      "Total 3 9 2 1\u00a0566",
      "Appel à projets «\u00a0Web O Centre 2026\u00a0» : dossiers par état",
      "Accepté 2",
      "Refusé 1",
      "Aucun nom de personne accompagnée",
    ]) {
      expect(text).toContain(expected);
    }
  });
});
