/**
 * Workshop seats (app/features/workshops/seats.server.ts) on the test database — PGlite, or
 * PostgreSQL with TEST_DATABASE_URL: never more registered than seats, however requests race; the
 * waiting list served in arrival order; a freed seat given at once (auto) or offered for a delay
 * that passes it on when it lapses; a cycle all-or-nothing; the staff's cancellations and moves
 * told to every person; reminders, attendance and walk-ins.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "~/db/client.server";
import { createPlace, createStaffUser, createWorkshop } from "~/features/demo/factories.server";
import { runDueJobs } from "~/features/jobs/queue.server";
import {
  acceptOffer, cancelRegistration, cancelSession, findRegistrationByToken, lapseOffer, moveSession, registerForSession,
  setAttendance, setWalkIns, WORKSHOP_OFFER_LAPSE, WORKSHOP_REMIND, workshopRemindHandler, type RegisterRequest,
} from "~/features/workshops/seats.server";
import { createTestDatabase } from "../support/database";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

const HOUR = 3_600_000;
/** Monday 7 December 2026, 8 h in Paris. */
const NOW = Date.parse("2026-12-07T07:00:00Z");
const options = { now: NOW, secret: "secret-de-test-secret-de-test-0123456789", baseUrl: "https://epn.example" };
const phone = (n: number) => `+33612${String(n).padStart(6, "0")}`;
const person = (n: number) => ({ firstName: `Personne ${n}`, phone: phone(n), email: null });
const request = (sessionId: string, n: number, extra: Partial<RegisterRequest> = {}): RegisterRequest => ({ sessionId, person: person(n), source: "online", ...extra });

async function series(extra: Parameters<typeof createWorkshop>[1] extends infer O ? Partial<O> : never = {}, starts = [Date.parse("2026-12-15T13:00:00Z")]) {
  const place = await createPlace(database.db);
  const { workshop, sessionIds } = await createWorkshop(database.db, { placeId: place.id, capacity: 3, sessions: starts.map((t) => new Date(t)), ...extra });
  return { place, workshop, sessionIds };
}

async function seats(sessionId: string) {
  const [row] = await queryRows(database.db, sql`select seats_taken, capacity from workshop_sessions where id = ${sessionId}`);
  const counts = await queryRows(database.db, sql`select status, count(*)::int as n from workshop_registrations where session_id = ${sessionId} or (session_id is null and workshop_id = (select workshop_id from workshop_sessions where id = ${sessionId})) group by status`);
  const by = Object.fromEntries(counts.map((c) => [String(c.status), Number(c.n)]));
  return { taken: Number(row!.seats_taken), capacity: row!.capacity === null ? null : Number(row!.capacity), registered: by.registered ?? 0, waiting: by.waiting ?? 0, offered: by.offered ?? 0 };
}

async function smsTo(n: number): Promise<string[]> {
  const rows = await queryRows(database.db, sql`select body from sms_outbox where to_number = ${phone(n)} order by created_at, body`);
  return rows.map((r) => String(r.body));
}

