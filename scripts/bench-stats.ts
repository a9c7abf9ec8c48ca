/**
 * The figures' part of `npm run bench` (BENCH_PART=stats runs it alone) — prints figures, asserts nothing.
 *
 * On each database, in its own child process (PGlite in a temp dir, PostgreSQL in a fresh database
 * `epn_bench_stats_…` on BENCH_DATABASE_URL or the local server, dropped after; BENCH_ONLY=pglite|postgres
 * one of them; BENCH_KEEP_DB=1 keeps them to look at plans):
 *  - data: one network of BENCH_STATS_PLACES places (500) in communes of 3,000 inhabitants or more, two
 *    mediators each, 200 people followed by name each; BENCH_STATS_RECORDS help records (1,000,000) over
 *    the three years before this one, in plausible proportions drawn by a hash of the row number (places
 *    of uneven activity, 88 % individual, durations mostly 30 min to 1 h, one to three themes with
 *    « Aide aux démarches administratives » in a third and its sub-themes, ages leaning old, 35 % of the
 *    individual help to a named person, 3 % drafts); four stations per place booked once a week each (8 % cancelled, past ones marked present, absent or excused); two workshop series per
 *    place, a session every fortnight, some with people waiting. Written by INSERT … SELECT
 *    generate_series, then VACUUM ANALYZE;
 *  - the network's statistics for the last of those years, every indicator (getMediationStatistics:
 *    help records, people, communes, bookings, station occupancy, workshops), p50 / p95 over
 *    BENCH_STATS_RUNS runs (10) after a warm-up, against one bare `select count(*)` over the same
 *    filtered records, and their ratio. Targets: p95 < 300 ms on PostgreSQL, < 1 s on PGlite, at most
 *    twice the count.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, queryRows, type Database } from "~/db/client.server";
import { COOP_ADMIN_THEME_CODES, COOP_THEME_CODES } from "~/db/schema";
import { loadCommunes } from "~/features/communes/communes";
import { attachToNetwork, createNetwork, createPlace } from "~/features/demo/factories.server";
import { getMediationStatistics } from "~/features/mediation/stats.server";
import { slugify } from "~/lib/text";
import { seededRandom } from "~/lib/random";
import { onEachDatabase } from "./bench-databases";

const PLACES = Number(process.env.BENCH_STATS_PLACES ?? 500);
const RECORDS = Number(process.env.BENCH_STATS_RECORDS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_STATS_RUNS ?? 10);
const PEOPLE_PER_PLACE = 200;

const pct = (list: number[], p: number) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor((list.length * p) / 100))] ?? NaN;
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
const fr = (x: number) => Math.round(x).toLocaleString("fr-FR");

/** The three whole years before this one: the data's span; the last is measured. */
function years(now: Date) {
  const last = now.getUTCFullYear() - 1;
  return { first: `${last - 2}-01-01`, days: Math.round((Date.UTC(last + 1, 0, 1) - Date.UTC(last - 2, 0, 1)) / 86_400_000), measured: { from: `${last}-01-01`, to: `${last}-12-31` } };
}

/** `u(k)`: a uniform number in 0–999 for the row `g`, the k-th of its independent draws. */
const u = (k: number) => `((hashint8(g::bigint * 64 + ${k}) & 2147483647) % 1000)`;
const array = (codes: readonly string[]) => `array[${codes.map((c) => `'${c}'`).join(", ")}]`;

