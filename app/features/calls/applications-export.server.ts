/**
 * A call's applications for the people who instruct them: one row per application (its number, its
 * place, its state in words, when it was submitted, the mean of its reviews' weighted scores, then
 * each question of the call's latest version answered in plain words) as CSV (semicolons and a BOM,
 * so a French spreadsheet opens it as it is) or XLSX; and every file of the call's applications as
 * one ZIP, a folder per application.
 *
 * Drafts are the applicant's own until submitted (Démarches Simplifiées shows them to nobody else):
 * they are left out of both, unless the table is asked for them.
 *
 * The ZIP is streamed: the files are read from the database one at a time (each at most 10 MB) and
 * compressed as they go, so a call with hundreds of megabytes of files never holds more than one
 * file in memory (fflate's Zip; deflate at level 1 rather than stored entries, which some readers
 * refuse once followed by a data descriptor, as a streamed archive must write them).
 */
import { and, asc, desc, eq, inArray, isNotNull, ne, sql } from "drizzle-orm";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { Zip, ZipDeflate } from "fflate";
import type { Db } from "~/db/client.server";
import { applicationFiles, applicationReviews, applications, calls, callVersions, places, type ApplicationState } from "~/db/schema";
import { FRANCE_TIME_ZONE, toWallTime } from "~/features/time/zone";
import { fr } from "~/lib/messages";
import { applicationFolder, uniqueNames } from "./file-names";
import type { Answer, CallForm, Grid, QuestionType, Scores } from "./form-types";
import { applicationScore } from "./scores";
import { formatAnswer } from "./form-model";

const m = fr.callDocs;

export type ApplicationRow = {
  id: string;
  number: number;
  placeName: string;
  state: ApplicationState;
  submittedAt: Date | null;
  /** Submitted reviews, and the mean of their weighted scores (null without one). */
  reviews: number;
  score: number | null;
  /** One per question, in the table's order: the answer in words, "" when there is none. */
  answers: string[];
};

export type ApplicationsTable = {
  call: { id: string; slug: string; title: string; scale: number };
  questions: { id: string; label: string; type: QuestionType }[];
  rows: ApplicationRow[];
};

/** The questions of a form, section by section. */
const questionsOf = (form: CallForm) => form.sections.flatMap((section) => section.questions);

/** The call's applications as a table (null when there is no such call; the caller checked who may read it). */
export async function applicationsTable(db: Db, callId: string, options: { includeDrafts?: boolean } = {}): Promise<ApplicationsTable | null> {
  const [call] = await db.select({ id: calls.id, slug: calls.slug, title: calls.title, grid: calls.grid }).from(calls).where(eq(calls.id, callId));
  if (!call) return null;
  const grid = call.grid as Grid;
  const [latest] = await db.select({ form: callVersions.form }).from(callVersions).where(eq(callVersions.callId, callId)).orderBy(desc(callVersions.version)).limit(1);
  const questions = latest ? questionsOf(latest.form as CallForm) : [];

  const rows = await db
    .select({ id: applications.id, number: applications.number, state: applications.state, submittedAt: applications.submittedAt, answers: applications.answers, placeName: places.name })
    .from(applications)
    .innerJoin(places, eq(places.id, applications.placeId))
    .where(and(eq(applications.callId, callId), options.includeDrafts ? undefined : ne(applications.state, "draft")))
    .orderBy(asc(applications.number));
  const ids = rows.map((r) => r.id);

  const reviews = ids.length
    ? await db
        .select({ applicationId: applicationReviews.applicationId, scores: applicationReviews.scores })
        .from(applicationReviews)
        .where(and(inArray(applicationReviews.applicationId, ids), isNotNull(applicationReviews.submittedAt), eq(applicationReviews.declaration, "no-conflict")))
    : [];
  const scoresOf = new Map<string, Scores[]>();
  for (const review of reviews) scoresOf.set(review.applicationId, [...(scoresOf.get(review.applicationId) ?? []), review.scores as Scores]);

  const files = ids.length
    ? await db.select({ id: applicationFiles.id, name: applicationFiles.fileName }).from(applicationFiles).where(inArray(applicationFiles.applicationId, ids))
    : [];
  const fileNames = new Map(files.map((f) => [f.id, f.name]));

  const placeIds = new Set<string>();
  for (const row of rows) {
    const answers = row.answers as Record<string, Answer>;
    for (const q of questions) if (q.type === "place" && typeof answers[q.id] === "string") placeIds.add(answers[q.id] as string);
  }
  const placeNames = new Map(
    placeIds.size ? (await db.select({ id: places.id, name: places.name }).from(places).where(inArray(places.id, [...placeIds]))).map((p) => [p.id, p.name] as const) : [],
  );

  return {
    call: { id: call.id, slug: call.slug, title: call.title, scale: grid.scale },
    questions: questions.map((q) => ({ id: q.id, label: q.label, type: q.type })),
    rows: rows.map((row) => {
      const answers = row.answers as Record<string, Answer>;
      const scores = scoresOf.get(row.id) ?? [];
      return {
        id: row.id,
        number: row.number,
        placeName: row.placeName,
        state: row.state,
        submittedAt: row.submittedAt,
        reviews: scores.length,
        score: applicationScore(grid, scores),
        answers: questions.map((q) => {
          const answer = answers[q.id];
          if (q.type === "file") return Array.isArray(answer) ? answer.map((id) => fileNames.get(id)).filter((n): n is string => n !== undefined).join(", ") : "";
          return formatAnswer(q, answer, Object.fromEntries(placeNames));
        }),
      };
    }),
  };
}

