/**
 * What a place knows of a followed person beyond their row: their history (the help records they
 * took part in, the bookings and workshop registrations linked to them, newest first) and the
 * export of everything held about them (their right of access: a readable page and a JSON file).
 * Every query names the place: a link from another place's row is never shown.
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { auditLog, bookings, helpRecordPeople, helpRecords, resources, workshopAttendance, workshopRegistrations, workshops, workshopSessions } from "~/db/schema";
import type { CoopActivityKind, HelpRecordStatus } from "~/db/schema/mediation";
import type { CoopAgeBand, CoopGender, CoopSocialStatus } from "~/db/schema/people";
import { recordAudit } from "~/features/audit/record.server";
import { todayIn } from "~/features/time/today";
import { getBeneficiary, type BeneficiaryDetails } from "./beneficiaries.server";

export type HistoryItem =
  | { kind: "record"; id: string; day: string; at: null; activity: CoopActivityKind; status: HelpRecordStatus; durationMinutes: number | null; themes: string[]; title: string | null }
  | { kind: "booking"; id: string; day: string; at: Date; endsAt: Date; resource: string; status: string; attendance: string | null }
  | { kind: "registration"; id: string; day: string | null; at: Date | null; title: string; status: string; cycle: boolean; attendance: string | null };

/** Registrations' start: their session's, or the first session of their cycle. */
const registrationStart = sql<Date | null>`coalesce(${workshopSessions.startsAt}, (select min(s2.starts_at) from workshop_sessions s2 where s2.workshop_id = ${workshops.id}))`;

async function recordRows(db: Db, placeId: string, beneficiaryId: string) {
  return db
    .select({
      id: helpRecords.id, date: helpRecords.date, kind: helpRecords.kind, status: helpRecords.status, durationMinutes: helpRecords.durationMinutes, placeKind: helpRecords.placeKind,
      communeName: helpRecords.communeName, themes: helpRecords.themes, adminThemes: helpRecords.adminThemes, equipment: helpRecords.equipment, autonomy: helpRecords.autonomy,
      oriented: helpRecords.oriented, orientation: helpRecords.orientation, title: helpRecords.title, notes: helpRecords.notes, firstTime: helpRecordPeople.firstTime,
      ageBand: helpRecordPeople.ageBand, gender: helpRecordPeople.gender, socialStatus: helpRecordPeople.socialStatus,
    })
    .from(helpRecordPeople)
    .innerJoin(helpRecords, eq(helpRecords.id, helpRecordPeople.recordId))
    .where(and(eq(helpRecordPeople.beneficiaryId, beneficiaryId), eq(helpRecords.placeId, placeId)))
    .orderBy(desc(helpRecords.date), desc(helpRecords.createdAt));
}

async function bookingRows(db: Db, placeId: string, beneficiaryId: string) {
  return db
    .select({
      id: bookings.id, startsAt: bookings.startsAt, endsAt: bookings.endsAt, resource: resources.name, status: bookings.status, attendance: bookings.attendance,
      firstName: bookings.firstName, phone: bookings.phone, email: bookings.email, reason: bookings.reason, note: bookings.note, erasedAt: bookings.erasedAt,
    })
    .from(bookings)
    .innerJoin(resources, eq(resources.id, bookings.resourceId))
    .where(and(eq(bookings.beneficiaryId, beneficiaryId), eq(bookings.placeId, placeId)))
    .orderBy(desc(bookings.startsAt));
}

async function registrationRows(db: Db, placeId: string, beneficiaryId: string) {
  return db
    .select({
      id: workshopRegistrations.id, title: workshops.title, startsAt: registrationStart, cycle: sql<boolean>`${workshopRegistrations.sessionId} is null`,
      status: workshopRegistrations.status, attendance: workshopAttendance.attendance, firstName: workshopRegistrations.firstName, phone: workshopRegistrations.phone,
      email: workshopRegistrations.email, erasedAt: workshopRegistrations.erasedAt,
    })
    .from(workshopRegistrations)
    .innerJoin(workshops, eq(workshops.id, workshopRegistrations.workshopId))
    .leftJoin(workshopSessions, eq(workshopSessions.id, workshopRegistrations.sessionId))
    .leftJoin(workshopAttendance, and(eq(workshopAttendance.sessionId, workshopRegistrations.sessionId), eq(workshopAttendance.registrationId, workshopRegistrations.id)))
    .where(and(eq(workshopRegistrations.beneficiaryId, beneficiaryId), eq(workshopRegistrations.placeId, placeId)))
    .orderBy(desc(registrationStart));
}

