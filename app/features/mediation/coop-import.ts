/**
 * Reading La Coop de la médiation numérique's activity export (« Mes activités » → Exporter →
 * Tableur xlsx) into our help records, all or nothing: every row is checked first, and one bad
 * row means nothing is written and a French report says, row by row, which column is wrong.
 *
 * The sheet, as La Coop builds it (`inclusion-numerique/coop-mediation-numerique`,
 * `apps/web/src/features/activites/use-cases/list/export/buildAccompagnementsWorksheet.ts`):
 * a few rows about the export and its filters, then a table whose header row names the columns
 * below, **one row per participant** — a collective activity of 5 people is 5 rows with the same
 * « ID CRA » and « Participants » 1/5 … 5/5, each with that person's gender, age band and status.
 * Values are La Coop's French labels (with typographic apostrophes), autonomy and level as stars
 * (« 2/3 »), several themes or equipment in one cell separated by line breaks. The mediator's own
 * export has « Bénéficiaire » and « Notes supplémentaires »; a coordinator's has the mediator's
 * first and last names instead.
 *
 * We store La Coop's own codes, so each label maps back to its code (coop-model.ts, plus La Coop's
 * wording where ours differs). People named in the file are counted, never named: they gave no
 * consent to be followed here. The activity's id becomes the record's `coop_id` (unique per place),
 * so importing the same file twice adds nothing; a file without ids gets a hash of each activity.
 * This module is pure: the server reads the workbook into plain cells and writes the records.
 */
import { createHash } from "node:crypto";
import {
  type CoopActivityKind,
  type CoopAdminTheme,
  type CoopAutonomy,
  type CoopEquipment,
  type CoopLevel,
  type CoopOrientation,
  type CoopPlaceKind,
  type CoopTheme,
} from "~/db/schema/mediation";
import { type CoopAgeBand, type CoopGender, type CoopSocialStatus } from "~/db/schema/people";
import { resolveCommune } from "~/features/communes/communes";
import { type IsoDate } from "~/features/time/calendar";
import { fr } from "~/lib/messages";
import { foldText } from "~/lib/text";
import {
  ACTIVITY_KIND_LABELS,
  ADMIN_THEME_LABELS,
  AGE_BAND_LABELS,
  AUTONOMY_LABELS,
  EQUIPMENT_LABELS,
  GENDER_LABELS,
  LEVEL_LABELS,
  ORIENTATION_LABELS,
  PLACE_KIND_LABELS,
  SOCIAL_STATUS_LABELS,
  THEME_LABELS,
} from "./coop-model";
import { type AnonymousCounts, recordCounts, type RecordCounts } from "./counts";
import { readExportDate } from "./export-filter";

const m = fr.mediationExports;
const p = m.problems;

/** A cell as the server reads it from the workbook. */
export type Cell = string | number | boolean | Date | null;

/** La Coop's column headers, as its export writes them. */
export const COOP_COLUMNS = {
  date: "Date",
  kind: "Type",
  participants: "Participants",
  mediatorFirstName: "Prénom du médiateur",
  mediatorLastName: "Nom du médiateur",
  placeKind: "Canaux d’accompagnement",
  commune: "Commune",
  postcode: "Code postal",
  insee: "Code Insee",
  duration: "Durée (min)",
  title: "Nom de l’atelier",
  equipment: "Matériel numérique utilisé",
  themes: "Thématique(s) d’accompagnement",
  procedure: "Nom de la démarche administrative",
  autonomy: "Niveau d’autonomie (ou de l’atelier)",
  oriented: "Bénéficiaire réorienté",
  orientation: "Structure de redirection",
  gender: "Genre du bénéficiaire",
  ageBand: "Tranche d’âge du bénéficiaire",
  socialStatus: "Statut du bénéficiaire",
  notes: "Notes supplémentaires",
  coopId: "ID CRA",
} as const;
type ColumnKey = keyof typeof COOP_COLUMNS;

/** Without these, the file is not La Coop's activity export. */
const REQUIRED_COLUMNS: readonly ColumnKey[] = ["date", "kind", "placeKind", "duration", "themes"];
/** The activity's own columns: the same on every row of one activity (its participants). */
const ACTIVITY_COLUMNS: readonly ColumnKey[] = [
  "date", "kind", "mediatorFirstName", "mediatorLastName", "placeKind", "commune", "postcode", "insee", "duration", "title", "equipment", "themes", "procedure", "autonomy", "oriented", "orientation",
];

