/**
 * Booking (app/features/scheduling) on the test database — PGlite, or PostgreSQL with
 * TEST_DATABASE_URL: the rules refuse with a reason and write nothing; the exclusion constraint
 * refuses overlaps (buffers included) however the requests race; per-person limits hold under
 * concurrency (the advisory lock); a retried request books once; cancel, move, closures,
 * attendance, messages and reminders through the job queue, erasure after the retention period.
 */
import { and, eq, ne, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { queryRows } from "~/db/client.server";
import { bookings, bookingSettings, jobs, smsOutbox, emailOutbox } from "~/db/schema";
import { createBookingRow, createPlace, createResource, createStaffUser } from "~/features/demo/factories.server";
import { addClosure, cancelBooking, createBooking, findBookingByToken, moveBooking, setAttendance, type BookRequest } from "~/features/scheduling/bookings.server";
import type { Person } from "~/features/scheduling/booking-form";
import { BOOKING_REMIND, bookingRemindHandler, reminderJobKey } from "~/features/scheduling/notify.server";
import { runDueJobs, scheduleJob } from "~/features/jobs/queue.server";
import { agendaBookings } from "~/features/scheduling/agenda.server";
import { eraseOldBookingData } from "~/features/scheduling/retention.server";
import { createTestDatabase } from "../support/database";

let database: Database & { url?: string };
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Monday 7 December 2026, 8 h in Paris (UTC+1). */
const NOW = Date.parse("2026-12-07T07:00:00Z");
/** Paris wall time on Monday 7 December 2026 → instant. */
const at = (hhmm: string, day = "2026-12-07") => Date.parse(`${day}T${hhmm}:00+01:00`);
const options = { now: NOW, secret: "secret-de-test-secret-de-test-0123456789", baseUrl: "https://epn.example" };
const person = (n: number, extra: Partial<Person> = {}): Person => ({ firstName: `Personne ${n}`, phone: `+33612${String(n).padStart(6, "0")}`, email: null, note: null, reason: null, ...extra });

async function setup(resourceOptions: Parameters<typeof createResource>[1] extends infer O ? Partial<O> : never = {}) {
  const place = await createPlace(database.db, { openingHours: "Mo-Fr 09:00-12:00,14:00-18:00" });
  const resource = await createResource(database.db, { placeId: place.id, minMinutes: 60, maxMinutes: 60, gridMinutes: 30, minLeadMinutes: 30, ...resourceOptions });
  const request = (start: number, p: Person, extra: Partial<BookRequest> = {}): BookRequest => ({
    placeId: place.id, resourceId: resource.id, start, end: start + (resource.minMinutes * MINUTE), person: p, source: "online", ...extra,
  });
  return { place, resource, request };
}

const activeOf = (resourceId: string) => database.db.select().from(bookings).where(and(eq(bookings.resourceId, resourceId), ne(bookings.status, "cancelled")));

/** Active bookings of one resource that overlap another (must be none). */
async function overlaps(resourceId: string): Promise<number> {
  const rows = await queryRows(
    database.db,
    sql`select count(*)::int as n from bookings a join bookings b on a.resource_id = b.resource_id and a.id < b.id and a.during && b.during
        where a.resource_id = ${resourceId} and a.status <> 'cancelled' and b.status <> 'cancelled'`,
  );
  return Number(rows[0]!.n);
}

describe("booking a slot", () => {
  it("books, answers with a manage link, queues the SMS and schedules the reminder 24 h before", async () => {
    const { resource, request } = await setup();
    const result = await createBooking(database.db, request(at("14:00", "2026-12-10"), person(1)), options);
    expect(result.kind).toBe("booked");
    if (result.kind !== "booked") return;
    expect(result.booking.status).toBe("confirmed");
    expect(result.booking.manageToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const found = await findBookingByToken(database.db, result.booking.manageToken!);
    expect(found?.id).toBe(result.booking.id);
    expect(found?.resource.id).toBe(resource.id);
    const sms = await database.db.select().from(smsOutbox).where(eq(smsOutbox.toNumber, "+33612000001"));
    expect(sms).toHaveLength(1);
    expect(sms[0]!.body).toContain("jeudi 10 décembre à 14 h");
    expect(sms[0]!.body).toContain(`https://epn.example/reservation/${result.booking.manageToken}`);
    const [reminder] = await database.db.select().from(jobs).where(eq(jobs.key, reminderJobKey(result.booking.id)));
    expect(reminder?.runAt.getTime()).toBe(at("14:00", "2026-12-10") - 24 * HOUR);
    expect(JSON.stringify(reminder?.payload)).not.toContain("+336");
  });

  it("sends the confirmation by mail when the person gave an email", async () => {
    const { request } = await setup();
    const result = await createBooking(database.db, request(at("10:00", "2026-12-08"), person(2, { phone: null, email: "camille@exemple.fr" })), options);
    expect(result.kind).toBe("booked");
    const mails = await database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "camille@exemple.fr"));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain("mardi 8 décembre à 10 h");
    expect(mails[0]!.textBody).toContain("Pour annuler ou déplacer");
  });

  it("refuses what the rules forbid with a reason, and writes nothing", async () => {
    const { place, resource, request } = await setup({ maxLeadDays: 30 });
    const other = await createPlace(database.db);
    const cases: [BookRequest, string][] = [
      [request(at("07:00"), person(3)), "past"],
      [request(at("08:15"), person(3)), "lead-time"],
      [request(at("12:30", "2026-12-08"), person(3)), "hours"],
      [request(at("11:30", "2026-12-08"), person(3)), "hours"],
      [request(at("10:10", "2026-12-08"), person(3)), "grid"],
      [request(at("10:00", "2026-12-12"), person(3)), "hours"],
      [request(at("10:00", "2026-12-25"), person(3)), "holiday"],
      [request(at("10:00", "2027-01-12"), person(3)), "too-far"],
      [{ ...request(at("10:00", "2026-12-08"), person(3)), end: at("10:00", "2026-12-08") + 90 * MINUTE }, "length"],
      [{ ...request(at("10:00", "2026-12-08"), person(3)), placeId: other.id }, "unknown-resource"],
      [{ ...request(at("10:00", "2026-12-08"), person(3)), resourceId: "00000000-0000-4000-8000-000000000000" }, "unknown-resource"],
    ];
    for (const [req, reason] of cases) {
      const result = await createBooking(database.db, req, options);
      expect(result, reason).toEqual({ kind: "refused", reason });
    }
    expect(await activeOf(resource.id)).toHaveLength(0);
    expect(place.id).toBeTruthy();
  });

  it("refuses online a resource for the staff only, and books it at the desk", async () => {
    const { request } = await setup({ publicOnline: false });
    expect(await createBooking(database.db, request(at("10:00", "2026-12-08"), person(4)), options)).toEqual({ kind: "refused", reason: "not-public" });
    const staff = await createStaffUser(database.db);
    const desk = await createBooking(database.db, request(at("10:00", "2026-12-08"), person(4), { source: "desk", actorUserId: staff.id }), options);
    expect(desk.kind).toBe("booked");
  });

  it("gives a slot taken meanwhile as 'taken' with the next free times", async () => {
    const { resource, request } = await setup();
    await createBookingRow(database.db, { resource, startsAt: new Date(at("10:00", "2026-12-08")) });
    const result = await createBooking(database.db, request(at("10:30", "2026-12-08"), person(5)), options);
    expect(result.kind).toBe("taken");
    if (result.kind !== "taken") return;
    expect(result.next[0]!.start).toBe(at("11:00", "2026-12-08"));
    expect(await activeOf(resource.id)).toHaveLength(1);
  });

  it("keeps the buffer after a booking, even when the database alone decides", async () => {
    const { resource, request } = await setup({ bufferMinutes: 15, gridMinutes: 15 });
    await createBookingRow(database.db, { resource, startsAt: new Date(at("14:00", "2026-12-08")) });
    expect((await createBooking(database.db, request(at("15:00", "2026-12-08"), person(6)), options)).kind).toBe("taken");
    expect((await createBooking(database.db, request(at("15:15", "2026-12-08"), person(6)), options)).kind).toBe("booked");
    // Without the rules' check (a manager's override), the exclusion constraint still refuses the buffer.
    const staff = await createStaffUser(database.db);
    const forced = await createBooking(database.db, request(at("16:15", "2026-12-08"), person(7), { source: "desk", actorUserId: staff.id, override: true }), options);
    expect(forced.kind).toBe("taken");
  });

  it("books once when the same request is sent twice (idempotency key), with the same manage link", async () => {
    const { resource, request } = await setup();
    const req = request(at("15:00", "2026-12-08"), person(8), { idempotencyKey: "cle-unique-0001-aaaaaaaaaaaa" });
    const first = await createBooking(database.db, req, options);
    const second = await createBooking(database.db, req, options);
    expect(first.kind).toBe("booked");
    expect(second.kind).toBe("booked");
    if (first.kind !== "booked" || second.kind !== "booked") return;
    expect(second.booking.id).toBe(first.booking.id);
    expect(second.booking.replay).toBe(true);
    expect(second.booking.manageToken).toBe(first.booking.manageToken);
    expect(await activeOf(resource.id)).toHaveLength(1);
    const other = await createBooking(database.db, { ...req, start: at("16:00", "2026-12-08"), end: at("17:00", "2026-12-08") }, options);
    expect(other).toEqual({ kind: "refused", reason: "idempotency-mismatch" });
  });
});

