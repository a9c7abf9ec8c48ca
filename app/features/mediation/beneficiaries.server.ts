/**
 * People a place follows by name (« bénéficiaires »): add one with their consent (the wording
 * shown, when, by whom, stored on the row), edit, renew consent, find them (accent- and
 * case-insensitive on names, or by phone or email), read one — always within the place (the
 * place in every `where`). Every change is audited with the names of the fields only, never their
 * values: the place's log is read by its network's coordinators, who must not see names.
 * Rights (export, erasure, merge) are in beneficiary-rights.server.ts and beneficiary-history.server.ts;
 * the place's retention setting is here, its job in people-retention.server.ts.
 */
import { and, asc, count, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { beneficiaries, mediationSettings, places, users } from "~/db/schema";
import type { CoopAgeBand, CoopGender, CoopSocialStatus } from "~/db/schema/people";
import { recordAudit } from "~/features/audit/record.server";
import { findCommuneByInsee, findCommunesByPostcode, loadCommunes, normalizeCommuneName, resolveCommune } from "~/features/communes/communes";
import { todayInFrance } from "~/features/time/today";
import { isUuid } from "~/lib/ids";
import { pageWindow } from "~/lib/pages";
import { normalizePhone } from "~/lib/phone";
import { BENEFICIARIES_PAGE_SIZE } from "./beneficiary-form";
import { foldText } from "~/lib/text";
import type { BeneficiaryInput } from "./beneficiary-form";
import { ageBandOf } from "./coop-model";
import { consentFingerprint, consentText, consentWording, CURRENT_CONSENT_VERSION, type ConsentText } from "./consent";

/** Months without activity before a followed person is anonymised, when the place has not chosen. */
export const DEFAULT_RETENTION_MONTHS = 12;

/** The fields a person's audit lines may name (names only, never values). */
export type BeneficiaryField = "firstName" | "lastName" | "phone" | "email" | "birthYear" | "ageBand" | "gender" | "socialStatus" | "commune" | "notes";

// ——— The place's setting and its consent text ———

export async function getRetentionMonths(db: Db, placeId: string): Promise<number> {
  const [row] = await db.select({ months: mediationSettings.retentionMonths }).from(mediationSettings).where(eq(mediationSettings.placeId, placeId));
  return row?.months ?? DEFAULT_RETENTION_MONTHS;
}

/** Change the place's retention period (managers), audited. Rows already anonymised stay so; the next hourly pass applies the new period. */
export async function setRetentionMonths(db: Db, input: { placeId: string; months: number; actorUserId: string | null }): Promise<"saved" | "unchanged"> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ months: mediationSettings.retentionMonths }).from(mediationSettings).where(eq(mediationSettings.placeId, input.placeId)).for("update");
    const was = before?.months ?? DEFAULT_RETENTION_MONTHS;
    if (was === input.months) return "unchanged";
    await tx
      .insert(mediationSettings)
      .values({ placeId: input.placeId, retentionMonths: input.months })
      .onConflictDoUpdate({ target: mediationSettings.placeId, set: { retentionMonths: input.months, updatedAt: new Date() } });
    await recordAudit(tx, {
      actorUserId: input.actorUserId, action: "mediation.settings", entityType: "place", entityId: input.placeId, placeId: input.placeId,
      before: { retentionMonths: was }, after: { retentionMonths: input.months },
    });
    return "saved";
  });
}

export type PlaceConsent = { text: ConsentText; wording: string; fingerprint: string; retentionMonths: number };

/** The consent text a place shows today (its name, its retention period), as stored and as shown. */
export async function currentConsent(db: Db, placeId: string): Promise<PlaceConsent | null> {
  const [place] = await db.select({ name: places.name }).from(places).where(eq(places.id, placeId));
  if (!place) return null;
  const retentionMonths = await getRetentionMonths(db, placeId);
  const context = { placeName: place.name, retentionMonths };
  const wording = consentWording(context, CURRENT_CONSENT_VERSION);
  return { text: consentText(context, CURRENT_CONSENT_VERSION), wording, fingerprint: consentFingerprint(wording), retentionMonths };
}

