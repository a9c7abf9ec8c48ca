/** Writing the audit log: who changed what, when. Callers pass the transaction of the change itself. */
import type { Db } from "~/db/client.server";
import { auditLog } from "~/db/schema";

export type AuditEntry = {
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  networkId?: string | null;
  placeId?: string | null;
  before?: unknown;
  after?: unknown;
};

/** Append one line to the audit log (which refuses updates and deletes). */
export async function recordAudit(db: Db, entry: AuditEntry, now: Date = new Date()): Promise<void> {
  await db.insert(auditLog).values({
    at: now,
    actorUserId: entry.actorUserId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    networkId: entry.networkId ?? null,
    placeId: entry.placeId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