export async function load(database: Database, say: (line: string) => void, now: Date) {
  const { db } = database;
  const random = seededRandom(2028);
  const communes = loadCommunes().filter((c) => (c.population ?? 0) >= 3000);
  const started = performance.now();
  const network = await createNetwork(db, { slug: "bench-stats", name: "Réseau du banc d'essai" });
  for (let i = 0; i < PLACES; i++) {
    const c = communes[Math.floor(random() * communes.length)]!;
    const place = await createPlace(db, {
      name: `Espace numérique ${c.name} ${i}`, slug: `bench-stats-${i}-${slugify(c.name)}`, commune: c.name, postcode: c.postcodes[0], inseeCode: c.insee,
      latitude: c.latitude, longitude: c.longitude, timeZone: c.timeZone, source: "bench", sourceId: `bench-stats-${i}`,
    });
    await attachToNetwork(db, { placeId: place.id, networkId: network.id });
  }
  await database.query(`create table bench_places as select id as place_id, (row_number() over (order by id) - 1)::int as n, time_zone from places where source = 'bench'`);
  // Two mediators a place.
  await database.query(`insert into users (email, name) select 'mediation-' || p.n || '-' || k || '@banc.example', 'Médiation ' || p.n || '-' || k from bench_places p cross join generate_series(1, 2) k`);
  await database.query(
    `insert into memberships (user_id, role, place_id) select u.id, 'mediator', p.place_id from users u join bench_places p on u.email like 'mediation-' || p.n || '-%'`,
  );
  await database.query(
    `create table bench_mediators as select p.n, array_agg(m.user_id order by m.user_id) as ids from memberships m join bench_places p on p.place_id = m.place_id where m.role = 'mediator' group by p.n`,
  );
  // People followed by name: 200 a place, in some of the communes around.
  const near = communes.slice(0, 60).map((c) => ({ insee: c.insee, name: c.name }));
  await database.query(`create table bench_communes as select (row_number() over () - 1)::int as k, insee, name from json_to_recordset($1::json) as x(insee text, name text)`, [JSON.stringify(near)]);
  await database.query(
    `insert into beneficiaries (place_id, first_name, last_name, age_band, gender, social_status, commune_insee, commune_name, consent_wording, consent_at)
     select p.place_id, 'Prénom ' || g, 'B.',
       (array['DixHuitVingtQuatre', 'VingtCinqTrenteNeuf', 'QuaranteCinquanteNeuf', 'QuaranteCinquanteNeuf', 'SoixanteSoixanteNeuf', 'SoixanteSoixanteNeuf', 'SoixanteDixPlus', 'SoixanteDixPlus', 'NonCommunique', 'DouzeDixHuit'])[1 + ${u(1)} % 10],
       (array['Feminin', 'Feminin', 'Feminin', 'Masculin', 'Masculin', 'NonCommunique'])[1 + ${u(2)} % 6],
       (array['Retraite', 'Retraite', 'SansEmploi', 'EnEmploi', 'NonCommunique', 'Scolarise'])[1 + ${u(3)} % 6],
       case when ${u(4)} < 900 then c.insee end, case when ${u(4)} < 900 then c.name end,
       'Vous acceptez que l''EPN garde votre nom pour suivre l''aide qu''il vous apporte.', now()
     from generate_series(0, $1::int * ${PEOPLE_PER_PLACE} - 1) g
     join bench_places p on p.n = g / ${PEOPLE_PER_PLACE}
     join bench_communes c on c.k = ${u(5)} % 60`,
    [PLACES],
  );
  await database.query(
    `create table bench_people as select id, place_id, (row_number() over (partition by place_id order by id) - 1)::int as k, age_band, gender, social_status from beneficiaries`,
  );
  const peopleSeconds = (performance.now() - started) / 1000;

  const span = years(now);
  const t = performance.now();
  const themes = array(COOP_THEME_CODES);
  const adminThemes = array(COOP_ADMIN_THEME_CODES);
  const chunk = 100_000;
  for (let lo = 0; lo < RECORDS; lo += chunk) {
    // Rows come in date order, as the help is recorded. A row's draws: u0 place, u2 kind, u3 duration, u4 where, u5–u7 themes, u8 equipment, u9 autonomy, u10 oriented,
    // u11 participants, u12 named, u13 gender, u14 age, u15 status, u16 first time, u17 already helped, u18 mediator, u19 draft.
    await database.query(
      `insert into help_records (place_id, mediator_id, kind, status, date, duration_minutes, place_kind, commune_insee, commune_name, themes, admin_themes, equipment,
         autonomy, oriented, orientation, title, level, participants, named, first_time, already_helped,
         gender_male, gender_female, gender_unknown, age_under_12, age_12_17, age_18_24, age_25_39, age_40_59, age_60_69, age_70_plus, age_unknown,
         status_school, status_job_seeking, status_employed, status_retired, status_unknown)
       select p.place_id, m.ids[1 + ${u(18)} % 2], x.kind, case when ${u(19)} < 30 then 'draft' else 'done' end,
         $1::date + (g::bigint * $2::int / $6::int)::int,
         (array[15, 15, 30, 30, 30, 30, 45, 45, 60, 60, 60, 60, 90, 90, 120, 180, 20, 75, 30, 60])[1 + ${u(3)} % 20],
         x.wh, case when x.wh in ('Domicile', 'Autre') then c.insee end, case when x.wh in ('Domicile', 'Autre') then c.name end,
         array_remove(array[(${themes})[1 + ${u(5)} % 19], case when ${u(6)} < 450 then (${themes})[1 + ${u(6)} % 19] end, case when ${u(7)} < 330 then 'AideAuxDemarchesAdministratives' end], null),
         case when ${u(7)} < 330 then array_remove(array[(${adminThemes})[1 + ${u(7)} % 11], case when ${u(7)} % 3 = 0 then (${adminThemes})[1 + ${u(6)} % 11] end], null) else '{}' end,
         (array['{Ordinateur}', '{Ordinateur}', '{Ordinateur}', '{Telephone}', '{Telephone}', '{Ordinateur,Telephone}', '{Tablette}', '{Aucun}', '{Ordinateur}', '{Autre}'])[1 + ${u(8)} % 10]::text[],
         case when x.kind = 'individuel' then (array['EntierementAccompagne', 'PartiellementAutonome', 'PartiellementAutonome', 'Autonome'])[1 + ${u(9)} % 4] end,
         x.kind = 'individuel' and ${u(10)} < 110,
         case when x.kind = 'individuel' and ${u(10)} < 110 then (array['Administration', 'MediationNumerique', 'OperateurOuOrganismeEnCharge', 'AideSociale', 'InsertionProfessionnelle', 'AideAuxDemarchesAdministratives', 'Autre'])[1 + ${u(10)} % 7] end,
         case when x.kind = 'collectif' then 'Atelier ' || (1 + ${u(5)} % 40) end,
         case when x.kind = 'collectif' then (array['Debutant', 'Debutant', 'Intermediaire', 'Avance'])[1 + ${u(9)} % 4] end,
         x.n, x.named, case when x.named = 1 and ${u(16)} < 300 then 1 else 0 end, case when x.named = 0 and ${u(17)} < 500 then x.n / 2 else 0 end,
         case when x.kind = 'individuel' then (x.ug < 400)::int else x.n * 4 / 10 end,
         case when x.kind = 'individuel' then (x.ug >= 400 and x.ug < 900)::int else x.n * 5 / 10 end,
         case when x.kind = 'individuel' then (x.ug >= 900)::int else x.n - x.n * 4 / 10 - x.n * 5 / 10 end,
         case when x.kind = 'individuel' then (x.ua < 10)::int else 0 end,
         case when x.kind = 'individuel' then (x.ua >= 10 and x.ua < 40)::int else x.n / 6 end,
         case when x.kind = 'individuel' then (x.ua >= 40 and x.ua < 100)::int else 0 end,
         case when x.kind = 'individuel' then (x.ua >= 100 and x.ua < 220)::int else 0 end,
         case when x.kind = 'individuel' then (x.ua >= 220 and x.ua < 450)::int else x.n / 5 end,
         case when x.kind = 'individuel' then (x.ua >= 450 and x.ua < 680)::int else x.n / 4 end,
         case when x.kind = 'individuel' then (x.ua >= 680 and x.ua < 900)::int else x.n / 3 end,
         case when x.kind = 'individuel' then (x.ua >= 900)::int else x.n - x.n / 6 - x.n / 5 - x.n / 4 - x.n / 3 end,
         case when x.kind = 'individuel' then (x.us < 40)::int else x.n / 6 end,
         case when x.kind = 'individuel' then (x.us >= 40 and x.us < 300)::int else 0 end,
         case when x.kind = 'individuel' then (x.us >= 300 and x.us < 450)::int else 0 end,
         case when x.kind = 'individuel' then (x.us >= 450 and x.us < 800)::int else x.n / 2 end,
         case when x.kind = 'individuel' then (x.us >= 800)::int else x.n - x.n / 6 - x.n / 2 end
       from generate_series($3::int, $4::int) g
       cross join lateral (
         select case when ${u(2)} < 120 then 'collectif' else 'individuel' end as kind,
           (array['LieuActivite', 'LieuActivite', 'LieuActivite', 'LieuActivite', 'LieuActivite', 'LieuActivite', 'LieuActivite', 'ADistance', 'Domicile', 'Autre'])[1 + ${u(4)} % 10] as wh,
           ${u(13)} as ug, ${u(14)} as ua, ${u(15)} as us
       ) k
       cross join lateral (
         select k.*, case when k.kind = 'collectif' then 3 + ${u(11)} % 10 else 1 end as n, case when k.kind = 'individuel' and ${u(12)} < 350 then 1 else 0 end as named
       ) x
       join bench_places p on p.n = (${u(0)} * (${u(0)} + 1000) * $5::bigint / 2000000)
       join bench_mediators m on m.n = p.n
       join bench_communes c on c.k = ${u(4)} % 60`,
      [span.first, span.days, lo, Math.min(RECORDS, lo + chunk) - 1, PLACES, RECORDS],
    );
  }
  // The named person of a named record: one of the place's 200, as they were.
  await database.query(
    `insert into help_record_people (record_id, beneficiary_id, age_band, gender, social_status, first_time)
     select r.id, b.id, b.age_band, b.gender, b.social_status, r.first_time = 1
     from help_records r join bench_people b on b.place_id = r.place_id and b.k = (hashtext(r.id::text) & 2147483647) % ${PEOPLE_PER_PLACE}
     where r.named = 1`,
  );
  const recordsSeconds = (performance.now() - t) / 1000;

  // Four stations a place, each booked once a week (day and hour drawn): none overlap.
  const b = performance.now();
  await database.query(
    `insert into resources (place_id, kind, name, position, min_minutes, max_minutes, grid_minutes, min_lead_minutes)
     select p.place_id, 'station', 'Poste ' || k, k, 60, 120, 30, 0 from bench_places p cross join generate_series(1, 4) k`,
  );
  const weeks = Math.floor(span.days / 7);
  await database.query(
    `insert into bookings (resource_id, place_id, starts_at, ends_at, blocked_until, status, attendance, source, person_key, created_at)
     select r.id, r.place_id, x.s, x.s + x.minutes * interval '1 minute', x.s + x.minutes * interval '1 minute',
       case when x.h % 100 < 8 then 'cancelled' else 'confirmed' end,
       case when x.h % 100 >= 8 and x.s < now() then (array['present', 'present', 'present', 'present', 'present', 'present', 'present', 'present', 'present', 'present', 'present', 'present', 'present', 'present', 'present', 'present', 'absent', 'absent', 'absent', 'excused'])[1 + (x.h / 100) % 20] end,
       'online', '+33600' || lpad((x.h % 1000000)::text, 6, '0'), x.s - interval '3 days'
     from resources r join bench_places p on p.place_id = r.place_id
     cross join generate_series(0, ${weeks} - 1) w
     cross join lateral (select (hashint8(hashtext(r.id::text)::bigint * 4096 + w) & 2147483647) as h) hh
     cross join lateral (
       select (($1::date + w * 7 + (hh.h % 6)::int)::timestamp + make_interval(hours => 9 + ((hh.h / 7) % 9)::int)) at time zone p.time_zone as s,
         (array[60, 60, 60, 90, 120])[1 + (hh.h / 11) % 5] as minutes, hh.h
     ) x`,
    [span.first],
  );
  const bookingsSeconds = (performance.now() - b) / 1000;

  // Two series a place, a session every fortnight, 8 or 12 seats, seats taken drawn, some people waiting.
  const w = performance.now();
  await database.query(
    `insert into workshops (place_id, title, theme, capacity, registration)
     select p.place_id, 'Atelier ' || k, (${themes})[1 + (p.n + k) % 19], case when k = 1 then 8 else 12 end, 'session' from bench_places p cross join generate_series(1, 2) k`,
  );
  await database.query(
    `insert into workshop_sessions (workshop_id, place_id, theme, starts_at, ends_at, capacity, seats_taken, walk_ins, status, cancelled_at)
     select w.id, w.place_id, w.theme, x.s, x.s + interval '2 hours', w.capacity,
       least(w.capacity, 2 + (x.h % (w.capacity + 2))::int), (x.h / 13 % 3)::int,
       case when x.h % 30 = 0 then 'cancelled' else 'scheduled' end, case when x.h % 30 = 0 then x.s - interval '2 days' end
     from workshops w join bench_places p on p.place_id = w.place_id
     cross join generate_series(0, ${Math.floor(span.days / 14)} - 1) f
     cross join lateral (select (hashint8(hashtext(w.id::text)::bigint * 4096 + f) & 2147483647) as h) hh
     cross join lateral (select (($1::date + f * 14 + (hh.h % 5)::int)::timestamp + interval '14 hours') at time zone p.time_zone as s, hh.h) x`,
    [span.first],
  );
  await database.query(
    `insert into workshop_registrations (workshop_id, session_id, place_id, status, source, person_key)
     select s.workshop_id, s.id, s.place_id, 'waiting', 'online', '+33700' || lpad(k::text, 6, '0')
     from workshop_sessions s cross join generate_series(1, 3) k
     where s.seats_taken = s.capacity and hashtext(s.id::text) & 12 = 0 and k <= 1 + (hashtext(s.id::text) & 3)`,
  );
  const workshopsSeconds = (performance.now() - w) / 1000;
  await database.query("drop table bench_people, bench_mediators, bench_communes");
  const v = performance.now();
  await database.query("vacuum analyze");
  const vacuumSeconds = (performance.now() - v) / 1000;
  const [counts] = await database.query<Record<string, string>>(
    `select (select count(*) from help_records) as records, (select count(*) from help_records where status = 'done') as done, (select count(*) from help_record_people) as named,
       (select count(*) from beneficiaries) as people, (select count(*) from bookings) as bookings, (select count(*) from workshop_sessions) as sessions,
       (select count(*) from workshop_registrations) as waiting, pg_total_relation_size('help_records') as size`,
  );
  say(
    `données : ${fr(PLACES)} lieux d'un réseau, ${fr(Number(counts!.records))} accompagnements (${fr(Number(counts!.done))} terminés, ${fr(Number(counts!.named))} avec une personne suivie) ` +
      `du ${span.first} sur ${span.days} jours, ${fr(Number(counts!.people))} personnes suivies, ${fr(Number(counts!.bookings))} réservations de postes, ` +
      `${fr(Number(counts!.sessions))} séances d'ateliers, ${fr(Number(counts!.waiting))} personnes en attente ; table des accompagnements et index ${Math.round(Number(counts!.size) / 1e6)} Mo`,
  );
  say(
    `chargement : lieux, médiateurs et personnes ${peopleSeconds.toFixed(1)} s ; accompagnements (INSERT … SELECT generate_series, par 100 000) ${recordsSeconds.toFixed(1)} s → ${fr(RECORDS / recordsSeconds)} lignes/s ; ` +
      `réservations ${bookingsSeconds.toFixed(1)} s ; ateliers ${workshopsSeconds.toFixed(1)} s ; vacuum analyze ${vacuumSeconds.toFixed(1)} s`,
  );
  return { networkId: network.id, span };
}