// ——— The commune ———

export type CommunePlacement = { ok: true; insee: string | null; name: string | null } | { ok: false; kind: "commune-unknown" | "commune-ambiguous" };

/**
 * The commune where the person lives, from what was typed, with the offline communes: nothing,
 * a postcode alone (when one commune has it), a name and a postcode, or a name alone (when one
 * commune has it). A homonym (« Saint-Denis ») or a shared postcode without its name is refused
 * rather than guessed.
 */
export function placeCommune(input: { commune: string | null; postcode: string | null }): CommunePlacement {
  if (!input.commune && !input.postcode) return { ok: true, insee: null, name: null };
  if (input.postcode && !input.commune) {
    const found = findCommunesByPostcode(input.postcode);
    if (found.length === 1) return { ok: true, insee: found[0]!.insee, name: found[0]!.name };
    return found.length === 0 ? { ok: false, kind: "commune-unknown" } : { ok: false, kind: "commune-ambiguous" };
  }
  if (input.postcode) {
    const match = resolveCommune({ name: input.commune, postcode: input.postcode });
    if (!match || match.matchedBy === "postcode") return { ok: false, kind: "commune-unknown" };
    return { ok: true, insee: match.commune.insee, name: match.commune.name };
  }
  const key = normalizeCommuneName(input.commune!);
  const named = loadCommunes().filter((c) => normalizeCommuneName(c.name) === key);
  if (named.length === 1) return { ok: true, insee: named[0]!.insee, name: named[0]!.name };
  return named.length === 0 ? { ok: false, kind: "commune-unknown" } : { ok: false, kind: "commune-ambiguous" };
}

/** A postcode of the commune (its first), so the form's name and postcode find it again. */
export function postcodeOf(insee: string | null): string | null {
  return insee ? (findCommuneByInsee(insee)?.postcodes[0] ?? null) : null;
}

// ——— Reading ———

export type BeneficiaryDetails = {
  id: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  birthYear: number | null;
  notes: string | null;
  ageBand: CoopAgeBand;
  gender: CoopGender;
  socialStatus: CoopSocialStatus;
  communeInsee: string | null;
  communeName: string | null;
  consentWording: string | null;
  consentAt: Date | null;
  consentByName: string | null;
  createdAt: Date;
  updatedAt: Date;
  lastActivityAt: Date;
  anonymisedAt: Date | null;
  mergedInto: string | null;
};

const detailColumns = {
  id: beneficiaries.id, firstName: beneficiaries.firstName, lastName: beneficiaries.lastName, phone: beneficiaries.phone, email: beneficiaries.email,
  birthYear: beneficiaries.birthYear, notes: beneficiaries.notes, ageBand: beneficiaries.ageBand, gender: beneficiaries.gender, socialStatus: beneficiaries.socialStatus,
  communeInsee: beneficiaries.communeInsee, communeName: beneficiaries.communeName, consentWording: beneficiaries.consentWording, consentAt: beneficiaries.consentAt,
  consentByName: users.name, createdAt: beneficiaries.createdAt, updatedAt: beneficiaries.updatedAt, lastActivityAt: beneficiaries.lastActivityAt,
  anonymisedAt: beneficiaries.anonymisedAt, mergedInto: beneficiaries.mergedInto,
};

/** One person of this place (anonymised ones too: the caller says what to show), or null. */
export async function getBeneficiary(db: Db, { placeId, beneficiaryId }: { placeId: string; beneficiaryId: string }): Promise<BeneficiaryDetails | null> {
  if (!isUuid(beneficiaryId)) return null;
  const [row] = await db
    .select(detailColumns)
    .from(beneficiaries)
    .leftJoin(users, eq(users.id, beneficiaries.consentBy))
    .where(and(eq(beneficiaries.id, beneficiaryId), eq(beneficiaries.placeId, placeId)));
  return row ?? null;
}

