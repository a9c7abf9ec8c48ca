/**
 * The network's label (app/features/calls): calls for projects with a form, places' applications,
 * reviews, decisions. Acceptance grants the label through `label_grants`.
 *
 * What the database guarantees:
 * - a published call's form is frozen as a numbered version; an application keeps the version it answered;
 * - an application's state is one of Démarches Simplifiées' states (plus « corrections requested »),
 *   and a decided application has its decision's date and reasons;
 * - one application per place and call; one assignment per reviewer and application;
 * - a review's scores exist only once its reviewer declared no conflict of interest;
 * - files live in the database with their checked type, size (≤ 10 MB) and SHA-256.
 */
import { sql } from "drizzle-orm";
import { bigserial, boolean, check, customType, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { labelGrants, networks, places } from "./places";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const CALL_STATUSES = ["draft", "published", "archived"] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];
/** Who may apply: the places of the network, or any place of the platform. */
export const CALL_AUDIENCES = ["network", "any"] as const;

/** Démarches Simplifiées' states: brouillon, en construction, en instruction, accepté, refusé, classé sans suite; and « corrections demandées ». */
export const APPLICATION_STATES = ["draft", "submitted", "under_review", "corrections", "accepted", "refused", "closed"] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];
export const DECIDED_STATES = ["accepted", "refused", "closed"] as const;

const inList = (column: string, list: readonly string[]) => sql.raw(`${column} in (${list.map((v) => `'${v}'`).join(", ")})`);

/** A call for projects of a network. Its form and grid are edited here while it is a draft, and frozen in `call_versions` when published. */
export const calls = pgTable(
  "calls",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id").notNull().references(() => networks.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    themes: text("themes").array().notNull().default(sql`'{}'`),
    funders: text("funders").array().notNull().default(sql`'{}'`),
    opensAt: timestamp("opens_at", { withTimezone: true }).notNull(),
    closesAt: timestamp("closes_at", { withTimezone: true }).notNull(),
    audience: text("audience", { enum: CALL_AUDIENCES }).notNull().default("network"),
    /** The label an acceptance grants, and until when. */
    label: text("label").notNull(),
    labelValidUntil: date("label_valid_until", { mode: "string" }).notNull(),
    status: text("status", { enum: CALL_STATUSES }).notNull().default("draft"),
    /** The form being edited (see app/features/calls/form-model.ts). */
    draftForm: jsonb("draft_form").notNull().default(sql`'{"sections":[]}'::jsonb`),
    /** The scoring grid: criteria with weights, and the scale's maximum. */
    grid: jsonb("grid").notNull().default(sql`'{"scale":5,"criteria":[]}'::jsonb`),
    /** How many submitted reviews an application needs before a decision. */
    reviewsRequired: smallint("reviews_required").notNull().default(1),
    /** Reviewers see the others' reviews only once they submitted theirs. */
    reviewsHidden: boolean("reviews_hidden").notNull().default(true),
    /** Who signs the decision letters. */
    signatoryName: text("signatory_name").notNull().default(""),
    signatoryTitle: text("signatory_title").notNull().default(""),
    /** The version applications answer (null while never published). */
    currentVersion: integer("current_version"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("calls_network_slug_idx").on(t.networkId, t.slug),
    check("calls_status_check", inList("status", CALL_STATUSES)),
    check("calls_audience_check", inList("audience", CALL_AUDIENCES)),
    check("calls_dates_check", sql`${t.closesAt} > ${t.opensAt}`),
    check("calls_reviews_required_check", sql`${t.reviewsRequired} between 0 and 10`),
    check("calls_published_version_check", sql`${t.status} = 'draft' or ${t.currentVersion} is not null`),
  ],
);

