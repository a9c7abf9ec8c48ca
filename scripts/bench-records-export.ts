/**
 * The records export part of `npm run bench` (BENCH_PART=records-export runs it alone) — prints
 * figures, asserts nothing. Target (issue 12): the XLSX export of 100,000 records in < 20 s with
 * < 300 MB of memory.
 *
 * On each database, in its own child process (PGlite in a temp dir, PostgreSQL in a fresh database
 * dropped after; BENCH_ONLY=pglite|postgres one of them):
 *  - data: BENCH_EXPORT_RECORDS done help records (100,000) at one place of a network, over three
 *    years, written by INSERT … SELECT generate_series: 1 in 10 collective (8 participants with a
 *    breakdown), themes, equipment, autonomy and orientation mixed by the row number, notes on 1 in 3,
 *    1 in 20 with a person followed by name (500 people); then VACUUM ANALYZE;
 *  - the exports, each in a fresh process (as the server: the database open, then the file) through
 *    the very function the routes stream with (writeRecordsXlsx, writeRecordsCsv), into a file: the
 *    place's XLSX (notes and names), the network's XLSX, the place's CSV. For each: the time, the
 *    rows, the file's size; the process's peak RSS (getrusage; PGlite's engine lives in it too), the
 *    RSS just before the export and its rise during it (sampled every 10 ms), the peak JS heap. V8
 *    lets its heap grow with garbage when it may: the place's XLSX again with a full GC forced every
 *    0.5 s shows the heap the export really holds (flat if nothing grows with the rows).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "~/db/client.server";
import { type ExportScope, writeRecordsCsv, writeRecordsXlsx } from "~/features/mediation/export-records.server";
import { onEachDatabase } from "./bench-databases";

const RECORDS = Number(process.env.BENCH_EXPORT_RECORDS ?? 100_000);
const PEOPLE = 500;
const MB = 1024 * 1024;
const fr = (x: number) => Math.round(x).toLocaleString("fr-FR");

const gc = () => (globalThis as { gc?: () => void }).gc?.();

/**
 * Runs `work` while sampling the process's memory; its result, the time and the peaks. With
 * `liveEvery`, a full GC runs that often and the heap left after it is sampled: what the export
 * really holds, without the garbage V8 lets pile up when it may.
 */
async function measured<T>(work: () => Promise<T>, liveEvery?: number) {
  gc();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  let peakLive = before.heapUsed;
  const sample = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  };
  const timer = setInterval(sample, 10);
  const liveTimer = liveEvery
    ? setInterval(() => {
        gc();
        peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
      }, liveEvery)
    : undefined;
  const started = performance.now();
  try {
    const result = await work();
    sample();
    return { result, seconds: (performance.now() - started) / 1000, rssBefore: before.rss, rssRise: peakRss - before.rss, peakHeap, heapBefore: before.heapUsed, peakLive };
  } finally {
    clearInterval(timer);
    clearInterval(liveTimer);
  }
}

async function open(target: string) {
  const postgresTarget = target.startsWith("postgres");
  const name = postgresTarget ? "PostgreSQL" : "PGlite";
  const database = await openDatabase(postgresTarget ? { databaseUrl: target } : { dataDir: target });
  return { database, name, say: (line: string) => console.log(`export ${name.padEnd(10)} ${line}`) };
}

