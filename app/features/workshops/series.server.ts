/**
 * A place's series (workshops, drop-ins, events, mobile EPN visits) and their sessions, as the
 * staff set them up in the back-office: create a series and its sessions from its recurrence,
 * edit all (« modifier toute la série »), edit one session's capacity, add one dated session, and
 * the list for the staff page. One transaction per command, an audit line for each.
 *
 * Registered people are never dropped silently: when the schedule of a series changes, its future
 * sessions without anyone registered or waiting (and not edited on their own) are made again from
 * the new recurrence; those with people are kept as they are and reported, for the mediator to
 * move or cancel them (the lead's `moveSession` / `cancelSession` tell the people).
 *
 * A session is where its series is: `knn_point` copied from the stop (location stop), the place
 * (location place) or null (online), as `createWorkshop` in the factories does.
 */
import crypto from "node:crypto";
import { and, asc, eq, gt, gte, inArray, isNull, sql } from "drizzle-orm";
import { queryRows, type Db } from "~/db/client.server";
import { pgErrorCode } from "~/db/errors";
import { places, stops, workshopRegistrations, workshops, workshopSessions } from "~/db/schema";
import { recordAudit } from "~/features/audit/record.server";
import { schoolZoneOfInsee } from "~/features/hours/school-holidays";
import { todayIn } from "~/features/time/today";
import { isUuid } from "~/lib/ids";
import { fr } from "~/lib/messages";
import {
  describeSchedule, expandSeries, instantAt, recurrenceFromRrule, recurrenceToRrule,
  type Expansion, type PlannedSession, type SeriesSchedule, type SeriesWhere,
} from "./recurrence";
import { lockSeriesSessions, promoteAfterCapacityChange, syncCycleSeats } from "./seats.server";
import { extraSessionWindow, SERIES_FIELDS, type SeriesInput } from "./series-form";

const m = fr.workshopSetup.errors;
const CHECK_VIOLATION = "23514";
/** A registration that holds a person on a session: registered, offered a seat, or waiting for one. */
const ACTIVE = ["registered", "offered", "waiting"] as const;

type Tx = Db;

export type SeriesProblem = { ok: false; reason: "not-found" } | { ok: false; reason: "invalid"; errors: Record<string, string> };

/** What the recurrence gave beyond the sessions, for the page to say. */
export type ScheduleNotes = Pick<Expansion, "skipped" | "schoolHolidaysUnchecked">;

export type CreateSeriesResult = ({ ok: true; workshopId: string; sessions: number } & ScheduleNotes) | SeriesProblem;

/** What messages to promoted people are made with (their manage link); without it they get no link. */
export type Links = { secret: string; baseUrl: string };
const linksOf = (links: Links | undefined): Links => links ?? { secret: crypto.randomBytes(32).toString("base64url"), baseUrl: "" };

export type KeptSession = { id: string; startsAt: Date; seatsTaken: number };

export type UpdateSeriesResult =
  | ({
      ok: true;
      /** Sessions made from the new schedule, and sessions removed (nobody on them). */
      added: number;
      removed: number;
      /** Future sessions with people on them that the new schedule no longer has: kept, to move or cancel by hand. */
      kept: KeptSession[];
    } & ScheduleNotes)
  | SeriesProblem
  | { ok: false; reason: "conflict" }
  | { ok: false; reason: "capacity-below-seats"; message: string; sessions: KeptSession[] };

interface Where {
  timeZone: string;
  /** The stop's or the place's, by the series' location; null online. */
  knnPoint: string | null;
  series: SeriesWhere;
}

