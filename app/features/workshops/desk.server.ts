/**
 * The session desk (staff): who is registered, offered a seat or waiting (in order), attendance,
 * walk-ins, registering on behalf, cancelling a registration, cancelling or moving the session;
 * and the sign-in sheet's rows. One function reads the page, one reads and runs its forms.
 */
import { sql } from "drizzle-orm";
import { z } from "zod";
import { type Db, queryRows } from "~/db/client.server";
import { personSchema } from "~/features/scheduling/booking-form";
import { isIsoDate } from "~/features/time/calendar";
import { toInstant } from "~/features/time/zone";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { cancelRegistration, cancelSession, moveSession, registerForSession, setAttendance, setWalkIns, type AttendanceMark, type SeatOptions } from "./seats.server";

const d = fr.workshops.desk;

export type DeskPerson = {
  id: string; status: "registered" | "offered" | "waiting"; firstName: string | null; phone: string | null; email: string | null;
  offeredUntil: number | null; attendance: AttendanceMark | null; source: string; erased: boolean;
};

export type SessionDesk = {
  id: string; workshopId: string; title: string; kind: string; registration: "none" | "session" | "cycle";
  start: number; end: number; status: "scheduled" | "cancelled"; cancelReason: string | null;
  capacity: number | null; seatsTaken: number; walkIns: number;
  /** The workshop's price (null: free): the desk then offers « Encaisser » per person. */
  priceCents: number | null;
  place: { id: string; name: string; timeZone: string };
  where: { location: string; stopLabel: string | null; stopCommune: string | null };
  mediators: string[];
  people: DeskPerson[];
};

/** A session of the place with its people (registered and offered first by name, then the waiting list in order). */
export async function sessionDesk(db: Db, input: { placeId: string; sessionId: string }): Promise<SessionDesk | null> {
  if (!z.uuid().safeParse(input.sessionId).success) return null;
  const [s] = await queryRows(db, sql`
    select s.id, s.workshop_id, s.starts_at, s.ends_at, s.status, s.cancel_reason, s.capacity, s.seats_taken, s.walk_ins,
           w.title, w.kind, w.registration, w.location, w.mediator_ids, w.price_cents, st.label as stop_label, st.commune as stop_commune,
           p.id as place_id, p.name as place_name, p.time_zone
    from workshop_sessions s join workshops w on w.id = s.workshop_id join places p on p.id = s.place_id
    left join stops st on st.id = w.stop_id
    where s.id = ${input.sessionId} and s.place_id = ${input.placeId}`);
  if (!s) return null;
  const people = await queryRows(db, sql`
    select r.id, r.status, r.first_name, r.phone, r.email, r.offered_until, r.source, r.erased_at, a.attendance
    from workshop_registrations r
    left join workshop_attendance a on a.registration_id = r.id and a.session_id = ${input.sessionId}
    where r.status <> 'cancelled' and (r.session_id = ${input.sessionId} or (r.session_id is null and r.workshop_id = ${String(s.workshop_id)}))
    order by case when r.status = 'waiting' then 1 else 0 end, case when r.status = 'waiting' then r.queue_no end, lower(coalesce(r.first_name, '')), r.queue_no`);
  const mediatorIds = (s.mediator_ids as string[] | null) ?? [];
  const mediators = mediatorIds.length
    ? (await queryRows(db, sql`select name from users where id in (${sql.join(mediatorIds.map((id) => sql`${id}::uuid`), sql`, `)}) order by name`)).map((u) => String(u.name))
    : [];
  return {
    id: String(s.id), workshopId: String(s.workshop_id), title: String(s.title), kind: String(s.kind), registration: s.registration as SessionDesk["registration"],
    start: new Date(s.starts_at as string).getTime(), end: new Date(s.ends_at as string).getTime(), status: s.status as SessionDesk["status"],
    cancelReason: (s.cancel_reason as string | null) ?? null, capacity: s.capacity === null ? null : Number(s.capacity), seatsTaken: Number(s.seats_taken), walkIns: Number(s.walk_ins),
    priceCents: s.price_cents === null ? null : Number(s.price_cents),
    place: { id: String(s.place_id), name: String(s.place_name), timeZone: String(s.time_zone) },
    where: { location: String(s.location), stopLabel: (s.stop_label as string | null) ?? null, stopCommune: (s.stop_commune as string | null) ?? null },
    mediators,
    people: people.map((p) => ({
      id: String(p.id), status: p.status as DeskPerson["status"], firstName: (p.first_name as string | null) ?? null, phone: (p.phone as string | null) ?? null,
      email: (p.email as string | null) ?? null, offeredUntil: p.offered_until ? new Date(p.offered_until as string).getTime() : null,
      attendance: (p.attendance as AttendanceMark | null) ?? null, source: String(p.source), erased: p.erased_at !== null,
    })),
  };
}

