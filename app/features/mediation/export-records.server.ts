/**
 * The help records of a place (for its staff: with notes and the names of the people followed)
 * or of a network (for its coordinators: neither), as a CSV or XLSX file written as it is read.
 *
 * The records are read by pages in (date, id) order, each page starting after the last one
 * (keyset: no OFFSET, each page as quick as the first); each page is written out before the next
 * is read, and the next waits while the output is full, so memory holds about one page whatever
 * the number of records (`BENCH_PART=records-export npm run bench`). XLSX through exceljs's
 * streaming writer (no shared strings: nothing kept per row; no styles), CSV through csv-stringify.
 * Only done records: a draft is not yet a record of help given.
 */
import { PassThrough, Readable, type Writable } from "node:stream";
import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";
import { and, asc, eq, gte, inArray, lte, type SQL, sql } from "drizzle-orm";
import { type Db } from "~/db/client.server";
import { helpRecords, placeNetworks, places, users } from "~/db/schema";
import { logger } from "~/lib/logger";
import { fr } from "~/lib/messages";
import { slugify } from "~/lib/text";
import { csvCells, type ExportAudience, exportColumns, type ExportRecord, type RecordOrigin, xlsxCells } from "./export-columns";
import { parseRecordsExportFilter, type RecordsExportFilter } from "./export-filter";

const m = fr.mediationExports;

/** Whose records: one place's (its staff) or those of a network's places (its coordinators). */
export type ExportScope = { kind: "place"; placeId: string } | { kind: "network"; networkId: string };
export type ExportFormat = "csv" | "xlsx";

/** Records read per query. */
export const EXPORT_PAGE_SIZE = 2000;

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

const audienceOf = (scope: ExportScope): ExportAudience => (scope.kind === "place" ? "place" : "network");

/** The names of the people followed on a record (those not yet anonymised), for the place's staff only. */
const peopleNames = sql<string | null>`(select string_agg(concat_ws(' ', b.first_name, b.last_name), ', ' order by b.last_name, b.first_name)
  from help_record_people hp join beneficiaries b on b.id = hp.beneficiary_id
  where hp.record_id = ${helpRecords.id} and b.anonymised_at is null)`;

function originOf(row: { coopId: string | null; sessionId: string | null; bookingId: string | null }): RecordOrigin {
  if (row.coopId) return "coop";
  if (row.sessionId) return "session";
  if (row.bookingId) return "booking";
  return "form";
}

/**
 * The scope's done records in the period, page after page in (date, id) order. The columns of
 * the place's audience (notes, names) are not even read for a network.
 */
export async function* readRecordPages(db: Db, options: { scope: ExportScope; filter: RecordsExportFilter; pageSize?: number }): AsyncGenerator<ExportRecord[]> {
  const { scope, filter } = options;
  const pageSize = options.pageSize ?? EXPORT_PAGE_SIZE;
  const personal = scope.kind === "place";
  const conditions: SQL[] = [eq(helpRecords.status, "done")];
  if (scope.kind === "place") conditions.push(eq(helpRecords.placeId, scope.placeId));
  else conditions.push(inArray(helpRecords.placeId, db.select({ id: placeNetworks.placeId }).from(placeNetworks).where(eq(placeNetworks.networkId, scope.networkId))));
  if (filter.from) conditions.push(gte(helpRecords.date, filter.from));
  if (filter.to) conditions.push(lte(helpRecords.date, filter.to));
  let after: { date: string; id: string } | undefined;
  for (;;) {
    const page = await db
      .select({
        id: helpRecords.id, date: helpRecords.date, placeName: places.name, mediatorName: users.name, kind: helpRecords.kind,
        durationMinutes: helpRecords.durationMinutes, placeKind: helpRecords.placeKind, communeName: helpRecords.communeName,
        communeInsee: helpRecords.communeInsee, themes: helpRecords.themes, adminThemes: helpRecords.adminThemes, equipment: helpRecords.equipment,
        autonomy: helpRecords.autonomy, oriented: helpRecords.oriented, orientation: helpRecords.orientation, title: helpRecords.title, level: helpRecords.level,
        participants: helpRecords.participants, named: helpRecords.named, firstTime: helpRecords.firstTime, alreadyHelped: helpRecords.alreadyHelped,
        genderMale: helpRecords.genderMale, genderFemale: helpRecords.genderFemale, genderUnknown: helpRecords.genderUnknown,
        ageUnder12: helpRecords.ageUnder12, age12To17: helpRecords.age12To17, age18To24: helpRecords.age18To24, age25To39: helpRecords.age25To39,
        age40To59: helpRecords.age40To59, age60To69: helpRecords.age60To69, age70Plus: helpRecords.age70Plus, ageUnknown: helpRecords.ageUnknown,
        statusSchool: helpRecords.statusSchool, statusJobSeeking: helpRecords.statusJobSeeking, statusEmployed: helpRecords.statusEmployed,
        statusRetired: helpRecords.statusRetired, statusUnknown: helpRecords.statusUnknown,
        bookingId: helpRecords.bookingId, sessionId: helpRecords.sessionId, coopId: helpRecords.coopId,
        ...(personal ? { notes: helpRecords.notes, people: peopleNames } : {}),
      })
      .from(helpRecords)
      .innerJoin(places, eq(places.id, helpRecords.placeId))
      .leftJoin(users, eq(users.id, helpRecords.mediatorId))
      .where(and(...conditions, after ? sql`(${helpRecords.date}, ${helpRecords.id}) > (${after.date}::date, ${after.id}::uuid)` : undefined))
      .orderBy(asc(helpRecords.date), asc(helpRecords.id))
      .limit(pageSize);
    if (page.length === 0) return;
    yield page.map(({ bookingId, sessionId, ...row }) => ({ ...row, origin: originOf({ coopId: row.coopId, sessionId, bookingId }) }));
    if (page.length < pageSize) return;
    const last = page[page.length - 1]!;
    after = { date: last.date, id: last.id };
  }
}