/** The place's clock and school zone, and the point its sessions are at; undefined when the stop is not the place's. */
async function whereOf(tx: Tx, placeId: string, location: SeriesInput["location"], stopId: string | null): Promise<Where | undefined> {
  const [place] = await tx.select({ timeZone: places.timeZone, inseeCode: places.inseeCode, knnPoint: places.knnPoint }).from(places).where(eq(places.id, placeId));
  if (!place) return undefined;
  let insee = place.inseeCode;
  let knnPoint: string | null = location === "online" ? null : place.knnPoint;
  if (location === "stop") {
    if (!stopId) return undefined;
    const [stop] = await tx
      .select({ inseeCode: stops.inseeCode, knnPoint: stops.knnPoint })
      .from(stops)
      .where(and(eq(stops.id, stopId), eq(stops.placeId, placeId), eq(stops.active, true)));
    if (!stop) return undefined;
    insee = stop.inseeCode;
    knnPoint = stop.knnPoint;
  }
  return { timeZone: place.timeZone, knnPoint, series: { timeZone: place.timeZone, schoolZone: schoolZoneOfInsee(insee) } };
}

/** The recurrence's refusals (caps, nothing at all) as field errors; undefined when it can be made. */
function expansionErrors(expansion: Expansion, schedule: SeriesSchedule, options: { needsOne: boolean }): Record<string, string> | undefined {
  const hasCount = schedule.recurrence.kind !== "once" && schedule.recurrence.count !== undefined;
  if (expansion.capped === "sessions") return { [hasCount ? SERIES_FIELDS.count : SERIES_FIELDS.until]: m.tooManySessions };
  if (expansion.capped === "months") return { [hasCount ? SERIES_FIELDS.count : SERIES_FIELDS.until]: m.tooLong };
  if (options.needsOne && expansion.sessions.length === 0) return { [SERIES_FIELDS.date]: m.noSession };
  return undefined;
}

function seriesColumns(input: SeriesInput) {
  const s = input.schedule;
  return {
    kind: input.kind, title: input.title, description: input.description, theme: input.theme, level: input.level,
    audience: input.audience, bring: input.bring, accessibility: input.accessibility, capacity: input.capacity,
    registration: input.registration, promotion: input.promotion, offerHours: input.offerHours, priceCents: input.priceCents,
    requiresMembership: input.requiresMembership, location: input.location, stopId: input.stopId, onlineUrl: input.onlineUrl, mediatorIds: input.mediatorIds, published: input.published,
    rrule: recurrenceToRrule(s.recurrence), startMinute: s.startMinute, endMinute: s.endMinute,
    skipSchoolHolidays: s.skipSchoolHolidays, skipPublicHolidays: s.skipPublicHolidays, exceptDates: [...s.exceptDates],
  };
}

/** `theme`: the series' own, copied onto each session for the agenda's theme index (schema/workshops.ts). */
async function insertSessions(tx: Tx, input: { workshopId: string; placeId: string; stopId: string | null; knnPoint: string | null; theme: string | null; capacity: number | null; sessions: PlannedSession[]; detached?: boolean }) {
  if (input.sessions.length === 0) return [];
  return tx
    .insert(workshopSessions)
    .values(
      input.sessions.map((s) => ({
        workshopId: input.workshopId, placeId: input.placeId, stopId: input.stopId, knnPoint: input.knnPoint, theme: input.theme,
        startsAt: s.startsAt, endsAt: s.endsAt, capacity: input.capacity, detached: input.detached ?? false,
      })),
    )
    .returning({ id: workshopSessions.id });
}

/** Create a series and its sessions (none in the past). */
export async function createSeries(db: Db, options: { placeId: string; by: string | null; input: SeriesInput; now?: Date }): Promise<CreateSeriesResult> {
  const { placeId, input } = options;
  const now = options.now ?? new Date();
  return db.transaction(async (tx): Promise<CreateSeriesResult> => {
    const where = await whereOf(tx, placeId, input.location, input.stopId);
    if (!where) return input.location === "stop" ? { ok: false, reason: "invalid", errors: { [SERIES_FIELDS.stopId]: m.stop } } : { ok: false, reason: "not-found" };
    const expansion = expandSeries(input.schedule, where.series);
    const sessions = expansion.sessions.filter((s) => s.startsAt.getTime() > now.getTime());
    const errors = expansionErrors({ ...expansion, sessions }, input.schedule, { needsOne: true });
    if (errors) return { ok: false, reason: "invalid", errors };

    const [row] = await tx
      .insert(workshops)
      .values({ placeId, ...seriesColumns(input), createdBy: options.by })
      .returning({ id: workshops.id });
    const workshopId = row!.id;
    await insertSessions(tx, { workshopId, placeId, stopId: input.stopId, knnPoint: where.knnPoint, theme: input.theme, capacity: input.capacity, sessions });
    await recordAudit(tx, {
      actorUserId: options.by, action: "workshop.create", entityType: "workshop", entityId: workshopId, placeId,
      after: { ...seriesColumns(input), sessions: sessions.length },
    });
    return { ok: true, workshopId, sessions: sessions.length, skipped: expansion.skipped, schoolHolidaysUnchecked: expansion.schoolHolidaysUnchecked };
  });
}

