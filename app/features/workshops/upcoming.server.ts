/**
 * What a place's public page says is coming: its next sessions (workshops, drop-ins, events) and,
 * for a mobile EPN, its next passages at its stops. Only scheduled sessions of published series
 * that are not cancelled; a passage only at an active stop.
 */
import { and, asc, eq, gte, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { stops, workshops, workshopSessions, type RegistrationMode, type WorkshopKind } from "~/db/schema";

export type UpcomingSession = {
  sessionId: string;
  title: string;
  kind: WorkshopKind;
  startsAt: Date;
  endsAt: Date;
  capacity: number | null;
  seatsTaken: number;
  registration: RegistrationMode;
  /** Held at one of the mobile EPN's stops: where. */
  stop: { commune: string; label: string } | null;
  online: boolean;
};

/** The next `limit` sessions of the place from `now` (visits to its stops are `nextVisits`'), in time order. */
export async function upcomingSessionsOfPlace(db: Db, { placeId, limit = 5, now }: { placeId: string; limit?: number; now: Date }): Promise<UpcomingSession[]> {
  const rows = await db
    .select({
      sessionId: workshopSessions.id, title: workshops.title, kind: workshops.kind, startsAt: workshopSessions.startsAt, endsAt: workshopSessions.endsAt,
      capacity: workshopSessions.capacity, seatsTaken: workshopSessions.seatsTaken, registration: workshops.registration, location: workshops.location,
      stopCommune: stops.commune, stopLabel: stops.label,
    })
    .from(workshopSessions)
    .innerJoin(workshops, eq(workshops.id, workshopSessions.workshopId))
    .leftJoin(stops, eq(stops.id, workshopSessions.stopId))
    .where(
      and(
        eq(workshopSessions.placeId, placeId), eq(workshopSessions.status, "scheduled"), gte(workshopSessions.startsAt, now),
        eq(workshops.published, true), isNull(workshops.cancelledAt), ne(workshops.kind, "visit"),
      ),
    )
    .orderBy(asc(workshopSessions.startsAt), asc(workshopSessions.id))
    .limit(limit);
  return rows.map(({ location, stopCommune, stopLabel, ...r }) => ({
    ...r,
    stop: stopCommune !== null && stopLabel !== null ? { commune: stopCommune, label: stopLabel } : null,
    online: location === "online",
  }));
}

export type Visit = { sessionId: string; stopId: string; title: string; startsAt: Date; endsAt: Date; commune: string; label: string };

/**
 * The mobile EPN's next `limit` passages from `now`: scheduled sessions at its active stops (a
 * visit, or a workshop held there), in time order.
 */
export async function nextVisits(db: Db, { placeId, limit = 5, now }: { placeId: string; limit?: number; now: Date }): Promise<Visit[]> {
  return db
    .select({
      sessionId: workshopSessions.id, stopId: stops.id, title: workshops.title, startsAt: workshopSessions.startsAt, endsAt: workshopSessions.endsAt,
      commune: stops.commune, label: stops.label,
    })
    .from(workshopSessions)
    .innerJoin(workshops, eq(workshops.id, workshopSessions.workshopId))
    .innerJoin(stops, eq(stops.id, workshopSessions.stopId))
    .where(
      and(
        eq(workshopSessions.placeId, placeId), eq(workshopSessions.status, "scheduled"), gte(workshopSessions.startsAt, now),
        eq(workshops.published, true), isNull(workshops.cancelledAt), eq(stops.active, true), sql`${stops.placeId} = ${placeId}`,
      ),
    )
    .orderBy(asc(workshopSessions.startsAt), asc(workshopSessions.id))
    .limit(limit);
}
