/**
 * Importing La Coop's activity export into a place's help records (coop-import.ts reads it):
 * the upload is checked by its size and its content (an XLSX is a zip: `PK`, and what it says it
 * unpacks to is bounded), read with exceljs, every row checked; then, only if all are good, the
 * new activities are written in one transaction with the audit line (counts only). An activity
 * already imported (same La Coop id at the place) is left as it is: the same file twice adds nothing.
 */
import ExcelJS from "exceljs";
import { and, eq, inArray } from "drizzle-orm";
import { type Db } from "~/db/client.server";
import { helpRecords, memberships, users } from "~/db/schema";
import { recordAudit } from "~/features/audit/record.server";
import { todayIn } from "~/features/time/today";
import { fr } from "~/lib/messages";
import { type Cell, COOP_IMPORT_MAX_ROWS, type CoopActivity, type CoopImportReport, parseCoopSheet } from "./coop-import";

const m = fr.mediationExports;

/** Largest file accepted (a year of a busy mediator's activities is a few hundred KB). */
export const COOP_IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const COOP_IMPORT_MAX_MB = COOP_IMPORT_MAX_BYTES / 1024 / 1024;
/** Room for the multipart envelope around the file. */
export const COOP_IMPORT_MAX_BODY_BYTES = COOP_IMPORT_MAX_BYTES + 64 * 1024;
/** What the zip may say it unpacks to (a zip bomb says more, or lies and fails to read). */
const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;
/** Problems listed on the page (the count is always complete). */
export const PROBLEMS_SHOWN = 200;

export type CoopImportOutcome = { ok: true; report: CoopImportReport } | { ok: false; error: string };

/**
 * The sum of the sizes a zip's central directory says its files unpack to; undefined when the
 * bytes are no zip (or a ZIP64, which an activity export never needs).
 */
export function zipUnpackedSize(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 22 + 65,535 bytes (its comment is at most that long).
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return undefined;
    const size = view.getUint32(at + 24, true);
    if (size === 0xffffffff) return undefined;
    total += size;
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return total;
}

/** A cell of exceljs as a plain value: rich text as its text, a link as its text, a formula as its result. */
function plainCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("hyperlink" in value) return typeof value.text === "string" ? value.text : plainCell(value.text as ExcelJS.CellValue);
  if ("formula" in value || "sharedFormula" in value) return plainCell((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  return null;
}

/** The place's staff who may be named as the mediator of an imported activity. */
async function placeStaff(db: Db, placeId: string) {
  return db
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.placeId, placeId), inArray(memberships.role, ["manager", "mediator"])));
}

/** Write the new activities and the audit line, in one transaction; how many were added and already there. */
async function writeActivities(db: Db, options: { placeId: string; activities: CoopActivity[]; rows: number; actorUserId: string; now: Date }): Promise<{ added: number; already: number }> {
  const { placeId, activities, actorUserId, now } = options;
  return db.transaction(async (tx) => {
    let added = 0;
    for (let i = 0; i < activities.length; i += 500) {
      const chunk = activities.slice(i, i + 500);
      const inserted = await tx
        .insert(helpRecords)
        .values(
          chunk.map((a) => ({
            placeId, mediatorId: a.mediatorId, kind: a.kind, status: "done" as const, date: a.date, durationMinutes: a.durationMinutes, placeKind: a.placeKind,
            communeInsee: a.communeInsee, communeName: a.communeName, themes: a.themes, adminThemes: a.adminThemes, equipment: a.equipment,
            autonomy: a.autonomy, oriented: a.oriented, orientation: a.orientation, title: a.title, level: a.level, notes: a.notes,
            ...a.counts, coopId: a.coopId, createdBy: actorUserId, createdAt: now, updatedAt: now,
          })),
        )
        .onConflictDoNothing({ target: [helpRecords.placeId, helpRecords.coopId] })
        .returning({ id: helpRecords.id });
      added += inserted.length;
    }
    const already = activities.length - added;
    await recordAudit(
      tx,
      { actorUserId, action: "help-record.coop-import", entityType: "help_record", placeId, after: { rows: options.rows, activities: activities.length, added, already } },
      now,
    );
    return { added, already };
  });
}

/**
 * Import the uploaded file (`file`, from the form) into the place: a French error for a file that
 * is not La Coop's export, the row-by-row problems (nothing written), or the counts written.
 */
export async function importCoopActivities(
  db: Db,
  options: { place: { id: string; timeZone: string }; file: FormDataEntryValue | null; actorUserId: string; now?: Date },
): Promise<CoopImportOutcome> {
  const { place, file, actorUserId } = options;
  const now = options.now ?? new Date();
  if (!file || typeof file === "string" || file.size === 0) return { ok: false, error: m.fileMissing };
  if (file.size > COOP_IMPORT_MAX_BYTES) return { ok: false, error: m.fileTooLarge(COOP_IMPORT_MAX_MB) };
  const bytes = new Uint8Array(await file.arrayBuffer());
  // Checked by content, whatever its name: an XLSX is a zip, which starts with « PK\x03\x04 ».
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) return { ok: false, error: m.fileNotXlsx };
  const unpacked = zipUnpackedSize(bytes);
  if (unpacked === undefined || unpacked > MAX_UNPACKED_BYTES) return { ok: false, error: m.fileUnreadable };

  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer as ArrayBuffer);
  } catch {
    return { ok: false, error: m.fileUnreadable };
  }
  const sheet = workbook.getWorksheet("Activités") ?? workbook.worksheets[0];
  if (!sheet) return { ok: false, error: m.fileUnreadable };
  if (sheet.actualRowCount > COOP_IMPORT_MAX_ROWS + 100) return { ok: false, error: m.fileTooBig(COOP_IMPORT_MAX_ROWS) };
  const rows: Cell[][] = [];
  const rowNumbers: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = plainCell(cell.value);
    });
    rows.push(Array.from(cells, (c) => c ?? null));
    rowNumbers.push(number);
  });

  const parsed = parseCoopSheet(rows, { rowNumbers, today: todayIn(place.timeZone, now), staff: await placeStaff(db, place.id), actorUserId });
  switch (parsed.kind) {
    case "not-coop":
      return { ok: false, error: m.notCoopExport(parsed.missing) };
    case "empty":
      return { ok: false, error: m.empty };
    case "too-many-rows":
      return { ok: false, error: m.fileTooBig(COOP_IMPORT_MAX_ROWS) };
    case "invalid":
      return { ok: true, report: { kind: "invalid", rows: parsed.rows, activities: parsed.activities, problems: parsed.problems.slice(0, PROBLEMS_SHOWN), problemCount: parsed.problems.length } };
    case "valid": {
      const { added, already } = await writeActivities(db, { placeId: place.id, activities: parsed.activities, rows: parsed.rows, actorUserId, now });
      return { ok: true, report: { kind: "imported", rows: parsed.rows, activities: parsed.activities.length, added, already } };
    }
  }
}
