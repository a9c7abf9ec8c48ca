/**
 * The network's public agenda: upcoming sessions of published series at published places, in
 * start order, a page at a time, with the filters of the URL (agenda-query.ts).
 *
 * Near a commune, the sessions come from the GiST index `workshop_sessions_knn_idx`
 * (knn_point, starts_at) through a box that holds the circle of the chosen distance — in the
 * index's plane, x = longitude and y = latitude × KNN_LATITUDE_SCALE (features/directory/nearest.ts)
 * — and the dates; then the exact great-circle distance keeps those within it. A theme is read on
 * the session's copy of its series' theme, from `workshop_sessions_theme_idx` (theme, starts_at) in
 * start order: the walk stops at the page's end. Nothing is counted: a 21st row says that a next page exists.
 *
 * The same rows serve the feeds (agenda-feeds.server.ts), which list cancelled sessions too.
 */
import { sql, type SQL } from "drizzle-orm";
import { queryPrepared, queryRows, type Db } from "~/db/client.server";
import { KNN_LATITUDE_SCALE, type RegistrationMode, type WorkshopKind, type WorkshopLevel } from "~/db/schema";
import { locate, type CommuneChoice, type Origin } from "~/features/directory/locate.server";
import { boxAround } from "~/features/directory/nearest";
import { addDays, daysBetween, isIsoDate, isoDate, type IsoDate } from "~/features/time/calendar";
import { formatDateTime, formatDay, formatTimeRange } from "~/features/time/format";
import { todayIn } from "~/features/time/today";
import { toWallTime } from "~/features/time/zone";
import { fr } from "~/lib/messages";
import { AGENDA_DEFAULT_DAYS, AGENDA_PAGE_SIZE, type AgendaQuery } from "./agenda-query";
import { workshopThemeLabel } from "./themes";

const m = fr.agenda;
const HOUR = 3_600_000;

/** Where a session is held. */
export type AgendaWhere =
  | { kind: "place"; placeName: string; placeSlug: string; commune: string }
  | { kind: "stop"; label: string; commune: string; placeName: string; placeSlug: string }
  /** `commune`: the place's, which runs it. */
  | { kind: "online"; placeName: string; placeSlug: string; commune: string };

/** What the API, the OpenAgenda export and the JSON-LD need beyond the list. */
export type AgendaDetail = {
  description: string;
  audience: string;
  bring: string;
  accessibility: string;
  /** The place's or the stop's address (empty online). */
  address: string;
  postcode: string;
  latitude: number | null;
  longitude: number | null;
  placePhone: string | null;
  placeCommune: string;
  placeAddress: string;
  placePostcode: string;
  updatedAt: Date;
};

export type AgendaEntry = {
  sessionId: string;
  title: string;
  kind: WorkshopKind;
  kindLabel: string;
  theme: string | null;
  themeLabel: string | undefined;
  level: WorkshopLevel | null;
  levelLabel: string | undefined;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  /** « mardi 6 janvier, de 14 h à 16 h », on the place's clock. */
  when: string;
  where: AgendaWhere;
  /** « Espace numérique, Vierzon », « Place du marché, Mansle », « En ligne ». */
  whereText: string;
  /** Great-circle distance from the commune searched around, km with one decimal; null otherwise. */
  distanceKm: number | null;
  registration: RegistrationMode;
  capacity: number | null;
  /** Seats left; null: no limit or no registration. */
  seatsLeft: number | null;
  /** « 3 places restantes », « Complet — liste d'attente », « Sans inscription », « Places illimitées ». */
  seats: string;
  priceCents: number | null;
  /** « Gratuit », « 5 € », « 2,50 € ». */
  price: string;
  cancelled: boolean;
  detail?: AgendaDetail;
};

export type AgendaSearch = {
  entries: AgendaEntry[];
  page: number;
  /** A next page exists (a 21st row was found). */
  hasNext: boolean;
  /** The commune searched around, when found. */
  origin?: Origin;
  /** Several communes match what was typed: the person chooses (no list meanwhile). */
  choices?: CommuneChoice[];
  network?: { id: string; slug: string; name: string };
  /** Filters that could not be applied (the others were). */
  errors: { commune?: string; reseau?: string };
};

