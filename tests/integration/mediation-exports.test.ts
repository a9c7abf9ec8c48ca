/**
 * Help records' exports and La Coop's import, on a fresh database. Exports: a place's (notes, the
 * names of the people followed, every count; read page after page in (date, id) order; a CSV text
 * that looks like a formula is escaped, an XLSX one stays a text), a network's (its places' records,
 * without notes and without any name of a followed person), drafts left out, the period. Import:
 * La Coop's XLSX built with exceljs, written once (the same file again adds nothing), all or nothing
 * with the problems row by row, refused when not an XLSX or too large, audited with counts only.
 */
import { Writable } from "node:stream";
import { parse } from "csv-parse/sync";
import { and, asc, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { auditLog, helpRecords } from "~/db/schema";
import { attachToNetwork, createBeneficiary, createHelpRecord, createNetwork, createPlace, createStaffUser } from "~/features/demo/factories.server";
import { COOP_IMPORT_MAX_BYTES, importCoopActivities } from "~/features/mediation/coop-import.server";
import { exportColumns } from "~/features/mediation/export-columns";
import { type ExportScope, recordsExportResponse, writeRecordsCsv, writeRecordsXlsx } from "~/features/mediation/export-records.server";
import { createTestDatabase } from "../support/database";
import { collectiveRows, coopExportXlsx, coopFile, individualRow } from "../support/coop-export";

let database: Database;
const ids = { placeA: "", placeB: "", placeC: "", network: "", claire: "", importer: "", jeanneRecord: "" };
const FORMULA = '=HYPERLINK("https://evil.example","Cliquez")';

/** A stream that keeps what is written to it. */
function sink() {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}

async function xlsx(scope: ExportScope, filter = {}, pageSize = 2) {
  const out = sink();
  const { rows } = await writeRecordsXlsx(database.db, { scope, filter, output: out.stream, pageSize });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(out.bytes()).buffer);
  const sheet = workbook.getWorksheet("Accompagnements")!;
  const lines: ExcelJS.Cell[][] = [];
  sheet.eachRow((row) => {
    const cells: ExcelJS.Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell) => cells.push(cell));
    lines.push(cells);
  });
  return { rows, header: lines[0]!.map((c) => c.value), data: lines.slice(1), text: JSON.stringify(lines.map((l) => l.map((c) => c.value))) };
}

async function csv(scope: ExportScope, filter = {}) {
  const out = sink();
  const { rows } = await writeRecordsCsv(database.db, { scope, filter, output: out.stream, pageSize: 3 });
  const text = out.bytes().toString("utf8");
  return { rows, text, table: parse(text, { delimiter: ";", bom: true, relax_column_count: false }) as string[][] };
}

