/**
 * Partners' referrals (« orientations », app/features/referrals): a partner organisation of a
 * network (an employment agency, a town's social centre, a youth mission) and its advisers send a
 * person to a place, possibly booking a slot for them, and follow whether they came.
 *
 * What the database guarantees (triggers in drizzle/0020_referrals-follow.sql):
 * - a referral's status follows its booking's or workshop registration's attendance by itself
 *   (came, no-show, excused; back to "to contact" when the booking is cancelled), and a finished
 *   help record of that booking makes it "help given", whichever screen or API recorded it;
 * - every status change is a `referral_events` row, and every event row schedules its notice job
 *   (the adviser's mail, the partner's signed webhook) in the same transaction;
 * - the person's identity needs their consent while it exists, and is gone once erased;
 * - a booking or a registration belongs to at most one referral.
 */
import { sql } from "drizzle-orm";
import { bigserial, check, index, integer, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { helpRecords } from "./mediation";
import { inList } from "./people";
import { partners } from "./partners";
import { networks, places } from "./places";
import { bookings } from "./scheduling";
import { workshopRegistrations } from "./workshops";

/** A partner's key to the referrals API (stored hashed, shown once). */
export const partnerApiTokens = pgTable(
  "partner_api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnerId: uuid("partner_id").notNull().references(() => partners.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    /** SHA-256 of the token. */
    tokenHash: text("token_hash").notNull().unique(),
    /** The token's first characters, to tell tokens apart on screen. */
    prefix: text("prefix").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("partner_api_tokens_partner_idx").on(t.partnerId)],
);

/** A network's referral rules. */
export const referralSettings = pgTable(
  "referral_settings",
  {
    networkId: uuid("network_id").primaryKey().references(() => networks.id, { onDelete: "cascade" }),
    /** A referral nobody answered expires after this many days… */
    expiryDays: smallint("expiry_days").notNull().default(30),
    /** …and the place is reminded every this many days until then. */
    reminderDays: smallint("reminder_days").notNull().default(10),
    /** The person's details are erased this many months after the referral closes. */
    retentionMonths: smallint("retention_months").notNull().default(6),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("referral_settings_check", sql`${t.expiryDays} between 2 and 365 and ${t.reminderDays} between 1 and ${t.expiryDays} - 1 and ${t.retentionMonths} between 1 and 60`),
  ],
);

/**
 * sent → accepted | refused; accepted → booked (or booked at once); booked → came | no_show |
 * excused (from attendance); came → helped (from the help record); closed by hand; expired when
 * nobody answered in time.
 */
export const REFERRAL_STATUSES = ["sent", "accepted", "refused", "booked", "came", "no_show", "excused", "helped", "closed", "expired"] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const CONTACT_PREFERENCES = ["phone", "sms", "email"] as const;
export type ContactPreference = (typeof CONTACT_PREFERENCES)[number];

