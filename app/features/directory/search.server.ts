import { sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { openStatus, type OpenStatus } from "~/features/hours/open-now";
import { foldText } from "~/lib/text";
import { locate, type CommuneChoice, type Origin } from "./locate.server";
import { DAYS, type DirectoryQuery } from "./query";

export const RESULTS_PER_PAGE = 20;

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
  total: number;
  page: number;
  pages: number;
};

/** SQL conditions for the filters (everything but the text and the position). */
function filterConditions(q: DirectoryQuery, now: Date): SQL[] {
  const c: SQL[] = [sql`p.status = 'published'`];
  const arr = (values: string[]) => sql`ARRAY[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;
  if (q.services.length) c.push(sql`p.services @> ${arr(q.services)}`);
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
    // Regular week in the place's own time zone; holidays are checked afterwards.
    const local = sql`(${now.toISOString()}::timestamptz at time zone p.time_zone)`;
    c.push(sql`exists (select 1 from place_weekly_hours h where h.place_id = p.id
      and h.weekday = extract(isodow from ${local})
      and h.start_minute <= extract(hour from ${local}) * 60 + extract(minute from ${local})
      and h.end_minute > extract(hour from ${local}) * 60 + extract(minute from ${local}))`);
  } else if (q.ouvert) {
    c.push(sql`exists (select 1 from place_weekly_hours h where h.place_id = p.id and h.weekday = ${DAYS.indexOf(q.ouvert) + 1})`);
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
  if (location.kind === "choices") return { choices: location.choices, results: [], total: 0, page: 1, pages: 1 };
  const conditions = filterConditions(q, now);
  const origin = location.kind === "origin" ? location.origin : undefined;
  const text = location.kind === "text" ? foldText(location.text) : undefined;
  if (text) conditions.push(sql`(p.search_text like ${`%${text.replace(/[%_\\]/g, "\\$&")}%`} or p.search_text % ${text})`);
  const where = sql.join(conditions, sql` and `);
  const page = q.page;
  const offset = (page - 1) * perPage;

  const [{ n }] = (await rows(db, sql`select count(*) as n from places p where ${where}`)) as { n: number | string }[];
  const total = Number(n);
  let list: Row[];
  if (origin) {
    // Nearest candidates by the GiST index (planar distance in degrees), then ranked
    // by true great-circle distance; the margin covers the planar approximation.
    const candidates = offset + perPage * 3 + 100;
    list = await rows(db, sql`
      select * from (
        select ${columns}, ${metres(origin)} as distance_metres
        from places p
        where ${where}
        order by p.location <-> point(${origin.longitude}, ${origin.latitude}) nulls last
        limit ${candidates}
      ) c order by c.distance_metres nulls last, c.name
      limit ${perPage} offset ${offset}`);
  } else if (text) {
    list = await rows(db, sql`select ${columns}, null as distance_metres from places p where ${where}
      order by similarity(p.search_text, ${text}) desc, p.name limit ${perPage} offset ${offset}`);
  } else {
    list = await rows(db, sql`select ${columns}, null as distance_metres from places p where ${where}
      order by p.commune, p.name limit ${perPage} offset ${offset}`);
  }
  const results = list.map((r) => toResult(r, now));
  return {
    origin,
    text: location.kind === "text" ? location.text : undefined,
    // "Open now" is pre-filtered on the regular week: a public holiday can still close a place.
    results: q.ouvert === "maintenant" ? results.filter((r) => r.status.kind === "open") : results,
    total,
    page,
    pages: Math.max(1, Math.ceil(total / perPage)),
  };
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
