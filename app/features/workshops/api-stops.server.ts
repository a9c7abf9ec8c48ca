/**
 * A mobile EPN's stops in the open-data API (`GET /api/v1/lieux`), as `x_arrets`: the national
 * standard has no field for them, so they go in a property of their own beside the standard's
 * (the standard's validation reads only its own fields), with the next passage at each, written
 * with the place's offset. Only active stops; a place without any has no `x_arrets`.
 */
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "~/db/client.server";
import { toZonedIso } from "~/features/time/zone";

export type ApiStop = {
  id: string;
  nom: string;
  adresse: string;
  code_postal: string;
  commune: string;
  code_insee: string;
  latitude: number;
  longitude: number;
  /** The next scheduled passage (a session at the stop of a published series), null when none is planned. */
  prochain_passage: { debut: string; fin: string } | null;
};

export async function stopsForApi(db: Db, { placeIds, now }: { placeIds: readonly string[]; now: Date }): Promise<Map<string, ApiStop[]>> {
  const byPlace = new Map<string, ApiStop[]>();
  if (placeIds.length === 0) return byPlace;
  const rows = await queryRows(
    db,
    sql`select s.id, s.place_id, s.label, s.address, s.postcode, s.commune, s.insee_code, s.latitude, s.longitude, p.time_zone, n.starts_at, n.ends_at
      from stops s
      join places p on p.id = s.place_id
      left join lateral (
        select ws.starts_at, ws.ends_at from workshop_sessions ws join workshops w on w.id = ws.workshop_id
        where ws.stop_id = s.id and ws.status = 'scheduled' and ws.starts_at >= ${now.toISOString()}::timestamptz and w.published and w.cancelled_at is null
        order by ws.starts_at limit 1
      ) n on true
      where s.active and s.place_id in (${sql.join(placeIds.map((id) => sql`${id}::uuid`), sql`, `)})
      order by s.place_id, s.label, s.id`,
  );
  for (const r of rows) {
    const zone = String(r.time_zone);
    const stop: ApiStop = {
      id: String(r.id), nom: String(r.label), adresse: String(r.address), code_postal: String(r.postcode), commune: String(r.commune), code_insee: String(r.insee_code),
      latitude: Number(r.latitude), longitude: Number(r.longitude),
      prochain_passage: r.starts_at === null ? null : { debut: toZonedIso(zone, new Date(r.starts_at as string)), fin: toZonedIso(zone, new Date(r.ends_at as string)) },
    };
    const placeId = String(r.place_id);
    byPlace.set(placeId, [...(byPlace.get(placeId) ?? []), stop]);
  }
  return byPlace;
}
