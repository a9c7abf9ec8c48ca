/**
 * Help records' exports and La Coop's import through the real request handler: the place's
 * staff download their records (XLSX and CSV, with names), the network's coordinator downloads
 * the network's (no name, no note) and may not download the place's; the import page takes La
 * Coop's file (counts shown; the same file again adds nothing), shows the problems row by row in a
 * table and writes nothing, refuses a file that is not an XLSX and one over 5 MB in French.
 */
import { parse } from "csv-parse/sync";
import { and, count, eq, isNotNull } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { helpRecords } from "~/db/schema";
import { attachToNetwork, createBeneficiary, createHelpRecord, createNetwork, createPlace } from "~/features/demo/factories.server";
import { COOP_IMPORT_MAX_BYTES } from "~/features/mediation/coop-import.server";
import { fr } from "~/lib/messages";
import { createTestDatabase } from "../support/database";
import { collectiveRows, coopExportXlsx, coopFile, individualRow } from "../support/coop-export";
import { html, startHarness, type Harness } from "../support/harness";

const m = fr.mediationExports;
let database: Database;
let h: Harness;
const ids = { place: "", other: "" };
const base = () => `/gestion/lieux/${ids.place}/accompagnements`;
const text = async (response: Response) => (await html(response)).replace(/<!-- -->/g, "");
const imported = async () => Number((await database.db.select({ n: count() }).from(helpRecords).where(and(eq(helpRecords.placeId, ids.place), isNotNull(helpRecords.coopId))))[0]!.n);
const upload = (file: File) => {
  const form = new FormData();
  form.set("fichier", file);
  return form;
};

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  ids.place = (await createPlace(db, { name: "Médiathèque de Vierzon" })).id;
  ids.other = (await createPlace(db, { name: "Cyber-base de Bourges" })).id;
  const network = await createNetwork(db, { slug: "cher-numerique", name: "Cher numérique" });
  await attachToNetwork(db, { placeId: ids.place, networkId: network.id });
  h = await startHarness(database);
  await h.person("mediator", { role: "mediator", placeId: ids.place });
  await h.person("otherManager", { role: "manager", placeId: ids.other });
  await h.person("coordinator", { role: "coordinator", networkId: network.id });
  const jeanne = await createBeneficiary(db, { placeId: ids.place, firstName: "Jeanne", lastName: "Dupont" });
  await createHelpRecord(db, { placeId: ids.place, people: [jeanne], date: "2025-03-10", notes: "Rappeler pour le RSA" });
  await createHelpRecord(db, { placeId: ids.place, date: "2025-06-02" });
}, 120_000);

afterAll(async () => {
  await h?.close();
  await database?.close();
});

