/**
 * Last step shared by every input shape (v1.0.2, v0.1, mixed, mapped): turn a "draft" — cells
 * keyed by v1.0.2 field names, possibly with v0.1 enumeration columns and long labels still in it —
 * into a clean v1.0.2 row, with French warnings for everything that was changed or dropped.
 */
import { frenchTextToOpeningHours, isValidOpeningHours } from "~/features/hours/convert";
import {
  cellText,
  normalizeDate,
  normalizeEmails,
  normalizeInsee,
  normalizePhone,
  normalizePivot,
  normalizePostcode,
  normalizeUrl,
  normalizeUrls,
  parseNumber,
} from "./normalize";
import { ENUMS, ENUM_FIELDS, FIELD_DEFS, STANDARD_FIELDS } from "./schema";
import { TYPOLOGIES } from "./typologie";
import { formatNumber } from "./types";
import {
  V01_SOURCES_FOR_V1_FIELD,
  V01_VALUE_MAP,
  lookupV01Value,
  matchV1Value,
  otherLabelToFormation,
  type V01EnumField,
} from "./v01";

export type Warning = { field: string; value: string; message: string };

/** Data about a place that the standard has no column for (EPN network fields). */
export type PlaceExtras = {
  /** Opening hours as written in the source, when they could not be converted to OSM syntax. */
  hoursText?: string;
  computers?: number;
  laptops?: number;
  tablets?: number;
  printers?: number;
  printers3d?: number;
  /** The source flags the place as an Espace Public Numérique. */
  isEpn?: boolean;
};

export type PreparedRow = { row: Record<string, string>; extras: PlaceExtras; warnings: Warning[] };

/** Cells keyed by v1.0.2 names, plus optionally the v0.1 enumeration columns. */
export type Draft = Record<string, string>;

const V01_TARGET_FIELDS: Record<V01EnumField, string[]> = {
  services: ["services"],
  publics_accueillis: ["publics_specifiquement_adresses", "prise_en_charge_specifique"],
  conditions_acces: ["frais_a_charge"],
  labels_nationaux: ["dispositif_programmes_nationaux", "formations_labels"],
  modalites_accompagnement: ["modalites_accompagnement"],
};

const TYPOLOGIE_ALIASES: Record<string, string> = {
  // Pôle emploi became France Travail in 2024.
  PE: "FT",
  POLE_EMPLOI: "FT",
  FRANCE_TRAVAIL: "FT",
  TIERS_LIEU: "TIERS_LIEUX",
  MEDIATHEQUE: "BIB",
  BIBLIOTHEQUE: "BIB",
  MAIRIE: "MUNI",
  ASSOCIATION: "ASSO",
};

const label = (field: string) => FIELD_DEFS[field]?.title ?? field;
const splitItems = (cell: string) =>
  cell
    .split(/\s*[|;]\s*/)
    .map((v) => v.trim())
    .filter((v) => v !== "");

const RESUME_MAX = FIELD_DEFS.presentation_resume?.constraints?.maxLength ?? 280;

