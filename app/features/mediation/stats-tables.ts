/**
 * The statistics as tables, pure: one list, in French, that the page shows (each chart with its table
 * beside it), the CSV export writes one after the other and the XLSX export writes one sheet each. A
 * cell keeps its number and says how to write it, so the page writes « 12,5 % » and the spreadsheet
 * keeps 0.125 with a percent format.
 */
import { formatNumber, fr } from "~/lib/messages";
import { formatEuros } from "~/lib/money";
import {
  ADMIN_THEME_LABELS,
  AGE_BAND_LABELS,
  AUTONOMY_LABELS,
  DURATION_BUCKETS,
  EQUIPMENT_LABELS,
  GENDER_LABELS,
  ORIENTATION_LABELS,
  PLACE_KIND_LABELS,
  SOCIAL_STATUS_LABELS,
  THEME_LABELS,
} from "./coop-model";
import { type Breakdown, type MediationStatistics, percentages } from "./stats";

/** count: a number; percent: a fraction (0.125 is 12,5 %); hours: minutes, written as hours with one decimal; euros: cents, written « 1 212,50 € ». */
export type CellFormat = "count" | "percent" | "hours" | "euros";
export type Cell = { value: number | null; format: CellFormat };
export type TableRow = { label: string; cells: Cell[] };
/** How the page draws a table: horizontal bars of the first column, months as stacked columns, a week × hour grid, or no chart. */
export type ChartKind = "bars" | "months" | "heatmap" | null;

export type StatsTable = {
  /** Stable: the page's anchors, the CSV's section, the XLSX sheet. */
  id: string;
  /** Its sheet's name in the XLSX export (31 characters at most). */
  sheet: string;
  title: string;
  note?: string;
  chart: ChartKind;
  /** The rows' header (first column), then each column's. */
  rowHeader: string;
  columns: string[];
  rows: TableRow[];
};

const m = fr.statistics;
const t = m.tables;
const count = (value: number): Cell => ({ value, format: "count" });
const percent = (value: number | null): Cell => ({ value, format: "percent" });

/** A breakdown as rows: its count and its share, of the whole (shares adding up to 100 %) or of the records (`of`: a record may count in several rows). */
function breakdownRows<K extends string>(list: Breakdown<K>, label: (key: K) => string, of?: number): TableRow[] {
  const shares = percentages(list.map((b) => b.count));
  return list.map((b, i) => ({ label: label(b.key), cells: [count(b.count), percent(of === undefined ? shares[i]! / 100 : of > 0 ? b.count / of : null)] }));
}

const barColumns = (multi: boolean) => [t.count, multi ? t.shareOfRecords : t.share];