type SeriesRow = typeof workshops.$inferSelect;

/** The schedule a series row was made with (undefined for dated sessions only: no recurrence stored). */
export function scheduleOfRow(row: Pick<SeriesRow, "rrule" | "startMinute" | "endMinute" | "skipSchoolHolidays" | "skipPublicHolidays" | "exceptDates">, onceDate?: string): SeriesSchedule | undefined {
  const recurrence = recurrenceFromRrule(row.rrule, onceDate);
  if (!recurrence || row.startMinute === null || row.endMinute === null) return undefined;
  return {
    recurrence, startMinute: row.startMinute, endMinute: row.endMinute,
    skipSchoolHolidays: row.skipSchoolHolidays, skipPublicHolidays: row.skipPublicHolidays, exceptDates: row.exceptDates,
  };
}

const sameSchedule = (a: SeriesSchedule | undefined, b: SeriesSchedule) => a !== undefined && JSON.stringify(a) === JSON.stringify(b);

/** The sessions of a series holding somebody (registered, offered or waiting; a cycle's registrations hold every session). */
async function sessionsWithPeople(tx: Tx, workshopId: string, sessionIds: string[]): Promise<Set<string>> {
  if (sessionIds.length === 0) return new Set();
  const [cycle] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(workshopRegistrations)
    .where(and(eq(workshopRegistrations.workshopId, workshopId), isNull(workshopRegistrations.sessionId), inArray(workshopRegistrations.status, ACTIVE)));
  if ((cycle?.n ?? 0) > 0) return new Set(sessionIds);
  const rows = await tx
    .selectDistinct({ sessionId: workshopRegistrations.sessionId })
    .from(workshopRegistrations)
    .where(and(inArray(workshopRegistrations.sessionId, sessionIds), inArray(workshopRegistrations.status, ACTIVE)));
  return new Set(rows.map((r) => r.sessionId!));
}

/**
 * Edit all: the series' words and settings change everywhere; when the schedule (or where it is)
 * changed, its future sessions are made again — except those edited on their own (detached) and
 * those with people, which are kept and reported. A capacity below the seats taken of a future
 * session is refused, in French. `version`: the series' `updatedAt` the form was made from.
 */
