import { fr } from "~/lib/messages";
import type { ImportReport } from "./import.server";

const t = fr.importer.report;

/** The importer's report as French text for a person (CLI, logs). */
export function formatImportReport(report: ImportReport, maxLines = 200): string {
  const lines: string[] = [];
  const at = (row: number) => t.where(report.rowKind, row);
  lines.push(t.file(report.file, report.shape));
  lines.push(t.counts(report.total, report.valid, report.invalid, report.filtered));
  if (report.problems.length > 0) {
    lines.push("", t.errorsTitle);
    for (const p of report.problems.slice(0, maxLines)) lines.push(t.problem(at(p.row), p.id, p.field, truncate(p.value), p.message, p.hint));
    if (report.problems.length > maxLines) lines.push(t.moreErrors(report.problems.length - maxLines));
  }
  if (report.written) {
    lines.push("", t.written(report.created, report.updated, report.unchanged, report.skippedOlder));
    if (report.labelled) lines.push(t.labelled(report.labelled));
    if (report.rejectsFile) lines.push(t.rejects(report.invalid, report.rejectsFile));
  } else if (report.invalid > 0) {
    lines.push("", t.nothingWritten);
  }
  const hours = report.notes.filter((n) => n.field === "horaires");
  if (report.hoursNotConverted > 0) lines.push(t.hoursNotConverted(report.hoursNotConverted));
  if (report.coordinatesFromCommune > 0) lines.push(t.coordinatesFromCommune(report.coordinatesFromCommune));
  // Coordinates taken from the commune are counted above, not listed one by one.
  const otherNotes = report.notes.filter((n) => n.field !== "horaires" && n.code !== "coordinates-from-commune");
  if (otherNotes.length > 0 || hours.length > 0) {
    lines.push("", t.notesTitle);
    for (const n of [...hours, ...otherNotes].slice(0, maxLines)) lines.push(t.note(at(n.row), n.id, n.field, n.message));
    const more = hours.length + otherNotes.length - maxLines;
    if (more > 0) lines.push(t.moreNotes(more));
  }
  if (report.duplicates.length > 0) {
    lines.push("", t.duplicatesTitle(report.duplicates.length));
    for (const d of report.duplicates.slice(0, 50)) lines.push(t.duplicate(d.name, d.source, d.otherName, d.otherSource, d.reason));
  }
  return lines.join("\n");
}

function truncate(value: string) {
  return value.length > 60 ? `${value.slice(0, 57)}…` : value;
}
