import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { loadMapping, type Mapping } from "./mapping";
import { detectShape, parseSourceText, prepareRow, readSourceFile } from "./read";
import { validateStandardRow } from "./schema";
import { REAL, REFERENCE } from "../../../tests/support/reference";


describe("reading files", () => {
  test("CSV with BOM and `;` delimiter, CSV with `,`", () => {
    const semi = parseSourceText('\uFEFFid;nom;adresse\n1;"Lieu; avec point-virgule";"2, rue X"\n', "csv");
    expect(semi).toEqual({ format: "csv", rows: [{ id: "1", nom: "Lieu; avec point-virgule", adresse: "2, rue X" }] });
    const comma = parseSourceText("id,nom\n1,A\n", "csv");
    expect(comma.rows).toEqual([{ id: "1", nom: "A" }]);
  });

  test("JSON: array, { data }, GeoJSON { features }", async () => {
    expect(parseSourceText('[{"a":1}]', "json").rows).toEqual([{ a: 1 }]);
    expect(parseSourceText('{"data":[{"a":1}]}', "json").rows).toEqual([{ a: 1 }]);
    const geo = parseSourceText(
      '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"nom":"X"},"geometry":{"type":"Point","coordinates":[2.4,47.1]}}]}',
      "json",
    );
    expect(geo.rows).toEqual([{ nom: "X", longitude: 2.4, latitude: 47.1 }]);
    expect(() => parseSourceText('{"x":1}', "json")).toThrow(/liste de lieux/);
    const file = path.join(os.tmpdir(), `standard-read-${process.pid}.csv`);
    fs.writeFileSync(file, "\uFEFFid,nom\n1,A\n");
    await expect(readSourceFile(file)).resolves.toEqual({ format: "csv", rows: [{ id: "1", nom: "A" }] });
    fs.rmSync(file);
  });

  test("shape detection", async () => {
    const v1 = parseSourceText(fs.readFileSync(`${REFERENCE}/exemple-valide-v1.0.2.csv`, "utf8"), "csv").rows;
    const v01 = parseSourceText(fs.readFileSync(`${REFERENCE}/exemple-valide-v0.1.1.csv`, "utf8"), "csv").rows;
    expect(detectShape(v1)).toBe("v1.0.2");
    expect(detectShape(v01)).toBe("v0.1");
    expect(detectShape((await readSourceFile(`${REAL}/aix-en-provence_v0.1.json`)).rows)).toBe("v0.1");
    expect(detectShape((await readSourceFile(`${REAL}/2023-05-17_hub-du-sud_paca.json`)).rows)).toBe("v0.1");
    expect(detectShape((await readSourceFile(`${REAL}/nouvelle-caledonie_source.json`)).rows)).toBe("other");
    expect(detectShape((await readSourceFile(`${REAL}/centre-val-de-loire_hub-lo_source.json`)).rows)).toBe("other");
    expect(() => prepareRow({}, { shape: "other" })).toThrow(/fichier de correspondance/);
  });
});

/**
 * Every real file through prepareRow + validateStandardRow. Figures are printed, and the number of
 * valid rows is asserted so that it cannot regress. `afterIdFill` mimics the importer, which
 * computes an id when the source has none (Nouvelle-Calédonie) before validating.
 */
const REAL_FILES: { file: string; mapping?: string; shape: string; rows: number; valid: number; afterIdFill: number }[] = [
  { file: "2023-05-17_hub-du-sud_paca.json", shape: "v0.1", rows: 646, valid: 646, afterIdFill: 646 },
  { file: "aix-en-provence_v0.1.json", shape: "v0.1", rows: 38, valid: 38, afterIdFill: 38 },
  { file: "antilles_hub-mednum.json", shape: "v0.1", rows: 50, valid: 50, afterIdFill: 50 },
  { file: "source-maisons-france-services.json", shape: "v0.1", rows: 687, valid: 687, afterIdFill: 687 },
  { file: "centre-val-de-loire_hub-lo_source.json", mapping: "mappings/centre-val-de-loire_hub-lo.json", shape: "mapping", rows: 426, valid: 425, afterIdFill: 425 },
  { file: "centre-val-de-loire_hub-lo_source.json", mapping: `${REAL}/centre-val-de-loire_hub-lo_mapping.json`, shape: "mapping", rows: 426, valid: 425, afterIdFill: 425 },
  { file: "france-services_2022-12-01.csv", mapping: "mappings/france-services.json", shape: "mapping", rows: 2683, valid: 2657, afterIdFill: 2657 },
  { file: "nouvelle-caledonie_source.json", mapping: "mappings/nouvelle-caledonie.json", shape: "mapping", rows: 92, valid: 0, afterIdFill: 86 },
];

describe("real files", () => {
  for (const spec of REAL_FILES) {
    test(`${spec.file}${spec.mapping ? ` with ${path.basename(spec.mapping)}` : ""}`, async () => {
      const { rows } = await readSourceFile(`${REAL}/${spec.file}`);
      const mapping: Mapping | undefined = spec.mapping ? await loadMapping(spec.mapping) : undefined;
      const shape = mapping ? "mapping" : detectShape(rows);
      expect(shape).toBe(spec.shape);
      let valid = 0;
      let afterIdFill = 0;
      let hoursConverted = 0;
      let hoursText = 0;
      let epn = 0;
      const problems = new Map<string, number>();
      const warnings = new Map<string, number>();
      for (const raw of rows) {
        const prepared = prepareRow(raw, { shape, mapping });
        const { row, extras } = prepared;
        if (validateStandardRow(row).length === 0) valid++;
        if (!row.id) row.id = `h-${crypto.createHash("sha1").update(`${row.nom}|${row.adresse}|${row.code_postal}`).digest("hex").slice(0, 12)}`;
        const found = validateStandardRow(row);
        if (found.length === 0) afterIdFill++;
        for (const p of found) problems.set(`${p.field} — ${p.message}`, (problems.get(`${p.field} — ${p.message}`) ?? 0) + 1);
        for (const w of prepared.warnings) {
          const key = `${w.field} — ${w.message.replace(/« .* »/, "« … »").replace(/\(.*\)/, "(…)")}`;
          warnings.set(key, (warnings.get(key) ?? 0) + 1);
        }
        if (row.horaires) hoursConverted++;
        if (extras.hoursText) hoursText++;
        if (extras.isEpn) epn++;
      }
      const top = (m: Map<string, number>, n: number) =>
        [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, c]) => `    ${c} × ${k}`).join("\n");
      console.log(
        `${spec.file}${spec.mapping ? ` [${path.basename(spec.mapping)}]` : ""} (${shape}): ${rows.length} lignes, ` +
          `${valid} valides, ${rows.length - valid} invalides; après identifiant calculé : ${afterIdFill} valides; ` +
          `horaires OSM : ${hoursConverted}, horaires gardés en texte : ${hoursText}, EPN : ${epn}\n` +
          (problems.size ? `  problèmes :\n${top(problems, 5)}\n` : "") +
          (warnings.size ? `  avertissements :\n${top(warnings, 6)}` : ""),
      );
      expect(rows.length).toBe(spec.rows);
      expect(valid).toBeGreaterThanOrEqual(spec.valid);
      expect(afterIdFill).toBeGreaterThanOrEqual(spec.afterIdFill);
    });
  }
});