/** Every table of the statistics, in the page's order. */
export function statisticsTables(s: MediationStatistics): StatsTable[] {
  const records = s.records.total;
  const tables: StatsTable[] = [
    {
      id: "chiffres-cles",
      sheet: m.sheets.chiffresCles,
      title: m.key.title,
      chart: null,
      rowHeader: t.indicator,
      columns: [t.value],
      rows: [
        { label: m.key.records, cells: [count(records)] },
        { label: m.key.individual, cells: [count(s.records.individual)] },
        { label: m.key.collective, cells: [count(s.records.collective)] },
        { label: m.key.participants, cells: [count(s.people.participants)] },
        { label: m.key.collectiveParticipants, cells: [count(s.people.collectiveParticipants)] },
        { label: m.key.named, cells: [count(s.people.named)] },
        { label: m.key.firstTime, cells: [count(s.people.firstTime)] },
        { label: m.key.anonymous, cells: [count(s.people.anonymous)] },
        { label: m.key.hours, cells: [{ value: s.records.minutes, format: "hours" }] },
      ],
    },
    {
      id: "mois",
      sheet: m.sheets.mois,
      title: t.months.title,
      chart: "months",
      rowHeader: t.months.month,
      columns: [t.months.individual, t.months.collective, t.months.participants],
      rows: s.months.map((month) => ({ label: m.monthName(month.month, fr.time.months), cells: [count(month.individual), count(month.collective), count(month.participants)] })),
    },
    { id: "thematiques", sheet: m.sheets.thematiques, title: t.themes.title, note: t.themes.note, chart: "bars", rowHeader: t.themes.label, columns: barColumns(true), rows: breakdownRows(s.themes, (k) => THEME_LABELS[k], records) },
    {
      id: "demarches",
      sheet: m.sheets.demarches,
      title: t.adminThemes.title,
      note: t.adminThemes.note,
      chart: "bars",
      rowHeader: t.adminThemes.label,
      columns: barColumns(true),
      rows: breakdownRows(s.adminThemes, (k) => ADMIN_THEME_LABELS[k], s.themes.find((b) => b.key === "AideAuxDemarchesAdministratives")?.count ?? 0),
    },
    {
      id: "durees",
      sheet: m.sheets.durees,
      title: t.durations.title,
      chart: "bars",
      rowHeader: t.durations.label,
      columns: barColumns(false),
      rows: breakdownRows(s.durations, (k) => DURATION_BUCKETS.find((b) => b.key === k)!.label),
    },
    { id: "lieux-accompagnement", sheet: m.sheets.lieuxAccompagnement, title: t.placeKinds.title, chart: "bars", rowHeader: t.placeKinds.label, columns: barColumns(false), rows: breakdownRows(s.placeKinds, (k) => PLACE_KIND_LABELS[k]) },
    { id: "materiel", sheet: m.sheets.materiel, title: t.equipment.title, note: t.equipment.note, chart: "bars", rowHeader: t.equipment.label, columns: barColumns(true), rows: breakdownRows(s.equipment, (k) => EQUIPMENT_LABELS[k], records) },
    {
      id: "autonomie",
      sheet: m.sheets.autonomie,
      title: t.autonomy.title,
      chart: "bars",
      rowHeader: t.autonomy.label,
      columns: barColumns(false),
      rows: breakdownRows(s.autonomy, (k) => (k === "NonRenseigne" ? t.autonomy.unknown : AUTONOMY_LABELS[k])),
    },
    {
      id: "orientations",
      sheet: m.sheets.orientations,
      title: t.orientation.title,
      note: t.orientation.oriented(s.orientation.oriented, s.records.individual),
      chart: "bars",
      rowHeader: t.orientation.label,
      columns: barColumns(false),
      rows: breakdownRows(s.orientation.kinds, (k) => (k === "NonRenseigne" ? t.orientation.unknown : ORIENTATION_LABELS[k])),
    },
    { id: "ages", sheet: m.sheets.ages, title: t.ages.title, chart: "bars", rowHeader: t.ages.label, columns: barColumns(false), rows: breakdownRows(s.ages, (k) => AGE_BAND_LABELS[k]) },
    { id: "genres", sheet: m.sheets.genres, title: t.genders.title, chart: "bars", rowHeader: t.genders.label, columns: barColumns(false), rows: breakdownRows(s.genders, (k) => GENDER_LABELS[k]) },
    { id: "statuts", sheet: m.sheets.statuts, title: t.statuses.title, chart: "bars", rowHeader: t.statuses.label, columns: barColumns(false), rows: breakdownRows(s.statuses, (k) => SOCIAL_STATUS_LABELS[k]) },
    {
      id: "communes",
      sheet: m.sheets.communes,
      title: t.communes.title,
      note: t.communes.note,
      chart: "bars",
      rowHeader: t.communes.label,
      columns: barColumns(false),
      rows: breakdownRows(
        s.communes.map((c) => ({ key: c.commune ?? "", count: c.participants })),
        (k) => k || t.communes.unknown,
      ),
    },
    {
      id: "reservations",
      sheet: m.sheets.reservations,
      title: t.bookings.title,
      chart: null,
      rowHeader: t.indicator,
      columns: [t.value],
      rows: [
        { label: t.bookings.booked, cells: [count(s.bookings.booked)] },
        { label: t.bookings.cancelled, cells: [count(s.bookings.cancelled)] },
        { label: t.bookings.present, cells: [count(s.bookings.present)] },
        { label: t.bookings.absent, cells: [count(s.bookings.absent)] },
        { label: t.bookings.excused, cells: [count(s.bookings.excused)] },
        { label: t.bookings.noShowRate, cells: [percent(s.bookings.noShowRate)] },
      ],
    },
    occupancyTable(s),
    {
      id: "ateliers",
      sheet: m.sheets.ateliers,
      title: t.workshops.title,
      chart: null,
      rowHeader: t.indicator,
      columns: [t.value],
      rows: [
        { label: t.workshops.held, cells: [count(s.workshops.held)] },
        { label: t.workshops.cancelled, cells: [count(s.workshops.cancelled)] },
        { label: t.workshops.capacity, cells: [count(s.workshops.capacity)] },
        { label: t.workshops.seatsTaken, cells: [count(s.workshops.seatsTaken)] },
        { label: t.workshops.fillRate, cells: [percent(s.workshops.fillRate)] },
        { label: t.workshops.present, cells: [count(s.workshops.present)] },
        { label: t.workshops.walkIns, cells: [count(s.workshops.walkIns)] },
        { label: t.workshops.waiting, cells: [count(s.workshops.waiting)] },
      ],
    },
  ];
  return tables;
}

/** The hours a grid shows: from the first to the last hour with a booking (9 h to 18 h when there is none). */
export function occupancyHours(s: MediationStatistics): number[] {
  const hours = s.bookings.occupancy.map((c) => c.hour);
  const first = hours.length ? Math.min(...hours) : 9;
  const last = hours.length ? Math.max(...hours) : 18;
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** Stations' occupancy: a row per hour, a column per weekday, booked minutes written as hours. */
function occupancyTable(s: MediationStatistics): StatsTable {
  const minutes = new Map(s.bookings.occupancy.map((c) => [`${c.weekday}-${c.hour}`, c.minutes]));
  return {
    id: "occupation-postes",
    sheet: m.sheets.occupationPostes,
    title: t.occupancy.title,
    note: t.occupancy.note,
    chart: "heatmap",
    rowHeader: t.occupancy.hour,
    columns: fr.time.weekdays.map((d) => d.charAt(0).toUpperCase() + d.slice(1)),
    rows: occupancyHours(s).map((hour) => ({
      label: fr.time.clock(hour, 0),
      cells: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ value: minutes.get(`${weekday}-${hour}`) ?? 0, format: "hours" as const })),
    })),
  };
}

/** A cell in French: « 1 234 », « 12,5 % », « 3,5 » (hours, one decimal), « — » when there is nothing to say. */
export function formatCell(cell: Cell): string {
  if (cell.value == null) return t.notAvailable;
  switch (cell.format) {
    case "count":
      return formatNumber(cell.value);
    case "percent":
      return m.percent(cell.value);
    case "hours":
      return m.hours(cell.value);
    case "euros":
      return formatEuros(cell.value);
  }
}
