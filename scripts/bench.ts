/**
 * npm run bench — prints figures, asserts nothing.
 * Import throughput (rows/s) and peak memory for a 100,000-row file derived from the
 * real files (ids made unique, names varied, coordinates jittered), on PGlite and, when
 * a PostgreSQL server is reachable (BENCH_DATABASE_URL, default the local one), on PostgreSQL.
 * Each import runs in its own process so that its peak memory (max RSS) is its own.
 * Then the booking part (scripts/bench-bookings.ts): availability, the nearest free computers and
 * concurrent booking attempts on 1,000,000 bookings. Then the workshop seats part (scripts/bench-seats.ts):
 * 1,000 registrations at once for 12 seats, then 200 cancellations and promotions at once. Then the
 * public agenda part (scripts/bench-agenda.ts): 50,000 upcoming sessions in 2,000 places, filtered. Then the
 * records export part (scripts/bench-records-export.ts): 100,000 help records as XLSX and CSV, time and memory.
 * figures' part (scripts/bench-stats.ts): a network's statistics for a year over 1,000,000 help records.
 * BENCH_PART=directory|bookings|seats|agenda|records-export|stats|all (default all)
 * runs one part or both; BENCH_ONLY=pglite|postgres one database.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { openDatabase, queryPrepared } from "~/db/client.server";
import { KNN_LATITUDE_SCALE } from "~/db/schema";
import { seedCommunes } from "~/features/communes/seed.server";
import { demoFiles } from "~/features/demo/demo.server";
import { listStandardPlaces, placesToCsv } from "~/features/places/export.server";
import { importPlacesFile } from "~/features/places/import.server";
import { DEFAULT_RADIUS_KM, parseDirectoryQuery } from "~/features/directory/query";
import { prepareCommuneLookups } from "~/features/directory/locate.server";
import { nearestStats, searchDirectory } from "~/features/directory/search.server";
import type { StandardPlace } from "~/features/standard/types";
import { parseEnv } from "~/lib/env";
import { benchAgenda } from "./bench-agenda";
import { benchBookings } from "./bench-bookings";
import { benchRecordsExport } from "./bench-records-export";
import { benchSeats } from "./bench-seats";
import { benchStats } from "./bench-stats";
import { seededRandom } from "~/lib/random";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const env = parseEnv({ ...process.env, DATABASE_URL: "" });
// The parent's scratch directory (the children, started with a flag, need none).
const work = process.argv[2]?.startsWith("--") ? "" : fs.mkdtempSync(path.join(os.tmpdir(), "epn-bench-"));

async function realPlaces(): Promise<StandardPlace[]> {
  const database = await openDatabase({ dataDir: "memory://" });
  await seedCommunes(database.db);
  const files = demoFiles(env.referenceDir);
  for (const entry of [files.network, ...files.others]) {
    await importPlacesFile(database, { ...entry, partial: true, rejectsFile: path.join(work, "rejets.csv") });
  }
  const list = await listStandardPlaces(database.db);
  await database.close();
  return list;
}

const VARIANTS = ["", "Annexe", "Antenne", "Point relais", "Espace", "Permanence", "Atelier"];

function derive(base: StandardPlace[], n: number): StandardPlace[] {
  const random = seededRandom(42);
  const out: StandardPlace[] = [];
  for (let i = 0; i < n; i++) {
    const b = base[i % base.length];
    const variant = VARIANTS[Math.floor(i / base.length) % VARIANTS.length];
    out.push({
      ...b,
      id: `bench-${i}`,
      source: "bench",
      nom: variant ? `${b.nom} — ${variant} ${Math.floor(i / base.length)}` : b.nom,
      latitude: b.latitude === undefined ? undefined : round(b.latitude + (random() - 0.5) * 0.05),
      longitude: b.longitude === undefined ? undefined : round(b.longitude + (random() - 0.5) * 0.05),
    });
  }
  return out;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** One import in a child process: prints {seconds, rows, maxRssMb}. */
async function child(file: string, target: string) {
  const database = await openDatabase(target.startsWith("postgres") ? { databaseUrl: target } : { dataDir: target });
  await seedCommunes(database.db);
  const started = performance.now();
  const report = await importPlacesFile(database, { file });
  const seconds = (performance.now() - started) / 1000;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  await database.close();
  console.log(JSON.stringify({ seconds, rows: report.created + report.updated, invalid: report.invalid, maxRssMb }));
}

