/**
 * Declarative mapping of any CSV/JSON file to the standard, in the format of the national
 * pipeline's hub configuration files (see mappings/README.md):
 *
 *   { "nom": { "colonne": "c_nom" },
 *     "services": [ { "colonnes": ["c_detail"], "termes": ["démarches"], "sauf": ["abonnés"], "cible": "Aide aux démarches administratives" } ],
 *     "horaires": { "semaine": "c_horaire_ouverture", "jours_semaine": "c_jours_semaine" } }
 *
 * extended with per-weekday hour columns, constants, nested paths, equipment counts, an EPN flag
 * and a row filter. Mapping files are checked with zod; errors are in French.
 */
import fs from "node:fs/promises";
import { z } from "zod";
import { frenchTextToOpeningHours, parseFrenchDays, weekdayColumnsToOpeningHours } from "~/features/hours/convert";
import { OSM_WEEKDAYS, type OsmWeekday } from "~/features/time/weekday";
import { cellText, fold, parseNumber } from "./normalize";
import { finishRow, type Draft, type PlaceExtras, type PreparedRow, type Warning } from "./prepare";
import { ENUMS, STANDARD_FIELDS } from "./schema";
import { TYPOLOGIES } from "./typologie";

export type { PlaceExtras, Warning } from "./prepare";

const WEEKDAY_NAMES: Record<OsmWeekday, string> = {
  Mo: "Lundi", Tu: "Mardi", We: "Mercredi", Th: "Jeudi", Fr: "Vendredi", Sa: "Samedi", Su: "Dimanche",
};

// ---------------------------------------------------------------------------------------------
// Format (zod)
// ---------------------------------------------------------------------------------------------

const column = z.string().trim().min(1);
const columns = z.array(column).min(1);
const terms = z.array(z.string().trim().min(1)).min(1);

const ColumnSource = z
  .object({
    colonne: column,
    /** Text put before the value (e.g. to make ids unique across sources). */
    prefixe: z.string().optional(),
    /** Value used when the column is empty. */
    defaut: z.string().optional(),
  })
  .strict();
const ColumnsSource = z.object({ colonnes: columns, separateur: z.string().optional() }).strict();
const ConstantSource = z.object({ valeur: z.string() }).strict();
const Condition = z.object({ colonnes: columns, termes: terms, sauf: z.array(z.string().trim().min(1)).optional() }).strict();
const KeywordRule = Condition.extend({ cible: z.string().trim().min(1) }).strict();
const Hours = z
  .object({
    /** One column of free text for the whole week ("du lundi au vendredi de 9h à 12h"). */
    semaine: column.optional(),
    /** Column listing the open days ("{Lundi,Mardi}"), used when the free text names no day. */
    jours_semaine: column.optional(),
    /** One column per weekday ("09:00 - 12:00 / 14:00 - 17:00"). */
    jours: z.partialRecord(z.enum(OSM_WEEKDAYS), column).optional(),
    /** A column already in OpenStreetMap syntax. */
    colonne: column.optional(),
  })
  .strict();
const Equipment = z
  .object({
    ordinateurs: column.optional(),
    portables: column.optional(),
    tablettes: column.optional(),
    imprimantes: column.optional(),
    imprimantes_3d: column.optional(),
  })
  .strict();

export type ColumnSource = z.infer<typeof ColumnSource>;
export type KeywordRule = z.infer<typeof KeywordRule>;
export type Condition = z.infer<typeof Condition>;
export type FieldSource = z.infer<typeof ColumnSource> | z.infer<typeof ColumnsSource> | z.infer<typeof ConstantSource>;

export type Mapping = {
  fields: Record<string, FieldSource | KeywordRule[]>;
  horaires?: z.infer<typeof Hours>;
  equipements?: z.infer<typeof Equipment>;
  epn?: Condition;
  filtre?: Condition;
};

const SPECIAL_KEYS = ["horaires", "equipements", "epn", "filtre"];
const TEXT_FIELDS_FOR_ID = new Set<string>(STANDARD_FIELDS);

/** French wording of a zod issue. */
function issueToFrench(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return `type incorrect (attendu : ${
        { string: "un texte", array: "une liste", object: "un objet", number: "un nombre" }[issue.expected as string] ?? issue.expected
      })`;
    case "unrecognized_keys":
      return `clé(s) inconnue(s) : ${issue.keys.map((k) => `« ${k} »`).join(", ")}`;
    case "too_small":
      return issue.origin === "array" ? "la liste ne doit pas être vide" : "la valeur ne doit pas être vide";
    case "invalid_value":
      return `valeur non autorisée (valeurs possibles : ${issue.values.map(String).join(", ")})`;
    case "invalid_key":
      return `clé non autorisée (jours possibles : ${OSM_WEEKDAYS.join(", ")})`;
    case "custom":
      return issue.message;
    default:
      return issue.message;
  }
}

