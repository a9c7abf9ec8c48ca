/**
 * Reviews of applications: the coordinator assigns reviewers (the network's coordinators or its
 * outside experts); before reading the application a reviewer declares they have no conflict of
 * interest, or declines (the coordinator then assigns someone else); then they score each
 * criterion of the call's grid with a comment, save and submit. While `reviews_hidden` is set, a
 * reviewer sees the others' reviews only once theirs is submitted.
 */
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { applicationReviews, applications, calls, memberships, networkExperts, networks, places, users } from "~/db/schema";
import { recordAudit } from "~/features/audit/record.server";
import { queueMail } from "~/features/mail/outbox.server";
import { fr } from "~/lib/messages";
import type { Grid, Scores } from "./form-types";

const m = fr.applications;

export type ReviewRow = typeof applicationReviews.$inferSelect;

/** Who may review the network's applications: its coordinators and its outside experts. */
export async function possibleReviewers(db: Db, networkId: string) {
  const coordinators = await db
    .selectDistinct({ id: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.networkId, networkId), eq(memberships.role, "coordinator"), isNull(users.disabledAt)));
  const experts = await db
    .select({ id: users.id, name: users.name, email: users.email, organisation: networkExperts.organisation })
    .from(networkExperts)
    .innerJoin(users, eq(users.id, networkExperts.userId))
    .where(and(eq(networkExperts.networkId, networkId), isNull(users.disabledAt)));
  return [...coordinators.map((c) => ({ ...c, organisation: "", expert: false })), ...experts.map((e) => ({ ...e, expert: true }))];
}

export type AssignResult = { kind: "assigned" } | { kind: "already" } | { kind: "not-reviewer" } | { kind: "not-now" };

export async function assignReviewer(db: Db, input: { applicationId: string; networkId: string; reviewerId: string; actorUserId: string; baseUrl: string; now?: Date }): Promise<AssignResult> {
  const now = input.now ?? new Date();
  const reviewers = await possibleReviewers(db, input.networkId);
  const reviewer = reviewers.find((r) => r.id === input.reviewerId);
  if (!reviewer) return { kind: "not-reviewer" };
  return db.transaction(async (tx) => {
    const [application] = await tx
      .select({ id: applications.id, state: applications.state, number: applications.number, callTitle: calls.title })
      .from(applications)
      .innerJoin(calls, eq(calls.id, applications.callId))
      .where(eq(applications.id, input.applicationId))
      .for("update", { of: applications });
    if (!application || !["submitted", "under_review"].includes(application.state)) return { kind: "not-now" as const };
    const [row] = await tx.insert(applicationReviews).values({ applicationId: application.id, reviewerId: reviewer.id, assignedBy: input.actorUserId, assignedAt: now, updatedAt: now }).onConflictDoNothing().returning({ id: applicationReviews.id });
    if (!row) return { kind: "already" as const };
    await recordAudit(tx, { actorUserId: input.actorUserId, action: "review.assign", entityType: "application", entityId: application.id, networkId: input.networkId, after: { reviewerId: reviewer.id } }, now);
    await queueMail(tx, { to: reviewer.email, ...m.mail.assigned({ call: application.callTitle, number: application.number, link: `${input.baseUrl}/gestion/evaluations/${row.id}` }) }, now);
    return { kind: "assigned" as const };
  });
}

/** Withdraw an assignment that has no submitted review (a reviewer who declined stays listed with their declaration). */
export async function unassignReviewer(db: Db, input: { reviewId: string; applicationId: string; networkId: string; actorUserId: string; now?: Date }): Promise<boolean> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    // The application's row first: an assignment is withdrawn only from the application on the page, while it is in review.
    const [application] = await tx.select({ state: applications.state }).from(applications).where(eq(applications.id, input.applicationId)).for("update");
    if (!application || !["submitted", "under_review"].includes(application.state)) return false;
    const [row] = await tx
      .delete(applicationReviews)
      .where(and(eq(applicationReviews.id, input.reviewId), eq(applicationReviews.applicationId, input.applicationId), isNull(applicationReviews.submittedAt)))
      .returning();
    if (!row) return false;
    await recordAudit(tx, { actorUserId: input.actorUserId, action: "review.unassign", entityType: "application", entityId: row.applicationId, networkId: input.networkId, after: { reviewerId: row.reviewerId } }, now);
    return true;
  });
}