describe("downloading records", () => {
  it("gives the place's staff an XLSX with the names and the notes, for the period asked", async () => {
    const response = await h.get("mediator", `${base()}/export.xlsx?du=01/03/2025&au=31/03/2025`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="accompagnements_mediatheque-de-vierzon_2025-03-01_2025-03-31.xlsx"');
    expect(response.headers.get("cache-control")).toBe("no-store");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet(m.sheetName)!;
    expect(sheet.actualRowCount).toBe(2);
    const values = JSON.stringify(sheet.getRow(2).values);
    expect(values).toContain("Jeanne Dupont");
    expect(values).toContain("Rappeler pour le RSA");
  });

  it("gives them a CSV as well, and a bad period in words", async () => {
    const response = await h.get("mediator", `${base()}/export.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const rows = parse(await response.text(), { delimiter: ";", bom: true }) as string[][];
    expect(rows).toHaveLength(3);
    const bad = await h.get("mediator", `${base()}/export.csv?du=le%20premier`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe(m.filterErrors.date);
  });

  it("gives the network's coordinator the network's records without names or notes, never the place's", async () => {
    const response = await h.get("coordinator", "/gestion/reseaux/cher-numerique/accompagnements/export.csv");
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(parse(body, { delimiter: ";", bom: true })).toHaveLength(3);
    expect(body).not.toContain("Jeanne");
    expect(body).not.toContain("Dupont");
    expect(body).not.toContain("RSA");
    expect((await h.get("coordinator", `${base()}/export.xlsx`)).status).toBe(403);
    expect((await h.get("otherManager", `${base()}/export.csv`)).status).toBe(403);
    expect((await h.get("mediator", "/gestion/reseaux/cher-numerique/accompagnements/export.xlsx")).status).toBe(403);
  });
});

describe("the import page of La Coop's activity export", () => {
  const file = async () => coopFile(await coopExportXlsx([individualRow(), ...collectiveRows([{ gender: "Masculin", age: "70 ans et plus", status: "Retraité", name: "Marc Lenoir" }, { gender: "Féminin", age: "18 - 24 ans", status: "Scolarisé" }])]));

  it("explains what it does, and that named people are only counted", async () => {
    const page = await text(await h.get("mediator", `${base()}/import`));
    expect(page).toContain(`<h1>${m.importTitle("Médiathèque de Vierzon")}</h1>`);
    expect(page).toContain(m.importRules[2]);
    expect(page).toMatch(/<form action="[^"]+\/accompagnements\/import" enctype="multipart\/form-data" method="post">/i);
    expect(page).toContain('accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"');
  });

  it("imports the file, then adds nothing when it comes again", async () => {
    const first = await h.post("mediator", `${base()}/import`, upload(await file()));
    expect(first.status).toBe(200);
    const page = await text(first);
    expect(page).toContain(m.importedRows(3, 2));
    expect(page).toContain(m.imported(2, 0));
    expect(page).not.toContain("Marc Lenoir");
    expect(await imported()).toBe(2);
    const again = await h.post("mediator", `${base()}/import`, upload(await file()));
    expect(await text(again)).toContain(m.imported(0, 2));
    expect(await imported()).toBe(2);
  });

  it("lists the problems row by row in a table and writes nothing", async () => {
    const rows = [individualRow({ "ID CRA": "p-1" }), individualRow({ "ID CRA": "p-2", "Durée (min)": 0, "Genre du bénéficiaire": "Licorne" })];
    const response = await h.post("mediator", `${base()}/import`, upload(coopFile(await coopExportXlsx(rows))));
    expect(response.status).toBe(422);
    const page = await text(response);
    expect(page).toContain(`<title>${fr.backoffice.errorTitlePrefix}`);
    expect(page).toContain(m.refused(2));
    expect(page).toContain(`<caption>${m.problemsCaption}</caption>`);
    expect(page).toContain(`<th scope="row">24</th><td>Durée (min)</td><td>${m.problems.duration("0")}</td>`);
    expect(page).toContain(`<th scope="row">24</th><td>Genre du bénéficiaire</td><td>${m.problems.unknownValue("Licorne")}</td>`);
    expect(await imported()).toBe(2);
  });

  it("refuses a file that is not an XLSX, and one over 5 MB, in French", async () => {
    const notXlsx = await h.post("mediator", `${base()}/import`, upload(new File(["Date;Type\n"], "activites.xlsx")));
    expect(notXlsx.status).toBe(400);
    expect(await text(notXlsx)).toContain(m.fileNotXlsx);
    const big = await h.post("mediator", `${base()}/import`, upload(new File([new Uint8Array(COOP_IMPORT_MAX_BYTES + 100_000)], "gros.xlsx")));
    expect(big.status).toBe(413);
    expect(await text(big)).toContain(m.fileTooLarge(5));
    expect(await imported()).toBe(2);
  });

  it("is for the place's staff only, with the session's token", async () => {
    expect((await h.get("coordinator", `${base()}/import`)).status).toBe(403);
    expect((await h.post("otherManager", `${base()}/import`, upload(await file()))).status).toBe(403);
    expect((await h.post("mediator", `${base()}/import`, upload(await file()), { csrf: null })).status).toBe(403);
  });
});