describe("per-person limits", () => {
  it("counts bookings per day, per week and minutes per day over the place's resources of the same kind", async () => {
    const { place, request } = await setup({ maxPerDay: 1, maxPerWeek: 2 });
    const second = await createResource(database.db, { placeId: place.id, minMinutes: 60, maxMinutes: 60, gridMinutes: 30, maxPerDay: 1, maxPerWeek: 2 });
    const p = person(20);
    expect((await createBooking(database.db, request(at("10:00", "2026-12-08"), p), options)).kind).toBe("booked");
    const sameDay = await createBooking(database.db, { ...request(at("15:00", "2026-12-08"), p), resourceId: second.id }, options);
    expect(sameDay).toEqual({ kind: "refused", reason: "limit-day", detail: 1 });
    expect((await createBooking(database.db, request(at("10:00", "2026-12-09"), p), options)).kind).toBe("booked");
    expect(await createBooking(database.db, request(at("10:00", "2026-12-10"), p), options)).toEqual({ kind: "refused", reason: "limit-week", detail: 2 });
    // Next week is another week.
    expect((await createBooking(database.db, request(at("10:00", "2026-12-14"), p), options)).kind).toBe("booked");
  });

  it("holds when one person sends ten requests at once (the advisory lock)", async () => {
    const { place, request } = await setup({ maxPerDay: 1 });
    const stations = [await createResource(database.db, { placeId: place.id, minMinutes: 60, maxMinutes: 60, maxPerDay: 1 })];
    for (let i = 0; i < 4; i++) stations.push(await createResource(database.db, { placeId: place.id, minMinutes: 60, maxMinutes: 60, maxPerDay: 1 }));
    const p = person(21);
    const starts = ["09:00", "10:00", "11:00", "14:00", "15:00"];
    const results = await Promise.all(
      stations.flatMap((s) => starts.slice(0, 2).map((t) => createBooking(database.db, { ...request(at(t, "2026-12-09"), p), resourceId: s.id }, options))),
    );
    expect(results.filter((r) => r.kind === "booked")).toHaveLength(1);
    expect(results.filter((r) => r.kind === "refused" && r.reason === "limit-day")).toHaveLength(9);
    const [row] = await queryRows(database.db, sql`select count(*)::int as n from bookings where person_key = ${p.phone} and status <> 'cancelled'`);
    expect(Number(row!.n)).toBe(1);
  });
});

