/** Reading the audit log of a place for the back-office (newest first, paginated). */
import { count, desc, eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { auditLog, users } from "~/db/schema";

export const AUDIT_PAGE_SIZE = 30;

export type AuditLine = {
  id: string;
  at: string;
  actor: string | null;
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

export async function listPlaceAudit(db: Db, placeId: string, page: number): Promise<{ lines: AuditLine[]; total: number; pages: number; page: number }> {
  const [{ n }] = (await db.select({ n: count() }).from(auditLog).where(eq(auditLog.placeId, placeId))) as [{ n: number }];
  const total = Number(n);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const rows = await db
    .select({ id: auditLog.id, at: auditLog.at, actor: users.name, action: auditLog.action, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(eq(auditLog.placeId, placeId))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((current - 1) * AUDIT_PAGE_SIZE);
  return {
    total,
    pages,
    page: current,
    lines: rows.map((r) => ({ id: r.id, at: r.at.toISOString(), actor: r.actor, action: r.action, changes: changesOf(r.before, r.after) })),
  };
}
