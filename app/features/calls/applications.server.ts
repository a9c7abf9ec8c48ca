/**
 * A place's application to a call, through Démarches Simplifiées' states:
 *
 *   draft ──submit──▶ submitted ──start review──▶ under_review ──decide──▶ accepted | refused | closed
 *                        │  ▲                         │
 *                        ▼  └────resubmit─── corrections ◀──ask for corrections──┘
 *
 * - The applicant (the place's managers) saves the draft section by section; nothing is required
 *   until submission, when visible required questions must be answered, eligibility questions
 *   must pass and the call must not be closed (the server's clock). Hidden answers are dropped.
 * - Corrections reopen the answers to the applicant with the network's reasons; resubmitting is
 *   allowed after the closing date (the network asked).
 * - Every change locks the application's row; each state change is an event (the history the
 *   applicant and the network read), an audit entry, and a mail to the other side.
 */
import { createHash } from "node:crypto";
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, max, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { applicationEvents, applicationFiles, applicationReviews, applications, calls, decisionLetters, labelGrants, memberships, networks, places, users, type ApplicationState } from "~/db/schema";
import { recordAudit } from "~/features/audit/record.server";
import { queueMail } from "~/features/mail/outbox.server";
import { todayInFrance } from "~/features/time/today";
import { isUuid } from "~/lib/ids";
import { fr } from "~/lib/messages";
import { isOpen, placeMayApply, versionForm, type CallRow } from "./calls.server";
import { placeOptions } from "./place-options.server";
import type { DecisionLetterInput } from "./decision-letter.server";
import { checkUpload } from "./file-check";
import { eligibilityStop, fieldName, missingAnswers, pruneHidden, readSectionAnswers, storedAnswerProblems } from "./form-model";
import type { Answers, CallForm, Grid, Scores } from "./form-types";
import { weightedScore } from "./scores";

const m = fr.applications;

export type ApplicationRow = typeof applications.$inferSelect;
const EDITABLE: readonly ApplicationState[] = ["draft", "corrections"];
/** Problems keyed by question id, keyed by the field that shows them (`q_<id>`). */
const byField = (errors: Record<string, string>) => Object.fromEntries(Object.entries(errors).map(([id, message]) => [fieldName(id), message]));

/** The place's current managers (they apply; someone who left the place no longer hears of it). */
async function applicantEmails(db: Db, application: Pick<ApplicationRow, "placeId">): Promise<string[]> {
  const rows = await db
    .selectDistinct({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.placeId, application.placeId), eq(memberships.role, "manager"), isNull(users.disabledAt)));
  return rows.map((r) => r.email);
}

/** The network's coordinators. */
async function coordinatorEmails(db: Db, networkId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.networkId, networkId), eq(memberships.role, "coordinator"), isNull(users.disabledAt)));
  return rows.map((r) => r.email);
}

type Context = { application: ApplicationRow; call: CallRow; placeName: string };

async function lockApplication(tx: Db, applicationId: string): Promise<Context | null> {
  const [application] = await tx.select().from(applications).where(eq(applications.id, applicationId)).for("update");
  if (!application) return null;
  const [call] = await tx.select().from(calls).where(eq(calls.id, application.callId));
  const [place] = await tx.select({ name: places.name }).from(places).where(eq(places.id, application.placeId));
  return { application, call: call!, placeName: place!.name };
}

async function event(tx: Db, input: { applicationId: string; kind: "state" | "message"; state: ApplicationState; side: "network" | "applicant"; actorUserId: string | null; body?: string | null; at: Date }) {
  await tx.insert(applicationEvents).values({ ...input, body: input.body ?? null });
}

async function changeState(tx: Db, ctx: Context, input: { to: ApplicationState; side: "network" | "applicant"; actorUserId: string | null; body?: string | null; at: Date; set?: Partial<typeof applications.$inferInsert> }) {
  const from = ctx.application.state;
  await tx.update(applications).set({ state: input.to, stateAt: input.at, updatedAt: input.at, ...input.set }).where(eq(applications.id, ctx.application.id));
  await event(tx, { applicationId: ctx.application.id, kind: "state", state: input.to, side: input.side, actorUserId: input.actorUserId, body: input.body, at: input.at });
  await recordAudit(tx, { actorUserId: input.actorUserId, action: `application.${input.to}`, entityType: "application", entityId: ctx.application.id, networkId: ctx.call.networkId, placeId: ctx.application.placeId, before: { state: from }, after: { state: input.to } }, input.at);
}

