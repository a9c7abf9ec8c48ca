/**
 * Dealing with the public's error reports in the back-office: the reports of one place or
 * of every place of a network (newest first, paginated), and "marquer comme traité"
 * (audited). Reports hold no personal data; the audit line keeps the topic, not the message.
 */
import { and, count, desc, eq, inArray, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { placeNetworks, placeReports, places } from "~/db/schema";
import { recordAudit } from "~/features/audit/record.server";
import { fr } from "~/lib/messages";
import { resolveFormSchema } from "./resolve-form";
import { pageWindow } from "~/lib/pages";
import { isUuid } from "~/lib/ids";

export const REPORTS_PAGE_SIZE = 20;
export type ReportStatus = "new" | "resolved";

export type ReportLine = { id: string; placeId: string; placeName: string; commune: string; topic: string; message: string; status: ReportStatus; createdAt: string };


/** "traites" in the URL shows the reports already dealt with; anything else, those to deal with. */
export function reportStatusFromParam(value: string | null): ReportStatus {
  return value === "traites" ? "resolved" : "new";
}

async function listReports(db: Db, scope: SQL, options: { status: ReportStatus; page: number }) {
  const where = and(scope, eq(placeReports.status, options.status));
  const [{ n }] = (await db.select({ n: count() }).from(placeReports).where(where)) as [{ n: number }];
  const total = Number(n);
  const { pages, page, offset } = pageWindow(total, REPORTS_PAGE_SIZE, options.page);
  const rows = await db
    .select({
      id: placeReports.id, placeId: placeReports.placeId, placeName: places.name, commune: places.commune,
      topic: placeReports.topic, message: placeReports.message, status: placeReports.status, createdAt: placeReports.createdAt,
    })
    .from(placeReports)
    .innerJoin(places, eq(places.id, placeReports.placeId))
    .where(where)
    .orderBy(desc(placeReports.createdAt), desc(placeReports.id))
    .limit(REPORTS_PAGE_SIZE)
    .offset(offset);
  const reports: ReportLine[] = rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
  return { reports, total, pages, page };
}

const networkPlaceIds = (db: Db, networkId: string) => db.select({ id: placeNetworks.placeId }).from(placeNetworks).where(eq(placeNetworks.networkId, networkId));

/** The reports of one place with the given status. */
export function listPlaceReports(db: Db, options: { placeId: string; status: ReportStatus; page: number }) {
  return listReports(db, eq(placeReports.placeId, options.placeId), options);
}

/** The reports of every place of a network with the given status. */
export function listNetworkReports(db: Db, options: { networkId: string; status: ReportStatus; page: number }) {
  return listReports(db, inArray(placeReports.placeId, networkPlaceIds(db, options.networkId)), options);
}

/** New reports per place, for the back-office home. */
export async function countNewReportsByPlace(db: Db, placeIds: readonly string[]): Promise<Map<string, number>> {
  if (placeIds.length === 0) return new Map();
  const rows = await db
    .select({ placeId: placeReports.placeId, n: count() })
    .from(placeReports)
    .where(and(inArray(placeReports.placeId, [...placeIds]), eq(placeReports.status, "new")))
    .groupBy(placeReports.placeId);
  return new Map(rows.map((r) => [r.placeId, Number(r.n)]));
}

/** New reports across a network's places. */
export async function countNewNetworkReports(db: Db, networkId: string): Promise<number> {
  const [{ n }] = (await db
    .select({ n: count() })
    .from(placeReports)
    .where(and(inArray(placeReports.placeId, networkPlaceIds(db, networkId)), eq(placeReports.status, "new")))) as [{ n: number }];
  return Number(n);
}

export type ResolveOutcome = { kind: "resolved"; placeName: string } | { kind: "already" } | { kind: "not-found" };

/**
 * Mark a report as dealt with, when it belongs to the place (or to a place of the network)
 * the caller was authorised for. A report already dealt with stays as it is (not audited twice).
 */
export async function resolveReport(
  db: Db,
  options: { reportId: string; scope: { placeId: string } | { networkId: string }; actorUserId: string; now?: Date },
): Promise<ResolveOutcome> {
  const { reportId, scope, actorUserId } = options;
  const now = options.now ?? new Date();
  if (!isUuid(reportId)) return { kind: "not-found" };
  const [report] = await db
    .select({ id: placeReports.id, placeId: placeReports.placeId, topic: placeReports.topic, status: placeReports.status, placeName: places.name })
    .from(placeReports)
    .innerJoin(places, eq(places.id, placeReports.placeId))
    .where(eq(placeReports.id, reportId));
  if (!report) return { kind: "not-found" };
  if ("placeId" in scope && report.placeId !== scope.placeId) return { kind: "not-found" };
  if ("networkId" in scope) {
    const [member] = await db
      .select({ placeId: placeNetworks.placeId })
      .from(placeNetworks)
      .where(and(eq(placeNetworks.placeId, report.placeId), eq(placeNetworks.networkId, scope.networkId)));
    if (!member) return { kind: "not-found" };
  }
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(placeReports)
      .set({ status: "resolved" })
      .where(and(eq(placeReports.id, report.id), eq(placeReports.status, "new")))
      .returning({ id: placeReports.id });
    if (rows.length === 0) return { kind: "already" } as const;
    await recordAudit(
      tx,
      {
        actorUserId, action: "report.resolve", entityType: "place_report", entityId: report.id, placeId: report.placeId,
        networkId: "networkId" in scope ? scope.networkId : null, before: { status: "new", topic: report.topic }, after: { status: "resolved" },
      },
      now,
    );
    return { kind: "resolved", placeName: report.placeName } as const;
  });
}

/** What the reports pages answer to "Marquer comme traité": the notice or the error, and the status. */
export type ResolveAnswer = { notice: string | null; error: string | null; status: number };

/** The reports pages' action: the form checked, the report marked as dealt with within `scope`. */
export async function resolveReportFromForm(db: Db, form: FormData, scope: { placeId: string } | { networkId: string }, actorUserId: string): Promise<ResolveAnswer> {
  const m = fr.attention.reports;
  const parsed = resolveFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { notice: null, error: parsed.error.issues[0]!.message, status: 400 };
  const outcome = await resolveReport(db, { reportId: parsed.data.signalement, scope, actorUserId });
  if (outcome.kind === "not-found") return { notice: null, error: m.notFound, status: 404 };
  return { notice: outcome.kind === "resolved" ? m.resolved(outcome.placeName) : m.already, error: null, status: 200 };
}
