/**
 * Seats of workshop sessions: register, the waiting list, promotion, offers, cancellations, and
 * the staff's changes to a session (cancel, move) — everything that changes who holds a seat.
 *
 * The rules (docs/decisions/014-workshops.md):
 * - Every change takes the row locks of the sessions it touches first (a per-session registration:
 *   its session; a cycle: every scheduled session of the series, in start order), so registering,
 *   cancelling and promoting wait for each other. `seats_taken` counts registered and offered
 *   seats; a CHECK keeps it at or under the capacity whatever happens.
 * - A newcomer gets a seat only when one is free and nobody waits; otherwise they wait, served in
 *   `queue_no` (arrival) order.
 * - When a seat frees (a cancellation, an offer that lapses, a larger capacity), `promoteWaiting`
 *   gives it at once, in the same transaction, to the first waiting person: registered and told
 *   (promotion = auto), or offered for `offer_hours` (promotion = offer; the `workshop.offer-lapse`
 *   job passes it on when the delay ends). A freed seat is never left while someone waits.
 * - A cycle is all-or-nothing: one registration holds a seat in every session, or waits.
 */
import crypto from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { type Db, queryRows } from "~/db/client.server";
import { pgErrorCode, UNIQUE_VIOLATION } from "~/db/errors";
import { workshopAttendance, workshopRegistrations, workshopSessions } from "~/db/schema";
import { hashToken } from "~/features/accounts/tokens.server";
import { recordAudit } from "~/features/audit/record.server";
import { cancelJob, scheduleJob, type JobHandler } from "~/features/jobs/queue.server";
import { isMemberByContact } from "~/features/memberships/memberships.server";
import { personKey, type Person } from "~/features/scheduling/booking-form";
import { settingsOf } from "~/features/scheduling/resources.server";
import { isoDate } from "~/features/time/calendar";
import { toWallTime } from "~/features/time/zone";
import { manageTokenOf, notifyRegistration, type RegistrationEvent } from "./notify.server";

export { manageTokenOf };

const HOUR = 3_600_000;
export const WORKSHOP_REMIND = "workshop.remind";
export const WORKSHOP_OFFER_LAPSE = "workshop.offer-lapse";
const remindKey = (registrationId: string) => `${WORKSHOP_REMIND}:${registrationId}`;
const lapseKey = (registrationId: string) => `${WORKSHOP_OFFER_LAPSE}:${registrationId}`;

/** What links are made with: the server's secret (manage tokens) and its public address. */
export type SeatOptions = { now?: number; secret: string; baseUrl: string };

/** Which seats a registration holds: one session's, or every session of a cycle (sessionId null). */
type Target = { workshopId: string; sessionId: string | null };
type LockedSession = { id: string; capacity: number | null; seatsTaken: number; startsAt: number; status: string };

/**
 * Lock the sessions of a target and read their seats: one session, or every scheduled session of a
 * cycle. Always in (starts_at, id) order — the one order every lock on a series' sessions follows
 * (`lockSeriesSessions` too), so two changes of one series never wait for each other in a circle.
 */
async function lockSessions(tx: Db, target: Target): Promise<LockedSession[]> {
  const where = target.sessionId
    ? sql`id = ${target.sessionId}`
    : sql`workshop_id = ${target.workshopId} and status = 'scheduled'`;
  const rows = await queryRows(tx, sql`select id, capacity, seats_taken, starts_at, status from workshop_sessions where ${where} order by starts_at, id for update`);
  return rows.map((r) => ({
    id: String(r.id), capacity: r.capacity === null ? null : Number(r.capacity), seatsTaken: Number(r.seats_taken),
    startsAt: new Date(r.starts_at as string).getTime(), status: String(r.status),
  }));
}

/** Lock every scheduled session of a series in the one order (for the series' commands: edit all, edit one). */
export async function lockSeriesSessions(tx: Db, workshopId: string): Promise<void> {
  await lockSessions(tx, { workshopId, sessionId: null });
}

const hasRoom = (sessions: readonly LockedSession[]) => sessions.length > 0 && sessions.every((s) => s.capacity === null || s.seatsTaken < s.capacity);

async function moveSeats(tx: Db, sessions: readonly LockedSession[], delta: 1 | -1): Promise<void> {
  if (sessions.length === 0) return;
  await tx.execute(sql`update workshop_sessions set seats_taken = seats_taken + ${delta}, updated_at = now()
    where id in (${sql.join(sessions.map((s) => sql`${s.id}::uuid`), sql`, `)})`);
  for (const s of sessions) s.seatsTaken += delta;
}