export class MappingError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Fichier de correspondance invalide :\n- ${problems.join("\n- ")}`);
    this.name = "MappingError";
  }
}

function check<T>(schema: z.ZodType<T>, value: unknown, where: string, problems: string[]): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = issue.path.length ? ` (${issue.path.join(" › ")})` : "";
    problems.push(`${where}${path} : ${issueToFrench(issue)}.`);
  }
  return undefined;
}

function checkTarget(field: string, cible: string, where: string, problems: string[]) {
  if (ENUMS[field] && !ENUMS[field].includes(cible)) {
    problems.push(`${where} : la cible « ${cible} » n'est pas une valeur du standard. Valeurs possibles : ${ENUMS[field].join(", ")}.`);
  }
  if (field === "typologie" && !TYPOLOGIES[cible]) {
    problems.push(`${where} : la cible « ${cible} » n'est pas un code de typologie connu (par exemple EPN, BIB, ASSO, MUNI).`);
  }
}

/** Check a parsed JSON mapping; throws `MappingError` (French) when it is not usable. */
export function parseMapping(json: unknown): Mapping {
  const problems: string[] = [];
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new MappingError(["le fichier doit contenir un objet JSON { \"champ\": … }."]);
  }
  const mapping: Mapping = { fields: {} };
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    const where = `« ${key} »`;
    if (key === "horaires") {
      mapping.horaires = check(Hours, value, where, problems);
      continue;
    }
    if (key === "equipements") {
      mapping.equipements = check(Equipment, value, where, problems);
      continue;
    }
    if (key === "epn" || key === "filtre") {
      mapping[key] = check(Condition, value, where, problems);
      continue;
    }
    if (!TEXT_FIELDS_FOR_ID.has(key)) {
      problems.push(
        `${where} n'est ni un champ du standard ni une clé spéciale (${SPECIAL_KEYS.join(", ")}). Champs du standard : ${STANDARD_FIELDS.join(", ")}.`,
      );
      continue;
    }
    if (Array.isArray(value)) {
      const rules = check(z.array(KeywordRule), value, where, problems);
      if (rules) {
        rules.forEach((r, i) => checkTarget(key, r.cible, `${where} › règle ${i + 1}`, problems));
        mapping.fields[key] = rules;
      }
      continue;
    }
    const v = value as Record<string, unknown>;
    const schema = v && typeof v === "object" ? ("valeur" in v ? ConstantSource : "colonnes" in v ? ColumnsSource : ColumnSource) : ColumnSource;
    const source = check<FieldSource>(schema, value, where, problems);
    if (source) {
      if ("valeur" in source && ENUMS[key]) {
        for (const item of source.valeur.split("|")) checkTarget(key, item, where, problems);
      }
      mapping.fields[key] = source;
    }
  }
  if (problems.length > 0) throw new MappingError(problems);
  return mapping;
}