/** What a list or a search shows of a person, and what the record form needs to count them. */
export type BeneficiarySummary = {
  id: string;
  firstName: string;
  lastName: string | null;
  birthYear: number | null;
  communeName: string | null;
  ageBand: CoopAgeBand;
  gender: CoopGender;
  socialStatus: CoopSocialStatus;
  lastActivityAt: Date;
};

const summaryColumns = {
  id: beneficiaries.id, firstName: beneficiaries.firstName, lastName: beneficiaries.lastName, birthYear: beneficiaries.birthYear, communeName: beneficiaries.communeName,
  ageBand: beneficiaries.ageBand, gender: beneficiaries.gender, socialStatus: beneficiaries.socialStatus, lastActivityAt: beneficiaries.lastActivityAt,
};

const followed = (placeId: string) => and(eq(beneficiaries.placeId, placeId), isNull(beneficiaries.anonymisedAt));
/** Names folded as foldText does (lower case, no accents, words separated by single spaces), in SQL. */
const foldedName = sql`regexp_replace(lower(unaccent(coalesce(${beneficiaries.firstName}, '') || ' ' || coalesce(${beneficiaries.lastName}, ''))), '[^a-z0-9]+', ' ', 'g')`;
const foldedLastName = sql`lower(unaccent(coalesce(${beneficiaries.lastName}, '')))`;
const foldedFirstName = sql`lower(unaccent(${beneficiaries.firstName}))`;

/** The place's followed people, by last name then first name, a page at a time. */
export async function listBeneficiaries(db: Db, { placeId, page }: { placeId: string; page?: number }): Promise<{ rows: BeneficiarySummary[]; total: number; pages: number; page: number }> {
  const [{ n }] = (await db.select({ n: count() }).from(beneficiaries).where(followed(placeId))) as [{ n: number }];
  const total = Number(n);
  const window = pageWindow(total, BENEFICIARIES_PAGE_SIZE, page);
  const rows = await db
    .select(summaryColumns)
    .from(beneficiaries)
    .where(followed(placeId))
    .orderBy(foldedLastName, foldedFirstName, asc(beneficiaries.id))
    .limit(BENEFICIARIES_PAGE_SIZE)
    .offset(window.offset);
  return { rows: rows as BeneficiarySummary[], total, ...window };
}

/**
 * The place's followed people matching `q`: every word of it within their names (accents and case
 * ignored: « helene dup » finds « Hélène Dupont »), or their phone (as typed in any French way), or
 * their email. Names that start with the first word come first, then the most recently active.
 */
export async function searchBeneficiaries(db: Db, { placeId, q, limit = 20, excludeId }: { placeId: string; q: string; limit?: number; excludeId?: string }): Promise<BeneficiarySummary[]> {
  const words = foldText(q).split(" ").filter(Boolean).slice(0, 6);
  const phone = normalizePhone(q);
  const email = q.includes("@") ? q.trim().toLowerCase() : null;
  if (words.length === 0 && !phone && !email) return [];
  const byName = words.length ? sql.join(words.map((w) => sql`(' ' || ${foldedName}) like ${`% ${w}%`}`), sql` and `) : sql`false`;
  const rows = await db
    .select(summaryColumns)
    .from(beneficiaries)
    .where(
      and(
        followed(placeId),
        excludeId && isUuid(excludeId) ? sql`${beneficiaries.id} <> ${excludeId}` : undefined,
        sql`(${byName} or ${beneficiaries.phone} = ${phone ?? ""} or ${beneficiaries.email} = ${email ?? ""})`,
      ),
    )
    .orderBy(sql`(${foldedName} like ${`${words[0] ?? ""}%`} or ${foldedLastName} like ${`${words[0] ?? ""}%`}) desc`, sql`${beneficiaries.lastActivityAt} desc`, asc(beneficiaries.id))
    .limit(Math.min(Math.max(1, limit), 200));
  return rows as BeneficiarySummary[];
}

