/**
 * A place's yearly activity report, for its town hall and the label's funders: the year's figures
 * (help given, people, themes, durations, where, who — never a name —, bookings and workshops) as
 * an A4 PDF, or as a spreadsheet with one sheet per table. The same statistics as the place's page,
 * for the calendar year.
 */
import type { Db } from "~/db/client.server";
import { formatDate } from "~/features/time/format";
import { formatNumber, fr } from "~/lib/messages";
import { reportPdf, type ReportDocument } from "./report-pdf.server";
import { loadPlaceStatistics, type StatisticsPage } from "./stats-page.server";
import { formatCell, type StatsTable } from "./stats-tables";

const m = fr.mediation.report;

/** The place's statistics for `year` (1 January to 31 December), as its page computes them. */
export function yearlyStatistics(db: Db, options: { place: { id: string; name: string }; year: number; today: string }): Promise<StatisticsPage> {
  const params = new URLSearchParams({ du: `${options.year}-01-01`, au: `${options.year}-12-31` });
  return loadPlaceStatistics(db, { place: options.place, params, today: options.today });
}

/**
 * The report as a document: key figures first, then every table of the statistics page. `more`:
 * figures of another feature (the paid services), given by the route — this one knows only mediation.
 */
export function yearlyReportDocument(
  page: Extract<StatisticsPage, { ok: true }>,
  options: { placeName: string; commune: string; year: number; networks: string[]; more?: { lines: string[]; tables: StatsTable[] } },
): ReportDocument {
  const s = page.statistics;
  return {
    title: m.title(options.year),
    subtitle: `${options.placeName}, ${options.commune}${options.networks.length ? ` — ${options.networks.join(", ")}` : ""}`,
    lines: [
      m.period(formatDate(s.filters.from), formatDate(s.filters.to)),
      m.records(formatNumber(s.records.total), formatNumber(s.records.individual), formatNumber(s.records.collective)),
      m.hours(formatNumber(Math.round(s.records.minutes / 60))),
      m.people(formatNumber(s.people.participants), formatNumber(s.people.named), formatNumber(s.people.firstTime)),
      m.bookings(formatNumber(s.bookings.present), formatNumber(s.bookings.booked)),
      m.workshops(formatNumber(s.workshops.held), formatNumber(s.workshops.present + s.workshops.walkIns)),
      ...(options.more?.lines ?? []),
      m.privacy,
    ],
    tables: [...page.tables, ...(options.more?.tables ?? [])].map((t) => ({ title: t.title, note: t.note, columns: [t.rowHeader, ...t.columns], rows: t.rows.map((r) => [r.label, ...r.cells.map(formatCell)]) })),
    footer: m.footer(options.placeName, options.year),
  };
}

export { reportPdf };
