/**
 * A network's yearly report for the label's funders, for one call or all of them: the places
 * labelled at some point of the calendar year (their labels, themes, département and validity), how
 * many by theme and by département, each call's applications by state, and — where the places
 * record their mediation — their activity of the year (help records, participations, people
 * followed by name, hours of help, workshop sessions held; the same figures as the statistics pages,
 * read by the mediation feature's own function) and their hours open to the public (from each
 * place's current opening hours). As a spreadsheet (Synthèse, Lieux labellisés, Appels) or an A4 PDF.
 * Counts only: no name of a person helped.
 */
import { createRequire } from "node:module";
import { and, asc, eq, gte, inArray, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { Db } from "~/db/client.server";
import { APPLICATION_STATES, applications, calls, labelGrants, networks, places, type ApplicationState } from "~/db/schema";
import { findCommuneByInsee, findCommunesByPostcode } from "~/features/communes/communes";
import { openIntervals } from "~/features/hours/open-now";
import { reportPdf, type ReportTable } from "~/features/mediation/report-pdf.server";
import type { MediationStatistics } from "~/features/mediation/stats";
import { getMediationStatistics } from "~/features/mediation/stats.server";
import { addDays } from "~/features/time/calendar";
import { formatDate } from "~/features/time/format";
import { FRANCE_TIME_ZONE, startOfDay } from "~/features/time/zone";
import { formatNumber, fr } from "~/lib/messages";

const m = fr.callDocs.funderReport;
const departmentNames = new Map(
  (createRequire(import.meta.url)("@etalab/decoupage-administratif/data/departements.json") as { code: string; nom: string }[]).map((d) => [d.code, d.nom]),
);

/** A year's activity of one or more places; null where they recorded none. */
export type Activity = { records: number; participants: number; people: number; helpMinutes: number; workshopsHeld: number };

export type LabelledPlace = {
  id: string;
  name: string;
  commune: string;
  postcode: string;
  department: { code: string; name: string } | null;
  /** The labels it held during the year, and their themes (each once). */
  labels: string[];
  themes: string[];
  /** The first day of its first grant, the last day of its last (null: no end). */
  validFrom: string;
  validUntil: string | null;
  activity: Activity | null;
  /** Hours open to the public over the year, from its current opening hours; null without known hours. */
  openHours: number | null;
};

export type CallFigures = { id: string; title: string; opensAt: Date; closesAt: Date; counts: Record<ApplicationState, number>; total: number };

export type FunderReportData = {
  network: { id: string; name: string };
  year: number;
  /** The call the report is about, or null for all the network's calls. */
  call: { id: string; title: string } | null;
  places: LabelledPlace[];
  byTheme: { theme: string | null; places: number }[];
  byDepartment: { code: string | null; name: string; places: number }[];
  calls: CallFigures[];
  /** The labelled places' activity together (people followed in two places counted once); null when none recorded any. */
  activity: Activity | null;
  openHours: number | null;
};

function activityOf(s: MediationStatistics): Activity | null {
  if (s.records.total === 0 && s.workshops.held === 0) return null;
  return { records: s.records.total, participants: s.people.participants, people: s.people.named, helpMinutes: s.records.minutes, workshopsHeld: s.workshops.held };
}

/** The département of a place: its commune's (by INSEE code), else its postcode's. */
function departmentOf(inseeCode: string | null, postcode: string): { code: string; name: string } | null {
  const code = (inseeCode ? findCommuneByInsee(inseeCode)?.department : undefined) ?? findCommunesByPostcode(postcode)[0]?.department;
  return code ? { code, name: departmentNames.get(code) ?? code } : null;
}

/**
 * The report's figures (null when the network, or the call in it, does not exist). `now` decides which
 * workshop sessions were held (those ended by then).
 */
export async function funderReportData(db: Db, options: { networkId: string; year: number; callId?: string; now?: Date }): Promise<FunderReportData | null> {
  const { networkId, year, callId } = options;
  const [network] = await db.select({ id: networks.id, name: networks.name }).from(networks).where(eq(networks.id, networkId));
  if (!network) return null;
  let call: { id: string; title: string } | null = null;
  if (callId) {
    [call] = await db.select({ id: calls.id, title: calls.title }).from(calls).where(and(eq(calls.id, callId), eq(calls.networkId, networkId)));
    if (!call) return null;
  }
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;

  // The grants valid at some point of the year (of the call's accepted applications, for one call).
  const grants = await db
    .select({
      placeId: labelGrants.placeId, label: labelGrants.label, themes: labelGrants.themes, validFrom: labelGrants.validFrom, validUntil: labelGrants.validUntil,
      name: places.name, commune: places.commune, postcode: places.postcode, inseeCode: places.inseeCode, openingHours: places.openingHours, timeZone: places.timeZone,
    })
    .from(labelGrants)
    .innerJoin(places, eq(places.id, labelGrants.placeId))
    .where(
      and(
        eq(labelGrants.networkId, networkId),
        lte(labelGrants.validFrom, to),
        or(isNull(labelGrants.validUntil), gte(labelGrants.validUntil, from)),
        callId ? inArray(labelGrants.id, db.select({ id: sql<string>`${applications.labelGrantId}` }).from(applications).where(eq(applications.callId, callId))) : undefined,
      ),
    )
    .orderBy(asc(places.name), asc(places.id), asc(labelGrants.validFrom));

  const byPlace = new Map<string, LabelledPlace>();
  for (const g of grants) {
    const known = byPlace.get(g.placeId);
    if (known) {
      if (!known.labels.includes(g.label)) known.labels.push(g.label);
      for (const theme of g.themes) if (!known.themes.includes(theme)) known.themes.push(theme);
      if (g.validFrom < known.validFrom) known.validFrom = g.validFrom;
      known.validUntil = known.validUntil === null || g.validUntil === null ? null : g.validUntil > known.validUntil ? g.validUntil : known.validUntil;
      continue;
    }
    const hours = g.openingHours ? openIntervals(g.openingHours, g.timeZone, startOfDay(g.timeZone, from), startOfDay(g.timeZone, addDays(to, 1))) : [];
    byPlace.set(g.placeId, {
      id: g.placeId, name: g.name, commune: g.commune, postcode: g.postcode, department: departmentOf(g.inseeCode, g.postcode),
      labels: [g.label], themes: [...new Set(g.themes)], validFrom: g.validFrom, validUntil: g.validUntil, activity: null,
      openHours: hours.length ? hours.reduce((sum, h) => sum + (h.end - h.start), 0) / 3_600_000 : null,
    });
  }
  const labelled = [...byPlace.values()];

  // Activity: each place's year, then all of them at once (a person followed in two places is one person).
  const now = options.now ?? new Date();
  for (const place of labelled) place.activity = activityOf(await getMediationStatistics(db, { from, to, placeIds: [place.id] }, { now }));
  const activity = labelled.some((p) => p.activity) ? activityOf(await getMediationStatistics(db, { from, to, placeIds: labelled.map((p) => p.id) }, { now })) : null;
  const withHours = labelled.filter((p) => p.openHours !== null);

  const themes = new Map<string | null, number>();
  for (const place of labelled) for (const theme of place.themes.length ? place.themes : [null]) themes.set(theme, (themes.get(theme) ?? 0) + 1);
  const departments = new Map<string | null, { code: string | null; name: string; places: number }>();
  for (const place of labelled) {
    const key = place.department?.code ?? null;
    const entry = departments.get(key) ?? { code: key, name: place.department?.name ?? m.unknownDepartment, places: 0 };
    entry.places++;
    departments.set(key, entry);
  }

  // The calls: the one asked for, or those open at some point of the year (drafts never were).
  const yearStart = new Date(startOfDay(FRANCE_TIME_ZONE, from));
  const yearEnd = new Date(startOfDay(FRANCE_TIME_ZONE, addDays(to, 1)));
  const callRows = await db
    .select({ id: calls.id, title: calls.title, opensAt: calls.opensAt, closesAt: calls.closesAt })
    .from(calls)
    .where(and(eq(calls.networkId, networkId), ne(calls.status, "draft"), callId ? eq(calls.id, callId) : and(lt(calls.opensAt, yearEnd), gte(calls.closesAt, yearStart))))
    .orderBy(asc(calls.opensAt), asc(calls.title));
  const counts = callRows.length
    ? await db
        .select({ callId: applications.callId, state: applications.state, n: sql<number>`count(*)::int` })
        .from(applications)
        .where(inArray(applications.callId, callRows.map((c) => c.id)))
        .groupBy(applications.callId, applications.state)
    : [];

  return {
    network,
    year,
    call,
    places: labelled,
    byTheme: [...themes].map(([theme, n]) => ({ theme, places: n })).sort((a, b) => b.places - a.places || (a.theme === null ? 1 : b.theme === null ? -1 : a.theme.localeCompare(b.theme, "fr"))),
    byDepartment: [...departments.values()].sort((a, b) => (a.code === null ? 1 : b.code === null ? -1 : a.code.localeCompare(b.code))),
    calls: callRows.map((c) => {
      const byState = Object.fromEntries(APPLICATION_STATES.map((state) => [state, 0])) as Record<ApplicationState, number>;
      for (const row of counts) if (row.callId === c.id) byState[row.state] = Number(row.n);
      return { ...c, counts: byState, total: Object.values(byState).reduce((a, b) => a + b, 0) };
    }),
    activity,
    openHours: withHours.length ? withHours.reduce((sum, p) => sum + p.openHours!, 0) : null,
  };
}

const hours = (value: number) => Math.round(value);
const dateCell = (date: string) => new Date(`${date}T00:00:00Z`);
const departmentLabel = (d: LabelledPlace["department"]) => (d ? `${d.code} — ${d.name}` : m.unknownDepartment);

/** The Synthèse sheet's lines: [label, value]. */
function summaryLines(data: FunderReportData): [string, string | number][] {
  const r = m.summaryRows;
  const lines: [string, string | number][] = [
    [r.network, data.network.name],
    [r.call, data.call?.title ?? r.allCalls],
    [r.year, data.year],
    [r.places, data.places.length],
  ];
  if (data.activity) {
    lines.push([r.records, data.activity.records], [r.participants, data.activity.participants], [r.people, data.activity.people], [r.helpHours, hours(data.activity.helpMinutes / 60)], [r.workshops, data.activity.workshopsHeld]);
  }
  if (data.openHours !== null) lines.push([r.openHours, hours(data.openHours)]);
  return lines;
}

/** The spreadsheet: Synthèse (figures, then places by theme and by département), Lieux labellisés, Appels. */
export async function funderReportXlsx(data: FunderReportData): Promise<Buffer> {
  const c = m.columns;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = fr.site.name;
  const bold = (row: ExcelJS.Row) => {
    row.font = { bold: true };
  };

  const summary = workbook.addWorksheet(m.sheets.summary);
  summary.columns = [{ width: 40 }, { width: 44 }];
  bold(summary.addRow([m.title(data.year)]));
  for (const [label, value] of summaryLines(data)) summary.addRow([label, value]).getCell(1).font = { bold: true };
  summary.addRow([]);
  bold(summary.addRow([m.tables.byTheme]));
  bold(summary.addRow([c.theme, c.placesCount]));
  for (const t of data.byTheme) summary.addRow([t.theme ?? m.noTheme, t.places]);
  summary.addRow([]);
  bold(summary.addRow([m.tables.byDepartment]));
  bold(summary.addRow([c.department, c.placesCount]));
  for (const d of data.byDepartment) summary.addRow([d.code ? `${d.code} — ${d.name}` : d.name, d.places]);
  bold(summary.addRow([m.total, data.places.length]));
  summary.addRow([]);
  summary.addRow([m.activityNote]);
  summary.addRow([m.openHoursNote]);

  const list = workbook.addWorksheet(m.sheets.places, { views: [{ state: "frozen", ySplit: 1, xSplit: 1 }] });
  list.columns = [
    { width: 36 }, { width: 20 }, { width: 11 }, { width: 24 }, { width: 28 }, { width: 40 }, { width: 13 }, { width: 15 },
    { width: 16 }, { width: 14 }, { width: 16 }, { width: 14 }, { width: 14 }, { width: 14 },
  ];
  bold(list.addRow([c.place, c.commune, c.postcode, c.department, c.labels, c.themes, c.validFrom, c.validUntil, c.records, c.participants, c.people, c.helpHours, c.workshops, c.openHours]));
  for (const p of data.places) {
    const row = list.addRow([
      p.name, p.commune, p.postcode, departmentLabel(p.department), p.labels.join(", "), p.themes.join(", "),
      dateCell(p.validFrom), p.validUntil ? dateCell(p.validUntil) : m.openEnded,
      p.activity?.records ?? null, p.activity?.participants ?? null, p.activity?.people ?? null, p.activity ? hours(p.activity.helpMinutes / 60) : null, p.activity?.workshopsHeld ?? null,
      p.openHours === null ? null : hours(p.openHours),
    ]);
    row.getCell(7).numFmt = "dd/mm/yyyy";
    if (p.validUntil) row.getCell(8).numFmt = "dd/mm/yyyy";
  }
  const a = data.activity;
  bold(list.addRow([m.total, null, null, null, null, null, null, null, a?.records ?? null, a?.participants ?? null, a?.people ?? null, a ? hours(a.helpMinutes / 60) : null, a?.workshopsHeld ?? null, data.openHours === null ? null : hours(data.openHours)]));

  const callSheet = workbook.addWorksheet(m.sheets.calls, { views: [{ state: "frozen", ySplit: 1, xSplit: 1 }] });
  callSheet.columns = [{ width: 40 }, { width: 13 }, { width: 13 }, ...APPLICATION_STATES.map(() => ({ width: 14 })), { width: 10 }];
  bold(callSheet.addRow([c.call, c.opensAt, c.closesAt, ...APPLICATION_STATES.map((s) => fr.callDocs.states[s]), c.total]));
  for (const call of data.calls) {
    const row = callSheet.addRow([call.title, parisDay(call.opensAt), parisDay(call.closesAt), ...APPLICATION_STATES.map((s) => call.counts[s]), call.total]);
    row.getCell(2).numFmt = "dd/mm/yyyy";
    row.getCell(3).numFmt = "dd/mm/yyyy";
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The day of an instant in metropolitan France, as a spreadsheet date. */
function parisDay(at: Date): Date {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: FRANCE_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
  return dateCell(day);
}

/** The A4 PDF: the key figures, then places by theme, by département, each place, each call's applications. */
export async function funderReportPdf(data: FunderReportData): Promise<Buffer> {
  const c = m.columns;
  const count = (n: number) => formatNumber(n);
  const a = data.activity;
  const lines = [m.period(data.year), m.places(data.places.length)];
  if (a) lines.push(m.activity(a.records, a.participants, a.people), m.helpHours(hours(a.helpMinutes / 60)), m.workshops(a.workshopsHeld));
  else if (data.places.length) lines.push(m.noActivity);
  if (data.openHours !== null) lines.push(m.openHours(hours(data.openHours)));
  lines.push(m.privacy);

  const blank = "—";
  const tables: ReportTable[] = [
    { title: m.tables.byTheme, columns: [c.theme, c.placesCount], rows: data.byTheme.map((t) => [t.theme ?? m.noTheme, count(t.places)]) },
    { title: m.tables.byDepartment, columns: [c.department, c.placesCount], rows: [...data.byDepartment.map((d) => [d.code ? `${d.code} — ${d.name}` : d.name, count(d.places)]), [m.total, count(data.places.length)]] },
    {
      title: m.tables.places,
      columns: [c.place, m.pdfColumns.records, m.pdfColumns.participants, m.pdfColumns.workshops, m.pdfColumns.openHours],
      rows: [
        ...data.places.map((p) => [
          `${p.name} — ${p.commune}${p.department ? ` (${p.department.code})` : ""}\n${m.labelledUntil(p.validUntil ? formatDate(p.validUntil) : null)}`,
          p.activity ? count(p.activity.records) : blank,
          p.activity ? count(p.activity.participants) : blank,
          p.activity ? count(p.activity.workshopsHeld) : blank,
          p.openHours === null ? blank : count(hours(p.openHours)),
        ]),
        [m.total, a ? count(a.records) : blank, a ? count(a.participants) : blank, a ? count(a.workshopsHeld) : blank, data.openHours === null ? blank : count(hours(data.openHours))],
      ],
      note: `${m.activityNote} ${m.openHoursNote}`,
    },
    ...data.calls.map((call) => ({
      title: m.tables.call(call.title),
      columns: [c.state, c.applications],
      rows: [...APPLICATION_STATES.map((s) => [fr.callDocs.states[s], count(call.counts[s])]), [m.total, count(call.total)]],
    })),
  ];
  const doc = reportPdf({ title: m.title(data.year), subtitle: m.subtitle(data.network.name, data.call?.title ?? null), lines, tables, footer: m.footer(data.network.name, data.year) });
  const chunks: Buffer[] = [];
  for await (const chunk of doc) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