export async function updateSeries(
  db: Db,
  options: { placeId: string; workshopId: string; by: string | null; input: SeriesInput; version?: string; now?: Date; links?: Links },
): Promise<UpdateSeriesResult> {
  const { placeId, workshopId, input } = options;
  const now = options.now ?? new Date();
  if (!isUuid(workshopId)) return { ok: false, reason: "not-found" };
  return db.transaction(async (tx): Promise<UpdateSeriesResult> => {
    const [before] = await tx
      .select()
      .from(workshops)
      .where(and(eq(workshops.id, workshopId), eq(workshops.placeId, placeId), isNull(workshops.cancelledAt)))
      .for("update");
    if (!before) return { ok: false, reason: "not-found" };
    if (options.version !== undefined && options.version !== before.updatedAt.toISOString()) return { ok: false, reason: "conflict" };
    // Every session of the series, in the one order seats.server locks them in (no deadlock with a registration).
    await lockSeriesSessions(tx, workshopId);
    // Who holds a seat depends on how people register: not changed while someone is registered or waiting.
    if (input.registration !== before.registration || (input.kind === "visit") !== (before.kind === "visit")) {
      const [someone] = await tx.select({ id: workshopRegistrations.id }).from(workshopRegistrations).where(and(eq(workshopRegistrations.workshopId, workshopId), sql`${workshopRegistrations.status} <> 'cancelled'`)).limit(1);
      if (someone) return { ok: false, reason: "invalid", errors: { [SERIES_FIELDS.registration]: m.registrationLocked } };
    }
    const where = await whereOf(tx, placeId, input.location, input.stopId);
    if (!where) return { ok: false, reason: "invalid", errors: { [SERIES_FIELDS.stopId]: m.stop } };

    // Future sessions in start order, their rows locked: seats change under the same lock (seats.server).
    const future = await tx
      .select({ id: workshopSessions.id, startsAt: workshopSessions.startsAt, endsAt: workshopSessions.endsAt, seatsTaken: workshopSessions.seatsTaken, detached: workshopSessions.detached })
      .from(workshopSessions)
      .where(and(eq(workshopSessions.workshopId, workshopId), eq(workshopSessions.status, "scheduled"), gt(workshopSessions.startsAt, now)))
      .orderBy(asc(workshopSessions.startsAt))
      .for("update");

    const followers = future.filter((s) => !s.detached);
    if (input.capacity !== null) {
      const over = followers.filter((s) => s.seatsTaken > input.capacity!);
      if (over.length > 0) {
        const most = Math.max(...over.map((s) => s.seatsTaken));
        return {
          ok: false, reason: "capacity-below-seats", message: fr.workshopSetup.capacityBelowSeats(over.length, most),
          sessions: over.map((s) => ({ id: s.id, startsAt: s.startsAt, seatsTaken: s.seatsTaken })),
        };
      }
    }

    const oldSchedule = scheduleOfRow(before);
    const scheduleChanged = !sameSchedule(oldSchedule, input.schedule) || input.location !== before.location || input.stopId !== before.stopId;
    let added = 0;
    let removed = 0;
    const kept: KeptSession[] = [];
    let notes: ScheduleNotes = { skipped: [] };

    if (scheduleChanged) {
      const expansion = expandSeries(input.schedule, where.series);
      const errors = expansionErrors(expansion, input.schedule, { needsOne: false });
      if (errors) return { ok: false, reason: "invalid", errors };
      notes = { skipped: expansion.skipped, schoolHolidaysUnchecked: expansion.schoolHolidaysUnchecked };
      const planned = expansion.sessions.filter((s) => s.startsAt.getTime() > now.getTime());
      const withPeople = await sessionsWithPeople(tx, workshopId, followers.map((s) => s.id));
      const key = (startsAt: Date, endsAt: Date) => `${startsAt.getTime()}/${endsAt.getTime()}`;
      const plannedKeys = new Set(planned.map((s) => key(s.startsAt, s.endsAt)));

      // Where a session already is, at its time: no new one there (past sessions included).
      const taken = new Set<number>();
      const existing = await tx.select({ startsAt: workshopSessions.startsAt }).from(workshopSessions).where(and(eq(workshopSessions.workshopId, workshopId), eq(workshopSessions.status, "scheduled")));
      const drop: string[] = [];
      for (const session of followers) {
        const stays = plannedKeys.has(key(session.startsAt, session.endsAt));
        if (!stays && !withPeople.has(session.id) && session.seatsTaken === 0) drop.push(session.id);
        else if (!stays) kept.push({ id: session.id, startsAt: session.startsAt, seatsTaken: session.seatsTaken });
      }
      for (const row of existing) taken.add(row.startsAt.getTime());
      for (const id of drop) taken.delete(followers.find((s) => s.id === id)!.startsAt.getTime());
      if (drop.length > 0) await tx.delete(workshopSessions).where(inArray(workshopSessions.id, drop));
      removed = drop.length;
      const fresh = planned.filter((s) => !taken.has(s.startsAt.getTime()));
      await insertSessions(tx, { workshopId, placeId, stopId: input.stopId, knnPoint: where.knnPoint, theme: input.theme, capacity: input.capacity, sessions: fresh });
      added = fresh.length;
    }

    // The sessions that follow the series take its capacity and place (detached ones keep theirs).
    const followerIds = followers.map((s) => s.id);
    if (followerIds.length > 0) {
      try {
        await tx
          .update(workshopSessions)
          .set({ capacity: input.capacity, stopId: input.stopId, knnPoint: where.knnPoint, updatedAt: now })
          .where(inArray(workshopSessions.id, followerIds));
      } catch (error) {
        if (pgErrorCode(error) === CHECK_VIOLATION) return { ok: false, reason: "capacity-below-seats", message: fr.workshopSetup.capacityBelowSeats(1, input.capacity ?? 0), sessions: [] };
        throw error;
      }
    }
    // The theme is the series': every session takes it, detached, past and cancelled ones too (the agenda filters on the copy).
    const theme = input.theme ?? null;
    await tx
      .update(workshopSessions)
      .set({ theme })
      .where(and(eq(workshopSessions.workshopId, workshopId), sql`${workshopSessions.theme} is distinct from ${theme}`));
    const after = seriesColumns(input);
    await tx.update(workshops).set({ ...after, updatedAt: now }).where(eq(workshops.id, workshopId));
    // Seats: a cycle's new sessions count its registrations; a larger capacity goes to the people waiting.
    if (input.registration === "cycle") {
      await syncCycleSeats(tx, workshopId);
      await promoteAfterCapacityChange(tx, { workshopId, sessionId: null, now: now.getTime(), ...linksOf(options.links) });
    } else if (input.registration === "session") {
      for (const id of followerIds) await promoteAfterCapacityChange(tx, { workshopId, sessionId: id, now: now.getTime(), ...linksOf(options.links) });
    }
    await recordAudit(tx, {
      actorUserId: options.by, action: "workshop.update", entityType: "workshop", entityId: workshopId, placeId,
      before: { ...seriesColumns(rowToInputColumns(before)) }, after: { ...after, added, removed, kept: kept.length },
    });
    return { ok: true, added, removed, kept, ...notes };
  });
}

