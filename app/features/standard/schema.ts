/**
 * Validation of rows against the national standard « Lieux de médiation numérique » v1.0.2.
 *
 * Everything (field order, required flags, patterns, enumerations, maxLength, types) is read from
 * the official Frictionless Table Schema file copied verbatim beside this module. The Table Schema
 * is turned into a JSON Schema once, at load time, and rows are validated with Ajv.
 */
import Ajv, { type ErrorObject } from "ajv";
import addFormats from "ajv-formats";
import tableSchemaJson from "./schema-v1.0.2.json" with { type: "json" };

export type Problem = { field: string; value: string; message: string; hint: string };

type TableSchemaField = {
  name: string;
  title?: string;
  type: string;
  format?: string;
  constraints?: { required?: boolean; unique?: boolean; pattern?: string; maxLength?: number; minLength?: number };
};
type TableSchema = { version: string; fields: TableSchemaField[]; primaryKey?: string };

export const TABLE_SCHEMA = tableSchemaJson as unknown as TableSchema;

/** Column order of the standard (v1.0.2). */
export const STANDARD_FIELDS: readonly string[] = TABLE_SCHEMA.fields.map((f) => f.name);

export const FIELD_DEFS: Readonly<Record<string, TableSchemaField>> = Object.fromEntries(
  TABLE_SCHEMA.fields.map((f) => [f.name, f]),
);

/** Multi-valued fields: values separated by `|` (README of the standard). */
export const MULTI_VALUE_SEPARATOR = "|";

// ---------------------------------------------------------------------------------------------
// Enumerations parsed from the schema patterns, e.g. "(?:(?:^|\\|)(Itinérant|Fixe))+$".
// ---------------------------------------------------------------------------------------------

const ENUM_PATTERN = /^\(\?:\(\?:\^\|\\\|\)\((.*)\)\)\+\$$/s;

/** Split a regex alternation on top-level `|`, honouring escapes and parentheses. */
function splitAlternation(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      current += c + (source[i + 1] ?? "");
      i++;
    } else if (c === "(") {
      depth++;
      current += c;
    } else if (c === ")") {
      depth--;
      current += c;
    } else if (c === "|" && depth === 0) {
      parts.push(current);
      current = "";
    } else current += c;
  }
  parts.push(current);
  return parts;
}

const unescapeRegex = (s: string) => s.replace(/\\(.)/g, "$1");

export function enumFromPattern(pattern: string | undefined): string[] | undefined {
  const m = pattern ? ENUM_PATTERN.exec(pattern) : null;
  if (!m) return undefined;
  return splitAlternation(m[1]).map(unescapeRegex);
}

/** Allowed values of every enumerated field, in schema order (e.g. `ENUMS.services`). */
export const ENUMS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  TABLE_SCHEMA.fields.flatMap((f) => {
    const values = enumFromPattern(f.constraints?.pattern);
    return values ? [[f.name, values]] : [];
  }),
);
export const ENUM_FIELDS: readonly string[] = Object.keys(ENUMS);

/**
 * Known inconsistency of the schema (FIELDS.md): the pattern of `formations_labels` has
 * "Étapes numériques(La Poste)" while its description writes "Étapes numériques (La Poste)".
 * Both spellings are accepted on input and normalised to the pattern's spelling. Likewise the
 * typographic apostrophe used by some tools (’) is normalised to the schema's straight one.
 */