/** Most rows read from one file (a year of a busy mediator is a few thousand). */
export const COOP_IMPORT_MAX_ROWS = 20_000;

// Labels → codes: ours (coop-model.ts), La Coop's where its export words them differently, and the codes themselves.
function labelIndex<C extends string>(...maps: Partial<Record<C, string>>[]): Map<string, C> {
  const index = new Map<string, C>();
  for (const map of maps) {
    for (const [code, label] of Object.entries(map) as [C, string][]) {
      index.set(foldText(label), code);
      index.set(foldText(code), code);
    }
  }
  return index;
}

const KINDS = labelIndex<CoopActivityKind>(ACTIVITY_KIND_LABELS);
const PLACE_KINDS = labelIndex<CoopPlaceKind>(PLACE_KIND_LABELS, { LieuActivite: "Lieu d’activité" });
const EQUIPMENT = labelIndex<CoopEquipment>(EQUIPMENT_LABELS, { Autre: "Autre" });
const THEMES = labelIndex<CoopTheme>(THEME_LABELS);
const ADMIN_THEMES = labelIndex<CoopAdminTheme>(ADMIN_THEME_LABELS);
const AUTONOMY = labelIndex<CoopAutonomy>(AUTONOMY_LABELS, { EntierementAccompagne: "1/3", PartiellementAutonome: "2/3", Autonome: "3/3" });
const LEVELS = labelIndex<CoopLevel>(LEVEL_LABELS, { Debutant: "1/3", Intermediaire: "2/3", Avance: "3/3" });
const ORIENTATIONS = labelIndex<CoopOrientation>(ORIENTATION_LABELS);
const GENDERS = labelIndex<CoopGender>(GENDER_LABELS, { Masculin: "Masculin", Feminin: "Féminin" });
const AGE_BANDS = labelIndex<CoopAgeBand>(AGE_BAND_LABELS, {
  DouzeDixHuit: "12 - 17 ans",
  DixHuitVingtQuatre: "18 - 24 ans",
  VingtCinqTrenteNeuf: "25 - 39 ans",
  QuaranteCinquanteNeuf: "40 - 59 ans",
  SoixanteSoixanteNeuf: "60 - 69 ans",
});
const STATUSES = labelIndex<CoopSocialStatus>(SOCIAL_STATUS_LABELS, { NonCommunique: "Non communiqué" });
const YES_NO = new Map([[foldText(m.yes), true], [foldText(m.no), false]]);

/** A problem of the file, at a row (as the spreadsheet numbers it) and a column (as the file names it). */
export type ImportProblem = { row: number; column: string; message: string };

/** One activity, ready to be a done help record of the place. */
export type CoopActivity = {
  coopId: string;
  /** The row of its first participant. */
  row: number;
  mediatorId: string;
  kind: CoopActivityKind;
  date: IsoDate;
  durationMinutes: number;
  placeKind: CoopPlaceKind;
  communeInsee: string | null;
  communeName: string | null;
  themes: CoopTheme[];
  adminThemes: CoopAdminTheme[];
  equipment: CoopEquipment[];
  autonomy: CoopAutonomy | null;
  oriented: boolean;
  orientation: CoopOrientation | null;
  title: string | null;
  level: CoopLevel | null;
  notes: string | null;
  counts: RecordCounts;
};

/** What an import did, as the page shows it: the counts written, or the problems (the first ones) and how many. */
export type CoopImportReport =
  | { kind: "imported"; rows: number; activities: number; added: number; already: number }
  | { kind: "invalid"; rows: number; activities: number; problems: ImportProblem[]; problemCount: number };

export type CoopParseResult =
  | { kind: "not-coop"; missing: string[] }
  | { kind: "empty" }
  | { kind: "too-many-rows" }
  | { kind: "invalid"; rows: number; activities: number; problems: ImportProblem[] }
  | { kind: "valid"; rows: number; activities: CoopActivity[] };