/** The columns of a row as `seriesColumns` writes them, for the audit's "before". */
function rowToInputColumns(row: SeriesRow): SeriesInput {
  return {
    kind: row.kind, title: row.title, description: row.description, theme: row.theme as SeriesInput["theme"], level: row.level,
    audience: row.audience, bring: row.bring, accessibility: row.accessibility, capacity: row.capacity, registration: row.registration,
    promotion: row.promotion, offerHours: row.offerHours, priceCents: row.priceCents, requiresMembership: row.requiresMembership, location: row.location, stopId: row.stopId,
    onlineUrl: row.onlineUrl, mediatorIds: row.mediatorIds, published: row.published,
    schedule: scheduleOfRow(row) ?? { recurrence: { kind: "once", date: "1970-01-01" }, startMinute: row.startMinute ?? 0, endMinute: row.endMinute ?? 1, skipPublicHolidays: row.skipPublicHolidays, skipSchoolHolidays: row.skipSchoolHolidays, exceptDates: row.exceptDates },
  };
}

export type UpdateSessionResult =
  | { ok: true }
  | { ok: false; reason: "not-found" | "cancelled" | "past" }
  | { ok: false; reason: "capacity-below-seats"; message: string };

/**
 * Edit one session's capacity (null: no limit); it is then detached: « edit all » leaves it as it is.
 * Refused below its seats taken (the database's CHECK says the same if two staff race).
 * A larger capacity goes at once to the people waiting (seats.server's promotion). A change of
 * time goes through the session desk's `moveSession`, which tells the people.
 */
