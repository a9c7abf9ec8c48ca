/**
 * A mobile EPN's stops (a place whose `itinerance` says « Itinérant »): add, edit, deactivate
 * (audited, managers), and list them with their next visits. The commune is settled with the
 * offline communes: its INSEE code, the postcode as given, and its coordinate when none is given.
 * When the bus comes is a series at the stop (the series page), not the stop.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { queryRows, type Db } from "~/db/client.server";
import { places, stops } from "~/db/schema";
import { recordAudit } from "~/features/audit/record.server";
import { normalizeCommuneName, resolveCommune } from "~/features/communes/communes";
import { EARTH_RADIUS_METRES } from "~/features/directory/nearest";
import { isUuid } from "~/lib/ids";
import type { StopInput } from "./stop-form";

/** What `itinerance` says of a mobile EPN (the national standard's value). */
export const ITINERANT = "Itinérant";

/** Coordinates given for a stop must be within this distance of its commune's (a commune's box centre). */
export const STOP_MAX_KM_FROM_COMMUNE = 30;

export function isItinerant(place: { itinerance: readonly string[] }): boolean {
  return place.itinerance.includes(ITINERANT);
}

export type StopRow = {
  id: string;
  label: string;
  address: string;
  commune: string;
  postcode: string;
  inseeCode: string;
  latitude: number;
  longitude: number;
  active: boolean;
};

const columns = {
  id: stops.id, label: stops.label, address: stops.address, commune: stops.commune, postcode: stops.postcode, inseeCode: stops.inseeCode,
  latitude: stops.latitude, longitude: stops.longitude, active: stops.active,
};

/** A place's stops, active first, by label. */
export async function listStops(db: Db, { placeId, activeOnly = false }: { placeId: string; activeOnly?: boolean }): Promise<StopRow[]> {
  return db
    .select(columns)
    .from(stops)
    .where(activeOnly ? and(eq(stops.placeId, placeId), eq(stops.active, true)) : eq(stops.placeId, placeId))
    .orderBy(sql`${stops.active} desc`, asc(stops.label), asc(stops.id));
}

/** One stop of this place (ownership in the where); null when it is not the place's. */
export async function getPlaceStop(db: Db, { placeId, stopId }: { placeId: string; stopId: string }): Promise<StopRow | null> {
  if (!isUuid(stopId)) return null;
  const [row] = await db.select(columns).from(stops).where(and(eq(stops.id, stopId), eq(stops.placeId, placeId)));
  return row ?? null;
}

function metresBetween(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.latitude - a.latitude) * rad) / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(((b.longitude - a.longitude) * rad) / 2) ** 2;
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.sqrt(h));
}

export type StopPlacement =
  | { ok: true; values: Omit<typeof stops.$inferInsert, "id" | "placeId" | "knnPoint"> }
  | { ok: false; kind: "commune-unknown" }
  | { ok: false; kind: "far-from-commune"; km: number };

/**
 * The stop's columns from what was typed: the commune found by its name and postcode (a
 * postcode alone, with another name, is not enough), its INSEE code, the coordinate given (near
 * the commune) or the commune's. The name is the reference's when it is the one typed (« mansle
 * » → its spelling); a former commune's name (« Mansle », now part of « Mansle-les-Fontaines »)
 * is kept as typed: it is the village people know.
 */
export function placeStop(input: StopInput): StopPlacement {
  const match = resolveCommune({ name: input.commune, postcode: input.postcode });
  if (!match || match.matchedBy === "postcode") return { ok: false, kind: "commune-unknown" };
  const { commune } = match;
  let latitude = commune.latitude;
  let longitude = commune.longitude;
  if (input.latitude !== null && input.longitude !== null) {
    if (metresBetween(commune, { latitude: input.latitude, longitude: input.longitude }) > STOP_MAX_KM_FROM_COMMUNE * 1000) {
      return { ok: false, kind: "far-from-commune", km: STOP_MAX_KM_FROM_COMMUNE };
    }
    latitude = input.latitude;
    longitude = input.longitude;
  }
  return {
    ok: true,
    values: {
      label: input.label, address: input.address, commune: normalizeCommuneName(input.commune) === normalizeCommuneName(commune.name) ? commune.name : input.commune,
      postcode: input.postcode, inseeCode: commune.insee, latitude, longitude,
    },
  };
}

export type StopCommandResult =
  | { kind: "created" | "saved"; id: string }
  | { kind: "not-itinerant" }
  | { kind: "not-found" }
  | { kind: "commune-unknown" }
  | { kind: "far-from-commune"; km: number };

/** The place, locked, when it is itinerant. */
async function itinerantPlace(tx: Db, placeId: string): Promise<boolean> {
  const [place] = await tx.select({ itinerance: places.itinerance }).from(places).where(eq(places.id, placeId)).for("update");
  return place !== undefined && isItinerant(place);
}

