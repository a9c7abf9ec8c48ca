/**
 * A few real places for tests: the first rows of the Centre-Val de Loire file (Hub Lo,
 * ../shared/reference/mednum/real/), through its mapping, as the importer reads them.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import type { Database } from "~/db/client.server";
import { loadMapping } from "~/features/standard/mapping";
import { prepareRow } from "~/features/standard/read";
import { STANDARD_FIELDS } from "~/features/standard/schema";
import { importPlacesFile } from "~/features/places/import.server";
import { MAPPINGS, REAL } from "./reference";

export const CVL_SOURCE = path.join(REAL, "centre-val-de-loire_hub-lo_source.json");
export const CVL_MAPPING = path.join(MAPPINGS, "centre-val-de-loire_hub-lo.json");

/** The source rows `from`…`from + count - 1` of the Centre-Val de Loire file. */
export function cvlRows(count: number, from = 0): Record<string, unknown>[] {
  return (JSON.parse(fs.readFileSync(CVL_SOURCE, "utf8")) as Record<string, unknown>[]).slice(from, from + count);
}

/** Import those rows (into `networkSlug` when given) with the real importer. */
export async function importCvlRows(database: Database, options: { count: number; from?: number; networkSlug?: string }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "epn-cvl-"));
  const file = path.join(dir, "centre-val-de-loire_hub-lo_source.json");
  fs.writeFileSync(file, JSON.stringify(cvlRows(options.count, options.from ?? 0)));
  try {
    const report = await importPlacesFile(database, { file, mappingFile: CVL_MAPPING, networkSlug: options.networkSlug });
    if (!report.written) throw new Error(`test data not imported: ${JSON.stringify(report.problems.slice(0, 3))}`);
    return report;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Those rows as a CSV file of the national standard v1.0.2 (through the file's mapping),
 * as a network would upload it. `edit` changes a row before it is written (e.g. to break it).
 */
export async function cvlStandardCsv(count: number, options: { from?: number; edit?: (row: Record<string, string>, index: number) => void } = {}): Promise<string> {
  const mapping = await loadMapping(CVL_MAPPING);
  const rows = cvlRows(count, options.from ?? 0).map((raw, i) => {
    const { row } = prepareRow(raw, { shape: "mapping", mapping });
    const copy = { ...row } as Record<string, string>;
    options.edit?.(copy, i);
    return STANDARD_FIELDS.map((f) => copy[f] ?? "");
  });
  return stringify([STANDARD_FIELDS as string[], ...rows]);
}