const link = (baseUrl: string, path: string) => `${baseUrl}${path}`;
export const applicantPath = (placeId: string, applicationId: string) => `/gestion/lieux/${placeId}/candidatures/${applicationId}`;
export const networkPath = (networkSlug: string, callSlug: string, applicationId: string) => `/gestion/reseaux/${networkSlug}/appels/${callSlug}/dossiers/${applicationId}`;

async function networkSlugOf(db: Db, networkId: string): Promise<string> {
  const [row] = await db.select({ slug: networks.slug }).from(networks).where(eq(networks.id, networkId));
  return row!.slug;
}

async function tellApplicant(tx: Db, ctx: Context, mail: { subject: string; text: string; attachments?: Parameters<typeof queueMail>[1]["attachments"] }, baseUrl: string, now: Date) {
  const text = `${mail.text}\n\n${m.mail.seeApplication} ${link(baseUrl, applicantPath(ctx.application.placeId, ctx.application.id))}`;
  for (const to of await applicantEmails(tx, ctx.application)) await queueMail(tx, { to, subject: mail.subject, text, attachments: mail.attachments }, now);
}

async function tellNetwork(tx: Db, ctx: Context, mail: { subject: string; text: string }, baseUrl: string, now: Date) {
  const text = `${mail.text}\n\n${m.mail.seeApplication} ${link(baseUrl, networkPath(await networkSlugOf(tx, ctx.call.networkId), ctx.call.slug, ctx.application.id))}`;
  for (const to of await coordinatorEmails(tx, ctx.call.networkId)) await queueMail(tx, { to, subject: mail.subject, text }, now);
}

const about = (ctx: Context) => ({ call: ctx.call.title, number: ctx.application.number, place: ctx.placeName });

export type StartResult = { kind: "started" | "existing"; applicationId: string } | { kind: "closed" } | { kind: "not-allowed" };

/**
 * Start (or find) the place's application to a call: it answers the call's current version.
 * A renewal copies the previous application's answers (and its files) for the questions the
 * new form still has.
 */
export async function startApplication(db: Db, input: { call: CallRow; placeId: string; actorUserId: string; renewalOf?: string | null; now?: Date }): Promise<StartResult> {
  const now = input.now ?? new Date();
  const [existing] = await db.select({ id: applications.id }).from(applications).where(and(eq(applications.callId, input.call.id), eq(applications.placeId, input.placeId)));
  if (existing) return { kind: "existing", applicationId: existing.id };
  if (!isOpen(input.call, now)) return { kind: "closed" };
  if (!(await placeMayApply(db, input.call, input.placeId))) return { kind: "not-allowed" };
  return db.transaction(async (tx) => {
    // The call's row serialises numbering (and the unique index settles a double click).
    const [call] = await tx.select().from(calls).where(eq(calls.id, input.call.id)).for("update");
    const [again] = await tx.select({ id: applications.id }).from(applications).where(and(eq(applications.callId, call!.id), eq(applications.placeId, input.placeId)));
    if (again) return { kind: "existing" as const, applicationId: again.id };
    const [{ last }] = (await tx.select({ last: max(applications.number) }).from(applications).where(eq(applications.callId, call!.id))) as [{ last: number | null }];
    const form = await versionForm(tx, call!.id, call!.currentVersion!);
    let answers: Answers = {};
    let previous: ApplicationRow | undefined;
    if (input.renewalOf) {
      [previous] = await tx.select().from(applications).where(and(eq(applications.id, input.renewalOf), eq(applications.placeId, input.placeId)));
      if (previous) {
        // Only the answers to the same questions: same id, same type, same wording (another call numbers its questions afresh).
        const before = await versionForm(tx, previous.callId, previous.version);
        const same = sameQuestions(before, form);
        answers = Object.fromEntries(Object.entries(previous.answers as Answers).filter(([id]) => same.has(id) && !same.get(id)!.file));
      }
    }
    const [row] = await tx
      .insert(applications)
      .values({ callId: call!.id, version: call!.currentVersion!, placeId: input.placeId, number: (last ?? 0) + 1, state: "draft", stateAt: now, answers, renewalOf: previous?.id ?? null, createdBy: input.actorUserId, createdAt: now, updatedAt: now })
      .returning();
    if (previous) await copyFiles(tx, { from: previous.id, to: row!.id, questions: sameQuestions(await versionForm(tx, previous.callId, previous.version), form), actorUserId: input.actorUserId, now });
    await event(tx, { applicationId: row!.id, kind: "state", state: "draft", side: "applicant", actorUserId: input.actorUserId, at: now });
    await recordAudit(tx, { actorUserId: input.actorUserId, action: "application.draft", entityType: "application", entityId: row!.id, networkId: call!.networkId, placeId: input.placeId, after: { state: "draft", renewalOf: previous?.id ?? null } }, now);
    return { kind: "started" as const, applicationId: row!.id };
  });
}