export type DeskOutcome =
  | { kind: "done"; message: string }
  | { kind: "invalid"; intent: string; errors: FieldErrors; values: Record<string, string>; message?: string };

const WalkIns = z.object({
  nombre: z.string().trim().regex(/^\d{1,5}$/, d.invalidCount).transform(Number).pipe(z.number().max(10_000, d.invalidCount)),
});
const Move = z.object({
  jour: z.string().refine(isIsoDate, d.invalidDate),
  debut: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, d.invalidTime),
  fin: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, d.invalidTime),
});

/** The desk's forms, by `intent`. Every refusal says why in French; nothing is written then. */
export async function runDeskForm(
  db: Db,
  input: { placeId: string; sessionId: string; form: FormData; by: string; options: SeatOptions },
): Promise<DeskOutcome> {
  const { form, placeId, sessionId, by, options } = input;
  const intent = String(form.get("intent") ?? "");
  const values = Object.fromEntries([...form.entries()].filter(([k]) => k !== "csrf").map(([k, v]) => [k, String(v).slice(0, 300)]));
  switch (intent) {
    case "presences": {
      const marks: { registrationId: string; attendance: AttendanceMark | null }[] = [];
      for (const [k, v] of form.entries()) {
        if (!k.startsWith("presence-")) continue;
        const registrationId = k.slice("presence-".length);
        if (!z.uuid().safeParse(registrationId).success || !["present", "absent", ""].includes(String(v))) continue;
        marks.push({ registrationId, attendance: v === "" ? null : (v as AttendanceMark) });
      }
      await setAttendance(db, { placeId, sessionId, marks, by });
      return { kind: "done", message: d.attendanceSaved };
    }
    case "sans-inscription": {
      const parsed = parseForm(WalkIns, Object.fromEntries(form.entries()));
      if (!parsed.ok) return { kind: "invalid", intent, errors: parsed.errors, values };
      await setWalkIns(db, { placeId, sessionId, count: parsed.values.nombre, by });
      return { kind: "done", message: d.walkInsSaved };
    }
    case "inscrire": {
      const parsed = parseForm(personSchema([], { contactRequired: false }), Object.fromEntries(form.entries()));
      if (!parsed.ok) return { kind: "invalid", intent, errors: parsed.errors, values };
      const result = await registerForSession(db, { sessionId, placeId, person: parsed.values, source: "desk", actorUserId: by }, options);
      if (result.kind === "refused") return { kind: "invalid", intent, errors: {}, values, message: result.reason === "members-only" ? fr.memberships.deskWorkshopRefused : fr.workshops.refusals[result.reason] };
      return { kind: "done", message: d.onBehalfDone(parsed.values.firstName, result.registration.status === "waiting") };
    }
    case "annuler-inscription": {
      const registrationId = String(form.get("inscription") ?? "");
      if (!z.uuid().safeParse(registrationId).success) return { kind: "invalid", intent, errors: {}, values, message: fr.workshops.unknownLink };
      const result = await cancelRegistration(db, { registrationId, by: "staff", placeId, actorUserId: by, ...options });
      return result === "cancelled" ? { kind: "done", message: d.cancelDone } : { kind: "invalid", intent, errors: {}, values, message: fr.workshops.unknownLink };
    }
    case "annuler-seance": {
      const result = await cancelSession(db, { sessionId, placeId, reason: String(form.get("motif") ?? ""), by, ...options });
      return result.ok ? { kind: "done", message: d.sessionCancelledDone(result.told) } : { kind: "invalid", intent, errors: {}, values, message: d.refusals[result.reason] };
    }
    case "deplacer": {
      const parsed = parseForm(Move, Object.fromEntries(form.entries()));
      if (!parsed.ok) return { kind: "invalid", intent, errors: parsed.errors, values };
      const [desk] = await queryRows(db, sql`select p.time_zone from workshop_sessions s join places p on p.id = s.place_id where s.id = ${sessionId} and s.place_id = ${placeId}`);
      if (!desk) return { kind: "invalid", intent, errors: {}, values, message: d.refusals["not-found"] };
      const wall = (date: string, hhmm: string) => {
        const [year, month, day] = date.split("-").map(Number) as [number, number, number];
        const [hour, minute] = hhmm.split(":").map(Number) as [number, number];
        return toInstant(String(desk.time_zone), { year, month, day, hour, minute, second: 0 });
      };
      const result = await moveSession(db, {
        sessionId, placeId, by, startsAt: new Date(wall(parsed.values.jour, parsed.values.debut)), endsAt: new Date(wall(parsed.values.jour, parsed.values.fin)), ...options,
      });
      return result.ok ? { kind: "done", message: d.moveDone(result.told) } : { kind: "invalid", intent, errors: result.reason === "bad-time" ? { fin: d.refusals["bad-time"]! } : {}, values, message: d.refusals[result.reason] };
    }
    default:
      return { kind: "invalid", intent, errors: {}, values, message: fr.errors.badRequest };
  }
}
