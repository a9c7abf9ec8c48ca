/**
 * The booking part of `npm run bench` (BENCH_PART=bookings runs it alone) — prints figures, asserts nothing.
 *
 * On each database, in its own child process (PGlite in a temp dir, PostgreSQL in a fresh database
 * dropped after):
 *  - data: BENCH_BOOKING_PLACES places (600) in communes of 3,000 inhabitants or more (drawn with a
 *    fixed seed, coordinates jittered), Monday–Saturday hours of a few kinds, each with 6 computer
 *    stations, a room and a 3D printer booked online; BENCH_BOOKINGS bookings (1,000,000) of one hour
 *    on the hour grid of the hours, from 300 days ago to 14 days ahead, written by INSERT … SELECT
 *    generate_series (a hash of resource, day and hour picks the slots: none overlap), 5 % cancelled,
 *    past ones with attendance, personal data erased after 90 days as the retention job does; about a
 *    third of the places have every station taken for the next 7 days; a few closures;
 *  - a. a place's availability for 14 days, all its public resources, as the availability API answers
 *    it (placeAvailability: two prepared statements), against the bare SQL reading the same
 *    bookings through the same index;
 *  - b. the 10 nearest places with a free computer in the next 7 days (nearestWithFreeStation);
 *  - c. 10,000 booking attempts (createBooking) from 100 clients at once on 200 slots of 4 stations,
 *    with per-person limits that bite and retries with the same idempotency key, checked by SQL,
 *    against bare INSERTs under the same exclusion constraint.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, queryPrepared } from "~/db/client.server";
import { EXCLUSION_VIOLATION, pgErrorCode } from "~/db/errors";
import { loadCommunes } from "~/features/communes/communes";
import { createPlace, createResource } from "~/features/demo/factories.server";
import { freeSlots, type Slot } from "~/features/scheduling/availability";
import type { Person } from "~/features/scheduling/booking-form";
import { createBooking, type BookRequest, type BookResult } from "~/features/scheduling/bookings.server";
import { nearestWithFreeStation } from "~/features/scheduling/nearby.server";
import { placeAvailability } from "~/features/api/booking-api.server";
import { PUBLIC_DAYS } from "~/features/scheduling/offers.server";
import { availabilityInputOf, listResources, placeBySlug } from "~/features/scheduling/resources.server";
import { addDays } from "~/features/time/calendar";
import { todayIn } from "~/features/time/today";
import { startOfDay } from "~/features/time/zone";
import { slugify } from "~/lib/text";
import { seededRandom } from "~/lib/random";
import { onEachDatabase } from "./bench-databases";

const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 1_000_000);
const PLACES = Number(process.env.BENCH_BOOKING_PLACES ?? 600);
const SAMPLES = Number(process.env.BENCH_BOOKING_SAMPLES ?? 300);
const ATTEMPTS = Number(process.env.BENCH_BOOKING_ATTEMPTS ?? 10_000);
const CLIENTS = 100;
const DAY = 86_400_000;
const PAST_DAYS = 300;
const AHEAD_DAYS = 14;

/** Hours of the places, one kind for each place in turn. */
const HOURS = [
  "Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00",
  "Mo-Fr 09:00-12:30,13:30-17:30; Sa 09:00-12:00",
  "Tu-Sa 10:00-18:00",
  "Mo,We,Fr 09:00-12:00,14:00-19:00; Tu,Th 14:00-19:00; Sa 10:00-12:00",
  "Mo-Fr 08:30-12:00,13:30-17:00; Sa 09:00-13:00",
  "Tu-Fr 10:00-12:00,13:00-18:00; Sa 10:00-17:00",
];

const WEEKDAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

/** The one-hour blocks from each opening (ISO weekday 1–7, minutes since midnight) of hours written as above. */
export function hourBlocks(hours: string): { dow: number; minute: number }[] {
  const out: { dow: number; minute: number }[] = [];
  for (const rule of hours.split(";").map((r) => r.trim())) {
    const [days, times] = rule.split(" ");
    const dows = days!.split(",").flatMap((d) => {
      const [a, b] = d.split("-").map((x) => WEEKDAYS.indexOf(x) + 1);
      return Array.from({ length: (b ?? a!) - a! + 1 }, (_, i) => a! + i);
    });
    for (const span of times!.split(",")) {
      const [from, to] = span.split("-").map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5)));
      for (const dow of dows) for (let m = from!; m + 60 <= to!; m += 60) out.push({ dow, minute: m });
    }
  }
  return out;
}