/** The questions two forms share: same id, type and wording (trimmed, any case). */
function sameQuestions(before: CallForm, after: CallForm): Map<string, { file: boolean }> {
  const key = (q: { type: string; label: string }) => `${q.type}|${q.label.trim().toLocaleLowerCase("fr")}`;
  const old = new Map(before.sections.flatMap((s) => s.questions).map((q) => [q.id, key(q)]));
  return new Map(after.sections.flatMap((s) => s.questions).filter((q) => old.get(q.id) === key(q)).map((q) => [q.id, { file: q.type === "file" }]));
}

async function copyFiles(tx: Db, input: { from: string; to: string; questions: Map<string, { file: boolean }>; actorUserId: string; now: Date }) {
  const fileQuestions = new Set([...input.questions].filter(([, q]) => q.file).map(([id]) => id));
  const files = await tx.select().from(applicationFiles).where(eq(applicationFiles.applicationId, input.from));
  const answers: Record<string, string[]> = {};
  for (const file of files) {
    if (!fileQuestions.has(file.questionId)) continue;
    const [copy] = await tx
      .insert(applicationFiles)
      .values({ applicationId: input.to, questionId: file.questionId, fileName: file.fileName, mediaType: file.mediaType, size: file.size, sha256: file.sha256, content: file.content, uploadedBy: input.actorUserId, createdAt: input.now })
      .returning({ id: applicationFiles.id });
    (answers[file.questionId] ??= []).push(copy!.id);
  }
  if (Object.keys(answers).length) await tx.update(applications).set({ answers: sql`${applications.answers} || ${JSON.stringify(answers)}::jsonb` }).where(eq(applications.id, input.to));
}

export type EditResult =
  | { kind: "saved" }
  | { kind: "invalid"; errors: Record<string, string> }
  | { kind: "locked"; state: ApplicationState }
  | { kind: "closed" }
  | { kind: "not-found" };

/** Whether the applicant may change the answers now: a draft until the call closes; a dossier sent back for corrections. */
function editProblem(ctx: Context, now: Date): EditResult | null {
  if (!EDITABLE.includes(ctx.application.state)) return { kind: "locked", state: ctx.application.state };
  if (ctx.application.state === "draft" && !isOpen(ctx.call, now)) return { kind: "closed" };
  return null;
}

/** Save one section of the draft (incomplete answers are kept; malformed ones are refused, nothing written). */
export async function saveSection(db: Db, input: { applicationId: string; sectionId: string; form: FormData; actorUserId: string; now?: Date }): Promise<EditResult> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const ctx = await lockApplication(tx, input.applicationId);
    if (!ctx) return { kind: "not-found" as const };
    const problem = editProblem(ctx, now);
    if (problem) return problem;
    const form = await versionForm(tx, ctx.call.id, ctx.application.version);
    if (!form.sections.some((s) => s.id === input.sectionId)) return { kind: "not-found" as const };
    const read = readSectionAnswers(form, input.sectionId, input.form, ctx.application.answers as Answers);
    // A « place » answer names one of the network's places.
    const placeQuestions = form.sections.find((s) => s.id === input.sectionId)!.questions.filter((q) => q.type === "place" && typeof read.answers[q.id] === "string");
    if (placeQuestions.length) {
      const known = new Set((await placeOptions(tx, ctx.call.networkId)).map(([id]) => id));
      for (const q of placeQuestions) if (!known.has(read.answers[q.id] as string)) read.errors[q.id] = fr.calls.answers.place;
    }
    if (Object.keys(read.errors).length) return { kind: "invalid" as const, errors: byField(read.errors) };
    const saved = Array.from(new Set([...ctx.application.sectionsSaved, input.sectionId]));
    await tx.update(applications).set({ answers: read.answers, sectionsSaved: saved, updatedAt: now }).where(eq(applications.id, ctx.application.id));
    return { kind: "saved" as const };
  });
}