const targetWhere = (target: Target) =>
  target.sessionId
    ? sql`session_id = ${target.sessionId}`
    : sql`workshop_id = ${target.workshopId} and session_id is null`;

/** The series and session a registration request is about, and whether it is open. */
type Loaded = {
  workshopId: string; placeId: string; registration: "none" | "session" | "cycle"; promotion: "auto" | "offer"; offerHours: number;
  sessionId: string; status: string; startsAt: number; firstStart: number | null; published: boolean;
  requiresMembership: boolean; timeZone: string; placePhone: string | null;
};

async function loadSession(db: Db, sessionId: string): Promise<Loaded | null> {
  if (!z.uuid().safeParse(sessionId).success) return null;
  const [row] = await queryRows(db, sql`
    select w.id as workshop_id, w.place_id, w.registration, w.promotion, w.offer_hours, s.id as session_id, s.status, s.starts_at,
           w.requires_membership, p.time_zone, p.phone as place_phone,
           (w.published and w.cancelled_at is null and p.status = 'published') as published,
           (select min(starts_at) from workshop_sessions x where x.workshop_id = w.id and x.status = 'scheduled') as first_start
    from workshop_sessions s join workshops w on w.id = s.workshop_id join places p on p.id = w.place_id
    where s.id = ${sessionId}`);
  if (!row) return null;
  return {
    workshopId: String(row.workshop_id), placeId: String(row.place_id), registration: row.registration as Loaded["registration"],
    promotion: row.promotion as Loaded["promotion"], offerHours: Number(row.offer_hours), sessionId: String(row.session_id), status: String(row.status),
    startsAt: new Date(row.starts_at as string).getTime(), firstStart: row.first_start ? new Date(row.first_start as string).getTime() : null,
    published: row.published === true,
    requiresMembership: row.requires_membership === true, timeZone: String(row.time_zone), placePhone: row.place_phone === null ? null : String(row.place_phone),
  };
}

export type RegisterRequest = {
  sessionId: string;
  /** The place the request comes from (the desk): a session of another place is unknown. */
  placeId?: string;
  person: Pick<Person, "firstName" | "phone" | "email">;
  source: "online" | "desk" | "api";
  actorUserId?: string | null;
  idempotencyKey?: string | null;
};
export type RegisterRefusal = "unknown" | "no-registration" | "cancelled" | "started" | "members-only" | "already" | "idempotency-mismatch";
export type Registered = { id: string; status: "registered" | "waiting"; position: number | null; manageToken: string; replay: boolean };
export type RegisterResult = { kind: "done"; registration: Registered } | { kind: "refused"; reason: RegisterRefusal; /** members-only: the place's phone (E.164), if it has one. */ placePhone?: string | null };

class Refused extends Error {
  constructor(readonly reason: RegisterRefusal) {
    super(reason);
  }
}

/** The waiting person's place in the queue (1 = next served). */
async function positionOf(tx: Db, target: Target, queueNo: number): Promise<number> {
  const [row] = await queryRows(tx, sql`select count(*) as n from workshop_registrations where ${targetWhere(target)} and status = 'waiting' and queue_no <= ${queueNo}`);
  return Number(row!.n);
}

/**
 * Register a person for a session (or, for a cycle, for every session of the series): a seat when
 * one is free and nobody waits, else the waiting list. Anyone may register on their own; staff at
 * the desk may leave the contact out (no message is then sent).
 */
