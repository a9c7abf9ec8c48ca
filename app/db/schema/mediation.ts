/**
 * Mediation (app/features/mediation): the help mediators give (« accompagnements »), on the
 * national activity model of La Coop de la médiation numérique (FIELDS.md appendix C), and the
 * people they follow by name when those people agreed (« bénéficiaires »).
 *
 * Every value stored here is La Coop's own code (`NavigationSurInternet`, `ADistance`,
 * `PartiellementAutonome`…), so a record maps to theirs one to one; the French labels live in
 * the feature (coop-model.ts).
 *
 * A record is also a row of facts for the figures: who took part is counted on the record itself
 * (participants by gender, age band and social status, a snapshot at the time of the help), and
 * its themes and equipment are kept as bits beside their codes, so the statistics page reads each
 * record once and sums columns (docs/decisions/015-mediation.md). Erasing a person removes who
 * they are, never these counts.
 */
import { type SQL, sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { beneficiaries, COOP_AGE_BANDS, COOP_GENDERS, COOP_SOCIAL_STATUSES, inList } from "./people";
import { places } from "./places";
import { bookings } from "./scheduling";
import { workshopSessions } from "./workshops";

/**
 * La Coop's Thematique codes: the 19 themes, then the 11 administrative sub-themes. The order is
 * the bit order of `help_records.theme_bits`: append new codes at the end, never reorder.
 */
export const COOP_THEME_CODES = [
  "DiagnosticNumerique",
  "PrendreEnMainDuMateriel",
  "MaintenanceDeMateriel",
  "GereSesContenusNumeriques",
  "NavigationSurInternet",
  "Email",
  "Bureautique",
  "ReseauxSociaux",
  "Sante",
  "BanqueEtAchatsEnLigne",
  "Entrepreneuriat",
  "InsertionProfessionnelle",
  "SecuriteNumerique",
  "Parentalite",
  "ScolariteEtNumerique",
  "CreerAvecLeNumerique",
  "CultureNumerique",
  "IntelligenceArtificielle",
  "AideAuxDemarchesAdministratives",
] as const;
export const COOP_ADMIN_THEME_CODES = [
  "PapiersElectionsCitoyennete",
  "FamilleScolarite",
  "SocialSante",
  "TravailFormation",
  "Logement",
  "TransportsMobilite",
  "ArgentImpots",
  "Justice",
  "EtrangersEurope",
  "LoisirsSportsCulture",
  "Associations",
] as const;
/** La Coop's Materiel codes, in bit order of `help_records.equipment_bits`. */
export const COOP_EQUIPMENT_CODES = ["Ordinateur", "Telephone", "Tablette", "Autre", "Aucun"] as const;
export const COOP_ACTIVITY_KINDS = ["individuel", "collectif"] as const;
export const COOP_PLACE_KINDS = ["LieuActivite", "Domicile", "ADistance", "Autre"] as const;
export const COOP_AUTONOMY = ["EntierementAccompagne", "PartiellementAutonome", "Autonome"] as const;
export const COOP_ORIENTATIONS = [
  "Administration",
  "MediationNumerique",
  "OperateurOuOrganismeEnCharge",
  "AideSociale",
  "InsertionProfessionnelle",
  "AideAuxDemarchesAdministratives",
  "Autre",
] as const;
export const COOP_LEVELS = ["Debutant", "Intermediaire", "Avance"] as const;

export type CoopTheme = (typeof COOP_THEME_CODES)[number];
export type CoopAdminTheme = (typeof COOP_ADMIN_THEME_CODES)[number];
export type CoopEquipment = (typeof COOP_EQUIPMENT_CODES)[number];
export type CoopActivityKind = (typeof COOP_ACTIVITY_KINDS)[number];
export type CoopPlaceKind = (typeof COOP_PLACE_KINDS)[number];
export type CoopAutonomy = (typeof COOP_AUTONOMY)[number];
export type CoopOrientation = (typeof COOP_ORIENTATIONS)[number];
export type CoopLevel = (typeof COOP_LEVELS)[number];

/** `(case when 'A' = any(col) then 1 else 0 end) | (case when 'B' … then 2 …)`: the codes of an array as bits, in the list's order. */
function bitsOf(column: string, codes: readonly string[]): SQL {
  const terms = codes.map((code, i) => `(case when '${code}' = any(${column}) then ${2 ** i} else 0 end)`);
  return sql.raw(terms.join(" | "));
}

export const HELP_RECORD_STATUSES = ["draft", "done"] as const;
export type HelpRecordStatus = (typeof HELP_RECORD_STATUSES)[number];

/**
 * One help session (La Coop's « Activité »): individual (« Accompagnement individuel ») or
 * collective (« Atelier collectif »). A draft may be half-filled; a done record has what La Coop
 * requires (the CHECK says it). Made from a booking or a workshop session, it keeps the link (one
 * record each); imported from La Coop, it keeps La Coop's id (an import run twice adds nothing).
 */
export const helpRecords = pgTable(
  "help_records",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    placeId: uuid("place_id").notNull().references(() => places.id, { onDelete: "cascade" }),
    mediatorId: uuid("mediator_id").references(() => users.id, { onDelete: "set null" }),
    kind: text("kind", { enum: COOP_ACTIVITY_KINDS }).notNull(),
    status: text("status", { enum: HELP_RECORD_STATUSES }).notNull().default("done"),
    date: date("date", { mode: "string" }).notNull(),
    durationMinutes: integer("duration_minutes"),
    placeKind: text("place_kind", { enum: COOP_PLACE_KINDS }),
    /** Where, for « À domicile » and « Autre lieu »: the commune. */
    communeInsee: text("commune_insee"),
    communeName: text("commune_name"),
    themes: text("themes").array().notNull().default(sql`'{}'::text[]`),
    adminThemes: text("admin_themes").array().notNull().default(sql`'{}'::text[]`),
    equipment: text("equipment").array().notNull().default(sql`'{}'::text[]`),
    themeBits: integer("theme_bits").notNull().generatedAlwaysAs(bitsOf("themes", COOP_THEME_CODES)),
    adminThemeBits: integer("admin_theme_bits").notNull().generatedAlwaysAs(bitsOf("admin_themes", COOP_ADMIN_THEME_CODES)),
    equipmentBits: integer("equipment_bits").notNull().generatedAlwaysAs(bitsOf("equipment", COOP_EQUIPMENT_CODES)),
    /** Individual. */
    autonomy: text("autonomy", { enum: COOP_AUTONOMY }),
    /** Individual: sent on to another structure (`orientation` says which kind). */
    oriented: boolean("oriented").notNull().default(false),
    orientation: text("orientation", { enum: COOP_ORIENTATIONS }),
    /** Collective: the workshop's title and level. */
    title: text("title"),
    level: text("level", { enum: COOP_LEVELS }),
    notes: text("notes"),
    // Who took part, counted (named people's attributes at the time + anonymous counts).
    participants: smallint("participants").notNull().default(1),
    /** Named participants (rows of help_record_people). */
    named: smallint("named").notNull().default(0),
    /** Named people helped here for the first time (La Coop's premierAccompagnement). */
    firstTime: smallint("first_time").notNull().default(0),
    /** Anonymous participants already helped before (La Coop's dejaAccompagne). */
    alreadyHelped: smallint("already_helped").notNull().default(0),
    genderMale: smallint("gender_male").notNull().default(0),
    genderFemale: smallint("gender_female").notNull().default(0),
    genderUnknown: smallint("gender_unknown").notNull().default(0),
    ageUnder12: smallint("age_under_12").notNull().default(0),
    age12To17: smallint("age_12_17").notNull().default(0),
    age18To24: smallint("age_18_24").notNull().default(0),
    age25To39: smallint("age_25_39").notNull().default(0),
    age40To59: smallint("age_40_59").notNull().default(0),
    age60To69: smallint("age_60_69").notNull().default(0),
    age70Plus: smallint("age_70_plus").notNull().default(0),
    ageUnknown: smallint("age_unknown").notNull().default(0),
    statusSchool: smallint("status_school").notNull().default(0),
    statusJobSeeking: smallint("status_job_seeking").notNull().default(0),
    statusEmployed: smallint("status_employed").notNull().default(0),
    statusRetired: smallint("status_retired").notNull().default(0),
    statusUnknown: smallint("status_unknown").notNull().default(0),
    // Where it came from.
    bookingId: uuid("booking_id").references(() => bookings.id, { onDelete: "set null" }),
    sessionId: uuid("session_id").references(() => workshopSessions.id, { onDelete: "set null" }),
    /** La Coop's activity id, when imported from its export. */
    coopId: text("coop_id"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("help_records_place_idx").on(t.placeId, t.date),
    index("help_records_mediator_idx").on(t.mediatorId, t.date),
    index("help_records_date_idx").on(t.date),
    uniqueIndex("help_records_booking_idx").on(t.bookingId),
    /** One collective record per workshop session. */
    uniqueIndex("help_records_session_idx").on(t.sessionId).where(sql`kind = 'collectif'`),
    uniqueIndex("help_records_coop_idx").on(t.placeId, t.coopId),
    check("help_records_kind_check", sql.raw(inList("kind", COOP_ACTIVITY_KINDS))),
    check("help_records_status_check", sql`${t.status} in ('draft', 'done')`),
    check("help_records_place_kind_check", sql.raw(`place_kind is null or ${inList("place_kind", COOP_PLACE_KINDS)}`)),
    check("help_records_autonomy_check", sql.raw(`autonomy is null or ${inList("autonomy", COOP_AUTONOMY)}`)),
    check("help_records_orientation_check", sql.raw(`orientation is null or (oriented and ${inList("orientation", COOP_ORIENTATIONS)})`)),
    check("help_records_level_check", sql.raw(`level is null or ${inList("level", COOP_LEVELS)}`)),
    check("help_records_duration_check", sql`${t.durationMinutes} is null or ${t.durationMinutes} between 1 and 1440`),
    check("help_records_text_check", sql`length(${t.notes}) <= 2000 and length(${t.title}) <= 120`),
    check("help_records_themes_check", sql`${t.themeBits} <> 0 or cardinality(${t.themes}) = 0`),
    check("help_records_admin_themes_check", sql`cardinality(${t.adminThemes}) = 0 or ${t.adminThemeBits} <> 0 and 'AideAuxDemarchesAdministratives' = any(${t.themes})`),
    check("help_records_equipment_check", sql`${t.equipmentBits} <> 0 or cardinality(${t.equipment}) = 0`),
    /** A done record has what La Coop requires. */
    check(
      "help_records_done_check",
      sql`${t.status} = 'draft' or (${t.durationMinutes} is not null and ${t.placeKind} is not null and ${t.themeBits} <> 0
        and (${t.placeKind} in ('LieuActivite', 'ADistance') or ${t.communeInsee} is not null)
        and (${t.kind} = 'individuel' or ${t.title} is not null))`,
    ),
    check(
      "help_records_counts_check",
      sql`${t.participants} between 0 and 1000 and (${t.status} = 'draft' or ${t.participants} >= 1) and ${t.named} between 0 and ${t.participants} and ${t.firstTime} between 0 and ${t.named}
        and ${t.alreadyHelped} between 0 and ${t.participants} - ${t.named}
        and (${t.kind} = 'collectif' or ${t.participants} = 1)
        and ${t.genderMale} + ${t.genderFemale} + ${t.genderUnknown} = ${t.participants}
        and ${t.ageUnder12} + ${t.age12To17} + ${t.age18To24} + ${t.age25To39} + ${t.age40To59} + ${t.age60To69} + ${t.age70Plus} + ${t.ageUnknown} = ${t.participants}
        and ${t.statusSchool} + ${t.statusJobSeeking} + ${t.statusEmployed} + ${t.statusRetired} + ${t.statusUnknown} = ${t.participants}
        and least(${t.genderMale}, ${t.genderFemale}, ${t.genderUnknown}, ${t.ageUnder12}, ${t.age12To17}, ${t.age18To24}, ${t.age25To39}, ${t.age40To59},
          ${t.age60To69}, ${t.age70Plus}, ${t.ageUnknown}, ${t.statusSchool}, ${t.statusJobSeeking}, ${t.statusEmployed}, ${t.statusRetired}, ${t.statusUnknown}) >= 0`,
    ),
  ],
);

/**
 * A named person who took part in a record, with their attributes as they were then (the record's
 * counts include them). An individual record has at most one.
 */
export const helpRecordPeople = pgTable(
  "help_record_people",
  {
    recordId: uuid("record_id").notNull().references(() => helpRecords.id, { onDelete: "cascade" }),
    beneficiaryId: uuid("beneficiary_id").notNull().references(() => beneficiaries.id, { onDelete: "cascade" }),
    ageBand: text("age_band", { enum: COOP_AGE_BANDS }).notNull(),
    gender: text("gender", { enum: COOP_GENDERS }).notNull(),
    socialStatus: text("social_status", { enum: COOP_SOCIAL_STATUSES }).notNull(),
    firstTime: boolean("first_time").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.recordId, t.beneficiaryId] }), index("help_record_people_beneficiary_idx").on(t.beneficiaryId)],
);

/** Per-place mediation settings; a place without a row uses the defaults. */
export const mediationSettings = pgTable(
  "mediation_settings",
  {
    placeId: uuid("place_id").primaryKey().references(() => places.id, { onDelete: "cascade" }),
    /** Months without activity before a followed person is anonymised. */
    retentionMonths: integer("retention_months").notNull().default(12),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("mediation_settings_retention_check", sql`${t.retentionMonths} between 1 and 36`)],
);
