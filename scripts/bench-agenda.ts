/**
 * The agenda part of `npm run bench` (BENCH_PART=agenda runs it alone) — prints figures, asserts nothing.
 *
 * On each database, in its own child process (PGlite in a temp dir, PostgreSQL in a fresh database
 * `epn_bench_agenda_…` on BENCH_DATABASE_URL or the local server, dropped after; BENCH_ONLY=pglite|postgres
 * one of them; BENCH_KEEP_DB=1 keeps them to look at plans):
 *  - data: BENCH_AGENDA_PLACES places (2,000) in communes of 3,000 inhabitants or more (fixed seed,
 *    coordinates jittered), BENCH_AGENDA_SESSIONS upcoming sessions (50,000) over the next 90 days:
 *    10 weekly sessions per series, kinds, themes, levels, capacities, prices and seats taken mixed
 *    by a hash, 3 % online, 3 % cancelled; written by INSERT … SELECT generate_series, then VACUUM ANALYZE;
 *  - searchAgenda, page 1 as the public page asks it: no filter; around a commune within 20 km; the
 *    same with a theme; a theme only; free with seats left; and the API handler (agendaApi, JSON with
 *    the details) around a commune with a theme. p50 / p95 over BENCH_AGENDA_SAMPLES searches (300),
 *    communes and themes drawn with a fixed seed, after a warm-up. One table, both databases side by side.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { openDatabase, type Database } from "~/db/client.server";
import { loadCommunes } from "~/features/communes/communes";
import { seedCommunes } from "~/features/communes/seed.server";
import { createPlace } from "~/features/demo/factories.server";
import { prepareCommuneLookups } from "~/features/directory/locate.server";
import { todayInFrance } from "~/features/time/today";
import { agendaApi } from "~/features/workshops/agenda-api.server";
import { parseAgendaQuery } from "~/features/workshops/agenda-query";
import { searchAgenda } from "~/features/workshops/agenda.server";
import { WORKSHOP_THEME_CODES as AGENDA_THEME_CODES } from "~/features/workshops/themes";
import { slugify } from "~/lib/text";
import { seededRandom } from "~/lib/random";
import { onEachDatabase } from "./bench-databases";

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
    `insert into workshop_sessions (workshop_id, place_id, theme, knn_point, starts_at, ends_at, capacity, seats_taken, status, cancelled_at)
     select w.id, w.place_id, w.theme, case when w.location = 'online' then null else p.knn_point end, s, s + interval '2 hours', w.capacity,
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

/** The cases, measured: one row per case (name, p50, p95, sessions per page). */
async function measure(database: Database): Promise<string[][]> {
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
  return rows;
}

/** One database, in this process: load, measure, print the lines, then the rows as the last line (JSON). */
async function child(target: string) {
  const postgresTarget = target.startsWith("postgres");
  const name = postgresTarget ? "PostgreSQL" : "PGlite";
  const say = (line: string) => console.log(`agenda ${name.padEnd(10)} ${line}`);
  const database = await openDatabase(postgresTarget ? { databaseUrl: target } : { dataDir: target, command: "bench-agenda" });
  try {
    await load(database, say);
    console.log(JSON.stringify(await measure(database)));
  } finally {
    await database.close();
  }
}

/** Runs the agenda part on PGlite (in `work`) and, when reachable, on PostgreSQL (a fresh database, dropped after); one table. */
export async function benchAgenda(work: string, only: string | undefined): Promise<void> {
  console.log(`Agenda : ${fr(SESSIONS)} séances dans ${fr(PLACES)} lieux, ${SAMPLES} recherches par cas (BENCH_AGENDA_SESSIONS, BENCH_AGENDA_PLACES, BENCH_AGENDA_SAMPLES)`);
  const results: { name: string; rows: string[][] }[] = [];
  const run = (name: string, target: string) => {
    const out = execFileSync(process.execPath, ["--import", "tsx", import.meta.filename, "--child", target], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, LOG_LEVEL: "silent" } });
    const lines = out.trim().split("\n");
    for (const line of lines.slice(0, -1)) console.log(line);
    results.push({ name, rows: JSON.parse(lines.at(-1)!) as string[][] });
  };
  await onEachDatabase({ part: "agenda", work, only, run: ({ name, target }) => run(name, target) });
  printTable(results);
}

/** cas | PGlite p50 p95 | PostgreSQL p50 p95 | séances/page (of the first database). */
function printTable(results: { name: string; rows: string[][] }[]) {
  if (results.length === 0) return;
  const names = results[0]!.rows.map((r) => r[0]!);
  const width = Math.max(3, ...names.map((n) => n.length));
  const head = results.map((r) => `${r.name} p50 ms | ${r.name} p95 ms`);
  console.log(`agenda ${"cas".padEnd(width)} | ${head.join(" | ")} | séances/page`);
  names.forEach((name, i) => {
    const cells = results.map((r) => {
      const row = r.rows[i]!;
      return `${row[1]!.padStart(r.name.length + 7)} | ${row[2]!.padStart(r.name.length + 7)}`;
    });
    const perPage = results.map((r) => r.rows[i]![3]!).join(" / ");
    console.log(`agenda ${name.padEnd(width)} | ${cells.join(" | ")} | ${perPage}`);
  });
}

if (process.argv[2] === "--child" && process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) await child(process.argv[3]!);