export type SearchAgendaOptions = {
  now?: Date;
  perPage?: number;
  /** Also read what the API and the exports need (descriptions, addresses, coordinates). */
  detail?: boolean;
  /**
   * Cancelled sessions too (the OpenAgenda export says « annulé »). The partial indexes hold only
   * scheduled sessions: the sessions of the dates are then read without them.
   */
  includeCancelled?: boolean;
};

/** The upcoming sessions that match the search, a page at a time, in start order. */
export async function searchAgenda(db: Db, query: AgendaQuery, options: SearchAgendaOptions = {}): Promise<AgendaSearch> {
  const now = options.now ?? new Date();
  const perPage = options.perPage ?? AGENDA_PAGE_SIZE;
  const errors: AgendaSearch["errors"] = {};
  let origin: Origin | undefined;
  if (query.commune) {
    const location = await locate(db, { q: query.commune });
    if (location.kind === "choices") return { entries: [], page: query.page, hasNext: false, choices: location.choices, errors };
    if (location.kind === "origin") origin = location.origin;
    else errors.commune = m.errors.commune(query.commune);
  }
  let network: AgendaSearch["network"];
  if (query.network) {
    network = await networkBySlug(db, query.network);
    if (!network) errors.reseau = m.errors.reseau;
  }

  const c: SQL[] = [...upcoming(now, options.includeCancelled ?? false), ...dayWindow(query.from, query.to)];
  // The session's copy of its series' theme: read from workshop_sessions_theme_idx in start order.
  if (query.theme) c.push(sql`s.theme = ${query.theme}`);
  if (query.level) c.push(sql`w.level = ${query.level}`);
  if (query.kind) c.push(sql`w.kind = ${query.kind}`);
  // Not coalesce(…) = 0: the planner has no statistics for it and takes free series for rare.
  if (query.free) c.push(sql`(w.price_cents is null or w.price_cents = 0)`);
  if (query.seatsLeft) c.push(sql`(w.registration = 'none' or s.capacity is null or s.seats_taken < s.capacity)`);
  if (network) c.push(sql`exists (select 1 from place_networks pn where pn.place_id = s.place_id and pn.network_id = ${network.id}::uuid)`);
  const distance = origin ? metresFrom(origin) : sql`null::float8`;
  if (origin) c.push(...within(origin, query.distanceKm * 1000));

  const offset = (query.page - 1) * perPage;
  // Prepared for the first page of a window of the default length only: the dates are in the
  // statement's text (dayWindow), so that a crawler walking windows does not pile statements up.
  const prepare = offset === 0 && daysBetween(query.from, query.to) === AGENDA_DEFAULT_DAYS;
  const rows = await sessionRows(db, { where: sql.join(c, sql` and `), distance, limit: perPage + 1, offset, detail: options.detail ?? false, prepare });
  const entries = rows.slice(0, perPage).map((r) => toEntry(r, now));
  return { entries, page: query.page, hasNext: rows.length > perPage, origin, network, errors };
}

/** Whose sessions a feed lists: a place's, a network's places', or one theme's. */
export type FeedScope = { placeSlug: string } | { networkId: string } | { theme: string };

/** How far ahead a feed looks, and how many sessions it holds at most. */
export const FEED_DAYS = 366;
export const FEED_MAX_SESSIONS = 2000;

/**
 * The sessions a calendar feed lists: from now (those under way included) to a year ahead, of
 * published series at published places, cancelled ones too (a calendar must learn of it).
 */
export async function feedSessions(db: Db, scope: FeedScope, now = new Date()): Promise<AgendaEntry[]> {
  const c: SQL[] = [
    sql`s.starts_at >= ${new Date(now.getTime() - 2 * 24 * HOUR).toISOString()}::timestamptz`,
    sql`s.starts_at < ${new Date(now.getTime() + FEED_DAYS * 24 * HOUR).toISOString()}::timestamptz`,
    sql`s.ends_at > ${now.toISOString()}::timestamptz`,
    sql`w.published`,
    sql`p.status = 'published'`,
  ];
  if ("placeSlug" in scope) c.push(sql`p.slug = ${scope.placeSlug}`);
  else if ("networkId" in scope) c.push(sql`exists (select 1 from place_networks pn where pn.place_id = s.place_id and pn.network_id = ${scope.networkId}::uuid)`);
  else c.push(sql`w.theme = ${scope.theme}`);
  const rows = await sessionRows(db, { where: sql.join(c, sql` and `), distance: sql`null::float8`, limit: FEED_MAX_SESSIONS, offset: 0, detail: true, prepare: true });
  return rows.map((r) => toEntry(r, now));
}

