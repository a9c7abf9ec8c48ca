/**
 * The statistics tables as files for funders: CSV (one table after another, semicolons and a BOM so
 * a French spreadsheet opens it as it is) and XLSX (exceljs' streaming WorkbookWriter: a sheet for
 * the filters, then one sheet per table, numbers kept as numbers with their format). Counts only:
 * the tables hold no name of a person helped.
 */
import { PassThrough, Readable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { fr } from "~/lib/messages";
import type { Cell, StatsTable } from "./stats-tables";

/** The filters a file was made with, as [label, value] lines (its first lines, or its first sheet). */
export type FilterLines = [string, string][];

const m = fr.statistics;

/** A cell for a French spreadsheet: « 1234 », « 12,5 % », « 3,5 » (hours); empty when there is nothing. */
function csvCell(cell: Cell): string {
  if (cell.value == null) return "";
  switch (cell.format) {
    case "count":
      return String(cell.value);
    case "percent":
      return `${(Math.round(cell.value * 1000) / 10).toString().replace(".", ",")} %`;
    case "hours":
      return (Math.round(cell.value / 6) / 10).toString().replace(".", ",");
    case "euros":
      return (cell.value / 100).toFixed(2).replace(".", ",");
  }
}

/** Every table one after the other: its title, its header, its rows, its note, a blank line. */
export function statisticsCsv(tables: readonly StatsTable[], filters: FilterLines): string {
  const lines: string[][] = [[m.exports.filtersSheet], ...filters.map(([label, value]) => [label, value]), []];
  for (const table of tables) {
    lines.push([table.title]);
    lines.push([table.rowHeader, ...table.columns]);
    for (const row of table.rows) lines.push([row.label, ...row.cells.map(csvCell)]);
    if (table.note) lines.push([table.note]);
    lines.push([]);
  }
  return `\uFEFF${stringify(lines, { delimiter: ";", record_delimiter: "\r\n" })}`;
}

/** Sheet names: at most 31 characters, none of []:*?/\ (Excel's rules). */
const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31);

function writeCell(target: ExcelJS.Cell, cell: Cell) {
  if (cell.value == null) return;
  if (cell.format === "percent") {
    target.value = cell.value;
    target.numFmt = "0.0%";
  } else if (cell.format === "euros") {
    target.value = cell.value / 100;
    target.numFmt = '#,##0.00 "€"';
  } else if (cell.format === "hours") {
    target.value = Math.round(cell.value / 6) / 10;
    target.numFmt = "0.0";
  } else {
    target.value = cell.value;
    target.numFmt = "#,##0";
  }
}

/** The XLSX file, streamed as it is written (a web stream for the response). */
export function statisticsXlsx(tables: readonly StatsTable[], filters: FilterLines): ReadableStream<Uint8Array> {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = fr.site.name;
  const write = async () => {
    const first = workbook.addWorksheet(sheetName(m.exports.filtersSheet));
    first.columns = [{ width: 24 }, { width: 80 }];
    for (const [label, value] of filters) {
      const row = first.addRow([label, value]);
      row.getCell(1).font = { bold: true };
      row.commit();
    }
    first.commit();
    for (const table of tables) {
      const sheet = workbook.addWorksheet(sheetName(table.sheet));
      sheet.columns = [{ width: 48 }, ...table.columns.map(() => ({ width: 18 }))];
      const header = sheet.addRow([table.rowHeader, ...table.columns]);
      header.font = { bold: true };
      header.commit();
      for (const line of table.rows) {
        const row = sheet.addRow([line.label]);
        line.cells.forEach((cell, i) => writeCell(row.getCell(i + 2), cell));
        row.commit();
      }
      if (table.note) {
        sheet.addRow([]).commit();
        sheet.addRow([table.note]).commit();
      }
      sheet.commit();
    }
    await workbook.commit();
  };
  write().catch((error: Error) => output.destroy(error));
  return Readable.toWeb(output) as ReadableStream<Uint8Array>;
}

/**
 * The answer to an export link: the file of the page's tables (named after the scope and the period),
 * or 400 with the filters' problems in words.
 */
export function statisticsFileResponse(page: { ok: true; tables: StatsTable[]; description: FilterLines; statistics: { filters: { from: string; to: string } } } | { ok: false; errors: Record<string, string | undefined> }, options: { format: "csv" | "xlsx"; scope: string }): Response {
  if (!page.ok) return new Response(Object.values(page.errors).filter(Boolean).join("\n"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  const { from, to } = page.statistics.filters;
  const name = `${m.exports.fileName(options.scope, from, to)}.${options.format}`;
  const headers = { "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };
  if (options.format === "csv") return new Response(statisticsCsv(page.tables, page.description), { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" } });
  return new Response(statisticsXlsx(page.tables, page.description), { headers: { ...headers, "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } });
}