/** Searches in a fresh process, as a web node would run them (not in the importer's big heap). */
async function searchChild(target: string) {
  const database = await openDatabase(target.startsWith("postgres") ? { databaseUrl: target } : { dataDir: target });
  const search = await benchSearch(database);
  await database.close();
  console.log(JSON.stringify(search));
}

/** The bare query's first pass in a fresh process, to set against the search's first pass. */
async function bareColdChild(target: string) {
  const database = await openDatabase(target.startsWith("postgres") ? { databaseUrl: target } : { dataDir: target });
  await database.query("vacuum analyze"); // as the server does every hour (db/maintenance.server.ts; PGlite has no autovacuum)
  const times = await bareQuery(database, await benchOrigins(database), true);
  await database.close();
  console.log(JSON.stringify({ bareColdP50: pct(times, 50), bareColdPerSecond: perSecond(times) }));
}

type SearchFigures = Awaited<ReturnType<typeof benchSearch>> & { bareColdP50: number; bareColdPerSecond: number };

/** Both children on one database: the bare query's first pass, then the searches (each in a fresh process). */
function measureSearch(target: string): SearchFigures {
  const run = (flag: string) => {
    const out = execFileSync(process.execPath, ["--import", "tsx", import.meta.filename, flag, target], { encoding: "utf8", env: { ...process.env, LOG_LEVEL: "silent" } });
    return JSON.parse(out.trim().split("\n").pop()!);
  };
  return { ...run("--bare-cold"), ...run("--search") };
}

/** `--search-only <target>…`: the searches alone on databases kept by BENCH_KEEP_DB=1, printed as by a full run. */
async function searchOnly(targets: string[]) {
  for (const target of targets) printSearch(target.startsWith("postgres") ? "PostgreSQL" : "PGlite", measureSearch(target));
}

const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 300);
const SERVICES = ["Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien", "Accès internet et matériel informatique"];

/**
 * The directory search as the API runs it — text (a commune name as a person types it,
 * resolved like the search box does) + distance (nearest first from that commune) +
 * a service filter + open now, 20 results with distance and opening state — against
 * the bare nearest-neighbour SQL on the same data, from the same origins, through the
 * same driver in the same process, prepared the same way. The same searches by device
 * position (lat/lon, no text) are measured too. The process first does what the server does
 * at start-up (the communes are read into memory), as a web node would.
 *
 * "Now" takes five values, as five minutes of traffic on a busy node spread over a Tuesday
 * (9:30, 11:00, 12:30 — lunch, many places closed —, 15:00 and 17:45 in Paris).
 */
type Bench = Awaited<ReturnType<typeof openDatabase>>;
type BenchOrigin = { insee: string; name: string; latitude: number; longitude: number };

/**
 * Communes of places picked at random (so dense areas weigh as they do), whose name is
 * unambiguous: an ambiguous name gives a choice of communes, not a search.
 */
function benchOrigins(database: Bench) {
  return database.query<BenchOrigin>(
    `select c.insee, c.name, c.latitude, c.longitude from places p join communes c on c.insee = p.insee_code
     where p.knn_point is not null and not exists (select 1 from communes d where d.search_name = c.search_name and d.insee <> c.insee)
     order by md5(p.id::text) limit $1`,
    [SEARCHES],
  );
}

/** The bare nearest-neighbour query from each origin: through queryPrepared as the search's, or the plain driver call. */
async function bareQuery(database: Bench, origins: BenchOrigin[], prepared: boolean) {
  const times: number[] = [];
  for (const o of origins) {
    const t = performance.now();
    const at = [o.longitude, o.latitude * KNN_LATITUDE_SCALE];
    if (prepared) await queryPrepared(database.db, sql`select id from places order by knn_point <-> point(${at[0]}, ${at[1]}) limit 20`);
    else await database.query("select id from places order by knn_point <-> point($1, $2) limit 20", at);
    times.push(performance.now() - t);
  }
  return times;
}

const pct = (list: number[], p: number) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor((list.length * p) / 100))];
const perSecond = (list: number[]) => (list.length * 1000) / list.reduce((a, b) => a + b, 0);

