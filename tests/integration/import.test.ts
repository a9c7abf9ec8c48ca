import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import { count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { importRuns, labelGrants, places } from "~/db/schema";
import { seedCommunes } from "~/features/communes/seed.server";
import { createNetwork } from "~/features/networks/networks.server";
import { formatImportReport } from "~/features/places/import-report";
import { importPlacesFile } from "~/features/places/import.server";
import { STANDARD_FIELDS } from "~/features/standard/schema";
import { createTestDatabase } from "../support/database";
import { MAPPINGS, REAL, REFERENCE } from "../support/reference";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "epn-import-"));
let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedCommunes(database.db);
});
afterAll(async () => database?.close());

async function placeCount() {
  const [{ n }] = await database.db.select({ n: count() }).from(places);
  return Number(n);
}

describe("importing the national standard", () => {
  it("imports the official v1.0.2 and v0.1.1 examples", async () => {
    const v1 = await importPlacesFile(database, { file: path.join(REFERENCE, "exemple-valide-v1.0.2.csv") });
    expect(v1).toMatchObject({ shape: "v1.0.2", total: 1, valid: 1, created: 1, written: true });
    // The planner's statistics follow the import at once (PGlite has no autoanalyze; PostgreSQL
    // publishes its activity counters within a few seconds).
    const analyzed = async () => Number((await database.query<{ n: number | string }>("select analyze_count + autoanalyze_count as n from pg_stat_user_tables where relname = 'places'"))[0].n);
    await expect.poll(analyzed, { timeout: 15_000 }).toBeGreaterThan(0);
    const v01 = await importPlacesFile(database, { file: path.join(REFERENCE, "exemple-valide-v0.1.1.csv") });
    expect(v01).toMatchObject({ shape: "v0.1", total: 1, valid: 1, written: true });
  });

  it("refuses a file with one bad row, writes nothing, and reports row by row in French", async () => {
    const before = await placeCount();
    const source = fs.readFileSync(path.join(REFERENCE, "exemple-valide-v1.0.2.csv"), "utf8").trim().split("\n");
    const good = source[1].replace('"structure-1"', '"bad-file-1"');
    const bad = source[1].replace('"structure-1"', '"bad-file-2"').replace('"51100"', '"51 1OO"').replace('"Gratuit sous condition|Payant"', '"Gratuit|Sur devis"');
    const file = path.join(tmp, "bad.csv");
    fs.writeFileSync(file, [source[0], good, bad].join("\n"));
    const report = await importPlacesFile(database, { file });
    expect(report).toMatchObject({ total: 2, valid: 1, invalid: 1, written: false });
    expect(report.problems.map((p) => [p.row, p.field])).toEqual(expect.arrayContaining([[3, "code_postal"], [3, "frais_a_charge"]]));
    const text = formatImportReport(report);
    expect(text).toContain("Ligne 3");
    expect(text).toContain("code_postal");
    expect(text).toContain("Rien n'a été enregistré");
    expect(await placeCount()).toBe(before);

    const partial = await importPlacesFile(database, { file, partial: true, rejectsFile: path.join(tmp, "rejets.csv") });
    expect(partial).toMatchObject({ created: 1, invalid: 1, written: true });
    const rejects = fs.readFileSync(path.join(tmp, "rejets.csv"), "utf8");
    expect(rejects.split("\n")[0]).toContain("erreurs");
    expect(rejects).toContain("bad-file-2");
    expect(rejects).not.toContain("bad-file-1");
    expect(await placeCount()).toBe(before + 1);
  });

  it("changes nothing when the same file is imported again, and updates on a newer date_maj", async () => {
    const file = path.join(REAL, "aix-en-provence_v0.1.json");
    const first = await importPlacesFile(database, { file });
    expect(first.created).toBe(38);
    const [before] = await database.db.select({ updatedAt: places.updatedAt }).from(places).where(eq(places.sourceId, "1")).limit(1);
    const again = await importPlacesFile(database, { file });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 38 });
    const [after] = await database.db.select({ updatedAt: places.updatedAt }).from(places).where(eq(places.sourceId, "1")).limit(1);
    expect(after.updatedAt).toEqual(before.updatedAt);

    const rows = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>[];
    rows[0] = { ...rows[0], nom: "Anonymal (nouveau nom)", date_maj: "2025-01-15" };
    rows[1] = { ...rows[1], nom: "Nom plus ancien", date_maj: "2020-01-01" };
    const newer = path.join(tmp, "aix-en-provence_v0.1.json");
    fs.writeFileSync(newer, JSON.stringify(rows));
    const update = await importPlacesFile(database, { file: newer });
    expect(update).toMatchObject({ created: 0, updated: 1, skippedOlder: 1, unchanged: 36 });
    const names = await database.db.select({ name: places.name }).from(places).where(eq(places.source, "Mairie Aix en Provence"));
    expect(names.map((n) => n.name)).toContain("Anonymal (nouveau nom)");
    expect(names.map((n) => n.name)).not.toContain("Nom plus ancien");
  });
});