/** Attach a file to a file question (type decided by content, ≤ 10 MB). */
export async function addFile(db: Db, input: { applicationId: string; questionId: string; fileName: string; bytes: Uint8Array; actorUserId: string; now?: Date }): Promise<EditResult> {
  const now = input.now ?? new Date();
  const checked = await checkUpload(input.bytes, input.fileName);
  if (!checked.ok) return { kind: "invalid", errors: { [fieldName(input.questionId)]: checked.error } };
  return db.transaction(async (tx) => {
    const ctx = await lockApplication(tx, input.applicationId);
    if (!ctx) return { kind: "not-found" as const };
    const problem = editProblem(ctx, now);
    if (problem) return problem;
    const form = await versionForm(tx, ctx.call.id, ctx.application.version);
    const question = form.sections.flatMap((s) => s.questions).find((q) => q.id === input.questionId);
    if (question?.type !== "file") return { kind: "not-found" as const };
    const content = Buffer.from(input.bytes);
    const [file] = await tx
      .insert(applicationFiles)
      .values({
        applicationId: ctx.application.id,
        questionId: question.id,
        fileName: input.fileName.slice(0, 200) || `document.${checked.extension}`,
        mediaType: checked.mediaType,
        size: content.length,
        sha256: createHash("sha256").update(content).digest("hex"),
        content,
        uploadedBy: input.actorUserId,
        createdAt: now,
      })
      .returning({ id: applicationFiles.id });
    const answers = ctx.application.answers as Answers;
    const list = Array.isArray(answers[question.id]) ? (answers[question.id] as string[]) : [];
    await tx.update(applications).set({ answers: { ...answers, [question.id]: [...list, file!.id] }, updatedAt: now }).where(eq(applications.id, ctx.application.id));
    return { kind: "saved" as const };
  });
}

export async function removeFile(db: Db, input: { applicationId: string; fileId: string; actorUserId: string; now?: Date }): Promise<EditResult> {
  const now = input.now ?? new Date();
  if (!isUuid(input.fileId)) return { kind: "not-found" };
  return db.transaction(async (tx) => {
    const ctx = await lockApplication(tx, input.applicationId);
    if (!ctx) return { kind: "not-found" as const };
    const problem = editProblem(ctx, now);
    if (problem) return problem;
    const [file] = await tx.delete(applicationFiles).where(and(eq(applicationFiles.id, input.fileId), eq(applicationFiles.applicationId, ctx.application.id))).returning({ questionId: applicationFiles.questionId });
    if (!file) return { kind: "not-found" as const };
    const answers = { ...(ctx.application.answers as Answers) };
    const left = ((answers[file.questionId] as string[] | undefined) ?? []).filter((id) => id !== input.fileId);
    if (left.length) answers[file.questionId] = left;
    else delete answers[file.questionId];
    await tx.update(applications).set({ answers, updatedAt: now }).where(eq(applications.id, ctx.application.id));
    return { kind: "saved" as const };
  });
}

export type SubmitResult =
  | { kind: "submitted" }
  | { kind: "incomplete"; errors: Record<string, string> }
  | { kind: "ineligible"; questionId: string; reason: string }
  | { kind: "locked"; state: ApplicationState }
  | { kind: "closed" }
  | { kind: "not-found" };