describe("concurrency", () => {
  it("500 attempts from 25 clients on 20 slots: no overlap, no limit exceeded, retries book once", async () => {
    const { resource, request } = await setup({ maxPerDay: 2, minLeadMinutes: 0 });
    const days = ["2026-12-08", "2026-12-09", "2026-12-10"];
    const slots = days.flatMap((d) => ["09:00", "10:00", "11:00", "14:00", "15:00", "16:00", "17:00"].map((t) => at(t, d))).slice(0, 20);
    const people = Array.from({ length: 60 }, (_, i) => person(1000 + i));
    let attempt = 0;
    const outcomes: string[] = [];
    const keys = new Map<string, string>();
    async function client(c: number) {
      while (attempt < 500) {
        const n = attempt++;
        const p = people[(n * 7 + c) % people.length]!;
        const start = slots[(n * 13 + c) % slots.length]!;
        // One attempt in five is a retry of an earlier request (same key, same body).
        const retryOf = n % 5 === 4 ? [...keys.keys()][n % Math.max(1, keys.size)] : undefined;
        const key = retryOf ?? `k-${n}-${c}-xxxxxxxxxxxxxxxx`;
        const body = retryOf ? JSON.parse(keys.get(retryOf)!) : { start, phone: p.phone };
        if (!retryOf) keys.set(key, JSON.stringify(body));
        const result = await createBooking(database.db, request(body.start, person(0, { phone: body.phone }), { idempotencyKey: key }), options);
        outcomes.push(result.kind === "refused" ? result.reason : result.kind === "booked" && result.booking.replay ? "replay" : result.kind);
      }
    }
    await Promise.all(Array.from({ length: 25 }, (_, c) => client(c)));
    expect(outcomes).toHaveLength(500);
    expect(await overlaps(resource.id)).toBe(0);
    const active = await activeOf(resource.id);
    expect(active.length).toBeLessThanOrEqual(slots.length);
    expect(outcomes.filter((o) => o === "booked")).toHaveLength(active.length);
    const perPersonDay = await queryRows(
      database.db,
      sql`select person_key, (starts_at at time zone 'Europe/Paris')::date as d, count(*)::int as n from bookings
          where resource_id = ${resource.id} and status <> 'cancelled' group by 1, 2 having count(*) > 2`,
    );
    expect(perPersonDay).toEqual([]);
    expect(outcomes.every((o) => ["booked", "replay", "taken", "limit-day"].includes(o))).toBe(true);
  }, 120_000);
});