/** Add a stop to a mobile EPN (manager), audited. Refused for a place that is not itinerant. */
export async function addStop(db: Db, input: { placeId: string; values: StopInput; actorUserId: string | null }): Promise<StopCommandResult> {
  const placed = placeStop(input.values);
  if (!placed.ok) return placed.kind === "far-from-commune" ? { kind: placed.kind, km: placed.km } : { kind: placed.kind };
  return db.transaction(async (tx): Promise<StopCommandResult> => {
    if (!(await itinerantPlace(tx, input.placeId))) return { kind: "not-itinerant" };
    const [row] = await tx.insert(stops).values({ ...placed.values, placeId: input.placeId }).returning({ id: stops.id });
    await recordAudit(tx, { actorUserId: input.actorUserId, action: "stop.create", entityType: "stop", entityId: row!.id, placeId: input.placeId, after: placed.values });
    return { kind: "created", id: row!.id };
  });
}

/** Change a stop of this place (ownership in the where), audited with the fields changed. */
export async function editStop(db: Db, input: { placeId: string; stopId: string; values: StopInput; actorUserId: string | null }): Promise<StopCommandResult> {
  if (!isUuid(input.stopId)) return { kind: "not-found" };
  const placed = placeStop(input.values);
  if (!placed.ok) return placed.kind === "far-from-commune" ? { kind: placed.kind, km: placed.km } : { kind: placed.kind };
  return db.transaction(async (tx): Promise<StopCommandResult> => {
    if (!(await itinerantPlace(tx, input.placeId))) return { kind: "not-itinerant" };
    const where = and(eq(stops.id, input.stopId), eq(stops.placeId, input.placeId));
    const [before] = await tx.select(columns).from(stops).where(where).for("update");
    if (!before) return { kind: "not-found" };
    const changedBefore: Record<string, unknown> = {};
    const changedAfter: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(placed.values)) {
      if (before[key as keyof StopRow] !== value) {
        changedBefore[key] = before[key as keyof StopRow];
        changedAfter[key] = value;
      }
    }
    if (Object.keys(changedAfter).length === 0) return { kind: "saved", id: before.id };
    await tx.update(stops).set({ ...placed.values, updatedAt: new Date() }).where(where);
    await recordAudit(tx, { actorUserId: input.actorUserId, action: "stop.update", entityType: "stop", entityId: before.id, placeId: input.placeId, before: changedBefore, after: changedAfter });
    return { kind: "saved", id: before.id };
  });
}

/**
 * Deactivate a stop (or make it active again), audited: a deactivated stop leaves the directory
 * and the map; its sessions already planned stay (cancel them on the series page). A stop is never
 * deleted: sessions and series point at it.
 */
export async function setStopActive(db: Db, input: { placeId: string; stopId: string; active: boolean; actorUserId: string | null }): Promise<"saved" | "unchanged" | "not-found"> {
  if (!isUuid(input.stopId)) return "not-found";
  return db.transaction(async (tx) => {
    const where = and(eq(stops.id, input.stopId), eq(stops.placeId, input.placeId));
    const [before] = await tx.select({ active: stops.active }).from(stops).where(where).for("update");
    if (!before) return "not-found";
    if (before.active === input.active) return "unchanged";
    await tx.update(stops).set({ active: input.active, updatedAt: new Date() }).where(where);
    await recordAudit(tx, {
      actorUserId: input.actorUserId, action: input.active ? "stop.reactivate" : "stop.deactivate", entityType: "stop", entityId: input.stopId, placeId: input.placeId,
      before: { active: before.active }, after: { active: input.active },
    });
    return "saved";
  });
}

export type StopVisit = { sessionId: string; stopId: string; title: string; startsAt: Date; endsAt: Date; status: "scheduled" | "cancelled"; published: boolean };

/**
 * The next sessions (from `now`) at each stop of the place, `perStop` at most per stop, in time
 * order: every series held at a stop (visits, and workshops held there), published or not,
 * cancelled sessions included (the staff see them). Read-only: the series page changes them.
 */
export async function nextVisitsByStop(db: Db, { placeId, now, perStop = 5 }: { placeId: string; now: Date; perStop?: number }): Promise<Map<string, StopVisit[]>> {
  const rows = await queryRows(
    db,
    sql`select id, stop_id, title, starts_at, ends_at, status, published from (
      select ws.id, ws.stop_id, w.title, ws.starts_at, ws.ends_at, ws.status, w.published,
             row_number() over (partition by ws.stop_id order by ws.starts_at, ws.id) as n
      from workshop_sessions ws join workshops w on w.id = ws.workshop_id
      where ws.place_id = ${placeId} and ws.stop_id is not null and ws.ends_at > ${now.toISOString()}::timestamptz and w.cancelled_at is null
    ) v where n <= ${perStop} order by starts_at, id`,
  );
  const byStop = new Map<string, StopVisit[]>();
  for (const r of rows) {
    const visit: StopVisit = {
      sessionId: String(r.id), stopId: String(r.stop_id), title: String(r.title), startsAt: new Date(r.starts_at as string), endsAt: new Date(r.ends_at as string),
      status: r.status === "cancelled" ? "cancelled" : "scheduled", published: Boolean(r.published),
    };
    byStop.set(visit.stopId, [...(byStop.get(visit.stopId) ?? []), visit]);
  }
  return byStop;
}
