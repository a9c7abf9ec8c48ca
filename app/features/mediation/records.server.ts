/**
 * Help records (« accompagnements »): save one (new or edited, done or draft), delete one, read
 * one for its form, list a place's. Everything is checked against the place in the `where`: a
 * person followed elsewhere, a booking or a session of another place is « unknown ».
 *
 * A record made from a booking or a workshop session keeps the link; the database allows one
 * record per booking and one collective record per session, so two mediators completing the same
 * booking at once end with one record, and the second is shown the first's.
 */
import { and, asc, desc, eq, gte, inArray, isNull, lte, sql } from "drizzle-orm";
import { type Db } from "~/db/client.server";
import { beneficiaries, bookings, helpRecordPeople, helpRecords, users, workshopSessions } from "~/db/schema";
import { type CoopAgeBand, type CoopGender, type CoopSocialStatus } from "~/db/schema/people";
import { recordAudit } from "~/features/audit/record.server";
import { resolveCommune } from "~/features/communes/communes";
import { type IsoDate } from "~/features/time/calendar";
import { ageBandOf } from "./coop-model";
import { anonymousPart, type CountsProblem, type NamedParticipant, NO_ANONYMOUS, recordCounts, type RecordCounts } from "./counts";
import { type RecordInput } from "./record-form";

export type SaveRecordResult =
  | { kind: "saved"; id: string; status: "draft" | "done" }
  | { kind: "not-found" }
  | { kind: "person-unknown" }
  | { kind: "commune-unknown" }
  | { kind: "source-unknown" }
  | { kind: "counts"; problem: CountsProblem }
  | { kind: "already-recorded"; id: string };

/** "Vierzon", "18100", "Vierzon 18100" → the commune, offline; undefined when not found. */
export function findCommune(typed: string): { insee: string; name: string } | undefined {
  const postcode = /\b\d{5}\b/.exec(typed)?.[0];
  const name = typed.replace(/\b\d{5}\b/, "").replace(/[(),]/g, " ").trim();
  const match = resolveCommune({ name: name || undefined, postcode });
  return match ? { insee: match.commune.insee, name: match.commune.name } : undefined;
}

/** The person's attributes on `date`: the age band from the birth year when known. */
function attributesOn(person: { birthYear: number | null; ageBand: CoopAgeBand; gender: CoopGender; socialStatus: CoopSocialStatus }, date: IsoDate) {
  return { ageBand: person.birthYear ? ageBandOf(person.birthYear, date) : person.ageBand, gender: person.gender, socialStatus: person.socialStatus };
}

/**
 * Save a record: new (`recordId` absent) or edited; `status` done (every required field, the
 * CHECK says so too) or draft. A new record may come from a booking the person came to or a
 * workshop session of the place; an edited one keeps its source.
 */