/** A published version of a call's form: frozen, an application answers one. */
export const callVersions = pgTable(
  "call_versions",
  {
    callId: uuid("call_id").notNull().references(() => calls.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    form: jsonb("form").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
    publishedBy: uuid("published_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [primaryKey({ columns: [t.callId, t.version] }), check("call_versions_version_check", sql`${t.version} >= 1`)],
);

/** A place's application to a call. */
export const applications = pgTable(
  "applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    callId: uuid("call_id").notNull().references(() => calls.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    placeId: uuid("place_id").notNull().references(() => places.id, { onDelete: "cascade" }),
    /** Dossier number shown to people (per call: 1, 2, …). */
    number: integer("number").notNull(),
    state: text("state", { enum: APPLICATION_STATES }).notNull().default("draft"),
    stateAt: timestamp("state_at", { withTimezone: true }).notNull().defaultNow(),
    /** Answers by question id (app/features/calls/form-model.ts says their shapes). */
    answers: jsonb("answers").notNull().default(sql`'{}'::jsonb`),
    /** Sections saved at least once (the applicant's progress). */
    sectionsSaved: text("sections_saved").array().notNull().default(sql`'{}'`),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionReason: text("decision_reason"),
    /** The application renewed (its answers were copied in). No foreign key: a restore inserts rows in any order. */
    renewalOf: uuid("renewal_of"),
    labelGrantId: uuid("label_grant_id").references(() => labelGrants.id, { onDelete: "set null" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("applications_call_place_idx").on(t.callId, t.placeId),
    uniqueIndex("applications_call_number_idx").on(t.callId, t.number),
    index("applications_place_idx").on(t.placeId),
    foreignKey({ columns: [t.callId, t.version], foreignColumns: [callVersions.callId, callVersions.version], name: "applications_version_fk" }),
    check("applications_state_check", inList("state", APPLICATION_STATES)),
    check("applications_submitted_check", sql`${t.state} = 'draft' or ${t.submittedAt} is not null`),
    check("applications_decided_check", sql`(${t.state} in ('accepted', 'refused', 'closed')) = (${t.decidedAt} is not null)`),
    check("applications_reason_check", sql`${t.state} not in ('refused', 'closed') or length(trim(${t.decisionReason})) > 0`),
  ],
);

/** A file answering a file question, kept in the database (backup, restore and several web nodes need nothing more). */
export const applicationFiles = pgTable(
  "application_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id").notNull().references(() => applications.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    fileName: text("file_name").notNull(),
    /** The type found in the content (never the name's extension). */
    mediaType: text("media_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
    uploadedBy: uuid("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("application_files_application_idx").on(t.applicationId, t.questionId),
    check("application_files_size_check", sql`${t.size} between 1 and 10485760 and octet_length(${t.content}) = ${t.size}`),
  ],
);

export const APPLICATION_EVENT_KINDS = ["state", "message"] as const;

/** An application's history: each state change (with its reasons) and each message between coordinator and applicant. */
export const applicationEvents = pgTable(
  "application_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    applicationId: uuid("application_id").notNull().references(() => applications.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: APPLICATION_EVENT_KINDS }).notNull(),
    /** The state after the event. */
    state: text("state", { enum: APPLICATION_STATES }).notNull(),
    /** Who wrote it: the network's side (« instruction ») or the applicant's. */
    side: text("side", { enum: ["network", "applicant"] }).notNull(),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("application_events_application_idx").on(t.applicationId, t.id),
    check("application_events_kind_check", inList("kind", APPLICATION_EVENT_KINDS)),
    check("application_events_side_check", sql`${t.side} in ('network', 'applicant')`),
    check("application_events_message_check", sql`${t.kind} <> 'message' or length(trim(${t.body})) > 0`),
  ],
);

/** An outside expert of a network: an account with no role, who sees only the applications assigned to them. */
export const networkExperts = pgTable(
  "network_experts",
  {
    networkId: uuid("network_id").notNull().references(() => networks.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    organisation: text("organisation").notNull().default(""),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.userId] }), index("network_experts_user_idx").on(t.userId)],
);

export const DECLARATIONS = ["no-conflict", "conflict"] as const;

/**
 * A reviewer assigned to an application, their declaration of interests and their review.
 * Scores by criterion id: { score, comment }.
 */
export const applicationReviews = pgTable(
  "application_reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id").notNull().references(() => applications.id, { onDelete: "cascade" }),
    reviewerId: uuid("reviewer_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    assignedBy: uuid("assigned_by").references(() => users.id, { onDelete: "set null" }),
    assignedAt: timestamp("assigned_at", { withTimezone: true }).notNull().defaultNow(),
    /** no-conflict: may read and score; conflict: declined (the coordinator assigns someone else). */
    declaration: text("declaration", { enum: DECLARATIONS }),
    declaredAt: timestamp("declared_at", { withTimezone: true }),
    conflictReason: text("conflict_reason"),
    scores: jsonb("scores").notNull().default(sql`'{}'::jsonb`),
    comment: text("comment").notNull().default(""),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("application_reviews_reviewer_idx").on(t.applicationId, t.reviewerId),
    index("application_reviews_reviewer_user_idx").on(t.reviewerId),
    check("application_reviews_declaration_check", sql`${t.declaration} is null or ${t.declaration} in ('no-conflict', 'conflict')`),
    check("application_reviews_declared_check", sql`(${t.declaration} is null) = (${t.declaredAt} is null)`),
    check("application_reviews_scores_check", sql`(${t.declaration} = 'no-conflict') or (${t.scores} = '{}'::jsonb and ${t.submittedAt} is null)`),
  ],
);

/** A decision's letter (PDF), kept as sent. */
export const decisionLetters = pgTable("decision_letters", {
  applicationId: uuid("application_id").primaryKey().references(() => applications.id, { onDelete: "cascade" }),
  state: text("state", { enum: DECIDED_STATES }).notNull(),
  pdf: bytea("pdf").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A label grant's renewal notices already sent (90 and 30 days before its end), so each goes once. */
export const labelRenewalNotices = pgTable(
  "label_renewal_notices",
  {
    labelGrantId: uuid("label_grant_id").notNull().references(() => labelGrants.id, { onDelete: "cascade" }),
    daysBefore: smallint("days_before").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.labelGrantId, t.daysBefore] })],
);

/** A call's closing reminders already sent to draft holders (7 and 1 days before), so each goes once. */
export const callReminders = pgTable(
  "call_reminders",
  {
    callId: uuid("call_id").notNull().references(() => calls.id, { onDelete: "cascade" }),
    daysBefore: smallint("days_before").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.callId, t.daysBefore] })],
);