/** A reviewer's assignment, with what they may see of it. */
export async function getReview(db: Db, reviewId: string) {
  const [row] = await db
    .select({ review: applicationReviews, applicationId: applications.id, state: applications.state, number: applications.number, placeName: places.name, call: calls, networkName: networks.name, networkSlug: networks.slug })
    .from(applicationReviews)
    .innerJoin(applications, eq(applications.id, applicationReviews.applicationId))
    .innerJoin(places, eq(places.id, applications.placeId))
    .innerJoin(calls, eq(calls.id, applications.callId))
    .innerJoin(networks, eq(networks.id, calls.networkId))
    .where(eq(applicationReviews.id, reviewId));
  return row ?? null;
}

/** A reviewer's assignments, newest first. */
export async function reviewerAssignments(db: Db, reviewerId: string) {
  return db
    .select({ id: applicationReviews.id, declaration: applicationReviews.declaration, submittedAt: applicationReviews.submittedAt, number: applications.number, placeName: places.name, callTitle: calls.title, networkName: networks.name, state: applications.state })
    .from(applicationReviews)
    .innerJoin(applications, eq(applications.id, applicationReviews.applicationId))
    .innerJoin(places, eq(places.id, applications.placeId))
    .innerJoin(calls, eq(calls.id, applications.callId))
    .innerJoin(networks, eq(networks.id, calls.networkId))
    .where(eq(applicationReviews.reviewerId, reviewerId))
    .orderBy(asc(applicationReviews.assignedAt));
}

export type DeclareResult = { kind: "declared" } | { kind: "invalid"; error: string } | { kind: "already" };

/** Declare no conflict of interest (then read and score), or a conflict (declined, with a reason). Once. */
export async function declare(db: Db, input: { reviewId: string; reviewerId: string; declaration: "no-conflict" | "conflict"; reason?: string; networkId: string; baseUrl: string; now?: Date }): Promise<DeclareResult> {
  const now = input.now ?? new Date();
  const reason = input.reason?.trim() ?? "";
  if (input.declaration === "conflict" && !reason) return { kind: "invalid", error: m.review.conflictReasonRequired };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(applicationReviews)
      .set({ declaration: input.declaration, declaredAt: now, conflictReason: input.declaration === "conflict" ? reason.slice(0, 1000) : null, updatedAt: now })
      .where(and(eq(applicationReviews.id, input.reviewId), eq(applicationReviews.reviewerId, input.reviewerId), isNull(applicationReviews.declaration)))
      .returning();
    if (!row) return { kind: "already" as const };
    await recordAudit(tx, { actorUserId: input.reviewerId, action: `review.${input.declaration}`, entityType: "application", entityId: row.applicationId, networkId: input.networkId, after: { declaration: input.declaration } }, now);
    if (input.declaration === "conflict") {
      const coordinators = await tx
        .selectDistinct({ email: users.email })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.networkId, input.networkId), eq(memberships.role, "coordinator"), isNull(users.disabledAt)));
      const [reviewer] = await tx.select({ name: users.name }).from(users).where(eq(users.id, input.reviewerId));
      const [about] = await tx
        .select({ number: applications.number, callTitle: calls.title, callSlug: calls.slug, placeName: places.name, networkSlug: networks.slug })
        .from(applications)
        .innerJoin(calls, eq(calls.id, applications.callId))
        .innerJoin(places, eq(places.id, applications.placeId))
        .innerJoin(networks, eq(networks.id, calls.networkId))
        .where(eq(applications.id, row.applicationId));
      const link = `${input.baseUrl}/gestion/reseaux/${about!.networkSlug}/appels/${about!.callSlug}/dossiers/${row.applicationId}#evaluations`;
      for (const c of coordinators) await queueMail(tx, { to: c.email, ...m.mail.declined({ reviewer: reviewer!.name, reason, call: about!.callTitle, number: about!.number, place: about!.placeName, link }) }, now);
    }
    return { kind: "declared" as const };
  });
}