export async function networkBySlug(db: Db, slug: string): Promise<{ id: string; slug: string; name: string } | undefined> {
  const [row] = await queryRows(db, sql`select id, slug, name from networks where slug = ${slug}`);
  return row ? { id: String(row.id), slug: String(row.slug), name: String(row.name) } : undefined;
}

export async function publishedPlaceBySlug(db: Db, slug: string): Promise<{ id: string; slug: string; name: string } | undefined> {
  const [row] = await queryRows(db, sql`select id, slug, name from places where slug = ${slug} and status = 'published'`);
  return row ? { id: String(row.id), slug: String(row.slug), name: String(row.name) } : undefined;
}

// ---------------------------------------------------------------------------------------------
// SQL

/** Scheduled sessions of published, uncancelled series at published places, not over yet (or cancelled ones too). */
function upcoming(now: Date, includeCancelled: boolean): SQL[] {
  const live = [sql`s.ends_at > ${now.toISOString()}::timestamptz`, sql`w.published`, sql`p.status = 'published'`];
  return includeCancelled ? live : [sql`s.status = 'scheduled'`, sql`w.cancelled_at is null`, ...live];
}

/**
 * Sessions whose day, on their place's own clock, is from `from` to `to`. The index is read on
 * instants widened by the farthest offsets from UTC (−12 h, +14 h); the day is then checked in
 * the place's zone.
 *
 * The bounds are written in the statement, not passed as parameters: the generic plan of a
 * prepared statement takes a range between two parameters for 0.5 % of the rows, finds a handful
 * of sessions to sort and, for a theme alone, sorted every session of the theme's series in the
 * window instead of walking them in start order (EXPLAIN in the bench's history: 15–40 ms against
 * 1–2 ms). Checked dates only (YYYY-MM-DD) and ISO instants reach the text.
 */
function dayWindow(from: IsoDate, to: IsoDate): SQL[] {
  if (!isIsoDate(from) || !isIsoDate(to)) throw new Error(`agenda: bad dates ${from} ${to}`);
  const lo = new Date(Date.parse(`${from}T00:00:00Z`) - 14 * HOUR).toISOString();
  const hi = new Date(Date.parse(`${addDays(to, 1)}T00:00:00Z`) + 12 * HOUR).toISOString();
  return [
    sql.raw(`s.starts_at >= '${lo}'::timestamptz`),
    sql.raw(`s.starts_at < '${hi}'::timestamptz`),
    sql.raw(`(s.starts_at at time zone p.time_zone)::date between '${from}'::date and '${to}'::date`),
  ];
}

/** The session's position, read back from its knn_point (the index's plane). */
const LATITUDE = sql.raw(`(s.knn_point[1] / ${KNN_LATITUDE_SCALE})`);
const LONGITUDE = sql.raw(`s.knn_point[0]`);

/** Great-circle distance in metres from the origin (haversine), as the directory computes it. */
function metresFrom(origin: Origin): SQL {
  return sql`6371000 * 2 * asin(least(1, sqrt(
    power(sin(radians(${LATITUDE} - ${origin.latitude}::float8) / 2), 2)
    + cos(radians(${origin.latitude}::float8)) * cos(radians(${LATITUDE})) * power(sin(radians(${LONGITUDE} - ${origin.longitude}::float8) / 2), 2))))`;
}

/**
 * Within `metres` of the origin: the box that holds the circle (the index answers it with the
 * dates), then the exact distance. Near a pole or across the antimeridian the box is the world.
 */
