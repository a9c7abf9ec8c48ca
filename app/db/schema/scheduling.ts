/**
 * Scheduling (app/features/scheduling): a place's bookable resources and their rules, closures,
 * bookings, the per-place booking settings and the staff's calendar feeds.
 *
 * No double booking is settled here: `bookings.during` is a generated `tstzrange` (the booking and
 * the buffer after it, so buffers hold under concurrency too) and the
 * migration adds `EXCLUDE USING gist (resource_id WITH =, during WITH &&)` for active bookings
 * (drizzle-kit cannot write exclusion constraints; see drizzle/0013_scheduling-exclusion.sql).
 */
import { sql } from "drizzle-orm";
import { boolean, check, customType, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { beneficiaries } from "./people";
import { places } from "./places";

const tstzrange = customType<{ data: string; driverData: string }>({ dataType: () => "tstzrange" });

export const RESOURCE_KINDS = ["station", "room", "machine", "appointment"] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/**
 * Something of a place that is booked by time: a computer station, a room, a machine, or a
 * mediator's appointments. A booking lasts between `min_minutes` and `max_minutes` and starts on
 * the `grid_minutes` grid (min = max: fixed slots). `hours` (OSM opening_hours) narrows the
 * place's hours; null = the place's hours.
 */
export const resources = pgTable(
  "resources",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    placeId: uuid("place_id").notNull().references(() => places.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: RESOURCE_KINDS }).notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    /** Shown order; a station's number. */
    position: integer("position").notNull().default(0),
    /** Appointments: the mediator whose agenda this is (their feed lists it). */
    staffUserId: uuid("staff_user_id").references(() => users.id, { onDelete: "set null" }),
    /** Appointments: the reasons offered ("Démarches en ligne", "Emploi, CV"…). */
    reasons: text("reasons").array().notNull().default(sql`'{}'::text[]`),
    minMinutes: integer("min_minutes").notNull().default(60),
    maxMinutes: integer("max_minutes").notNull().default(60),
    gridMinutes: integer("grid_minutes").notNull().default(30),
    hours: text("hours"),
    minLeadMinutes: integer("min_lead_minutes").notNull().default(60),
    maxLeadDays: integer("max_lead_days").notNull().default(14),
    maxPerDay: integer("max_per_day"),
    maxPerWeek: integer("max_per_week"),
    maxMinutesPerDay: integer("max_minutes_per_day"),
    bufferMinutes: integer("buffer_minutes").notNull().default(0),
    /** Null: free. Shown to the public; payment is another capability. */
    priceCents: integer("price_cents"),
    /** Only the place's members (app/features/sales) may book: checked online and at the desk. */
    requiresMembership: boolean("requires_membership").notNull().default(false),
    /** False: staff only (booked at the desk). */
    publicOnline: boolean("public_online").notNull().default(true),
    needsConfirmation: boolean("needs_confirmation").notNull().default(false),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("resources_place_idx").on(t.placeId, t.position),
    check("resources_kind_check", sql`${t.kind} in ('station', 'room', 'machine', 'appointment')`),
    check("resources_length_check", sql`${t.minMinutes} between 5 and 1440 and ${t.maxMinutes} between ${t.minMinutes} and 1440`),
    check("resources_grid_check", sql`${t.gridMinutes} between 5 and 240`),
    check("resources_lead_check", sql`${t.minLeadMinutes} >= 0 and ${t.maxLeadDays} between 1 and 366`),
    check("resources_limits_check", sql`coalesce(${t.maxPerDay}, 1) >= 1 and coalesce(${t.maxPerWeek}, 1) >= 1 and coalesce(${t.maxMinutesPerDay}, 5) >= 5`),
    check("resources_buffer_check", sql`${t.bufferMinutes} between 0 and 240`),
    check("resources_price_check", sql`coalesce(${t.priceCents}, 0) >= 0`),
  ],
);

/** A closure of the whole place (resource null) or of one resource, for whole days (inclusive). */
export const closures = pgTable(
  "closures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    placeId: uuid("place_id").notNull().references(() => places.id, { onDelete: "cascade" }),
    resourceId: uuid("resource_id").references(() => resources.id, { onDelete: "cascade" }),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    reason: text("reason").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("closures_place_idx").on(t.placeId, t.endsOn), check("closures_dates_check", sql`${t.endsOn} >= ${t.startsOn}`)],
);

export const BOOKING_STATUSES = ["pending", "confirmed", "cancelled"] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export const ATTENDANCES = ["present", "absent", "excused"] as const;
export type Attendance = (typeof ATTENDANCES)[number];
export const BOOKING_SOURCES = ["online", "desk", "walkin", "api"] as const;
export type BookingSource = (typeof BOOKING_SOURCES)[number];

