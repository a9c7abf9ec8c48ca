/**
 * The form of a help record (« accompagnement »), individual or collective, on La Coop's activity
 * model. One zod schema; French messages beside each field; it refuses in words everything the
 * database's CHECK constraints would (app/db/schema/mediation.ts).
 *
 * Three choices are required for a done individual record: the duration, where, and at least one
 * theme (the date comes filled in). A draft (« Enregistrer en brouillon ») requires nothing, but
 * what it holds must still be well-formed. Pure: today, the place's followed people and the
 * commune resolver are given.
 */
import { z } from "zod";
import {
  COOP_ACTIVITY_KINDS,
  COOP_ADMIN_THEME_CODES,
  COOP_AUTONOMY,
  COOP_EQUIPMENT_CODES,
  COOP_LEVELS,
  COOP_ORIENTATIONS,
  COOP_PLACE_KINDS,
  COOP_THEME_CODES,
  type CoopActivityKind,
  type CoopAdminTheme,
  type CoopAutonomy,
  type CoopEquipment,
  type CoopLevel,
  type CoopOrientation,
  type CoopPlaceKind,
  type CoopTheme,
} from "~/db/schema/mediation";
import { COOP_AGE_BANDS, COOP_GENDERS, COOP_SOCIAL_STATUSES } from "~/db/schema/people";
import { addDays, type IsoDate, readDate } from "~/features/time/calendar";
import { fr } from "~/lib/messages";
import { type AnonymousCounts, type CountsProblem } from "./counts";
import { DURATION_PRESETS } from "./coop-model";

const m = fr.mediation.errors;

/** The form's field names (French, as the other forms). Anonymous breakdowns are `genre_<Code>`, `age_<Code>`, `statut_<Code>`. */
export const RECORD_FIELDS = {
  kind: "type",
  date: "date",
  duration: "duree",
  durationOther: "duree_autre",
  placeKind: "lieu",
  commune: "commune",
  themes: "thematiques",
  adminThemes: "demarches",
  equipment: "materiel",
  autonomy: "autonomie",
  oriented: "oriente",
  orientation: "orientation",
  notes: "notes",
  personId: "personne",
  title: "titre",
  level: "niveau",
  personIds: "personnes",
  anonymousTotal: "anonymes",
  alreadyHelped: "deja_accompagnes",
  bookingId: "reservation",
  sessionId: "seance",
} as const;

export const OTHER_DURATION = "autre";
const TICKED = "oui";
const MULTI = [RECORD_FIELDS.themes, RECORD_FIELDS.adminThemes, RECORD_FIELDS.equipment, RECORD_FIELDS.personIds] as const;
type MultiField = (typeof MULTI)[number];
type SingleField = Exclude<(typeof RECORD_FIELDS)[keyof typeof RECORD_FIELDS], MultiField>;

/** What the form shows: text as typed, ticked boxes as lists, the anonymous breakdowns by field name. */
export type RecordFormValues = Record<SingleField, string> & Record<MultiField, string[]> & { breakdown: Record<string, string> };

export const breakdownField = (group: "genre" | "age" | "statut", code: string) => `${group}_${code}`;
/** The breakdown codes a form shows (« Non communiqué » is what is left). */
export const GENDERS_COUNTED = COOP_GENDERS.filter((g) => g !== "NonCommunique");
export const AGE_BANDS_COUNTED = COOP_AGE_BANDS.filter((a) => a !== "NonCommunique");
export const STATUSES_COUNTED = COOP_SOCIAL_STATUSES.filter((s) => s !== "NonCommunique");

export type RecordInput = {
  kind: CoopActivityKind;
  date: IsoDate;
  durationMinutes: number | null;
  placeKind: CoopPlaceKind | null;
  /** What was typed for the commune (resolved by the command, offline). */
  commune: string;
  themes: CoopTheme[];
  adminThemes: CoopAdminTheme[];
  equipment: CoopEquipment[];
  autonomy: CoopAutonomy | null;
  oriented: boolean;
  orientation: CoopOrientation | null;
  notes: string | null;
  /** Named people: one at most for an individual record. */
  personIds: string[];
  title: string | null;
  level: CoopLevel | null;
  anonymous: AnonymousCounts;
  bookingId: string | null;
  sessionId: string | null;
};

const text = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? "")).trim());
const many = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => [...new Set((v === undefined ? [] : Array.isArray(v) ? v : [v]).map((x) => x.trim()).filter(Boolean))]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "", or a whole number in 0–1000; undefined when it is neither. */
function readCount(value: string): number | undefined {
  if (value === "") return 0;
  if (!/^\d{1,4}$/.test(value)) return undefined;
  const n = Number(value);
  return n <= 1000 ? n : undefined;
}

