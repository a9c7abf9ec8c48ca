/**
 * A network's calls for projects (coordinators): their settings, the draft form and the grid, and
 * publishing, which freezes the form as a new version when it changed. Applications keep the
 * version they answered (applications.server.ts). Every change is audited.
 */
import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~/db/client.server";
import { applicationReviews, applications, callVersions, calls, networks, placeNetworks } from "~/db/schema";
import { recordAudit } from "~/features/audit/record.server";
import { LABEL_THEMES } from "~/features/networks/label-themes";
import { isIsoDate } from "~/features/time/calendar";
import { FRANCE_TIME_ZONE, toInstant } from "~/features/time/zone";
import { fr } from "~/lib/messages";
import { slugify } from "~/lib/text";
import type { CallForm, Grid } from "./form-types";

const m = fr.applications;

export type CallRow = typeof calls.$inferSelect;

const lines = (text: string) => text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A date and a time on France's clock, as the instant they name. */
export function franceInstant(date: string, time: string): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  return new Date(toInstant(FRANCE_TIME_ZONE, { year, month, day, hour, minute, second: 0 }));
}

/** The call's settings form (the form's questions and the grid are edited apart). */
export const CallSettingsSchema = z
  .object({
    titre: z.string().trim().min(3, m.settings.titleRequired).max(200, m.settings.titleTooLong),
    description: z.string().trim().max(20_000, m.settings.descriptionTooLong).default(""),
    themes: z
      .preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()))
      .refine((list) => list.every((t) => (LABEL_THEMES as readonly string[]).includes(t)), m.settings.unknownTheme)
      .refine((list) => list.length > 0, m.settings.themesRequired),
    financeurs: z.string().default("").transform(lines),
    ouverture: z.string().trim().refine(isIsoDate, m.settings.dateInvalid),
    cloture: z.string().trim().refine(isIsoDate, m.settings.dateInvalid),
    cloture_heure: z.string().trim().regex(TIME, m.settings.timeInvalid).default("12:00"),
    public: z.enum(["network", "any"], { error: m.settings.audienceInvalid }),
    label: z.string().trim().min(2, m.settings.labelRequired).max(120, m.settings.labelTooLong),
    label_fin: z.string().trim().refine(isIsoDate, m.settings.dateInvalid),
    avis_requis: z.coerce.number({ error: m.settings.reviewsInvalid }).int(m.settings.reviewsInvalid).min(0, m.settings.reviewsInvalid).max(10, m.settings.reviewsInvalid),
    avis_caches: z.string().optional().transform((v) => v === "on"),
    signataire: z.string().trim().max(160, m.settings.signatoryTooLong).default(""),
    signataire_titre: z.string().trim().max(160, m.settings.signatoryTooLong).default(""),
  })
  .refine((v) => v.cloture > v.ouverture, { message: m.settings.closeAfterOpen, path: ["cloture"] })
  .refine((v) => v.label_fin > v.cloture, { message: m.settings.labelAfterClose, path: ["label_fin"] });

export type CallSettings = z.output<typeof CallSettingsSchema>;

function settingsColumns(input: CallSettings) {
  return {
    title: input.titre,
    description: input.description,
    themes: input.themes,
    funders: input.financeurs,
    opensAt: franceInstant(input.ouverture, "00:00"),
    closesAt: franceInstant(input.cloture, input.cloture_heure),
    audience: input.public,
    label: input.label,
    labelValidUntil: input.label_fin,
    reviewsRequired: input.avis_requis,
    reviewsHidden: input.avis_caches,
    signatoryName: input.signataire,
    signatoryTitle: input.signataire_titre,
  };
}

async function freeSlug(db: Db, networkId: string, title: string): Promise<string> {
  const base = slugify(title, 60) || "appel";
  const taken = new Set((await db.select({ slug: calls.slug }).from(calls).where(eq(calls.networkId, networkId))).map((r) => r.slug));
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

export async function createCall(db: Db, input: { networkId: string; settings: CallSettings; actorUserId: string; form?: CallForm; grid?: Grid; now?: Date }): Promise<CallRow> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(calls)
      .values({
        networkId: input.networkId,
        slug: await freeSlug(tx, input.networkId, input.settings.titre),
        ...settingsColumns(input.settings),
        draftForm: input.form ?? { sections: [] },
        grid: input.grid ?? { scale: 5, criteria: [] },
        createdBy: input.actorUserId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, { actorUserId: input.actorUserId, action: "call.create", entityType: "call", entityId: row!.id, networkId: input.networkId, after: { title: row!.title } }, now);
    return row!;
  });
}