async function benchSearch(database: Bench) {
  await database.query("vacuum analyze"); // as the server does every hour (db/maintenance.server.ts; PGlite has no autovacuum)
  await prepareCommuneLookups(database.db);
  const origins = await benchOrigins(database);
  const instants = ["08:30", "10:00", "11:30", "14:00", "16:45"].map((t) => new Date(`2026-11-24T${t}:00Z`));
  // Within 100 km, as the public pages search by default (the distance filter).
  const filters = (i: number) => ({ services: SERVICES[i % 3], ouvert: "maintenant", rayon: String(DEFAULT_RADIUS_KM) });
  const byText = (o: (typeof origins)[number], i: number) => new URLSearchParams({ q: o.name, ...filters(i) });
  const byPosition = (o: (typeof origins)[number], i: number) => new URLSearchParams({ lat: String(o.latitude), lon: String(o.longitude), ...filters(i) });
  // The API without a distance: nearest first however far (overseas at night, 9,000 km).
  const byTextEverywhere = (o: (typeof origins)[number], i: number) => new URLSearchParams({ q: o.name, services: SERVICES[i % 3], ouvert: "maintenant" });
  let unresolved = 0;
  const pass = async (params: (o: (typeof origins)[number], i: number) => URLSearchParams) => {
    const times: number[] = [];
    for (const [i, o] of origins.entries()) {
      const query = parseDirectoryQuery(params(o, i));
      const t = performance.now();
      const found = await searchDirectory(database.db, query, instants[i % instants.length]);
      times.push(performance.now() - t);
      if (query.q && found.origin?.insee !== o.insee) unresolved++;
    }
    return times;
  };
  const cold = await pass(byText);
  await bareQuery(database, origins, true); // its statement prepared, as the search's are after the first pass
  const bare = await bareQuery(database, origins, true);
  const bareUnprepared = await bareQuery(database, origins, false);
  // Same searches again: the opening states of these places are now known (steady state).
  nearestStats.pages = nearestStats.boxed = 0;
  const warm = await pass(byText);
  const boxed = nearestStats.boxed / nearestStats.pages;
  const position = await pass(byPosition);
  const everywhere = await pass(byTextEverywhere);
  return {
    searches: origins.length, unresolved, boxed,
    searchP50: pct(cold, 50), searchP95: pct(cold, 95), searchPerSecond: perSecond(cold),
    warmP50: pct(warm, 50), warmP95: pct(warm, 95), warmPerSecond: perSecond(warm),
    positionP50: pct(position, 50), positionP95: pct(position, 95), positionPerSecond: perSecond(position),
    everywhereP50: pct(everywhere, 50), everywhereP95: pct(everywhere, 95), everywherePerSecond: perSecond(everywhere),
    bareP50: pct(bare, 50), barePerSecond: perSecond(bare), bareUnpreparedPerSecond: perSecond(bareUnprepared),
  };
}

/** Prints one database's search figures (as returned by benchSearch). */
function printSearch(name: string, r: SearchFigures) {
  const line = (what: string, p50: number, p95: number, perSecond: number) =>
    console.log(`search ${name.padEnd(10)} ${what} : p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, ${Math.round(perSecond)} recherches/s`);
  line(`texte (commune) + à moins de 100 km + service + ouvert maintenant, ${r.searches} recherches`, r.searchP50, r.searchP95, r.searchPerSecond);
  line("mêmes recherches, horaires déjà lus", r.warmP50, r.warmP95, r.warmPerSecond);
  line("position (lat, lon) + à moins de 100 km + service + ouvert maintenant, horaires lus", r.positionP50, r.positionP95, r.positionPerSecond);
  line("mêmes recherches par texte sans limite de distance (API sans rayon)", r.everywhereP50, r.everywhereP95, r.everywherePerSecond);
  if (r.unresolved) console.log(`search ${name.padEnd(10)} attention : ${r.unresolved} textes n'ont pas donné la commune attendue`);
  console.log(`search ${name.padEnd(10)} pages dont l'ordre a demandé la requête par boîte : ${(r.boxed * 100).toFixed(0)} %`);
  const ratio = (perSecond: number, bare = r.barePerSecond) => (perSecond / bare).toFixed(2);
  console.log(`knn    ${name.padEnd(10)} SQL nu (20 plus proches, préparé comme la recherche) : 1re passe dans un processus neuf p50 ${r.bareColdP50.toFixed(2)} ms, ${Math.round(r.bareColdPerSecond)} requêtes/s ; ensuite p50 ${r.bareP50.toFixed(2)} ms, ${Math.round(r.barePerSecond)} requêtes/s (non préparé : ${Math.round(r.bareUnpreparedPerSecond)}/s)`);
  console.log(`ratio  ${name.padEnd(10)} recherche/SQL nu : à froid ${ratio(r.searchPerSecond, r.bareColdPerSecond)} (1re passe contre 1re passe), horaires lus ${ratio(r.warmPerSecond)}, position ${ratio(r.positionPerSecond)}, sans limite de distance ${ratio(r.everywherePerSecond)} ; contre le SQL nu non préparé : ${ratio(r.warmPerSecond, r.bareUnpreparedPerSecond)} (horaires lus)`);
}