const pct = (list: number[], p: number) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor((list.length * p) / 100))] ?? NaN;
const perSecond = (list: number[]) => (list.length * 1000) / list.reduce((a, b) => a + b, 0);
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
const fr = (x: number) => Math.round(x).toLocaleString("fr-FR");

type Bench = Awaited<ReturnType<typeof openDatabase>>;

// ---------------------------------------------------------------------------------------------
// Data

async function load(database: Bench, say: (line: string) => void, now: number) {
  const { db } = database;
  const random = seededRandom(2026);
  const communes = loadCommunes().filter((c) => (c.population ?? 0) >= 3000);
  const started = performance.now();
  const plan: { place_id: string; pn: number; variant: number; busy: boolean; time_zone: string }[] = [];
  const picked = new Set<number>();
  for (let i = 0; i < PLACES; i++) {
    let k: number;
    do k = Math.floor(random() * communes.length);
    while (picked.has(k) && picked.size < communes.length);
    picked.add(k);
    const c = communes[k]!;
    const variant = i % HOURS.length;
    const place = await createPlace(db, {
      name: `Espace numérique ${c.name}`, slug: `bench-${i}-${slugify(c.name)}`, commune: c.name, postcode: c.postcodes[0], inseeCode: c.insee,
      latitude: Math.round((c.latitude + (random() - 0.5) * 0.02) * 1e6) / 1e6, longitude: Math.round((c.longitude + (random() - 0.5) * 0.02) * 1e6) / 1e6,
      timeZone: c.timeZone, openingHours: HOURS[variant]!, source: "bench", sourceId: `bench-${i}`,
    });
    plan.push({ place_id: place.id, pn: i, variant, busy: random() < 0.33, time_zone: place.timeZone });
  }
  await database.query(`create table bench_plan as select * from json_to_recordset($1::json) as x(place_id uuid, pn int, variant int, busy boolean, time_zone text)`, [JSON.stringify(plan)]);
  await database.query(
    `insert into resources (place_id, kind, name, position, min_minutes, max_minutes, grid_minutes, min_lead_minutes, max_lead_days, max_per_day, public_online)
     select pl.place_id, k.kind, k.name, k.position, k.min, k.max, k.grid, 60, 14, k.per_day, true from bench_plan pl cross join (values
       ('station', 'Poste 1', 1, 60, 120, 30, 2), ('station', 'Poste 2', 2, 60, 120, 30, 2), ('station', 'Poste 3', 3, 60, 120, 30, 2),
       ('station', 'Poste 4', 4, 60, 120, 30, 2), ('station', 'Poste 5', 5, 60, 120, 30, 2), ('station', 'Poste 6', 6, 60, 120, 30, 2),
       ('room', 'Salle de formation', 7, 60, 180, 30, null), ('machine', 'Imprimante 3D', 8, 60, 240, 60, null)
     ) as k(kind, name, position, min, max, grid, per_day)`,
  );
  const blocks = HOURS.flatMap((h, variant) => hourBlocks(h).map((b) => ({ variant, ...b })));
  await database.query(`create table bench_slots as select * from json_to_recordset($1::json) as x(variant int, dow int, minute int)`, [JSON.stringify(blocks)]);
  await database.query(
    `create table bench_res as select r.id as resource_id, r.place_id, r.kind, (row_number() over (order by r.id))::int as n, pl.pn, pl.variant, pl.busy, pl.time_zone
     from resources r join bench_plan pl on pl.place_id = r.place_id`,
  );
  const placesSeconds = (performance.now() - started) / 1000;

  // How many one-hour blocks the days hold: the share of them booked gives BOOKINGS.
  const today = todayIn("Europe/Paris", now);
  const first = addDays(today, -PAST_DAYS);
  const last = addDays(today, AHEAD_DAYS - 1);
  let candidates = 0;
  for (let d = 0; d < PAST_DAYS + AHEAD_DAYS; d++) {
    const dow = ((new Date(`${addDays(first, d)}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
    for (const variant of plan.map((p) => p.variant)) candidates += 8 * blocks.filter((b) => b.variant === variant && b.dow === dow).length;
  }
  const threshold = Math.min(1_000_000, Math.ceil((BOOKINGS / candidates) * 1_000_000));
  const t = performance.now();
  const chunk = 50;
  for (let lo = 0; lo < PLACES; lo += chunk) {
    await database.query(
      `insert into bookings (resource_id, place_id, starts_at, ends_at, blocked_until, status, attendance, source, person_key, first_name, phone,
         created_at, updated_at, cancelled_at, cancelled_by, erased_at)
       select resource_id, place_id, s, s + interval '1 hour', s + interval '1 hour',
         case when cancelled then 'cancelled' else 'confirmed' end,
         case when not cancelled and s + interval '1 hour' < $3::timestamptz then case when h2 % 20 = 0 then 'absent' else 'present' end end,
         (array['online', 'online', 'online', 'online', 'online', 'online', 'desk', 'desk', 'walkin', 'api'])[(h2 % 10)::int + 1],
         case when not erased then person end, case when not erased then 'Personne ' || (h2 % 997) end, case when not erased then person end,
         s - make_interval(days => (h2 % 14)::int), s - make_interval(days => (h2 % 14)::int),
         case when cancelled then s - interval '1 day' end, case when cancelled then 'person' end,
         case when erased then s + interval '1 hour' + interval '90 days' end
       from (
         select r.resource_id, r.place_id, x.s, x.h2, not x.forced and x.h2 % 100 < 5 as cancelled,
           x.s + interval '1 hour' < $3::timestamptz - interval '90 days' as erased,
           '+336' || lpad((r.pn * 1000 + x.h2 % 1000)::text, 8, '0') as person
         from bench_res r
         cross join generate_series($1::timestamp, $2::timestamp, interval '1 day') as d(day)
         join bench_slots sl on sl.variant = r.variant and sl.dow = extract(isodow from d.day)
         cross join lateral (
           select (d.day + sl.minute * interval '1 minute') at time zone r.time_zone as s,
             hashint4(h)::bigint & 2147483647 as h2,
             (h::bigint & 2147483647) % 1000000 < $6 as picked,
             r.busy and r.kind = 'station' and d.day >= $7::timestamp and d.day < $7::timestamp + interval '7 days' as forced
           from (select hashint8(r.n::bigint * 1000003 + (d.day::date - date '2000-01-01') * 1447 + sl.minute) as h) hh
         ) x
         where r.pn >= $4 and r.pn < $5 and (x.picked or x.forced)
       ) b`,
      [first, last, new Date(now).toISOString(), lo, lo + chunk, threshold, today],
    );
  }
  const bookingsSeconds = (performance.now() - t) / 1000;
  await database.query(`insert into closures (place_id, starts_on, ends_on, reason)
    select place_id, $1::date, $1::date + 2, 'Travaux' from bench_plan where pn % 25 = 3`, [addDays(today, 3)]);
  const v = performance.now();
  await database.query("vacuum analyze");
  const vacuumSeconds = (performance.now() - v) / 1000;
  const [counts] = await database.query<{ bookings: string; cancelled: string; places: string; resources: string }>(
    `select (select count(*) from bookings) as bookings, (select count(*) from bookings where status = 'cancelled') as cancelled,
       (select count(*) from bench_plan) as places, (select count(*) from resources) as resources`,
  );
  const [size] = await database.query<{ size: string }>(`select pg_total_relation_size('bookings') as size`);
  const total = Number(counts!.bookings);
  say(`données : ${fr(Number(counts!.places))} lieux, ${fr(Number(counts!.resources))} ressources, ${fr(total)} réservations (${fr(Number(counts!.cancelled))} annulées) du ${first} au ${last}, table et index ${Math.round(Number(size!.size) / 1e6)} Mo`);
  say(`chargement : lieux et ressources ${placesSeconds.toFixed(1)} s ; réservations (INSERT … SELECT generate_series, par 50 lieux) ${bookingsSeconds.toFixed(1)} s → ${fr(total / bookingsSeconds)} lignes/s ; vacuum analyze ${vacuumSeconds.toFixed(1)} s`);
}

// ---------------------------------------------------------------------------------------------
// a. One place's availability for 14 days

async function availability(database: Bench, say: (line: string) => void, now: number) {
  const { db } = database;
  const slugs = (await database.query<{ slug: string }>(`select slug from places where source = 'bench' order by md5(id::text) limit $1`, [SAMPLES])).map((r) => r.slug);
  // What GET /api/v1/lieux/<slug>/disponibilites does (the 14 days from today, every public resource).
  const appOne = async (slug: string) => {
    const result = await placeAvailability(db, { slug, query: {}, now });
    if (result.kind !== "ok") throw new Error(`${slug}: ${result.kind}`);
    return result.body.ressources.reduce((n, r) => n + r.creneaux.length, 0);
  };
  // The same bookings, through the same index: one statement for all the place's public resources.
  const bareInputs: { ids: string; from: string; to: string }[] = [];
  for (const slug of slugs) {
    const place = (await placeBySlug(db, slug))!;
    const ids = (await listResources(db, place.id, { publicOnly: true })).map((r) => r.id);
    const today = todayIn(place.timeZone, now);
    const from = startOfDay(place.timeZone, today) - DAY;
    const to = startOfDay(place.timeZone, addDays(today, PUBLIC_DAYS)) + DAY;
    bareInputs.push({ ids: `{${ids.join(",")}}`, from: new Date(from).toISOString(), to: new Date(to).toISOString() });
  }
  const bareOne = (b: (typeof bareInputs)[number]) =>
    queryPrepared(db, sql`select starts_at, ends_at from bookings where resource_id = any(${b.ids}::uuid[]) and status <> 'cancelled' and during && tstzrange(${b.from}::timestamptz, ${b.to}::timestamptz)`);
  for (const slug of slugs.slice(0, 30)) await appOne(slug); // statements prepared, caches warm
  for (const b of bareInputs.slice(0, 30)) await bareOne(b);
  const app: number[] = [];
  let free = 0;
  for (const slug of slugs) {
    const t = performance.now();
    free += await appOne(slug);
    app.push(performance.now() - t);
  }
  const bare: number[] = [];
  let rows = 0;
  for (const b of bareInputs) {
    const t = performance.now();
    rows += (await bareOne(b)).length;
    bare.push(performance.now() - t);
  }
  say(`disponibilités 14 j (un lieu, toutes ressources : placeAvailability de l'API, 2 requêtes), ${slugs.length} lieux : p50 ${ms(pct(app, 50))} ms, p95 ${ms(pct(app, 95))} ms, ${fr(perSecond(app))} lieux/s ; SQL nu (mêmes réservations, même index, préparé) p50 ${ms(pct(bare, 50))} ms, ${fr(perSecond(bare))} /s ; ratio ${(perSecond(app) / perSecond(bare)).toFixed(2)} (${fr(rows / bareInputs.length)} réservations lues, ${fr(free / slugs.length)} débuts libres par lieu)`);
}

// ---------------------------------------------------------------------------------------------
// b. The nearest places with a free computer

async function nearby(database: Bench, say: (line: string) => void, now: number) {
  const random = seededRandom(7);
  const communes = loadCommunes().filter((c) => (c.population ?? 0) >= 500);
  const origins = Array.from({ length: SAMPLES }, () => communes[Math.floor(random() * communes.length)]!);
  for (const o of origins.slice(0, 20)) await nearestWithFreeStation(database.db, { latitude: o.latitude, longitude: o.longitude, limit: 10, days: 7, now });
  const times: number[] = [];
  let short = 0;
  const tenth: number[] = [];
  for (const o of origins) {
    const t = performance.now();
    const found = await nearestWithFreeStation(database.db, { latitude: o.latitude, longitude: o.longitude, limit: 10, days: 7, now });
    times.push(performance.now() - t);
    if (found.length < 10) short++;
    else tenth.push(found[9]!.distanceMetres / 1000);
  }
  say(`10 lieux les plus proches avec un ordinateur libre dans les 7 j (nearestWithFreeStation), ${origins.length} positions : p50 ${ms(pct(times, 50))} ms, p95 ${ms(pct(times, 95))} ms, ${fr(perSecond(times))} recherches/s ; 10e lieu à ${Math.round(pct(tenth, 50))} km (médiane)${short ? ` ; ${short} recherches avec moins de 10 lieux` : ""}`);
}

// ---------------------------------------------------------------------------------------------
// c. Booking attempts from concurrent clients

async function contention(database: Bench, say: (line: string) => void, now: number) {
  const { db } = database;
  const place = await createPlace(db, { name: "Espace numérique du banc d'essai", slug: "bench-contention", openingHours: HOURS[0]!, source: "bench-contention", sourceId: "contention" });
  const MAX_PER_DAY = 2;
  const stations = [];
  for (let i = 1; i <= 4; i++) {
    stations.push(await createResource(db, { placeId: place.id, kind: "station", name: `Poste ${i}`, position: i, minMinutes: 60, maxMinutes: 60, gridMinutes: 60, minLeadMinutes: 0, maxLeadDays: 14, maxPerDay: MAX_PER_DAY }));
  }
  // 50 one-hour slots of each station, from tomorrow: 200 slots.
  const from = startOfDay(place.timeZone, addDays(todayIn(place.timeZone, now), 1));
  const slots: { resourceId: string; slot: Slot }[] = [];
  for (const r of stations) {
    for (const slot of freeSlots(availabilityInputOf(place, r, [], [], now), from, from + 14 * DAY).slice(0, 50)) slots.push({ resourceId: r.id, slot });
  }
  const PERSONS = 12; // 24 bookings a day at most, for 28 slots a day: the limit bites
  const person = (n: number): Person => ({ firstName: `Personne ${n}`, phone: `+3361200${String(n).padStart(4, "0")}`, email: null, note: null, reason: null });
  const random = seededRandom(11);
  const requests: BookRequest[] = [];
  let retries = 0;
  for (let i = 0; i < ATTEMPTS; i++) {
    if (i > 0 && random() < 0.1) {
      requests.push(requests[Math.max(0, i - 1 - Math.floor(random() * 50))]!); // a retry, often while the first is still running
      retries++;
      continue;
    }
    const s = slots[Math.floor(random() * slots.length)]!;
    requests.push({ placeId: place.id, resourceId: s.resourceId, start: s.slot.start, end: s.slot.end, person: person(Math.floor(random() * PERSONS)), source: "online", idempotencyKey: `bench-${i}` });
  }
  const options = { now, secret: "bench-secret-bench-secret-0123456789", baseUrl: "https://epn.example" };
  const results: BookResult[] = new Array(requests.length);
  const latencies: number[] = [];
  const run = async (count: number, attempt: (i: number) => Promise<void>) => {
    let next = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        await attempt(i);
        latencies.push(performance.now() - t);
      }
    }));
    return (performance.now() - started) / 1000;
  };
  const appSeconds = await run(requests.length, async (i) => {
    results[i] = await createBooking(db, requests[i]!, options);
  });
  const appLatencies = latencies.splice(0);
  const kinds = new Map<string, number>();
  for (const r of results) {
    const k = r.kind === "refused" ? `refusée (${r.reason})` : r.kind === "booked" ? (r.booking.replay ? "rejouée" : "réservée") : "prise";
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
  }
  // A key's answers name one booking at most, and it is the one stored under the key.
  const byKey = new Map<string, Set<string>>();
  requests.forEach((r, i) => {
    const res = results[i]!;
    if (res.kind === "booked") byKey.set(r.idempotencyKey!, (byKey.get(r.idempotencyKey!) ?? new Set()).add(res.booking.id));
  });
  const stored = new Map((await database.query<{ k: string; id: string }>(`select idempotency_key as k, id from bookings where place_id = $1`, [place.id])).map((r) => [r.k, r.id]));
  let keyMismatch = 0;
  for (const [k, ids] of byKey) if (ids.size !== 1 || stored.get(k) !== [...ids][0]) keyMismatch++;
  const [check] = await database.query<{ overlaps: string; exceeded: string; booked: string }>(
    `select
       (select count(*) from bookings a join bookings b on a.resource_id = b.resource_id and a.id < b.id and a.during && b.during
         where a.place_id = $1 and a.status <> 'cancelled' and b.status <> 'cancelled') as overlaps,
       (select count(*) from (select person_key, (starts_at at time zone 'Europe/Paris')::date from bookings
         where place_id = $1 and status <> 'cancelled' group by 1, 2 having count(*) > $2) x) as exceeded,
       (select count(*) from bookings where place_id = $1) as booked`,
    [place.id, MAX_PER_DAY],
  );

  // The bare INSERT under the same exclusion constraint: a scratch copy of the table (its indexes, the EXCLUDE).
  await database.query(`create table bench_bare (like bookings including all)`);
  let inserted = 0;
  let excluded = 0;
  const bareSeconds = await run(requests.length, async (i) => {
    const r = requests[i]!;
    try {
      await database.query(
        `insert into bench_bare (resource_id, place_id, starts_at, ends_at, blocked_until, source, person_key) values ($1, $2, $3, $4, $4, 'online', $5)`,
        [r.resourceId, r.placeId, new Date(r.start).toISOString(), new Date(r.end).toISOString(), r.person.phone],
      );
      inserted++;
    } catch (error) {
      if (pgErrorCode(error) !== EXCLUSION_VIOLATION) throw error;
      excluded++;
    }
  });
  const bareLatencies = latencies.splice(0);
  const concurrency = database.kind === "pglite"
    ? `${CLIENTS} clients = promesses entrelacées sur l'unique connexion PGlite`
    : `${CLIENTS} clients sur le pool de l'application (openDatabase, 10 connexions)`;
  say(`${fr(requests.length)} tentatives (createBooking) sur ${slots.length} créneaux de 4 postes, ${PERSONS} personnes, au plus ${MAX_PER_DAY} par jour, ${fr(retries)} reprises avec la même clé ; ${concurrency}`);
  say(`  → ${[...kinds].map(([k, n]) => `${k} ${fr(n)}`).join(", ")} ; en base ${fr(Number(check!.booked))} réservations, chevauchements ${check!.overlaps}, limites dépassées ${check!.exceeded}, clés à plus d'une réservation ou mal rendues ${keyMismatch}`);
  say(`  → ${fr(requests.length / appSeconds)} tentatives/s (p50 ${ms(pct(appLatencies, 50))} ms, p95 ${ms(pct(appLatencies, 95))} ms par tentative) ; INSERT nu sous la même contrainte d'exclusion (copie de la table, mêmes ${CLIENTS} clients) ${fr(requests.length / bareSeconds)} /s (${fr(inserted)} insérées, ${fr(excluded)} refusées 23P01) ; ratio ${(bareSeconds / appSeconds).toFixed(2)}`);
  void bareLatencies;
}

// ---------------------------------------------------------------------------------------------
// Child and parent

async function child(target: string) {
  const postgresTarget = target.startsWith("postgres");
  const name = postgresTarget ? "PostgreSQL" : "PGlite";
  const say = (line: string) => console.log(`réservation ${name.padEnd(10)} ${line}`);
  const database = await openDatabase(postgresTarget ? { databaseUrl: target } : { dataDir: target });
  const now = Date.now();
  await load(database, say, now);
  await availability(database, say, now);
  await nearby(database, say, now);
  await contention(database, say, now);
  await database.close();
}

/** Runs the booking part on PGlite (in `work`) and, when reachable, on PostgreSQL (a fresh database, dropped after). */
export async function benchBookings(work: string, only: string | undefined) {
  console.log(`Réservations : ${fr(BOOKINGS)} réservations sur ${fr(PLACES)} lieux (BENCH_BOOKINGS, BENCH_BOOKING_PLACES)`);
  const run = (target: string) =>
    execFileSync(process.execPath, ["--import", "tsx", import.meta.filename, "--child", target], { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, LOG_LEVEL: "silent" } });
  await onEachDatabase({ part: "bookings", work, only, run: ({ target }) => void run(target) });
}

if (process.argv[2] === "--child" && process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) await child(process.argv[3]!);
