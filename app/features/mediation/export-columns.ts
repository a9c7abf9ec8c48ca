/**
 * The columns of the help records' exports (CSV and XLSX): one row per record, French headers,
 * La Coop's codes in French words (coop-model.ts), every count column. The place's staff get the
 * notes and the names of the people followed; the network's coordinators never do (`audience`).
 */
import { type CoopActivityKind, type CoopAutonomy, type CoopLevel, type CoopOrientation, type CoopPlaceKind } from "~/db/schema/mediation";
import { COOP_AGE_BANDS, COOP_GENDERS, COOP_SOCIAL_STATUSES } from "~/db/schema/people";
import { fr } from "~/lib/messages";
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
import { AGE_COLUMNS, GENDER_COLUMNS, type RecordCounts, STATUS_COLUMNS } from "./counts";

const m = fr.mediationExports;

/** Who reads the file: the place's staff (notes and names) or the network's coordinators (neither). */
export type ExportAudience = "place" | "network";

export type RecordOrigin = keyof typeof m.origins;

/** One record as the export reads it (export-records.server.ts). */
export type ExportRecord = RecordCounts & {
  id: string;
  date: string;
  placeName: string;
  mediatorName: string | null;
  kind: CoopActivityKind;
  durationMinutes: number | null;
  placeKind: CoopPlaceKind | null;
  communeName: string | null;
  communeInsee: string | null;
  themes: string[];
  adminThemes: string[];
  equipment: string[];
  autonomy: CoopAutonomy | null;
  oriented: boolean;
  orientation: CoopOrientation | null;
  title: string | null;
  level: CoopLevel | null;
  origin: RecordOrigin;
  coopId: string | null;
  /** Place audience only: the names of the people followed, and the notes. */
  people?: string | null;
  notes?: string | null;
};

export type CellValue = string | number | null;
export type ExportColumn = {
  key: string;
  header: string;
  /** Width in characters, for the spreadsheet. */
  width: number;
  type: "date" | "text" | "number";
  value: (record: ExportRecord) => CellValue;
};

/** Codes in words, in the list's order, joined: « Navigation sur internet, E-mail ». */
function words(codes: readonly string[], labels: Record<string, string>): string {
  return codes.map((code) => labels[code] ?? code).join(", ");
}

const count = (key: keyof RecordCounts, header: string): ExportColumn => ({ key, header, width: 10, type: "number", value: (r) => r[key] });

/** The columns for `audience`, in order. */
export function exportColumns(audience: ExportAudience): ExportColumn[] {
  const c = m.columns;
  const columns: ExportColumn[] = [
    { key: "date", header: c.date, width: 12, type: "date", value: (r) => r.date },
    { key: "place", header: c.place, width: 28, type: "text", value: (r) => r.placeName },
    { key: "mediator", header: c.mediator, width: 22, type: "text", value: (r) => r.mediatorName },
    { key: "kind", header: c.kind, width: 24, type: "text", value: (r) => ACTIVITY_KIND_LABELS[r.kind] },
    { key: "duration", header: c.duration, width: 10, type: "number", value: (r) => r.durationMinutes },
    { key: "placeKind", header: c.placeKind, width: 20, type: "text", value: (r) => (r.placeKind ? PLACE_KIND_LABELS[r.placeKind] : null) },
    { key: "commune", header: c.commune, width: 20, type: "text", value: (r) => r.communeName },
    { key: "communeInsee", header: c.communeInsee, width: 10, type: "text", value: (r) => r.communeInsee },
    { key: "themes", header: c.themes, width: 40, type: "text", value: (r) => words(r.themes, THEME_LABELS) },
    { key: "adminThemes", header: c.adminThemes, width: 30, type: "text", value: (r) => words(r.adminThemes, ADMIN_THEME_LABELS) },
    { key: "equipment", header: c.equipment, width: 20, type: "text", value: (r) => words(r.equipment, EQUIPMENT_LABELS) },
    { key: "autonomy", header: c.autonomy, width: 24, type: "text", value: (r) => (r.autonomy ? AUTONOMY_LABELS[r.autonomy] : null) },
    { key: "oriented", header: c.oriented, width: 10, type: "text", value: (r) => (r.kind === "individuel" ? (r.oriented ? m.yes : m.no) : null) },
    { key: "orientation", header: c.orientation, width: 30, type: "text", value: (r) => (r.orientation ? ORIENTATION_LABELS[r.orientation] : null) },
    { key: "title", header: c.title, width: 30, type: "text", value: (r) => r.title },
    { key: "level", header: c.level, width: 14, type: "text", value: (r) => (r.level ? LEVEL_LABELS[r.level] : null) },
    count("participants", c.participants),
    count("named", c.named),
    count("firstTime", c.firstTime),
    count("alreadyHelped", c.alreadyHelped),
    ...COOP_GENDERS.map((g) => count(GENDER_COLUMNS[g], c.gender(GENDER_LABELS[g]))),
    ...COOP_AGE_BANDS.map((a) => count(AGE_COLUMNS[a], c.age(AGE_BAND_LABELS[a]))),
    ...COOP_SOCIAL_STATUSES.map((s) => count(STATUS_COLUMNS[s], c.status(SOCIAL_STATUS_LABELS[s]))),
    { key: "origin", header: c.origin, width: 16, type: "text", value: (r) => m.origins[r.origin] },
    { key: "coopId", header: c.coopId, width: 20, type: "text", value: (r) => r.coopId },
  ];
  if (audience === "place") {
    columns.push(
      { key: "people", header: c.people, width: 30, type: "text", value: (r) => r.people ?? null },
      { key: "notes", header: c.notes, width: 50, type: "text", value: (r) => r.notes ?? null },
    );
  }
  return columns;
}

/**
 * A text cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a tab or carriage
 * return before one) starts with an apostrophe instead, as OWASP advises for CSV files: the text
 * shows as written and nothing runs. XLSX cells are typed as text and need no such care.
 */
export function escapeCsvFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The CSV row of a record: every text escaped against formulas, nothing left undefined. */
export function csvCells(columns: readonly ExportColumn[], record: ExportRecord): (string | number)[] {
  return columns.map((column) => {
    const value = column.value(record);
    if (value === null) return "";
    return typeof value === "string" ? escapeCsvFormula(value) : value;
  });
}

/** The XLSX row of a record: a date as a date cell (midnight UTC, what a spreadsheet's day is), numbers as numbers. */
export function xlsxCells(columns: readonly ExportColumn[], record: ExportRecord): (string | number | Date | null)[] {
  return columns.map((column) => {
    const value = column.value(record);
    if (column.type === "date" && typeof value === "string") return new Date(`${value}T00:00:00Z`);
    return value;
  });
}
