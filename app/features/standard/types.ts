/**
 * Typed form of one place of the national standard (v1.0.2), and the lossless conversion
 * between it and a flat row of cells (CSV/JSON of the standard).
 */
import { MULTI_VALUE_SEPARATOR, STANDARD_FIELDS, canonicalEnumValue } from "./schema";

export type StandardPlace = {
  id: string;
  pivot: string;
  nom: string;
  commune: string;
  code_postal: string;
  code_insee?: string;
  adresse: string;
  complement_adresse?: string;
  latitude?: number;
  longitude?: number;
  typologie: string[];
  telephone?: string;
  courriels: string[];
  site_web: string[];
  horaires?: string;
  presentation_resume?: string;
  presentation_detail?: string;
  source?: string;
  itinerance: string[];
  structure_parente?: string;
  date_maj: string;
  services: string[];
  publics_specifiquement_adresses: string[];
  prise_en_charge_specifique: string[];
  frais_a_charge: string[];
  dispositif_programmes_nationaux: string[];
  formations_labels: string[];
  autres_formations_labels?: string;
  modalites_acces: string[];
  modalites_accompagnement: string[];
  fiche_acces_libre?: string;
  prise_rdv?: string;
};

export const MULTI_VALUED_FIELDS = [
  "typologie",
  "courriels",
  "site_web",
  "itinerance",
  "services",
  "publics_specifiquement_adresses",
  "prise_en_charge_specifique",
  "frais_a_charge",
  "dispositif_programmes_nationaux",
  "formations_labels",
  "modalites_acces",
  "modalites_accompagnement",
] as const satisfies readonly (keyof StandardPlace)[];
export type MultiValuedField = (typeof MULTI_VALUED_FIELDS)[number];

export const NUMBER_FIELDS = ["latitude", "longitude"] as const satisfies readonly (keyof StandardPlace)[];
export const REQUIRED_PLACE_FIELDS = [
  "id",
  "pivot",
  "nom",
  "commune",
  "code_postal",
  "adresse",
  "date_maj",
] as const satisfies readonly (keyof StandardPlace)[];

const MULTI = new Set<string>(MULTI_VALUED_FIELDS);
const NUMBERS = new Set<string>(NUMBER_FIELDS);
const REQUIRED = new Set<string>(REQUIRED_PLACE_FIELDS);

/** Split a multi-valued cell on `|`, trimming and dropping empty items. */
export function splitMulti(cell: string | undefined): string[] {
  if (!cell) return [];
  return cell
    .split(MULTI_VALUE_SEPARATOR)
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

/** Plain decimal text for a number (never exponent notation), e.g. 1e-7 → "0.0000001". */
export function formatNumber(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  if (Math.abs(n) >= 1e21) return BigInt(n).toString();
  return n.toFixed(20).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
}

/**
 * Parse a row of the standard into a typed place. Unparseable numbers become undefined
 * (validate the row first with `validateStandardRow` to report them).
 */
export function parseStandardRow(row: Record<string, string>): StandardPlace {
  const out: Record<string, unknown> = {};
  for (const field of STANDARD_FIELDS) {
    const raw = row[field];
    const cell = raw === undefined || raw === null ? "" : String(raw).trim();
    if (MULTI.has(field)) {
      out[field] = splitMulti(cell).map((v) => canonicalEnumValue(field, v));
    } else if (NUMBERS.has(field)) {
      const n = cell === "" ? Number.NaN : Number(cell);
      out[field] = Number.isFinite(n) ? n : undefined;
    } else if (REQUIRED.has(field)) {
      out[field] = cell;
    } else {
      out[field] = cell === "" ? undefined : cell;
    }
  }
  return out as StandardPlace;
}

/** Flat row of the standard, every column present in schema order ("" when missing). */
export function toStandardRow(place: StandardPlace): Record<string, string> {
  const row: Record<string, string> = {};
  const p = place as unknown as Record<string, unknown>;
  for (const field of STANDARD_FIELDS) {
    const v = p[field];
    if (v === undefined || v === null) row[field] = "";
    else if (Array.isArray(v)) row[field] = v.join(MULTI_VALUE_SEPARATOR);
    else if (typeof v === "number") row[field] = Number.isFinite(v) ? formatNumber(v) : "";
    else row[field] = String(v);
  }
  return row;
}