/** Cut a text to `max` characters at a word boundary, ending with "…". */
function shorten(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, "")}…`;
}

/**
 * `strictEnums`: for a file that claims to follow v1.0.2, an unknown value in an
 * enumerated field is kept, so that validation reports it instead of dropping it.
 */
export function finishRow(draft: Draft, extras: PlaceExtras = {}, warnings: Warning[] = [], options: { strictEnums?: boolean } = {}): PreparedRow {
  const get = (f: string) => cellText(draft[f]);
  const warn = (field: string, value: string, message: string) => warnings.push({ field, value, message });
  const row: Record<string, string> = Object.fromEntries(STANDARD_FIELDS.map((f) => [f, ""]));

  // Plain text fields.
  for (const f of ["id", "nom", "commune", "adresse", "complement_adresse", "presentation_detail", "source", "structure_parente"]) {
    row[f] = get(f).replace(/[ \t]+/g, " ").trim();
  }
  row.nom = row.nom.replace(/\s+/g, " ");

  // Identifiers and codes.
  const pivot = normalizePivot(draft.pivot);
  row.pivot = pivot.value ?? "";
  for (const n of pivot.notes) warn("pivot", get("pivot"), n);
  row.code_postal = normalizePostcode(draft.code_postal);
  if (row.code_postal && row.code_postal !== get("code_postal")) {
    warn("code_postal", get("code_postal"), `Code postal corrigé en ${row.code_postal}.`);
  }
  row.code_insee = normalizeInsee(draft.code_insee);

  // Coordinates.
  const lat = parseNumber(draft.latitude);
  const lon = parseNumber(draft.longitude);
  if (get("latitude") && lat === undefined) warn("latitude", get("latitude"), "Latitude illisible, ignorée.");
  if (get("longitude") && lon === undefined) warn("longitude", get("longitude"), "Longitude illisible, ignorée.");
  if (lat !== undefined && lon !== undefined) {
    if (lat === 0 && lon === 0) {
      warn("latitude", "0", "Coordonnées 0,0 ignorées (elles ne désignent pas un lieu réel).");
    } else if (Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      warn("latitude", `${lat}, ${lon}`, "Coordonnées hors limites, ignorées.");
    } else {
      row.latitude = formatNumber(lat);
      row.longitude = formatNumber(lon);
    }
  } else if (lat !== undefined || lon !== undefined) {
    warn("latitude", get("latitude") || get("longitude"), "Une seule des deux coordonnées est renseignée : elles sont ignorées.");
  }

  // Contacts.
  if (get("telephone")) {
    const phone = normalizePhone(get("telephone"), row.code_postal);
    row.telephone = phone.value ?? "";
    for (const n of phone.notes) warn("telephone", get("telephone"), n);
  }
  if (get("courriels")) {
    const emails = normalizeEmails(get("courriels"));
    row.courriels = emails.values.join("|");
    for (const n of emails.notes) warn("courriels", get("courriels"), n);
  }
  if (get("site_web")) {
    const urls = normalizeUrls(get("site_web"));
    row.site_web = urls.values.join("|");
    for (const n of urls.notes) warn("site_web", get("site_web"), n);
  }
  for (const f of ["prise_rdv", "fiche_acces_libre"]) {
    if (!get(f)) continue;
    const url = normalizeUrl(get(f));
    row[f] = url.value ?? "";
    if (!url.value) warn(f, get(f), `Le champ ${label(f)} doit contenir une adresse web : texte ignoré.`);
  }

  // Date.
  if (get("date_maj")) {
    const date = normalizeDate(draft.date_maj);
    row.date_maj = date ?? get("date_maj");
  }

  // Opening hours.
  const hours = get("horaires");
  if (hours) {
    if (isValidOpeningHours(hours)) row.horaires = hours;
    else {
      const converted = frenchTextToOpeningHours(hours, {});
      if (converted.ok) row.horaires = converted.value;
      else {
        extras.hoursText = extras.hoursText ?? hours;
        warn(
          "horaires",
          hours,
          /^(Mo|Tu|We|Th|Fr|Sa|Su|PH)\b/.test(hours)
            ? "Horaires qui ne respectent pas la syntaxe OpenStreetMap : texte conservé à part, à corriger."
            : `Horaires non convertis au format OpenStreetMap (${converted.reason}) : texte conservé à part.`,
        );
      }
    }
  }

  // Summary: 280 characters at most.
  const resume = get("presentation_resume");
  if (resume) {
    if ([...resume].length > RESUME_MAX) {
      row.presentation_resume = shorten(resume, RESUME_MAX);
      if (!row.presentation_detail) row.presentation_detail = resume;
      warn(
        "presentation_resume",
        resume,
        `Résumé de plus de ${RESUME_MAX} caractères raccourci` + (row.presentation_detail === resume ? " (texte complet mis dans la présentation détaillée)." : "."),
      );
    } else row.presentation_resume = resume;
  }

  // Typologie codes.
  if (get("typologie")) {
    const codes: string[] = [];
    for (const item of get("typologie").split(/\s*[|;,]\s*/).filter(Boolean)) {
      const upper = item.trim().toUpperCase().replace(/[\s-]+/g, "_");
      const code = TYPOLOGIES[item.trim()] ? item.trim() : TYPOLOGIES[upper] ? upper : TYPOLOGIE_ALIASES[upper];
      const known = code ?? Object.keys(TYPOLOGIES).find((c) => c.toUpperCase() === upper);
      if (known) {
        if (!codes.includes(known)) codes.push(known);
      } else warn("typologie", item, `Typologie « ${item} » inconnue du référentiel data·inclusion : ignorée.`);
    }
    row.typologie = codes.join("|");
  }

  // Enumerations: v1.0.2 values, v0.1 values (full or short labels) and mixed cells.
  const collected: Record<string, string[]> = Object.fromEntries(ENUM_FIELDS.map((f) => [f, []]));
  const others: string[] = [];
  const add = (field: string, value: string) => {
    if (field === "autres_formations_labels") {
      if (!others.includes(value)) others.push(value);
    } else if (collected[field] && !collected[field].includes(value)) collected[field].push(value);
  };
  const dropped = (field: string, item: string, note?: string) =>
    warn(field, item, note ? `${note} Valeur ignorée.` : `La valeur « ${item} » n'existe pas dans le standard pour ${label(field)} : elle est ignorée.`);

  for (const field of ENUM_FIELDS) {
    const cell = get(field);
    if (!cell) continue;
    for (const item of splitItems(cell)) {
      const v1 = matchV1Value(field, item);
      if (v1) {
        add(field, v1);
        continue;
      }
      const v01Field = V01_SOURCES_FOR_V1_FIELD[field];
      const old = v01Field ? lookupV01Value(v01Field, item) : undefined;
      if (old) {
        if (old.targets.length === 0) dropped(field, item, old.note);
        for (const t of old.targets) add(t.field, t.value);
      } else if (options.strictEnums) add(field, item);
      else dropped(field, item);
    }
  }
  for (const v01Field of Object.keys(V01_VALUE_MAP) as V01EnumField[]) {
    // v0.1 columns that were split or renamed (services and modalites_accompagnement share names).
    if (v01Field === "services" || v01Field === "modalites_accompagnement") continue;
    const cell = get(v01Field);
    if (!cell) continue;
    for (const item of splitItems(cell)) {
      const old = lookupV01Value(v01Field, item);
      if (old) {
        if (old.targets.length === 0) dropped(v01Field, item, old.note);
        for (const t of old.targets) add(t.field, t.value);
        continue;
      }
      const v1 = V01_TARGET_FIELDS[v01Field].map((f) => [f, matchV1Value(f, item)] as const).find(([, v]) => v);
      if (v1?.[1]) add(v1[0], v1[1]);
      else if (v01Field === "labels_nationaux") add("autres_formations_labels", item);
      else dropped(v01Field, item);
    }
  }
  for (const field of ENUM_FIELDS) {
    const order = ENUMS[field];
    row[field] = [...collected[field]].sort((a, b) => order.indexOf(a) - order.indexOf(b)).join("|");
  }

  // Other labels: free text; known labels move to formations_labels.
  for (const item of splitItems(get("autres_formations_labels").replace(/\n/g, ";"))) {
    const formation = otherLabelToFormation(item);
    if (formation) {
      if (!row.formations_labels.split("|").includes(formation)) {
        row.formations_labels = [...row.formations_labels.split("|").filter(Boolean), formation]
          .sort((a, b) => ENUMS.formations_labels.indexOf(a) - ENUMS.formations_labels.indexOf(b))
          .join("|");
      }
    } else if (!others.includes(item)) others.push(item);
  }
  row.autres_formations_labels = others.join(", ");

  return { row, extras, warnings };
}
