/**
 * The label's cycle on the database: a call published as a frozen version, a place's application
 * saved section by section, conditions and eligibility, a file checked by its content, the
 * closing date on the server's clock, corrections, reviews behind a declaration, the decision
 * granting the label with its letter mailed, renewals and reminders — and races settled by locks.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { applicationEvents, applicationFiles, applications, auditLog, callVersions, decisionLetters, emailOutbox, labelGrants } from "~/db/schema";
import { addFile, decide, networkMove, saveSection, startApplication, submitApplication } from "~/features/calls/applications.server";
import { getCallById, publishCall, saveDraftForm } from "~/features/calls/calls.server";
import { renderDecisionLetter } from "~/features/calls/decision-letter.server";
import type { CallForm } from "~/features/calls/form-types";
import { labelPeriods, placeLabelHistory, sendRenewalNotices } from "~/features/calls/labels.server";
import { sendClosingReminders } from "~/features/calls/reminders.server";
import { assignReviewer, declare, saveScores } from "~/features/calls/reviews.server";
import { createPublishedCall, INCLUSION, INNOVATION, SAMPLE_FORM } from "~/features/demo/call-factories.server";
import { attachToNetwork, createLabelGrant, createNetwork, createPlace, createStaffUser } from "~/features/demo/factories.server";
import { createTestDatabase } from "../support/database";
import { pdfText } from "../support/pdf-text";

let database: Database;
const BASE = "https://epn.example";
const ids = { network: "", coordinator: "", placeA: "", placeB: "", outside: "", managerA: "", managerB: "", expert: "" };
let managerAEmail = "";

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

const fields = (entries: Record<string, string | string[]>) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(entries)) for (const value of Array.isArray(v) ? v : [v]) form.append(k, value);
  return form;
};

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  const network = await createNetwork(db, { slug: "web-o-centre", name: "Web O Centre" });
  ids.network = network.id;
  ids.coordinator = (await createStaffUser(db, { role: "coordinator", networkId: network.id })).id;
  ids.placeA = (await createPlace(db, { name: "EPN de Vierzon", address: "2 rue de la Gare", postcode: "18100", commune: "Vierzon" })).id;
  ids.placeB = (await createPlace(db, { name: "Cyber-base de Dreux" })).id;
  ids.outside = (await createPlace(db, { name: "Lieu hors réseau" })).id;
  await attachToNetwork(db, { placeId: ids.placeA, networkId: network.id });
  await attachToNetwork(db, { placeId: ids.placeB, networkId: network.id });
  const managerA = await createStaffUser(db, { role: "manager", placeId: ids.placeA });
  ids.managerA = managerA.id;
  managerAEmail = managerA.email;
  ids.managerB = (await createStaffUser(db, { role: "manager", placeId: ids.placeB })).id;
  ids.expert = (await createStaffUser(db, { name: "Experte extérieure" })).id;
});

afterAll(async () => {
  await database?.close();
});

describe("a call's versions", () => {
  it("freezes the form when published; a change makes version 2, an unchanged publish makes none, and a started application keeps version 1", async () => {
    const { db } = database;
    const call = await createPublishedCall(db, { networkId: ids.network, actorUserId: ids.coordinator, title: "Versions" });
    expect(call.currentVersion).toBe(1);
    const started = await startApplication(db, { call, placeId: ids.placeA, actorUserId: ids.managerA });
    expect(started.kind).toBe("started");
    expect(await publishCall(db, { callId: call.id, actorUserId: ids.coordinator })).toEqual({ kind: "unchanged", version: 1 });
    const changed: CallForm = { sections: [...SAMPLE_FORM.sections, { id: "s3", title: "Annexe", questions: [{ id: "q11", type: "short_text", label: "Site web", required: false }] }] };
    await saveDraftForm(db, { call, form: changed, actorUserId: ids.coordinator });
    expect(await publishCall(db, { callId: call.id, actorUserId: ids.coordinator })).toEqual({ kind: "published", version: 2 });
    expect((await db.select().from(callVersions).where(eq(callVersions.callId, call.id))).map((v) => v.version).sort()).toEqual([1, 2]);
    const b = await startApplication(db, { call: (await getCallById(db, call.id))!, placeId: ids.placeB, actorUserId: ids.managerB });
    const rows = await db.select({ placeId: applications.placeId, version: applications.version, number: applications.number }).from(applications).where(eq(applications.callId, call.id));
    expect(rows.sort((x, y) => x.number - y.number)).toEqual([{ placeId: ids.placeA, version: 1, number: 1 }, { placeId: ids.placeB, version: 2, number: 2 }]);
    expect(b.kind).toBe("started");
  });

  it("refuses a place outside the network of a network-only call, and one started twice at once is one application", async () => {
    const { db } = database;
    const call = await createPublishedCall(db, { networkId: ids.network, actorUserId: ids.coordinator, title: "Réservé" });
    expect(await startApplication(db, { call, placeId: ids.outside, actorUserId: ids.managerA })).toEqual({ kind: "not-allowed" });
    const both = await Promise.all([startApplication(db, { call, placeId: ids.placeA, actorUserId: ids.managerA }), startApplication(db, { call, placeId: ids.placeA, actorUserId: ids.managerA })]);
    expect(new Set(both.map((r) => ("applicationId" in r ? r.applicationId : null))).size).toBe(1);
    expect(await db.select().from(applications).where(eq(applications.callId, call.id))).toHaveLength(1);
  });
});

describe("an application from draft to label", () => {
  it("saves sections, shows the conditional question, checks files by content, enforces required answers and eligibility, then runs corrections, reviews and the decision", async () => {
    const { db } = database;
    const call = await createPublishedCall(db, { networkId: ids.network, actorUserId: ids.coordinator, title: "Web O Centre 2017-2020", labelValidUntil: "2030-12-31", reviewsRequired: 1 });
    const started = await startApplication(db, { call, placeId: ids.placeA, actorUserId: ids.managerA });
    if (started.kind !== "started") throw new Error(started.kind);
    const applicationId = started.applicationId;
    const common = { applicationId, actorUserId: ids.managerA };

    // A malformed number is refused with its message, nothing written.
    const bad = await saveSection(db, { ...common, sectionId: "s1", form: fields({ q_q1: "oui", q_q2: INCLUSION, q_q4: "beaucoup" }) });
    expect(bad.kind).toBe("invalid");
    expect((await db.select().from(applications).where(eq(applications.id, applicationId)))[0]!.answers).toEqual({});

    // Interrupted after the first section: it is kept.
    expect(await saveSection(db, { ...common, sectionId: "s1", form: fields({ q_q1: "oui", q_q2: INCLUSION, q_q4: "12" }) })).toEqual({ kind: "saved" });
    let [row] = await db.select().from(applications).where(eq(applications.id, applicationId));
    expect(row!.answers).toEqual({ q1: "oui", q2: INCLUSION, q4: 12 });
    expect(row!.sectionsSaved).toEqual(["s1"]);

    // Submitting now: the conditional question (shown by « Inclusion sociale ») and the rest are missing.
    const early = await submitApplication(db, { ...common, baseUrl: BASE });
    expect(early.kind).toBe("incomplete");
    const missing = Object.keys(early.kind === "incomplete" ? early.errors : {});
    expect(missing).toContain("q_q3");
    expect(missing).toContain("q_q10");

    // A renamed executable is refused; a real PDF is kept with its type found in the content.
    const exe = await addFile(db, { ...common, questionId: "q10", fileName: "deliberation.pdf", bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0]) });
    expect(exe.kind).toBe("invalid");
    expect(await addFile(db, { ...common, questionId: "q10", fileName: "délibération.pdf", bytes: PDF })).toEqual({ kind: "saved" });
    const [file] = await db.select().from(applicationFiles).where(eq(applicationFiles.applicationId, applicationId));
    expect(file).toMatchObject({ mediaType: "application/pdf", size: PDF.length, fileName: "délibération.pdf" });
    expect(Buffer.from(file!.content).equals(Buffer.from(PDF))).toBe(true);

    expect(await saveSection(db, { ...common, sectionId: "s1", form: fields({ q_q1: "oui", q_q2: INCLUSION, q_q3: "Permanence hebdomadaire avec l'agence de Vierzon.", q_q4: "12" }) })).toEqual({ kind: "saved" });
    expect(
      await saveSection(db, { ...common, sectionId: "s2", form: fields({ q_q5: "Ateliers emploi et innovation.", q_q6: ["Demandeurs d'emploi", "Seniors"], q_q7_label: ["Animateur", "Matériel", ""], q_q7_amount: ["18 000", "2 500,50", ""], q_q8: "5 000", q_q9: "2017-09-01" }) }),
    ).toEqual({ kind: "saved" });
    [row] = await db.select().from(applications).where(eq(applications.id, applicationId));
    expect(row!.answers).toMatchObject({ q7: { lines: [{ label: "Animateur", amountCents: 1_800_000 }, { label: "Matériel", amountCents: 250_050 }] }, q8: 500_000, q6: ["Demandeurs d'emploi", "Seniors"] });

    // Eligibility: « non » stops the application with its plain reason.
    await saveSection(db, { ...common, sectionId: "s1", form: fields({ q_q1: "non", q_q2: INCLUSION, q_q3: "Permanence.", q_q4: "12" }) });
    expect(await submitApplication(db, { ...common, baseUrl: BASE })).toEqual({ kind: "ineligible", questionId: "q1", reason: "L'appel est réservé aux lieux ouverts au public au moins 20 heures par semaine." });
    await saveSection(db, { ...common, sectionId: "s1", form: fields({ q_q1: "oui", q_q2: INCLUSION, q_q3: "Permanence hebdomadaire avec l'agence de Vierzon.", q_q4: "12" }) });

    expect(await submitApplication(db, { ...common, baseUrl: BASE })).toEqual({ kind: "submitted" });
    // Read-only now.
    expect(await saveSection(db, { ...common, sectionId: "s1", form: fields({ q_q1: "oui" }) })).toEqual({ kind: "locked", state: "submitted" });
    expect((await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, managerAEmail))).map((m) => m.subject)).toContain("Votre dossier est déposé : Web O Centre 2017-2020");

    // Corrections: back to the applicant with the reasons, then resubmitted.
    expect(await networkMove(db, { applicationId, to: "corrections", reason: "Joignez le budget signé.", actorUserId: ids.coordinator, baseUrl: BASE })).toEqual({ kind: "done", state: "corrections" });
    expect((await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, managerAEmail))).some((m) => m.textBody.includes("Joignez le budget signé."))).toBe(true);
    expect(await addFile(db, { ...common, questionId: "q10", fileName: "budget-signé.pdf", bytes: PDF })).toEqual({ kind: "saved" });
    expect(await submitApplication(db, { ...common, baseUrl: BASE })).toEqual({ kind: "submitted" });
    expect(await networkMove(db, { applicationId, to: "under_review", actorUserId: ids.coordinator, baseUrl: BASE })).toEqual({ kind: "done", state: "under_review" });

    // No decision before the required review.
    const decideNow = () => decide(db, { applicationId, decision: "accepted", reason: "", themes: [INCLUSION], actorUserId: ids.coordinator, baseUrl: BASE, renderLetter: renderDecisionLetter });
    expect(await decideNow()).toEqual({ kind: "reviews-missing", have: 0, need: 1 });

    // The reviewer: nothing before the declaration; scores in the grid's scale; submitted once.
    expect(await assignReviewer(db, { applicationId, networkId: ids.network, reviewerId: ids.expert, actorUserId: ids.coordinator, baseUrl: BASE })).toEqual({ kind: "not-reviewer" });
    expect(await assignReviewer(db, { applicationId, networkId: ids.network, reviewerId: ids.coordinator, actorUserId: ids.coordinator, baseUrl: BASE })).toEqual({ kind: "assigned" });
    const { applicationReviews } = await import("~/db/schema");
    const [review] = await db.select().from(applicationReviews).where(eq(applicationReviews.applicationId, applicationId));
    const scoring = { reviewId: review!.id, reviewerId: ids.coordinator, networkId: ids.network };
    expect(await saveScores(db, { ...scoring, form: fields({ score_c1: "4" }), submit: false })).toEqual({ kind: "not-declared" });
    expect(await declare(db, { ...scoring, declaration: "no-conflict", baseUrl: BASE })).toEqual({ kind: "declared" });
    expect(await saveScores(db, { ...scoring, form: fields({ score_c1: "9", score_c2: "3", score_c3: "2" }), submit: true })).toMatchObject({ kind: "invalid", errors: { score_c1: "Donnez une note entière entre 0 et 5." } });
    expect(await saveScores(db, { ...scoring, form: fields({ score_c1: "4", score_c2: "3", comment_c2: "Partenariat solide", score_c3: "2" }), submit: true })).toEqual({ kind: "submitted" });
    expect(await saveScores(db, { ...scoring, form: fields({ score_c1: "5", score_c2: "5", score_c3: "5" }), submit: true })).toEqual({ kind: "already-submitted" });

    // Two decisions at once: one is taken, the other told it is too late.
    const decisions = await Promise.all([decideNow(), decide(db, { applicationId, decision: "refused", reason: "Doublon", actorUserId: ids.coordinator, baseUrl: BASE, renderLetter: renderDecisionLetter })]);
    expect(decisions.filter((d) => d.kind === "done")).toHaveLength(1);
    expect(decisions.filter((d) => d.kind === "not-now")).toHaveLength(1);
    const [decided] = await db.select().from(applications).where(eq(applications.id, applicationId));
    const grants = await db.select().from(labelGrants).where(eq(labelGrants.placeId, ids.placeA));
    const letters = await db.select().from(decisionLetters).where(eq(decisionLetters.applicationId, applicationId));
    expect(letters).toHaveLength(1);
    expect(letters[0]!.state).toBe(decided!.state);
    if (decided!.state === "accepted") {
      expect(grants).toHaveLength(1);
      expect(grants[0]).toMatchObject({ label: "Web O Centre", themes: [INCLUSION], validUntil: "2030-12-31", decision: "Appel à projets « Web O Centre 2017-2020 », dossier n° 1" });
      expect(decided!.labelGrantId).toBe(grants[0]!.id);
      expect(pdfText(Buffer.from(letters[0]!.pdf))).toContain("Web O Centre");
    } else {
      expect(grants).toHaveLength(0);
    }
    const mail = (await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, managerAEmail))).find((m) => m.subject.startsWith("Décision sur votre dossier"));
    expect(mail!.attachments).toEqual([expect.objectContaining({ filename: "decision-dossier-001.pdf", contentType: "application/pdf" })]);

    // Every state in the history and the audit log.
    const states = (await db.select().from(applicationEvents).where(and(eq(applicationEvents.applicationId, applicationId), eq(applicationEvents.kind, "state")))).map((e) => e.state);
    expect(states).toEqual(["draft", "submitted", "corrections", "submitted", "under_review", decided!.state]);
    const audited = (await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, applicationId))).map((a) => a.action);
    expect(audited).toEqual(expect.arrayContaining(["application.draft", "application.submitted", "application.corrections", "application.under_review", `application.${decided!.state}`]));
  });

  it("refuses a draft after the closing date on the server's clock", async () => {
    const { db } = database;
    const call = await createPublishedCall(db, { networkId: ids.network, actorUserId: ids.coordinator, title: "Clos bientôt", closesAt: new Date(Date.now() + 60_000) });
    const started = await startApplication(db, { call, placeId: ids.placeB, actorUserId: ids.managerB });
    if (started.kind !== "started") throw new Error(started.kind);
    const later = new Date(Date.now() + 120_000);
    expect(await saveSection(db, { applicationId: started.applicationId, sectionId: "s1", form: fields({ q_q1: "oui" }), actorUserId: ids.managerB, now: later })).toEqual({ kind: "closed" });
    expect(await submitApplication(db, { applicationId: started.applicationId, actorUserId: ids.managerB, baseUrl: BASE, now: later })).toEqual({ kind: "closed" });
    expect(await startApplication(db, { call, placeId: ids.placeA, actorUserId: ids.managerA, now: later })).toEqual({ kind: "closed" });
  });
});

describe("a renewal and a reviewer withdrawn", () => {
  it("copies the answers of the same questions only (same id, type and wording), and an assignment is withdrawn only from its own application", async () => {
    const { db } = database;
    const old = await createPublishedCall(db, { networkId: ids.network, actorUserId: ids.coordinator, title: "Ancien appel", opensAt: new Date("2017-03-01T00:00:00Z"), closesAt: new Date("2017-06-30T10:00:00Z") });
    const first = await startApplication(db, { call: old, placeId: ids.placeB, actorUserId: ids.managerB, now: new Date("2017-04-01T10:00:00Z") });
    if (first.kind !== "started") throw new Error(first.kind);
    await saveSection(db, { applicationId: first.applicationId, sectionId: "s1", form: fields({ q_q1: "oui", q_q2: INNOVATION, q_q4: "6" }), actorUserId: ids.managerB, now: new Date("2017-04-01T10:00:00Z") });
    await db.update(applications).set({ state: "accepted", submittedAt: new Date("2017-05-01T10:00:00Z"), decidedAt: new Date("2017-07-01T10:00:00Z") }).where(eq(applications.id, first.applicationId));
    // The new call: q4 now asks something else (a text), q2 unchanged.
    const form: CallForm = { sections: [{ id: "s1", title: "Le lieu", questions: [SAMPLE_FORM.sections[0]!.questions[1]!, { id: "q4", type: "short_text", label: "Adresse du site web", required: false }] }] };
    const renewal = await createPublishedCall(db, { networkId: ids.network, actorUserId: ids.coordinator, title: "Renouvellement", form });
    const again = await startApplication(db, { call: renewal, placeId: ids.placeB, actorUserId: ids.managerB, renewalOf: first.applicationId });
    if (again.kind !== "started") throw new Error(again.kind);
    const [copied] = await db.select().from(applications).where(eq(applications.id, again.applicationId));
    expect(copied!.answers).toEqual({ q2: INNOVATION });
    expect(copied!.renewalOf).toBe(first.applicationId);

    // A review of another application cannot be withdrawn from this one.
    const { applicationReviews } = await import("~/db/schema");
    const { unassignReviewer } = await import("~/features/calls/reviews.server");
    await submitApplicationDirect(again.applicationId);
    await assignReviewer(db, { applicationId: again.applicationId, networkId: ids.network, reviewerId: ids.coordinator, actorUserId: ids.coordinator, baseUrl: BASE });
    const [review] = await db.select().from(applicationReviews).where(eq(applicationReviews.applicationId, again.applicationId));
    const other = await createPublishedCall(db, { networkId: ids.network, actorUserId: ids.coordinator, title: "Autre appel" });
    const elsewhere = await startApplication(db, { call: other, placeId: ids.placeB, actorUserId: ids.managerB });
    expect(await unassignReviewer(db, { reviewId: review!.id, applicationId: (elsewhere as { applicationId: string }).applicationId, networkId: ids.network, actorUserId: ids.coordinator })).toBe(false);
    expect(await unassignReviewer(db, { reviewId: review!.id, applicationId: again.applicationId, networkId: ids.network, actorUserId: ids.coordinator })).toBe(true);
  });
});

/** An application marked submitted as the submission would (the answers' rules are tested above). */
async function submitApplicationDirect(applicationId: string) {
  await database.db.update(applications).set({ state: "submitted", submittedAt: new Date() }).where(eq(applications.id, applicationId));
}

