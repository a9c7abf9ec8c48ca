/**
 * The series commands on a fresh database (features/workshops/series.server.ts): a weekly series
 * gives the right sessions on the place's clock, placed at the place, the stop or nowhere online;
 * edit all makes the future sessions again but keeps the one with a registered person and says
 * so; a capacity under the seats taken is refused in French; bad input writes nothing; edit one
 * session's capacity detaches it; an extra session; the staff list with its seats and waiting.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { auditLog, places, stops, workshopRegistrations, workshops, workshopSessions } from "~/db/schema";
import { createPlace, createStaffUser, createStop } from "~/features/demo/factories.server";
import { parseForm } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { SERIES_FIELDS as F, seriesSchema, seriesToFormValues, type SeriesInput } from "~/features/workshops/series-form";
import { addSession, createSeries, listSeries, updateSeries, updateSession } from "~/features/workshops/series.server";
import { registerForSession } from "~/features/workshops/seats.server";
import { createTestDatabase } from "../support/database";

const m = fr.workshopSetup.errors;
const NOW = new Date("2026-12-01T08:00:00Z");
let database: Database;
const ids = { place: "", other: "", stop: "", otherStop: "", manager: "" };

/** A series as the form gives it, with changes to its form fields. */
function input(changes: Record<string, string | string[]> = {}, stopIds: string[] = [ids.stop, ids.otherStop]): SeriesInput {
  const values = { ...seriesToFormValues({ title: "Premiers pas sur l'ordinateur" }, { today: "2027-01-06" }), [F.weekdays]: ["2"], [F.until]: "2027-03-31", [F.skipSchoolHolidays]: "oui", ...changes };
  const parsed = parseForm(seriesSchema({ stopIds, staffIds: [] }), values);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.values;
}

async function sessionsOf(workshopId: string) {
  return database.db
    .select({ id: workshopSessions.id, startsAt: workshopSessions.startsAt, capacity: workshopSessions.capacity, seatsTaken: workshopSessions.seatsTaken, detached: workshopSessions.detached, knnPoint: workshopSessions.knnPoint, stopId: workshopSessions.stopId })
    .from(workshopSessions)
    .where(eq(workshopSessions.workshopId, workshopId))
    .orderBy(workshopSessions.startsAt);
}