describe("the person's manage link", () => {
  it("cancels until the deadline, withdraws the reminder, then refuses", async () => {
    const { request } = await setup();
    const made = await createBooking(database.db, request(at("14:00", "2026-12-10"), person(30)), options);
    if (made.kind !== "booked") throw new Error(made.kind);
    const late = await cancelBooking(database.db, { bookingId: made.booking.id, by: "person", now: at("13:00", "2026-12-10"), baseUrl: options.baseUrl });
    expect(late).toBe("too-late");
    expect(await cancelBooking(database.db, { bookingId: made.booking.id, by: "person", reason: "Malade", now: NOW, baseUrl: options.baseUrl })).toBe("cancelled");
    expect(await database.db.select().from(jobs).where(and(eq(jobs.key, reminderJobKey(made.booking.id)), eq(jobs.status, "pending")))).toHaveLength(0);
    expect(await cancelBooking(database.db, { bookingId: made.booking.id, by: "person", now: NOW, baseUrl: options.baseUrl })).toBe("already");
    // The slot is free again.
    expect((await createBooking(database.db, request(at("14:00", "2026-12-10"), person(31)), options)).kind).toBe("booked");
  });

  it("moves to a free time (the reminder follows), and leaves the booking as it was when the new time is taken", async () => {
    const { resource, request } = await setup();
    const made = await createBooking(database.db, request(at("14:00", "2026-12-10"), person(32)), options);
    if (made.kind !== "booked") throw new Error(made.kind);
    await createBookingRow(database.db, { resource, startsAt: new Date(at("16:00", "2026-12-10")) });
    const taken = await moveBooking(database.db, { bookingId: made.booking.id, start: at("16:00", "2026-12-10"), end: at("17:00", "2026-12-10"), by: "person", now: NOW, baseUrl: options.baseUrl });
    expect(taken.kind).toBe("taken");
    // Moving by 30 minutes overlaps its own old range: allowed (it is the same booking).
    const moved = await moveBooking(database.db, { bookingId: made.booking.id, start: at("14:30", "2026-12-10"), end: at("15:30", "2026-12-10"), by: "person", now: NOW, baseUrl: options.baseUrl });
    expect(moved).toEqual({ kind: "moved" });
    const [row] = await database.db.select().from(bookings).where(eq(bookings.id, made.booking.id));
    expect(row!.startsAt.getTime()).toBe(at("14:30", "2026-12-10"));
    const [reminder] = await database.db.select().from(jobs).where(and(eq(jobs.key, reminderJobKey(made.booking.id)), eq(jobs.status, "pending")));
    expect(reminder!.runAt.getTime()).toBe(at("14:30", "2026-12-09"));
  });
});