export async function registerForSession(db: Db, request: RegisterRequest, options: SeatOptions): Promise<RegisterResult> {
  const now = options.now ?? Date.now();
  const loaded = await loadSession(db, request.sessionId);
  if (!loaded || (request.placeId !== undefined && loaded.placeId !== request.placeId)) return { kind: "refused", reason: "unknown" };
  // The public registers for published series only; the place's own staff also for unpublished ones.
  if (!loaded.published && !(request.source === "desk" && request.placeId !== undefined)) return { kind: "refused", reason: "unknown" };
  if (loaded.registration === "none") return { kind: "refused", reason: "no-registration" };
  if (loaded.status !== "scheduled") return { kind: "refused", reason: "cancelled" };
  const cycle = loaded.registration === "cycle";
  const opensUntil = cycle ? (loaded.firstStart ?? 0) : loaded.startsAt;
  if (opensUntil <= now) return { kind: "refused", reason: "started" };
  if (loaded.requiresMembership) {
    // « Réservé aux adhérents »: online and at the desk, the person's phone or email must be a member's on the (first) session's day.
    const day = isoDate(toWallTime(loaded.timeZone, opensUntil));
    if (!(await isMemberByContact(db, { placeId: loaded.placeId, phone: request.person.phone, email: request.person.email, day }))) {
      return { kind: "refused", reason: "members-only", placePhone: loaded.placePhone };
    }
  }
  const target: Target = { workshopId: loaded.workshopId, sessionId: cycle ? null : loaded.sessionId };
  const key = personKey({ phone: request.person.phone, email: request.person.email });

  const replay = async (tx: Db): Promise<Registered | null> => {
    if (!request.idempotencyKey) return null;
    const [earlier] = await tx
      .select({ id: workshopRegistrations.id, status: workshopRegistrations.status, sessionId: workshopRegistrations.sessionId, workshopId: workshopRegistrations.workshopId, personKey: workshopRegistrations.personKey, queueNo: workshopRegistrations.queueNo })
      .from(workshopRegistrations)
      .where(eq(workshopRegistrations.idempotencyKey, request.idempotencyKey));
    if (!earlier) return null;
    if (earlier.workshopId !== target.workshopId || earlier.sessionId !== target.sessionId || earlier.personKey !== key) throw new Refused("idempotency-mismatch");
    const status = earlier.status === "waiting" ? "waiting" : "registered";
    return { id: earlier.id, status, position: status === "waiting" ? await positionOf(tx, target, earlier.queueNo) : null, manageToken: manageTokenOf(options.secret, earlier.id), replay: true };
  };

  try {
    return {
      kind: "done",
      registration: await db.transaction(async (tx): Promise<Registered> => {
        const sessions = await lockSessions(tx, target);
        const again = await replay(tx);
        if (again) return again;
        // Checked again under the lock: the session may have been cancelled or moved meanwhile.
        if (sessions.length === 0 || sessions.some((x) => x.status !== "scheduled")) throw new Refused("cancelled");
        if (Math.min(...sessions.map((x) => x.startsAt)) <= now) throw new Refused("started");
        const [waitingAhead] = await queryRows(tx, sql`select 1 from workshop_registrations where ${targetWhere(target)} and status = 'waiting' limit 1`);
        const seat = hasRoom(sessions) && !waitingAhead;
        const id = crypto.randomUUID();
        const manageToken = manageTokenOf(options.secret, id);
        const [row] = await tx
          .insert(workshopRegistrations)
          .values({
            id, workshopId: target.workshopId, sessionId: target.sessionId, placeId: loaded.placeId, status: seat ? "registered" : "waiting",
            source: request.source, personKey: key, firstName: request.person.firstName || null, phone: request.person.phone, email: request.person.email,
            createdBy: request.actorUserId ?? null, idempotencyKey: request.idempotencyKey ?? null, manageTokenHash: hashToken(manageToken),
            createdAt: new Date(now), updatedAt: new Date(now),
          })
          .returning({ queueNo: workshopRegistrations.queueNo });
        if (seat) await moveSeats(tx, sessions, 1);
        const position = seat ? null : await positionOf(tx, target, row!.queueNo);
        if (request.actorUserId) {
          await recordAudit(tx, { actorUserId: request.actorUserId, action: "workshop.register", entityType: "workshop_registration", entityId: id, placeId: loaded.placeId, after: { session: loaded.sessionId, cycle, status: seat ? "registered" : "waiting" } }, new Date(now));
        }
        if (seat) await scheduleRegistrationReminder(tx, { registrationId: id, placeId: loaded.placeId, now });
        await notifyRegistration(tx, { registrationId: id, event: seat ? "registered" : "waiting", position, now, secret: options.secret, baseUrl: options.baseUrl });
        if (!seat) await promoteWaiting(tx, { target, sessions, now, options: { secret: options.secret, baseUrl: options.baseUrl } }); // a seat free while people wait cannot stay so
        return { id, status: seat ? "registered" : "waiting", position, manageToken, replay: false };
      }),
    };
  } catch (error) {
    if (error instanceof Refused) return { kind: "refused", reason: error.reason };
    if (pgErrorCode(error) === UNIQUE_VIOLATION) {
      if (request.idempotencyKey) {
        const again = await db.transaction(async (tx) => replay(tx)).catch((e) => (e instanceof Refused ? e : Promise.reject(e)));
        if (again instanceof Refused) return { kind: "refused", reason: again.reason };
        if (again) return { kind: "done", registration: again };
      }
      return { kind: "refused", reason: "already" };
    }
    throw error;
  }
}

