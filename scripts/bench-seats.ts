/**
 * The workshop seats part of `npm run bench` (BENCH_PART=seats runs it alone) — prints figures, asserts nothing.
 *
 * On each database, in its own child process (PGlite in a temp dir, PostgreSQL in a fresh database
 * dropped after): a session of 12 seats; BENCH_SEAT_REGISTRATIONS (1,000) registrations at once
 * (registerForSession, each a different person), then BENCH_SEAT_CANCELLATIONS (200) cancellations
 * at once of the earliest registrations (the 12 seated and the first waiting, so most free a seat
 * that is promoted in the same transaction), while a sampler reads the session's seats and the
 * registered count as often as it can. Reported: the outcomes, the largest counts seen, and the
 * order check (everyone seated arrived before everyone still waiting).
 */
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { openDatabase } from "~/db/client.server";
import { createPlace, createWorkshop } from "~/features/demo/factories.server";
import { cancelRegistration, registerForSession } from "~/features/workshops/seats.server";
import { onEachDatabase } from "./bench-databases";

const REGISTRATIONS = Number(process.env.BENCH_SEAT_REGISTRATIONS ?? 1000);
const CANCELLATIONS = Number(process.env.BENCH_SEAT_CANCELLATIONS ?? 200);
const SEATS = 12;
const options = { secret: crypto.randomBytes(32).toString("base64url"), baseUrl: "https://epn.example" };

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};
const ms = (n: number) => n.toFixed(1);

async function child(target: string) {
  const postgresTarget = target.startsWith("postgres");
  const name = postgresTarget ? "PostgreSQL" : "PGlite";
  const say = (line: string) => console.log(`places ${name.padEnd(10)} ${line}`);
  const database = await openDatabase(postgresTarget ? { databaseUrl: target } : { dataDir: target });
  const { db } = database;
  const place = await createPlace(db, { name: "Banc d'essai des places" });
  const { sessionIds } = await createWorkshop(db, { placeId: place.id, capacity: SEATS, sessions: [new Date(Date.now() + 7 * 86_400_000)] });
  const sessionId = sessionIds[0]!;

  let sampling = true;
  let maxTaken = 0;
  let maxRegistered = 0;
  let samples = 0;
  const sampler = (async () => {
    while (sampling) {
      const [row] = await database.query<{ taken: number; registered: string }>(
        `select seats_taken as taken, (select count(*) from workshop_registrations where session_id = $1 and status in ('registered', 'offered')) as registered from workshop_sessions where id = $1`,
        [sessionId],
      );
      maxTaken = Math.max(maxTaken, Number(row!.taken));
      maxRegistered = Math.max(maxRegistered, Number(row!.registered));
      samples++;
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();

  const latencies: number[] = [];
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: REGISTRATIONS }, async (_, i) => {
      const t = performance.now();
      const r = await registerForSession(db, { sessionId, person: { firstName: `Personne ${i}`, phone: `+3361${String(i).padStart(7, "0")}`, email: null }, source: "online" }, options);
      latencies.push(performance.now() - t);
      return r;
    }),
  );
  const registerSeconds = (performance.now() - started) / 1000;
  const registered = results.filter((r) => r.kind === "done" && r.registration.status === "registered").length;
  const waiting = results.filter((r) => r.kind === "done" && r.registration.status === "waiting").length;
  const positions = results.flatMap((r) => (r.kind === "done" && r.registration.position !== null ? [r.registration.position] : [])).sort((a, b) => a - b);
  const positionsExact = positions.every((p, i) => p === i + 1);

  const earliest = await database.query<{ id: string }>(`select id from workshop_registrations where session_id = $1 order by queue_no limit $2`, [sessionId, CANCELLATIONS]);
  const cancelLatencies: number[] = [];
  const cancelStarted = performance.now();
  const cancelled = await Promise.all(
    earliest.map(async ({ id }) => {
      const t = performance.now();
      const r = await cancelRegistration(db, { registrationId: id, by: "person", ...options });
      cancelLatencies.push(performance.now() - t);
      return r;
    }),
  );
  const cancelSeconds = (performance.now() - cancelStarted) / 1000;
  sampling = false;
  await sampler;
  const [end] = await database.query<{ taken: number; registered: string; waiting: string; max_seated: string; min_waiting: string; sms: string }>(
    `select s.seats_taken as taken,
       (select count(*) from workshop_registrations where session_id = s.id and status = 'registered') as registered,
       (select count(*) from workshop_registrations where session_id = s.id and status = 'waiting') as waiting,
       (select max(queue_no) from workshop_registrations where session_id = s.id and status = 'registered') as max_seated,
       (select min(queue_no) from workshop_registrations where session_id = s.id and status = 'waiting') as min_waiting,
       (select count(*) from sms_outbox where body like 'Une place s''est libérée%') as sms
     from workshop_sessions s where s.id = $1`,
    [sessionId],
  );
  const concurrency = database.kind === "pglite" ? "promesses entrelacées sur l'unique connexion PGlite" : "le pool de l'application (10 connexions)";
  say(`${REGISTRATIONS} inscriptions à la fois pour ${SEATS} places (${concurrency}) : ${registered} inscrites, ${waiting} en attente (rangs 1…${positions.length} ${positionsExact ? "chacun une fois" : "NON contigus"}) ; ${ms(registerSeconds)} s, p50 ${ms(pct(latencies, 50))} ms, p95 ${ms(pct(latencies, 95))} ms`);
  say(`${CANCELLATIONS} annulations à la fois des premières arrivées : ${cancelled.filter((c) => c === "cancelled").length} annulées, ${end!.sms} promotions prévenues ; ${ms(cancelSeconds)} s, p50 ${ms(pct(cancelLatencies, 50))} ms, p95 ${ms(pct(cancelLatencies, 95))} ms`);
  say(`  → au plus ${maxTaken} places prises et ${maxRegistered} inscrites vues (${samples} lectures pendant les deux vagues) ; à la fin ${end!.taken} places prises, ${end!.registered} inscrites, ${end!.waiting} en attente ; ordre : dernier assis n° ${end!.max_seated} < premier en attente n° ${end!.min_waiting} ${Number(end!.max_seated) < Number(end!.min_waiting) ? "(respecté)" : "(NON respecté)"}`);
  await database.close();
}

/** Runs the seats part on PGlite and, when reachable, on PostgreSQL (scripts/bench-databases.ts). */
export async function benchSeats(work: string, only: string | undefined) {
  console.log(`Places d'atelier : ${REGISTRATIONS} inscriptions puis ${CANCELLATIONS} annulations simultanées (BENCH_SEAT_REGISTRATIONS, BENCH_SEAT_CANCELLATIONS)`);
  await onEachDatabase({
    part: "seats", work, only,
    run: ({ target }) => {
      execFileSync(process.execPath, ["--import", "tsx", import.meta.filename, "--child", target], { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, LOG_LEVEL: "silent" } });
    },
  });
}

if (process.argv[2] === "--child" && process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) await child(process.argv[3]!);
