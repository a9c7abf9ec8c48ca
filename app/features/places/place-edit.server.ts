/**
 * Saving a place from the back-office: optimistic concurrency (the update only applies to
 * the version the person started from), week_hours recomputed, the audit log written with
 * the changed fields only, in the same transaction.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { places } from "~/db/schema";
import { recordAudit } from "~/features/audit/record.server";
import { weekMultirange } from "~/features/hours/weekly-slots";
import { diffPlace, pickChanges, searchTextOf, type PlaceChanges } from "./place-form";
import { todayInFrance } from "~/features/time/today";
import { isUuid } from "~/lib/ids";

export type PlaceRow = typeof places.$inferSelect;

export async function getPlace(db: Db, placeId: string): Promise<PlaceRow | null> {
  if (!isUuid(placeId)) return null;
  const [row] = await db.select().from(places).where(eq(places.id, placeId));
  return row ?? null;
}

export type SaveResult =
  | { kind: "saved"; version: number; changed: string[] }
  | { kind: "unchanged" }
  /** Someone saved in between: nothing was written; `current` is the place as it is now. */
  | { kind: "conflict"; current: PlaceRow };

/**
 * Save the changes made on `version`. Only the changed fields are written to the audit log.
 * When nothing changed, nothing is written (not even the version).
 */
export async function savePlace(db: Db, options: { place: PlaceRow; version: number; changes: PlaceChanges; actorUserId: string; now?: Date }): Promise<SaveResult> {
  const { place, version, changes, actorUserId } = options;
  const now = options.now ?? new Date();
  if (version !== place.version) {
    const current = await getPlace(db, place.id);
    return { kind: "conflict", current: current ?? place };
  }
  const diff = diffPlace(pickChanges(place), changes);
  const changed = Object.keys(diff.after);
  if (changed.length === 0) return { kind: "unchanged" };
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(places)
      .set({
        ...changes,
        weekHours: weekMultirange(changes.openingHours),
        searchText: searchTextOf(changes),
        updatedOn: todayInFrance(now),
        updatedAt: now,
        version: sql`${places.version} + 1`,
      })
      .where(and(eq(places.id, place.id), eq(places.version, version)))
      .returning({ version: places.version });
    if (rows.length === 0) {
      const [current] = await tx.select().from(places).where(eq(places.id, place.id));
      return { kind: "conflict", current: current ?? place } as const;
    }
    await recordAudit(tx, { actorUserId, action: "place.update", entityType: "place", entityId: place.id, placeId: place.id, before: diff.before, after: diff.after }, now);
    return { kind: "saved", version: rows[0]!.version, changed } as const;
  });
}

export type PublishResult = { kind: "done"; version: number } | { kind: "conflict"; current: PlaceRow } | { kind: "unchanged" };

/** Publish or unpublish; also optimistic (a stale page cannot flip the status back). */
export async function setPlaceStatus(db: Db, options: { place: PlaceRow; version: number; status: "published" | "unpublished"; actorUserId: string; now?: Date }): Promise<PublishResult> {
  const { place, version, status, actorUserId } = options;
  const now = options.now ?? new Date();
  if (place.status === status) return { kind: "unchanged" };
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(places)
      .set({ status, updatedAt: now, version: sql`${places.version} + 1` })
      .where(and(eq(places.id, place.id), eq(places.version, version)))
      .returning({ version: places.version });
    if (rows.length === 0) {
      const [current] = await tx.select().from(places).where(eq(places.id, place.id));
      return { kind: "conflict", current: current ?? place } as const;
    }
    await recordAudit(
      tx,
      { actorUserId, action: status === "published" ? "place.publish" : "place.unpublish", entityType: "place", entityId: place.id, placeId: place.id, before: { status: place.status }, after: { status } },
      now,
    );
    return { kind: "done", version: rows[0]!.version } as const;
  });
}