export async function updateSession(
  db: Db,
  options: { placeId: string; workshopId: string; sessionId: string; by: string | null; capacity: number | null; now?: Date; links?: Links },
): Promise<UpdateSessionResult> {
  const now = options.now ?? new Date();
  if (!isUuid(options.sessionId) || !isUuid(options.workshopId)) return { ok: false, reason: "not-found" };
  return db.transaction(async (tx): Promise<UpdateSessionResult> => {
    await lockSeriesSessions(tx, options.workshopId); // the one lock order (a cycle's promotion locks them all)
    const [session] = await tx
      .select({ id: workshopSessions.id, status: workshopSessions.status, startsAt: workshopSessions.startsAt, capacity: workshopSessions.capacity, seatsTaken: workshopSessions.seatsTaken })
      .from(workshopSessions)
      .where(and(eq(workshopSessions.id, options.sessionId), eq(workshopSessions.workshopId, options.workshopId), eq(workshopSessions.placeId, options.placeId)))
      .for("update");
    if (!session) return { ok: false, reason: "not-found" };
    if (session.status === "cancelled") return { ok: false, reason: "cancelled" };
    if (session.startsAt.getTime() <= now.getTime()) return { ok: false, reason: "past" };
    if (options.capacity !== null && options.capacity < session.seatsTaken) {
      return { ok: false, reason: "capacity-below-seats", message: fr.workshopSetup.sessionCapacityBelowSeats(session.seatsTaken) };
    }
    try {
      await tx.update(workshopSessions).set({ capacity: options.capacity, detached: true, updatedAt: now }).where(eq(workshopSessions.id, session.id));
    } catch (error) {
      if (pgErrorCode(error) === CHECK_VIOLATION) return { ok: false, reason: "capacity-below-seats", message: fr.workshopSetup.sessionCapacityBelowSeats(session.seatsTaken) };
      throw error;
    }
    await recordAudit(tx, {
      actorUserId: options.by, action: "workshop.session.update", entityType: "workshop_session", entityId: session.id, placeId: options.placeId,
      before: { capacity: session.capacity }, after: { capacity: options.capacity, detached: true },
    });
    // More seats: the people waiting get them (a cycle's, once every session has room).
    const [mode] = await tx.select({ registration: workshops.registration }).from(workshops).where(eq(workshops.id, options.workshopId));
    if (mode && mode.registration !== "none") {
      await promoteAfterCapacityChange(tx, { workshopId: options.workshopId, sessionId: mode.registration === "cycle" ? null : session.id, now: now.getTime(), ...linksOf(options.links) });
    }
    return { ok: true };
  });
}

export type AddSessionResult = { ok: true; sessionId: string } | SeriesProblem;

/** One more dated session of a series, on the place's clock; detached (no recurrence made it). */
export async function addSession(
  db: Db,
  options: { placeId: string; workshopId: string; by: string | null; date: string; startMinute: number; endMinute: number; now?: Date },
): Promise<AddSessionResult> {
  const now = options.now ?? new Date();
  if (!isUuid(options.workshopId)) return { ok: false, reason: "not-found" };
  return db.transaction(async (tx): Promise<AddSessionResult> => {
    const [series] = await tx
      .select({ id: workshops.id, location: workshops.location, stopId: workshops.stopId, capacity: workshops.capacity, registration: workshops.registration, theme: workshops.theme })
      .from(workshops)
      .where(and(eq(workshops.id, options.workshopId), eq(workshops.placeId, options.placeId), isNull(workshops.cancelledAt)))
      .for("update");
    if (!series) return { ok: false, reason: "not-found" };
    const where = await whereOf(tx, options.placeId, series.location, series.stopId);
    if (!where) return { ok: false, reason: "not-found" };
    const startsAt = instantAt(where.timeZone, options.date, options.startMinute);
    const endsAt = instantAt(where.timeZone, options.date, options.endMinute);
    if (startsAt.getTime() <= now.getTime()) return { ok: false, reason: "invalid", errors: { date: m.datePast } };
    if (options.date > extraSessionWindow(todayIn(where.timeZone, now)).to) return { ok: false, reason: "invalid", errors: { date: m.sessionTooFar } };
    const [clash] = await tx
      .select({ id: workshopSessions.id })
      .from(workshopSessions)
      .where(and(eq(workshopSessions.workshopId, series.id), eq(workshopSessions.status, "scheduled"), eq(workshopSessions.startsAt, startsAt)));
    if (clash) return { ok: false, reason: "invalid", errors: { date: m.sessionExists } };
    const [row] = await insertSessions(tx, {
      workshopId: series.id, placeId: options.placeId, stopId: series.stopId, knnPoint: where.knnPoint, theme: series.theme, capacity: series.capacity,
      sessions: [{ date: options.date, startsAt, endsAt }], detached: true,
    });
    // A cycle's registrations hold a seat in this session too.
    if (series.registration === "cycle") await syncCycleSeats(tx, series.id);
    await recordAudit(tx, {
      actorUserId: options.by, action: "workshop.session.add", entityType: "workshop_session", entityId: row!.id, placeId: options.placeId,
      after: { workshopId: series.id, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
    });
    return { ok: true, sessionId: row!.id };
  });
}

export type SessionLine = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number | null;
  seatsTaken: number;
  waiting: number;
  status: "scheduled" | "cancelled";
  detached: boolean;
};