async function main() {
  if (process.argv[2] === "--child") return child(process.argv[3], process.argv[4]);
  if (process.argv[2] === "--search") return searchChild(process.argv[3]);
  if (process.argv[2] === "--bare-cold") return bareColdChild(process.argv[3]);
  if (process.argv[2] === "--search-only") return searchOnly(process.argv.slice(3));
  // BENCH_PART=directory | bookings | seats | agenda | records-export | all (default): the import and search part, the booking part, the workshop seats part, the agenda part, the records export part, or all.
  const part = process.env.BENCH_PART ?? "all";
  const runs = (name: string) => part === "all" || part === name;
  const only = process.env.BENCH_ONLY; // "pglite" | "postgres": one database only
  console.log(`Réseau EPN — benchmark (${part === "all" || part === "directory" ? `${ROWS} lignes` : part}, ${os.cpus().length} cœurs, Node ${process.version})`);
  if (runs("directory")) await directoryPart(only);
  if (runs("bookings")) await benchBookings(work, only);
  if (runs("seats")) await benchSeats(work, only);
  if (runs("agenda")) await benchAgenda(work, only);
  if (runs("records-export")) await benchRecordsExport(work, only);
  if (runs("stats")) await benchStats(work, only);
  if (!(process.env.BENCH_KEEP_DB && only !== "postgres" && (runs("directory") || runs("agenda") || runs("stats")))) fs.rmSync(work, { recursive: true, force: true });
}

/** The import and the directory's searches on each database. */
async function directoryPart(only: string | undefined) {
  const base = await realPlaces();
  const file = path.join(work, `bench-${ROWS}.csv`);
  fs.writeFileSync(file, placesToCsv(derive(base, ROWS)));
  console.log(`Fichier : ${ROWS} lignes dérivées de ${base.length} lieux réels (${(fs.statSync(file).size / 1e6).toFixed(1)} Mo)`);

  const targets: { name: string; target: string; cleanup?: () => Promise<void> }[] = only === "postgres" ? [] : [{ name: "PGlite", target: path.join(work, "pglite") }];
  const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  if (only !== "pglite") try {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 3 });
    const name = `epn_bench_${crypto.randomBytes(4).toString("hex")}`;
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    targets.push({ name: "PostgreSQL", target: url.toString(), cleanup: async () => {
      // BENCH_KEEP_DB=1 keeps the PostgreSQL database to look at its plans.
      if (process.env.BENCH_KEEP_DB) console.log(`base conservée : ${url} (recherches seules : npm run bench -- --search-only ${url})`);
      else await admin.unsafe(`drop database ${name} with (force)`);
      await admin.end();
    } });
  } catch (error) {
    console.log(`PostgreSQL non disponible (${(error as Error).message}) : mesure sur PGlite seulement.`);
  }
  for (const t of targets) {
    const run = (args: string[]) => {
      const out = execFileSync(process.execPath, ["--import", "tsx", import.meta.filename, ...args], { encoding: "utf8", env: { ...process.env, LOG_LEVEL: "silent" } });
      return JSON.parse(out.trim().split("\n").pop()!) as Record<string, number>;
    };
    const r = run(["--child", file, t.target]) as { seconds: number; rows: number; invalid: number; maxRssMb: number };
    console.log(`import ${t.name.padEnd(10)} ${r.rows} lignes en ${r.seconds.toFixed(1)} s → ${Math.round(r.rows / r.seconds)} lignes/s ; mémoire max ${Math.round(r.maxRssMb)} Mo${r.invalid ? ` ; ${r.invalid} invalides` : ""}`);
    printSearch(t.name, measureSearch(t.target));
    await t.cleanup?.();
  }
  // BENCH_KEEP_DB=1 keeps the PGlite directory too (the searches can then be rerun alone).
  if (process.env.BENCH_KEEP_DB && only !== "postgres") {
    fs.rmSync(file);
    console.log(`base conservée : ${path.join(work, "pglite")} (recherches seules : npm run bench -- --search-only ${path.join(work, "pglite")})`);
  } else fs.rmSync(file);
}

await main();
