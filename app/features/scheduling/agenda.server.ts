/**
 * The mediator's desk: the day (or week) of a place at a glance, per resource; the station board
 * (who is on which station until when, time used today); finding a person who booked before (by
 * first name or phone) when booking on their behalf; seating a walk-in.
 */
import { and, asc, desc, eq, gte, ilike, lt, or, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { bookings } from "~/db/schema";
import { addDays, isoDate } from "~/features/time/calendar";
import { startOfDay, toWallTime } from "~/features/time/zone";
import { normalizePhone } from "~/lib/phone";
import { createBooking, type BookingOptions, type BookResult } from "./bookings.server";
import { listResources, type BookingPlace } from "./resources.server";

const MINUTE = 60_000;

export type AgendaBooking = {
  id: string; resourceId: string; start: number; end: number; status: "pending" | "confirmed" | "cancelled"; attendance: "present" | "absent" | "excused" | null;
  source: string; firstName: string | null; phone: string | null; email: string | null; reason: string | null; note: string | null; noShows: number;
  /** The person followed by name, when staff linked them (the till and the record start from them). */
  beneficiaryId: string | null;
};

/** The bookings of [from, to) of the place, active and cancelled, in order, with each person's no-shows of the last 90 days. */
export async function agendaBookings(db: Db, placeId: string, from: number, to: number, now = Date.now()): Promise<AgendaBooking[]> {
  const rows = await db
    .select({
      id: bookings.id, resourceId: bookings.resourceId, startsAt: bookings.startsAt, endsAt: bookings.endsAt, status: bookings.status, attendance: bookings.attendance,
      source: bookings.source, firstName: bookings.firstName, phone: bookings.phone, email: bookings.email, reason: bookings.reason, note: bookings.note, beneficiaryId: bookings.beneficiaryId,
      noShows: sql<number>`(select count(*)::int from bookings n where n.place_id = ${placeId} and n.person_key = "bookings"."person_key" and n.attendance = 'absent' and n.starts_at >= ${new Date(now - 90 * 86_400_000).toISOString()}::timestamptz)`,
    })
    .from(bookings)
    .where(and(eq(bookings.placeId, placeId), gte(bookings.startsAt, new Date(from)), lt(bookings.startsAt, new Date(to))))
    .orderBy(asc(bookings.startsAt));
  return rows.map((r) => ({ ...r, start: r.startsAt.getTime(), end: r.endsAt.getTime(), noShows: Number(r.noShows ?? 0) }));
}

/** A day of the place: its resources (active) and their bookings. */
export async function dayAgenda(db: Db, place: BookingPlace, date: string, now = Date.now()) {
  const from = startOfDay(place.timeZone, date);
  const to = startOfDay(place.timeZone, addDays(date, 1));
  const [list, day] = await Promise.all([listResources(db, place.id), agendaBookings(db, place.id, from, to, now)]);
  return { resources: list, bookings: day };
}

/** Seven days from the Monday of `date`: per day, the number of active bookings per resource. */
export async function weekAgenda(db: Db, place: BookingPlace, monday: string, now = Date.now()) {
  const from = startOfDay(place.timeZone, monday);
  const to = startOfDay(place.timeZone, addDays(monday, 7));
  const [list, week] = await Promise.all([listResources(db, place.id), agendaBookings(db, place.id, from, to, now)]);
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const active = week.filter((b) => b.status !== "cancelled");
  return {
    resources: list,
    days: days.map((d) => ({ date: d, bookings: active.filter((b) => isoDate(toWallTime(place.timeZone, b.start)) === d) })),
  };
}

/** Each station: who is on it now (until when), who comes next today; and minutes used today per person. */
export async function stationBoard(db: Db, place: BookingPlace, now = Date.now()) {
  const today = isoDate(toWallTime(place.timeZone, now));
  const from = startOfDay(place.timeZone, today);
  const to = startOfDay(place.timeZone, addDays(today, 1));
  const stations = await listResources(db, place.id, { kind: "station" });
  const day = (await agendaBookings(db, place.id, from, to, now)).filter((b) => b.status !== "cancelled");
  const usedByPerson = new Map<string, number>();
  for (const b of day) {
    const who = b.phone ?? b.email ?? b.id;
    const used = Math.max(0, Math.min(now, b.end) - b.start);
    if (b.start <= now) usedByPerson.set(who, (usedByPerson.get(who) ?? 0) + used / MINUTE);
  }
  return stations.map((s) => {
    const own = day.filter((b) => b.resourceId === s.id);
    const current = own.find((b) => b.start <= now && now < b.end) ?? null;
    const next = own.find((b) => b.start > now) ?? null;
    const who = current ? (current.phone ?? current.email ?? current.id) : null;
    return {
      resource: s, current, next,
      usedTodayMinutes: who ? Math.round(usedByPerson.get(who) ?? 0) : 0,
      dailyQuotaMinutes: s.maxMinutesPerDay,
      freeUntil: current ? null : (next?.start ?? null),
    };
  });
}

/** People who booked at the place before, by first name or phone (most recent first), to book on their behalf. */
export async function findPeople(db: Db, placeId: string, query: string) {
  const text = query.trim().slice(0, 80);
  if (text.length < 2) return [];
  const phone = normalizePhone(text);
  const rows = await db
    .selectDistinctOn([bookings.personKey], { personKey: bookings.personKey, firstName: bookings.firstName, phone: bookings.phone, email: bookings.email, at: bookings.startsAt })
    .from(bookings)
    .where(
      and(
        eq(bookings.placeId, placeId),
        sql`${bookings.personKey} is not null`,
        or(ilike(bookings.firstName, `%${text.replace(/[%_\\]/g, "\\$&")}%`), phone ? eq(bookings.phone, phone) : undefined, ilike(bookings.email, `${text.replace(/[%_\\]/g, "\\$&")}%`)),
      ),
    )
    .orderBy(bookings.personKey, desc(bookings.startsAt))
    .limit(20);
  return rows.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, 10);
}

/**
 * Seat a walk-in on a station now, for `minutes`, if it is free: the start is now (to the
 * minute), no lead time or grid, but the station must be free (the exclusion constraint decides).
 */
export async function seatWalkIn(
  db: Db,
  input: { placeId: string; resourceId: string; minutes: number; firstName: string; actorUserId: string },
  options: BookingOptions,
): Promise<BookResult> {
  const now = options.now ?? Date.now();
  const start = Math.floor(now / MINUTE) * MINUTE;
  return createBooking(
    db,
    {
      placeId: input.placeId, resourceId: input.resourceId, start, end: start + input.minutes * MINUTE, source: "walkin", actorUserId: input.actorUserId,
      person: { firstName: input.firstName, phone: null, email: null, note: null, reason: null },
    },
    { ...options, now },
  );
}