/** The network's statistics for the measured year, against one bare count of the same records. */
async function measure(database: Database, networkId: string, period: { from: string; to: string }, say: (line: string) => void) {
  const { db } = database;
  const placeIds = (await database.query<{ place_id: string }>(`select place_id from place_networks where network_id = $1`, [networkId])).map((r) => r.place_id);
  const filters = { from: period.from, to: period.to, placeIds };
  const bare = () => queryRows(db, sql`select count(*) from help_records where place_id = any(${`{${placeIds.join(",")}}`}::uuid[]) and status = 'done' and date between ${period.from}::date and ${period.to}::date`);
  for (let i = 0; i < 3; i++) {
    await getMediationStatistics(db, filters);
    await bare();
  }
  const statsTimes: number[] = [];
  const countTimes: number[] = [];
  let figures: Awaited<ReturnType<typeof getMediationStatistics>> | undefined;
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    figures = await getMediationStatistics(db, filters);
    statsTimes.push(performance.now() - t);
    t = performance.now();
    await bare();
    countTimes.push(performance.now() - t);
  }
  const f = figures!;
  say(
    `chiffres ${period.from} → ${period.to} : ${fr(f.records.total)} accompagnements (${fr(f.records.individual)} individuels, ${fr(f.records.collective)} collectifs), ${fr(f.people.participants)} participants, ` +
      `${fr(f.people.named)} personnes suivies, ${fr(f.people.anonymous)} anonymes ; ${fr(f.bookings.booked)} réservations, ${fr(f.bookings.present)} présents, absences ${(f.bookings.noShowRate! * 100).toFixed(1)} % ; ` +
      `${fr(f.workshops.held)} séances, remplissage ${(f.workshops.fillRate! * 100).toFixed(1)} %, ${fr(f.workshops.waiting)} en attente`,
  );
  return { statsP50: pct(statsTimes, 50), statsP95: pct(statsTimes, 95), countP50: pct(countTimes, 50), countP95: pct(countTimes, 95) };
}