/**
 * Give the free seats of a target to the waiting people, first come first served: registered at
 * once (auto) or offered for the series' delay (offer). Called inside the transaction holding the
 * target's session locks, after anything that freed a seat. Nobody is promoted into a session
 * that has started (for a cycle: once its last session has started).
 */
export async function promoteWaiting(
  tx: Db,
  input: { target: Target; sessions?: LockedSession[]; now: number; options: Omit<SeatOptions, "now"> },
): Promise<string[]> {
  const sessions = input.sessions ?? (await lockSessions(tx, input.target));
  const promoted: string[] = [];
  const future = sessions.filter((s) => s.startsAt > input.now);
  if (future.length === 0) return promoted;
  const [series] = await queryRows(tx, sql`select promotion, offer_hours, place_id from workshops where id = ${input.target.workshopId}`);
  if (!series) return promoted;
  while (hasRoom(sessions)) {
    const [next] = await queryRows(tx, sql`select id from workshop_registrations where ${targetWhere(input.target)} and status = 'waiting' order by queue_no limit 1`);
    if (!next) break;
    const id = String(next.id);
    const firstFuture = Math.min(...future.map((s) => s.startsAt));
    const until = Math.min(input.now + Number(series.offer_hours) * HOUR, firstFuture);
    // An offer needs time to be answered: within the last hour before the start, the seat is given outright.
    const offer = series.promotion === "offer" && until - input.now >= HOUR;
    await tx
      .update(workshopRegistrations)
      .set({ status: offer ? "offered" : "registered", offeredUntil: offer ? new Date(until) : null, updatedAt: new Date(input.now) })
      .where(eq(workshopRegistrations.id, id));
    await moveSeats(tx, sessions, 1);
    if (offer) {
      await scheduleJob(tx, { kind: WORKSHOP_OFFER_LAPSE, key: lapseKey(id), runAt: new Date(until), payload: { registrationId: id } });
    } else {
      await scheduleRegistrationReminder(tx, { registrationId: id, placeId: String(series.place_id), now: input.now });
    }
    await notifyRegistration(tx, { registrationId: id, event: offer ? "offered" : "promoted", offeredUntil: offer ? until : undefined, now: input.now, secret: input.options.secret, baseUrl: input.options.baseUrl });
    promoted.push(id);
  }
  return promoted;
}

/** A registration as the manage link and the desk see it. */
export type RegistrationView = {
  id: string; workshopId: string; sessionId: string | null; placeId: string; status: "registered" | "waiting" | "offered" | "cancelled";
  offeredUntil: number | null; firstName: string | null; phone: string | null; email: string | null; queueNo: number; erased: boolean;
};

const registrationColumns = {
  id: workshopRegistrations.id, workshopId: workshopRegistrations.workshopId, sessionId: workshopRegistrations.sessionId, placeId: workshopRegistrations.placeId,
  status: workshopRegistrations.status, offeredUntil: workshopRegistrations.offeredUntil, firstName: workshopRegistrations.firstName,
  phone: workshopRegistrations.phone, email: workshopRegistrations.email, queueNo: workshopRegistrations.queueNo, erasedAt: workshopRegistrations.erasedAt,
};

function toView(row: { offeredUntil: Date | null; erasedAt: Date | null } & Omit<RegistrationView, "offeredUntil" | "erased">): RegistrationView {
  const { erasedAt, offeredUntil, ...rest } = row;
  return { ...rest, offeredUntil: offeredUntil?.getTime() ?? null, erased: erasedAt !== null };
}

export async function findRegistrationByToken(db: Db, token: string): Promise<RegistrationView | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [row] = await db.select(registrationColumns).from(workshopRegistrations).where(eq(workshopRegistrations.manageTokenHash, hashToken(token)));
  return row ? toView(row) : null;
}

/** Lock a registration's sessions, then the registration itself, and read it again. */
async function lockRegistration(tx: Db, registrationId: string, placeId?: string): Promise<{ view: RegistrationView; sessions: LockedSession[]; target: Target } | null> {
  const [first] = await tx.select({ workshopId: workshopRegistrations.workshopId, sessionId: workshopRegistrations.sessionId, placeId: workshopRegistrations.placeId }).from(workshopRegistrations).where(eq(workshopRegistrations.id, registrationId));
  if (!first || (placeId && first.placeId !== placeId)) return null;
  const target: Target = { workshopId: first.workshopId, sessionId: first.sessionId };
  const sessions = await lockSessions(tx, target);
  const [row] = await tx.select(registrationColumns).from(workshopRegistrations).where(eq(workshopRegistrations.id, registrationId)).for("update");
  return row ? { view: toView(row), sessions, target } : null;
}

