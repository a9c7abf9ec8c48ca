/**
 * "The nearest places with a free computer in the next days": from a position, the published
 * places that have a computer station the public books online, nearest first, keeping those
 * where one of them has a free start within `days` days (the availability engine's rules: hours,
 * holidays, closures, bookings, lead times), until `limit` are found.
 *
 * Candidates come in pages from the places' nearest-first GiST index (knn_point, the directory's
 * plane: directory/nearest.ts), each page ranked by great-circle distance. The index's order is
 * nearly the true one in France; across the edge of a page it is taken as it is (a place a few
 * metres nearer on the ground than the last of a page may come in the next one).
 * Each page costs two statements whatever its size: the places with their stations, and the
 * stations' bookings with the places' closures in the window.
 */
import { sql } from "drizzle-orm";
import { queryPrepared, type Db } from "~/db/client.server";
import { KNN_LATITUDE_SCALE } from "~/db/schema";
import { candidatesFor } from "~/features/directory/nearest";
import { freeSlots, type Slot } from "./availability";
import { availabilityInputOf, busyAndClosures, type BookingPlace, type SlotResource } from "./resources.server";

const DAY = 86_400_000;
/** Past this many places looked at, the search stops with what it found. */
const MAX_EXAMINED = 400;

export type NearbyFree = {
  place: BookingPlace & { latitude: number; longitude: number };
  /** Great-circle distance from the position, in metres. */
  distanceMetres: number;
  /** The earliest free start of a station of the place, and that station. */
  first: Slot;
  resourceId: string;
  /** How many of the place's public stations have a free start in the window. */
  freeStations: number;
};

export type NearbyQuery = { latitude: number; longitude: number; limit?: number; days?: number; now?: number };

type Candidate = BookingPlace & { latitude: number; longitude: number; d: number; stations: SlotResource[] };

/**
 * One page of candidates: places with a public station, nearest first by the index, then by true
 * distance; each with its public stations (what the availability engine needs of them), in order.
 */
async function candidates(db: Db, origin: { latitude: number; longitude: number }, offset: number, count: number): Promise<Candidate[]> {
  const { latitude: lat, longitude: lon } = origin;
  const rows = await queryPrepared(
    db,
    sql`select p.id, p.slug, p.name, p.time_zone, p.opening_hours, p.address, p.postcode, p.commune, p.phone, p.status, p.latitude, p.longitude,
        6371000 * 2 * asin(sqrt(power(sin(radians(p.latitude - ${lat}) / 2), 2)
          + cos(radians(${lat})) * cos(radians(p.latitude)) * power(sin(radians(p.longitude - ${lon}) / 2), 2))) as d,
        (select json_agg(json_build_object('id', r.id, 'minMinutes', r.min_minutes, 'maxMinutes', r.max_minutes, 'gridMinutes', r.grid_minutes,
            'minLeadMinutes', r.min_lead_minutes, 'maxLeadDays', r.max_lead_days, 'bufferMinutes', r.buffer_minutes, 'hours', r.hours) order by r.position, r.name)
          from resources r where r.place_id = p.id and r.kind = 'station' and r.active and r.public_online) as stations
      from places p
      where p.knn_point is not null and p.status = 'published'
        and exists (select 1 from resources r where r.place_id = p.id and r.kind = 'station' and r.active and r.public_online)
      order by p.knn_point <-> point(${lon}, ${lat * KNN_LATITUDE_SCALE})
      limit ${count} offset ${offset}`,
  );
  return rows
    .map((r) => ({
      id: String(r.id), slug: String(r.slug), name: String(r.name), timeZone: String(r.time_zone), openingHours: (r.opening_hours as string | null) ?? null,
      address: String(r.address), postcode: String(r.postcode), commune: String(r.commune), phone: (r.phone as string | null) ?? null, status: String(r.status),
      latitude: Number(r.latitude), longitude: Number(r.longitude), d: Number(r.d),
      stations: (typeof r.stations === "string" ? JSON.parse(r.stations) : r.stations) as SlotResource[],
    }))
    .sort((a, b) => a.d - b.d);
}

/** The places of a page that have a free station in [now, now + days), in the page's order: the first `need` of them. */
async function freeAmong(db: Db, page: Candidate[], now: number, days: number, need: number): Promise<NearbyFree[]> {
  if (page.length === 0 || need <= 0) return [];
  const stations = page.flatMap((p) => p.stations);
  const end = now + days * DAY;
  // What can touch a start in [now, end): a booking ending after now − buffer, starting before end + the longest booking + buffer.
  const reach = Math.max(0, ...stations.map((r) => r.bufferMinutes + r.maxMinutes)) * 60_000;
  const { busy, closures } = await busyAndClosures(db, page.map((p) => p.id), stations.map((r) => r.id), { from: new Date(now - reach), to: new Date(end + reach) });
  const out: NearbyFree[] = [];
  for (const candidate of page) {
    if (out.length >= need) break;
    const { d, stations: own, ...place } = candidate;
    let best: { slot: Slot; resourceId: string } | null = null;
    let freeStations = 0;
    for (const r of own) {
      const first = freeSlots(availabilityInputOf(place, r, busy, closures, now), now, end)[0];
      if (!first) continue;
      freeStations++;
      if (!best || first.start < best.slot.start) best = { slot: first, resourceId: r.id };
    }
    if (best) out.push({ place, distanceMetres: d, first: best.slot, resourceId: best.resourceId, freeStations });
  }
  return out;
}

/**
 * The `limit` nearest published places (default 10) where a computer station the public books
 * online has a free start within `days` days (default 7) from `now`, nearest first.
 */
export async function nearestWithFreeStation(db: Db, query: NearbyQuery): Promise<NearbyFree[]> {
  const limit = query.limit ?? 10;
  const days = query.days ?? 7;
  const now = query.now ?? Date.now();
  const found: NearbyFree[] = [];
  let offset = 0;
  let count = candidatesFor(limit);
  while (found.length < limit && offset < MAX_EXAMINED) {
    const page = await candidates(db, query, offset, count);
    found.push(...(await freeAmong(db, page, now, days, limit - found.length)));
    if (page.length < count) break;
    offset += count;
    count *= 2;
  }
  return found.slice(0, limit);
}