const count = async (table: typeof workshops | typeof workshopSessions) => (await database.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;

/** One registered person on a session, its seat counted, as seats.server will write it. */
async function register(workshopId: string, sessionId: string) {
  await database.db.insert(workshopRegistrations).values({ workshopId, sessionId, placeId: ids.place, status: "registered", source: "desk", firstName: "Alice", personKey: `alice-${crypto.randomUUID()}@exemple.fr` });
  await database.db.update(workshopSessions).set({ seatsTaken: sql`${workshopSessions.seatsTaken} + 1` }).where(eq(workshopSessions.id, sessionId));
}

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  ids.place = (await createPlace(db, { name: "Médiathèque de Bourges" })).id; // Bourges: zone B
  ids.other = (await createPlace(db, { name: "Ailleurs" })).id;
  ids.stop = (await createStop(db, { placeId: ids.place })).id;
  ids.otherStop = (await createStop(db, { placeId: ids.other })).id;
  ids.manager = (await createStaffUser(db, { role: "manager", placeId: ids.place })).id;
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe("createSeries", () => {
  it("every Tuesday 14 h – 16 h from 6 January to 31 March 2027, zone B: ten sessions, the winter holidays skipped, at the place (audited)", async () => {
    const result = await createSeries(database.db, { placeId: ids.place, by: ids.manager, input: input(), now: NOW });
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.sessions).toBe(10);
    expect(result.skipped.map((s) => s.date)).toEqual(["2027-02-23", "2027-03-02"]);
    const sessions = await sessionsOf(result.workshopId);
    expect(sessions.map((s) => s.startsAt.toISOString())).toEqual([
      "2027-01-12T13:00:00.000Z", "2027-01-19T13:00:00.000Z", "2027-01-26T13:00:00.000Z", "2027-02-02T13:00:00.000Z", "2027-02-09T13:00:00.000Z",
      "2027-02-16T13:00:00.000Z", "2027-03-09T13:00:00.000Z", "2027-03-16T13:00:00.000Z", "2027-03-23T13:00:00.000Z", "2027-03-30T12:00:00.000Z",
    ]);
    const [place] = await database.db.select({ knnPoint: places.knnPoint }).from(places).where(eq(places.id, ids.place));
    for (const s of sessions) expect(s).toMatchObject({ capacity: 8, seatsTaken: 0, detached: false, knnPoint: place!.knnPoint, stopId: null });
    const [series] = await database.db.select().from(workshops).where(eq(workshops.id, result.workshopId));
    expect(series).toMatchObject({ rrule: "DTSTART:20270106T000000\nRRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;WKST=MO;UNTIL=20270331T000000", startMinute: 840, endMinute: 960, skipSchoolHolidays: true, createdBy: ids.manager });
    const audit = await database.db.select().from(auditLog).where(and(eq(auditLog.entityId, result.workshopId), eq(auditLog.action, "workshop.create")));
    expect(audit).toHaveLength(1);
  });

  it("a mobile EPN's visit at a stop is placed at the stop; an online workshop nowhere", async () => {
    const visit = await createSeries(database.db, {
      placeId: ids.place, by: ids.manager, now: NOW,
      input: input({ [F.kind]: "visit", [F.location]: "stop", [F.stopId]: ids.stop, [F.frequency]: "monthly", [F.nth]: "1", [F.monthWeekday]: "1", [F.until]: "2027-04-30" }),
    });
    if (!visit.ok) throw new Error(JSON.stringify(visit));
    const [stop] = await database.db.select({ knnPoint: stops.knnPoint }).from(stops).where(eq(stops.id, ids.stop));
    const sessions = await sessionsOf(visit.workshopId);
    // 1st Mondays: 4 January is in the Christmas holidays, 1 February, 1 March, 5 April (zone B spring holidays start 17 April).
    expect(sessions.map((s) => s.startsAt.toISOString().slice(0, 10))).toEqual(["2027-02-01", "2027-03-01", "2027-04-05"]);
    for (const s of sessions) expect(s).toMatchObject({ stopId: ids.stop, knnPoint: stop!.knnPoint });
    const online = await createSeries(database.db, { placeId: ids.place, by: ids.manager, now: NOW, input: input({ [F.location]: "online", [F.onlineUrl]: "https://visio.exemple.fr/atelier" }) });
    if (!online.ok) throw new Error(JSON.stringify(online));
    for (const s of await sessionsOf(online.workshopId)) expect(s.knnPoint).toBeNull();
  });

  it("bad input writes nothing: another place's stop, too many sessions, no session at all", async () => {
    const before = [await count(workshops), await count(workshopSessions)];
    expect(await createSeries(database.db, { placeId: ids.place, by: ids.manager, now: NOW, input: input({ [F.location]: "stop", [F.stopId]: ids.otherStop }) })).toEqual({
      ok: false, reason: "invalid", errors: { [F.stopId]: m.stop },
    });
    expect(
      await createSeries(database.db, { placeId: ids.place, by: ids.manager, now: NOW, input: input({ [F.weekdays]: ["1", "2", "3", "4", "5", "6", "7"], [F.until]: "2027-12-31", [F.skipSchoolHolidays]: "" }) }),
    ).toEqual({ ok: false, reason: "invalid", errors: { [F.until]: m.tooManySessions } });
    expect(await createSeries(database.db, { placeId: ids.place, by: ids.manager, now: NOW, input: input({ [F.until]: "2027-01-11" }) })).toEqual({
      ok: false, reason: "invalid", errors: { [F.date]: m.noSession },
    });
    expect([await count(workshops), await count(workshopSessions)]).toEqual(before);
  });
});

