import { sql, type SQL } from "drizzle-orm";
import { queryPrepared, queryRows as rows, type Db } from "~/db/client.server";
import { KNN_LATITUDE_SCALE } from "~/db/schema";
import { openStatus, weekMinuteAt, type OpenStatus } from "~/features/hours/open-now";
import { DAY_MINUTES, weekMinute, type IsoWeekday } from "~/features/time/weekday";
import { foldText } from "~/lib/text";
import { locate, type CommuneChoice, type Origin } from "./locate.server";
import { boxAround, candidatesFor, nearestAmong } from "./nearest";
import { COUNT_CAP, DAYS, RADII_KM, type DirectoryQuery } from "./query";

export const RESULTS_PER_PAGE = 20;

const zoneLists = new WeakMap<Db, { at: number; zones: Promise<string[]> }>();

/**
 * The few time zones places are in ("open now" is written for each). Read at the first search,
 * then again in the background every minute: no search waits for it after the first. Each
 * reading is a handful of index probes (places_time_zone_idx), not a scan of every place.
 */
function timeZonesInUse(db: Db): Promise<string[]> {
  const known = zoneLists.get(db);
  if (known && Date.now() - known.at < 60_000) return known.zones;
  const read = rows(
    db,
    sql`with recursive zone as (
      select min(time_zone) as name from places
      union all select (select min(time_zone) from places where time_zone > zone.name) from zone where zone.name is not null
    ) select name from zone where name is not null`,
  ).then((list) => (list.length ? list.map((r) => r.name as string) : ["Europe/Paris"]));
  if (!known) {
    zoneLists.set(db, { at: Date.now(), zones: read });
    read.catch(() => zoneLists.delete(db));
    return read;
  }
  known.at = Date.now(); // one reading at a time
  read.then((zones) => zoneLists.set(db, { at: Date.now(), zones: Promise.resolve(zones) }), () => {});
  return known.zones;
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
  /** Around a position, the distance (km) within which places were looked for; undefined: everywhere. */
  radiusKm?: number;
};