/** Read and check a mapping file. */
export async function loadMapping(path: string): Promise<Mapping> {
  let text: string;
  try {
    text = await fs.readFile(path, "utf8");
  } catch {
    throw new MappingError([`le fichier ${path} est introuvable ou illisible.`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new MappingError([`le fichier ${path} n'est pas un JSON valide (${error instanceof Error ? error.message : String(error)}).`]);
  }
  return parseMapping(json);
}

// ---------------------------------------------------------------------------------------------
// Applying a mapping
// ---------------------------------------------------------------------------------------------

/** Value at `path` in a raw record: exact key, then dotted path ("geolocalisation.lat"), then key ignoring case. */
export function getValue(raw: Record<string, unknown>, path: string): unknown {
  if (path in raw) return raw[path];
  if (path.includes(".")) {
    let current: unknown = raw;
    for (const part of path.split(".")) {
      if (current === null || typeof current !== "object") return undefined;
      current = (current as Record<string, unknown>)[part];
    }
    if (current !== undefined) return current;
  }
  const lower = path.toLowerCase();
  const key = Object.keys(raw).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : raw[key];
}

const isWordChar = (c: string | undefined) => c !== undefined && /[a-z0-9]/.test(c);

/**
 * Does the folded text contain the term as a whole word (case- and accent-insensitive)?
 * Word edges are only checked where the term itself starts/ends with a letter or digit,
 * so "€" or "Ateliers :" match anywhere.
 */
export function containsTerm(text: string, term: string): boolean {
  const hay = fold(text);
  const needle = fold(term);
  if (!needle) return false;
  let from = 0;
  for (;;) {
    const at = hay.indexOf(needle, from);
    if (at < 0) return false;
    const before = hay[at - 1];
    const after = hay[at + needle.length];
    const okBefore = !isWordChar(needle[0]) || !isWordChar(before);
    const okAfter = !isWordChar(needle[needle.length - 1]) || !isWordChar(after);
    if (okBefore && okAfter) return true;
    from = at + 1;
  }
}

/** Does a keyword condition hold for this record? (`sauf` terms in the same columns cancel it.) */
export function conditionHolds(raw: Record<string, unknown>, condition: Condition): boolean {
  const texts = condition.colonnes.map((c) => cellText(getValue(raw, c))).filter(Boolean);
  if (texts.length === 0) return false;
  const found = texts.some((t) => condition.termes.some((term) => containsTerm(t, term)));
  if (!found) return false;
  return !(condition.sauf ?? []).some((s) => texts.some((t) => containsTerm(t, s)));
}

function sourceValue(raw: Record<string, unknown>, source: FieldSource): string {
  if ("valeur" in source) return source.valeur;
  if ("colonnes" in source) {
    return source.colonnes
      .map((c) => cellText(getValue(raw, c)))
      .filter(Boolean)
      .join(source.separateur ?? "\n");
  }
  const value = cellText(getValue(raw, source.colonne));
  if (!value) return source.defaut ?? "";
  return `${source.prefixe ?? ""}${value}`;
}

/** Text of per-weekday columns for people ("Lundi : 9h-12h ; Mardi : …"). */
function weekdayText(cols: Partial<Record<OsmWeekday, string>>): string {
  return OSM_WEEKDAYS.filter((d) => cols[d]).map((d) => `${WEEKDAY_NAMES[d]} : ${cols[d]}`).join(" ; ");
}

function applyHours(raw: Record<string, unknown>, hours: NonNullable<Mapping["horaires"]>, draft: Draft, extras: PlaceExtras, warnings: Warning[]) {
  if (hours.jours) {
    const cols: Partial<Record<OsmWeekday, string>> = {};
    for (const d of OSM_WEEKDAYS) {
      const c = hours.jours[d];
      const v = c ? cellText(getValue(raw, c)) : "";
      if (v) cols[d] = v;
    }
    if (Object.keys(cols).length > 0) {
      const result = weekdayColumnsToOpeningHours(cols);
      if (result.ok) {
        draft.horaires = result.value;
        return;
      }
      extras.hoursText = weekdayText(cols);
      warnings.push({ field: "horaires", value: extras.hoursText, message: `Horaires non convertis au format OpenStreetMap (${result.reason}) : texte conservé à part.` });
      return;
    }
  }
  if (hours.semaine) {
    const text = cellText(getValue(raw, hours.semaine));
    if (text) {
      const daysText = hours.jours_semaine ? cellText(getValue(raw, hours.jours_semaine)) : "";
      const defaultDays = daysText ? parseFrenchDays(daysText) : undefined;
      const result = frenchTextToOpeningHours(text, defaultDays && defaultDays.length > 0 ? { defaultDays } : {});
      if (result.ok) {
        draft.horaires = result.value;
        return;
      }
      extras.hoursText = daysText ? `${text} (jours : ${daysText.replace(/[{}]/g, "").replace(/,/g, ", ")})` : text;
      warnings.push({ field: "horaires", value: text, message: `Horaires non convertis au format OpenStreetMap (${result.reason}) : texte conservé à part.` });
      return;
    }
  }
  if (hours.colonne) {
    const text = cellText(getValue(raw, hours.colonne));
    if (text) draft.horaires = text; // checked (and converted if needed) by finishRow
  }
}

/** Count in a cell: 12, "12", "12 postes" → 12. */
function countIn(value: unknown): number | undefined {
  const n = parseNumber(value);
  if (n !== undefined) return n >= 0 ? Math.round(n) : undefined;
  const m = /^\s*(\d+)\b/.exec(cellText(value));
  return m ? Number(m[1]) : undefined;
}

export type MappedRow = PreparedRow & { skipped?: boolean };

/**
 * Map one raw record to a row of the standard. `skipped` is true when the mapping's `filtre`
 * excludes the record (the row is then still computed, for reports).
 */
export function applyMapping(raw: Record<string, unknown>, mapping: Mapping): MappedRow {
  const draft: Draft = {};
  const extras: PlaceExtras = {};
  const warnings: Warning[] = [];

  for (const [field, source] of Object.entries(mapping.fields)) {
    if (Array.isArray(source)) {
      const values: string[] = [];
      for (const rule of source) {
        if (conditionHolds(raw, rule) && !values.includes(rule.cible)) values.push(rule.cible);
      }
      draft[field] = values.join("|");
    } else {
      draft[field] = sourceValue(raw, source);
    }
  }
  if (mapping.horaires) applyHours(raw, mapping.horaires, draft, extras, warnings);
  if (mapping.equipements) {
    const e = mapping.equipements;
    const set = (key: "computers" | "laptops" | "tablets" | "printers" | "printers3d", col: string | undefined) => {
      if (!col) return;
      const raw_ = getValue(raw, col);
      const n = countIn(raw_);
      if (n !== undefined) extras[key] = n;
      else if (cellText(raw_)) warnings.push({ field: "equipements", value: cellText(raw_), message: `Nombre illisible dans la colonne ${col}, ignoré.` });
    };
    set("computers", e.ordinateurs);
    set("laptops", e.portables);
    set("tablets", e.tablettes);
    set("printers", e.imprimantes);
    set("printers3d", e.imprimantes_3d);
  }
  if (mapping.epn) extras.isEpn = conditionHolds(raw, mapping.epn);

  const result: MappedRow = finishRow(draft, extras, warnings);
  if (mapping.filtre && !conditionHolds(raw, mapping.filtre)) result.skipped = true;
  return result;
}
