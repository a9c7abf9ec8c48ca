import { sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { openStatus, type OpenStatus } from "~/features/hours/open-now";
import { foldText } from "~/lib/text";
import { locate, type CommuneChoice, type Origin } from "./locate.server";
import { COUNT_CAP, DAYS, type DirectoryQuery } from "./query";

export const RESULTS_PER_PAGE = 20;

let zonesCache: { at: number; zones: string[] } | undefined;
/** The few time zones places are in (refreshed every minute). */
async function timeZonesInUse(db: Db): Promise<string[]> {
  if (zonesCache && Date.now() - zonesCache.at < 60_000) return zonesCache.zones;
  const list = await rows(db, sql`select distinct time_zone from places`);
  zonesCache = { at: Date.now(), zones: list.map((r) => r.time_zone as string) };
  return zonesCache.zones.length ? zonesCache.zones : ["Europe/Paris"];
}

const weekdays: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
const weekFormats = new Map<string, Intl.DateTimeFormat>();
/** Minutes since Monday 00:00 at `now` in `zone`. */
function localWeekMinute(now: Date, zone: string): number {
  let format = weekFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { timeZone: zone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    weekFormats.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(now).map((p) => [p.type, p.value]));
  return weekdays[parts.weekday] * 1440 + Number(parts.hour) * 60 + Number(parts.minute);
}

export type DirectoryResult = {
  id: string;
  slug: string;
  name: string;
  commune: string;
  postcode: string;
  address: string;
  latitude: number | null;
  longitude: number | null;
  services: string[];
  fees: string[];
  openingHours: string | null;
  hoursText: string | null;
  timeZone: string;
  labelled: boolean;
  distanceMetres: number | null;
  status: OpenStatus;
};

export type DirectorySearch = {
  origin?: Origin;
  choices?: CommuneChoice[];
  /** Text searched in place names when it is not a commune or a postcode. */
  text?: string;
  results: DirectoryResult[];
  /**
   * How many places match: exact below COUNT_CAP, COUNT_CAP (a lower bound) above it;
   * null around a position when more pages follow (nearest first, page after page:
   * counting across the country would cost more than the search).
   */
  total: number | null;
  page: number;
  /** Number of pages, null when `total` is. */
  pages: number | null;
  /** A next page exists. */
  hasNext: boolean;
};

/** A SQL string literal. */
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** SQL conditions for the filters (everything but the text and the position). */
function filterConditions(q: DirectoryQuery, now: Date, timeZones: string[]): SQL[] {
  const c: SQL[] = [sql`p.status = 'published'`];
  const arr = (values: string[]) => sql`ARRAY[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;
  // One literal condition per service, so the planner can use that service's partial GiST
  // index (places_location_service_*_idx): the values are the standard's, checked on input.
  for (const service of q.services) c.push(sql.raw(`p.services @> array[${literal(service)}]::text[]`));
  if (q.publics.length) c.push(sql`p.publics @> ${arr(q.publics)}`);
  if (q.accompagnement.length) c.push(sql`p.specific_support @> ${arr(q.accompagnement)}`);
  if (q.acces.length) c.push(sql`p.access_modes @> ${arr(q.acces)}`);
  if (q.gratuit) c.push(sql`'Gratuit' = any(p.fees)`);
  if (q.pmr) c.push(sql`'Handicaps moteurs' = any(p.specific_support)`);
  if (q.label) {
    c.push(sql`exists (select 1 from label_grants g join networks n on n.id = g.network_id
      where g.place_id = p.id and n.slug = ${q.label} and g.valid_from <= current_date and (g.valid_until is null or g.valid_until >= current_date))`);
  }
  if (q.reseau) {
    c.push(sql`exists (select 1 from place_networks pn join networks n on n.id = pn.network_id where pn.place_id = p.id and n.slug = ${q.reseau})`);
  }
  if (q.ouvert === "maintenant") {
    // The regular week in each place's own time zone (few zones: the minute of the
    // week is computed here for each); public holidays are checked afterwards.
    const cases = sql.join(timeZones.map((zone) => sql`when ${zone} then ${localWeekMinute(now, zone)}::int`), sql` `);
    c.push(sql`p.week_hours @> (case p.time_zone ${cases} end)`);
  } else if (q.ouvert) {
    const start = DAYS.indexOf(q.ouvert) * 1440;
    c.push(sql`p.week_hours && int4multirange(int4range(${start}::int, ${start + 1440}::int))`);
  }
  return c;
}

const columns = sql`p.id, p.slug, p.name, p.commune, p.postcode, p.address, p.latitude, p.longitude, p.services, p.fees,
  p.opening_hours, p.hours_text, p.time_zone,
  exists (select 1 from label_grants g where g.place_id = p.id and g.valid_from <= current_date and (g.valid_until is null or g.valid_until >= current_date)) as labelled`;

/** Great-circle distance in metres from the origin (haversine). */
function metres(origin: Origin) {
  return sql`case when p.latitude is null then null else 6371000 * 2 * asin(sqrt(
    power(sin(radians(p.latitude - ${origin.latitude}) / 2), 2)
    + cos(radians(${origin.latitude})) * cos(radians(p.latitude)) * power(sin(radians(p.longitude - ${origin.longitude}) / 2), 2))) end`;
}

type Row = Record<string, unknown>;
async function rows(db: Db, query: SQL): Promise<Row[]> {
  const result = await db.execute(query);
  return (Array.isArray(result) ? result : (result as unknown as { rows: Row[] }).rows) as Row[];
}

export async function searchDirectory(db: Db, q: DirectoryQuery, now = new Date(), perPage = RESULTS_PER_PAGE): Promise<DirectorySearch> {
  const location = await locate(db, q);
  if (location.kind === "choices") return { choices: location.choices, results: [], total: 0, page: 1, pages: 1, hasNext: false };
  const conditions = filterConditions(q, now, q.ouvert === "maintenant" ? await timeZonesInUse(db) : []);
  const origin = location.kind === "origin" ? location.origin : undefined;
  const text = location.kind === "text" ? foldText(location.text) : undefined;
  // Nearest-first needs a position (importing fills it from the commune when missing).
  if (origin) conditions.push(sql`p.location is not null`);
  if (text) conditions.push(sql`(p.search_text like ${`%${text.replace(/[%_\\]/g, "\\$&")}%`} or p.search_text % ${text})`);
  const where = sql.join(conditions, sql` and `);
  const page = q.page;
  const offset = (page - 1) * perPage;
  // "Open now" is pre-filtered on the regular week: a public holiday can still close a place.
  const visible = (list: Row[]) => {
    const results = list.map((r) => toResult(r, now));
    return q.ouvert === "maintenant" ? results.filter((r) => r.status.kind === "open") : results;
  };

  if (origin) {
    // One row more than the page tells whether a next page exists; nothing is counted.
    const list = await rows(db, nearestQuery(where, origin, perPage + 1, offset));
    const hasNext = list.length > perPage;
    const results = visible(list.slice(0, perPage));
    if (hasNext) return { origin, results, total: null, page, pages: null, hasNext };
    // The last page: everything before it is full, so the total is known (past the end, count).
    const total = list.length > 0 || offset === 0 ? offset + results.length : await countMatches(db, where);
    return { origin, results, total, page, pages: Math.max(1, Math.ceil(total / perPage)), hasNext };
  }

  const total = await countMatches(db, where);
  const list = text
    ? await rows(db, sql`select ${columns}, null as distance_metres from places p where ${where}
      order by similarity(p.search_text, ${text}) desc, p.name limit ${perPage} offset ${offset}`)
    : await rows(db, sql`select ${columns}, null as distance_metres from places p where ${where}
      order by p.commune, p.name limit ${perPage} offset ${offset}`);
  const pages = Math.max(1, Math.ceil(total / perPage));
  return { text: location.kind === "text" ? location.text : undefined, results: visible(list), total, page, pages, hasNext: page < pages };
}

/** Counting every match across the country costs more than the search itself: stop at COUNT_CAP. */
async function countMatches(db: Db, where: SQL): Promise<number> {
  const [{ n }] = (await rows(db, sql`select count(*) as n from (select 1 from places p where ${where} limit ${COUNT_CAP}) c`)) as { n: number | string }[];
  return Number(n);
}

/**
 * The matching places ranked by true great-circle distance from the origin (then name),
 * `limit` of them after `offset`, in one statement. The GiST index gives the
 * `offset + limit` nearest matches by planar distance in degrees; the farthest of them
 * (in metres), the reach, bounds the distance of the true nearest ones, which all lie
 * in the latitude/longitude box around the origin that contains the circle of that
 * radius. Every match in that box is then ranked exactly. Near a pole or across the
 * antimeridian the box is the whole world (still exact, only slower).
 */
function nearestQuery(where: SQL, origin: Origin, limit: number, offset: number): SQL {
  const { latitude: lat, longitude: lon } = origin;
  const need = offset + limit;
  return sql`
    with knn as (
      select max(k.d) as reach from (
        select ${metres(origin)} as d from places p where ${where}
        order by p.location <-> point(${lon}, ${lat}) limit ${need}
      ) k
    ),
    reach as (
      -- Half-sides of the box in degrees (1e-9 margin against rounding); angular radius r = reach / R.
      select knn.reach, degrees(knn.reach / 6371000) + 1e-9 as dlat,
        case when knn.reach / 6371000 >= radians(90 - abs(${lat}::float8)) then 360
          else degrees(asin(least(1, sin(knn.reach / 6371000) / cos(radians(${lat}::float8))))) + 1e-9 end as dlon
      from knn
    ),
    area as (
      select reach.reach, case when ${lat}::float8 + dlat >= 90 or ${lat}::float8 - dlat <= -90 or ${lon}::float8 - dlon < -180 or ${lon}::float8 + dlon > 180
          then box(point(-181, -91), point(181, 91))
          else box(point(${lon}::float8 - dlon, ${lat}::float8 - dlat), point(${lon}::float8 + dlon, ${lat}::float8 + dlat)) end as box
      from reach
    )
    select ${columns}, c.distance_metres from (
      select p.id, p.name, ${metres(origin)} as distance_metres
      from places p
      where ${where} and p.location <@ (select box from area) and ${metres(origin)} <= (select reach from area)
      order by distance_metres, p.name, p.id
      limit ${limit} offset ${offset}
    ) c join places p on p.id = c.id
    order by c.distance_metres, c.name, c.id`;
}

function toResult(r: Row, now: Date): DirectoryResult {
  const openingHours = (r.opening_hours as string | null) ?? null;
  const timeZone = r.time_zone as string;
  return {
    id: r.id as string,
    slug: r.slug as string,
    name: r.name as string,
    commune: r.commune as string,
    postcode: r.postcode as string,
    address: r.address as string,
    latitude: r.latitude === null ? null : Number(r.latitude),
    longitude: r.longitude === null ? null : Number(r.longitude),
    services: pgArray(r.services),
    fees: pgArray(r.fees),
    openingHours,
    hoursText: (r.hours_text as string | null) ?? null,
    timeZone,
    labelled: r.labelled === true || r.labelled === "t",
    distanceMetres: r.distance_metres === null || r.distance_metres === undefined ? null : Number(r.distance_metres),
    status: openStatus(openingHours, timeZone, now),
  };
}

/** Raw queries return text[] as arrays (PGlite, postgres.js) or as '{a,"b c"}' text. */
function pgArray(value: unknown): string[] {
  if (Array.isArray(value)) return value as string[];
  if (typeof value !== "string" || value === "{}") return [];
  return value
    .slice(1, -1)
    .match(/"((?:[^"\\]|\\.)*)"|[^,]+/g)!
    .map((item) => (item.startsWith('"') ? item.slice(1, -1).replace(/\\(.)/g, "$1") : item));
}