/** The reader went away (the download was cancelled): stop reading the database. */
class OutputClosed extends Error {}

/** Resolves when `output` wants more (or throws when it was closed): the next page waits for the last to be written. */
async function room(output: Writable): Promise<void> {
  if (output.destroyed) throw new OutputClosed();
  if (!output.writableNeedDrain) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      output.off("drain", done);
      output.off("close", done);
      resolve();
    };
    output.on("drain", done);
    output.on("close", done);
  });
  if (output.destroyed) throw new OutputClosed();
}

/**
 * exceljs 4.4.0's streaming writer hands a sheet's XML to the zip without waiting (its StreamBuf
 * ignores backpressure), so a zip slower than the rows would hold the whole sheet in memory: wait
 * for what it was handed to be taken. (Its internals: exceljs is pinned to this version.)
 */
async function zipped(sheet: ExcelJS.Worksheet): Promise<void> {
  const pipes = (sheet as unknown as { stream?: { pipes?: Writable[] } }).stream?.pipes ?? [];
  for (const pipe of pipes) await room(pipe);
}

type WriteOptions = { scope: ExportScope; filter: RecordsExportFilter; output: Writable; pageSize?: number };

/** The records as an XLSX workbook written to `output` (ended when done); how many rows. */
export async function writeRecordsXlsx(db: Db, options: WriteOptions): Promise<{ rows: number }> {
  const { output } = options;
  const columns = exportColumns(audienceOf(options.scope));
  // Without styles: exceljs then gives every date cell the built-in short date format (shown as
  // 14/03/2025 by a French spreadsheet) and spends nothing per cell on styles (a third of its time).
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: false, useSharedStrings: false });
  workbook.creator = fr.site.name;
  const sheet = workbook.addWorksheet(m.sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).commit();
  let rows = 0;
  for await (const page of readRecordPages(db, options)) {
    for (const record of page) sheet.addRow(xlsxCells(columns, record)).commit();
    rows += page.length;
    await zipped(sheet);
    await room(output);
  }
  sheet.commit();
  await workbook.commit();
  return { rows };
}

/** The records as CSV (UTF-8 with its mark, `;` between columns, as French spreadsheets open it) written to `output`; how many rows. */
export async function writeRecordsCsv(db: Db, options: WriteOptions): Promise<{ rows: number }> {
  const { output } = options;
  const columns = exportColumns(audienceOf(options.scope));
  const csv = stringify({ delimiter: ";", bom: true, record_delimiter: "\r\n" });
  csv.pipe(output);
  const finished = new Promise<void>((resolve, reject) => {
    output.on("finish", resolve);
    output.on("close", resolve);
    output.on("error", reject);
    csv.on("error", reject);
  });
  let rows = 0;
  csv.write(columns.map((c) => c.header));
  for await (const page of readRecordPages(db, options)) {
    for (const record of page) csv.write(csvCells(columns, record));
    rows += page.length;
    await room(csv);
    await room(output);
  }
  csv.end();
  await finished;
  return { rows };
}

/** The file's name: « accompagnements_<place or network>_<from>_<to>.<format> », in plain ASCII. */
export function exportFileName(format: ExportFormat, name: string, filter: RecordsExportFilter): string {
  const parts = [m.fileStem, slugify(name, 60), filter.from ?? "", filter.to ?? ""].filter(Boolean);
  return `${parts.join("_")}.${format}`;
}

/**
 * The file as a stream a Response can send: written in the background as the reader takes it.
 * A reader who goes away stops the reading; a failure ends the download short (logged, without
 * any record's content).
 */
export function recordsExportStream(db: Db, options: { scope: ExportScope; filter: RecordsExportFilter; format: ExportFormat }): ReadableStream<Uint8Array> {
  const output = new PassThrough();
  const write = options.format === "xlsx" ? writeRecordsXlsx : writeRecordsCsv;
  write(db, { ...options, output }).catch((error: unknown) => {
    if (error instanceof OutputClosed) return;
    logger.error({ err: error, scope: options.scope.kind, format: options.format }, "records export failed");
    output.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return Readable.toWeb(output) as ReadableStream<Uint8Array>;
}

/**
 * The answer to `…/accompagnements/export.csv` or `.xlsx?du=…&au=…`: the file, streamed, named
 * after the place or network and the period; a bad period is a 400 in French.
 */
export function recordsExportResponse(db: Db, options: { scope: ExportScope; name: string; url: URL }): Response {
  const parsed = parseRecordsExportFilter(options.url.searchParams);
  if (!parsed.ok) return new Response(parsed.error, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const format: ExportFormat = options.url.pathname.endsWith(".xlsx") ? "xlsx" : "csv";
  return new Response(recordsExportStream(db, { scope: options.scope, filter: parsed.filter, format }), {
    headers: {
      "Content-Type": EXPORT_CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="${exportFileName(format, options.name, parsed.filter)}"`,
      "Cache-Control": "no-store",
    },
  });
}