const ENUM_ALIASES: Readonly<Record<string, string>> = (() => {
  const aliases: Record<string, string> = {};
  for (const values of Object.values(ENUMS)) {
    for (const v of values) {
      const spaced = v.replace(/(\S)\(/g, "$1 (");
      if (spaced !== v) aliases[spaced] = v;
      if (v.includes("'")) aliases[v.replace(/'/g, "’")] = v;
    }
  }
  return aliases;
})();

/** Normalise one enumeration value to the schema's exact spelling (aliases above), else unchanged. */
export function canonicalEnumValue(field: string, value: string): string {
  const trimmed = value.trim().replace(/\s+/g, " ");
  const alias = ENUM_ALIASES[trimmed];
  if (alias && ENUMS[field]?.includes(alias)) return alias;
  return trimmed;
}

/** Apply the accepted spellings to a row (multi-valued enumeration cells are split and rejoined). */
export function normalizeStandardRow(row: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = { ...row };
  for (const field of ENUM_FIELDS) {
    const cell = out[field];
    if (!cell) continue;
    out[field] = cell
      .split(MULTI_VALUE_SEPARATOR)
      .map((v) => canonicalEnumValue(field, v))
      .join(MULTI_VALUE_SEPARATOR);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Table Schema → JSON Schema
// ---------------------------------------------------------------------------------------------

/** Frictionless `number`: optional sign, decimals, optional exponent (no thousands separators). */
const NUMBER_FORMAT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function fieldToJsonSchema(field: TableSchemaField): Record<string, unknown> {
  const s: Record<string, unknown> = { type: "string" };
  const c = field.constraints ?? {};
  if (field.type === "number") s.format = "ts-number";
  else if (field.type === "integer") s.format = "ts-integer";
  else if (field.type === "date") s.format = "date";
  // Table Schema patterns are implicitly anchored (XML Schema regex); JSON Schema's are not.
  if (c.pattern) s.pattern = `^(?:${c.pattern})$`;
  if (c.maxLength !== undefined) s.maxLength = c.maxLength;
  if (c.minLength !== undefined) s.minLength = c.minLength;
  return s;
}

export function tableSchemaToJsonSchema(schema: TableSchema): Record<string, unknown> {
  return {
    type: "object",
    properties: Object.fromEntries(schema.fields.map((f) => [f.name, fieldToJsonSchema(f)])),
    required: schema.fields.filter((f) => f.constraints?.required).map((f) => f.name),
  };
}

export const JSON_SCHEMA = tableSchemaToJsonSchema(TABLE_SCHEMA);

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv, ["date"]);
ajv.addFormat("ts-number", NUMBER_FORMAT);
ajv.addFormat("ts-integer", /^[+-]?\d+$/);
const validate = ajv.compile(JSON_SCHEMA);

// ---------------------------------------------------------------------------------------------
// French messages
// ---------------------------------------------------------------------------------------------

const label = (field: string) => FIELD_DEFS[field]?.title ?? field;
const quote = (s: string) => `« ${s} »`;

/** Messages for the fields whose pattern has a precise meaning. */
const PATTERN_MESSAGES: Record<string, (value: string) => { message: string; hint: string }> = {
  code_postal: (v) =>
    /^\d{4}$/.test(v)
      ? { message: "Le code postal doit comporter 5 chiffres.", hint: `Ajoutez le zéro initial, par exemple 0${v}.` }
      : { message: "Le code postal doit comporter 5 chiffres.", hint: "Écrivez les 5 chiffres sans espace, par exemple 45000." },
  code_insee: (v) => ({
    message: "Le code INSEE de la commune doit comporter 5 caractères (2A ou 2B pour la Corse).",
    hint: /^\d{4}$/.test(v)
      ? `Ajoutez le zéro initial, par exemple 0${v}. Attention : ce n'est pas le code postal.`
      : "Indiquez le code officiel géographique de la commune, par exemple 45234 (ce n'est pas le code postal).",
  }),
  telephone: () => ({
    message: "Le numéro de téléphone n'est pas au format international.",
    hint: "Écrivez un seul numéro, sans espace, en commençant par l'indicatif et sans le 0 : par exemple +33180059880 (métropole), +596… (Martinique), +687… (Nouvelle-Calédonie).",
  }),
  pivot: () => ({
    message: "Le SIRET, RNA ou RIDET doit comporter de 9 à 14 lettres ou chiffres, sans espace ni ponctuation.",
    hint: "Indiquez par exemple un SIRET à 14 chiffres (43493312300029) ou un RNA (W123456789). Sans numéro, écrivez 00000000000000.",
  }),
};

function enumProblem(field: string, value: string): Problem {
  const allowed = ENUMS[field] ?? [];
  const bad = value
    .split(MULTI_VALUE_SEPARATOR)
    .map((v) => v.trim())
    .filter((v) => !allowed.includes(v));
  const list = allowed.map(quote).join(", ");
  const usesSemicolon = value.includes(";");
  const message =
    bad.length === 0
      ? `Le champ ${quote(label(field))} est mal formé (valeur vide ou séparateur en trop).`
      : bad.length === 1
        ? `La valeur ${quote(bad[0])} n'est pas autorisée pour le champ ${quote(label(field))}.`
        : `Les valeurs ${bad.map(quote).join(", ")} ne sont pas autorisées pour le champ ${quote(label(field))}.`;
  const hint =
    (usesSemicolon ? "Séparez les valeurs par une barre verticale « | » et non par un point-virgule. " : "") +
    `Valeurs possibles : ${list}.` +
    (allowed.length > 1 ? " Séparez plusieurs valeurs par « | »." : "");
  return { field, value, message, hint };
}

function errorToProblem(err: ErrorObject, row: Record<string, string>): Problem {
  if (err.keyword === "required") {
    const field = String((err.params as { missingProperty: string }).missingProperty);
    return {
      field,
      value: "",
      message: `Le champ ${quote(label(field))} est obligatoire.`,
      hint:
        field === "pivot"
          ? "Indiquez le SIRET, le RNA ou le RIDET du lieu ; à défaut, écrivez 00000000000000."
          : field === "date_maj"
            ? "Indiquez la date de la dernière mise à jour, au format AAAA-MM-JJ, par exemple 2024-04-02."
            : `Remplissez la colonne ${field}.`,
    };
  }
  const field = err.instancePath.replace(/^\//, "");
  const value = row[field] ?? "";
  const def = FIELD_DEFS[field];
  switch (err.keyword) {
    case "pattern": {
      if (ENUMS[field]) return enumProblem(field, value);
      const specific = PATTERN_MESSAGES[field];
      if (specific) return { field, value, ...specific(value) };
      return {
        field,
        value,
        message: `La valeur du champ ${quote(label(field))} n'a pas la forme attendue.`,
        hint: `Forme attendue (expression régulière) : ${def?.constraints?.pattern ?? ""}.`,
      };
    }
    case "maxLength": {
      const max = def?.constraints?.maxLength ?? 0;
      return {
        field,
        value,
        message: `Le champ ${quote(label(field))} dépasse ${max} caractères (il en compte ${[...value].length}).`,
        hint:
          field === "presentation_resume"
            ? "Raccourcissez le résumé et mettez le texte complet dans presentation_detail."
            : `Raccourcissez le texte à ${max} caractères au plus.`,
      };
    }
    case "format": {
      if (def?.type === "date") {
        const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
        return {
          field,
          value,
          message: `La date du champ ${quote(label(field))} n'est pas une date valide au format AAAA-MM-JJ.`,
          hint: fr
            ? `Écrivez ${fr[3]}-${fr[2].padStart(2, "0")}-${fr[1].padStart(2, "0")} au lieu de ${value}.`
            : "Écrivez l'année, le mois puis le jour, séparés par des tirets, par exemple 2024-04-02.",
        };
      }
      if (def?.type === "number") {
        return {
          field,
          value,
          message: `Le champ ${quote(label(field))} doit être un nombre.`,
          hint: value.includes(",")
            ? `Utilisez un point comme séparateur décimal : ${value.replace(",", ".")}.`
            : "Écrivez un nombre décimal avec un point, par exemple 47.90289 (sans unité ni degré).",
        };
      }
      return { field, value, message: `Le champ ${quote(label(field))} n'a pas le bon type.`, hint: "" };
    }
    default:
      return { field, value, message: `Le champ ${quote(label(field))} n'est pas valide.`, hint: err.message ?? "" };
  }
}

/**
 * Check one row (column name → cell text) against the standard. Empty cells count as missing
 * (Frictionless default `missingValues: [""]`). Unknown columns are ignored.
 */
export function validateStandardRow(row: Record<string, string>): Problem[] {
  const normalized = normalizeStandardRow(row);
  const present: Record<string, string> = {};
  for (const f of STANDARD_FIELDS) {
    const v = normalized[f];
    if (v !== undefined && v !== null && String(v).trim() !== "") present[f] = String(v);
  }
  if (validate(present)) return [];
  const problems = (validate.errors ?? []).map((e) => errorToProblem(e, present));
  // One problem per field and message; keep schema column order.
  const seen = new Set<string>();
  return problems
    .filter((p) => {
      const key = `${p.field}\u0000${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => STANDARD_FIELDS.indexOf(a.field) - STANDARD_FIELDS.indexOf(b.field));
}
