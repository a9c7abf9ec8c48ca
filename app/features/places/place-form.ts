/**
 * The place edit form of the back-office: its fields (every field of the national standard
 * plus ours), reading a submitted form into what was typed, checking it (zod, then the
 * standard's own validation so the place stays exportable) and turning it into columns.
 * Pure: the database side is in place-edit.server.ts.
 */
import { z } from "zod";
import type { places } from "~/db/schema";
import { locationForTimeZone } from "~/features/hours/holidays";
import { editorField, editorFromForm, editorToOpeningHours, openingHoursToEditor, validateEditor, type EditorErrors, type HoursEditor } from "~/features/hours/hours-editor";
import { checkOpeningHours } from "~/features/hours/opening-hours";
import { ENUMS } from "~/features/standard/schema";
import { TYPOLOGIE_CODES } from "~/features/standard/typologie";
import { parseStandardRow, toStandardRow } from "~/features/standard/types";
import { foldText } from "~/lib/text";
import { fr } from "~/lib/messages";
import { fieldErrors } from "~/lib/forms";

type PlaceRow = typeof places.$inferSelect;
const m = fr.backoffice.edit;

/** Single-line or multi-line text fields of the standard, by their standard name (also the form field's name). */
export const TEXT_FIELDS = [
  "nom", "pivot", "adresse", "complement_adresse", "code_postal", "commune", "code_insee", "latitude", "longitude",
  "telephone", "presentation_resume", "presentation_detail", "source", "structure_parente", "autres_formations_labels",
  "fiche_acces_libre", "prise_rdv",
] as const;
/** Several values, one per line. */
export const LINE_FIELDS = ["courriels", "site_web"] as const;
/** Enumerations of the standard, shown as checkboxes. */
export const CHECKBOX_FIELDS = [
  "services", "publics_specifiquement_adresses", "prise_en_charge_specifique", "frais_a_charge", "modalites_acces",
  "modalites_accompagnement", "itinerance", "dispositif_programmes_nationaux", "formations_labels", "typologie",
] as const;
/** Our own fields. */
export const EQUIPMENT_FIELDS = ["computers", "laptops", "tablets", "printers", "printers3d"] as const;

export const TIME_ZONES = [
  "Europe/Paris", "America/Guadeloupe", "America/Martinique", "America/Cayenne", "Indian/Reunion", "Indian/Mayotte",
  "America/Miquelon", "America/St_Barthelemy", "America/Marigot", "Pacific/Noumea", "Pacific/Tahiti", "Pacific/Wallis",
] as const;

export function checkboxOptions(field: (typeof CHECKBOX_FIELDS)[number]): readonly string[] {
  return field === "typologie" ? TYPOLOGIE_CODES : (ENUMS[field] ?? []);
}

export type TextField = (typeof TEXT_FIELDS)[number];
export type LineField = (typeof LINE_FIELDS)[number];
export type CheckboxField = (typeof CHECKBOX_FIELDS)[number];
export type EquipmentField = (typeof EQUIPMENT_FIELDS)[number];

/** What the person typed (strings), so a refused form comes back as it was sent. */
export type PlaceFormValues = {
  version: string;
  text: Record<TextField, string>;
  lines: Record<LineField, string>;
  checks: Record<CheckboxField, string[]>;
  equipment: Record<EquipmentField, string>;
  timeZone: string;
  hoursMode: "editor" | "raw";
  hoursRaw: string;
  hoursEditor: HoursEditor;
};

/** Problems by field name ("nom", "courriels", "horaires", "Mo.1", "closure.2"…). */
export type PlaceFormErrors = Record<string, string>;

/** The columns an edit may change. */
export type PlaceChanges = Pick<
  PlaceRow,
  | "name" | "pivot" | "address" | "addressComplement" | "postcode" | "commune" | "inseeCode" | "latitude" | "longitude"
  | "phone" | "summary" | "description" | "dataSource" | "parentStructure" | "otherTrainingLabels" | "accesLibreUrl"
  | "bookingUrl" | "emails" | "websites" | "services" | "publics" | "specificSupport" | "fees" | "accessModes"
  | "supportModes" | "itinerance" | "nationalPrograms" | "trainingLabels" | "typologie" | "openingHours"
  | "computers" | "laptops" | "tablets" | "printers" | "printers3d" | "timeZone"
>;
export const CHANGE_KEYS = [
  "name", "pivot", "address", "addressComplement", "postcode", "commune", "inseeCode", "latitude", "longitude", "phone",
  "summary", "description", "dataSource", "parentStructure", "otherTrainingLabels", "accesLibreUrl", "bookingUrl", "emails",
  "websites", "services", "publics", "specificSupport", "fees", "accessModes", "supportModes", "itinerance",
  "nationalPrograms", "trainingLabels", "typologie", "openingHours", "computers", "laptops", "tablets", "printers",
  "printers3d", "timeZone",
] as const satisfies readonly (keyof PlaceChanges)[];

