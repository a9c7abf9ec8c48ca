/**
 * People followed by name (« bénéficiaires », app/features/mediation): only with their consent,
 * minimal, erased on request or after the place's retention period. Bookings and workshop
 * registrations may point to one, so a person's history reads across them.
 */
import { sql } from "drizzle-orm";
import { check, index, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { places } from "./places";

export const COOP_GENDERS = ["Masculin", "Feminin", "NonCommunique"] as const;
export const COOP_AGE_BANDS = ["MoinsDeDouze", "DouzeDixHuit", "DixHuitVingtQuatre", "VingtCinqTrenteNeuf", "QuaranteCinquanteNeuf", "SoixanteSoixanteNeuf", "SoixanteDixPlus", "NonCommunique"] as const;
export const COOP_SOCIAL_STATUSES = ["Scolarise", "SansEmploi", "EnEmploi", "Retraite", "NonCommunique"] as const;

export type CoopGender = (typeof COOP_GENDERS)[number];
export type CoopAgeBand = (typeof COOP_AGE_BANDS)[number];
export type CoopSocialStatus = (typeof COOP_SOCIAL_STATUSES)[number];

/** `col in ('a', 'b')` for a CHECK over a list of codes. */
export function inList(column: string, values: readonly string[]): string {
  return `${column} in (${values.map((v) => `'${v}'`).join(", ")})`;
}

/**
 * A person followed by name at a place. Only with their consent (what they were told, when, by
 * whom); anonymous help needs no row here. Identity (names, phone, email, birth year, notes) is
 * erased on request or after the place's retention period without activity; the statistical
 * attributes (age band, gender, status, commune) stay, so past figures do not change.
 */
export const beneficiaries = pgTable(
  "beneficiaries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    placeId: uuid("place_id").notNull().references(() => places.id, { onDelete: "cascade" }),
    // Identity: erased (set to null) by `anonymised_at`.
    firstName: text("first_name"),
    /** The last name, or initials. */
    lastName: text("last_name"),
    phone: text("phone"),
    email: text("email"),
    birthYear: smallint("birth_year"),
    notes: text("notes"),
    // Statistical attributes: kept after erasure.
    ageBand: text("age_band", { enum: COOP_AGE_BANDS }).notNull().default("NonCommunique"),
    gender: text("gender", { enum: COOP_GENDERS }).notNull().default("NonCommunique"),
    socialStatus: text("social_status", { enum: COOP_SOCIAL_STATUSES }).notNull().default("NonCommunique"),
    communeInsee: text("commune_insee"),
    communeName: text("commune_name"),
    // Consent: the wording shown to the person, as it was then.
    consentWording: text("consent_wording"),
    consentAt: timestamp("consent_at", { withTimezone: true }),
    consentBy: uuid("consent_by").references(() => users.id, { onDelete: "set null" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** The last help, booking or registration linked to them: retention counts from here. */
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull().defaultNow(),
    anonymisedAt: timestamp("anonymised_at", { withTimezone: true }),
    anonymisedReason: text("anonymised_reason", { enum: ["erasure", "retention", "merge"] }),
    /** Merged into another row (this one is then anonymised and its links moved). */
    mergedInto: uuid("merged_into"),
  },
  (t) => [
    index("beneficiaries_place_idx").on(t.placeId, t.lastName, t.firstName).where(sql`anonymised_at is null`),
    index("beneficiaries_activity_idx").on(t.lastActivityAt).where(sql`anonymised_at is null`),
    check(
      "beneficiaries_identity_check",
      sql`(${t.anonymisedAt} is null and ${t.firstName} is not null and ${t.consentAt} is not null and ${t.consentWording} is not null)
        or (${t.anonymisedAt} is not null and ${t.firstName} is null and ${t.lastName} is null and ${t.phone} is null and ${t.email} is null and ${t.birthYear} is null and ${t.notes} is null and ${t.anonymisedReason} is not null)`,
    ),
    check(
      "beneficiaries_text_check",
      sql`length(${t.firstName}) between 1 and 80 and length(${t.lastName}) <= 80 and length(${t.email}) <= 254 and length(${t.phone}) <= 20 and length(${t.notes}) <= 2000 and length(${t.consentWording}) <= 4000`,
    ),
    check("beneficiaries_birth_year_check", sql`${t.birthYear} is null or ${t.birthYear} between 1900 and 2100`),
    check("beneficiaries_age_band_check", sql.raw(inList("age_band", COOP_AGE_BANDS))),
    check("beneficiaries_gender_check", sql.raw(inList("gender", COOP_GENDERS))),
    check("beneficiaries_status_check", sql.raw(inList("social_status", COOP_SOCIAL_STATUSES))),
  ],
);

