/**
 * A followed person's rights and the end of their row: erasure on request (« Effacer
 * l'identité »), anonymisation after the retention period (people-retention.server.ts), and
 * merging two rows of the same person. Anonymising sets every identity column to null and keeps
 * the statistical attributes (age band, gender, status, commune) and the records they took part
 * in, so past figures do not change; bookings and registrations stop pointing at them. Audited
 * with ids and names of fields only.
 */
import { and, eq, inArray, isNull, notInArray } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { beneficiaries, bookings, helpRecordPeople, workshopRegistrations } from "~/db/schema";
import { recordAudit } from "~/features/audit/record.server";
import { isUuid } from "~/lib/ids";
import type { BeneficiaryField } from "./beneficiaries.server";

export type AnonymiseReason = "erasure" | "retention" | "merge";

/** The identity columns, all set to null (the table's CHECK requires every one of them). */
const NO_IDENTITY = { firstName: null, lastName: null, phone: null, email: null, birthYear: null, notes: null } as const;

/**
 * Anonymise these rows (in the caller's transaction), those still followed only: identity gone,
 * links from bookings and registrations removed. Returns the rows anonymised now.
 */
export async function anonymiseBeneficiaries(tx: Db, input: { ids: string[]; reason: AnonymiseReason; now: Date; mergedInto?: string }): Promise<{ id: string; placeId: string }[]> {
  if (input.ids.length === 0) return [];
  const done = await tx
    .update(beneficiaries)
    .set({ ...NO_IDENTITY, anonymisedAt: input.now, anonymisedReason: input.reason, mergedInto: input.mergedInto ?? null, updatedAt: input.now })
    .where(and(inArray(beneficiaries.id, input.ids), isNull(beneficiaries.anonymisedAt)))
    .returning({ id: beneficiaries.id, placeId: beneficiaries.placeId });
  if (done.length === 0) return [];
  const ids = done.map((d) => d.id);
  await tx.update(bookings).set({ beneficiaryId: null }).where(inArray(bookings.beneficiaryId, ids));
  await tx.update(workshopRegistrations).set({ beneficiaryId: null }).where(inArray(workshopRegistrations.beneficiaryId, ids));
  return done;
}

/**
 * Erase a person's identity at their request (or when they withdraw consent): names, phone,
 * email, notes and birth year gone; age band, gender, status and commune kept, and the records'
 * counts. Audited.
 */
export async function eraseBeneficiary(db: Db, input: { placeId: string; beneficiaryId: string; actorUserId: string | null; now?: Date }): Promise<"erased" | "not-found"> {
  if (!isUuid(input.beneficiaryId)) return "not-found";
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: beneficiaries.id })
      .from(beneficiaries)
      .where(and(eq(beneficiaries.id, input.beneficiaryId), eq(beneficiaries.placeId, input.placeId), isNull(beneficiaries.anonymisedAt)))
      .for("update");
    if (!row) return "not-found";
    await anonymiseBeneficiaries(tx, { ids: [row.id], reason: "erasure", now });
    await recordAudit(tx, { actorUserId: input.actorUserId, action: "beneficiary.erase", entityType: "beneficiary", entityId: row.id, placeId: input.placeId, after: { reason: "erasure" } }, now);
    return "erased";
  });
}

export type MergeResult =
  | { kind: "merged"; records: number; bookings: number; registrations: number; filled: BeneficiaryField[] }
  | { kind: "not-found" }
  | { kind: "same" };

/** What the kept row may take from the duplicate when it has nothing (or « non communiqué »). */
const FILLABLE = ["lastName", "phone", "email", "birthYear", "notes", "ageBand", "gender", "socialStatus", "communeInsee"] as const;
const isEmpty = (value: unknown) => value === null || value === "NonCommunique";

/**
 * Merge `duplicateId` into `keptId`, two followed people of the same place, in one transaction:
 * the duplicate's records, bookings and registrations move to the kept row (a record holding both
 * keeps the kept one's line, and its counts as they are), what the kept row lacks is taken from the
 * duplicate, the later last activity is kept, then the duplicate is anonymised (reason `merge`,
 * `merged_into` the kept row). Audited on the kept row with the duplicate's id and the names of
 * the fields taken.
 */