// ——— Commands ———

export type BeneficiaryCommandResult =
  | { kind: "created" | "saved" | "unchanged"; id: string }
  | { kind: "not-found" }
  | { kind: "consent-changed" }
  | { kind: "commune-unknown" }
  | { kind: "commune-ambiguous" };

/** The row's columns from the form's values: the age band from the birth year when given. */
function columnsOf(values: BeneficiaryInput, commune: { insee: string | null; name: string | null }, now: Date) {
  return {
    firstName: values.firstName, lastName: values.lastName, phone: values.phone, email: values.email, birthYear: values.birthYear, notes: values.notes,
    ageBand: values.birthYear ? ageBandOf(values.birthYear, todayInFrance(now)) : values.ageBand,
    gender: values.gender, socialStatus: values.socialStatus, communeInsee: commune.insee, communeName: commune.name,
  };
}
type Columns = ReturnType<typeof columnsOf>;

const FIELD_OF: Record<keyof Columns, BeneficiaryField> = {
  firstName: "firstName", lastName: "lastName", phone: "phone", email: "email", birthYear: "birthYear", notes: "notes", ageBand: "ageBand",
  gender: "gender", socialStatus: "socialStatus", communeInsee: "commune", communeName: "commune",
};

/** The names of the fields that hold something (a code other than « non communiqué »). */
function filledFields(columns: Columns): BeneficiaryField[] {
  const out = new Set<BeneficiaryField>();
  for (const [key, value] of Object.entries(columns) as [keyof Columns, unknown][]) {
    if (value !== null && value !== "NonCommunique") out.add(FIELD_OF[key]);
  }
  return [...out];
}

/**
 * Add a person followed by name, with their consent to the text the form showed (its fingerprint:
 * refused when the place's text changed in between). Their last activity is now. Audited in one
 * line: the names of the fields given and the version of the text they agreed to.
 */
export async function addBeneficiary(
  db: Db,
  input: { placeId: string; values: BeneficiaryInput; consentFingerprint: string; actorUserId: string | null; now?: Date },
): Promise<BeneficiaryCommandResult> {
  const now = input.now ?? new Date();
  const commune = placeCommune(input.values);
  if (!commune.ok) return { kind: commune.kind };
  return db.transaction(async (tx): Promise<BeneficiaryCommandResult> => {
    const consent = await currentConsent(tx, input.placeId);
    if (!consent) return { kind: "not-found" };
    if (consent.fingerprint !== input.consentFingerprint) return { kind: "consent-changed" };
    const columns = columnsOf(input.values, commune, now);
    const [row] = await tx
      .insert(beneficiaries)
      .values({
        ...columns, placeId: input.placeId, consentWording: consent.wording, consentAt: now, consentBy: input.actorUserId, createdBy: input.actorUserId,
        createdAt: now, updatedAt: now, lastActivityAt: now,
      })
      .returning({ id: beneficiaries.id });
    await recordAudit(
      tx,
      {
        actorUserId: input.actorUserId, action: "beneficiary.create", entityType: "beneficiary", entityId: row!.id, placeId: input.placeId,
        after: { fields: filledFields(columns), consentVersion: CURRENT_CONSENT_VERSION },
      },
      now,
    );
    return { kind: "created", id: row!.id };
  });
}