export type SeriesLine = {
  id: string;
  kind: SeriesRow["kind"];
  title: string;
  capacity: number | null;
  registration: SeriesRow["registration"];
  published: boolean;
  /** « Chaque mardi de 14 h à 16 h, … »; undefined for dated sessions only. */
  when: string | undefined;
  sessions: SessionLine[];
};

/** The waiting people per session of some sessions (a cycle's waiting count in each of its sessions). */
async function waitingBySession(db: Db, sessionIds: string[], cycleIds: string[]): Promise<{ bySession: Map<string, number>; byCycle: Map<string, number> }> {
  const bySession = new Map<string, number>();
  const byCycle = new Map<string, number>();
  if (sessionIds.length > 0) {
    const rows = await db
      .select({ id: workshopRegistrations.sessionId, n: sql<number>`count(*)::int` })
      .from(workshopRegistrations)
      .where(and(inArray(workshopRegistrations.sessionId, sessionIds), eq(workshopRegistrations.status, "waiting")))
      .groupBy(workshopRegistrations.sessionId);
    for (const r of rows) bySession.set(r.id!, Number(r.n));
  }
  if (cycleIds.length > 0) {
    const rows = await db
      .select({ id: workshopRegistrations.workshopId, n: sql<number>`count(*)::int` })
      .from(workshopRegistrations)
      .where(and(inArray(workshopRegistrations.workshopId, cycleIds), isNull(workshopRegistrations.sessionId), eq(workshopRegistrations.status, "waiting")))
      .groupBy(workshopRegistrations.workshopId);
    for (const r of rows) byCycle.set(r.id, Number(r.n));
  }
  return { bySession, byCycle };
}

/**
 * The place's series (not cancelled) with their sessions from `from` on, for the staff page:
 * those with upcoming sessions first (by their next session), then the others (newest first).
 */