export async function mergeBeneficiaries(db: Db, input: { placeId: string; keptId: string; duplicateId: string; actorUserId: string | null; now?: Date }): Promise<MergeResult> {
  if (!isUuid(input.keptId) || !isUuid(input.duplicateId)) return { kind: "not-found" };
  if (input.keptId === input.duplicateId) return { kind: "same" };
  const now = input.now ?? new Date();
  return db.transaction(async (tx): Promise<MergeResult> => {
    // Both rows locked, in id order (two merges of the same pair cannot deadlock).
    const rows = await tx
      .select({
        id: beneficiaries.id, lastName: beneficiaries.lastName, phone: beneficiaries.phone, email: beneficiaries.email, birthYear: beneficiaries.birthYear,
        notes: beneficiaries.notes, ageBand: beneficiaries.ageBand, gender: beneficiaries.gender, socialStatus: beneficiaries.socialStatus,
        communeInsee: beneficiaries.communeInsee, communeName: beneficiaries.communeName, lastActivityAt: beneficiaries.lastActivityAt,
      })
      .from(beneficiaries)
      .where(and(inArray(beneficiaries.id, [input.keptId, input.duplicateId]), eq(beneficiaries.placeId, input.placeId), isNull(beneficiaries.anonymisedAt)))
      .orderBy(beneficiaries.id)
      .for("update");
    const kept = rows.find((r) => r.id === input.keptId);
    const duplicate = rows.find((r) => r.id === input.duplicateId);
    if (!kept || !duplicate) return { kind: "not-found" };

    const fill: Partial<typeof beneficiaries.$inferInsert> = {};
    const filled: BeneficiaryField[] = [];
    for (const key of FILLABLE) {
      if (isEmpty(kept[key]) && !isEmpty(duplicate[key])) {
        Object.assign(fill, key === "communeInsee" ? { communeInsee: duplicate.communeInsee, communeName: duplicate.communeName } : { [key]: duplicate[key] });
        filled.push(key === "communeInsee" ? "commune" : key);
      }
    }

    // Records: the duplicate's lines move, except on records that already hold the kept person.
    const alreadyKept = tx.select({ recordId: helpRecordPeople.recordId }).from(helpRecordPeople).where(eq(helpRecordPeople.beneficiaryId, kept.id));
    const movedRecords = await tx
      .update(helpRecordPeople)
      .set({ beneficiaryId: kept.id })
      .where(and(eq(helpRecordPeople.beneficiaryId, duplicate.id), notInArray(helpRecordPeople.recordId, alreadyKept)))
      .returning({ recordId: helpRecordPeople.recordId });
    await tx.delete(helpRecordPeople).where(eq(helpRecordPeople.beneficiaryId, duplicate.id));
    const movedBookings = await tx.update(bookings).set({ beneficiaryId: kept.id }).where(eq(bookings.beneficiaryId, duplicate.id)).returning({ id: bookings.id });
    const movedRegistrations = await tx
      .update(workshopRegistrations)
      .set({ beneficiaryId: kept.id })
      .where(eq(workshopRegistrations.beneficiaryId, duplicate.id))
      .returning({ id: workshopRegistrations.id });

    const lastActivityAt = duplicate.lastActivityAt > kept.lastActivityAt ? duplicate.lastActivityAt : kept.lastActivityAt;
    await tx.update(beneficiaries).set({ ...fill, lastActivityAt, updatedAt: now }).where(eq(beneficiaries.id, kept.id));
    await anonymiseBeneficiaries(tx, { ids: [duplicate.id], reason: "merge", now, mergedInto: kept.id });
    await recordAudit(
      tx,
      { actorUserId: input.actorUserId, action: "beneficiary.merge", entityType: "beneficiary", entityId: kept.id, placeId: input.placeId, after: { mergedFrom: duplicate.id, filled } },
      now,
    );
    return { kind: "merged", records: movedRecords.length, bookings: movedBookings.length, registrations: movedRegistrations.length, filled };
  });
}
