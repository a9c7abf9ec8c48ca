/**
 * « Compléter le compte rendu »: a record's form filled from what the agenda already knows — the
 * booking a person came to (an individual record), or a workshop session and who came (a
 * collective record) — and what is left to complete: attended bookings and sessions of the last
 * weeks without a record.
 */
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "~/db/client.server";
import { type CoopLevel, type CoopPlaceKind, type CoopTheme } from "~/db/schema/mediation";
import { type WorkshopLevel } from "~/db/schema/workshops";
import { todayIn } from "~/features/time/today";
import { isWorkshopTheme } from "~/features/workshops/themes";
import { type RecordInput } from "./record-form";
import { themesOfReason } from "./reason-themes";

export type Prefill = { input: Partial<RecordInput> & Pick<RecordInput, "kind" | "date">; what: string; bookedBy: string | null };

const LEVELS: Record<WorkshopLevel, CoopLevel> = { beginner: "Debutant", intermediate: "Intermediaire", advanced: "Avance" };

/** An attended booking of the place as an individual record; undefined when there is none. */
export async function prefillFromBooking(db: Db, options: { placeId: string; bookingId: string; timeZone: string }): Promise<Prefill | undefined> {
  const [b] = await queryRows(db, sql`
    select b.starts_at, b.ends_at, b.reason, b.first_name, r.kind as resource_kind, r.name as resource_name,
           coalesce(
             (select p.id from beneficiaries p where p.id = b.beneficiary_id and p.anonymised_at is null),
             (select p.id from beneficiaries p
               where p.place_id = b.place_id and p.anonymised_at is null
                 and ((b.phone is not null and p.phone = b.phone) or (b.email is not null and lower(p.email) = lower(b.email)))
               order by p.last_activity_at desc limit 1)
           ) as person_id
    from bookings b join resources r on r.id = b.resource_id
    where b.id = ${options.bookingId} and b.place_id = ${options.placeId} and b.attendance = 'present'`);
  if (!b) return undefined;
  const startsAt = new Date(b.starts_at as string);
  const minutes = Math.round((new Date(b.ends_at as string).getTime() - startsAt.getTime()) / 60_000);
  const personId = (b.person_id as string | null) ?? null;
  return {
    input: {
      kind: "individuel",
      date: todayIn(options.timeZone, startsAt),
      durationMinutes: minutes,
      placeKind: "LieuActivite",
      themes: themesOfReason((b.reason as string | null) ?? ""),
      equipment: b.resource_kind === "station" ? ["Ordinateur"] : [],
      personIds: personId ? [personId] : [],
      bookingId: options.bookingId,
    },
    what: String(b.resource_name),
    bookedBy: personId ? null : ((b.first_name as string | null) ?? null),
  };
}

/**
 * A workshop session of the place as a collective record: its title, level, theme, length and
 * where; who came (registrations marked present — by name when linked to a followed person,
 * counted otherwise — and walk-ins).
 */
export async function prefillFromSession(db: Db, options: { placeId: string; sessionId: string; timeZone: string; now: Date }): Promise<Prefill | undefined> {
  const [s] = await queryRows(db, sql`
    select s.starts_at, s.ends_at, s.walk_ins, s.theme, w.title, w.level, w.location, st.commune as stop_commune, st.postcode as stop_postcode,
           (select count(*) from workshop_attendance a join workshop_registrations r on r.id = a.registration_id
             where a.session_id = s.id and a.attendance = 'present'
               and (r.beneficiary_id is null or not exists (select 1 from beneficiaries p where p.id = r.beneficiary_id and p.anonymised_at is null))) as present_anonymous,
           (select coalesce(array_agg(distinct r.beneficiary_id::text), '{}') from workshop_attendance a join workshop_registrations r on r.id = a.registration_id
             join beneficiaries p on p.id = r.beneficiary_id
             where a.session_id = s.id and a.attendance = 'present' and p.anonymised_at is null) as person_ids
    from workshop_sessions s join workshops w on w.id = s.workshop_id left join stops st on st.id = s.stop_id
    where s.id = ${options.sessionId} and s.place_id = ${options.placeId} and s.starts_at <= ${options.now.toISOString()}`);
  if (!s) return undefined;
  const startsAt = new Date(s.starts_at as string);
  const location = String(s.location);
  const placeKind: CoopPlaceKind = location === "online" ? "ADistance" : location === "stop" ? "Autre" : "LieuActivite";
  const theme = s.theme as string | null;
  const personIds = parsePgArray(s.person_ids);
  return {
    input: {
      kind: "collectif",
      date: todayIn(options.timeZone, startsAt),
      durationMinutes: Math.round((new Date(s.ends_at as string).getTime() - startsAt.getTime()) / 60_000),
      placeKind,
      commune: location === "stop" ? `${s.stop_commune as string} ${s.stop_postcode as string}` : "",
      themes: theme && isWorkshopTheme(theme) ? [theme as CoopTheme] : [],
      title: String(s.title).slice(0, 120),
      level: s.level ? LEVELS[s.level as WorkshopLevel] : null,
      personIds,
      anonymous: { total: Number(s.present_anonymous) + Number(s.walk_ins), alreadyHelped: 0, gender: {}, age: {}, status: {} },
      sessionId: options.sessionId,
    },
    what: String(s.title),
    bookedBy: null,
  };
}