/** Read the grid's scores from a form: `score_<criterion>` (0…scale) and `comment_<criterion>`; a comment without a score is kept (score null) while the review is a draft. */
export function readScores(grid: Grid, form: FormData, options: { complete: boolean }): { scores: Scores; errors: Record<string, string> } {
  const scores: Scores = {};
  const errors: Record<string, string> = {};
  for (const criterion of grid.criteria) {
    const raw = String(form.get(`score_${criterion.id}`) ?? "").trim();
    const comment = String(form.get(`comment_${criterion.id}`) ?? "").trim().slice(0, 2000);
    if (raw === "") {
      if (options.complete) errors[`score_${criterion.id}`] = m.review.scoreRequired;
      else if (comment) scores[criterion.id] = { score: null, comment };
      continue;
    }
    const score = Number(raw);
    if (!Number.isInteger(score) || score < 0 || score > grid.scale) errors[`score_${criterion.id}`] = m.review.scoreRange(grid.scale);
    else scores[criterion.id] = { score, comment };
  }
  return { scores, errors };
}

export type ScoreResult = { kind: "saved" | "submitted" } | { kind: "invalid"; errors: Record<string, string> } | { kind: "not-declared" } | { kind: "already-submitted" } | { kind: "not-now" };

/** Save the scores (a draft) or submit them (all criteria scored); only after declaring no conflict, and once submitted never again. */
export async function saveScores(db: Db, input: { reviewId: string; reviewerId: string; form: FormData; submit: boolean; networkId: string; now?: Date }): Promise<ScoreResult> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ review: applicationReviews, grid: calls.grid, state: applications.state })
      .from(applicationReviews)
      .innerJoin(applications, eq(applications.id, applicationReviews.applicationId))
      .innerJoin(calls, eq(calls.id, applications.callId))
      .where(and(eq(applicationReviews.id, input.reviewId), eq(applicationReviews.reviewerId, input.reviewerId)))
      .for("update", { of: applicationReviews });
    if (!found) return { kind: "not-now" as const };
    // The grid cannot change while a review is being submitted against it (saveGrid locks the call's row too).
    await tx.select({ id: calls.id }).from(calls).innerJoin(applications, eq(applications.callId, calls.id)).where(eq(applications.id, found.review.applicationId)).for("share", { of: calls });
    if (found.review.declaration !== "no-conflict") return { kind: "not-declared" as const };
    if (found.review.submittedAt) return { kind: "already-submitted" as const };
    if (!["submitted", "under_review"].includes(found.state)) return { kind: "not-now" as const };
    const grid = found.grid as Grid;
    const read = readScores(grid, input.form, { complete: input.submit });
    if (Object.keys(read.errors).length) return { kind: "invalid" as const, errors: read.errors };
    const comment = String(input.form.get("commentaire") ?? "").trim().slice(0, 5000);
    await tx.update(applicationReviews).set({ scores: read.scores, comment, submittedAt: input.submit ? now : null, updatedAt: now }).where(eq(applicationReviews.id, input.reviewId));
    if (input.submit) await recordAudit(tx, { actorUserId: input.reviewerId, action: "review.submit", entityType: "application", entityId: found.review.applicationId, networkId: input.networkId }, now);
    return { kind: input.submit ? ("submitted" as const) : ("saved" as const) };
  });
}

/** An application's reviews with their reviewers' names (for the coordinator, or a reviewer allowed to see them). */
export async function reviewsOf(db: Db, applicationIds: string[]) {
  if (!applicationIds.length) return [];
  return db
    .select({ id: applicationReviews.id, applicationId: applicationReviews.applicationId, reviewerId: applicationReviews.reviewerId, reviewerName: users.name, declaration: applicationReviews.declaration, conflictReason: applicationReviews.conflictReason, scores: applicationReviews.scores, comment: applicationReviews.comment, submittedAt: applicationReviews.submittedAt })
    .from(applicationReviews)
    .innerJoin(users, eq(users.id, applicationReviews.reviewerId))
    .where(inArray(applicationReviews.applicationId, applicationIds))
    .orderBy(asc(applicationReviews.assignedAt));
}

/** Whether this reviewer may read the other reviews of the application now. */
export function seesOthers(call: { reviewsHidden: boolean }, own: Pick<ReviewRow, "submittedAt">): boolean {
  return !call.reviewsHidden || own.submittedAt !== null;
}
