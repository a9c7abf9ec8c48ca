/**
 * data·inclusion's own schema files (../shared/reference/data-inclusion), to check what we publish:
 * every item against structure.json or service.json with Ajv (draft 2020-12: `$defs`, written by
 * pydantic), and every enumerated value against the value lists of extra/*.json.
 */
import fs from "node:fs";
import path from "node:path";
import Ajv2020, { type ErrorObject } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { DATA_INCLUSION_REFERENCE } from "./reference";

const read = (file: string) => JSON.parse(fs.readFileSync(path.join(DATA_INCLUSION_REFERENCE, file), "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const structure = ajv.compile(read("structure.json"));
const service = ajv.compile(read("service.json"));

const problems = (errors: ErrorObject[] | null | undefined) => (errors ?? []).map((e) => `${e.instancePath} ${e.message}`);

/** The schema's complaints about a structure ([] when valid). */
export function structureProblems(item: unknown): string[] {
  return structure(item) ? [] : problems(structure.errors);
}

export function serviceProblems(item: unknown): string[] {
  return service(item) ? [] : problems(service.errors);
}

/** The values of a list of extra/ (thematiques, publics, frais, modes-accueil, reseaux-porteurs, types-de-services…). */
export function extraValues(list: string): Set<string> {
  return new Set((read(`extra/${list}.json`) as { value: string }[]).map((v) => v.value));
}

/** Every enumerated value of the items, checked against its list: the values that are in none (by field). */
export function valuesOutsideLists(structures: Record<string, unknown>[], services: Record<string, unknown>[]): string[] {
  const lists: [Record<string, unknown>[], string, string][] = [
    [structures, "reseaux_porteurs", "reseaux-porteurs"],
    [services, "thematiques", "thematiques"],
    [services, "publics", "publics"],
    [services, "frais", "frais"],
    [services, "modes_accueil", "modes-accueil"],
    [services, "modes_mobilisation", "modes-mobilisation"],
    [services, "mobilisable_par", "personnes-mobilisatrices"],
    [services, "type", "types-de-services"],
  ];
  const outside: string[] = [];
  for (const [items, field, list] of lists) {
    const allowed = extraValues(list);
    for (const item of items) {
      const value = item[field];
      for (const v of value == null ? [] : Array.isArray(value) ? value : [value]) if (!allowed.has(String(v))) outside.push(`${field}: ${String(v)}`);
    }
  }
  return [...new Set(outside)];
}