/** Submit (or resubmit after corrections): then read-only for the applicant. */
export async function submitApplication(db: Db, input: { applicationId: string; actorUserId: string; baseUrl: string; now?: Date }): Promise<SubmitResult> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const ctx = await lockApplication(tx, input.applicationId);
    if (!ctx) return { kind: "not-found" as const };
    const problem = editProblem(ctx, now);
    if (problem) return problem as SubmitResult;
    const form = await versionForm(tx, ctx.call.id, ctx.application.version);
    const answers = ctx.application.answers as Answers;
    const stop = eligibilityStop(form, answers);
    if (stop) return { kind: "ineligible" as const, ...stop };
    const missing = { ...storedAnswerProblems(form, answers), ...missingAnswers(form, answers) };
    if (Object.keys(missing).length) return { kind: "incomplete" as const, errors: byField(missing) };
    const kept = pruneHidden(form, answers);
    // Files of questions now hidden go with their answers.
    const keptFiles = new Set(Object.values(kept).flatMap((a) => (Array.isArray(a) ? a : [])));
    const files = await tx.select({ id: applicationFiles.id }).from(applicationFiles).where(eq(applicationFiles.applicationId, ctx.application.id));
    const orphans = files.map((f) => f.id).filter((id) => !keptFiles.has(id));
    if (orphans.length) await tx.delete(applicationFiles).where(inArray(applicationFiles.id, orphans));
    const resubmission = ctx.application.state === "corrections";
    await changeState(tx, ctx, { to: "submitted", side: "applicant", actorUserId: input.actorUserId, at: now, set: { answers: kept, submittedAt: ctx.application.submittedAt ?? now } });
    await tellNetwork(tx, ctx, resubmission ? m.mail.resubmitted(about(ctx)) : m.mail.submitted(about(ctx)), input.baseUrl, now);
    await tellApplicant(tx, ctx, m.mail.receipt(about(ctx)), input.baseUrl, now);
    return { kind: "submitted" as const };
  });
}

export type NetworkResult =
  | { kind: "done"; state: ApplicationState }
  | { kind: "not-now"; state: ApplicationState }
  | { kind: "reviews-missing"; have: number; need: number }
  | { kind: "label-ended"; until: string }
  | { kind: "not-found" };

/** Which network moves are possible from each state. */
const NETWORK_MOVES: Record<"under_review" | "corrections" | "accepted" | "refused" | "closed", readonly ApplicationState[]> = {
  under_review: ["submitted"],
  corrections: ["submitted", "under_review"],
  accepted: ["submitted", "under_review"],
  refused: ["submitted", "under_review"],
  closed: ["submitted", "under_review", "corrections"],
};

/** Start the review (« passer en instruction »), or send back for corrections with the reasons. */
export async function networkMove(db: Db, input: { applicationId: string; to: "under_review" | "corrections"; reason?: string; actorUserId: string; baseUrl: string; now?: Date }): Promise<NetworkResult> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const ctx = await lockApplication(tx, input.applicationId);
    if (!ctx) return { kind: "not-found" as const };
    if (!NETWORK_MOVES[input.to].includes(ctx.application.state)) return { kind: "not-now" as const, state: ctx.application.state };
    await changeState(tx, ctx, { to: input.to, side: "network", actorUserId: input.actorUserId, body: input.reason ?? null, at: now });
    const mail = input.to === "corrections" ? m.mail.corrections({ ...about(ctx), reason: input.reason ?? "" }) : m.mail.underReview(about(ctx));
    await tellApplicant(tx, ctx, mail, input.baseUrl, now);
    return { kind: "done" as const, state: input.to };
  });
}

/** Submitted reviews of an application. */
export async function submittedReviews(db: Db, applicationId: string) {
  return db.select().from(applicationReviews).where(and(eq(applicationReviews.applicationId, applicationId), isNotNull(applicationReviews.submittedAt)));
}


/**
 * Decide: accept (grants the call's label to the place, from the decision's day to the call's
 * label end), refuse or close without follow-up, with the reasons. Accepting or refusing needs
 * the call's required number of submitted reviews. The letter (PDF) is kept and mailed.
 */