/** A SQL string literal. */
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** SQL conditions for the filters (everything but the text and the position). */
function filterConditions(q: DirectoryQuery, now: Date, timeZones: string[]): SQL[] {
  const c: SQL[] = [sql`p.status = 'published'`];
  const arr = (values: string[]) => sql`ARRAY[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;
  // One literal condition per service, so the planner can use that service's partial GiST
  // index (places_knn_service_*_idx): the values are the standard's, checked on input.
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
    // The regular week in each place's own time zone (few zones: the minute of the week is
    // computed here for each); public holidays are checked afterwards. Written with literals,
    // so that the planner estimates from the statistics how many places are open.
    // "Has hours" is said on its own too, for the indexes to skip the places without them.
    const zones = timeZones.flatMap((zone) => {
      const minute = weekMinuteAt(zone, now);
      return minute === undefined ? [] : [`(p.time_zone = ${literal(zone)} and p.week_hours @> ${minute})`];
    });
    c.push(sql.raw(`p.week_hours is not null and (${zones.join(" or ") || "false"})`));
  } else if (q.ouvert) {
    const day = (DAYS.indexOf(q.ouvert) + 1) as IsoWeekday; // DAYS is in ISO order
    c.push(sql`p.week_hours && int4multirange(int4range(${weekMinute(day, 0)}::int, ${weekMinute(day, DAY_MINUTES)}::int))`);
  }
  return c;
}

/** The columns a result needs, in the order `toResult` reads them from a page's JSON. */
const placeColumns = sql.raw(`p.id, p.slug, p.name, p.commune, p.postcode, p.address, p.latitude, p.longitude, p.services, p.fees,
  p.opening_hours, p.hours_text, p.time_zone, p.week_hours`);
const placeJson = sql.raw(`json_build_array(k.id, k.slug, k.name, k.commune, k.postcode, k.address, k.latitude, k.longitude, k.services, k.fees,
  k.opening_hours, k.hours_text, k.time_zone, k.week_hours,
  exists (select 1 from label_grants g where g.place_id = k.id and g.valid_from <= current_date and (g.valid_until is null or g.valid_until >= current_date)),
  k.d)`);

/** Great-circle distance in metres from the origin (haversine). */
function metres(origin: Origin) {
  return sql`case when p.latitude is null then null else 6371000 * 2 * asin(sqrt(
    power(sin(radians(p.latitude - ${origin.latitude}) / 2), 2)
    + cos(radians(${origin.latitude})) * cos(radians(p.latitude)) * power(sin(radians(p.longitude - ${origin.longitude}) / 2), 2))) end`;
}

/** How often a nearest-first page needed the box query (printed by the bench). */
export const nearestStats = { pages: 0, boxed: 0 };

export type SearchOptions = {
  /** How many candidates to ask the index for, to get `need` places nearest first (tests and the bench vary it). */
  candidates?: (need: number) => number;
};

export async function searchDirectory(db: Db, q: DirectoryQuery, now = new Date(), perPage = RESULTS_PER_PAGE, options: SearchOptions = {}): Promise<DirectorySearch> {
  const location = await locate(db, q);
  if (location.kind === "choices") return { choices: location.choices, results: [], total: 0, page: 1, pages: 1, hasNext: false };
  const conditions = filterConditions(q, now, q.ouvert === "maintenant" ? await timeZonesInUse(db) : []);
  const origin = location.kind === "origin" ? location.origin : undefined;
  const text = location.kind === "text" ? foldText(location.text) : undefined;
  // Nearest-first needs a position (importing fills it from the commune when missing).
  if (origin) conditions.push(sql`p.knn_point is not null`);
  if (text) conditions.push(sql`(p.search_text like ${`%${text.replace(/[%_\\]/g, "\\$&")}%`} or p.search_text % ${text})`);
  const where = sql.join(conditions, sql` and `);
  const page = q.page;
  const offset = (page - 1) * perPage;
  // "Open now" is pre-filtered on the regular week: a public holiday can still close a place.
  const visible = (list: unknown[]) => {
    const results = list.map((r) => toResult(r as PlaceJson, now));
    return q.ouvert === "maintenant" ? results.filter((r) => r.status.kind === "open") : results;
  };

  if (origin) {
    // One row more than the page tells whether a next page exists; nothing is counted.
    const need = offset + perPage + 1;
    const asked = Math.max(need, (options.candidates ?? candidatesFor)(need));
    // Within `rayon` km only: the candidates must hold every match up to the nearer of the
    // need-th nearest and the radius; farther ones are left out of the page.
    const radius = q.rayon === undefined ? undefined : q.rayon * 1000;
    const capped = (found: NearestPage) => (radius === undefined || found.reach === null ? found : { ...found, reach: Math.min(found.reach, radius) });
    const span = { offset, need, radius };
    // Its counts are written in the statement: prepared only for the first page of the pages'
    // sizes and distances, so that a crawler walking pages or sizes does not pile statements up.
    const usual = offset === 0 && perPage === RESULTS_PER_PAGE && (q.rayon === undefined || (RADII_KM as readonly number[]).includes(q.rayon));
    let found = capped(await nearestPage(db, nearestCandidates(where, origin, asked), span, { prepared: usual }));
    nearestStats.pages++;
    if (!nearestAmong(origin, { asked, ...found })) {
      nearestStats.boxed++;
      found = await nearestPage(db, boxedCandidates(where, origin, found.reach!), span, { prepared: false });
    }
    const list = found.page ?? [];
    const hasNext = list.length > perPage;
    const results = visible(list.slice(0, perPage));
    if (hasNext) return { origin, results, total: null, page, pages: null, hasNext, radiusKm: q.rayon };
    // The last page: everything before it is full, so the total is known (past the end, count).
    const within = radius === undefined ? where : sql`${where} and ${metres(origin)} <= ${radius}`;
    const total = list.length > 0 || offset === 0 ? offset + results.length : await countMatches(db, within);
    return { origin, results, total, page, pages: Math.max(1, Math.ceil(total / perPage)), hasNext, radiusKm: q.rayon };
  }

  const total = await countMatches(db, where);
  const order = text ? sql`similarity(p.search_text, ${text}) desc, p.name` : sql`p.commune, p.name`;
  const [{ page: list }] = await rows(db, sql`select json_agg(${placeJson} order by k.rank) as page from (
      select ${placeColumns}, null::float8 as d, row_number() over (order by ${order}) as rank
      from places p where ${where} order by ${order} limit ${perPage} offset ${offset}) k`);
  const pages = Math.max(1, Math.ceil(total / perPage));
  return { text: location.kind === "text" ? location.text : undefined, results: visible((list as unknown[] | null) ?? []), total, page, pages, hasNext: page < pages };
}

/** Counting every match across the country costs more than the search itself: stop at COUNT_CAP. */
async function countMatches(db: Db, where: SQL): Promise<number> {
  const [{ n }] = (await rows(db, sql`select count(*) as n from (select 1 from places p where ${where} limit ${COUNT_CAP}) c`)) as { n: number | string }[];
  return Number(n);
}

/**
 * Candidates for a nearest-first page: the `asked` matching places nearest to the origin by
 * the GiST index's planar distance (in degrees), with their great-circle distance `d`.
 */
function nearestCandidates(where: SQL, origin: Origin, asked: number): SQL {
  const at = sql`point(${origin.longitude}, ${origin.latitude * KNN_LATITUDE_SCALE})`;
  return sql`select ${placeColumns}, ${metres(origin)} as d, p.knn_point <-> ${at} as planar
    from places p where ${where}
    order by p.knn_point <-> ${at} limit ${sql.raw(String(asked))}`;
}

/**
 * Candidates that surely hold the nearest places when the index's nearest ones may not (few
 * matches around, near a pole or the antimeridian): `reach` (metres) bounds the distance of the
 * `need` nearest, so they all lie in the latitude/longitude box around the circle of that
 * radius. Near a pole or across the antimeridian the box is the whole world (exact, slower).
 */
function boxedCandidates(where: SQL, origin: Origin, reach: number): SQL {
  const { latitude: lat, longitude: lon } = origin;
  const half = boxAround(origin, reach);
  const k = KNN_LATITUDE_SCALE;
  // With a margin against rounding.
  const box = half
    ? sql`box(point(${lon - half.dlon - 1e-9}, ${(lat - half.dlat - 1e-9) * k}), point(${lon + half.dlon + 1e-9}, ${(lat + half.dlat + 1e-9) * k}))`
    : sql`box(point(-181, ${-91 * k}), point(181, ${91 * k}))`;
  return sql`select ${placeColumns}, ${metres(origin)} as d, null::float8 as planar
    from places p where ${where} and p.knn_point <@ ${box} and ${metres(origin)} <= ${reach * (1 + 1e-9)}`;
}

type NearestPage = { fetched: number; farthest: number | null; reach: number | null; page: unknown[] | null };

/**
 * One statement, one row: the candidates ranked by great-circle distance (then name), the page
 * (ranks offset+1 … need, within `radius` metres if given) as JSON, and what `nearestAmong` needs
 * to know whether the candidates surely held the true nearest ones. The index's candidates come
 * from a prepared statement (its plan is the same whatever the origin).
 */
async function nearestPage(
  db: Db,
  candidates: SQL,
  { offset, need, radius }: { offset: number; need: number; radius?: number },
  { prepared }: { prepared: boolean },
): Promise<NearestPage> {
  const within = radius === undefined ? sql`` : sql` and k.d <= ${sql.raw(String(radius))}`;
  const query = sql`select count(*)::int as fetched, max(k.planar) as farthest,
      max(k.d) filter (where k.rank <= ${sql.raw(String(need))}) as reach,
      json_agg(${placeJson} order by k.rank) filter (where k.rank > ${sql.raw(String(offset))} and k.rank <= ${sql.raw(String(need))}${within}) as page
    from (select c.*, row_number() over (order by c.d, c.name, c.id) as rank from (${candidates}) c) k`;
  // The box's size varies from a street to half the world: its plan is made for each one.
  const [row] = prepared ? await queryPrepared(db, query) : await rows(db, query);
  return {
    fetched: Number(row.fetched),
    farthest: row.farthest === null ? null : Number(row.farthest),
    reach: row.reach === null ? null : Number(row.reach),
    page: row.page as unknown[] | null,
  };
}

/** A result as the page's JSON gives it (see placeJson). */
type PlaceJson = [
  id: string, slug: string, name: string, commune: string, postcode: string, address: string, latitude: number | null, longitude: number | null,
  services: string[] | null, fees: string[] | null, openingHours: string | null, hoursText: string | null, timeZone: string, week: string | null,
  labelled: boolean, distance: number | null,
];

function toResult(r: PlaceJson, now: Date): DirectoryResult {
  const [id, slug, name, commune, postcode, address, latitude, longitude, services, fees, openingHours, hoursText, timeZone, week, labelled, distance] = r;
  return {
    id, slug, name, commune, postcode, address, latitude, longitude,
    services: services ?? [],
    fees: fees ?? [],
    openingHours,
    hoursText,
    timeZone,
    labelled,
    distanceMetres: distance,
    status: openStatus(openingHours, timeZone, now, { week }),
  };
}