/** A text[] as either drivers give it: an array (postgres.js) or its text form (PGlite may). */
function parsePgArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === "string") return value.replace(/^\{|\}$/g, "").split(",").filter(Boolean);
  return [];
}

export type PendingItem =
  | { type: "booking"; id: string; placeId: string; timeZone: string; startsAt: Date; resourceName: string; firstName: string | null }
  | { type: "session"; id: string; placeId: string; timeZone: string; startsAt: Date; title: string; present: number };

/**
 * Attended appointments and held workshop sessions of the last `days` days with no record yet, at
 * these places, newest first. With `mediatorId`: their appointments and the sessions they run (or
 * that name no mediator).
 */
export async function pendingRecords(db: Db, options: { placeIds: readonly string[]; mediatorId?: string; now: Date; days?: number; limit: number }): Promise<PendingItem[]> {
  if (options.placeIds.length === 0) return [];
  const since = new Date(options.now.getTime() - (options.days ?? 30) * 86_400_000).toISOString();
  const now = options.now.toISOString();
  const places = sql`array[${sql.join(options.placeIds.map((id) => sql`${id}::uuid`), sql`, `)}]`;
  const mediator = options.mediatorId ?? null;
  const rows = await queryRows(db, sql`
    (select 'booking' as type, b.id, b.place_id, pl.time_zone, b.starts_at, r.name as label, b.first_name, 0 as present
       from bookings b join resources r on r.id = b.resource_id join places pl on pl.id = b.place_id
      where b.place_id = any(${places}) and b.attendance = 'present' and r.kind = 'appointment'
        and b.starts_at >= ${since} and b.starts_at <= ${now}
        and (${mediator}::uuid is null or r.staff_user_id is null or r.staff_user_id = ${mediator}::uuid)
        and not exists (select 1 from help_records h where h.booking_id = b.id))
    union all
    (select 'session', s.id, s.place_id, pl.time_zone, s.starts_at, w.title, null,
            (select count(*) from workshop_attendance a where a.session_id = s.id and a.attendance = 'present') + s.walk_ins
       from workshop_sessions s join workshops w on w.id = s.workshop_id join places pl on pl.id = s.place_id
      where s.place_id = any(${places}) and s.status = 'scheduled' and w.kind <> 'visit'
        and s.starts_at >= ${since} and s.starts_at <= ${now}
        and (${mediator}::uuid is null or cardinality(w.mediator_ids) = 0 or ${mediator}::uuid = any(w.mediator_ids))
        and (s.walk_ins > 0 or exists (select 1 from workshop_attendance a where a.session_id = s.id and a.attendance = 'present'))
        and not exists (select 1 from help_records h where h.session_id = s.id and h.kind = 'collectif'))
    order by starts_at desc
    limit ${options.limit}`);
  return rows.map((r): PendingItem =>
    r.type === "booking"
      ? { type: "booking", id: String(r.id), placeId: String(r.place_id), timeZone: String(r.time_zone), startsAt: new Date(r.starts_at as string), resourceName: String(r.label), firstName: (r.first_name as string | null) ?? null }
      : { type: "session", id: String(r.id), placeId: String(r.place_id), timeZone: String(r.time_zone), startsAt: new Date(r.starts_at as string), title: String(r.label), present: Number(r.present) },
  );
}