export async function decide(
  db: Db,
  input: {
    applicationId: string;
    decision: "accepted" | "refused" | "closed";
    reason: string;
    themes?: string[];
    actorUserId: string;
    baseUrl: string;
    renderLetter: (letter: DecisionLetterInput) => Promise<Buffer>;
    now?: Date;
  },
): Promise<NetworkResult> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const ctx = await lockApplication(tx, input.applicationId);
    if (!ctx) return { kind: "not-found" as const };
    if (!NETWORK_MOVES[input.decision].includes(ctx.application.state)) return { kind: "not-now" as const, state: ctx.application.state };
    if (input.decision !== "closed") {
      const [{ n }] = (await tx.select({ n: count() }).from(applicationReviews).where(and(eq(applicationReviews.applicationId, ctx.application.id), isNotNull(applicationReviews.submittedAt)))) as [{ n: number }];
      if (n < ctx.call.reviewsRequired) return { kind: "reviews-missing" as const, have: n, need: ctx.call.reviewsRequired };
    }
    const [network] = await tx.select({ name: networks.name }).from(networks).where(eq(networks.id, ctx.call.networkId));
    const [place] = await tx.select({ address: places.address, postcode: places.postcode, commune: places.commune }).from(places).where(eq(places.id, ctx.application.placeId));
    const today = todayInFrance(now);
    if (input.decision === "accepted" && ctx.call.labelValidUntil < today) return { kind: "label-ended" as const, until: ctx.call.labelValidUntil };
    let labelGrantId: string | null = null;
    const themes = input.themes?.length ? input.themes.filter((t) => ctx.call.themes.includes(t)) : ctx.call.themes;
    if (input.decision === "accepted") {
      const [grant] = await tx
        .insert(labelGrants)
        .values({ networkId: ctx.call.networkId, placeId: ctx.application.placeId, label: ctx.call.label, themes, validFrom: today, validUntil: ctx.call.labelValidUntil, decision: m.grantDecision(ctx.call.title, ctx.application.number), createdAt: now, updatedAt: now })
        .returning({ id: labelGrants.id });
      labelGrantId = grant!.id;
      await recordAudit(tx, { actorUserId: input.actorUserId, action: "label.grant", entityType: "label_grant", entityId: grant!.id, networkId: ctx.call.networkId, placeId: ctx.application.placeId, after: { label: ctx.call.label, themes, validFrom: today, validUntil: ctx.call.labelValidUntil } }, now);
    }
    const reason = input.reason.trim();
    await changeState(tx, ctx, { to: input.decision, side: "network", actorUserId: input.actorUserId, body: reason || null, at: now, set: { decidedAt: now, decisionReason: reason || null, labelGrantId } });
    const pdf = await input.renderLetter({
      networkName: network!.name,
      callTitle: ctx.call.title,
      applicationNumber: ctx.application.number,
      placeName: ctx.placeName,
      placeAddress: [place?.address ?? "", [place?.postcode, place?.commune].filter(Boolean).join(" ")].filter(Boolean),
      state: input.decision,
      reason: reason || undefined,
      label: ctx.call.label,
      themes,
      validFrom: input.decision === "accepted" ? today : undefined,
      validUntil: input.decision === "accepted" ? ctx.call.labelValidUntil : undefined,
      decidedAt: now,
      signatoryName: ctx.call.signatoryName,
      signatoryTitle: ctx.call.signatoryTitle,
    });
    await tx.insert(decisionLetters).values({ applicationId: ctx.application.id, state: input.decision, pdf, createdAt: now }).onConflictDoNothing();
    await tellApplicant(
      tx,
      ctx,
      { ...m.mail.decided({ ...about(ctx), decision: input.decision }), attachments: [{ filename: letterFileName(ctx.application.number), contentType: "application/pdf", base64: pdf.toString("base64") }] },
      input.baseUrl,
      now,
    );
    return { kind: "done" as const, state: input.decision };
  });
}

export const letterFileName = (number: number) => `decision-dossier-${String(number).padStart(3, "0")}.pdf`;

export type MessageResult = { kind: "sent" } | { kind: "invalid"; error: string } | { kind: "not-found" };

/** A message between the network and the applicant, told by mail to the other side. */
export async function postMessage(db: Db, input: { applicationId: string; side: "network" | "applicant"; body: string; actorUserId: string; baseUrl: string; now?: Date }): Promise<MessageResult> {
  const now = input.now ?? new Date();
  const body = input.body.trim();
  if (!body) return { kind: "invalid", error: m.messages.empty };
  if (body.length > 5000) return { kind: "invalid", error: m.messages.tooLong };
  return db.transaction(async (tx) => {
    const ctx = await lockApplication(tx, input.applicationId);
    if (!ctx) return { kind: "not-found" as const };
    // A draft is the applicant's own: no conversation until it is submitted.
    if (ctx.application.state === "draft") return { kind: "not-found" as const };
    await event(tx, { applicationId: ctx.application.id, kind: "message", state: ctx.application.state, side: input.side, actorUserId: input.actorUserId, body, at: now });
    const mail = m.mail.message({ ...about(ctx), body });
    if (input.side === "network") await tellApplicant(tx, ctx, mail, input.baseUrl, now);
    else await tellNetwork(tx, ctx, mail, input.baseUrl, now);
    return { kind: "sent" as const };
  });
}

