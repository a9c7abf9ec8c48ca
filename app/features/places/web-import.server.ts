/**
 * Importing a file into a network through the web: the uploaded CSV/JSON goes through the
 * same importer as the CLI (`npm run cli -- import --network`), all-or-nothing, and the
 * import is audited in the importer's own transaction. A failed import writes nothing.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Database } from "~/db/client.server";
import { recordAudit } from "~/features/audit/record.server";
import { ImportError, importPlacesFile, type ImportReport } from "./import.server";
import { SourceFileError } from "~/features/standard/read";
import { fr } from "~/lib/messages";

const m = fr.coordination;

/** Largest file accepted through the web (the CLI has no limit). */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_MB = IMPORT_MAX_BYTES / 1024 / 1024;
/** Room for the multipart envelope and the other fields around the file. */
export const IMPORT_MAX_BODY_BYTES = IMPORT_MAX_BYTES + 64 * 1024;
/** Lines of the report shown on the page (the counts are always complete). */
export const REPORT_SHOWN = { problems: 200, notes: 100, duplicates: 50 } as const;

/** The report as the page shows it: complete counts, the first lines of each list. */
export type ImportPageReport = Omit<ImportReport, "problems" | "notes" | "duplicates" | "rejectsFile"> & {
  problems: ImportReport["problems"];
  problemCount: number;
  notes: ImportReport["notes"];
  noteCount: number;
  duplicates: ImportReport["duplicates"];
  duplicateCount: number;
};

export type NetworkImportOutcome = { ok: true; report: ImportPageReport } | { ok: false; error: string };

/**
 * The name the file is imported under: its own name (the importer uses it as the source of
 * rows without a `source`, so re-importing the same file updates the same places), made safe.
 */
export function safeFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, "/")).normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  const clean = base.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[.-]+/, "").slice(-120);
  return clean || "import";
}

export async function importIntoNetwork(database: Database, options: { network: { id: string; slug: string }; file: FormDataEntryValue | null; actorUserId: string; now?: Date }): Promise<NetworkImportOutcome> {
  const { file, network, actorUserId } = options;
  const now = options.now ?? new Date();
  if (!file || typeof file === "string" || file.size === 0) return { ok: false, error: m.fileMissing };
  const name = safeFileName(file.name);
  if (!/\.(csv|json)$/i.test(name)) return { ok: false, error: m.fileType };
  if (file.size > IMPORT_MAX_BYTES) return { ok: false, error: m.fileTooLarge(IMPORT_MAX_MB) };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "epn-import-"));
  const target = path.join(dir, name);
  try {
    fs.writeFileSync(target, Buffer.from(await file.arrayBuffer()));
    const report = await importPlacesFile(database, {
      file: target,
      networkSlug: network.slug,
      onWritten: async (tx, written) => {
        await recordAudit(
          tx,
          {
            actorUserId, action: "network.import", entityType: "import_run", networkId: network.id, before: null,
            after: { file: written.file, shape: written.shape, total: written.total, created: written.created, updated: written.updated, unchanged: written.unchanged, skippedOlder: written.skippedOlder },
          },
          now,
        );
      },
    });
    const { problems, notes, duplicates, rejectsFile: _rejects, ...rest } = report;
    return {
      ok: true,
      report: {
        ...rest,
        problems: problems.slice(0, REPORT_SHOWN.problems), problemCount: problems.length,
        notes: notes.slice(0, REPORT_SHOWN.notes), noteCount: notes.length,
        duplicates: duplicates.slice(0, REPORT_SHOWN.duplicates), duplicateCount: duplicates.length,
      },
    };
  } catch (error) {
    if (error instanceof ImportError && error.kind === "not-standard") return { ok: false, error: m.notStandard };
    if (error instanceof SourceFileError || (error instanceof Error && error.name === "CsvError")) return { ok: false, error: m.fileUnreadable(error.message) };
    throw error;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