describe("likely duplicates across sources", () => {
  /** A file of the national standard v1.0.2 with these rows (the other fields empty). */
  function standardFile(name: string, rows: Record<string, string>[]): string {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, stringify([[...STANDARD_FIELDS], ...rows.map((row) => STANDARD_FIELDS.map((f) => row[f] ?? ""))]));
    return file;
  }
  const mediatheque = { pivot: "21180279600016", nom: "Médiathèque Jean Cocteau", adresse: "12 rue des Ponts", code_postal: "18100", commune: "Vierzon", latitude: "47.2221", longitude: "2.0689", date_maj: "2025-03-01" };

  it("reports the same place published by two sources, and keeps both without merging them", async () => {
    const cityFile = standardFile("mairie-vierzon.csv", [
      { ...mediatheque, id: "mediatheque", source: "Mairie de Vierzon (doublons)" },
      { ...mediatheque, id: "france-services", source: "Mairie de Vierzon (doublons)", nom: "Maison France Services", adresse: "3 place de la Libération", latitude: "47.2032", longitude: "2.0841" },
    ]);
    const hubFile = standardFile("hub-cher.csv", [{ ...mediatheque, id: "hub-42", source: "Hub numérique du Cher (doublons)", nom: "Médiathèque Jean-Cocteau", adresse: "12, rue des Ponts", latitude: "47.22215" }]);
    expect(await importPlacesFile(database, { file: cityFile })).toMatchObject({ created: 2, written: true });
    const hub = await importPlacesFile(database, { file: hubFile });
    expect(hub).toMatchObject({ created: 1, written: true });

    // Other tests' real data may hold places in Vierzon too: the pairs with the city's file.
    const rows = await database.db.select({ id: places.id, sourceId: places.sourceId }).from(places).where(inArray(places.source, ["Mairie de Vierzon (doublons)", "Hub numérique du Cher (doublons)"]));
    const id = (sourceId: string) => rows.find((r) => r.sourceId === sourceId)!.id;
    const withCity = hub.duplicates.filter((d) => d.otherSource === "Mairie de Vierzon (doublons)");
    expect(withCity).toEqual([
      {
        placeId: id("hub-42"), name: "Médiathèque Jean-Cocteau", source: "Hub numérique du Cher (doublons)",
        otherId: id("mediatheque"), otherName: "Médiathèque Jean Cocteau", otherSource: "Mairie de Vierzon (doublons)",
        reason: expect.stringMatching(/^Même commune, noms proches \(\d+ %\), adresses proches \(\d+ %\), à 6 m$/),
      },
    ]);
    // Both kept, each under its own source; the import run keeps the pair in its report.
    expect(rows.map((r) => r.sourceId).sort()).toEqual(["france-services", "hub-42", "mediatheque"]);
    const [run] = await database.db.select({ report: importRuns.report }).from(importRuns).where(eq(importRuns.fileName, "hub-cher.csv"));
    expect((run!.report as { duplicates: unknown[] }).duplicates).toEqual(expect.arrayContaining(withCity));

    // A file imported again unchanged writes nothing, so it has nothing new to compare.
    expect(await importPlacesFile(database, { file: hubFile })).toMatchObject({ unchanged: 1, duplicates: [] });
  });
});

describe("importing every real file of ../shared/reference/mednum/real", () => {
  const files: { file: string; mapping?: string; min: number }[] = [
    { file: "centre-val-de-loire_hub-lo_source.json", mapping: "centre-val-de-loire_hub-lo.json", min: 420 },
    { file: "2023-05-17_hub-du-sud_paca.json", min: 600 },
    { file: "antilles_hub-mednum.json", min: 45 },
    { file: "source-maisons-france-services.json", min: 650 },
    { file: "france-services_2022-12-01.csv", mapping: "france-services.json", min: 2650 },
    { file: "nouvelle-caledonie_source.json", mapping: "nouvelle-caledonie.json", min: 85 },
  ];
  it.each(files)("$file", async ({ file, mapping, min }) => {
    const report = await importPlacesFile(database, {
      file: path.join(REAL, file),
      mappingFile: mapping ? path.join(MAPPINGS, mapping) : undefined,
      partial: true,
      rejectsFile: path.join(tmp, `${file}.rejets.csv`),
    });
    console.log(`${file}: ${report.valid}/${report.total} valid, ${report.hoursNotConverted} hours kept as text, ${report.coordinatesFromCommune} coordinates from commune, ${report.duplicates.length} likely duplicates`);
    if (report.invalid) console.log(formatImportReport(report, 10).split("\n").slice(0, 16).join("\n"));
    expect(report.written).toBe(true);
    expect(report.valid).toBeGreaterThanOrEqual(min);
  });

  it("labels the EPN of the Centre-Val de Loire file in its network", async () => {
    await createNetwork(database.db, { slug: "web-o-centre-test", name: "Web O Centre (test)" });
    const report = await importPlacesFile(database, {
      file: path.join(REAL, "centre-val-de-loire_hub-lo_source.json"),
      mappingFile: path.join(MAPPINGS, "centre-val-de-loire_hub-lo.json"),
      networkSlug: "web-o-centre-test",
      partial: true,
      rejectsFile: path.join(tmp, "cvl.rejets.csv"),
      labelFlagged: { label: "EPN labellisé", themes: ["Inclusion sociale"], validFrom: "2017-09-01" },
    });
    expect(report.labelled).toBe(133);
    const [{ n }] = await database.db.select({ n: count() }).from(labelGrants);
    expect(Number(n)).toBe(133);
  });

  it("rejects a file that is not in the standard without a mapping", async () => {
    await expect(importPlacesFile(database, { file: path.join(REAL, "nouvelle-caledonie_source.json") })).rejects.toThrow(/--mapping/);
  });
});
