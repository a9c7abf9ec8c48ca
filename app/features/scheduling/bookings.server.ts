/**
 * Booking commands: book (online, at the desk, a walk-in, through the API), cancel, move, mark
 * attendance, close dates. What the database settles (docs/decisions/013-scheduling.md):
 *  - no overlap: the exclusion constraint on (resource_id, during) for active bookings — two
 *    concurrent requests for one slot cannot both insert; the loser gets `taken`;
 *  - per-person limits: checked and written inside one transaction that first takes a
 *    transaction-scoped advisory lock on the person's key, so two requests of one person run
 *    one after the other and the second counts the first;
 *  - a double submit: the idempotency key is unique; a retry returns the booking made.
 * The rules (hours, lead time, grid…) are the availability engine's, checked before writing.
 */
import crypto from "node:crypto";
import { and, count, desc, eq, gte, lt, ne, sql, sum } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { EXCLUSION_VIOLATION, pgErrorCode, UNIQUE_VIOLATION } from "~/db/errors";
import { bookings, closures, places, resources, type Attendance, type BookingSource } from "~/db/schema";
import { hashToken, randomToken } from "~/features/accounts/tokens.server";
import { recordAudit } from "~/features/audit/record.server";
import { cancelJob } from "~/features/jobs/queue.server";
import { isMemberByContact } from "~/features/memberships/memberships.server";
import { addDays, isoDate, weekdayOf } from "~/features/time/calendar";
import { startOfDay, toWallTime } from "~/features/time/zone";
import { formatPhone } from "~/lib/phone";
import { checkBookable, freeSlots, type Refusal, type Slot } from "./availability";
import { personKey, type Person } from "./booking-form";
import { notifyBooking, reminderJobKey, scheduleReminder } from "./notify.server";
import { availabilityInputs, loadForBooking, loadResource, settingsOf, type EarlierBooking, type BookingPlace, type Resource, type Settings } from "./resources.server";

const MINUTE = 60_000;
const DAY = 86_400_000;

export type LimitRefusal = "limit-day" | "limit-week" | "limit-minutes" | "no-shows";
export type BookRefusal = Exclude<Refusal, "taken"> | LimitRefusal | "members-only" | "not-public" | "unknown-resource" | "idempotency-mismatch";

export type BookRequest = {
  placeId: string;
  resourceId: string;
  start: number;
  end: number;
  person: Person;
  source: BookingSource;
  /** A staff member booking on behalf, or seating a walk-in. */
  actorUserId?: string | null;
  /** Staff only (a manager): ignore the rules and limits; overlaps stay impossible. */
  override?: boolean;
  idempotencyKey?: string | null;
};

export type Booked = { id: string; status: "pending" | "confirmed"; start: number; end: number; manageToken: string | null; replay: boolean };
export type BookResult =
  | { kind: "booked"; booking: Booked }
  | { kind: "taken"; next: Slot[] }
  | { kind: "refused"; reason: BookRefusal; /** limit: the maximum; no-shows: the date online booking reopens; members-only: the place's phone, as written. */ detail?: number | string };

export type BookingOptions = { now?: number; /** HMAC key of manage tokens derived from an idempotency key. */ secret: string; baseUrl: string };

/**
 * The manage link's token. With an idempotency key it is derived from it (HMAC with the server's
 * secret), so a retried request gets the same link back; the database keeps only its hash.
 */
function manageTokenFor(idempotencyKey: string | null | undefined, secret: string): string {
  if (!idempotencyKey) return randomToken();
  return crypto.createHmac("sha256", secret).update(`booking-manage:${idempotencyKey}`).digest("base64url");
}

/** Local day and ISO week of an instant in the place's zone, as instants. */
function dayAndWeek(timeZone: string, at: number) {
  const date = isoDate(toWallTime(timeZone, at));
  const monday = addDays(date, 1 - weekdayOf(date));
  return {
    dayStart: startOfDay(timeZone, date), dayEnd: startOfDay(timeZone, addDays(date, 1)),
    weekStart: startOfDay(timeZone, monday), weekEnd: startOfDay(timeZone, addDays(monday, 7)),
  };
}

