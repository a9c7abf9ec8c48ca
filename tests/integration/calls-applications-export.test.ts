/**
 * A call's applications as a table (CSV, XLSX) and their files as one ZIP: states in French, the
 * reviews' weighted mean, each question of the latest version answered in words; the files of the
 * submitted applications only, a folder each, names made safe and once, the bytes as uploaded.
 */
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { applicationFiles, applicationReviews, applications, calls, callVersions } from "~/db/schema";
import { applicationFilesZip, applicationsCsv, applicationsTable, applicationsXlsx } from "~/features/calls/applications-export.server";
import type { CallForm, Grid } from "~/features/calls/form-types";
import { createNetwork, createPlace, createStaffUser } from "~/features/demo/factories.server";
import { createTestDatabase } from "../support/database";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const formV1: CallForm = { sections: [{ id: "s1", title: "Le projet", questions: [{ id: "q1", type: "short_text", label: "Ancien intitulé", required: true }] }] };
const formV2: CallForm = {
  sections: [
    {
      id: "s1",
      title: "Le projet",
      questions: [
        { id: "q1", type: "short_text", label: "Nom du projet", required: true },
        { id: "q2", type: "amount", label: "Montant demandé", required: true },
        { id: "q3", type: "yes_no", label: "Le lieu est-il accessible en fauteuil ?", required: true },
        { id: "q4", type: "multiple_choice", label: "Publics visés", required: false, options: ["Seniors", "Jeunes", "Familles"] },
      ],
    },
    {
      id: "s2",
      title: "Budget et pièces",
      questions: [
        { id: "q5", type: "budget", label: "Budget prévisionnel", required: true },
        { id: "q6", type: "file", label: "Pièces justificatives", required: true },
        { id: "q7", type: "place", label: "Lieu partenaire", required: false },
        { id: "q8", type: "date", label: "Date de démarrage", required: false },
      ],
    },
  ],
};
const grid: Grid = { scale: 5, criteria: [{ id: "c1", label: "Pertinence", weight: 3 }, { id: "c2", label: "Budget", weight: 1 }] };