const asDate = (value: Date | string | null) => (value === null ? null : value instanceof Date ? value : new Date(value));

/**
 * A person's history at the place, newest first: records by their day, bookings and
 * registrations by their start on the place's clock (`timeZone`); on the same day, the latest first.
 */
export async function beneficiaryHistory(db: Db, { placeId, beneficiaryId, timeZone }: { placeId: string; beneficiaryId: string; timeZone: string }): Promise<HistoryItem[]> {
  const [records, booked, registered] = await Promise.all([recordRows(db, placeId, beneficiaryId), bookingRows(db, placeId, beneficiaryId), registrationRows(db, placeId, beneficiaryId)]);
  const items: HistoryItem[] = [
    ...records.map((r): HistoryItem => ({ kind: "record", id: r.id, day: r.date, at: null, activity: r.kind, status: r.status, durationMinutes: r.durationMinutes, themes: r.themes, title: r.title })),
    ...booked.map((b): HistoryItem => ({ kind: "booking", id: b.id, day: todayIn(timeZone, b.startsAt), at: b.startsAt, endsAt: b.endsAt, resource: b.resource, status: b.status, attendance: b.attendance })),
    ...registered.map((r): HistoryItem => {
      const at = asDate(r.startsAt);
      return { kind: "registration", id: r.id, day: at ? todayIn(timeZone, at) : null, at, title: r.title, status: r.status, cycle: r.cycle, attendance: r.attendance };
    }),
  ];
  const key = (item: HistoryItem) => `${item.day ?? "0000-00-00"} ${item.at ? item.at.toISOString() : "~"}`;
  return items.sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
}

/** Everything the place holds about a person, for their right of access. */
export type BeneficiaryExport = {
  exportedAt: Date;
  placeName: string;
  person: BeneficiaryDetails;
  records: {
    id: string; date: string; kind: CoopActivityKind; status: HelpRecordStatus; durationMinutes: number | null; placeKind: string | null; communeName: string | null;
    themes: string[]; adminThemes: string[]; equipment: string[]; autonomy: string | null; oriented: boolean; orientation: string | null; title: string | null;
    /** An individual record's notes (a collective record's are about the group, not the person). */
    notes: string | null;
    firstTime: boolean; ageBand: CoopAgeBand; gender: CoopGender; socialStatus: CoopSocialStatus;
  }[];
  bookings: Awaited<ReturnType<typeof bookingRows>>;
  registrations: { id: string; title: string; startsAt: Date | null; cycle: boolean; status: string; attendance: string | null; firstName: string | null; phone: string | null; email: string | null; erasedAt: Date | null }[];
  /** What was done with their data (the audit log's lines about them): when and what, no values. */
  log: { at: Date; action: string }[];
};

/**
 * Everything the place holds about a followed person (not anonymised), audited as an export in
 * `format` (the readable page or the JSON file). Null when they are not followed at this place.
 */
export async function exportBeneficiary(
  db: Db,
  input: { placeId: string; placeName: string; beneficiaryId: string; format: "page" | "json"; actorUserId: string | null; now?: Date },
): Promise<BeneficiaryExport | null> {
  const now = input.now ?? new Date();
  const person = await getBeneficiary(db, { placeId: input.placeId, beneficiaryId: input.beneficiaryId });
  if (!person || person.anonymisedAt) return null;
  await recordAudit(db, { actorUserId: input.actorUserId, action: "beneficiary.export", entityType: "beneficiary", entityId: person.id, placeId: input.placeId, after: { format: input.format } }, now);
  const [records, booked, registered, log] = await Promise.all([
    recordRows(db, input.placeId, person.id),
    bookingRows(db, input.placeId, person.id),
    registrationRows(db, input.placeId, person.id),
    db
      .select({ at: auditLog.at, action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "beneficiary"), eq(auditLog.entityId, person.id), eq(auditLog.placeId, input.placeId)))
      .orderBy(asc(auditLog.at), asc(auditLog.id)),
  ]);
  return {
    exportedAt: now,
    placeName: input.placeName,
    person,
    records: records.map((r) => ({ ...r, notes: r.kind === "individuel" ? r.notes : null })),
    bookings: booked,
    registrations: registered.map((r) => ({ ...r, startsAt: asDate(r.startsAt) })),
    log,
  };
}
