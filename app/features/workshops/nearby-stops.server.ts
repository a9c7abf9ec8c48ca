/**
 * Mobile EPN passing near a position: the directory's « L'EPN mobile passe près d'ici » and the
 * stops on its map. One statement: the sessions' GiST index (`workshop_sessions_knn_idx`, on the
 * stop's point and the start, scheduled sessions only) gives the sessions in the box around the
 * circle and the date window; the great-circle distance then keeps those within `km`; each stop
 * comes once, at its next passage; nearest first.
 */
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "~/db/client.server";
import { KNN_LATITUDE_SCALE } from "~/db/schema";
import { boxAround } from "~/features/directory/nearest";

/** The directory shows passages in the next this many days. */
export const NEARBY_VISITS_DAYS = 30;

export type NearbyVisit = {
  sessionId: string;
  stopId: string;
  placeSlug: string;
  placeName: string;
  timeZone: string;
  commune: string;
  label: string;
  latitude: number;
  longitude: number;
  startsAt: Date;
  endsAt: Date;
  /** Null when no position was given. */
  distanceMetres: number | null;
};

/** Great-circle distance in metres from the origin to the stop `s` (haversine, as the directory's). */
function metres(latitude: number, longitude: number) {
  return sql`6371000 * 2 * asin(sqrt(
    power(sin(radians(s.latitude - ${latitude}) / 2), 2)
    + cos(radians(${latitude})) * cos(radians(s.latitude)) * power(sin(radians(s.longitude - ${longitude}) / 2), 2)))`;
}

/**
 * The next passage of each active stop of a published place within `km` of the position, starting
 * in [from, to), of a published series not cancelled; the `limit` nearest (then soonest). With no
 * position (`latitude`/`longitude` null): the soonest passages anywhere, for the whole map.
 */
export async function nearbyVisits(
  db: Db,
  input: { latitude: number | null; longitude: number | null; km: number; from: Date; to: Date; limit: number },
): Promise<NearbyVisit[]> {
  const { latitude, longitude, km, from, to, limit } = input;
  const around = latitude !== null && longitude !== null;
  const k = KNN_LATITUDE_SCALE;
  const half = around ? boxAround({ latitude, longitude }, km * 1000) : undefined;
  // With a margin against rounding; near a pole or across the antimeridian, the whole world.
  const box = !around
    ? sql`true`
    : half
      ? sql`ws.knn_point <@ box(point(${longitude - half.dlon - 1e-9}, ${(latitude - half.dlat - 1e-9) * k}), point(${longitude + half.dlon + 1e-9}, ${(latitude + half.dlat + 1e-9) * k}))`
      : sql`ws.knn_point is not null`;
  const distance = around ? metres(latitude, longitude) : sql`null::float8`;
  const within = around ? sql`and ${distance} <= ${km * 1000 * (1 + 1e-9)}` : sql``;
  const rows = await queryRows(
    db,
    sql`select * from (
      select distinct on (ws.stop_id) ws.id, ws.stop_id, ws.starts_at, ws.ends_at, s.commune, s.label, s.latitude, s.longitude,
             p.slug, p.name, p.time_zone, ${distance} as d
      from workshop_sessions ws
      join stops s on s.id = ws.stop_id
      join workshops w on w.id = ws.workshop_id
      join places p on p.id = ws.place_id
      where ws.status = 'scheduled' and ${box}
        and ws.starts_at >= ${from.toISOString()}::timestamptz and ws.starts_at < ${to.toISOString()}::timestamptz
        and s.active and w.published and w.cancelled_at is null and p.status = 'published' ${within}
      order by ws.stop_id, ws.starts_at, ws.id
    ) v order by v.d, v.starts_at, v.id limit ${limit}`,
  );
  return rows.map((r) => ({
    sessionId: String(r.id),
    stopId: String(r.stop_id),
    placeSlug: String(r.slug),
    placeName: String(r.name),
    timeZone: String(r.time_zone),
    commune: String(r.commune),
    label: String(r.label),
    latitude: Number(r.latitude),
    longitude: Number(r.longitude),
    startsAt: new Date(r.starts_at as string),
    endsAt: new Date(r.ends_at as string),
    distanceMetres: r.d === null ? null : Number(r.d),
  }));
}