export async function saveHelpRecord(
  db: Db,
  options: { placeId: string; recordId?: string; input: RecordInput; status: "draft" | "done"; actorUserId: string; now?: Date },
): Promise<SaveRecordResult> {
  const { placeId, input, status, actorUserId } = options;
  const now = options.now ?? new Date();
  return db.transaction(async (tx): Promise<SaveRecordResult> => {
    let existing: { id: string; bookingId: string | null; sessionId: string | null; mediatorId: string | null } | undefined;
    if (options.recordId) {
      [existing] = await tx
        .select({ id: helpRecords.id, bookingId: helpRecords.bookingId, sessionId: helpRecords.sessionId, mediatorId: helpRecords.mediatorId })
        .from(helpRecords)
        .where(and(eq(helpRecords.id, options.recordId), eq(helpRecords.placeId, placeId)))
        .for("update");
      if (!existing) return { kind: "not-found" };
    }
    const bookingId = existing ? existing.bookingId : input.bookingId;
    const sessionId = existing ? existing.sessionId : input.sessionId;
    if (!existing && bookingId) {
      const [booking] = await tx
        .select({ id: bookings.id })
        .from(bookings)
        .where(and(eq(bookings.id, bookingId), eq(bookings.placeId, placeId), eq(bookings.attendance, "present")));
      if (!booking) return { kind: "source-unknown" };
    }
    if (!existing && sessionId) {
      const [session] = await tx
        .select({ id: workshopSessions.id })
        .from(workshopSessions)
        .where(and(eq(workshopSessions.id, sessionId), eq(workshopSessions.placeId, placeId), lte(workshopSessions.startsAt, now)));
      if (!session) return { kind: "source-unknown" };
    }

    const people = input.personIds.length
      ? await tx
          .select({ id: beneficiaries.id, birthYear: beneficiaries.birthYear, ageBand: beneficiaries.ageBand, gender: beneficiaries.gender, socialStatus: beneficiaries.socialStatus })
          .from(beneficiaries)
          .where(and(inArray(beneficiaries.id, input.personIds), eq(beneficiaries.placeId, placeId), isNull(beneficiaries.anonymisedAt)))
          .for("update")
      : [];
    if (people.length !== input.personIds.length || (input.kind === "individuel" && people.length > 1)) return { kind: "person-unknown" };

    let commune: { insee: string; name: string } | undefined;
    if ((input.placeKind === "Domicile" || input.placeKind === "Autre") && input.commune !== "") {
      commune = findCommune(input.commune);
      if (!commune) return { kind: "commune-unknown" };
    }

    // First help for a person: no other done record of theirs on or before this date.
    const helpedBefore = new Set<string>();
    if (people.length) {
      const rows = await tx
        .selectDistinct({ id: helpRecordPeople.beneficiaryId })
        .from(helpRecordPeople)
        .innerJoin(helpRecords, eq(helpRecords.id, helpRecordPeople.recordId))
        .where(
          and(
            inArray(helpRecordPeople.beneficiaryId, people.map((p) => p.id)),
            eq(helpRecords.status, "done"),
            lte(helpRecords.date, input.date),
            existing ? sql`${helpRecords.id} <> ${existing.id}` : undefined,
          ),
        );
      for (const row of rows) helpedBefore.add(row.id);
    }
    const named = people.map((p) => ({ id: p.id, ...attributesOn(p, input.date), firstTime: !helpedBefore.has(p.id) }));
    // An individual record is one person: named, or anonymous.
    const anonymous = input.kind === "individuel" ? { ...NO_ANONYMOUS, total: named.length ? 0 : 1 } : input.anonymous;
    const counted = recordCounts(named, anonymous, { allowEmpty: status === "draft" && input.kind === "collectif" });
    if (!counted.ok) return { kind: "counts", problem: counted.problem };

    const values = {
      kind: input.kind,
      status,
      date: input.date,
      durationMinutes: input.durationMinutes,
      placeKind: input.placeKind,
      communeInsee: commune?.insee ?? null,
      communeName: commune?.name ?? null,
      themes: input.themes,
      adminThemes: input.adminThemes,
      equipment: input.equipment,
      autonomy: input.kind === "individuel" ? input.autonomy : null,
      oriented: input.kind === "individuel" && input.oriented,
      orientation: input.kind === "individuel" && input.oriented ? input.orientation : null,
      title: input.kind === "collectif" ? input.title : null,
      level: input.kind === "collectif" ? input.level : null,
      notes: input.notes,
      ...counted.counts,
      updatedAt: now,
    };
    let id: string;
    if (existing) {
      await tx.update(helpRecords).set(values).where(eq(helpRecords.id, existing.id));
      id = existing.id;
      await tx.delete(helpRecordPeople).where(eq(helpRecordPeople.recordId, id));
    } else {
      // One record per booking and per collective session: the loser of a race gets the winner's.
      const [row] = await tx
        .insert(helpRecords)
        .values({ ...values, placeId, mediatorId: actorUserId, createdBy: actorUserId, bookingId, sessionId: input.kind === "collectif" ? sessionId : null, createdAt: now })
        .onConflictDoNothing()
        .returning({ id: helpRecords.id });
      if (!row) {
        const [other] = await tx
          .select({ id: helpRecords.id })
          .from(helpRecords)
          .where(bookingId ? eq(helpRecords.bookingId, bookingId) : and(eq(helpRecords.sessionId, sessionId!), eq(helpRecords.kind, "collectif")));
        return other ? { kind: "already-recorded", id: other.id } : { kind: "source-unknown" };
      }
      id = row.id;
    }
    if (named.length) {
      await tx.insert(helpRecordPeople).values(named.map((p) => ({ recordId: id, beneficiaryId: p.id, ageBand: p.ageBand, gender: p.gender, socialStatus: p.socialStatus, firstTime: p.firstTime })));
      await tx
        .update(beneficiaries)
        .set({ lastActivityAt: sql`greatest(${beneficiaries.lastActivityAt}, ${input.date}::date::timestamptz)` })
        .where(inArray(beneficiaries.id, named.map((p) => p.id)));
      // The booking the person came to is theirs: their history shows it.
      if (bookingId && input.kind === "individuel") {
        await tx.update(bookings).set({ beneficiaryId: named[0]!.id }).where(and(eq(bookings.id, bookingId), isNull(bookings.beneficiaryId)));
      }
    }
    await recordAudit(
      tx,
      {
        actorUserId,
        action: existing ? "help-record.updated" : "help-record.created",
        entityType: "help_record",
        entityId: id,
        placeId,
        // Figures only: never a note or a name.
        after: { kind: input.kind, status, date: input.date, durationMinutes: input.durationMinutes, themes: input.themes, participants: counted.counts.participants, named: named.length },
      },
      now,
    );
    return { kind: "saved", id, status };
  });
}

