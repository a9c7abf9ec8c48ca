import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { createPlace, createResource } from "~/features/demo/factories.server";
import { seedCommunes } from "~/features/communes/seed.server";
import { listStandardPlaces, placesToCsv, placesToJson } from "~/features/places/export.server";
import { importPlacesFile } from "~/features/places/import.server";
import { parseSourceText } from "~/features/standard/read";
import { STANDARD_FIELDS, validateStandardRow } from "~/features/standard/schema";
import { toStandardRow } from "~/features/standard/types";
import { createTestDatabase } from "../support/database";
import { REAL, REFERENCE } from "../support/reference";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "epn-export-"));
let first: Database;
let second: Database;

beforeAll(async () => {
  first = await createTestDatabase();
  await seedCommunes(first.db);
  for (const file of [path.join(REFERENCE, "exemple-valide-v1.0.2.csv"), path.join(REAL, "2023-05-17_hub-du-sud_paca.json"), path.join(REAL, "aix-en-provence_v0.1.json")]) {
    const report = await importPlacesFile(first, { file, partial: true, rejectsFile: path.join(tmp, "r.csv") });
    expect(report.written).toBe(true);
  }
});
afterAll(async () => {
  await first?.close();
  await second?.close();
});

describe("export in the national standard v1.0.2", () => {
  it("writes a CSV whose header is the schema's columns in order and whose every row validates against the official schema", async () => {
    const csv = placesToCsv(await listStandardPlaces(first.db));
    const parsed = parseSourceText(csv, "csv");
    expect(Object.keys(parsed.rows[0])).toEqual([...STANDARD_FIELDS]);
    expect(parsed.rows.length).toBeGreaterThan(600);
    const problems = parsed.rows.flatMap((row, i) => validateStandardRow(row as Record<string, string>).map((p) => ({ line: i + 2, ...p })));
    expect(problems).toEqual([]);
    const ids = parsed.rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("writes JSON whose rows validate too", async () => {
    const json = placesToJson(await listStandardPlaces(first.db));
    for (const row of json) {
      const asText = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v)]));
      expect(validateStandardRow(asText)).toEqual([]);
    }
  });

  it("is lossless: import → export → import → export gives the same standard fields", async () => {
    const exported = placesToCsv(await listStandardPlaces(first.db));
    const file = path.join(tmp, "export.csv");
    fs.writeFileSync(file, exported);
    second = await createTestDatabase();
    await seedCommunes(second.db);
    const report = await importPlacesFile(second, { file });
    expect(report.invalid).toBe(0);
    expect(report.notes.filter((n) => n.field !== "id")).toEqual([]);
    const before = (await listStandardPlaces(first.db)).map(toStandardRow);
    const after = (await listStandardPlaces(second.db)).map(toStandardRow);
    const byKey = (rows: Record<string, string>[]) => new Map(rows.map((r) => [`${r.source}|${r.id}`, r]));
    expect(byKey(after)).toEqual(byKey(before));
  });
});

describe("prise_rdv of places booked online here", () => {
  it("is our booking page when the place has a public resource and no booking URL of its own, in JSON and CSV", async () => {
    const database = await createTestDatabase();
    try {
      const { db } = database;
      const baseUrl = "https://epn.example";
      const online = await createPlace(db, { slug: "en-ligne", name: "En ligne" });
      await createResource(db, { placeId: online.id });
      const own = await createPlace(db, { slug: "le-sien", name: "Le sien", bookingUrl: "https://rdv.example/lieu" });
      await createResource(db, { placeId: own.id, kind: "room", name: "Salle" });
      const deskOnly = await createPlace(db, { slug: "accueil", name: "Accueil seulement" });
      await createResource(db, { placeId: deskOnly.id, publicOnline: false });
      const inactive = await createPlace(db, { slug: "inactif", name: "Ressource retirée" });
      await createResource(db, { placeId: inactive.id, active: false });
      const draft = await createPlace(db, { slug: "brouillon", name: "Brouillon", status: "draft" });
      await createResource(db, { placeId: draft.id });
      await createPlace(db, { slug: "rien", name: "Sans ressource" });

      const list = await listStandardPlaces(db, { baseUrl });
      const byName = new Map(list.map((p) => [p.nom, p.prise_rdv]));
      expect(Object.fromEntries(byName)).toEqual({
        "En ligne": `${baseUrl}/lieux/en-ligne/reserver`,
        "Le sien": "https://rdv.example/lieu",
        "Accueil seulement": undefined,
        "Ressource retirée": undefined,
        "Sans ressource": undefined,
      });
      const json = placesToJson(list).find((r) => r.nom === "En ligne")!;
      expect(json.prise_rdv).toBe(`${baseUrl}/lieux/en-ligne/reserver`);
      expect(validateStandardRow(Object.fromEntries(Object.entries(json).map(([k, v]) => [k, String(v)])))).toEqual([]);
      const csv = parseSourceText(placesToCsv(list), "csv");
      expect(csv.rows.find((r) => r.nom === "En ligne")!.prise_rdv).toBe(`${baseUrl}/lieux/en-ligne/reserver`);
      // Without the site's address (the CLI without BASE_URL), only the places' own URLs.
      expect((await listStandardPlaces(db)).map((p) => p.prise_rdv).filter(Boolean)).toEqual(["https://rdv.example/lieu"]);
    } finally {
      await database.close();
    }
  });
});