export const COUNT_PROBLEM_MESSAGES: Record<CountsProblem, { field: string; message: string }> = {
  "no-participant": { field: RECORD_FIELDS.anonymousTotal, message: m.noParticipant },
  "already-helped-over-total": { field: RECORD_FIELDS.alreadyHelped, message: m.alreadyHelpedOverTotal },
  "gender-over-total": { field: breakdownField("genre", GENDERS_COUNTED[0]!), message: m.genderOverTotal },
  "age-over-total": { field: breakdownField("age", AGE_BANDS_COUNTED[0]!), message: m.ageOverTotal },
  "status-over-total": { field: breakdownField("statut", STATUSES_COUNTED[0]!), message: m.statusOverTotal },
};

/**
 * The schema. `today`: the place's today (no record in the future, none older than five years);
 * `draft`: nothing required. Who the people are (that they belong to the place) is the command's
 * check, against the database.
 */
export function recordSchema(options: { today: IsoDate; draft: boolean }) {
  const f = RECORD_FIELDS;
  return z.record(z.string(), z.unknown()).transform((raw, ctx): RecordInput => {
    const fail = (field: string, message: string) => ctx.addIssue({ code: "custom", path: [field], message });
    const one = (field: string) => text.parse(raw[field]);
    const list = (field: string) => many.parse(raw[field]);
    const required = !options.draft;

    const kind = one(f.kind) as CoopActivityKind;
    if (!COOP_ACTIVITY_KINDS.includes(kind)) fail(f.kind, m.kind);

    const date = readDate(one(f.date));
    if (!date) fail(f.date, m.date);
    else if (date > options.today) fail(f.date, m.dateFuture);
    else if (date < addDays(options.today, -5 * 366)) fail(f.date, m.dateOld);

    let durationMinutes: number | null = null;
    const duration = one(f.duration);
    if (duration === OTHER_DURATION) {
      const other = one(f.durationOther);
      const minutes = /^\d{1,4}$/.test(other) ? Number(other) : Number.NaN;
      if (other === "" && !required) durationMinutes = null;
      else if (!(minutes >= 1 && minutes <= 1440)) fail(f.durationOther, m.durationOther);
      else durationMinutes = minutes;
    } else if (duration !== "") {
      const preset = Number(duration);
      if ((DURATION_PRESETS as readonly number[]).includes(preset)) durationMinutes = preset;
      else fail(f.duration, m.duration);
    } else if (required) fail(f.duration, m.duration);

    const placeKindText = one(f.placeKind);
    let placeKind: CoopPlaceKind | null = null;
    if (placeKindText !== "") {
      if ((COOP_PLACE_KINDS as readonly string[]).includes(placeKindText)) placeKind = placeKindText as CoopPlaceKind;
      else fail(f.placeKind, m.placeKind);
    } else if (required) fail(f.placeKind, m.placeKind);
    const commune = one(f.commune).slice(0, 100);
    if (required && (placeKind === "Domicile" || placeKind === "Autre") && commune === "") fail(f.commune, m.commune);

    const themes = list(f.themes);
    if (themes.some((t) => !(COOP_THEME_CODES as readonly string[]).includes(t))) fail(f.themes, m.theme);
    else if (required && themes.length === 0) fail(f.themes, m.themes);
    // The sub-themes only go with « Aide aux démarches administratives »: unticking it drops them.
    const adminThemes = themes.includes("AideAuxDemarchesAdministratives") ? list(f.adminThemes) : [];
    if (adminThemes.some((t) => !(COOP_ADMIN_THEME_CODES as readonly string[]).includes(t))) fail(f.adminThemes, m.adminTheme);
    const equipment = list(f.equipment);
    if (equipment.some((e) => !(COOP_EQUIPMENT_CODES as readonly string[]).includes(e))) fail(f.equipment, m.equipment);

    const individual = kind !== "collectif";
    const autonomyText = individual ? one(f.autonomy) : "";
    if (autonomyText !== "" && !(COOP_AUTONOMY as readonly string[]).includes(autonomyText)) fail(f.autonomy, m.autonomy);
    const oriented = individual && one(f.oriented) === TICKED;
    const orientationText = oriented ? one(f.orientation) : "";
    if (orientationText !== "" && !(COOP_ORIENTATIONS as readonly string[]).includes(orientationText)) fail(f.orientation, m.orientation);
    else if (oriented && required && orientationText === "") fail(f.orientation, m.orientation);

    const notes = one(f.notes);
    if (notes.length > 2000) fail(f.notes, m.notesLong);

    const personIds = individual ? [one(f.personId)].filter(Boolean) : list(f.personIds);
    if (personIds.some((id) => !UUID.test(id))) fail(individual ? f.personId : f.personIds, m.person);

    const title = individual ? "" : one(f.title);
    if (title.length > 120 || (!individual && required && title === "")) fail(f.title, m.title);
    const levelText = individual ? "" : one(f.level);
    if (levelText !== "" && !(COOP_LEVELS as readonly string[]).includes(levelText)) fail(f.level, m.level);

    const count = (field: string) => {
      const n = readCount(one(field));
      if (n === undefined) fail(field, m.count);
      return n ?? 0;
    };
    const anonymous: AnonymousCounts = { total: 0, alreadyHelped: 0, gender: {}, age: {}, status: {} };
    if (individual) {
      anonymous.total = personIds.length ? 0 : 1;
    } else {
      anonymous.total = count(f.anonymousTotal);
      anonymous.alreadyHelped = count(f.alreadyHelped);
      for (const g of GENDERS_COUNTED) anonymous.gender[g] = count(breakdownField("genre", g));
      for (const a of AGE_BANDS_COUNTED) anonymous.age[a] = count(breakdownField("age", a));
      for (const s of STATUSES_COUNTED) anonymous.status[s] = count(breakdownField("statut", s));
    }

    const source = (field: string) => {
      const id = one(field);
      if (id !== "" && !UUID.test(id)) fail(field, m.sourceUnknown);
      return id || null;
    };
    return {
      kind: individual ? "individuel" : "collectif",
      date: date ?? options.today,
      durationMinutes,
      placeKind,
      commune,
      themes: themes as CoopTheme[],
      adminThemes: adminThemes as CoopAdminTheme[],
      equipment: equipment as CoopEquipment[],
      autonomy: (autonomyText || null) as CoopAutonomy | null,
      oriented,
      orientation: (orientationText || null) as CoopOrientation | null,
      notes: notes || null,
      personIds,
      title: title || null,
      level: (levelText || null) as CoopLevel | null,
      anonymous,
      bookingId: source(f.bookingId),
      sessionId: source(f.sessionId),
    };
  });
}