const str = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));

/** The form pre-filled from a place. The hours editor is used when it can show the hours, else the raw mode. */
export function placeToFormValues(place: PlaceRow): PlaceFormValues {
  const editor = openingHoursToEditor(place.openingHours);
  return {
    version: String(place.version),
    text: {
      nom: place.name, pivot: place.pivot, adresse: place.address, complement_adresse: str(place.addressComplement),
      code_postal: place.postcode, commune: place.commune, code_insee: str(place.inseeCode), latitude: str(place.latitude),
      longitude: str(place.longitude), telephone: str(place.phone), presentation_resume: str(place.summary),
      presentation_detail: str(place.description), source: str(place.dataSource), structure_parente: str(place.parentStructure),
      autres_formations_labels: str(place.otherTrainingLabels), fiche_acces_libre: str(place.accesLibreUrl), prise_rdv: str(place.bookingUrl),
    },
    lines: { courriels: place.emails.join("\n"), site_web: place.websites.join("\n") },
    checks: {
      services: place.services, publics_specifiquement_adresses: place.publics, prise_en_charge_specifique: place.specificSupport,
      frais_a_charge: place.fees, modalites_acces: place.accessModes, modalites_accompagnement: place.supportModes,
      itinerance: place.itinerance, dispositif_programmes_nationaux: place.nationalPrograms, formations_labels: place.trainingLabels,
      typologie: place.typologie,
    },
    equipment: { computers: str(place.computers), laptops: str(place.laptops), tablets: str(place.tablets), printers: str(place.printers), printers3d: str(place.printers3d) },
    timeZone: place.timeZone,
    hoursMode: editor ? "editor" : "raw",
    hoursRaw: place.openingHours ?? "",
    hoursEditor: editor ?? openingHoursToEditor(null)!,
  };
}

type FormLike = { get(name: string): FormDataEntryValue | null; getAll(name: string): FormDataEntryValue[] };
const text = (form: FormLike, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

/** What was typed, from the submitted form. */
export function formToValues(form: FormLike): PlaceFormValues {
  const get = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : undefined;
  };
  return {
    version: text(form, "version"),
    text: Object.fromEntries(TEXT_FIELDS.map((f) => [f, text(form, f)])) as Record<TextField, string>,
    lines: Object.fromEntries(LINE_FIELDS.map((f) => [f, text(form, f)])) as Record<LineField, string>,
    checks: Object.fromEntries(CHECKBOX_FIELDS.map((f) => [f, form.getAll(f).filter((v): v is string => typeof v === "string")])) as Record<CheckboxField, string[]>,
    equipment: Object.fromEntries(EQUIPMENT_FIELDS.map((f) => [f, text(form, f)])) as Record<EquipmentField, string>,
    timeZone: text(form, "fuseau"),
    hoursMode: text(form, "horaires-mode") === "raw" ? "raw" : "editor",
    hoursRaw: text(form, "horaires"),
    hoursEditor: editorFromForm(get),
  };
}

const trimmed = (max: number) => z.string().trim().max(max, m.tooLong(max));
const isHttpUrl = (v: string) => {
  try {
    const url = new URL(v);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.includes(".");
  } catch {
    return false;
  }
};
const optionalUrl = z.string().trim().max(500, m.tooLong(500)).refine((v) => v === "" || isHttpUrl(v), m.url);
const count = z
  .string()
  .trim()
  .regex(/^\d{0,4}$/, m.count)
  .transform((v): number | "" => (v === "" ? "" : Number(v)));
const coordinate = (limit: number, message: string) =>
  z
    .string()
    .trim()
    .transform((v) => v.replace(",", "."))
    .refine((v) => v === "" || (/^-?\d+(\.\d+)?$/.test(v) && Math.abs(Number(v)) <= limit), message)
    .transform((v): number | "" => (v === "" ? "" : Number(v)));

const formSchema = z.object({
  nom: trimmed(200).min(1, m.required),
  pivot: trimmed(14).min(1, m.required),
  adresse: trimmed(300).min(1, m.required),
  complement_adresse: trimmed(300),
  code_postal: trimmed(5).regex(/^\d{5}$/, m.postcode),
  commune: trimmed(100).min(1, m.required),
  code_insee: trimmed(5),
  latitude: coordinate(90, m.latitude),
  longitude: coordinate(180, m.longitude),
  telephone: trimmed(30),
  presentation_resume: trimmed(280),
  presentation_detail: trimmed(5000),
  source: trimmed(200),
  structure_parente: trimmed(200),
  autres_formations_labels: trimmed(500),
  fiche_acces_libre: optionalUrl,
  prise_rdv: optionalUrl,
  courriels: z.array(z.email({ error: m.email }).max(200, m.email)).max(10, m.tooMany(10)),
  site_web: z.array(z.string().max(500, m.tooLong(500)).refine(isHttpUrl, m.url)).max(10, m.tooMany(10)),
  computers: count,
  laptops: count,
  tablets: count,
  printers: count,
  printers3d: count,
  fuseau: z.enum(TIME_ZONES, { error: m.timeZoneInvalid }),
});