describe("updateSeries — edit all", () => {
  it("Tuesdays become Thursdays: the free sessions are made again, the one with a registered person is kept and reported", async () => {
    const created = await createSeries(database.db, { placeId: ids.place, by: ids.manager, input: input(), now: NOW });
    if (!created.ok) throw new Error("not created");
    const [first, second] = await sessionsOf(created.workshopId);
    await register(created.workshopId, second!.id);

    const result = await updateSeries(database.db, {
      placeId: ids.place, workshopId: created.workshopId, by: ids.manager, now: NOW,
      input: input({ [F.title]: "Premiers pas, le jeudi", [F.weekdays]: ["4"] }),
    });
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.kept).toEqual([{ id: second!.id, startsAt: second!.startsAt, seatsTaken: 1 }]);
    expect(result.removed).toBe(9);
    expect(result.added).toBe(10);
    const sessions = await sessionsOf(created.workshopId);
    expect(sessions.map((s) => s.id)).not.toContain(first!.id);
    expect(sessions.map((s) => s.id)).toContain(second!.id);
    expect(sessions.filter((s) => s.id !== second!.id).every((s) => s.startsAt.getUTCDay() === 4)).toBe(true);
    expect(sessions).toHaveLength(11);
    const [series] = await database.db.select({ title: workshops.title }).from(workshops).where(eq(workshops.id, created.workshopId));
    expect(series!.title).toBe("Premiers pas, le jeudi");
    expect(await database.db.select().from(auditLog).where(and(eq(auditLog.entityId, created.workshopId), eq(auditLog.action, "workshop.update")))).toHaveLength(1);
  });

  it("the same schedule keeps every session (same ids), a new capacity reaches them all, and an unchanged version is checked", async () => {
    const created = await createSeries(database.db, { placeId: ids.place, by: ids.manager, input: input(), now: NOW });
    if (!created.ok) throw new Error("not created");
    const before = await sessionsOf(created.workshopId);
    const [row] = await database.db.select({ updatedAt: workshops.updatedAt }).from(workshops).where(eq(workshops.id, created.workshopId));
    const result = await updateSeries(database.db, { placeId: ids.place, workshopId: created.workshopId, by: ids.manager, now: NOW, version: row!.updatedAt.toISOString(), input: input({ [F.capacity]: "12" }) });
    expect(result).toMatchObject({ ok: true, added: 0, removed: 0, kept: [] });
    const after = await sessionsOf(created.workshopId);
    expect(after.map((s) => s.id)).toEqual(before.map((s) => s.id));
    expect(after.every((s) => s.capacity === 12)).toBe(true);
    expect(await updateSeries(database.db, { placeId: ids.place, workshopId: created.workshopId, by: ids.manager, now: NOW, version: row!.updatedAt.toISOString(), input: input() })).toEqual({ ok: false, reason: "conflict" });
  });

  it("a capacity under the seats taken of a future session is refused in French, and nothing changes", async () => {
    const created = await createSeries(database.db, { placeId: ids.place, by: ids.manager, input: input({ [F.capacity]: "3" }), now: NOW });
    if (!created.ok) throw new Error("not created");
    const [, , third] = await sessionsOf(created.workshopId);
    for (let i = 0; i < 3; i++) await register(created.workshopId, third!.id);
    const result = await updateSeries(database.db, { placeId: ids.place, workshopId: created.workshopId, by: ids.manager, now: NOW, input: input({ [F.capacity]: "2", [F.title]: "Autre titre" }) });
    expect(result).toMatchObject({ ok: false, reason: "capacity-below-seats", message: fr.workshopSetup.capacityBelowSeats(1, 3) });
    expect((result as { message: string }).message).toContain("ne peut pas descendre sous 3");
    const [series] = await database.db.select({ title: workshops.title, capacity: workshops.capacity }).from(workshops).where(eq(workshops.id, created.workshopId));
    expect(series).toEqual({ title: "Premiers pas sur l'ordinateur", capacity: 3 });
    // The database says the same if the code did not.
    await expect(database.db.update(workshopSessions).set({ capacity: 2 }).where(eq(workshopSessions.id, third!.id))).rejects.toThrow();
  });

  it("another place's series is not found", async () => {
    const created = await createSeries(database.db, { placeId: ids.place, by: ids.manager, input: input(), now: NOW });
    if (!created.ok) throw new Error("not created");
    expect(await updateSeries(database.db, { placeId: ids.other, workshopId: created.workshopId, by: ids.manager, now: NOW, input: input() })).toEqual({ ok: false, reason: "not-found" });
  });
});