async function insertFile(applicationId: string, questionId: string, fileName: string, content: Buffer) {
  const [row] = await database.db
    .insert(applicationFiles)
    .values({ applicationId, questionId, fileName, mediaType: "application/pdf", size: content.length, sha256: crypto.createHash("sha256").update(content).digest("hex"), content })
    .returning({ id: applicationFiles.id });
  return row!.id;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe("a call's applications, exported", () => {
  let callId: string;
  const bytes = {
    devis: crypto.randomBytes(50_000),
    devisBis: Buffer.from("%PDF-1.4 un autre devis, même nom à la casse près"),
    budget: Buffer.from("Budget détaillé — 12 000 €\n".repeat(200)),
    statuts: crypto.randomBytes(1_234),
    orphan: Buffer.from("remplacé par une autre pièce"),
    draft: Buffer.from("pièce d'un brouillon"),
  };

  beforeAll(async () => {
    const db = database.db;
    const network = await createNetwork(db, { name: "Web O Centre" });
    const argonne = await createPlace(db, { name: "Espace numérique de l'Argonne", commune: "Orléans" });
    const saintJean = await createPlace(db, { name: "Médiathèque / EPN Saint-Jean", commune: "Tours" });
    const drafting = await createPlace(db, { name: "Cyber-base du Lac" });
    const partner = await createPlace(db, { name: "Centre social Dauphine" });
    const [call] = await db
      .insert(calls)
      .values({
        networkId: network.id, slug: "web-o-centre-2026", title: "Web O Centre 2026", opensAt: new Date("2026-01-05T08:00:00Z"), closesAt: new Date("2026-03-31T21:59:00Z"),
        label: "EPN labellisé Web O Centre", labelValidUntil: "2028-12-31", status: "published", currentVersion: 2, draftForm: formV2, grid,
      })
      .returning({ id: calls.id });
    callId = call!.id;
    await db.insert(callVersions).values([{ callId, version: 1, form: formV1 }, { callId, version: 2, form: formV2 }]);

    // No. 3 answered version 1, is under review; no. 7 was accepted; no. 9 is still a draft.
    const [first, second, draft] = await db
      .insert(applications)
      .values([
        { callId, version: 1, placeId: argonne.id, number: 3, state: "under_review", submittedAt: new Date("2026-03-12T13:30:00Z") },
        { callId, version: 2, placeId: saintJean.id, number: 7, state: "accepted", submittedAt: new Date("2026-02-01T09:05:00Z"), decidedAt: new Date("2026-04-02T10:00:00Z") },
        { callId, version: 2, placeId: drafting.id, number: 9, state: "draft" },
      ])
      .returning({ id: applications.id });
    const devis = await insertFile(first!.id, "q6", "devis.pdf", bytes.devis);
    const devisBis = await insertFile(first!.id, "q6", "Devis.pdf", bytes.devisBis);
    const budget = await insertFile(first!.id, "q6", "budget: version 2/final.xlsx", bytes.budget);
    await insertFile(first!.id, "q6", "ancien.pdf", bytes.orphan);
    const statuts = await insertFile(second!.id, "q6", "statuts.pdf", bytes.statuts);
    const draftFile = await insertFile(draft!.id, "q6", "brouillon.pdf", bytes.draft);
    await db.update(applications).set({
      answers: {
        q1: "Ateliers « Bien vieillir avec le numérique »", q2: 1_250_000, q3: "oui", q4: ["Seniors", "Familles"],
        q5: { lines: [{ label: "Matériel", amountCents: 800_000 }, { label: "Animation", amountCents: 450_000 }] }, q6: [devis, devisBis, budget], q7: partner.id, q8: "2026-09-01",
      },
    }).where(eq(applications.id, first!.id));
    await db.update(applications).set({ answers: { q1: "Fablab mobile", q3: "non", q6: [statuts] } }).where(eq(applications.id, second!.id));
    await db.update(applications).set({ answers: { q1: "Brouillon", q6: [draftFile] } }).where(eq(applications.id, draft!.id));

    // Two submitted reviews of no. 3 (4.5 and 2.5: mean 3.5); one unsubmitted, one declined: not counted.
    const reviewers = await Promise.all([1, 2, 3, 4].map(() => createStaffUser(db)));
    const declared = { declaration: "no-conflict" as const, declaredAt: new Date("2026-04-01T08:00:00Z") };
    await db.insert(applicationReviews).values([
      { applicationId: first!.id, reviewerId: reviewers[0]!.id, ...declared, scores: { c1: { score: 5, comment: "" }, c2: { score: 3, comment: "" } }, submittedAt: new Date("2026-04-02T08:00:00Z") },
      { applicationId: first!.id, reviewerId: reviewers[1]!.id, ...declared, scores: { c1: { score: 2, comment: "" }, c2: { score: 4, comment: "" } }, submittedAt: new Date("2026-04-03T08:00:00Z") },
      { applicationId: first!.id, reviewerId: reviewers[2]!.id, ...declared, scores: { c1: { score: 0, comment: "" }, c2: { score: 0, comment: "" } } },
      { applicationId: first!.id, reviewerId: reviewers[3]!.id, declaration: "conflict", declaredAt: new Date("2026-04-01T08:00:00Z"), conflictReason: "Je travaille dans ce lieu." },
    ]);
  });

  it("makes one row per submitted application: number, place, state in French, submission, weighted mean, answers in words", async () => {
    const table = await applicationsTable(database.db, callId);
    if (!table) throw new Error("no table");
    expect(table.questions.map((q) => q.label)).toEqual([
      "Nom du projet", "Montant demandé", "Le lieu est-il accessible en fauteuil ?", "Publics visés", "Budget prévisionnel", "Pièces justificatives", "Lieu partenaire", "Date de démarrage",
    ]);
    expect(table.rows.map((r) => [r.number, r.placeName, r.state, r.reviews])).toEqual([
      [3, "Espace numérique de l'Argonne", "under_review", 2],
      [7, "Médiathèque / EPN Saint-Jean", "accepted", 0],
    ]);
    expect(table.rows[0]!.score).toBeCloseTo(3.5, 10);
    expect(table.rows[1]!.score).toBeNull();
    expect(table.rows[0]!.answers).toEqual([
      "Ateliers « Bien vieillir avec le numérique »",
      "12\u202f500,00\u00a0€",
      "Oui",
      "Seniors ; Familles",
      "Matériel : 8\u202f000,00\u00a0€ ; Animation : 4\u202f500,00\u00a0€ ; Total : 12\u202f500,00\u00a0€",
      "devis.pdf, Devis.pdf, budget: version 2/final.xlsx",
      "Centre social Dauphine",
      "1er septembre 2026",
    ]);
    expect(table.rows[1]!.answers).toEqual(["Fablab mobile", "", "Non", "", "", "statuts.pdf", "", ""]);

    const withDrafts = await applicationsTable(database.db, callId, { includeDrafts: true });
    expect(withDrafts!.rows.map((r) => r.number)).toEqual([3, 7, 9]);
    expect(await applicationsTable(database.db, crypto.randomUUID())).toBeNull();
  });

  it("writes the CSV for a French spreadsheet: BOM, semicolons, the header, a row with the date on the Paris clock", async () => {
    const csv = applicationsCsv((await applicationsTable(database.db, callId))!);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "N° de dossier;Lieu;État;Déposé le;Note moyenne pondérée;Évaluations;Nom du projet;Montant demandé;Le lieu est-il accessible en fauteuil ?;Publics visés;Budget prévisionnel;Pièces justificatives;Lieu partenaire;Date de démarrage",
    );
    expect(lines[1]).toBe(
      "3;Espace numérique de l'Argonne;En instruction;12/03/2026 14:30;3,50;2;Ateliers « Bien vieillir avec le numérique »;12\u202f500,00\u00a0€;Oui;\"Seniors ; Familles\";" +
        // A cell holding the separator is quoted.
        '"Matériel : 8\u202f000,00\u00a0€ ; Animation : 4\u202f500,00\u00a0€ ; Total : 12\u202f500,00\u00a0€";devis.pdf, Devis.pdf, budget: version 2/final.xlsx;Centre social Dauphine;1er septembre 2026',
    );
    expect(lines[2]).toBe("7;Médiathèque / EPN Saint-Jean;Accepté;01/02/2026 10:05;;0;Fablab mobile;;Non;;;statuts.pdf;;");
    expect(csv).not.toContain("Cyber-base du Lac");
  });

  it("writes the XLSX: a header, dates as dates on the Paris clock, the score as a number", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await applicationsXlsx((await applicationsTable(database.db, callId))!)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Dossiers")!;
    expect(sheet.getRow(1).getCell(3).value).toBe("État");
    expect(sheet.getRow(1).getCell(14).value).toBe("Date de démarrage");
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe(3);
    expect(row.getCell(2).value).toBe("Espace numérique de l'Argonne");
    expect(row.getCell(3).value).toBe("En instruction");
    expect(row.getCell(4).value).toEqual(new Date("2026-03-12T14:30:00Z"));
    expect(row.getCell(4).numFmt).toBe("dd/mm/yyyy hh:mm");
    expect(row.getCell(5).value).toBeCloseTo(3.5, 10);
    expect(row.getCell(9).value).toBe("Oui");
    expect(sheet.getRow(3).getCell(3).value).toBe("Accepté");
    expect(sheet.getRow(3).getCell(5).value).toBeNull();
    expect(sheet.rowCount).toBe(3);
  });

  it("zips the files of the submitted applications, a folder each, names made safe and once, the bytes as uploaded", async () => {
    const zip = await readAll(await applicationFilesZip(database.db, callId));
    const files = unzipSync(new Uint8Array(zip));
    expect(Object.keys(files).sort()).toEqual([
      "003 - Espace numérique de l'Argonne/Devis (2).pdf",
      "003 - Espace numérique de l'Argonne/budget_ version 2_final.xlsx",
      "003 - Espace numérique de l'Argonne/devis.pdf",
      "007 - Médiathèque _ EPN Saint-Jean/statuts.pdf",
    ]);
    expect(Buffer.from(files["003 - Espace numérique de l'Argonne/devis.pdf"]!).equals(bytes.devis)).toBe(true);
    expect(Buffer.from(files["003 - Espace numérique de l'Argonne/Devis (2).pdf"]!).equals(bytes.devisBis)).toBe(true);
    expect(Buffer.from(files["003 - Espace numérique de l'Argonne/budget_ version 2_final.xlsx"]!).equals(bytes.budget)).toBe(true);
    expect(Buffer.from(files["007 - Médiathèque _ EPN Saint-Jean/statuts.pdf"]!).equals(bytes.statuts)).toBe(true);
    // The text compresses; random bytes are written as they are.
    expect(zip.length).toBeLessThan(bytes.devis.length + bytes.devisBis.length + bytes.budget.length + bytes.statuts.length);
  });

  it("gives an empty archive for a call without files", async () => {
    const files = unzipSync(new Uint8Array(await readAll(await applicationFilesZip(database.db, crypto.randomUUID()))));
    expect(Object.keys(files)).toEqual([]);
  });
});