function within(origin: Origin, metres: number): SQL[] {
  const half = boxAround(origin, metres);
  const k = KNN_LATITUDE_SCALE;
  const { latitude: lat, longitude: lon } = origin;
  // A margin against rounding: the exact test decides.
  const [x1, y1, x2, y2] = half
    ? [lon - half.dlon - 1e-9, (lat - half.dlat - 1e-9) * k, lon + half.dlon + 1e-9, (lat + half.dlat + 1e-9) * k]
    : [-181, -91 * k, 181, 91 * k];
  return [
    sql`s.knn_point <@ box(point(${x1}::float8, ${y1}::float8), point(${x2}::float8, ${y2}::float8))`,
    sql`${metresFrom(origin)} <= ${metres}::float8`,
  ];
}

const LIST_COLUMNS = `'id', s.id, 'starts', s.starts_at, 'ends', s.ends_at, 'status', s.status, 'capacity', s.capacity, 'taken', s.seats_taken,
  'title', w.title, 'kind', w.kind, 'theme', w.theme, 'level', w.level, 'registration', w.registration, 'price', w.price_cents,
  'location', w.location, 'wcancelled', w.cancelled_at is not null,
  'place', p.name, 'slug', p.slug, 'commune', p.commune, 'zone', p.time_zone, 'stop', st.label, 'stopCommune', st.commune`;
const DETAIL_COLUMNS = `, 'description', w.description, 'audience', w.audience, 'bring', w.bring, 'accessibility', w.accessibility,
  'address', p.address, 'postcode', p.postcode, 'latitude', p.latitude, 'longitude', p.longitude, 'phone', p.phone,
  'stopAddress', st.address, 'stopPostcode', st.postcode, 'stopLatitude', st.latitude, 'stopLongitude', st.longitude,
  'updated', greatest(s.updated_at, w.updated_at)`;

type SessionRow = {
  id: string; starts: string; ends: string; status: string; capacity: number | null; taken: number;
  title: string; kind: WorkshopKind; theme: string | null; level: WorkshopLevel | null; registration: RegistrationMode; price: number | null;
  location: "place" | "online" | "stop"; wcancelled: boolean;
  place: string; slug: string; commune: string; zone: string; stop: string | null; stopCommune: string | null; d: number | null;
  description?: string; audience?: string; bring?: string; accessibility?: string; address?: string; postcode?: string; latitude?: number | null; longitude?: number | null;
  phone?: string | null; stopAddress?: string | null; stopPostcode?: string | null; stopLatitude?: number | null; stopLongitude?: number | null; updated?: string;
};

/**
 * One statement, one row: the page as JSON (the same on both databases: instants as text).
 * Prepared or not (`prepare`): its text takes one form per combination of filters, page size and window; its other values are parameters.
 */
async function sessionRows(db: Db, q: { where: SQL; distance: SQL; limit: number; offset: number; detail: boolean; prepare: boolean }): Promise<SessionRow[]> {
  const columns = sql.raw(LIST_COLUMNS + (q.detail ? DETAIL_COLUMNS : ""));
  const query = sql`select json_agg(k.row order by k.starts_at, k.id) as page from (
      select s.id, s.starts_at, json_build_object(${columns}, 'd', ${q.distance}) as row
      from workshop_sessions s
      join workshops w on w.id = s.workshop_id
      join places p on p.id = s.place_id
      left join stops st on st.id = s.stop_id
      where ${q.where}
      order by s.starts_at, s.id
      limit ${sql.raw(String(q.limit))} offset ${sql.raw(String(q.offset))}) k`;
  // The counts are written in the statement: with them as parameters, the generic plan takes a
  // LIMIT of unknown size and joins and sorts every session of the dates. Prepared when the caller
  // says so (the first page of the default window, the feeds), so that a crawler walking pages or
  // dates does not pile statements up.
  const [row] = q.prepare ? await queryPrepared(db, query) : await queryRows(db, query);
  const page = row?.page;
  return ((typeof page === "string" ? JSON.parse(page) : page) ?? []) as SessionRow[];
}

// ---------------------------------------------------------------------------------------------
// Words