export const referrals = pgTable(
  "referrals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id").notNull().references(() => networks.id, { onDelete: "cascade" }),
    partnerId: uuid("partner_id").notNull().references(() => partners.id, { onDelete: "cascade" }),
    adviserId: uuid("adviser_id").references(() => users.id, { onDelete: "set null" }),
    placeId: uuid("place_id").notNull().references(() => places.id, { onDelete: "cascade" }),
    // The person (erased with `erased_at`).
    firstName: text("first_name"),
    lastName: text("last_name"),
    phone: text("phone"),
    email: text("email"),
    contactPreference: text("contact_preference", { enum: CONTACT_PREFERENCES }),
    note: text("note"),
    /** What the person agreed to, as shown to the adviser, and when. */
    consentWording: text("consent_wording"),
    consentedAt: timestamp("consented_at", { withTimezone: true }),
    /** The needs, as La Coop's theme codes (COOP_THEME_CODES). */
    themes: text("themes").array().notNull().default(sql`'{}'`),
    /** The form's or API request's key: the same request sent twice makes one referral. */
    idempotencyKey: text("idempotency_key").unique(),
    /** The partner's own reference (its file number), sent back in webhooks. */
    partnerReference: text("partner_reference"),
    status: text("status", { enum: REFERRAL_STATUSES }).notNull().default("sent"),
    statusAt: timestamp("status_at", { withTimezone: true }).notNull().defaultNow(),
    bookingId: uuid("booking_id").references(() => bookings.id, { onDelete: "set null" }),
    registrationId: uuid("registration_id").references(() => workshopRegistrations.id, { onDelete: "set null" }),
    helpRecordId: uuid("help_record_id").references(() => helpRecords.id, { onDelete: "set null" }),
    refusalReason: text("refusal_reason"),
    /** The place's first answer (accept, refuse, contact attempt, booking): the delay to first contact. */
    firstAnsweredAt: timestamp("first_answered_at", { withTimezone: true }),
    remindersSent: smallint("reminders_sent").notNull().default(0),
    lastRemindedAt: timestamp("last_reminded_at", { withTimezone: true }),
    /** Set while the status is an outcome (refused, came…): the retention period counts from it. */
    closedAt: timestamp("closed_at", { withTimezone: true }),
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("referrals_partner_idx").on(t.partnerId, t.createdAt),
    index("referrals_place_idx").on(t.placeId, t.status),
    index("referrals_open_idx").on(t.status, t.createdAt).where(sql`status = 'sent'`),
    index("referrals_closed_idx").on(t.closedAt).where(sql`erased_at is null and closed_at is not null`),
    uniqueIndex("referrals_booking_idx").on(t.bookingId),
    uniqueIndex("referrals_registration_idx").on(t.registrationId),
    check("referrals_status_check", sql.raw(inList("status", REFERRAL_STATUSES))),
    check("referrals_contact_preference_check", sql`${t.contactPreference} is null or ${t.contactPreference} in ('phone', 'sms', 'email')`),
    check("referrals_refusal_check", sql`${t.status} <> 'refused' or ${t.refusalReason} is not null or ${t.erasedAt} is not null`),
    check(
      "referrals_identity_check",
      sql`(${t.erasedAt} is null and ${t.firstName} is not null and ${t.lastName} is not null and (${t.phone} is not null or ${t.email} is not null)
            and ${t.consentWording} is not null and ${t.consentedAt} is not null and ${t.contactPreference} is not null
            and (${t.contactPreference} <> 'email' or ${t.email} is not null) and (${t.contactPreference} = 'email' or ${t.phone} is not null))
        or (${t.erasedAt} is not null and ${t.firstName} is null and ${t.lastName} is null and ${t.phone} is null and ${t.email} is null and ${t.note} is null)`,
    ),
  ],
);

export const REFERRAL_EVENT_KINDS = ["status", "contact-attempt", "reminder", "message"] as const;
export type ReferralEventKind = (typeof REFERRAL_EVENT_KINDS)[number];

/**
 * What happened to a referral, in order: each status change, each contact attempt, each reminder
 * sent to the place. The id is the webhook's event id (a receiver ignores one it has seen).
 */
export const referralEvents = pgTable(
  "referral_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The order of events (ids are random). */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    referralId: uuid("referral_id").notNull().references(() => referrals.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: REFERRAL_EVENT_KINDS }).notNull(),
    /** The referral's status after the event. */
    status: text("status", { enum: REFERRAL_STATUSES }).notNull(),
    /** null: the platform (attendance, expiry, a job). */
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    /** A refusal's reason, a contact attempt's note (erased with the person). */
    detail: text("detail"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** Set once the adviser's mail is queued and the webhook scheduled (the notice job ran). */
    noticedAt: timestamp("noticed_at", { withTimezone: true }),
    webhookDeliveredAt: timestamp("webhook_delivered_at", { withTimezone: true }),
    webhookAttempts: integer("webhook_attempts").notNull().default(0),
    webhookLastError: text("webhook_last_error"),
  },
  (t) => [
    index("referral_events_referral_idx").on(t.referralId, t.seq),
    check("referral_events_kind_check", sql.raw(inList("kind", REFERRAL_EVENT_KINDS))),
    check("referral_events_status_check", sql.raw(inList("status", REFERRAL_STATUSES))),
  ],
);