describe("the desk", () => {
  it("marks attendance only for its own place's bookings", async () => {
    const { place, resource } = await setup();
    const other = await createPlace(database.db);
    const staff = await createStaffUser(database.db);
    const id = await createBookingRow(database.db, { resource, startsAt: new Date(at("09:00")) });
    expect(await setAttendance(database.db, { bookingId: id, placeId: other.id, attendance: "present", actorUserId: staff.id })).toBe(false);
    expect(await setAttendance(database.db, { bookingId: id, placeId: place.id, attendance: "absent", actorUserId: staff.id })).toBe(true);
    const [row] = await database.db.select({ attendance: bookings.attendance }).from(bookings).where(eq(bookings.id, id));
    expect(row!.attendance).toBe("absent");
  });

  it("seats a walk-in now if the station is free", async () => {
    const { resource, request } = await setup();
    const staff = await createStaffUser(database.db);
    const now = at("09:10", "2026-12-08");
    const walkIn = { ...request(now, { firstName: "", phone: null, email: null, note: null, reason: null }, { source: "walkin" as const, actorUserId: staff.id }), end: now + 45 * MINUTE };
    expect((await createBooking(database.db, walkIn, { ...options, now })).kind).toBe("booked");
    expect((await createBooking(database.db, { ...walkIn, start: now + 30 * MINUTE, end: now + 60 * MINUTE }, { ...options, now })).kind).toBe("taken");
    expect(await activeOf(resource.id)).toHaveLength(1);
  });

  it("refuses online booking after N no-shows in 90 days when the place turns the rule on", async () => {
    const { place, resource, request } = await setup();
    await database.db.insert(bookingSettings).values({ placeId: place.id, noShowLimit: 2 });
    const p = person(40);
    for (const d of ["2026-11-30", "2026-12-01"]) await createBookingRow(database.db, { resource, startsAt: new Date(at("10:00", d)), personKey: p.phone, phone: p.phone, attendance: "absent" });
    const refused = await createBooking(database.db, request(at("10:00", "2026-12-08"), p), options);
    expect(refused).toEqual({ kind: "refused", reason: "no-shows", detail: "2026-12-31" });
    const staff = await createStaffUser(database.db);
    expect((await createBooking(database.db, request(at("10:00", "2026-12-08"), p, { source: "desk", actorUserId: staff.id }), options)).kind).toBe("booked");
  });

  it("shows each person's own no-shows in the agenda", async () => {
    const { place, resource } = await setup();
    const a = person(60);
    const b = person(61);
    await createBookingRow(database.db, { resource, startsAt: new Date(at("10:00", "2026-12-01")), personKey: a.phone, phone: a.phone, attendance: "absent" });
    await createBookingRow(database.db, { resource, startsAt: new Date(at("11:00", "2026-12-01")), personKey: a.phone, phone: a.phone, attendance: "absent" });
    await createBookingRow(database.db, { resource, startsAt: new Date(at("10:00", "2026-12-02")), personKey: b.phone, phone: b.phone, attendance: "present" });
    await createBookingRow(database.db, { resource, startsAt: new Date(at("10:00", "2026-12-08")), personKey: a.phone, phone: a.phone });
    await createBookingRow(database.db, { resource, startsAt: new Date(at("11:00", "2026-12-08")), personKey: b.phone, phone: b.phone });
    const day = await agendaBookings(database.db, place.id, at("00:00", "2026-12-08"), at("00:00", "2026-12-09"), NOW);
    expect(day.map((x) => [x.phone, x.noShows])).toEqual([[a.phone, 2], [b.phone, 0]]);
  });

  it("closes dates: the bookings hit are cancelled and their holders told", async () => {
    const { place, resource, request } = await setup();
    const staff = await createStaffUser(database.db);
    const made = await createBooking(database.db, request(at("10:00", "2026-12-11"), person(50)), options);
    if (made.kind !== "booked") throw new Error(made.kind);
    const closure = await addClosure(database.db, { placeId: place.id, resourceId: null, startsOn: "2026-12-11", endsOn: "2026-12-11", reason: "Journée de formation", actorUserId: staff.id, now: NOW, baseUrl: options.baseUrl });
    expect(closure?.hit.map((h) => h.id)).toEqual([made.booking.id]);
    const sms = await database.db.select().from(smsOutbox).where(eq(smsOutbox.toNumber, person(50).phone!));
    expect(sms.at(-1)!.body).toContain("Journée de formation");
    expect(await createBooking(database.db, request(at("14:00", "2026-12-11"), person(51)), options)).toEqual({ kind: "refused", reason: "closed" });
    expect(await activeOf(resource.id)).toHaveLength(0);
  });
});