export type CancelRegistrationResult = "cancelled" | "already" | "not-found" | "past";

/**
 * Cancel a registration (the person with their link, or the staff), free its seat and give it to
 * the next waiting person. A person cannot cancel once their session (a cycle: its last) has started.
 */
export async function cancelRegistration(
  db: Db,
  input: { registrationId: string; by: "person" | "staff"; placeId?: string; actorUserId?: string | null; reason?: string | null } & SeatOptions,
): Promise<CancelRegistrationResult> {
  const now = input.now ?? Date.now();
  return db.transaction(async (tx) => {
    const locked = await lockRegistration(tx, input.registrationId, input.placeId);
    if (!locked) return "not-found";
    const { view, sessions, target } = locked;
    if (view.status === "cancelled") return "already";
    if (input.by === "person" && !sessions.some((s) => s.startsAt > now)) return "past";
    const heldSeat = view.status === "registered" || view.status === "offered";
    await tx
      .update(workshopRegistrations)
      .set({ status: "cancelled", offeredUntil: null, cancelledAt: new Date(now), cancelledBy: input.by, cancelReason: input.reason?.slice(0, 300) || null, updatedAt: new Date(now) })
      .where(eq(workshopRegistrations.id, view.id));
    await cancelJob(tx, remindKey(view.id));
    await cancelJob(tx, lapseKey(view.id));
    if (input.by === "staff") {
      await recordAudit(tx, { actorUserId: input.actorUserId ?? null, action: "workshop.registration.cancel", entityType: "workshop_registration", entityId: view.id, placeId: view.placeId, before: { status: view.status } }, new Date(now));
      await notifyRegistration(tx, { registrationId: view.id, event: "cancelled-by-staff", reason: input.reason ?? null, now, secret: input.secret, baseUrl: input.baseUrl });
    }
    if (heldSeat) {
      await moveSeats(tx, sessions, -1);
      await promoteWaiting(tx, { target, sessions, now, options: { secret: input.secret, baseUrl: input.baseUrl } });
    }
    return "cancelled";
  });
}

export type AcceptOfferResult = "accepted" | "lapsed" | "not-offered" | "not-found";

/** The waiting person accepts the seat offered to them, before the delay ends. */
export async function acceptOffer(db: Db, input: { registrationId: string } & SeatOptions): Promise<AcceptOfferResult> {
  const now = input.now ?? Date.now();
  return db.transaction(async (tx) => {
    const locked = await lockRegistration(tx, input.registrationId);
    if (!locked) return "not-found";
    const { view } = locked;
    if (view.status !== "offered") return "not-offered";
    if ((view.offeredUntil ?? 0) <= now) return "lapsed";
    await tx.update(workshopRegistrations).set({ status: "registered", offeredUntil: null, updatedAt: new Date(now) }).where(eq(workshopRegistrations.id, view.id));
    await cancelJob(tx, lapseKey(view.id));
    await scheduleRegistrationReminder(tx, { registrationId: view.id, placeId: view.placeId, now });
    await notifyRegistration(tx, { registrationId: view.id, event: "accepted", now, secret: input.secret, baseUrl: input.baseUrl });
    return "accepted";
  });
}

/** An offer whose delay has ended: the seat goes to the next waiting person. Nothing when it was accepted or cancelled meanwhile. */
export async function lapseOffer(db: Db, input: { registrationId: string } & SeatOptions): Promise<boolean> {
  const now = input.now ?? Date.now();
  return db.transaction(async (tx) => {
    const locked = await lockRegistration(tx, input.registrationId);
    if (!locked) return false;
    const { view, sessions, target } = locked;
    if (view.status !== "offered" || (view.offeredUntil ?? Infinity) > now) return false;
    await tx
      .update(workshopRegistrations)
      .set({ status: "cancelled", offeredUntil: null, cancelledAt: new Date(now), cancelledBy: "lapsed", updatedAt: new Date(now) })
      .where(eq(workshopRegistrations.id, view.id));
    await moveSeats(tx, sessions, -1);
    await notifyRegistration(tx, { registrationId: view.id, event: "lapsed", now, secret: input.secret, baseUrl: input.baseUrl });
    await promoteWaiting(tx, { target, sessions, now, options: { secret: input.secret, baseUrl: input.baseUrl } });
    return true;
  });
}