/** A cell as trimmed text ("" when empty); numbers as written, dates as YYYY-MM-DD. */
function text(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return "";
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? "" : cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

/** « Navigation sur internet\nE-mail » (La Coop) or « Navigation sur internet, E-mail » (ours) → its labels. */
function list(cell: Cell | undefined): string[] {
  return text(cell).split(/\r?\n|[;,]/).map((s) => s.trim()).filter(Boolean);
}

/** The header row: the first of the sheet's first 50 rows that has every required column. */
function findHeader(rows: readonly (readonly Cell[])[]): { index: number; columns: Map<ColumnKey, number> } | { missing: string[] } {
  const wanted = new Map((Object.entries(COOP_COLUMNS) as [ColumnKey, string][]).map(([key, header]) => [foldText(header), key]));
  let best: ColumnKey[] = [];
  for (let i = 0; i < Math.min(rows.length, 50); i++) {
    const columns = new Map<ColumnKey, number>();
    rows[i]!.forEach((cell, c) => {
      const key = wanted.get(foldText(text(cell)));
      if (key && !columns.has(key)) columns.set(key, c);
    });
    const found = REQUIRED_COLUMNS.filter((k) => columns.has(k));
    if (found.length === REQUIRED_COLUMNS.length) return { index: i, columns };
    if (found.length > best.length) best = found;
  }
  return { missing: REQUIRED_COLUMNS.filter((k) => !best.includes(k)).map((k) => COOP_COLUMNS[k]) };
}

type Row = { number: number; cells: readonly Cell[] };
type Participant = { index: number; of: number } | null;

/**
 * Check La Coop's sheet (`rows`: every row of the sheet, each a list of cells; `rowNumbers`: the
 * spreadsheet's number of each) and turn it into activities. `today` refuses future dates;
 * `staff` are the place's people, matched by name to the file's mediator; otherwise `actorUserId`.
 */
export function parseCoopSheet(
  rows: readonly (readonly Cell[])[],
  options: { rowNumbers?: readonly number[]; today: IsoDate; staff: readonly { id: string; name: string }[]; actorUserId: string },
): CoopParseResult {
  const header = findHeader(rows);
  if ("missing" in header) return { kind: "not-coop", missing: header.missing };
  const { columns } = header;
  const data: Row[] = [];
  for (let i = header.index + 1; i < rows.length; i++) {
    const cells = rows[i]!;
    if (cells.every((cell) => text(cell) === "")) continue;
    data.push({ number: options.rowNumbers?.[i] ?? i + 1, cells });
  }
  if (data.length === 0) return { kind: "empty" };
  if (data.length > COOP_IMPORT_MAX_ROWS) return { kind: "too-many-rows" };

  const problems: ImportProblem[] = [];
  const cell = (row: Row, key: ColumnKey): Cell | undefined => {
    const c = columns.get(key);
    return c === undefined ? undefined : row.cells[c];
  };
  const problem = (row: Row, key: ColumnKey, message: string) => problems.push({ row: row.number, column: COOP_COLUMNS[key], message });
  const staffByName = new Map(options.staff.map((s) => [foldText(s.name), s.id]));

  // Group the rows into activities: by La Coop's id, or else one after the other by « Participants » (1/5 … 5/5).
  const groups: Row[][] = [];
  const byId = new Map<string, Row[]>();
  for (const row of data) {
    const id = text(cell(row, "coopId"));
    if (id) {
      const group = byId.get(id);
      if (group) group.push(row);
      else {
        const created = [row];
        byId.set(id, created);
        groups.push(created);
      }
      continue;
    }
    const participant = readParticipant(row);
    const last = groups[groups.length - 1];
    const lastParticipant = last && !text(cell(last[0]!, "coopId")) ? readParticipant(last[last.length - 1]!) : null;
    if (participant && participant.index > 1 && lastParticipant && lastParticipant.of === participant.of && lastParticipant.index === participant.index - 1) last!.push(row);
    else groups.push([row]);
  }
  function readParticipant(row: Row): Participant {
    const value = text(cell(row, "participants"));
    if (!value) return null;
    const match = /^(\d+)\s*(?:\/\s*(\d+))?$/.exec(value);
    return match ? { index: Number(match[1]), of: Number(match[2] ?? match[1]) } : null;
  }

  const activities: CoopActivity[] = [];
  const signatures = new Map<string, number>();
  for (const group of groups) {
    const first = group[0]!;
    const before = problems.length;
    // Every participant row says the same of the activity.
    for (const row of group.slice(1)) {
      for (const key of ACTIVITY_COLUMNS) {
        if (columns.has(key) && foldText(text(cell(row, key))) !== foldText(text(cell(first, key)))) problem(row, key, p.differs(first.number));
      }
    }
    for (const row of group) {
      const value = text(cell(row, "participants"));
      if (value && !readParticipant(row)) problem(row, "participants", p.participants(value));
    }
    const declared = readParticipant(first);
    if (declared && declared.of !== group.length) problem(first, "participants", p.missingParticipants(group.length, declared.of));

    const activity = readActivity(first, group);
    if (!activity || problems.length > before) continue;
    const id = text(cell(first, "coopId"));
    let coopId = id;
    if (!id) {
      // No id in the file: the activity's own values, and how many identical ones came before it.
      const signature = JSON.stringify([ACTIVITY_COLUMNS.map((k) => text(cell(first, k))), group.map((r) => [text(cell(r, "gender")), text(cell(r, "ageBand")), text(cell(r, "socialStatus"))]), text(cell(first, "notes"))]);
      const seen = (signatures.get(signature) ?? 0) + 1;
      signatures.set(signature, seen);
      coopId = `sha256:${createHash("sha256").update(`${signature}#${seen}`).digest("hex").slice(0, 40)}`;
    }
    activities.push({ ...activity, coopId, row: first.number });
  }

  function readActivity(first: Row, group: Row[]): Omit<CoopActivity, "coopId" | "row"> | null {
    // Date
    let date: IsoDate | undefined;
    const rawDate = cell(first, "date");
    if (rawDate instanceof Date && !Number.isNaN(rawDate.getTime())) date = rawDate.toISOString().slice(0, 10);
    else if (text(rawDate)) date = readExportDate(text(rawDate));
    if (!text(rawDate)) problem(first, "date", p.required);
    else if (!date) problem(first, "date", p.date(text(rawDate)));
    else if (date > options.today) problem(first, "date", p.dateFuture(date.split("-").reverse().join("/")));
    // Kind
    const kind = readCode(first, "kind", KINDS, true);
    // Where
    const placeKind = readCode(first, "placeKind", PLACE_KINDS, true);
    let communeInsee: string | null = null;
    let communeName: string | null = null;
    if (placeKind === "Domicile" || placeKind === "Autre") {
      const name = text(cell(first, "commune"));
      const postcode = text(cell(first, "postcode"));
      const insee = text(cell(first, "insee"));
      if (!name && !postcode && !insee) problem(first, "commune", p.commune);
      else {
        const match = resolveCommune({ name, postcode, insee });
        if (match) {
          communeInsee = match.commune.insee;
          communeName = match.commune.name;
        } else problem(first, insee ? "insee" : "commune", p.communeUnknown([name, postcode, insee].filter(Boolean).join(" ")));
      }
    }
    // Duration
    const rawDuration = text(cell(first, "duration"));
    const duration = Number(rawDuration.replace(",", "."));
    if (!rawDuration) problem(first, "duration", p.required);
    else if (!Number.isInteger(duration) || duration < 1 || duration > 1440) problem(first, "duration", p.duration(rawDuration));
    // Themes: La Coop keeps the administrative sub-themes in the same list; they imply « Aide aux démarches administratives ».
    const themes: CoopTheme[] = [];
    const adminThemes: CoopAdminTheme[] = [];
    const themeLabels = list(cell(first, "themes"));
    if (themeLabels.length === 0) problem(first, "themes", p.required);
    for (const label of themeLabels) {
      const theme = THEMES.get(foldText(label));
      const adminTheme = ADMIN_THEMES.get(foldText(label));
      if (theme) themes.push(theme);
      else if (adminTheme) adminThemes.push(adminTheme);
      else problem(first, "themes", p.unknownValue(label));
    }
    if (adminThemes.length && !themes.includes("AideAuxDemarchesAdministratives")) themes.push("AideAuxDemarchesAdministratives");
    // Equipment
    const equipment: CoopEquipment[] = [];
    for (const label of list(cell(first, "equipment"))) {
      const code = EQUIPMENT.get(foldText(label));
      if (code) equipment.push(code);
      else problem(first, "equipment", p.unknownValue(label));
    }
    // Autonomy (individual) or level (collective), both written as stars by La Coop
    const stars = text(cell(first, "autonomy"));
    let autonomy: CoopAutonomy | null = null;
    let level: CoopLevel | null = null;
    if (stars && kind) {
      const code = kind === "individuel" ? AUTONOMY.get(foldText(stars)) : LEVELS.get(foldText(stars));
      if (!code) problem(first, "autonomy", p.autonomy(stars));
      else if (kind === "individuel") autonomy = code as CoopAutonomy;
      else level = code as CoopLevel;
    }
    // Orientation (individual)
    let oriented = false;
    let orientation: CoopOrientation | null = null;
    if (kind === "individuel") {
      const said = text(cell(first, "oriented"));
      if (said) {
        const value = YES_NO.get(foldText(said));
        if (value === undefined) problem(first, "oriented", p.unknownValue(said));
        else oriented = value;
      }
      const structure = text(cell(first, "orientation"));
      if (structure) {
        const code = ORIENTATIONS.get(foldText(structure));
        if (!code) problem(first, "orientation", p.unknownValue(structure));
        else if (!oriented) problem(first, "orientation", p.orientation);
        else orientation = code;
      }
    }
    // Title (collective)
    const title = text(cell(first, "title")) || null;
    if (kind === "collectif" && (!title || title.length > 120)) problem(first, "title", p.title);
    // Notes: the activity's, and the name of the procedure (which has no field of its own here)
    const procedure = text(cell(first, "procedure"));
    const notes = [text(cell(first, "notes")), procedure ? m.procedureNote(procedure) : ""].filter(Boolean).join("\n") || null;
    if (notes && notes.length > 2000) problem(first, "notes", p.notesLong);
    // Who took part: each row is one person, counted without a name.
    const anonymous: AnonymousCounts = { total: group.length, alreadyHelped: 0, gender: {}, age: {}, status: {} };
    for (const row of group) {
      const gender = readCode(row, "gender", GENDERS, false) ?? "NonCommunique";
      const age = readCode(row, "ageBand", AGE_BANDS, false) ?? "NonCommunique";
      const status = readCode(row, "socialStatus", STATUSES, false) ?? "NonCommunique";
      anonymous.gender[gender] = (anonymous.gender[gender] ?? 0) + 1;
      anonymous.age[age] = (anonymous.age[age] ?? 0) + 1;
      anonymous.status[status] = (anonymous.status[status] ?? 0) + 1;
    }
    if (kind === "individuel" && group.length > 1) problem(group[1]!, "participants", p.individualOne);
    if (group.length > 1000) problem(first, "participants", p.tooManyParticipants);
    // The mediator: one of the place's staff by name, else whoever imports.
    const mediatorName = `${text(cell(first, "mediatorFirstName"))} ${text(cell(first, "mediatorLastName"))}`;
    const mediatorId = staffByName.get(foldText(mediatorName)) ?? options.actorUserId;

    const counted = recordCounts([], anonymous);
    if (!date || !kind || !placeKind || !counted.ok || !Number.isInteger(duration) || !themes.length) return null;
    return {
      mediatorId, kind, date, durationMinutes: duration, placeKind, communeInsee, communeName, themes, adminThemes, equipment,
      autonomy, oriented, orientation, title: kind === "collectif" ? title : null, level, notes, counts: counted.counts,
    };
  }

  function readCode<C extends string>(row: Row, key: ColumnKey, index: Map<string, C>, required: boolean): C | undefined {
    const value = text(cell(row, key));
    if (!value) {
      if (required) problem(row, key, p.required);
      return undefined;
    }
    const code = index.get(foldText(value));
    if (!code) problem(row, key, p.unknownValue(value));
    return code;
  }

  if (problems.length) {
    problems.sort((a, b) => a.row - b.row);
    return { kind: "invalid", rows: data.length, activities: groups.length, problems };
  }
  return { kind: "valid", rows: data.length, activities };
}
