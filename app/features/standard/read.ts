/**
 * Reading source files (CSV or JSON) and the single entry point of the importer: `prepareRow`.
 */
import fs from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { applyMapping, getValue, type Mapping, type MappedRow } from "./mapping";
import { cellText } from "./normalize";
import { finishRow, type Draft, type PreparedRow, type Warning } from "./prepare";
import { STANDARD_FIELDS } from "./schema";
import { V01_ENUM_FIELDS, V01_ONLY_FIELDS, V01_RENAMED_FIELDS } from "./v01";

export type Shape = "v1.0.2" | "v0.1" | "other";
export type SourceFile = { format: "csv" | "json"; rows: Record<string, unknown>[] };

export class SourceFileError extends Error {}

/** `,` or `;`: the one that splits the header line into more columns (outside quotes). */
function detectDelimiter(text: string): "," | ";" {
  let inQuotes = false;
  let commas = 0;
  let semicolons = 0;
  for (const c of text) {
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === "\n" || c === "\r")) break;
    else if (!inQuotes && c === ",") commas++;
    else if (!inQuotes && c === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

export function parseSourceText(text: string, format: "csv" | "json"): SourceFile {
  const clean = text.replace(/^\uFEFF/, "");
  if (format === "json") {
    let json: unknown;
    try {
      json = JSON.parse(clean);
    } catch (error) {
      throw new SourceFileError(`Le fichier n'est pas un JSON valide (${error instanceof Error ? error.message : String(error)}).`);
    }
    const list = Array.isArray(json)
      ? json
      : json && typeof json === "object"
        ? ((json as Record<string, unknown>).features ?? (json as Record<string, unknown>).data)
        : undefined;
    if (!Array.isArray(list)) {
      throw new SourceFileError("Le JSON doit être une liste de lieux, ou un objet avec une liste « features » ou « data ».");
    }
    // GeoJSON features: properties + coordinates.
    const rows = list
      .filter((r): r is Record<string, unknown> => r !== null && typeof r === "object" && !Array.isArray(r))
      .map((r) => {
        const props = r.properties;
        if (r.type !== "Feature" || !props || typeof props !== "object") return r;
        const out: Record<string, unknown> = { ...(props as Record<string, unknown>) };
        const geometry = r.geometry as { type?: string; coordinates?: unknown } | null | undefined;
        if (geometry?.type === "Point" && Array.isArray(geometry.coordinates)) {
          out.longitude ??= geometry.coordinates[0];
          out.latitude ??= geometry.coordinates[1];
        }
        return out;
      });
    return { format: "json", rows };
  }
  try {
    const rows = parse(clean, {
      columns: (header: string[]) => header.map((h) => h.trim()),
      delimiter: detectDelimiter(clean),
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: false,
    }) as Record<string, string>[];
    return { format: "csv", rows };
  } catch (error) {
    throw new SourceFileError(`Le fichier CSV est illisible (${error instanceof Error ? error.message : String(error)}).`);
  }
}

/** Read a CSV or JSON file of places (format from the extension, else from the content). */
export async function readSourceFile(path: string): Promise<SourceFile> {
  const text = await fs.readFile(path, "utf8");
  const lower = path.toLowerCase();
  const format = lower.endsWith(".json") || lower.endsWith(".geojson")
    ? "json"
    : lower.endsWith(".csv")
      ? "csv"
      : /^\s*[[{]/.test(text.replace(/^\uFEFF/, ""))
        ? "json"
        : "csv";
  return parseSourceText(text, format);
}

/**
 * Which shape do the rows follow? "v1.0.2" or "v0.1" when the standard's main columns (nom, commune,
 * code_postal, adresse, date_maj) hold values (a mix counts as v0.1 when any v0.1-only column or
 * v0.1 service label is present), else "other".
 */
export function detectShape(rows: Record<string, unknown>[]): Shape {
  const keys = new Set<string>();
  // Only columns that hold a value somewhere count ("id": null everywhere is not an id column).
  for (const r of rows.slice(0, 200)) {
    for (const [k, v] of Object.entries(r)) if (cellText(v) !== "") keys.add(k.toLowerCase());
  }
  const core = ["nom", "commune", "code_postal", "adresse", "date_maj"];
  if (!core.every((k) => keys.has(k))) return "other";
  if (V01_ONLY_FIELDS.some((k) => keys.has(k))) return "v0.1";
  const sample = rows.slice(0, 200);
  const v01Text = sample.some((r) => {
    const services = cellText(getValue(r, "services"));
    return services.includes(";") || /^(Devenir|Réaliser|Prendre en main|Utiliser|Approfondir|Accéder|Favoriser)/.test(services);
  });
  return v01Text ? "v0.1" : "v1.0.2";
}

/**
 * A v1.0.2 or v0.1 record (or a mix of both, field by field) → draft → clean v1.0.2 row.
 * Column names are matched ignoring case ("Adresse"); numbers are read as text (13100 → "13100").
 */
export function toStandardInput(raw: Record<string, unknown>, shape: Shape = "v1.0.2"): PreparedRow {
  const warnings: Warning[] = [];
  const lowerKeys = new Map<string, string>();
  for (const k of Object.keys(raw)) lowerKeys.set(k.trim().toLowerCase(), k);
  const read = (name: string) => {
    const key = lowerKeys.get(name);
    return key === undefined ? "" : cellText(raw[key]);
  };
  const draft: Draft = {};
  for (const field of STANDARD_FIELDS) {
    const v = read(field);
    if (v) draft[field] = v;
  }
  // v0.1 columns (always looked at: real files mix both shapes, field by field).
  for (const [old, now] of Object.entries(V01_RENAMED_FIELDS)) {
    const v = read(old);
    if (!v) continue;
    if (now === "frais_a_charge") draft.conditions_acces = v; // mapped value by value
    else draft[now] = draft[now] ? `${draft[now]};${v}` : v;
  }
  for (const f of V01_ENUM_FIELDS) {
    if (f === "services" || f === "modalites_accompagnement" || f === "conditions_acces") continue;
    const v = read(f) || (f === "publics_accueillis" ? read("public_accueillis") : "");
    if (v) draft[f] = v;
  }
  // v0.1 lists use ";", v1.0.2 "|": finishRow splits multi-valued cells on both. v0.1's 500-character
  // summaries are shortened to 280 by finishRow, the full text going to presentation_detail.
  // `cle_ban` (V01_DROPPED_FIELDS) has no v1.0.2 column and is not read.
  return finishRow(draft, {}, warnings, { strictEnums: shape === "v1.0.2" });
}

export type PrepareOptions = { shape: Shape | "mapping"; mapping?: Mapping };

/**
 * The importer's one entry point: a raw record → `{ row, extras, warnings }`, where `row` has every
 * column of the standard ("" when missing). `code_insee`, coordinates, `id` and `pivot` left empty
 * (or the pivot placeholder) can be filled by the caller from the communes reference before
 * calling `validateStandardRow(row)`.
 */
export function prepareRow(raw: Record<string, unknown>, options: PrepareOptions): MappedRow {
  if (options.mapping) return applyMapping(raw, options.mapping);
  if (options.shape === "mapping" || options.shape === "other") {
    throw new SourceFileError(
      "Ce fichier ne suit pas le standard national : indiquez un fichier de correspondance (voir mappings/README.md).",
    );
  }
  return toStandardInput(raw, options.shape);
}