describe("the label over time", () => {
  it("reads renewed grants as one period « depuis », and an ended one as over", () => {
    const periods = labelPeriods(
      [
        { network: "Web O Centre", label: "Web O Centre", validFrom: "2017-06-01", validUntil: "2020-12-31", themes: [INCLUSION] },
        { network: "Web O Centre", label: "Web O Centre", validFrom: "2021-01-01", validUntil: "2026-12-31", themes: [INCLUSION, INNOVATION] },
      ],
      "2026-12-03",
    );
    expect(periods).toEqual([{ network: "Web O Centre", label: "Web O Centre", since: "2017-06-01", until: "2026-12-31", current: true, themes: [INCLUSION, INNOVATION] }]);
    expect(labelPeriods([{ network: "N", label: "L", validFrom: "2017-01-01", validUntil: "2020-12-31", themes: [] }], "2026-12-03")[0]!.current).toBe(false);
  });

  it("tells the manager and the coordinator 90 then 30 days before a label ends, each once, and not a renewed one", async () => {
    const { db } = database;
    const place = await createPlace(db, { name: "EPN de Bourges" });
    await attachToNetwork(db, { placeId: place.id, networkId: ids.network });
    const manager = await createStaffUser(db, { role: "manager", placeId: place.id });
    await createLabelGrant(db, { placeId: place.id, networkId: ids.network, label: "Web O Centre", validFrom: "2020-01-01", validUntil: "2027-02-20" });
    const renewedPlace = await createPlace(db, { name: "EPN renouvelé" });
    await createLabelGrant(db, { placeId: renewedPlace.id, networkId: ids.network, label: "Web O Centre", validFrom: "2020-01-01", validUntil: "2027-02-20" });
    await createLabelGrant(db, { placeId: renewedPlace.id, networkId: ids.network, label: "Web O Centre", validFrom: "2027-02-21", validUntil: "2030-02-20" });
    const toManager = async () => (await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, manager.email))).map((m) => m.subject);
    expect(await sendRenewalNotices(db, { baseUrl: BASE, now: new Date("2026-11-01T09:00:00Z") })).toBe(0);
    expect(await sendRenewalNotices(db, { baseUrl: BASE, now: new Date("2026-12-03T09:00:00Z") })).toBe(1);
    expect(await sendRenewalNotices(db, { baseUrl: BASE, now: new Date("2026-12-04T09:00:00Z") })).toBe(0);
    expect(await sendRenewalNotices(db, { baseUrl: BASE, now: new Date("2027-01-25T09:00:00Z") })).toBe(1);
    expect(await toManager()).toEqual(["Label Web O Centre de EPN de Bourges : fin le 20 février 2027", "Label Web O Centre de EPN de Bourges : fin le 20 février 2027"]);
    expect((await placeLabelHistory(db, place.id, new Date("2027-03-01T12:00:00Z")))[0]!.current).toBe(false);
  });

  it("reminds draft holders a week, then a day before closing, once each", async () => {
    const { db } = database;
    const closesAt = new Date("2027-03-31T10:00:00Z");
    const call = await createPublishedCall(db, { networkId: ids.network, actorUserId: ids.coordinator, title: "Rappels", opensAt: new Date("2026-01-01T00:00:00Z"), closesAt });
    await startApplication(db, { call, placeId: ids.placeB, actorUserId: ids.managerB, now: new Date("2027-03-01T10:00:00Z") });
    expect(await sendClosingReminders(db, { baseUrl: BASE, now: new Date("2027-03-20T10:00:00Z") })).toBe(0);
    expect(await sendClosingReminders(db, { baseUrl: BASE, now: new Date("2027-03-25T10:00:00Z") })).toBe(1);
    expect(await sendClosingReminders(db, { baseUrl: BASE, now: new Date("2027-03-26T10:00:00Z") })).toBe(0);
    expect(await sendClosingReminders(db, { baseUrl: BASE, now: new Date("2027-03-30T12:00:00Z") })).toBe(1);
    expect(await sendClosingReminders(db, { baseUrl: BASE, now: new Date("2027-03-30T13:00:00Z") })).toBe(0);
  });
});
