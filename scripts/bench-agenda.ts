/**
 * The agenda part of `npm run bench` (BENCH_PART=agenda) — prints figures, asserts nothing.
 *
 * On the database given — PGlite in a temporary directory by default, or with DATABASE_URL a fresh
 * database on that PostgreSQL server, dropped after —:
 *  - data: BENCH_AGENDA_PLACES places (2,000) in communes of 3,000 inhabitants or more (fixed seed,
 *    coordinates jittered), BENCH_AGENDA_SESSIONS upcoming sessions (50,000) over the next 90 days:
 *    10 weekly sessions per series, kinds, themes, levels, capacities, prices and seats taken mixed
 *    by a hash, 3 % online, 3 % cancelled; written by INSERT … SELECT generate_series, then VACUUM ANALYZE;
 *  - searchAgenda, page 1 as the public page asks it: no filter; around a commune within 20 km; the
 *    same with a theme; a theme only; free with seats left; and the API handler (agendaApi, JSON with
 *    the details) around a commune with a theme. p50 / p95 over BENCH_AGENDA_SAMPLES searches (300),
 *    communes and themes drawn with a fixed seed, after a warm-up.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { openDatabase, type Database } from "~/db/client.server";
import { loadCommunes } from "~/features/communes/communes";
import { seedCommunes } from "~/features/communes/seed.server";
import { createPlace } from "~/features/demo/factories.server";
import { prepareCommuneLookups } from "~/features/directory/locate.server";
import { todayInFrance } from "~/features/time/today";
import { agendaApi } from "~/features/workshops/agenda-api.server";
import { AGENDA_THEME_CODES, parseAgendaQuery } from "~/features/workshops/agenda-query";
import { searchAgenda } from "~/features/workshops/agenda.server";
import { slugify } from "~/lib/text";
import { seededRandom } from "~/lib/random";

const PLACES = Number(process.env.BENCH_AGENDA_PLACES ?? 2000);
const SESSIONS = Number(process.env.BENCH_AGENDA_SESSIONS ?? 50_000);
const SAMPLES = Number(process.env.BENCH_AGENDA_SAMPLES ?? 300);
const PER_SERIES = 10;

const pct = (list: number[], p: number) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor((list.length * p) / 100))] ?? NaN;
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
const fr = (x: number) => Math.round(x).toLocaleString("fr-FR");

async function load(database: Database, say: (line: string) => void) {
  const { db } = database;
  const random = seededRandom(2027);
  const communes = loadCommunes().filter((c) => (c.population ?? 0) >= 3000);
  const started = performance.now();
  await seedCommunes(db);
  for (let i = 0; i < PLACES; i++) {
    const c = communes[Math.floor(random() * communes.length)]!;
    await createPlace(db, {
      name: `Espace numérique ${c.name} ${i}`, slug: `bench-agenda-${i}-${slugify(c.name)}`, commune: c.name, postcode: c.postcodes[0], inseeCode: c.insee,
      latitude: Math.round((c.latitude + (random() - 0.5) * 0.04) * 1e6) / 1e6, longitude: Math.round((c.longitude + (random() - 0.5) * 0.04) * 1e6) / 1e6,
      timeZone: c.timeZone, source: "bench", sourceId: `bench-agenda-${i}`,
    });
  }
  const placesSeconds = (performance.now() - started) / 1000;
  const t = performance.now();
  const series = Math.ceil(SESSIONS / PER_SERIES);
  const themes = `array[${AGENDA_THEME_CODES.map((c) => `'${c}'`).join(", ")}]`;
  // Series: a hash of the number picks the place and every property.
  await database.query(
    `with p as (select id, row_number() over (order by id) - 1 as n from places where source = 'bench')
     insert into workshops (place_id, kind, title, description, theme, level, capacity, registration, price_cents, location, published)
     select p.id, (array['workshop', 'workshop', 'workshop', 'dropin', 'event'])[1 + h % 5],
       'Atelier ' || g, 'Un atelier du banc d''essai.', (${themes})[1 + (h / 7) % ${AGENDA_THEME_CODES.length}],
       (array['beginner', 'intermediate', 'advanced', null])[1 + (h / 3) % 4],
       case when h % 5 = 3 or h % 11 = 0 then null else 6 + h % 10 end,
       case when h % 5 = 3 then 'none' else 'session' end,
       case when h % 4 = 0 then 200 + 100 * (h % 5) end,
       case when h % 33 = 0 then 'online' else 'place' end,
       h % 50 <> 7
     from generate_series(0, $1::int - 1) g
     cross join lateral (select (hashint4(g) & 2147483647)::bigint as h) x
     join p on p.n = x.h % (select count(*) from p)`,
    [series],
  );
  // Sessions: 10 a week apart from a day in the next 3 weeks, at 9, 10, 14 or 16 h (Paris).
  await database.query(
    `insert into workshop_sessions (workshop_id, place_id, knn_point, starts_at, ends_at, capacity, seats_taken, status, cancelled_at)
     select w.id, w.place_id, case when w.location = 'online' then null else p.knn_point end, s, s + interval '2 hours', w.capacity,
       case when w.capacity is null then 0 else least(w.capacity, (h / 13) % (w.capacity + 3)) end,
       case when h % 33 = 5 then 'cancelled' else 'scheduled' end, case when h % 33 = 5 then now() end
     from workshops w join places p on p.id = w.place_id
     cross join generate_series(0, ${PER_SERIES - 1}) k
     cross join lateral (select (hashint4(hashtext(w.id::text)) & 2147483647)::bigint as h) x
     cross join lateral (select ((current_date + 1 + (x.h % 21)::int + 7 * k)::timestamp + make_interval(hours => (array[9, 10, 14, 16])[1 + (x.h / 21) % 4]::int)) at time zone 'Europe/Paris' as s) t
     where p.source = 'bench'`,
  );
  const sessionsSeconds = (performance.now() - t) / 1000;
  const v = performance.now();
  await database.query("vacuum analyze");
  const vacuumSeconds = (performance.now() - v) / 1000;
  const [counts] = await database.query<{ places: string; series: string; sessions: string; scheduled: string }>(
    `select (select count(*) from places where source = 'bench') as places, (select count(*) from workshops) as series,
       (select count(*) from workshop_sessions) as sessions, (select count(*) from workshop_sessions where status = 'scheduled') as scheduled`,
  );
  say(`données : ${fr(Number(counts!.places))} lieux, ${fr(Number(counts!.series))} séries, ${fr(Number(counts!.sessions))} séances à venir sur 90 jours (${fr(Number(counts!.scheduled))} programmées)`);
  say(`chargement : lieux ${placesSeconds.toFixed(1)} s ; séries et séances (INSERT … SELECT generate_series) ${sessionsSeconds.toFixed(1)} s ; vacuum analyze ${vacuumSeconds.toFixed(1)} s`);
}

async function measure(database: Database, say: (line: string) => void) {
  const { db } = database;
  await prepareCommuneLookups(db);
  const random = seededRandom(7);
  const communes = loadCommunes().filter((c) => (c.population ?? 0) >= 2000 && c.postcodes.length > 0 && c.timeZone === "Europe/Paris");
  const now = new Date();
  const today = todayInFrance(now);
  const samples = Array.from({ length: SAMPLES }, () => {
    const c = communes[Math.floor(random() * communes.length)]!;
    return { commune: `${c.postcodes[0]} ${c.name}`, theme: AGENDA_THEME_CODES[Math.floor(random() * AGENDA_THEME_CODES.length)]! };
  });
  const cases: { name: string; params: (s: (typeof samples)[number]) => Record<string, string>; api?: boolean }[] = [
    { name: "sans filtre", params: () => ({}) },
    { name: "commune + 20 km", params: (s) => ({ commune: s.commune, distance: "20" }) },
    { name: "commune + 20 km + thème", params: (s) => ({ commune: s.commune, distance: "20", theme: s.theme }) },
    { name: "thème seul", params: (s) => ({ theme: s.theme }) },
    { name: "gratuit + places libres", params: () => ({ gratuit: "1", places: "1" }) },
    { name: "API JSON : commune + 20 km + thème", params: (s) => ({ commune: s.commune, distance: "20", theme: s.theme }), api: true },
  ];
  const rows: string[][] = [];
  for (const c of cases) {
    const run = async (s: (typeof samples)[number]) => {
      const params = new URLSearchParams(c.params(s));
      if (c.api) {
        const url = new URL(`https://epn.example/api/v1/agenda?${params}`);
        const { status, body } = await agendaApi(db, url, { baseUrl: "https://epn.example", format: "json", now });
        if (status !== 200) throw new Error(`${url}: ${status} ${JSON.stringify(body)}`);
        return (body as { data: unknown[] }).data.length;
      }
      const { query } = parseAgendaQuery(params, today);
      return (await searchAgenda(db, query, { now })).entries.length;
    };
    for (const s of samples.slice(0, 30)) await run(s); // statements prepared, caches warm
    const times: number[] = [];
    let found = 0;
    for (const s of samples) {
      const t = performance.now();
      found += await run(s);
      times.push(performance.now() - t);
    }
    rows.push([c.name, ms(pct(times, 50)), ms(pct(times, 95)), (found / samples.length).toFixed(1)]);
  }
  const width = Math.max(...rows.map((r) => r[0]!.length));
  say(`${"cas".padEnd(width)} | p50 ms | p95 ms | séances/page`);
  for (const r of rows) say(`${r[0]!.padEnd(width)} | ${r[1]!.padStart(6)} | ${r[2]!.padStart(6)} | ${r[3]!.padStart(5)}`);
}

/** Runs on the database given: PGlite in a temporary directory, or a fresh database on DATABASE_URL's server. */
export async function benchAgenda(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  const name = serverUrl ? "PostgreSQL" : "PGlite";
  const say = (line: string) => console.log(`agenda ${name.padEnd(10)} ${line}`);
  console.log(`Agenda : ${fr(SESSIONS)} séances dans ${fr(PLACES)} lieux, ${SAMPLES} recherches par cas (BENCH_AGENDA_SESSIONS, BENCH_AGENDA_PLACES, BENCH_AGENDA_SAMPLES)`);
  let database: Database;
  let cleanup: () => Promise<void>;
  if (serverUrl) {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 3 });
    const dbName = `epn_bench_agenda_${crypto.randomBytes(4).toString("hex")}`;
    await admin.unsafe(`create database ${dbName}`);
    const url = new URL(serverUrl);
    url.pathname = `/${dbName}`;
    database = await openDatabase({ databaseUrl: url.toString() });
    cleanup = async () => {
      await database.close();
      await admin.unsafe(`drop database ${dbName} with (force)`);
      await admin.end();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "epn-bench-agenda-"));
    database = await openDatabase({ dataDir: dir, command: "bench-agenda" });
    cleanup = async () => {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  try {
    await load(database, say);
    await measure(database, say);
  } finally {
    await cleanup();
  }
}