export async function deleteHelpRecord(db: Db, options: { placeId: string; recordId: string; actorUserId: string }): Promise<"deleted" | "not-found"> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(helpRecords)
      .where(and(eq(helpRecords.id, options.recordId), eq(helpRecords.placeId, options.placeId)))
      .returning({ id: helpRecords.id, kind: helpRecords.kind, date: helpRecords.date, participants: helpRecords.participants });
    if (!row) return "not-found";
    await recordAudit(tx, { actorUserId: options.actorUserId, action: "help-record.deleted", entityType: "help_record", entityId: row.id, placeId: options.placeId, before: { kind: row.kind, date: row.date, participants: row.participants } });
    return "deleted";
  });
}

const COUNT_COLUMNS = {
  participants: helpRecords.participants,
  named: helpRecords.named,
  firstTime: helpRecords.firstTime,
  alreadyHelped: helpRecords.alreadyHelped,
  genderMale: helpRecords.genderMale,
  genderFemale: helpRecords.genderFemale,
  genderUnknown: helpRecords.genderUnknown,
  ageUnder12: helpRecords.ageUnder12,
  age12To17: helpRecords.age12To17,
  age18To24: helpRecords.age18To24,
  age25To39: helpRecords.age25To39,
  age40To59: helpRecords.age40To59,
  age60To69: helpRecords.age60To69,
  age70Plus: helpRecords.age70Plus,
  ageUnknown: helpRecords.ageUnknown,
  statusSchool: helpRecords.statusSchool,
  statusJobSeeking: helpRecords.statusJobSeeking,
  statusEmployed: helpRecords.statusEmployed,
  statusRetired: helpRecords.statusRetired,
  statusUnknown: helpRecords.statusUnknown,
} as const;

export type RecordForEdit = {
  id: string;
  status: "draft" | "done";
  mediatorName: string | null;
  bookingId: string | null;
  sessionId: string | null;
  input: RecordInput;
  people: { id: string; firstName: string | null; lastName: string | null }[];
};

/** A record of the place as its form shows it (the anonymous part recomputed from the counts). */
export async function getHelpRecord(db: Db, options: { placeId: string; recordId: string }): Promise<RecordForEdit | undefined> {
  const [row] = await db
    .select({
      id: helpRecords.id, status: helpRecords.status, kind: helpRecords.kind, date: helpRecords.date, durationMinutes: helpRecords.durationMinutes,
      placeKind: helpRecords.placeKind, communeName: helpRecords.communeName, themes: helpRecords.themes, adminThemes: helpRecords.adminThemes,
      equipment: helpRecords.equipment, autonomy: helpRecords.autonomy, oriented: helpRecords.oriented, orientation: helpRecords.orientation,
      title: helpRecords.title, level: helpRecords.level, notes: helpRecords.notes, bookingId: helpRecords.bookingId, sessionId: helpRecords.sessionId,
      mediatorName: users.name, ...COUNT_COLUMNS,
    })
    .from(helpRecords)
    .leftJoin(users, eq(users.id, helpRecords.mediatorId))
    .where(and(eq(helpRecords.id, options.recordId), eq(helpRecords.placeId, options.placeId)));
  if (!row) return undefined;
  const people = await db
    .select({ id: beneficiaries.id, firstName: beneficiaries.firstName, lastName: beneficiaries.lastName, ageBand: helpRecordPeople.ageBand, gender: helpRecordPeople.gender, socialStatus: helpRecordPeople.socialStatus, firstTime: helpRecordPeople.firstTime })
    .from(helpRecordPeople)
    .innerJoin(beneficiaries, eq(beneficiaries.id, helpRecordPeople.beneficiaryId))
    .where(eq(helpRecordPeople.recordId, row.id))
    .orderBy(asc(beneficiaries.lastName), asc(beneficiaries.firstName));
  const counts = Object.fromEntries(Object.keys(COUNT_COLUMNS).map((k) => [k, row[k as keyof RecordCounts]])) as RecordCounts;
  const named: NamedParticipant[] = people.map((p) => ({ ageBand: p.ageBand, gender: p.gender, socialStatus: p.socialStatus, firstTime: p.firstTime }));
  // An anonymised person stays counted, but is no longer someone to pick.
  const pickable = people.filter((p) => p.firstName !== null);
  return {
    id: row.id,
    status: row.status,
    mediatorName: row.mediatorName,
    bookingId: row.bookingId,
    sessionId: row.sessionId,
    people: pickable.map((p) => ({ id: p.id, firstName: p.firstName, lastName: p.lastName })),
    input: {
      kind: row.kind, date: row.date, durationMinutes: row.durationMinutes, placeKind: row.placeKind, commune: row.communeName ?? "",
      themes: row.themes as RecordInput["themes"], adminThemes: row.adminThemes as RecordInput["adminThemes"], equipment: row.equipment as RecordInput["equipment"],
      autonomy: row.autonomy, oriented: row.oriented, orientation: row.orientation, notes: row.notes, personIds: pickable.map((p) => p.id),
      title: row.title, level: row.level, anonymous: anonymousPart(counts, named.filter((_, i) => people[i]!.firstName !== null)), bookingId: row.bookingId, sessionId: row.sessionId,
    },
  };
}