export async function updateCallSettings(db: Db, input: { call: CallRow; settings: CallSettings; actorUserId: string; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  const columns = settingsColumns(input.settings);
  await db.transaction(async (tx) => {
    await tx.update(calls).set({ ...columns, updatedAt: now }).where(eq(calls.id, input.call.id));
    await recordAudit(tx, { actorUserId: input.actorUserId, action: "call.settings", entityType: "call", entityId: input.call.id, networkId: input.call.networkId, before: { title: input.call.title, closesAt: input.call.closesAt }, after: { title: columns.title, closesAt: columns.closesAt } }, now);
  });
}

/** The draft form after a builder's change (form-builder.ts checked it). */
export async function saveDraftForm(db: Db, input: { call: CallRow; form: CallForm; actorUserId: string; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  await db.transaction(async (tx) => {
    await tx.update(calls).set({ draftForm: input.form, updatedAt: now }).where(eq(calls.id, input.call.id));
    await recordAudit(tx, { actorUserId: input.actorUserId, action: "call.form", entityType: "call", entityId: input.call.id, networkId: input.call.networkId, after: { questions: input.form.sections.flatMap((s) => s.questions).length } }, now);
  });
}

/** The scoring grid: a change is refused once a review was submitted (scores would mean other things). */
export async function saveGrid(db: Db, input: { call: CallRow; grid: Grid; actorUserId: string; now?: Date }): Promise<{ ok: true } | { ok: false; error: string }> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    await tx.select({ id: calls.id }).from(calls).where(eq(calls.id, input.call.id)).for("update");
    const [submitted] = await tx
      .select({ id: applicationReviews.id })
      .from(applicationReviews)
      .innerJoin(applications, eq(applications.id, applicationReviews.applicationId))
      .where(and(eq(applications.callId, input.call.id), isNotNull(applicationReviews.submittedAt)))
      .limit(1);
    if (submitted) return { ok: false as const, error: m.grid.lockedByReviews };
    await tx.update(calls).set({ grid: input.grid, updatedAt: now }).where(eq(calls.id, input.call.id));
    await recordAudit(tx, { actorUserId: input.actorUserId, action: "call.grid", entityType: "call", entityId: input.call.id, networkId: input.call.networkId, after: input.grid }, now);
    return { ok: true as const };
  });
}

export type PublishResult = { kind: "published"; version: number } | { kind: "unchanged"; version: number } | { kind: "empty" };

/**
 * Publish the call: its draft form becomes version n + 1 when it differs from version n
 * (applications already started keep theirs). Locked on the call's row, so two clicks make one version.
 */
export async function publishCall(db: Db, input: { callId: string; actorUserId: string; now?: Date }): Promise<PublishResult> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [call] = await tx.select().from(calls).where(eq(calls.id, input.callId)).for("update");
    if (!call) throw new Error(`no call ${input.callId}`);
    const form = call.draftForm as CallForm;
    if (form.sections.every((s) => s.questions.length === 0)) return { kind: "empty" as const };
    const [latest] = await tx.select().from(callVersions).where(eq(callVersions.callId, call.id)).orderBy(desc(callVersions.version)).limit(1);
    if (latest && JSON.stringify(latest.form) === JSON.stringify(form)) {
      if (call.status !== "published") await tx.update(calls).set({ status: "published", updatedAt: now }).where(eq(calls.id, call.id));
      return { kind: "unchanged" as const, version: latest.version };
    }
    const version = (latest?.version ?? 0) + 1;
    await tx.insert(callVersions).values({ callId: call.id, version, form, publishedAt: now, publishedBy: input.actorUserId });
    await tx.update(calls).set({ status: "published", currentVersion: version, updatedAt: now }).where(eq(calls.id, call.id));
    await recordAudit(tx, { actorUserId: input.actorUserId, action: "call.publish", entityType: "call", entityId: call.id, networkId: call.networkId, after: { version } }, now);
    return { kind: "published" as const, version };
  });
}