const placeScope = (): ExportScope => ({ kind: "place", placeId: ids.placeA });
const networkScope = (): ExportScope => ({ kind: "network", networkId: ids.network });

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  ids.placeA = (await createPlace(db, { name: "Médiathèque de Vierzon", timeZone: "Europe/Paris" })).id;
  ids.placeB = (await createPlace(db, { name: "Cyber-base de Bourges" })).id;
  ids.placeC = (await createPlace(db, { name: "EPN hors réseau" })).id;
  ids.network = (await createNetwork(db, { slug: "cher-numerique", name: "Cher numérique" })).id;
  await attachToNetwork(db, { placeId: ids.placeA, networkId: ids.network });
  await attachToNetwork(db, { placeId: ids.placeB, networkId: ids.network });
  ids.claire = (await createStaffUser(db, { name: "Claire Martin", role: "mediator", placeId: ids.placeA })).id;
  ids.importer = (await createStaffUser(db, { name: "Paul Durand", role: "manager", placeId: ids.placeA })).id;
  const jeanne = await createBeneficiary(db, { placeId: ids.placeA, firstName: "Jeanne", lastName: "Dupont", gender: "Feminin", ageBand: "SoixanteDixPlus", socialStatus: "Retraite" });
  ids.jeanneRecord = (await createHelpRecord(db, { placeId: ids.placeA, people: [jeanne], mediatorId: ids.claire, date: "2025-03-10", notes: FORMULA, autonomy: "Autonome", oriented: true, orientation: "AideSociale" })).id;
  // Five more at A, three on the same day (the pages cut inside a day), one collective with a breakdown.
  for (const date of ["2025-03-11", "2025-03-11", "2025-03-11", "2025-03-12"]) await createHelpRecord(db, { placeId: ids.placeA, date, mediatorId: ids.importer });
  await createHelpRecord(db, {
    placeId: ids.placeA, date: "2025-03-15", kind: "collectif", title: "Premiers pas", level: "Debutant", themes: ["AideAuxDemarchesAdministratives"], adminThemes: ["Logement"],
    anonymous: { total: 6, alreadyHelped: 2, gender: { Masculin: 2, Feminin: 3 }, age: { SoixanteDixPlus: 4 }, status: { Retraite: 5 } },
  });
  await createHelpRecord(db, { placeId: ids.placeA, date: "2025-03-13", status: "draft", notes: "brouillon" });
  await createHelpRecord(db, { placeId: ids.placeB, date: "2025-03-11", notes: "Note de Bourges" });
  await createHelpRecord(db, { placeId: ids.placeC, date: "2025-03-11" });
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe("a place's records as XLSX", () => {
  it("has one row per done record in date order, French headers and words, across pages", async () => {
    const file = await xlsx(placeScope());
    expect(file.header).toEqual(exportColumns("place").map((c) => c.header));
    expect(file.rows).toBe(6);
    expect(file.data).toHaveLength(6);
    const dates = file.data.map((row) => (row[0]!.value as Date).toISOString().slice(0, 10));
    expect(dates).toEqual(["2025-03-10", "2025-03-11", "2025-03-11", "2025-03-11", "2025-03-12", "2025-03-15"]);
    const stored = await database.db.select({ id: helpRecords.id }).from(helpRecords).where(and(eq(helpRecords.placeId, ids.placeA), eq(helpRecords.date, "2025-03-11"))).orderBy(asc(helpRecords.id));
    expect(stored).toHaveLength(3);
    expect(file.text).not.toContain("brouillon");
  });

  it("holds the names of the people followed and the notes, a formula-looking note as plain text", async () => {
    const file = await xlsx(placeScope());
    const keys = exportColumns("place").map((c) => c.key);
    const row = file.data[0]!;
    const cell = (key: string) => row[keys.indexOf(key)]!;
    expect(cell("people").value).toBe("Jeanne Dupont");
    expect(cell("notes").type).toBe(ExcelJS.ValueType.String);
    expect(cell("notes").value).toBe(FORMULA);
    expect(cell("mediator").value).toBe("Claire Martin");
    expect(cell("autonomy").value).toBe("Autonome");
    expect(cell("oriented").value).toBe("Oui");
    expect(cell("orientation").value).toBe("Structure d'aide sociale (maison des solidarités, centre social…)");
    expect(cell("age70Plus").value).toBe(1);
    expect(cell("named").value).toBe(1);
    const workshop = file.data[5]!;
    const at = (key: string) => workshop[keys.indexOf(key)]!.value;
    expect([at("kind"), at("title"), at("level"), at("themes"), at("adminThemes")]).toEqual(["Atelier collectif", "Premiers pas", "Débutant", "Aide aux démarches administratives", "Logement"]);
    expect([at("participants"), at("alreadyHelped"), at("genderMale"), at("genderFemale"), at("genderUnknown"), at("age70Plus"), at("ageUnknown"), at("statusRetired"), at("statusUnknown")]).toEqual([6, 2, 2, 3, 1, 4, 2, 5, 1]);
  });

  it("keeps to the period asked", async () => {
    const file = await xlsx(placeScope(), { from: "2025-03-11", to: "2025-03-12" });
    expect(file.rows).toBe(4);
    expect(file.text).not.toContain("Jeanne");
  });
});

describe("a place's records as CSV", () => {
  it("is UTF-8 with `;` between columns, names and notes included, formulas escaped", async () => {
    const file = await csv(placeScope());
    expect(file.text.startsWith("\uFEFFDate;Lieu;")).toBe(true);
    expect(file.rows).toBe(6);
    const [header, ...rows] = file.table;
    expect(header).toEqual(exportColumns("place").map((c) => c.header));
    expect(rows).toHaveLength(6);
    const first = Object.fromEntries(header!.map((h, i) => [h, rows[0]![i]]));
    expect(first).toMatchObject({ Date: "2025-03-10", "Personnes suivies": "Jeanne Dupont", Notes: `'${FORMULA}`, Type: "Accompagnement individuel", "Durée (min)": "30" });
    expect(file.text).not.toMatch(/;=HYPERLINK/);
  });
});