export async function listSeries(db: Db, options: { placeId: string; from: Date; workshopId?: string; limit?: number }): Promise<SeriesLine[]> {
  const series = await db
    .select({
      id: workshops.id, kind: workshops.kind, title: workshops.title, capacity: workshops.capacity, registration: workshops.registration,
      published: workshops.published, rrule: workshops.rrule, startMinute: workshops.startMinute, endMinute: workshops.endMinute,
      skipSchoolHolidays: workshops.skipSchoolHolidays, skipPublicHolidays: workshops.skipPublicHolidays, exceptDates: workshops.exceptDates, createdAt: workshops.createdAt,
    })
    .from(workshops)
    .where(and(eq(workshops.placeId, options.placeId), isNull(workshops.cancelledAt), options.workshopId ? eq(workshops.id, options.workshopId) : undefined))
    .orderBy(sql`${workshops.createdAt} desc`)
    .limit(options.limit ?? 200);
  if (series.length === 0) return [];
  const sessions = await db
    .select({
      id: workshopSessions.id, workshopId: workshopSessions.workshopId, startsAt: workshopSessions.startsAt, endsAt: workshopSessions.endsAt,
      capacity: workshopSessions.capacity, seatsTaken: workshopSessions.seatsTaken, status: workshopSessions.status, detached: workshopSessions.detached,
    })
    .from(workshopSessions)
    .where(and(eq(workshopSessions.placeId, options.placeId), inArray(workshopSessions.workshopId, series.map((s) => s.id)), gte(workshopSessions.endsAt, options.from)))
    .orderBy(asc(workshopSessions.startsAt))
    .limit(2000);
  const { bySession, byCycle } = await waitingBySession(db, sessions.map((s) => s.id), series.filter((s) => s.registration === "cycle").map((s) => s.id));
  const lines = series.map((s): SeriesLine & { createdAt: Date } => {
    const schedule = scheduleOfRow(s);
    return {
      id: s.id, kind: s.kind, title: s.title, capacity: s.capacity, registration: s.registration, published: s.published, createdAt: s.createdAt,
      when: schedule && schedule.recurrence.kind !== "once" ? describeSchedule(schedule) : undefined,
      sessions: sessions
        .filter((x) => x.workshopId === s.id)
        .map((x) => ({
          id: x.id, startsAt: x.startsAt, endsAt: x.endsAt, capacity: x.capacity, seatsTaken: x.seatsTaken, status: x.status, detached: x.detached,
          waiting: (bySession.get(x.id) ?? 0) + (byCycle.get(s.id) ?? 0),
        })),
    };
  });
  const next = (l: SeriesLine) => l.sessions.find((x) => x.status === "scheduled")?.startsAt.getTime() ?? Number.POSITIVE_INFINITY;
  lines.sort((a, b) => next(a) - next(b) || b.createdAt.getTime() - a.createdAt.getTime());
  return lines.map(({ createdAt: _createdAt, ...line }) => line);
}

export type SeriesDetail = { row: SeriesRow; input: SeriesInput; version: string; line: SeriesLine };

/** One series of a place for its page: the form's values, its version, its sessions from `from` on. */
export async function getSeries(db: Db, options: { placeId: string; workshopId: string; from: Date }): Promise<SeriesDetail | null> {
  if (!isUuid(options.workshopId)) return null;
  const [row] = await db.select().from(workshops).where(and(eq(workshops.id, options.workshopId), eq(workshops.placeId, options.placeId), isNull(workshops.cancelledAt)));
  if (!row) return null;
  const [firstSession] = await queryRows(db, sql`select to_char(min(starts_at) at time zone ${(await placeTimeZone(db, options.placeId)) ?? "Europe/Paris"}, 'YYYY-MM-DD') as day from workshop_sessions where workshop_id = ${row.id}`);
  const input = rowToInputColumns(row);
  const schedule = scheduleOfRow(row, typeof firstSession?.day === "string" ? firstSession.day : undefined);
  if (schedule) input.schedule = schedule;
  const [line] = await listSeries(db, { placeId: options.placeId, from: options.from, workshopId: row.id });
  return { row, input, version: row.updatedAt.toISOString(), line: line! };
}

async function placeTimeZone(db: Db, placeId: string): Promise<string | undefined> {
  const [place] = await db.select({ timeZone: places.timeZone }).from(places).where(eq(places.id, placeId));
  return place?.timeZone;
}

/** The place's active stops (for the form's choice), by label. */
export async function listPlaceStops(db: Db, placeId: string): Promise<{ id: string; label: string; commune: string }[]> {
  return db.select({ id: stops.id, label: stops.label, commune: stops.commune }).from(stops).where(and(eq(stops.placeId, placeId), eq(stops.active, true))).orderBy(asc(stops.label));
}

/** What the recurrence of a series skips and cannot check here (for its page), without writing anything. */
export async function scheduleNotes(db: Db, options: { placeId: string; input: SeriesInput }): Promise<ScheduleNotes> {
  const where = await whereOf(db, options.placeId, options.input.location, options.input.stopId);
  if (!where) return { skipped: [] };
  const expansion = expandSeries(options.input.schedule, where.series);
  return { skipped: expansion.skipped, schoolHolidaysUnchecked: expansion.schoolHolidaysUnchecked };
}