/** One database, in this process: load, measure, print the lines, then the figures as the last line (JSON). */
async function child(target: string) {
  const postgresTarget = target.startsWith("postgres");
  const name = postgresTarget ? "PostgreSQL" : "PGlite";
  const say = (line: string) => console.log(`stats  ${name.padEnd(10)} ${line}`);
  const database = await openDatabase(postgresTarget ? { databaseUrl: target } : { dataDir: target, command: "bench-stats" });
  try {
    const { networkId, span } = await load(database, say, new Date());
    console.log(JSON.stringify(await measure(database, networkId, span.measured, say)));
  } finally {
    await database.close();
  }
}

/** Runs the figures' part on PGlite (in `work`) and, when reachable, on PostgreSQL (a fresh database, dropped after). */
export async function benchStats(work: string, only: string | undefined): Promise<void> {
  console.log(`Statistiques : ${fr(RECORDS)} accompagnements dans ${fr(PLACES)} lieux d'un réseau sur 3 ans, ${RUNS} mesures (BENCH_STATS_RECORDS, BENCH_STATS_PLACES, BENCH_STATS_RUNS)`);
  const run = (name: string, target: string) => {
    const out = execFileSync(process.execPath, ["--import", "tsx", import.meta.filename, "--child", target], {
      encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, LOG_LEVEL: "silent" }, maxBuffer: 16 * 1024 * 1024,
    });
    const lines = out.trim().split("\n");
    for (const line of lines.slice(0, -1)) console.log(line);
    const r = JSON.parse(lines.at(-1)!) as { statsP50: number; statsP95: number; countP50: number; countP95: number };
    const target95 = name === "PostgreSQL" ? 300 : 1000;
    const ratio = r.statsP50 / r.countP50;
    console.log(
      `stats  ${name.padEnd(10)} statistiques du réseau sur un an, tous les indicateurs : p50 ${ms(r.statsP50)} ms, p95 ${ms(r.statsP95)} ms (cible < ${target95} ms : ${r.statsP95 < target95 ? "tenue" : `manquée de ${ms(r.statsP95 - target95)} ms`})`,
    );
    console.log(
      `stats  ${name.padEnd(10)} select count(*) nu sur les mêmes accompagnements : p50 ${ms(r.countP50)} ms, p95 ${ms(r.countP95)} ms ; rapport statistiques / count (p50) ${ratio.toFixed(2)} (cible ≤ 2 : ${ratio <= 2 ? "tenue" : "manquée"})`,
    );
  };
  await onEachDatabase({ part: "stats", work, only, run: ({ name, target }) => run(name, target) });
}

if (process.argv[2] === "--child" && process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) await child(process.argv[3]!);