/**
 * Schedule (or move) the reminder of a registration: before its session, or a cycle's next
 * session; none when the place sends none, or when it would be past.
 */
export async function scheduleRegistrationReminder(tx: Db, input: { registrationId: string; placeId: string; now: number }): Promise<void> {
  const { reminderHours } = await settingsOf(tx, input.placeId);
  if (reminderHours === null) return void (await cancelJob(tx, remindKey(input.registrationId)));
  const [next] = await queryRows(tx, sql`
    select s.id, s.starts_at from workshop_registrations r
    join workshop_sessions s on (r.session_id = s.id) or (r.session_id is null and s.workshop_id = r.workshop_id)
    where r.id = ${input.registrationId} and s.status = 'scheduled' and s.starts_at > ${new Date(input.now + reminderHours * HOUR).toISOString()}::timestamptz
    order by s.starts_at limit 1`);
  if (!next) return void (await cancelJob(tx, remindKey(input.registrationId)));
  const at = new Date(new Date(next.starts_at as string).getTime() - reminderHours * HOUR);
  await scheduleJob(tx, { kind: WORKSHOP_REMIND, key: remindKey(input.registrationId), runAt: at, payload: { registrationId: input.registrationId, sessionId: String(next.id) } });
}

const RemindPayload = z.object({ registrationId: z.uuid(), sessionId: z.uuid() });
const LapsePayload = z.object({ registrationId: z.uuid() });

/** `workshop.remind`: tell the person about their next session, unless cancelled, erased or started; then schedule the cycle's next. */
export function workshopRemindHandler(options: Omit<SeatOptions, "now">): JobHandler {
  return {
    run: async (db, payload) => {
      const { registrationId, sessionId } = RemindPayload.parse(payload);
      const now = Date.now();
      const [row] = await queryRows(db, sql`
        select r.status, r.place_id, s.status as session_status, s.starts_at from workshop_registrations r, workshop_sessions s
        where r.id = ${registrationId} and s.id = ${sessionId}`);
      if (!row || row.status !== "registered") return;
      if (row.session_status === "scheduled" && new Date(row.starts_at as string).getTime() > now) {
        await notifyRegistration(db, { registrationId, event: "reminder", sessionId, now, secret: options.secret, baseUrl: options.baseUrl });
      }
      await scheduleRegistrationReminder(db, { registrationId, placeId: String(row.place_id), now });
    },
  };
}

/** `workshop.offer-lapse`: at the end of an offer's delay, pass the seat on. */
export function offerLapseHandler(options: Omit<SeatOptions, "now">): JobHandler {
  return {
    run: async (db, payload) => {
      const { registrationId } = LapsePayload.parse(payload);
      await lapseOffer(db, { registrationId, ...options });
    },
  };
}

export type SessionChangeResult = { ok: true; told: number } | { ok: false; reason: "not-found" | "already-cancelled" | "cancelled" | "past" | "bad-time" };

/** The registrations concerned by a session: its own, or its cycle's; active ones only. */
async function activeRegistrationsOf(tx: Db, session: { id: string; workshopId: string }): Promise<{ id: string; status: string; sessionId: string | null }[]> {
  const rows = await queryRows(tx, sql`
    select id, status, session_id from workshop_registrations
    where status <> 'cancelled' and (session_id = ${session.id} or (session_id is null and workshop_id = ${session.workshopId}))
    order by queue_no`);
  return rows.map((r) => ({ id: String(r.id), status: String(r.status), sessionId: r.session_id === null ? null : String(r.session_id) }));
}

/** The series of a session of the place when it is a cycle (its sessions are then locked together), else null. */
async function cycleSeriesOf(tx: Db, input: { sessionId: string; placeId: string }): Promise<string | null> {
  if (!z.uuid().safeParse(input.sessionId).success) return null;
  const [row] = await queryRows(tx, sql`
    select w.id from workshop_sessions s join workshops w on w.id = s.workshop_id
    where s.id = ${input.sessionId} and s.place_id = ${input.placeId} and w.registration = 'cycle'`);
  return row ? String(row.id) : null;
}