describe("one session", () => {
  it("its capacity: refused under its seats, else set and detached — edit all then leaves it alone", async () => {
    const created = await createSeries(database.db, { placeId: ids.place, by: ids.manager, input: input(), now: NOW });
    if (!created.ok) throw new Error("not created");
    const [first] = await sessionsOf(created.workshopId);
    await register(created.workshopId, first!.id);
    await register(created.workshopId, first!.id);
    const base = { placeId: ids.place, workshopId: created.workshopId, sessionId: first!.id, by: ids.manager, now: NOW };
    expect(await updateSession(database.db, { ...base, capacity: 1 })).toEqual({ ok: false, reason: "capacity-below-seats", message: fr.workshopSetup.sessionCapacityBelowSeats(2) });
    expect(await updateSession(database.db, { ...base, capacity: 20 })).toEqual({ ok: true });
    expect(await updateSession(database.db, { ...base, placeId: ids.other, capacity: 20 })).toEqual({ ok: false, reason: "not-found" });
    expect(await updateSession(database.db, { ...base, capacity: 20, now: new Date("2027-06-01T00:00:00Z") })).toEqual({ ok: false, reason: "past" });
    await updateSeries(database.db, { placeId: ids.place, workshopId: created.workshopId, by: ids.manager, now: NOW, input: input({ [F.capacity]: "10" }) });
    const sessions = await sessionsOf(created.workshopId);
    expect(sessions.find((s) => s.id === first!.id)).toMatchObject({ capacity: 20, detached: true });
    expect(sessions.filter((s) => s.id !== first!.id).every((s) => s.capacity === 10)).toBe(true);
  });

  it("an extra session on the place's clock, detached; not twice at the same time; not in the past", async () => {
    const created = await createSeries(database.db, { placeId: ids.place, by: ids.manager, input: input(), now: NOW });
    if (!created.ok) throw new Error("not created");
    const base = { placeId: ids.place, workshopId: created.workshopId, by: ids.manager, now: NOW, startMinute: 600, endMinute: 720 };
    const added = await addSession(database.db, { ...base, date: "2027-07-07" });
    if (!added.ok) throw new Error(JSON.stringify(added));
    const sessions = await sessionsOf(created.workshopId);
    expect(sessions.find((s) => s.id === added.sessionId)).toMatchObject({ startsAt: new Date("2027-07-07T08:00:00Z"), detached: true, capacity: 8 });
    expect(await addSession(database.db, { ...base, date: "2027-07-07" })).toEqual({ ok: false, reason: "invalid", errors: { date: m.sessionExists } });
    expect(await addSession(database.db, { ...base, date: "2026-11-30" })).toEqual({ ok: false, reason: "invalid", errors: { date: m.datePast } });
  });
});

describe("listSeries", () => {
  it("gives each series with its sessions, seats and waiting people, and the recurrence in words", async () => {
    const place = (await createPlace(database.db, { name: "Liste" })).id;
    const created = await createSeries(database.db, { placeId: place, by: ids.manager, input: input({ [F.until]: "2027-01-31" }), now: NOW });
    if (!created.ok) throw new Error("not created");
    const [first] = await sessionsOf(created.workshopId);
    await database.db.insert(workshopRegistrations).values({ workshopId: created.workshopId, sessionId: first!.id, placeId: place, status: "waiting", source: "desk", firstName: "Bob" });
    const lines = await listSeries(database.db, { placeId: place, from: NOW });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ title: "Premiers pas sur l'ordinateur", when: "Chaque mardi de 14 h à 16 h, du 6 au 31 janvier 2027, sauf vacances scolaires et jours fériés" });
    expect(lines[0]!.sessions.map((s) => [s.seatsTaken, s.waiting])).toEqual([[0, 1], [0, 0], [0, 0]]);
  });
});