describe("a network's records", () => {
  it("has its places' done records, and neither notes nor any name of a person followed", async () => {
    for (const file of [await xlsx(networkScope()), await csv(networkScope())]) {
      expect(file.rows).toBe(7);
      expect(file.text).not.toContain("Jeanne");
      expect(file.text).not.toContain("Dupont");
      expect(file.text).not.toContain("HYPERLINK");
      expect(file.text).not.toContain("Note de Bourges");
      expect(file.text).not.toContain("EPN hors réseau");
      expect(file.text).toContain("Cyber-base de Bourges");
      expect(file.text).toContain("Claire Martin");
    }
    const file = await xlsx(networkScope());
    expect(file.header).toEqual(exportColumns("network").map((c) => c.header));
    expect(file.header).not.toContain("Notes");
    expect(file.header).not.toContain("Personnes suivies");
  });
});

describe("the export's answer", () => {
  it("streams the file with its name, and refuses a bad period in French", async () => {
    const ok = recordsExportResponse(database.db, { scope: placeScope(), name: "Médiathèque de Vierzon", url: new URL("http://x/gestion/lieux/a/accompagnements/export.xlsx?du=2025-03-01&au=2025-03-31") });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(ok.headers.get("content-disposition")).toBe('attachment; filename="accompagnements_mediatheque-de-vierzon_2025-03-01_2025-03-31.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await ok.arrayBuffer());
    expect(workbook.getWorksheet("Accompagnements")!.actualRowCount).toBe(7);
    const bad = recordsExportResponse(database.db, { scope: placeScope(), name: "x", url: new URL("http://x/export.csv?du=2025-04-01&au=2025-03-01") });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe("La date de fin doit être après la date de début.");
  });
});

describe("importing La Coop's activity export", () => {
  const place = () => ({ id: ids.placeA, timeZone: "Europe/Paris" });
  const now = new Date("2025-04-02T10:00:00Z");
  const imported = async () => database.db.select().from(helpRecords).where(and(eq(helpRecords.placeId, ids.placeA), eq(helpRecords.status, "done"))).then((rows) => rows.filter((r) => r.coopId));
  const audits = async () => database.db.select().from(auditLog).where(and(eq(auditLog.placeId, ids.placeA), eq(auditLog.action, "help-record.coop-import")));
  const people = [
    { gender: "Masculin", age: "70 ans et plus", status: "Retraité", name: "Jeanne Dupont" },
    { gender: "Féminin", age: "25 - 39 ans", status: "En emploi", name: "Marc Lenoir" },
    { gender: "Non communiqué", age: "Non communiqué", status: "Non communiqué" },
  ];
  const goodFile = () => coopExportXlsx([individualRow({ Bénéficiaire: "Marc Lenoir" }), ...collectiveRows(people)]);

  it("adds each activity once, as done records of the importing person, named people only counted", async () => {
    const outcome = await importCoopActivities(database.db, { place: place(), file: coopFile(await goodFile()), actorUserId: ids.importer, now });
    expect(outcome).toEqual({ ok: true, report: { kind: "imported", rows: 4, activities: 2, added: 2, already: 0 } });
    const rows = await imported();
    expect(rows).toHaveLength(2);
    const individual = rows.find((r) => r.kind === "individuel")!;
    expect(individual).toMatchObject({
      coopId: "0b6b6a3e-7d0a-4a57-9f4e-1a1c1d2e3f01", status: "done", mediatorId: ids.importer, createdBy: ids.importer, date: "2025-03-14", durationMinutes: 45,
      placeKind: "LieuActivite", themes: ["NavigationSurInternet", "AideAuxDemarchesAdministratives"], adminThemes: ["SocialSante"], equipment: ["Ordinateur", "Telephone"],
      autonomy: "PartiellementAutonome", participants: 1, named: 0, genderFemale: 1, age60To69: 1, statusRetired: 1,
    });
    const workshop = rows.find((r) => r.kind === "collectif")!;
    expect(workshop).toMatchObject({ title: "Premiers pas sur la tablette", level: "Debutant", placeKind: "Autre", communeInsee: "18141", participants: 3, named: 0, genderMale: 1, genderFemale: 1, genderUnknown: 1, age70Plus: 1, age25To39: 1, ageUnknown: 1, notes: "Groupe très motivé" });
    const [line] = await audits();
    expect(line).toMatchObject({ actorUserId: ids.importer, entityType: "help_record", after: { rows: 4, activities: 2, added: 2, already: 0 } });
    expect(JSON.stringify(line)).not.toContain("Lenoir");
  });

  it("adds nothing when the same file comes again", async () => {
    const outcome = await importCoopActivities(database.db, { place: place(), file: coopFile(await goodFile()), actorUserId: ids.importer, now });
    expect(outcome).toEqual({ ok: true, report: { kind: "imported", rows: 4, activities: 2, added: 0, already: 2 } });
    expect(await imported()).toHaveLength(2);
  });

  it("names the place's mediator found in a coordinator's export", async () => {
    const file = await coopExportXlsx([individualRow({ "Prénom du médiateur": "Claire", "Nom du médiateur": "Martin", "ID CRA": "from-coordinator" })], { self: false });
    const outcome = await importCoopActivities(database.db, { place: place(), file: coopFile(file), actorUserId: ids.importer, now });
    expect(outcome.ok && outcome.report).toMatchObject({ kind: "imported", added: 1 });
    const [row] = await database.db.select({ mediatorId: helpRecords.mediatorId }).from(helpRecords).where(eq(helpRecords.coopId, "from-coordinator"));
    expect(row!.mediatorId).toBe(ids.claire);
  });

  it("writes nothing when one row is wrong, and says which row and column", async () => {
    const before = (await imported()).length;
    const auditsBefore = (await audits()).length;
    const rows = [individualRow({ "ID CRA": "new-1" }), individualRow({ "ID CRA": "new-2", "Canaux d’accompagnement": "Sur la lune" })];
    const outcome = await importCoopActivities(database.db, { place: place(), file: coopFile(await coopExportXlsx(rows)), actorUserId: ids.importer, now });
    expect(outcome).toEqual({
      ok: true,
      report: { kind: "invalid", rows: 2, activities: 2, problemCount: 1, problems: [{ row: 24, column: "Canaux d’accompagnement", message: "« Sur la lune » n'est pas une valeur connue de La Coop." }] },
    });
    expect(await imported()).toHaveLength(before);
    expect(await audits()).toHaveLength(auditsBefore);
  });

  it("refuses a file that is not an XLSX by its content, whatever its name, and says so", async () => {
    const csvNamedXlsx = coopFile(new TextEncoder().encode("Date;Type\n2025-03-14;Accompagnement individuel\n"), "activites.xlsx");
    expect(await importCoopActivities(database.db, { place: place(), file: csvNamedXlsx, actorUserId: ids.importer, now })).toEqual({ ok: false, error: "Ce fichier n'est pas un tableur XLSX. Dans La Coop, choisissez l'export « Tableur (xlsx) »." });
    const brokenZip = coopFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]));
    expect(await importCoopActivities(database.db, { place: place(), file: brokenZip, actorUserId: ids.importer, now })).toEqual({ ok: false, error: "Ce fichier XLSX ne peut pas être lu. Exportez-le à nouveau depuis La Coop." });
    expect(await importCoopActivities(database.db, { place: place(), file: null, actorUserId: ids.importer, now })).toEqual({ ok: false, error: "Choisissez le fichier exporté de La Coop." });
  });

  it("refuses another spreadsheet, naming the missing columns", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Feuille 1").addRows([["Date", "Personne", "Durée"], [new Date("2025-03-14T00:00:00Z"), "Jeanne", 30]]);
    const file = coopFile(new Uint8Array(await workbook.xlsx.writeBuffer()), "tableau.xlsx");
    const outcome = await importCoopActivities(database.db, { place: place(), file, actorUserId: ids.importer, now });
    expect(outcome).toEqual({
      ok: false,
      error: "Ce fichier n'est pas l'export des activités de La Coop : les colonnes « Type », « Canaux d’accompagnement », « Durée (min) », « Thématique(s) d’accompagnement » manquent.",
    });
  });

  it("refuses a file over 5 MB", async () => {
    const big = coopFile(new Uint8Array(COOP_IMPORT_MAX_BYTES + 1));
    expect(await importCoopActivities(database.db, { place: place(), file: big, actorUserId: ids.importer, now })).toEqual({ ok: false, error: "Ce fichier est trop lourd : 5 Mo au plus." });
  });
});