/** Change a person of this place (not anonymised), audited with the names of the fields changed. Their last activity is now. */
export async function editBeneficiary(
  db: Db,
  input: { placeId: string; beneficiaryId: string; values: BeneficiaryInput; actorUserId: string | null; now?: Date },
): Promise<BeneficiaryCommandResult> {
  if (!isUuid(input.beneficiaryId)) return { kind: "not-found" };
  const now = input.now ?? new Date();
  const commune = placeCommune(input.values);
  if (!commune.ok) return { kind: commune.kind };
  return db.transaction(async (tx): Promise<BeneficiaryCommandResult> => {
    const where = and(eq(beneficiaries.id, input.beneficiaryId), followed(input.placeId));
    const [before] = await tx
      .select({
        firstName: beneficiaries.firstName, lastName: beneficiaries.lastName, phone: beneficiaries.phone, email: beneficiaries.email, birthYear: beneficiaries.birthYear,
        notes: beneficiaries.notes, ageBand: beneficiaries.ageBand, gender: beneficiaries.gender, socialStatus: beneficiaries.socialStatus,
        communeInsee: beneficiaries.communeInsee, communeName: beneficiaries.communeName,
      })
      .from(beneficiaries)
      .where(where)
      .for("update");
    if (!before) return { kind: "not-found" };
    const columns = columnsOf(input.values, commune, now);
    const changed = new Set<BeneficiaryField>();
    for (const key of Object.keys(columns) as (keyof Columns)[]) if (before[key] !== columns[key]) changed.add(FIELD_OF[key]);
    if (changed.size === 0) return { kind: "unchanged", id: input.beneficiaryId };
    await tx.update(beneficiaries).set({ ...columns, updatedAt: now, lastActivityAt: now }).where(where);
    await recordAudit(
      tx,
      { actorUserId: input.actorUserId, action: "beneficiary.update", entityType: "beneficiary", entityId: input.beneficiaryId, placeId: input.placeId, after: { fields: [...changed] } },
      now,
    );
    return { kind: "saved", id: input.beneficiaryId };
  });
}

/**
 * Record the person's consent again, to the place's text of today (after a new version or a new
 * retention period): the wording, when and by whom replace the former ones; audited.
 */
export async function recordConsent(
  db: Db,
  input: { placeId: string; beneficiaryId: string; consentFingerprint: string; actorUserId: string | null; now?: Date },
): Promise<BeneficiaryCommandResult> {
  if (!isUuid(input.beneficiaryId)) return { kind: "not-found" };
  const now = input.now ?? new Date();
  return db.transaction(async (tx): Promise<BeneficiaryCommandResult> => {
    const consent = await currentConsent(tx, input.placeId);
    if (!consent) return { kind: "not-found" };
    if (consent.fingerprint !== input.consentFingerprint) return { kind: "consent-changed" };
    const updated = await tx
      .update(beneficiaries)
      .set({ consentWording: consent.wording, consentAt: now, consentBy: input.actorUserId, updatedAt: now, lastActivityAt: now })
      .where(and(eq(beneficiaries.id, input.beneficiaryId), followed(input.placeId)))
      .returning({ id: beneficiaries.id });
    if (updated.length === 0) return { kind: "not-found" };
    await recordAudit(
      tx,
      { actorUserId: input.actorUserId, action: "beneficiary.consent", entityType: "beneficiary", entityId: input.beneficiaryId, placeId: input.placeId, after: { consentVersion: CURRENT_CONSENT_VERSION } },
      now,
    );
    return { kind: "saved", id: input.beneficiaryId };
  });
}

/**
 * Move the last activity of these people of the place to `at`, never backwards (retention counts
 * from it). For the commands that link someone to a help record, a booking or a registration: call
 * it in their transaction. Anonymised people are left alone. Returns how many rows moved.
 */
export async function touchBeneficiaries(db: Db, { placeId, beneficiaryIds, at }: { placeId: string; beneficiaryIds: string[]; at: Date }): Promise<number> {
  const ids = beneficiaryIds.filter(isUuid);
  if (ids.length === 0) return 0;
  const moved = await db
    .update(beneficiaries)
    .set({ lastActivityAt: at })
    .where(and(inArray(beneficiaries.id, ids), followed(placeId), lt(beneficiaries.lastActivityAt, at)))
    .returning({ id: beneficiaries.id });
  return moved.length;
}