/** The data, in a process of its own (what loading costs in memory is not the export's). */
async function load(target: string) {
  const { database, say } = await open(target);
  const { db } = database;
  // Imported here: the export's processes load only what the server's export needs.
  const { attachToNetwork, createNetwork, createPlace, createStaffUser } = await import("~/features/demo/factories.server");
  const place = await createPlace(db, { name: "Banc d'essai des comptes rendus" });
  const network = await createNetwork(db, { slug: "banc-export", name: "Réseau du banc d'essai" });
  await attachToNetwork(db, { placeId: place.id, networkId: network.id });
  const mediator = await createStaffUser(db, { name: "Claire Martin", role: "mediator", placeId: place.id });
  const loadStarted = performance.now();
  await database.query(
    `insert into beneficiaries (place_id, first_name, last_name, consent_wording, consent_at, age_band, gender, social_status)
     select $1::uuid, 'Prénom ' || g, 'Nom' || g, 'Accord donné pour le suivi.', now(), 'NonCommunique', 'NonCommunique', 'NonCommunique'
     from generate_series(1, ${PEOPLE}) g`,
    [place.id],
  );
  // Each row: individual (1 in 10 collective of 8), its counts adding up, La Coop's codes picked by the row number.
  await database.query(
    `insert into help_records (place_id, mediator_id, kind, status, date, duration_minutes, place_kind, commune_insee, commune_name, themes, admin_themes, equipment,
       autonomy, oriented, orientation, title, level, notes, participants, named,
       gender_male, gender_female, gender_unknown, age_under_12, age_12_17, age_18_24, age_25_39, age_40_59, age_60_69, age_70_plus, age_unknown,
       status_school, status_job_seeking, status_employed, status_retired, status_unknown)
     select $1::uuid, $2::uuid, case when c then 'collectif' else 'individuel' end, 'done', date '2023-01-01' + (g % 1095),
       (array[15, 30, 45, 60, 90, 120])[1 + g % 6], case when g % 13 = 0 then 'Domicile' else 'LieuActivite' end,
       case when g % 13 = 0 then '18033' end, case when g % 13 = 0 then 'Bourges' end,
       case when g % 7 = 0 then array['AideAuxDemarchesAdministratives', 'Email']
         else array[(array['DiagnosticNumerique', 'PrendreEnMainDuMateriel', 'NavigationSurInternet', 'Email', 'Bureautique', 'Sante', 'SecuriteNumerique'])[1 + g % 7]] end,
       case when g % 7 = 0 then array[(array['SocialSante', 'Logement', 'ArgentImpots'])[1 + g % 3]] else '{}'::text[] end,
       array[(array['Ordinateur', 'Telephone', 'Tablette'])[1 + g % 3]],
       case when c then null else (array['EntierementAccompagne', 'PartiellementAutonome', 'Autonome'])[1 + g % 3] end,
       not c and g % 11 = 0, case when not c and g % 11 = 0 then 'AideSociale' end,
       case when c then 'Atelier découverte de la tablette' end, case when c then 'Debutant' end,
       case when g % 3 = 0 then 'Accompagné pour ses démarches en ligne ; revient la semaine prochaine avec ses identifiants.' end,
       case when c then 8 else 1 end, case when not c and g % 20 = 1 then 1 else 0 end,
       case when c then 3 else (g % 3 = 0)::int end, case when c then 4 else (g % 3 = 1)::int end, case when c then 1 else (g % 3 = 2)::int end,
       0, 0, case when c then 1 else 0 end, case when c then 0 else (g % 4 = 0)::int end, case when c then 2 else (g % 4 = 1)::int end,
       case when c then 3 else (g % 4 = 2)::int end, case when c then 2 else (g % 4 = 3)::int end, 0,
       0, 0, case when c then 2 else 0 end, case when c then 5 else 1 end, case when c then 1 else 0 end
     from generate_series(1, ${RECORDS}) g cross join lateral (select g % 10 = 0 as c) k`,
    [place.id, mediator.id],
  );
  await database.query(
    `insert into help_record_people (record_id, beneficiary_id, age_band, gender, social_status)
     select r.id, b.id, 'NonCommunique', 'NonCommunique', 'NonCommunique'
     from (select id, row_number() over (order by id) as n from help_records where named = 1) r
     join (select id, row_number() over (order by id) - 1 as n from beneficiaries) b on b.n = r.n % ${PEOPLE}`,
  );
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  await database.query("vacuum analyze");
  const [counts] = await database.query<{ records: string; named: string }>(`select count(*) as records, count(*) filter (where named = 1) as named from help_records`);
  say(`données : ${fr(Number(counts!.records))} comptes rendus sur 3 ans (1 sur 10 collectif, ${fr(Number(counts!.named))} avec une personne nommée), chargés en ${loadSeconds.toFixed(1)} s`);
  await database.close();
}