/** The values a form shows for a record's input (a prefill, a saved record, a copy). */
export function recordToFormValues(input: Partial<RecordInput> & { kind: CoopActivityKind; date: IsoDate }): RecordFormValues {
  const f = RECORD_FIELDS;
  const minutes = input.durationMinutes ?? null;
  const preset = minutes !== null && (DURATION_PRESETS as readonly number[]).includes(minutes);
  const breakdown: Record<string, string> = {};
  const anonymous = input.anonymous;
  for (const g of GENDERS_COUNTED) breakdown[breakdownField("genre", g)] = String(anonymous?.gender[g] || "");
  for (const a of AGE_BANDS_COUNTED) breakdown[breakdownField("age", a)] = String(anonymous?.age[a] || "");
  for (const s of STATUSES_COUNTED) breakdown[breakdownField("statut", s)] = String(anonymous?.status[s] || "");
  const individual = input.kind === "individuel";
  return {
    [f.kind]: input.kind,
    [f.date]: input.date,
    [f.duration]: minutes === null ? "" : preset ? String(minutes) : OTHER_DURATION,
    [f.durationOther]: minutes !== null && !preset ? String(minutes) : "",
    [f.placeKind]: input.placeKind ?? "",
    [f.commune]: input.commune ?? "",
    [f.themes]: input.themes ?? [],
    [f.adminThemes]: input.adminThemes ?? [],
    [f.equipment]: input.equipment ?? [],
    [f.autonomy]: input.autonomy ?? "",
    [f.oriented]: input.oriented ? TICKED : "",
    [f.orientation]: input.orientation ?? "",
    [f.notes]: input.notes ?? "",
    [f.personId]: individual ? (input.personIds?.[0] ?? "") : "",
    [f.title]: input.title ?? "",
    [f.level]: input.level ?? "",
    [f.personIds]: individual ? [] : (input.personIds ?? []),
    [f.anonymousTotal]: individual ? "" : String(anonymous?.total ?? 0),
    [f.alreadyHelped]: individual ? "" : String(anonymous?.alreadyHelped || ""),
    [f.bookingId]: input.bookingId ?? "",
    [f.sessionId]: input.sessionId ?? "",
    breakdown,
  } as RecordFormValues;
}

/** What was typed, to show the form again after an error (nothing lost). */
export function typedRecordValues(form: FormData): RecordFormValues {
  const values: Record<string, unknown> = {};
  for (const name of Object.values(RECORD_FIELDS)) {
    values[name] = (MULTI as readonly string[]).includes(name) ? form.getAll(name).map(String) : String(form.get(name) ?? "");
  }
  const breakdown: Record<string, string> = {};
  for (const g of GENDERS_COUNTED) breakdown[breakdownField("genre", g)] = String(form.get(breakdownField("genre", g)) ?? "");
  for (const a of AGE_BANDS_COUNTED) breakdown[breakdownField("age", a)] = String(form.get(breakdownField("age", a)) ?? "");
  for (const s of STATUSES_COUNTED) breakdown[breakdownField("statut", s)] = String(form.get(breakdownField("statut", s)) ?? "");
  return { ...(values as Omit<RecordFormValues, "breakdown">), breakdown } as RecordFormValues;
}