function toEntry(r: SessionRow, now: Date): AgendaEntry {
  const startsAt = new Date(r.starts);
  const endsAt = new Date(r.ends);
  const where: AgendaWhere =
    r.location === "online"
      ? { kind: "online", placeName: r.place, placeSlug: r.slug, commune: r.commune }
      : r.stop !== null
        ? { kind: "stop", label: r.stop, commune: r.stopCommune ?? "", placeName: r.place, placeSlug: r.slug }
        : { kind: "place", placeName: r.place, placeSlug: r.slug, commune: r.commune };
  const seatsLeft = r.registration === "none" || r.capacity === null ? null : Math.max(0, r.capacity - r.taken);
  const entry: AgendaEntry = {
    sessionId: r.id,
    title: r.title,
    kind: r.kind,
    kindLabel: m.kinds[r.kind] ?? r.kind,
    theme: r.theme,
    themeLabel: workshopThemeLabel(r.theme),
    level: r.level,
    levelLabel: r.level ? m.levels[r.level] : undefined,
    startsAt,
    endsAt,
    timeZone: r.zone,
    when: sessionWhen(startsAt, endsAt, r.zone, now),
    where,
    whereText: where.kind === "online" ? m.online : where.kind === "stop" ? `${where.label}, ${where.commune}` : `${where.placeName}, ${where.commune}`,
    distanceKm: r.d === null || r.d === undefined ? null : Math.round(Number(r.d) / 100) / 10,
    registration: r.registration,
    capacity: r.capacity,
    seatsLeft,
    seats: seatsWords(r.registration, r.capacity, r.taken),
    priceCents: r.price,
    price: priceWords(r.price),
    cancelled: r.status === "cancelled" || r.wcancelled,
  };
  if (r.description !== undefined) {
    const atStop = r.stop !== null;
    entry.detail = {
      description: r.description,
      audience: r.audience ?? "",
      bring: r.bring ?? "",
      accessibility: r.accessibility ?? "",
      address: where.kind === "online" ? "" : atStop ? (r.stopAddress ?? "") : (r.address ?? ""),
      postcode: where.kind === "online" ? "" : atStop ? (r.stopPostcode ?? "") : (r.postcode ?? ""),
      latitude: where.kind === "online" ? null : atStop ? (r.stopLatitude ?? null) : (r.latitude ?? null),
      longitude: where.kind === "online" ? null : atStop ? (r.stopLongitude ?? null) : (r.longitude ?? null),
      placePhone: r.phone ?? null,
      placeCommune: r.commune,
      placeAddress: r.address ?? "",
      placePostcode: r.postcode ?? "",
      updatedAt: new Date(r.updated ?? r.starts),
    };
  }
  return entry;
}

/** « 3 places restantes », « Complet — liste d'attente », « Sans inscription », « Places illimitées ». */
export function seatsWords(registration: RegistrationMode, capacity: number | null, taken: number): string {
  if (registration === "none") return m.noRegistration;
  if (capacity === null) return m.unlimited;
  const left = capacity - taken;
  return left > 0 ? m.seatsLeft(left) : m.full;
}

/** « Gratuit », « 5 € », « 2,50 € ». */
export function priceWords(cents: number | null): string {
  if (!cents) return m.free;
  const euros = cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2).replace(".", ",");
  return m.price(euros);
}

/**
 * When, in words on the place's clock: « mardi 6 janvier, de 14 h à 16 h »; ending at midnight,
 * « de 20 h à minuit »; over several days, « du mardi 6 janvier à 20 h au mercredi 7 janvier à 2 h ».
 * The year is written when it is not the current one there.
 */
export function sessionWhen(startsAt: Date, endsAt: Date, timeZone: string, now: Date): string {
  const start = toWallTime(timeZone, startsAt);
  const end = toWallTime(timeZone, endsAt);
  const today = todayIn(timeZone, now);
  const startDay = isoDate(start);
  const endDay = isoDate(end);
  const startMinute = start.hour * 60 + start.minute;
  const endMinute = end.hour * 60 + end.minute;
  if (endDay === startDay || (endDay === addDays(startDay, 1) && endMinute === 0)) {
    return m.dayAndTimes(formatDay(startDay, today), formatTimeRange(startMinute, endDay === startDay ? endMinute : 1440));
  }
  return m.across(formatDateTime(startsAt, { timeZone, now }), formatDateTime(endsAt, { timeZone, now }));
}