const RUNS = {
  "place-xlsx": { label: "XLSX du lieu (notes, noms)", file: "lieu.xlsx", write: writeRecordsXlsx, scope: "place", liveEvery: undefined },
  "network-xlsx": { label: "XLSX du réseau (sans)     ", file: "reseau.xlsx", write: writeRecordsXlsx, scope: "network", liveEvery: undefined },
  "place-csv": { label: "CSV du lieu (notes, noms) ", file: "lieu.csv", write: writeRecordsCsv, scope: "place", liveEvery: undefined },
  "place-xlsx-live": { label: "XLSX du lieu, GC forcé toutes les 0,5 s", file: "lieu-gc.xlsx", write: writeRecordsXlsx, scope: "place", liveEvery: 500 },
} as const;

/** One export in a fresh process (its peak memory is its own), as the server runs it: the database open, then the file written. */
async function exportOnce(target: string, dir: string, which: keyof typeof RUNS) {
  const { database, name, say } = await open(target);
  const run = RUNS[which];
  const [ids] = await database.query<{ place: string; network: string }>(`select (select id from places limit 1) as place, (select id from networks where slug = 'banc-export') as network`);
  const scope: ExportScope = run.scope === "place" ? { kind: "place", placeId: ids!.place } : { kind: "network", networkId: ids!.network };
  const file = path.join(dir, `${name}-${run.file}`);
  const r = await measured(() => run.write(database.db, { scope, filter: {}, output: fs.createWriteStream(file) }), run.liveEvery);
  const size = fs.statSync(file).size;
  fs.rmSync(file);
  const maxRss = process.resourceUsage().maxRSS * 1024;
  say(
    `${run.label} : ${fr(r.result.rows)} lignes en ${r.seconds.toFixed(1)} s (${fr(r.result.rows / r.seconds)} lignes/s, ${(size / MB).toFixed(1)} Mo) ; mémoire du processus : RSS au plus ${fr(maxRss / MB)} Mo, dont ${fr(r.rssBefore / MB)} Mo avant l'export (Node, l'application${name === "PGlite" ? ", le moteur PGlite" : ""}) et +${fr(r.rssRise / MB)} Mo pendant ; tas JS au plus ${fr(r.peakHeap / MB)} Mo`,
  );
  if (run.liveEvery) say(`  → tas JS vivant (après chaque GC forcé) : ${fr(r.heapBefore / MB)} Mo avant l'export, au plus ${fr(r.peakLive / MB)} Mo pendant`);
  await database.close();
}

/** Runs the records export part on PGlite and, when reachable, on PostgreSQL (scripts/bench-databases.ts). */
export async function benchRecordsExport(work: string, only: string | undefined) {
  console.log(`Export des comptes rendus : ${fr(RECORDS)} accompagnements en XLSX et CSV, écrits dans un fichier (BENCH_EXPORT_RECORDS) — cible : XLSX < 20 s et < 300 Mo`);
  await onEachDatabase({
    part: "records_export", work, only,
    run: ({ target }) => {
      const node = (...args: string[]) =>
        execFileSync(process.execPath, ["--import", "tsx", "--expose-gc", import.meta.filename, ...args], { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, LOG_LEVEL: "silent" } });
      node("--load", target);
      for (const which of Object.keys(RUNS)) node("--export", target, work, which);
    },
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  if (process.argv[2] === "--load") await load(process.argv[3]!);
  if (process.argv[2] === "--export") await exportOnce(process.argv[3]!, process.argv[4]!, process.argv[5] as keyof typeof RUNS);
}