export async function archiveCall(db: Db, input: { call: CallRow; actorUserId: string; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  await db.transaction(async (tx) => {
    await tx.update(calls).set({ status: "archived", updatedAt: now }).where(eq(calls.id, input.call.id));
    await recordAudit(tx, { actorUserId: input.actorUserId, action: "call.archive", entityType: "call", entityId: input.call.id, networkId: input.call.networkId }, now);
  });
}

export async function getCall(db: Db, networkId: string, slug: string): Promise<CallRow | null> {
  const [row] = await db.select().from(calls).where(and(eq(calls.networkId, networkId), eq(calls.slug, slug)));
  return row ?? null;
}

export async function getCallById(db: Db, callId: string): Promise<CallRow | null> {
  const [row] = await db.select().from(calls).where(eq(calls.id, callId));
  return row ?? null;
}

/** The question ids of every published version of a call (the builder never gives them again). */
export async function publishedQuestionIds(db: Db, callId: string): Promise<string[]> {
  const versions = await db.select({ form: callVersions.form }).from(callVersions).where(eq(callVersions.callId, callId));
  return [...new Set(versions.flatMap((v) => (v.form as CallForm).sections.flatMap((s) => s.questions.map((q) => q.id))))];
}

/** A published version's form. */
export async function versionForm(db: Db, callId: string, version: number): Promise<CallForm> {
  const [row] = await db.select({ form: callVersions.form }).from(callVersions).where(and(eq(callVersions.callId, callId), eq(callVersions.version, version)));
  if (!row) throw new Error(`no version ${version} of call ${callId}`);
  return row.form as CallForm;
}

/** The network's calls, newest first, with their applications counted by state (drafts apart). */
export async function listCalls(db: Db, networkId: string) {
  const rows = await db.select().from(calls).where(eq(calls.networkId, networkId)).orderBy(desc(calls.opensAt));
  const counts = rows.length
    ? await db
        .select({ callId: applications.callId, state: applications.state, n: sql<number>`count(*)::int` })
        .from(applications)
        .where(inArray(applications.callId, rows.map((r) => r.id)))
        .groupBy(applications.callId, applications.state)
    : [];
  return rows.map((call) => ({ call, counts: Object.fromEntries(counts.filter((c) => c.callId === call.id).map((c) => [c.state, c.n])) as Record<string, number> }));
}

/** Whether applications may still be submitted (the server's clock decides). */
export const isOpen = (call: Pick<CallRow, "status" | "opensAt" | "closesAt">, now: Date) => call.status === "published" && call.opensAt <= now && now < call.closesAt;

/**
 * The calls a place may answer: published, of one of its networks (or open to any place), that
 * have opened; with the place's application when it has one.
 */
export async function callsForPlace(db: Db, placeId: string, now: Date = new Date()) {
  const networkIds = (await db.select({ id: placeNetworks.networkId }).from(placeNetworks).where(eq(placeNetworks.placeId, placeId))).map((r) => r.id);
  const rows = await db
    .select({ call: calls, networkName: networks.name, networkSlug: networks.slug, applicationId: applications.id, state: applications.state, number: applications.number })
    .from(calls)
    .innerJoin(networks, eq(networks.id, calls.networkId))
    .leftJoin(applications, and(eq(applications.callId, calls.id), eq(applications.placeId, placeId)))
    .where(and(eq(calls.status, "published"), sql`${calls.opensAt} <= ${now.toISOString()}::timestamptz`))
    .orderBy(asc(calls.closesAt));
  return rows.filter((r) => r.applicationId !== null || r.call.audience === "any" || networkIds.includes(r.call.networkId));
}

/** Whether a place may apply to a call (network or any place). */
export async function placeMayApply(db: Db, call: Pick<CallRow, "audience" | "networkId">, placeId: string): Promise<boolean> {
  if (call.audience === "any") return true;
  const [row] = await db.select({ placeId: placeNetworks.placeId }).from(placeNetworks).where(and(eq(placeNetworks.placeId, placeId), eq(placeNetworks.networkId, call.networkId)));
  return Boolean(row);
}