/** The header row: the application's columns, then the questions' labels. */
function header(table: ApplicationsTable): string[] {
  const c = m.applications.columns;
  return [c.number, c.place, c.state, c.submittedAt, c.score, c.reviews, ...table.questions.map((q) => q.label)];
}

/** An instant as the clock of metropolitan France shows it, in a Date whose UTC fields are that clock (what a spreadsheet cell shows). */
function wallClock(at: Date): Date {
  const w = toWallTime(FRANCE_TIME_ZONE, at);
  return new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second));
}

/** « 12/03/2017 14:30 ». */
function frenchDateTime(at: Date): string {
  const w = wallClock(at).toISOString();
  return `${w.slice(8, 10)}/${w.slice(5, 7)}/${w.slice(0, 4)} ${w.slice(11, 16)}`;
}

/** The table as CSV: semicolons, CRLF, a BOM; the score with two decimals and a comma. */
export function applicationsCsv(table: ApplicationsTable): string {
  const lines: string[][] = [header(table)];
  for (const row of table.rows) {
    lines.push([
      String(row.number),
      row.placeName,
      m.states[row.state],
      row.submittedAt ? frenchDateTime(row.submittedAt) : "",
      row.score === null ? "" : row.score.toFixed(2).replace(".", ","),
      String(row.reviews),
      ...row.answers,
    ]);
  }
  return `\uFEFF${stringify(lines, { delimiter: ";", record_delimiter: "\r\n" })}`;
}

/** The table as a workbook of one sheet: header in bold and frozen, dates as dates, the score as a number. */
export async function applicationsXlsx(table: ApplicationsTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = fr.site.name;
  const sheet = workbook.addWorksheet(m.applications.sheet, { views: [{ state: "frozen", ySplit: 1, xSplit: 2 }] });
  sheet.columns = [{ width: 10 }, { width: 32 }, { width: 20 }, { width: 17 }, { width: 14 }, { width: 12 }, ...table.questions.map(() => ({ width: 36 }))];
  sheet.addRow(header(table)).font = { bold: true };
  for (const line of table.rows) {
    const row = sheet.addRow([line.number, line.placeName, m.states[line.state], line.submittedAt ? wallClock(line.submittedAt) : null, line.score, line.reviews, ...line.answers]);
    row.getCell(4).numFmt = "dd/mm/yyyy hh:mm";
    row.getCell(5).numFmt = "0.00";
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Every file of the call's submitted applications (drafts left out), as a ZIP streamed as it is
 * written: « 012 - Nom du lieu/devis.pdf ». Only the files an answer still points to, in the
 * answer's order; names made safe and each once in its folder. The list is read first (without the contents), then each
 * file's content when the reader asks for more.
 */
export async function applicationFilesZip(db: Db, callId: string): Promise<ReadableStream<Uint8Array>> {
  const listed = await db
    .select({ id: applicationFiles.id, applicationId: applications.id, number: applications.number, placeName: places.name, fileName: applicationFiles.fileName, createdAt: applicationFiles.createdAt })
    .from(applicationFiles)
    .innerJoin(applications, eq(applications.id, applicationFiles.applicationId))
    .innerJoin(places, eq(places.id, applications.placeId))
    .where(
      and(
        eq(applications.callId, callId),
        ne(applications.state, "draft"),
        sql`coalesce(${applications.answers} -> ${applicationFiles.questionId}, '[]'::jsonb) @> jsonb_build_array(${applicationFiles.id}::text)`,
      ),
    )
    // By application, then question, then the answer's order.
    .orderBy(
      asc(applications.number),
      asc(applicationFiles.questionId),
      sql`(select e.n from jsonb_array_elements_text(${applications.answers} -> ${applicationFiles.questionId}) with ordinality as e(id, n) where e.id = ${applicationFiles.id}::text limit 1)`,
    );

  // Paths: a folder per application, the files' names once each in it.
  const entries: { id: string; path: string; createdAt: Date }[] = [];
  for (let start = 0; start < listed.length; ) {
    let end = start;
    while (end < listed.length && listed[end]!.applicationId === listed[start]!.applicationId) end++;
    const group = listed.slice(start, end);
    const folder = applicationFolder(group[0]!.number, group[0]!.placeName);
    uniqueNames(group.map((f) => f.fileName)).forEach((name, i) => entries.push({ id: group[i]!.id, path: `${folder}/${name}`, createdAt: group[i]!.createdAt }));
    start = end;
  }

  let zip: Zip;
  let next = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      zip = new Zip((error, chunk, final) => {
        if (error) return controller.error(error);
        if (chunk.length) controller.enqueue(chunk);
        if (final) controller.close();
      });
    },
    async pull() {
      if (next === entries.length) {
        next++;
        zip.end();
        return;
      }
      if (next > entries.length) return;
      const entry = entries[next++]!;
      const [file] = await db.select({ content: applicationFiles.content }).from(applicationFiles).where(eq(applicationFiles.id, entry.id));
      const deflate = new ZipDeflate(entry.path, { level: 1 });
      deflate.mtime = entry.createdAt;
      zip.add(deflate);
      deflate.push(file ? new Uint8Array(file.content.buffer, file.content.byteOffset, file.content.byteLength) : new Uint8Array(0), true);
    },
    cancel() {
      zip?.terminate();
    },
  });
}