describe("registering", () => {
  it("gives seats until full, then the waiting list in order, each told", async () => {
    const { sessionIds } = await series();
    const id = sessionIds[0]!;
    const results = [];
    for (let n = 1; n <= 5; n++) results.push(await registerForSession(database.db, request(id, 100 + n), options));
    expect(results.map((r) => (r.kind === "done" ? [r.registration.status, r.registration.position] : r.reason))).toEqual([
      ["registered", null], ["registered", null], ["registered", null], ["waiting", 1], ["waiting", 2],
    ]);
    expect(await seats(id)).toMatchObject({ taken: 3, registered: 3, waiting: 2 });
    expect((await smsTo(101))[0]).toMatch(/^Inscription confirmée : Premiers pas sur l'ordinateur \d+, mardi 15 décembre à 14 h, .* Annuler : https:\/\/epn\.example\/inscription\//);
    expect((await smsTo(105))[0]).toMatch(/^Liste d'attente : .* Vous êtes n° 2\./);
    const reminder = await queryRows(database.db, sql`select run_at from jobs where kind = ${WORKSHOP_REMIND} and payload->>'sessionId' = ${id}`);
    expect(reminder).toHaveLength(3);
    expect(new Date(reminder[0]!.run_at as string).toISOString()).toBe("2026-12-14T13:00:00.000Z");
  });

  it("refuses plainly and writes nothing: no registration, cancelled, started, twice the same person", async () => {
    const dropin = await series({ registration: "none", capacity: null });
    expect(await registerForSession(database.db, request(dropin.sessionIds[0]!, 1), options)).toEqual({ kind: "refused", reason: "no-registration" });
    const past = await series({}, [NOW - HOUR]);
    expect(await registerForSession(database.db, request(past.sessionIds[0]!, 1), options)).toEqual({ kind: "refused", reason: "started" });
    const { sessionIds } = await series();
    expect((await registerForSession(database.db, request(sessionIds[0]!, 7), options)).kind).toBe("done");
    expect(await registerForSession(database.db, request(sessionIds[0]!, 7), options)).toEqual({ kind: "refused", reason: "already" });
    expect(await registerForSession(database.db, request("not-a-uuid", 7), options)).toEqual({ kind: "refused", reason: "unknown" });
    expect(await seats(sessionIds[0]!)).toMatchObject({ taken: 1, registered: 1 });
  });

  it("answers a retried form with the same registration and link", async () => {
    const { sessionIds } = await series();
    const first = await registerForSession(database.db, request(sessionIds[0]!, 8, { idempotencyKey: "cle-de-formulaire-0001" }), options);
    const again = await registerForSession(database.db, request(sessionIds[0]!, 8, { idempotencyKey: "cle-de-formulaire-0001" }), options);
    expect(first.kind === "done" && again.kind === "done").toBe(true);
    if (first.kind !== "done" || again.kind !== "done") return;
    expect(again.registration).toMatchObject({ id: first.registration.id, manageToken: first.registration.manageToken, replay: true });
    expect(await findRegistrationByToken(database.db, first.registration.manageToken)).toMatchObject({ id: first.registration.id, status: "registered" });
    expect(await registerForSession(database.db, request(sessionIds[0]!, 9, { idempotencyKey: "cle-de-formulaire-0001" }), options)).toEqual({ kind: "refused", reason: "idempotency-mismatch" });
  });
});

describe("promotion", () => {
  it("automatic: a cancellation gives the seat to the first waiting person, who is told", async () => {
    const { sessionIds } = await series();
    const id = sessionIds[0]!;
    const made = [];
    for (let n = 1; n <= 5; n++) made.push(await registerForSession(database.db, request(id, 200 + n), options));
    const first = made[0]!;
    if (first.kind !== "done") throw new Error("registered");
    expect(await cancelRegistration(database.db, { registrationId: first.registration.id, by: "person", ...options })).toBe("cancelled");
    expect(await seats(id)).toMatchObject({ taken: 3, registered: 3, waiting: 1 });
    expect((await smsTo(204)).at(-1)).toMatch(/^Une place s'est libérée : vous êtes inscrit\(e\)/);
    const fifth = made[4]!;
    if (fifth.kind !== "done") throw new Error("waiting");
    expect(await findRegistrationByToken(database.db, fifth.registration.manageToken)).toMatchObject({ status: "waiting" });
    expect(await cancelRegistration(database.db, { registrationId: first.registration.id, by: "person", ...options })).toBe("already");
  });

  it("by offer: the seat is held for the delay, accepted, or passed on when it lapses; freed when nobody waits", async () => {
    const { sessionIds } = await series({ promotion: "offer", offerHours: 24, capacity: 1 });
    const id = sessionIds[0]!;
    const a = await registerForSession(database.db, request(id, 301), options);
    const b = await registerForSession(database.db, request(id, 302), options);
    const c = await registerForSession(database.db, request(id, 303), options);
    if (a.kind !== "done" || b.kind !== "done" || c.kind !== "done") throw new Error("done");
    await cancelRegistration(database.db, { registrationId: a.registration.id, by: "person", ...options });
    expect(await seats(id)).toMatchObject({ taken: 1, offered: 1, waiting: 1 });
    expect((await smsTo(302)).at(-1)).toMatch(/^Une place s'est libérée pour .* Acceptez-la avant mardi 8 décembre à 8 h : https:\/\/epn\.example\/inscription\//);
    // B lets it lapse: the job passes it to C.
    const later = { ...options, now: NOW + 25 * HOUR };
    expect(await acceptOffer(database.db, { registrationId: b.registration.id, ...later })).toBe("lapsed");
    const [lapse] = await queryRows(database.db, sql`select run_at, payload->>'registrationId' as id from jobs where kind = ${WORKSHOP_OFFER_LAPSE} and status = 'pending' and key = ${`${WORKSHOP_OFFER_LAPSE}:${b.registration.id}`}`);
    expect(new Date(lapse!.run_at as string).getTime()).toBe(NOW + 24 * HOUR);
    expect(await lapseOffer(database.db, { registrationId: b.registration.id, ...options, now: NOW + 23 * HOUR })).toBe(false);
    expect(await lapseOffer(database.db, { registrationId: b.registration.id, ...later })).toBe(true);
    expect(await findRegistrationByToken(database.db, b.registration.manageToken)).toMatchObject({ status: "cancelled" });
    expect((await smsTo(302)).at(-1)).toMatch(/délai pour accepter/);
    expect(await findRegistrationByToken(database.db, c.registration.manageToken)).toMatchObject({ status: "offered" });
    expect(await acceptOffer(database.db, { registrationId: c.registration.id, ...later, now: NOW + 26 * HOUR })).toBe("accepted");
    expect(await seats(id)).toMatchObject({ taken: 1, registered: 1, offered: 0, waiting: 0 });
    // C cancels: nobody waits, the seat is free again.
    await cancelRegistration(database.db, { registrationId: c.registration.id, by: "person", ...later });
    expect(await seats(id)).toMatchObject({ taken: 0, registered: 0 });
  });
});

describe("a cycle", () => {
  it("holds a seat in every session or waits for all of them; cancelling frees every session", async () => {
    const starts = [0, 7, 14].map((d) => Date.parse("2026-12-15T13:00:00Z") + d * 24 * HOUR);
    const { sessionIds } = await series({ registration: "cycle", capacity: 2 }, starts);
    // The second session was given one seat on its own: the cycle is full as soon as one is taken.
    await database.db.execute(sql`update workshop_sessions set capacity = 1, detached = true where id = ${sessionIds[1]!}`);
    const a = await registerForSession(database.db, request(sessionIds[2]!, 401), options);
    const b = await registerForSession(database.db, request(sessionIds[0]!, 402), options);
    expect(a.kind === "done" && a.registration.status).toBe("registered");
    expect(b.kind === "done" && b.registration.status).toBe("waiting");
    const taken = await queryRows(database.db, sql`select seats_taken from workshop_sessions where workshop_id = (select workshop_id from workshop_sessions where id = ${sessionIds[0]!}) order by starts_at`);
    expect(taken.map((r) => Number(r.seats_taken))).toEqual([1, 1, 1]);
    if (a.kind !== "done") return;
    await cancelRegistration(database.db, { registrationId: a.registration.id, by: "person", ...options });
    const after = await queryRows(database.db, sql`select seats_taken from workshop_sessions where workshop_id = (select workshop_id from workshop_sessions where id = ${sessionIds[0]!}) order by starts_at`);
    expect(after.map((r) => Number(r.seats_taken))).toEqual([1, 1, 1]);
    if (b.kind !== "done") return;
    expect(await findRegistrationByToken(database.db, b.registration.manageToken)).toMatchObject({ status: "registered", sessionId: null });
  });

  it("closes once its first session has started", async () => {
    const { sessionIds } = await series({ registration: "cycle" }, [NOW - HOUR, NOW + 7 * 24 * HOUR]);
    expect(await registerForSession(database.db, request(sessionIds[1]!, 410), options)).toEqual({ kind: "refused", reason: "started" });
  });
});

describe("concurrency", () => {
  it("60 people race for 12 seats, then 20 cancel at once: never more than 12, the waiting served in order", async () => {
    const { sessionIds } = await series({ capacity: 12 });
    const id = sessionIds[0]!;
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => registerForSession(database.db, request(id, 5000 + i), options)));
    const done = results.flatMap((r) => (r.kind === "done" ? [r.registration] : []));
    expect(done).toHaveLength(60);
    expect(done.filter((r) => r.status === "registered")).toHaveLength(12);
    // Positions 1…48, each once: the arrival order.
    expect(done.filter((r) => r.status === "waiting").map((r) => r.position).sort((x, y) => x! - y!)).toEqual(Array.from({ length: 48 }, (_, i) => i + 1));
    expect(await seats(id)).toMatchObject({ taken: 12, registered: 12, waiting: 48 });

    const registered = done.filter((r) => r.status === "registered");
    const waitingInOrder = await queryRows(database.db, sql`select id from workshop_registrations where session_id = ${id} and status = 'waiting' order by queue_no`);
    const cancels = [...registered.slice(0, 10).map((r) => r.id), ...waitingInOrder.slice(30, 40).map((r) => String(r.id))];
    await Promise.all(cancels.map((registrationId) => cancelRegistration(database.db, { registrationId, by: "person", ...options })));
    const state = await seats(id);
    expect(state).toMatchObject({ taken: 12, registered: 12, waiting: 48 - 10 - 10 });
    // The 10 promoted are the first 10 who waited.
    const promoted = await queryRows(database.db, sql`select id from workshop_registrations where session_id = ${id} and status = 'registered' and not (id::text = any(string_to_array(${registered.map((r) => r.id).join(",")}, ',')))`);
    expect(promoted.map((r) => String(r.id)).sort()).toEqual(waitingInOrder.slice(0, 10).map((r) => String(r.id)).sort());
  }, 120_000);
});

describe("the staff", () => {
  it("cancel a session: its registrations end and everyone is told; move one: told, the reminder follows", async () => {
    const { place, sessionIds } = await series({ capacity: 1 }, [Date.parse("2026-12-15T13:00:00Z"), Date.parse("2026-12-22T13:00:00Z")]);
    const staff = await createStaffUser(database.db, { role: "mediator", placeId: place.id });
    await registerForSession(database.db, request(sessionIds[0]!, 601), options);
    await registerForSession(database.db, request(sessionIds[0]!, 602), options);
    const cancelled = await cancelSession(database.db, { sessionId: sessionIds[0]!, placeId: place.id, reason: "Le médiateur est malade.", by: staff.id, ...options });
    expect(cancelled).toEqual({ ok: true, told: 2 });
    expect((await smsTo(601)).at(-1)).toMatch(/^Séance annulée : /);
    expect((await smsTo(602)).at(-1)).toMatch(/^Séance annulée : .*, mardi 15 décembre à 14 h\. Le médiateur est malade\.$/);
    expect(await seats(sessionIds[0]!)).toMatchObject({ registered: 0, waiting: 0 });
    expect(await cancelSession(database.db, { sessionId: sessionIds[0]!, placeId: place.id, reason: null, by: staff.id, ...options })).toEqual({ ok: false, reason: "already-cancelled" });

    await registerForSession(database.db, request(sessionIds[1]!, 603), options);
    const moved = await moveSession(database.db, { sessionId: sessionIds[1]!, placeId: place.id, startsAt: new Date("2026-12-23T09:00:00Z"), endsAt: new Date("2026-12-23T11:00:00Z"), by: staff.id, ...options });
    expect(moved).toEqual({ ok: true, told: 1 });
    expect((await smsTo(603)).at(-1)).toMatch(/^Séance déplacée : .*, désormais mercredi 23 décembre à 10 h/);
    const [job] = await queryRows(database.db, sql`select run_at from jobs where kind = ${WORKSHOP_REMIND} and status = 'pending' and payload->>'sessionId' = ${sessionIds[1]!}`);
    expect(new Date(job!.run_at as string).toISOString()).toBe("2026-12-22T09:00:00.000Z");
    const other = await createPlace(database.db);
    expect(await cancelSession(database.db, { sessionId: sessionIds[1]!, placeId: other.id, reason: null, by: staff.id, ...options })).toEqual({ ok: false, reason: "not-found" });
  });

  it("the reminder is sent before the session and not for a cancelled registration", async () => {
    const { sessionIds } = await series();
    const made = await registerForSession(database.db, request(sessionIds[0]!, 701), options);
    const gone = await registerForSession(database.db, request(sessionIds[0]!, 702), options);
    if (gone.kind !== "done" || made.kind !== "done") throw new Error("done");
    await cancelRegistration(database.db, { registrationId: gone.registration.id, by: "person", ...options });
    await runDueJobs(database.db, { [WORKSHOP_REMIND]: workshopRemindHandler(options) }, { now: new Date(Date.parse("2026-12-14T13:00:01Z")) });
    expect((await smsTo(701)).filter((t) => t.startsWith("Rappel : "))).toHaveLength(1);
    expect((await smsTo(702)).some((s) => s.startsWith("Rappel"))).toBe(false);
  });

  it("mark attendance of registered people only, and count walk-ins", async () => {
    const { place, sessionIds } = await series();
    const staff = await createStaffUser(database.db, { role: "mediator", placeId: place.id });
    const a = await registerForSession(database.db, request(sessionIds[0]!, 801), options);
    const stranger = await series();
    const b = await registerForSession(database.db, request(stranger.sessionIds[0]!, 802), options);
    if (a.kind !== "done" || b.kind !== "done") throw new Error("done");
    const saved = await setAttendance(database.db, {
      placeId: place.id, sessionId: sessionIds[0]!, by: staff.id,
      marks: [{ registrationId: a.registration.id, attendance: "present" }, { registrationId: b.registration.id, attendance: "absent" }],
    });
    expect(saved).toBe(1);
    const rows = await queryRows(database.db, sql`select registration_id, attendance from workshop_attendance where session_id = ${sessionIds[0]!}`);
    expect(rows).toEqual([{ registration_id: a.registration.id, attendance: "present" }]);
    expect(await setWalkIns(database.db, { placeId: place.id, sessionId: sessionIds[0]!, count: 4, by: staff.id })).toBe(true);
    expect(await setWalkIns(database.db, { placeId: stranger.place.id, sessionId: sessionIds[0]!, count: 4, by: staff.id })).toBe(false);
  });
});

describe("review: what must never happen", () => {
  it("the desk of one place cannot register anyone into another place's session", async () => {
    const mine = await series();
    const theirs = await series({ published: false });
    const result = await registerForSession(database.db, { ...request(theirs.sessionIds[0]!, 1001), source: "desk", placeId: mine.place.id }, options);
    expect(result).toEqual({ kind: "refused", reason: "unknown" });
    expect(await seats(theirs.sessionIds[0]!)).toMatchObject({ taken: 0, registered: 0 });
    // Its own staff may register into their unpublished series.
    const own = await registerForSession(database.db, { ...request(theirs.sessionIds[0]!, 1002), source: "desk", placeId: theirs.place.id }, options);
    expect(own.kind).toBe("done");
  });

  it("registrations racing the session's cancellation: none stays on the cancelled session", async () => {
    const { place, sessionIds } = await series({ capacity: 5 });
    const staff = await createStaffUser(database.db, { role: "mediator", placeId: place.id });
    const results = await Promise.all([
      ...Array.from({ length: 8 }, (_, i) => registerForSession(database.db, request(sessionIds[0]!, 1100 + i), options)),
      cancelSession(database.db, { sessionId: sessionIds[0]!, placeId: place.id, reason: "Fermeture", by: staff.id, ...options }),
    ]);
    expect(results.at(-1)).toMatchObject({ ok: true });
    const active = await queryRows(database.db, sql`select count(*)::int as n from workshop_registrations where session_id = ${sessionIds[0]!} and status <> 'cancelled'`);
    expect(active[0]!.n).toBe(0);
  });
});