describe("reminders", () => {
  it("sends the reminder by the queue, and never for a cancelled booking or after the start", async () => {
    const { resource } = await setup();
    const handlers = { [BOOKING_REMIND]: bookingRemindHandler() };
    const soon = Date.now() + 3 * HOUR;
    const sent = async (phone: string) => (await database.db.select().from(smsOutbox).where(eq(smsOutbox.toNumber, phone))).map((m) => m.body);
    // Due now, the booking starts in 3 hours: sent.
    const live = person(70);
    const id = await createBookingRow(database.db, { resource, startsAt: new Date(soon), personKey: live.phone, phone: live.phone });
    await scheduleJob(database.db, { kind: BOOKING_REMIND, key: reminderJobKey(id), runAt: new Date(Date.now() - 1000), payload: { bookingId: id } });
    // Due now, but the booking has started (a late worker): nothing sent.
    const late = person(71);
    const started = await createBookingRow(database.db, { resource, startsAt: new Date(Date.now() - 60_000), personKey: late.phone, phone: late.phone });
    await scheduleJob(database.db, { kind: BOOKING_REMIND, key: reminderJobKey(started), runAt: new Date(Date.now() - 1000), payload: { bookingId: started } });
    // Due now, cancelled meanwhile: nothing sent.
    const gone = person(72);
    const cancelled = await createBookingRow(database.db, { resource, startsAt: new Date(soon), personKey: gone.phone, phone: gone.phone, status: "cancelled" });
    await scheduleJob(database.db, { kind: BOOKING_REMIND, key: reminderJobKey(cancelled), runAt: new Date(Date.now() - 1000), payload: { bookingId: cancelled } });
    await runDueJobs(database.db, handlers, { limit: 10 });
    expect((await sent(live.phone!)).some((b) => b.startsWith("Rappel"))).toBe(true);
    expect(await sent(late.phone!)).toEqual([]);
    expect(await sent(gone.phone!)).toEqual([]);
  });
});

describe("retention", () => {
  it("erases the personal data 90 days after the end, and keeps the row", async () => {
    const { resource } = await setup();
    const old = await createBookingRow(database.db, { resource, startsAt: new Date(NOW - 100 * 86_400_000), note: "CV" });
    const recent = await createBookingRow(database.db, { resource, startsAt: new Date(NOW - 10 * 86_400_000) });
    expect(await eraseOldBookingData(database.db, new Date(NOW))).toBeGreaterThanOrEqual(1);
    const [a] = await database.db.select().from(bookings).where(eq(bookings.id, old));
    const [b] = await database.db.select().from(bookings).where(eq(bookings.id, recent));
    expect(a).toMatchObject({ firstName: null, phone: null, email: null, note: null, personKey: null });
    expect(a!.erasedAt).not.toBeNull();
    expect(b!.firstName).not.toBeNull();
  });
});