async function lockStaffSession(tx: Db, input: { sessionId: string; placeId: string }) {
  if (!z.uuid().safeParse(input.sessionId).success) return null;
  const [row] = await tx
    .select({ id: workshopSessions.id, workshopId: workshopSessions.workshopId, status: workshopSessions.status, startsAt: workshopSessions.startsAt, endsAt: workshopSessions.endsAt })
    .from(workshopSessions)
    .where(and(eq(workshopSessions.id, input.sessionId), eq(workshopSessions.placeId, input.placeId)))
    .for("update");
  return row ?? null;
}

/**
 * Cancel a session (staff): its registrations end (a cycle's stay, for its other sessions) and
 * every registered, offered or waiting person is told, with the reason.
 */
export async function cancelSession(
  db: Db,
  input: { sessionId: string; placeId: string; reason: string | null; by: string } & SeatOptions,
): Promise<SessionChangeResult> {
  const now = input.now ?? Date.now();
  return db.transaction(async (tx): Promise<SessionChangeResult> => {
    const cycleOf = await cycleSeriesOf(tx, input);
    if (cycleOf) await lockSeriesSessions(tx, cycleOf); // the cycle's sessions first, in the one order
    const session = await lockStaffSession(tx, input);
    if (!session) return { ok: false, reason: "not-found" };
    if (session.status === "cancelled") return { ok: false, reason: "already-cancelled" };
    if (session.startsAt.getTime() <= now) return { ok: false, reason: "past" };
    const reason = input.reason?.trim().slice(0, 300) || null;
    await tx.update(workshopSessions).set({ status: "cancelled", cancelReason: reason, cancelledAt: new Date(now), updatedAt: new Date(now) }).where(eq(workshopSessions.id, session.id));
    let told = 0;
    for (const r of await activeRegistrationsOf(tx, session)) {
      told += (await notifyRegistration(tx, { registrationId: r.id, event: "session-cancelled", sessionId: session.id, reason, now, secret: input.secret, baseUrl: input.baseUrl })) > 0 ? 1 : 0;
      if (r.sessionId !== null) {
        await tx.update(workshopRegistrations).set({ status: "cancelled", offeredUntil: null, cancelledAt: new Date(now), cancelledBy: "session", updatedAt: new Date(now) }).where(eq(workshopRegistrations.id, r.id));
        await cancelJob(tx, remindKey(r.id));
        await cancelJob(tx, lapseKey(r.id));
      } else if (r.status === "registered") {
        await scheduleRegistrationReminder(tx, { registrationId: r.id, placeId: input.placeId, now });
      }
    }
    // A cycle loses a session: its smallest one may have been what kept people waiting.
    if (cycleOf) await promoteWaiting(tx, { target: { workshopId: cycleOf, sessionId: null }, now, options: { secret: input.secret, baseUrl: input.baseUrl } });
    await recordAudit(tx, { actorUserId: input.by, action: "workshop.session.cancel", entityType: "workshop_session", entityId: session.id, placeId: input.placeId, before: { startsAt: session.startsAt.toISOString() }, after: { reason } }, new Date(now));
    return { ok: true, told };
  });
}

/** Move a session (staff): it becomes « edited on its own », its people are told, reminders follow. */
export async function moveSession(
  db: Db,
  input: { sessionId: string; placeId: string; startsAt: Date; endsAt: Date; by: string } & SeatOptions,
): Promise<SessionChangeResult> {
  const now = input.now ?? Date.now();
  const tooFar = input.startsAt.getTime() > now + 548 * 86_400_000; // 18 months, as a series
  if (!(input.endsAt.getTime() > input.startsAt.getTime()) || input.startsAt.getTime() <= now || tooFar || input.endsAt.getTime() - input.startsAt.getTime() > 86_400_000) return { ok: false, reason: "bad-time" };
  return db.transaction(async (tx): Promise<SessionChangeResult> => {
    const cycleOf = await cycleSeriesOf(tx, input);
    if (cycleOf) await lockSeriesSessions(tx, cycleOf);
    const session = await lockStaffSession(tx, input);
    if (!session) return { ok: false, reason: "not-found" };
    if (session.status === "cancelled") return { ok: false, reason: "cancelled" };
    if (session.startsAt.getTime() <= now) return { ok: false, reason: "past" };
    await tx.update(workshopSessions).set({ startsAt: input.startsAt, endsAt: input.endsAt, detached: true, updatedAt: new Date(now) }).where(eq(workshopSessions.id, session.id));
    let told = 0;
    for (const r of await activeRegistrationsOf(tx, session)) {
      told += (await notifyRegistration(tx, { registrationId: r.id, event: "session-moved", sessionId: session.id, now, secret: input.secret, baseUrl: input.baseUrl })) > 0 ? 1 : 0;
      if (r.status === "registered") await scheduleRegistrationReminder(tx, { registrationId: r.id, placeId: input.placeId, now });
    }
    await recordAudit(tx, { actorUserId: input.by, action: "workshop.session.move", entityType: "workshop_session", entityId: session.id, placeId: input.placeId, before: { startsAt: session.startsAt.toISOString(), endsAt: session.endsAt.toISOString() }, after: { startsAt: input.startsAt.toISOString(), endsAt: input.endsAt.toISOString() } }, new Date(now));
    return { ok: true, told };
  });
}