describe("seats after a change of the series", () => {
  const links = { secret: "secret-de-test-secret-de-test-0123456789", baseUrl: "https://epn.example" };
  const person = (n: number) => ({ firstName: `Personne ${n}`, phone: `+33612${String(n).padStart(6, "0")}`, email: null });

  it("a larger capacity, for the series or one session, goes at once to the people waiting, in order", async () => {
    const created = await createSeries(database.db, { placeId: ids.place, by: ids.manager, input: input({ [F.capacity]: "1", [F.until]: "2027-01-20" }), now: NOW });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const [first] = await sessionsOf(created.workshopId);
    for (let n = 1; n <= 4; n++) await registerForSession(database.db, { sessionId: first!.id, person: person(900 + n), source: "online" }, { ...links, now: NOW.getTime() });
    expect(await updateSession(database.db, { placeId: ids.place, workshopId: created.workshopId, sessionId: first!.id, by: ids.manager, capacity: 2, now: NOW, links })).toEqual({ ok: true });
    const statuses = async () =>
      (await database.db.select({ phone: workshopRegistrations.phone, status: workshopRegistrations.status }).from(workshopRegistrations).where(eq(workshopRegistrations.sessionId, first!.id)).orderBy(workshopRegistrations.queueNo)).map((r) => r.status);
    expect(await statuses()).toEqual(["registered", "registered", "waiting", "waiting"]);
    const edited = await updateSeries(database.db, { placeId: ids.place, workshopId: created.workshopId, by: ids.manager, input: input({ [F.capacity]: "3", [F.until]: "2027-01-20" }), now: NOW, links });
    expect(edited.ok).toBe(true);
    // The session edited on its own keeps its 2 seats; the next follows the series (3) and had nobody waiting.
    expect(await statuses()).toEqual(["registered", "registered", "waiting", "waiting"]);
    expect(await updateSession(database.db, { placeId: ids.place, workshopId: created.workshopId, sessionId: first!.id, by: ids.manager, capacity: null, now: NOW, links })).toEqual({ ok: true });
    expect(await statuses()).toEqual(["registered", "registered", "registered", "registered"]);
  });

  it("a session added to a cycle counts the cycle's registrations", async () => {
    const created = await createSeries(database.db, { placeId: ids.place, by: ids.manager, input: input({ [F.registration]: "cycle", [F.capacity]: "6", [F.until]: "2027-01-20" }), now: NOW });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const [first] = await sessionsOf(created.workshopId);
    await registerForSession(database.db, { sessionId: first!.id, person: person(950), source: "online" }, { ...links, now: NOW.getTime() });
    await registerForSession(database.db, { sessionId: first!.id, person: person(951), source: "online" }, { ...links, now: NOW.getTime() });
    const added = await addSession(database.db, { placeId: ids.place, workshopId: created.workshopId, by: ids.manager, date: "2027-01-28", startMinute: 14 * 60, endMinute: 16 * 60, now: NOW });
    if (!added.ok) throw new Error(JSON.stringify(added));
    expect((await sessionsOf(created.workshopId)).map((s) => s.seatsTaken)).toEqual([2, 2, 2]);
  });
});

describe("how people register cannot change under them", () => {
  it("edit all refuses to turn a series with registrants into a cycle (or back), in French, and changes nothing", async () => {
    const created = await createSeries(database.db, { placeId: ids.place, by: ids.manager, input: input({ [F.capacity]: "2", [F.until]: "2027-01-20" }), now: NOW });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const [first] = await sessionsOf(created.workshopId);
    await register(created.workshopId, first!.id);
    const result = await updateSeries(database.db, { placeId: ids.place, workshopId: created.workshopId, by: ids.manager, input: input({ [F.capacity]: "2", [F.until]: "2027-01-20", [F.registration]: "cycle" }), now: NOW });
    expect(result).toMatchObject({ ok: false, reason: "invalid", errors: { [F.registration]: m.registrationLocked } });
    expect((await sessionsOf(created.workshopId)).map((s) => s.seatsTaken)).toEqual([1, 0]);
  });
});