export type RecordListItem = {
  id: string;
  status: "draft" | "done";
  kind: "individuel" | "collectif";
  date: string;
  durationMinutes: number | null;
  themes: string[];
  title: string | null;
  participants: number;
  named: number;
  mediatorName: string | null;
};

/** A place's records between two dates, newest first; drafts apart when `status` says so. */
export async function listHelpRecords(db: Db, options: { placeId: string; status: "draft" | "done"; from?: IsoDate; to?: IsoDate; limit: number }): Promise<RecordListItem[]> {
  return db
    .select({
      id: helpRecords.id, status: helpRecords.status, kind: helpRecords.kind, date: helpRecords.date, durationMinutes: helpRecords.durationMinutes,
      themes: helpRecords.themes, title: helpRecords.title, participants: helpRecords.participants, named: helpRecords.named, mediatorName: users.name,
    })
    .from(helpRecords)
    .leftJoin(users, eq(users.id, helpRecords.mediatorId))
    .where(
      and(
        eq(helpRecords.placeId, options.placeId),
        eq(helpRecords.status, options.status),
        options.from ? gte(helpRecords.date, options.from) : undefined,
        options.to ? lte(helpRecords.date, options.to) : undefined,
      ),
    )
    .orderBy(desc(helpRecords.date), desc(helpRecords.createdAt))
    .limit(options.limit);
}

/** The place's followed people one may pick in a form (identity kept), most recently active first. */
export async function peopleToPick(db: Db, options: { placeId: string; limit: number }) {
  return db
    .select({ id: beneficiaries.id, firstName: beneficiaries.firstName, lastName: beneficiaries.lastName })
    .from(beneficiaries)
    .where(and(eq(beneficiaries.placeId, options.placeId), isNull(beneficiaries.anonymisedAt)))
    .orderBy(desc(beneficiaries.lastActivityAt))
    .limit(options.limit);
}

/**
 * What a mediator usually chooses, from their last 20 done records at the place: the most
 * frequent duration, place and equipment of individual records. Nothing stored: the form
 * « remembers » by looking at what they did.
 */
export async function usualChoices(db: Db, options: { placeId: string; mediatorId: string }): Promise<Pick<RecordInput, "durationMinutes" | "placeKind" | "equipment">> {
  const rows = await db
    .select({ durationMinutes: helpRecords.durationMinutes, placeKind: helpRecords.placeKind, equipment: helpRecords.equipment })
    .from(helpRecords)
    .where(and(eq(helpRecords.placeId, options.placeId), eq(helpRecords.mediatorId, options.mediatorId), eq(helpRecords.status, "done"), eq(helpRecords.kind, "individuel")))
    .orderBy(desc(helpRecords.date), desc(helpRecords.createdAt))
    .limit(20);
  const mostFrequent = <T>(values: T[]): T | undefined => {
    const counts = new Map<string, { value: T; n: number }>();
    for (const value of values) {
      const key = JSON.stringify(value);
      const entry = counts.get(key) ?? { value, n: 0 };
      entry.n += 1;
      counts.set(key, entry);
    }
    let best: { value: T; n: number } | undefined;
    for (const entry of counts.values()) if (!best || entry.n > best.n) best = entry;
    return best?.value;
  };
  return {
    durationMinutes: mostFrequent(rows.map((r) => r.durationMinutes).filter((d): d is number => d !== null)) ?? null,
    placeKind: mostFrequent(rows.map((r) => r.placeKind).filter((p) => p !== null)) ?? "LieuActivite",
    equipment: (mostFrequent(rows.map((r) => [...r.equipment].sort())) ?? []) as RecordInput["equipment"],
  };
}

/** The record already made from this booking, or this session's collective record. */
export async function existingRecordFor(db: Db, options: { placeId: string; bookingId: string | null; sessionId: string | null }): Promise<string | undefined> {
  const source = options.bookingId ? eq(helpRecords.bookingId, options.bookingId) : options.sessionId ? and(eq(helpRecords.sessionId, options.sessionId), eq(helpRecords.kind, "collectif")) : undefined;
  if (!source) return undefined;
  const [row] = await db.select({ id: helpRecords.id }).from(helpRecords).where(and(eq(helpRecords.placeId, options.placeId), source));
  return row?.id;
}