/** The lock that serialises one person's bookings: transaction-scoped, released at commit or rollback. */
async function lockPerson(db: Db, key: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`booking-person:${key}`}, 0))`);
}

/** Per-person limits of the resource, counted over the place's resources of the same kind. */
async function checkLimits(db: Db, input: { resource: Resource; timeZone: string; key: string; start: number; end: number; exceptBookingId?: string }): Promise<{ reason: LimitRefusal; detail: number } | null> {
  const { resource: r } = input;
  if (r.maxPerDay === null && r.maxPerWeek === null && r.maxMinutesPerDay === null) return null;
  const { dayStart, dayEnd, weekStart, weekEnd } = dayAndWeek(input.timeZone, input.start);
  const same = (from: number, to: number) =>
    and(
      eq(bookings.placeId, r.placeId),
      eq(bookings.personKey, input.key),
      ne(bookings.status, "cancelled"),
      gte(bookings.startsAt, new Date(from)),
      lt(bookings.startsAt, new Date(to)),
      sql`${bookings.resourceId} in (select id from resources where place_id = ${r.placeId} and kind = ${r.kind})`,
      input.exceptBookingId ? ne(bookings.id, input.exceptBookingId) : undefined,
    );
  const [day] = await db
    .select({ n: count(), minutes: sum(sql<number>`extract(epoch from ${bookings.endsAt} - ${bookings.startsAt}) / 60`) })
    .from(bookings)
    .where(same(dayStart, dayEnd));
  if (r.maxPerDay !== null && day!.n >= r.maxPerDay) return { reason: "limit-day", detail: r.maxPerDay };
  if (r.maxMinutesPerDay !== null && Number(day!.minutes ?? 0) + (input.end - input.start) / MINUTE > r.maxMinutesPerDay) return { reason: "limit-minutes", detail: r.maxMinutesPerDay };
  if (r.maxPerWeek !== null) {
    const [week] = await db.select({ n: count() }).from(bookings).where(same(weekStart, weekEnd));
    if (week!.n >= r.maxPerWeek) return { reason: "limit-week", detail: r.maxPerWeek };
  }
  return null;
}

/** The optional no-show rule: after N no-shows in 90 days, no online booking for 30 days after the last one. */
async function noShowBlock(db: Db, placeId: string, key: string, limit: number | null, now: number): Promise<number | null> {
  if (limit === null) return null;
  const rows = await db
    .select({ at: bookings.startsAt })
    .from(bookings)
    .where(and(eq(bookings.placeId, placeId), eq(bookings.personKey, key), eq(bookings.attendance, "absent"), gte(bookings.startsAt, new Date(now - 90 * DAY))))
    .orderBy(desc(bookings.startsAt))
    .limit(limit);
  if (rows.length < limit) return null;
  const until = rows[0]!.at.getTime() + 30 * DAY;
  return until > now ? until : null;
}

class Refused extends Error {
  constructor(readonly result: Extract<BookResult, { kind: "refused" }>) {
    super(result.reason);
  }
}

/** Where the next free starts after `from` are looked for (shown when a slot was taken): a week. */
function nextFreeWindow(from: number, now: number): { start: number; end: number } {
  return { start: Math.max(from, now), end: Math.max(from, now) + 7 * DAY };
}

/** The next free starts of a resource after `from` (shown when a slot was taken). */
async function nextFree(db: Db, place: BookingPlace, resource: Resource, from: number, now: number, limit = 5): Promise<Slot[]> {
  const window = nextFreeWindow(from, now);
  const input = (await availabilityInputs(db, place, [resource], window, { now })).get(resource.id)!;
  return freeSlots(input, window.start, window.end).slice(0, limit);
}

/** Book a resource. Nothing is written unless everything holds. */
export async function createBooking(db: Db, request: BookRequest, options: BookingOptions): Promise<BookResult> {
  const now = options.now ?? Date.now();
  const loaded = await loadForBooking(db, request.resourceId, request.idempotencyKey ?? null);
  if (!loaded || loaded.place.id !== request.placeId) return { kind: "refused", reason: "unknown-resource" };
  const { resource, place, settings } = loaded;
  const online = request.source === "online" || request.source === "api";
  if (online && !resource.publicOnline) return { kind: "refused", reason: "not-public" };
  const key = personKey(request.person);
  const override = request.override === true && !online;

  const manageToken = key ? manageTokenFor(request.idempotencyKey, options.secret) : null;
  const status = resource.needsConfirmation && online ? "pending" : "confirmed";
  /** The booking an earlier request with the same key made (a retry), checked first and again under the lock. */
  /** A retry: the booking the same idempotency key made, answered again (the same request only). */
  const answerRetry = (existing: EarlierBooking): Booked => {
    if (existing.start !== request.start || existing.personKey !== key || existing.resourceId !== request.resourceId) {
      throw new Refused({ kind: "refused", reason: "idempotency-mismatch" });
    }
    const same = manageToken !== null && hashToken(manageToken) === existing.manageTokenHash;
    return { id: existing.id, status: existing.status === "pending" ? "pending" : "confirmed", start: existing.start, end: existing.end, manageToken: same ? manageToken : null, replay: true };
  };
  /** Checked again under the person's lock: a twin request may have committed meanwhile. */
  const replayOf = async (tx: Db): Promise<Booked | null> => {
    if (!request.idempotencyKey) return null;
    const [existing] = await tx
      .select({ id: bookings.id, resourceId: bookings.resourceId, startsAt: bookings.startsAt, endsAt: bookings.endsAt, personKey: bookings.personKey, status: bookings.status, manageTokenHash: bookings.manageTokenHash })
      .from(bookings)
      .where(eq(bookings.idempotencyKey, request.idempotencyKey));
    return existing ? answerRetry({ ...existing, start: existing.startsAt.getTime(), end: existing.endsAt.getTime() }) : null;
  };
  if (loaded.earlier) {
    try {
      return { kind: "booked", booking: answerRetry(loaded.earlier) };
    } catch (error) {
      if (error instanceof Refused) return error.result;
      throw error;
    }
  }
  if (resource.requiresMembership && !override && request.source !== "walkin") {
    // « Réservé aux adhérents »: the person's phone or email must be a member's on the booking's day.
    const day = isoDate(toWallTime(place.timeZone, request.start));
    if (!(await isMemberByContact(db, { placeId: place.id, phone: request.person.phone, email: request.person.email, day }))) {
      return { kind: "refused", reason: "members-only", detail: place.phone ? formatPhone(place.phone) : "" };
    }
  }
  if (!override && request.source !== "walkin") {
    // Read as far as the next free starts a taken slot answers with: one read for both.
    const week = nextFreeWindow(request.start, now);
    const window = { start: Math.min(request.start, week.start), end: Math.max(request.end, week.end) };
    const input = (await availabilityInputs(db, place, [resource], window, { now })).get(resource.id)!;
    const check = checkBookable(input, request.start, request.end);
    if (!check.ok) {
      if (check.reason === "taken") return { kind: "taken", next: freeSlots(input, week.start, week.end).slice(0, 5) };
      return { kind: "refused", reason: check.reason };
    }
  }
  try {
    const booked = await db.transaction(async (tx): Promise<Booked> => {
      if (key) await lockPerson(tx, key);
      const replay = await replayOf(tx);
      if (replay) return replay;
      if (key && !override) {
        const limit = await checkLimits(tx, { resource, timeZone: place.timeZone, key, start: request.start, end: request.end });
        if (limit) throw new Refused({ kind: "refused", ...limit });
        if (online) {
          const until = await noShowBlock(tx, place.id, key, settings.noShowLimit, now);
          if (until !== null) throw new Refused({ kind: "refused", reason: "no-shows", detail: isoDate(toWallTime(place.timeZone, until)) });
        }
      }
      const [row] = await tx
        .insert(bookings)
        .values({
          resourceId: resource.id, placeId: place.id,
          startsAt: new Date(request.start), endsAt: new Date(request.end), blockedUntil: new Date(request.end + resource.bufferMinutes * MINUTE),
          status, source: request.source, personKey: key,
          firstName: request.person.firstName || null, phone: request.person.phone, email: request.person.email,
          note: request.person.note, reason: request.person.reason,
          createdBy: request.actorUserId ?? null, idempotencyKey: request.idempotencyKey ?? null,
          manageTokenHash: manageToken ? hashToken(manageToken) : null,
          createdAt: new Date(now), updatedAt: new Date(now),
        })
        .returning({ id: bookings.id });
      const id = row!.id;
      if (request.actorUserId) {
        await recordAudit(tx, { actorUserId: request.actorUserId, action: request.source === "walkin" ? "booking.walk-in" : "booking.create", entityType: "booking", entityId: id, placeId: place.id, after: { resource: resource.name, start: new Date(request.start).toISOString(), end: new Date(request.end).toISOString(), override } }, new Date(now));
      }
      if (key) {
        await scheduleReminder(tx, { bookingId: id, start: request.start, settings, now });
        await notifyBooking(tx, { bookingId: id, event: status === "pending" ? "pending" : "confirmed", manageToken, baseUrl: options.baseUrl, now });
      }
      return { id, status, start: request.start, end: request.end, manageToken, replay: false };
    });
    return { kind: "booked", booking: booked };
  } catch (error) {
    if (error instanceof Refused) return error.result;
    const code = pgErrorCode(error);
    if (code === EXCLUSION_VIOLATION) return { kind: "taken", next: await nextFree(db, place, resource, request.start, now) };
    if (code === UNIQUE_VIOLATION && request.idempotencyKey) return createBooking(db, request, options); // a concurrent twin committed first: answer as a retry
    throw error;
  }
}

/** The resource an idempotency key already booked, if any (a retry of a pooled offer goes back to it). */
export async function resourceBookedWithKey(db: Db, idempotencyKey: string): Promise<string | null> {
  const [row] = await db.select({ resourceId: bookings.resourceId }).from(bookings).where(eq(bookings.idempotencyKey, idempotencyKey));
  return row?.resourceId ?? null;
}

export type ManagedBooking = {
  id: string; status: "pending" | "confirmed" | "cancelled"; attendance: Attendance | null; startsAt: Date; endsAt: Date;
  firstName: string | null; phone: string | null; email: string | null; note: string | null; reason: string | null; cancelReason: string | null; erasedAt: Date | null;
  resource: Resource; place: BookingPlace; settings: Settings;
};

/** The booking behind a manage link (the token's hash), or null. */
export async function findBookingByToken(db: Db, token: string): Promise<ManagedBooking | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [row] = await db.select({ id: bookings.id }).from(bookings).where(eq(bookings.manageTokenHash, hashToken(token)));
  return row ? findBooking(db, row.id) : null;
}

export async function findBooking(db: Db, id: string): Promise<ManagedBooking | null> {
  const [row] = await db
    .select({
      id: bookings.id, status: bookings.status, attendance: bookings.attendance, startsAt: bookings.startsAt, endsAt: bookings.endsAt,
      firstName: bookings.firstName, phone: bookings.phone, email: bookings.email, note: bookings.note, reason: bookings.reason, cancelReason: bookings.cancelReason, erasedAt: bookings.erasedAt,
      resourceId: bookings.resourceId,
    })
    .from(bookings)
    .where(eq(bookings.id, id));
  if (!row) return null;
  const loaded = await loadResource(db, row.resourceId, { includeInactive: true });
  if (!loaded) return null;
  const { resourceId: _, ...rest } = row;
  return { ...rest, resource: loaded.resource, place: loaded.place, settings: loaded.settings };
}

/** Until when the person may cancel or move online. */
export function changeDeadline(b: Pick<ManagedBooking, "startsAt" | "settings">): number {
  return b.startsAt.getTime() - b.settings.cancelDeadlineHours * 3_600_000;
}

export type CancelResult = "cancelled" | "already" | "too-late" | "not-found";

/**
 * Cancel a booking: by the person (through the manage link, until the deadline), by the staff of
 * its place, or by a closure. The reminder is withdrawn; the person is told unless they cancelled.
 */
export async function cancelBooking(
  db: Db,
  input: { bookingId: string; by: "person" | "staff" | "closure"; placeId?: string; reason?: string | null; actorUserId?: string | null; now?: number; baseUrl: string },
): Promise<CancelResult> {
  const now = input.now ?? Date.now();
  return db.transaction(async (tx) => {
    const [b] = await tx
      .select({ id: bookings.id, status: bookings.status, placeId: bookings.placeId, startsAt: bookings.startsAt })
      .from(bookings)
      .where(and(eq(bookings.id, input.bookingId), input.placeId ? eq(bookings.placeId, input.placeId) : undefined))
      .for("update");
    if (!b) return "not-found";
    if (b.status === "cancelled") return "already";
    if (input.by === "person") {
      const settings = await settingsOf(tx, b.placeId);
      if (now > b.startsAt.getTime() - settings.cancelDeadlineHours * 3_600_000) return "too-late";
    }
    await tx
      .update(bookings)
      .set({ status: "cancelled", cancelledAt: new Date(now), cancelledBy: input.by, cancelReason: input.reason?.slice(0, 500) || null, updatedAt: new Date(now) })
      .where(eq(bookings.id, b.id));
    await cancelJob(tx, reminderJobKey(b.id));
    if (input.by !== "person") await notifyBooking(tx, { bookingId: b.id, event: "cancelled", manageToken: null, baseUrl: input.baseUrl, now, reason: input.reason ?? null });
    if (input.actorUserId) await recordAudit(tx, { actorUserId: input.actorUserId, action: "booking.cancel", entityType: "booking", entityId: b.id, placeId: b.placeId, after: { by: input.by, reason: input.reason ?? null } }, new Date(now));
    return "cancelled";
  });
}

export type MoveResult = { kind: "moved" } | { kind: "taken"; next: Slot[] } | { kind: "refused"; reason: BookRefusal | "too-late" | "cancelled"; detail?: number | string };

/**
 * Move a booking to another time of the same resource. One UPDATE: the new range is held by the
 * exclusion constraint before the old one is freed, and if it is taken nothing changes.
 */
export async function moveBooking(
  db: Db,
  input: { bookingId: string; start: number; end: number; by: "person" | "staff"; placeId?: string; actorUserId?: string | null; now?: number; baseUrl: string },
): Promise<MoveResult> {
  const now = input.now ?? Date.now();
  const current = await findBooking(db, input.bookingId);
  if (!current || (input.placeId && current.place.id !== input.placeId)) return { kind: "refused", reason: "unknown-resource" };
  if (current.status === "cancelled") return { kind: "refused", reason: "cancelled" };
  if (input.by === "person" && now > changeDeadline(current)) return { kind: "refused", reason: "too-late" };
  // findBooking read the resource, its place and settings already; an inactive resource takes no move.
  const { resource, place, settings } = current;
  if (!resource.active) return { kind: "refused", reason: "unknown-resource" };
  const inputs = await availabilityInputs(db, place, [resource], { start: input.start, end: input.end }, { now, exceptBookingId: current.id });
  const check = checkBookable(inputs.get(resource.id)!, input.start, input.end);
  if (!check.ok) {
    if (check.reason === "taken") return { kind: "taken", next: await nextFree(db, place, resource, input.start, now) };
    return { kind: "refused", reason: check.reason };
  }
  try {
    await db.transaction(async (tx) => {
      const [b] = await tx.select({ personKey: bookings.personKey, status: bookings.status }).from(bookings).where(eq(bookings.id, current.id)).for("update");
      if (!b || b.status === "cancelled") throw new Refused({ kind: "refused", reason: "unknown-resource" });
      if (b.personKey) {
        await lockPerson(tx, b.personKey);
        const limit = await checkLimits(tx, { resource, timeZone: place.timeZone, key: b.personKey, start: input.start, end: input.end, exceptBookingId: current.id });
        if (limit) throw new Refused({ kind: "refused", ...limit });
      }
      await tx
        .update(bookings)
        .set({ startsAt: new Date(input.start), endsAt: new Date(input.end), blockedUntil: new Date(input.end + resource.bufferMinutes * MINUTE), updatedAt: new Date(now), attendance: null })
        .where(eq(bookings.id, current.id));
      if (b.personKey) {
        await scheduleReminder(tx, { bookingId: current.id, start: input.start, settings, now });
        await notifyBooking(tx, { bookingId: current.id, event: "moved", manageToken: null, baseUrl: input.baseUrl, now });
      }
      if (input.actorUserId) await recordAudit(tx, { actorUserId: input.actorUserId, action: "booking.move", entityType: "booking", entityId: current.id, placeId: place.id, before: { start: current.startsAt.toISOString() }, after: { start: new Date(input.start).toISOString() } }, new Date(now));
    });
    return { kind: "moved" };
  } catch (error) {
    if (error instanceof Refused) return error.result as MoveResult;
    if (pgErrorCode(error) === EXCLUSION_VIOLATION) return { kind: "taken", next: await nextFree(db, place, resource, input.start, now) };
    throw error;
  }
}

/** Present, absent (no-show) or excused; null clears it. Staff of the booking's place only (placeId in the where). */
export async function setAttendance(db: Db, input: { bookingId: string; placeId: string; attendance: Attendance | null; actorUserId: string; now?: number }): Promise<boolean> {
  const now = new Date(input.now ?? Date.now());
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(bookings)
      .set({ attendance: input.attendance, updatedAt: now })
      .where(and(eq(bookings.id, input.bookingId), eq(bookings.placeId, input.placeId), ne(bookings.status, "cancelled")))
      .returning({ id: bookings.id });
    if (rows.length === 0) return false;
    await recordAudit(tx, { actorUserId: input.actorUserId, action: "booking.attendance", entityType: "booking", entityId: input.bookingId, placeId: input.placeId, after: { attendance: input.attendance } }, now);
    return true;
  });
}

/** Confirm a booking that waited for the staff's confirmation; the person is told. */
export async function confirmBooking(db: Db, input: { bookingId: string; placeId: string; actorUserId: string; now?: number; baseUrl: string }): Promise<boolean> {
  const now = input.now ?? Date.now();
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(bookings)
      .set({ status: "confirmed", updatedAt: new Date(now) })
      .where(and(eq(bookings.id, input.bookingId), eq(bookings.placeId, input.placeId), eq(bookings.status, "pending")))
      .returning({ id: bookings.id });
    if (rows.length === 0) return false;
    await notifyBooking(tx, { bookingId: input.bookingId, event: "accepted", manageToken: null, baseUrl: input.baseUrl, now });
    await recordAudit(tx, { actorUserId: input.actorUserId, action: "booking.confirm", entityType: "booking", entityId: input.bookingId, placeId: input.placeId }, new Date(now));
    return true;
  });
}

/**
 * Close the place (resource null) or one of its resources for whole days: the active bookings hit
 * are cancelled and their holders told. Returns the closure and the bookings hit.
 */
export async function addClosure(
  db: Db,
  input: { placeId: string; resourceId: string | null; startsOn: string; endsOn: string; reason: string; actorUserId: string; now?: number; baseUrl: string },
): Promise<{ id: string; hit: { id: string; startsAt: Date; resourceName: string; firstName: string | null }[] } | null> {
  const now = input.now ?? Date.now();
  return db.transaction(async (tx) => {
    const [place] = await tx.select({ timeZone: places.timeZone }).from(places).where(eq(places.id, input.placeId));
    if (!place) return null;
    if (input.resourceId) {
      const [own] = await tx.select({ id: resources.id }).from(resources).where(and(eq(resources.id, input.resourceId), eq(resources.placeId, input.placeId)));
      if (!own) return null;
    }
    const [row] = await tx.insert(closures).values({ placeId: input.placeId, resourceId: input.resourceId, startsOn: input.startsOn, endsOn: input.endsOn, reason: input.reason }).returning({ id: closures.id });
    const from = startOfDay(place.timeZone, input.startsOn);
    const to = startOfDay(place.timeZone, addDays(input.endsOn, 1));
    const hit = await tx
      .select({ id: bookings.id, startsAt: bookings.startsAt, resourceName: resources.name, firstName: bookings.firstName })
      .from(bookings)
      .innerJoin(resources, eq(resources.id, bookings.resourceId))
      .where(
        and(
          eq(bookings.placeId, input.placeId),
          ne(bookings.status, "cancelled"),
          input.resourceId ? eq(bookings.resourceId, input.resourceId) : undefined,
          sql`${bookings.during} && tstzrange(${new Date(from).toISOString()}::timestamptz, ${new Date(to).toISOString()}::timestamptz)`,
          gte(bookings.startsAt, new Date(now)),
        ),
      )
      .orderBy(bookings.startsAt);
    for (const b of hit) {
      await tx.update(bookings).set({ status: "cancelled", cancelledAt: new Date(now), cancelledBy: "closure", cancelReason: input.reason || null, updatedAt: new Date(now) }).where(eq(bookings.id, b.id));
      await cancelJob(tx, reminderJobKey(b.id));
      await notifyBooking(tx, { bookingId: b.id, event: "cancelled", manageToken: null, baseUrl: input.baseUrl, now, reason: input.reason || null });
    }
    await recordAudit(tx, { actorUserId: input.actorUserId, action: "closure.create", entityType: "closure", entityId: row!.id, placeId: input.placeId, after: { resourceId: input.resourceId, startsOn: input.startsOn, endsOn: input.endsOn, reason: input.reason, cancelled: hit.length } }, new Date(now));
    return { id: row!.id, hit };
  });
}