/**
 * A booking of a resource for [starts_at, ends_at). The person has no account: they are known by
 * `person_key` (a phone in E.164, or a lower-cased email), which per-person limits and no-shows
 * count by. Personal data (first name, phone, email, note) is erased after the retention period;
 * the row stays for the figures.
 */
export const bookings = pgTable(
  "bookings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    resourceId: uuid("resource_id").notNull().references(() => resources.id, { onDelete: "cascade" }),
    placeId: uuid("place_id").notNull().references(() => places.id, { onDelete: "cascade" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    /** The end plus the resource's buffer when booked: the next booking may start from here. */
    blockedUntil: timestamp("blocked_until", { withTimezone: true }).notNull(),
    /** What the exclusion constraint compares: [starts_at, blocked_until). */
    during: tstzrange("during").notNull().generatedAlwaysAs(sql`tstzrange(starts_at, blocked_until, '[)')`),
    status: text("status", { enum: BOOKING_STATUSES }).notNull().default("confirmed"),
    attendance: text("attendance", { enum: ATTENDANCES }),
    source: text("source", { enum: BOOKING_SOURCES }).notNull(),
    personKey: text("person_key"),
    firstName: text("first_name"),
    phone: text("phone"),
    email: text("email"),
    reason: text("reason"),
    note: text("note"),
    /** The person followed by name (mediation), when staff linked them. */
    beneficiaryId: uuid("beneficiary_id").references(() => beneficiaries.id, { onDelete: "set null" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    idempotencyKey: text("idempotency_key"),
    manageTokenHash: text("manage_token_hash"),
    cancelReason: text("cancel_reason"),
    cancelledBy: text("cancelled_by", { enum: ["person", "staff", "closure"] }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    erasedAt: timestamp("erased_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("bookings_idempotency_idx").on(t.idempotencyKey),
    uniqueIndex("bookings_manage_token_idx").on(t.manageTokenHash),
    index("bookings_resource_idx").on(t.resourceId, t.startsAt),
    index("bookings_place_idx").on(t.placeId, t.startsAt),
    index("bookings_person_idx").on(t.personKey, t.startsAt),
    index("bookings_beneficiary_idx").on(t.beneficiaryId),
    index("bookings_ends_idx").on(t.endsAt).where(sql`erased_at is null`),
    check("bookings_range_check", sql`${t.endsAt} > ${t.startsAt} and ${t.blockedUntil} >= ${t.endsAt}`),
    check("bookings_status_check", sql`${t.status} in ('pending', 'confirmed', 'cancelled')`),
    check("bookings_attendance_check", sql`${t.attendance} is null or ${t.attendance} in ('present', 'absent', 'excused')`),
    check("bookings_source_check", sql`${t.source} in ('online', 'desk', 'walkin', 'api')`),
    check("bookings_name_check", sql`length(${t.firstName}) <= 80 and length(${t.note}) <= 500 and length(${t.email}) <= 254`),
  ],
);

/** Per-place booking settings; a place without a row uses the defaults. */
export const bookingSettings = pgTable(
  "booking_settings",
  {
    placeId: uuid("place_id").primaryKey().references(() => places.id, { onDelete: "cascade" }),
    /** Hours before the start; null = no reminder. */
    reminderHours: integer("reminder_hours").default(24),
    /** A person may cancel or move up to this many hours before the start. */
    cancelDeadlineHours: integer("cancel_deadline_hours").notNull().default(2),
    /** Null: off. Else, after this many no-shows in 90 days, online booking is refused for 30 days. */
    noShowLimit: integer("no_show_limit"),
    /** Days after a booking's end before its personal data is erased. */
    retentionDays: integer("retention_days").notNull().default(90),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("booking_settings_reminder_check", sql`${t.reminderHours} is null or ${t.reminderHours} between 2 and 72`),
    check("booking_settings_deadline_check", sql`${t.cancelDeadlineHours} between 0 and 168`),
    check("booking_settings_no_show_check", sql`${t.noShowLimit} is null or ${t.noShowLimit} between 1 and 20`),
    check("booking_settings_retention_check", sql`${t.retentionDays} between 1 and 3650`),
  ],
);

/** A secret iCalendar feed of a place's bookings, or of one mediator's appointments; revocable. */
export const calendarFeeds = pgTable(
  "calendar_feeds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull().unique(),
    placeId: uuid("place_id").notNull().references(() => places.id, { onDelete: "cascade" }),
    /** Set: only this mediator's appointments; null: the whole place. */
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("calendar_feeds_place_idx").on(t.placeId)],
);

/** The SMS outbox, as the mail outbox: stored with its `sms.send` job, sent over SMPP. */
export const smsOutbox = pgTable("sms_outbox", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** E.164. */
  toNumber: text("to_number").notNull(),
  body: text("body").notNull(),
  status: text("status", { enum: ["pending", "sent", "failed"] }).notNull().default("pending"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  sentAt: timestamp("sent_at", { withTimezone: true }),
});