const lines = (value: string) => value.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "");

export type CheckedPlace = { ok: true; changes: PlaceChanges; editor: HoursEditor | null } | { ok: false; errors: PlaceFormErrors };

/**
 * Check what was typed: the form's own rules (zod, French messages), the hours (editor or
 * raw OSM text checked by the opening_hours library), then the national standard on the
 * row the place would export (`validateStandardRow`), keyed by the form's field names.
 */
export function checkPlaceForm(values: PlaceFormValues, validateStandardRow: (row: Record<string, string>) => { field: string; message: string }[], sourceId: string, today: string): CheckedPlace {
  const errors: PlaceFormErrors = {};
  const parsed = formSchema.safeParse({
    ...values.text,
    courriels: lines(values.lines.courriels),
    site_web: lines(values.lines.site_web),
    ...values.equipment,
    fuseau: values.timeZone,
  });
  if (!parsed.success) Object.assign(errors, fieldErrors(parsed.error));
  for (const field of CHECKBOX_FIELDS) {
    const allowed = new Set(checkboxOptions(field));
    if (values.checks[field].some((v) => !allowed.has(v))) errors[field] = m.unknownChoice;
  }

  // Hours.
  let openingHours: string | null = null;
  let editor: HoursEditor | null = null;
  const location = locationForTimeZone(values.timeZone);
  if (values.hoursMode === "raw") {
    const raw = values.hoursRaw.trim();
    if (raw !== "") {
      const check = checkOpeningHours(raw, location);
      if (!check.ok) errors.horaires = m.hoursInvalid(check.error);
      else openingHours = raw;
    }
  } else {
    const editorErrors: EditorErrors = validateEditor(values.hoursEditor);
    Object.assign(errors, editorErrors);
    if (Object.keys(editorErrors).length === 0) {
      openingHours = editorToOpeningHours(values.hoursEditor);
      editor = values.hoursEditor;
      if (openingHours !== null && !checkOpeningHours(openingHours, location).ok) errors.horaires = m.hoursInvalid("");
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };

  const data = parsed.data;
  const row: Record<string, string> = {
    id: sourceId,
    ...Object.fromEntries(TEXT_FIELDS.map((f) => [f, values.text[f].trim()])),
    latitude: data.latitude === "" ? "" : String(data.latitude),
    longitude: data.longitude === "" ? "" : String(data.longitude),
    courriels: data.courriels.join("|"),
    site_web: data.site_web.join("|"),
    horaires: openingHours ?? "",
    date_maj: today,
    ...Object.fromEntries(CHECKBOX_FIELDS.map((f) => [f, values.checks[f].join("|")])),
  };
  for (const problem of validateStandardRow(row)) errors[problem.field] ??= problem.message;
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const p = parseStandardRow(toStandardRow(parseStandardRow(row)));
  const n = (v: number | "") => (v === "" ? null : v);
  return {
    ok: true,
    editor,
    changes: {
      name: p.nom, pivot: p.pivot, address: p.adresse, addressComplement: p.complement_adresse ?? null, postcode: p.code_postal,
      commune: p.commune, inseeCode: p.code_insee ?? null, latitude: p.latitude ?? null, longitude: p.longitude ?? null,
      phone: p.telephone ?? null, summary: p.presentation_resume ?? null, description: p.presentation_detail ?? null,
      dataSource: p.source ?? null, parentStructure: p.structure_parente ?? null, otherTrainingLabels: p.autres_formations_labels ?? null,
      accesLibreUrl: p.fiche_acces_libre ?? null, bookingUrl: p.prise_rdv ?? null, emails: p.courriels, websites: p.site_web,
      services: p.services, publics: p.publics_specifiquement_adresses, specificSupport: p.prise_en_charge_specifique,
      fees: p.frais_a_charge, accessModes: p.modalites_acces, supportModes: p.modalites_accompagnement, itinerance: p.itinerance,
      nationalPrograms: p.dispositif_programmes_nationaux, trainingLabels: p.formations_labels, typologie: p.typologie,
      openingHours: p.horaires ?? null,
      computers: n(data.computers), laptops: n(data.laptops), tablets: n(data.tablets), printers: n(data.printers), printers3d: n(data.printers3d),
      timeZone: data.fuseau,
    },
  };
}

/** The changed fields only, before and after (for the audit log and the conflict message). */
export function diffPlace(before: PlaceChanges, after: PlaceChanges): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of CHANGE_KEYS) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return { before: b, after: a };
}

export function pickChanges(place: PlaceRow): PlaceChanges {
  return Object.fromEntries(CHANGE_KEYS.map((k) => [k, place[k]])) as PlaceChanges;
}

export function searchTextOf(changes: Pick<PlaceChanges, "name" | "commune">): string {
  return foldText(`${changes.name} ${changes.commune}`);
}

export { editorField };