/**
 * Give free seats to waiting people after a session's capacity grew (the series' « edit all » or
 * « edit one » calls it in its transaction).
 */
export async function promoteAfterCapacityChange(tx: Db, input: { workshopId: string; sessionId: string | null; now: number } & Omit<SeatOptions, "now">): Promise<string[]> {
  return promoteWaiting(tx, { target: { workshopId: input.workshopId, sessionId: input.sessionId }, now: input.now, options: { secret: input.secret, baseUrl: input.baseUrl } });
}

/**
 * A cycle's registrations hold a seat in every session: after sessions were added to a cycle
 * (edit all, one more session), each scheduled session counts them again. Called in the
 * transaction that holds the series' lock.
 */
export async function syncCycleSeats(tx: Db, workshopId: string): Promise<void> {
  await tx.execute(sql`
    update workshop_sessions s set seats_taken = held.n, updated_at = now()
    from (select count(*)::int as n from workshop_registrations
          where workshop_id = ${workshopId} and session_id is null and status in ('registered', 'offered')) held
    where s.workshop_id = ${workshopId} and s.status = 'scheduled' and s.seats_taken <> held.n`);
}

export type AttendanceMark = "present" | "absent";

/** Mark who came (or clear the mark): only registered people of this session (or its cycle). */
export async function setAttendance(
  db: Db,
  input: { placeId: string; sessionId: string; marks: { registrationId: string; attendance: AttendanceMark | null }[]; by: string; now?: number },
): Promise<number> {
  const now = input.now ?? Date.now();
  return db.transaction(async (tx) => {
    const [session] = await tx.select({ workshopId: workshopSessions.workshopId }).from(workshopSessions).where(and(eq(workshopSessions.id, input.sessionId), eq(workshopSessions.placeId, input.placeId)));
    if (!session) return 0;
    const allowed = new Set((await activeRegistrationsOf(tx, { id: input.sessionId, workshopId: session.workshopId })).filter((r) => r.status === "registered").map((r) => r.id));
    let saved = 0;
    for (const mark of input.marks) {
      if (!allowed.has(mark.registrationId)) continue;
      if (mark.attendance === null) {
        await tx.delete(workshopAttendance).where(and(eq(workshopAttendance.sessionId, input.sessionId), eq(workshopAttendance.registrationId, mark.registrationId)));
      } else {
        await tx
          .insert(workshopAttendance)
          .values({ sessionId: input.sessionId, registrationId: mark.registrationId, attendance: mark.attendance, recordedBy: input.by, recordedAt: new Date(now) })
          .onConflictDoUpdate({ target: [workshopAttendance.sessionId, workshopAttendance.registrationId], set: { attendance: mark.attendance, recordedBy: input.by, recordedAt: new Date(now) } });
      }
      saved++;
    }
    await recordAudit(tx, { actorUserId: input.by, action: "workshop.attendance", entityType: "workshop_session", entityId: input.sessionId, placeId: input.placeId, after: { marks: saved } }, new Date(now));
    return saved;
  });
}

/** How many came without registering. */
export async function setWalkIns(db: Db, input: { placeId: string; sessionId: string; count: number; by: string; now?: number }): Promise<boolean> {
  const now = input.now ?? Date.now();
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(workshopSessions)
      .set({ walkIns: input.count, updatedAt: new Date(now) })
      .where(and(eq(workshopSessions.id, input.sessionId), eq(workshopSessions.placeId, input.placeId)))
      .returning({ id: workshopSessions.id });
    if (updated.length === 0) return false;
    await recordAudit(tx, { actorUserId: input.by, action: "workshop.walk-ins", entityType: "workshop_session", entityId: input.sessionId, placeId: input.placeId, after: { walkIns: input.count } }, new Date(now));
    return true;
  });
}

export type { RegistrationEvent };
