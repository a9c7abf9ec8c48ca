/** Reading the audit log for the back-office: a place's, or a network's (newest first, paginated). */
import { count, desc, eq, inArray, or } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { auditLog, placeNetworks, places, users } from "~/db/schema";
import { pageWindow } from "~/lib/pages";

export const AUDIT_PAGE_SIZE = 30;

export type AuditLine = {
  id: string;
  at: string;
  actor: string | null;
  /** The place the line is about, when there is one (shown in a network's log). */
  placeName: string | null;
  action: string;
  /** Changed fields: name, before, after (as stored). */
  changes: { field: string; before: unknown; after: unknown }[];
};

function changesOf(before: unknown, after: unknown): AuditLine["changes"] {
  const b = (before && typeof before === "object" ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === "object" ? after : {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields.map((field) => ({ field, before: b[field] ?? null, after: a[field] ?? null }));
}

/** A place's log, or a network's: its own lines (labels…) and those of the places it holds now. */
export type AuditScope = { placeId: string } | { networkId: string };

export async function listAudit(db: Db, scope: AuditScope, page: number): Promise<{ lines: AuditLine[]; total: number; pages: number; page: number }> {
  const where =
    "placeId" in scope
      ? eq(auditLog.placeId, scope.placeId)
      : or(eq(auditLog.networkId, scope.networkId), inArray(auditLog.placeId, db.select({ id: placeNetworks.placeId }).from(placeNetworks).where(eq(placeNetworks.networkId, scope.networkId))));
  const [{ n }] = (await db.select({ n: count() }).from(auditLog).where(where)) as [{ n: number }];
  const total = Number(n);
  const { pages, page: current, offset } = pageWindow(total, AUDIT_PAGE_SIZE, page);
  const rows = await db
    .select({ id: auditLog.id, at: auditLog.at, actor: users.name, placeName: places.name, action: auditLog.action, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(places, eq(places.id, auditLog.placeId))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset(offset);
  return {
    total,
    pages,
    page: current,
    lines: rows.map((r) => ({ id: r.id, at: r.at.toISOString(), actor: r.actor, placeName: r.placeName, action: r.action, changes: changesOf(r.before, r.after) })),
  };
}