export async function getApplication(db: Db, applicationId: string) {
  const [row] = await db
    .select({ application: applications, call: calls, placeName: places.name, networkSlug: networks.slug, networkName: networks.name })
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .innerJoin(places, eq(places.id, applications.placeId))
    .innerJoin(networks, eq(networks.id, calls.networkId))
    .where(eq(applications.id, applicationId));
  return row ?? null;
}

/** The history: state changes and messages, oldest first, with their authors' names. */
export async function applicationHistory(db: Db, applicationId: string) {
  return db
    .select({ id: applicationEvents.id, kind: applicationEvents.kind, state: applicationEvents.state, side: applicationEvents.side, body: applicationEvents.body, at: applicationEvents.at, author: users.name })
    .from(applicationEvents)
    .leftJoin(users, eq(users.id, applicationEvents.actorUserId))
    .where(eq(applicationEvents.applicationId, applicationId))
    .orderBy(asc(applicationEvents.id));
}

export async function applicationFilesOf(db: Db, applicationId: string) {
  return db
    .select({ id: applicationFiles.id, questionId: applicationFiles.questionId, fileName: applicationFiles.fileName, mediaType: applicationFiles.mediaType, size: applicationFiles.size })
    .from(applicationFiles)
    .where(eq(applicationFiles.applicationId, applicationId))
    .orderBy(asc(applicationFiles.createdAt));
}

export async function getFile(db: Db, applicationId: string, fileId: string) {
  const [row] = await db.select().from(applicationFiles).where(and(eq(applicationFiles.id, fileId), eq(applicationFiles.applicationId, applicationId)));
  return row ?? null;
}

export async function getLetter(db: Db, applicationId: string) {
  const [row] = await db.select().from(decisionLetters).where(eq(decisionLetters.applicationId, applicationId));
  return row ?? null;
}

/** The place's applications, newest first. */
export async function placeApplications(db: Db, placeId: string) {
  return db
    .select({ id: applications.id, number: applications.number, state: applications.state, stateAt: applications.stateAt, callTitle: calls.title, closesAt: calls.closesAt, networkName: networks.name })
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .innerJoin(networks, eq(networks.id, calls.networkId))
    .where(eq(applications.placeId, placeId))
    .orderBy(desc(applications.createdAt));
}

/** A call's applications for the network (drafts apart: the network does not read them), with their weighted scores. */
export async function callApplications(db: Db, call: CallRow) {
  const rows = await db
    .select({ id: applications.id, number: applications.number, state: applications.state, stateAt: applications.stateAt, submittedAt: applications.submittedAt, placeId: applications.placeId, placeName: places.name, commune: places.commune })
    .from(applications)
    .innerJoin(places, eq(places.id, applications.placeId))
    .where(and(eq(applications.callId, call.id), sql`${applications.state} <> 'draft'`))
    .orderBy(asc(applications.number));
  const reviews = rows.length
    ? await db
        .select({ applicationId: applicationReviews.applicationId, scores: applicationReviews.scores, submittedAt: applicationReviews.submittedAt, declaration: applicationReviews.declaration })
        .from(applicationReviews)
        .where(inArray(applicationReviews.applicationId, rows.map((r) => r.id)))
    : [];
  const drafts = await db.select({ n: count() }).from(applications).where(and(eq(applications.callId, call.id), eq(applications.state, "draft")));
  return {
    drafts: drafts[0]?.n ?? 0,
    rows: rows.map((row) => {
      const mine = reviews.filter((r) => r.applicationId === row.id);
      const done = mine.filter((r) => r.submittedAt);
      const scores = done.map((r) => weightedScore(call.grid as Grid, r.scores as Scores)).filter((s): s is number => s !== null);
      return { ...row, assigned: mine.filter((r) => r.declaration !== "conflict").length, reviewed: done.length, score: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null };
    }),
  };
}
