/**
 * Workshops (app/features/workshops): a series of dated sessions — a workshop, a drop-in
 * (« permanence »), an event, or a mobile EPN's visit to one of its stops — and the people
 * registered or waiting for a seat.
 *
 * Seats are settled here: `workshop_sessions.seats_taken` counts the registered and offered seats
 * and a CHECK keeps it at or under the capacity, whatever the code does. Every change of a
 * session's seats takes the session's row lock first (for a cycle, every session of the cycle, in
 * start order), so registering, cancelling and promoting the next person wait for each other.
 */
import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { beneficiaries } from "./people";
import { users } from "./accounts";
import { KNN_LATITUDE_SCALE, places, point } from "./places";

/**
 * A stop of a mobile EPN (a place whose `itinerance` says « Itinérant »): where the bus or van
 * parks. The national standard has no field for it; our API and agenda carry it. When it comes is
 * a series of kind `visit` at this stop.
 */
export const stops = pgTable(
  "stops",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    placeId: uuid("place_id").notNull().references(() => places.id, { onDelete: "cascade" }),
    /** « Place du marché », « Parking de la mairie ». */
    label: text("label").notNull(),
    address: text("address").notNull(),
    commune: text("commune").notNull(),
    postcode: text("postcode").notNull(),
    inseeCode: text("insee_code").notNull(),
    latitude: doublePrecision("latitude").notNull(),
    longitude: doublePrecision("longitude").notNull(),
    knnPoint: point("knn_point").generatedAlwaysAs(sql.raw(`point(longitude, latitude * ${KNN_LATITUDE_SCALE})`)),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("stops_place_idx").on(t.placeId),
    index("stops_knn_idx").using("gist", t.knnPoint),
    check("stops_text_check", sql`length(${t.label}) between 1 and 120 and length(${t.address}) <= 200`),
    check("stops_position_check", sql`${t.latitude} between -90 and 90 and ${t.longitude} between -180 and 180`),
  ],
);

export const WORKSHOP_KINDS = ["workshop", "dropin", "event", "visit"] as const;
export type WorkshopKind = (typeof WORKSHOP_KINDS)[number];
export const WORKSHOP_LEVELS = ["beginner", "intermediate", "advanced"] as const;
export type WorkshopLevel = (typeof WORKSHOP_LEVELS)[number];
/** none: no registration (come along); session: one registration per session; cycle: one covers every session. */
export const REGISTRATION_MODES = ["none", "session", "cycle"] as const;
export type RegistrationMode = (typeof REGISTRATION_MODES)[number];
/** auto: the first waiting person gets the freed seat and is told; offer: they have `offer_hours` to accept it. */
export const PROMOTION_MODES = ["auto", "offer"] as const;
export type PromotionMode = (typeof PROMOTION_MODES)[number];
export const WORKSHOP_LOCATIONS = ["place", "online", "stop"] as const;
export type WorkshopLocation = (typeof WORKSHOP_LOCATIONS)[number];

/**
 * A series: what it is, who it is for, how people register, and the recurrence its sessions were
 * made from (kept to edit them all). Sessions are rows of their own: one can be moved, cancelled or
 * given another capacity without touching the others (`workshop_sessions.detached`).
 */
export const workshops = pgTable(
  "workshops",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    placeId: uuid("place_id").notNull().references(() => places.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: WORKSHOP_KINDS }).notNull().default("workshop"),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** A national activity theme (FIELDS.md appendix C: « Email », « NavigationSurInternet »…). */
    theme: text("theme"),
    level: text("level", { enum: WORKSHOP_LEVELS }),
    audience: text("audience").notNull().default(""),
    bring: text("bring").notNull().default(""),
    accessibility: text("accessibility").notNull().default(""),
    /** Seats per session; null: no limit (a drop-in, an open day). */
    capacity: integer("capacity"),
    registration: text("registration", { enum: REGISTRATION_MODES }).notNull().default("session"),
    promotion: text("promotion", { enum: PROMOTION_MODES }).notNull().default("auto"),
    /** With promotion = offer: hours the first waiting person has to accept a freed seat. */
    offerHours: integer("offer_hours").notNull().default(24),
    /** Null: free. */
    priceCents: integer("price_cents"),
    /** Only the place's members (app/features/sales) may book: checked online and at the desk. */
    requiresMembership: boolean("requires_membership").notNull().default(false),
    location: text("location", { enum: WORKSHOP_LOCATIONS }).notNull().default("place"),
    stopId: uuid("stop_id").references(() => stops.id, { onDelete: "restrict" }),
    onlineUrl: text("online_url"),
    /** The mediators who run it (users). */
    mediatorIds: uuid("mediator_ids").array().notNull().default(sql`'{}'::uuid[]`),
    /** The recurrence as entered (RFC 5545 RRULE, wall-clock days), null for dated sessions. */
    rrule: text("rrule"),
    startMinute: integer("start_minute"),
    endMinute: integer("end_minute"),
    skipSchoolHolidays: boolean("skip_school_holidays").notNull().default(false),
    skipPublicHolidays: boolean("skip_public_holidays").notNull().default(true),
    /** Days left out of the recurrence by hand (YYYY-MM-DD). */
    exceptDates: date("except_dates", { mode: "string" }).array().notNull().default(sql`'{}'::date[]`),
    published: boolean("published").notNull().default(true),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
  },
  (t) => [
    index("workshops_place_idx").on(t.placeId),
    index("workshops_theme_idx").on(t.theme),
    check("workshops_kind_check", sql`${t.kind} in ('workshop', 'dropin', 'event', 'visit')`),
    check("workshops_level_check", sql`${t.level} is null or ${t.level} in ('beginner', 'intermediate', 'advanced')`),
    check("workshops_registration_check", sql`${t.registration} in ('none', 'session', 'cycle')`),
    check("workshops_promotion_check", sql`${t.promotion} in ('auto', 'offer') and ${t.offerHours} between 1 and 168`),
    check("workshops_capacity_check", sql`${t.capacity} is null or ${t.capacity} between 1 and 1000`),
    check("workshops_price_check", sql`coalesce(${t.priceCents}, 0) >= 0`),
    check("workshops_location_check", sql`${t.location} in ('place', 'online', 'stop') and (${t.location} = 'stop') = (${t.stopId} is not null)`),
    check("workshops_minutes_check", sql`(${t.startMinute} is null) = (${t.endMinute} is null) and coalesce(${t.startMinute}, 0) between 0 and 1439 and coalesce(${t.endMinute}, 1) between 1 and 1440`),
    check(
      "workshops_text_check",
      sql`length(${t.title}) between 1 and 120 and length(${t.description}) <= 4000 and length(${t.audience}) <= 300 and length(${t.bring}) <= 300 and length(${t.accessibility}) <= 500`,
    ),
  ],
);

export const SESSION_STATUSES = ["scheduled", "cancelled"] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/**
 * One dated session of a series. Where it is (`knn_point`) is copied from its stop or place for the
 * agenda's distance filter, and its series' `theme` for the agenda's theme filter (the series
 * commands write both in the statements that insert sessions, and a theme edited on the series
 * is written to all its sessions in the same transaction).
 */
export const workshopSessions = pgTable(
  "workshop_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workshopId: uuid("workshop_id").notNull().references(() => workshops.id, { onDelete: "cascade" }),
    placeId: uuid("place_id").notNull().references(() => places.id, { onDelete: "cascade" }),
    stopId: uuid("stop_id").references(() => stops.id, { onDelete: "restrict" }),
    /** (longitude, latitude × KNN_LATITUDE_SCALE) of the stop or the place; null online. */
    knnPoint: point("knn_point"),
    /**
     * The series' theme, copied: a theme alone is read from `workshop_sessions_theme_idx` in start
     * order, stopping at the page's end (through the series, the planner sorted every session of the theme).
     */
    theme: text("theme"),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    /** Copied from the series; null: no limit. */
    capacity: integer("capacity"),
    /** Registered and offered seats (a cycle's registrations count in each of its sessions). */
    seatsTaken: integer("seats_taken").notNull().default(0),
    /** People who came without registering. */
    walkIns: integer("walk_ins").notNull().default(0),
    status: text("status", { enum: SESSION_STATUSES }).notNull().default("scheduled"),
    /** Edited on its own: « edit all » leaves it as it is. */
    detached: boolean("detached").notNull().default(false),
    cancelReason: text("cancel_reason"),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("workshop_sessions_workshop_idx").on(t.workshopId, t.startsAt),
    index("workshop_sessions_place_idx").on(t.placeId, t.startsAt),
    index("workshop_sessions_upcoming_idx").on(t.startsAt).where(sql`status = 'scheduled'`),
    index("workshop_sessions_theme_idx").on(t.theme, t.startsAt).where(sql`status = 'scheduled'`),
    index("workshop_sessions_knn_idx").using("gist", t.knnPoint, t.startsAt).where(sql`status = 'scheduled'`),
    check("workshop_sessions_range_check", sql`${t.endsAt} > ${t.startsAt}`),
    check("workshop_sessions_seats_check", sql`${t.seatsTaken} >= 0 and (${t.capacity} is null or ${t.seatsTaken} <= ${t.capacity})`),
    check("workshop_sessions_walk_ins_check", sql`${t.walkIns} between 0 and 10000`),
    check("workshop_sessions_status_check", sql`${t.status} in ('scheduled', 'cancelled')`),
  ],
);

export const REGISTRATION_STATUSES = ["registered", "waiting", "offered", "cancelled"] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/**
 * A person's registration for one session, or (session null) for every session of a cycle. The
 * person has no account: `person_key` is their E.164 phone or lower-cased email, as for bookings.
 * Waiting people are served in `queue_no` order. Personal data is erased after the place's
 * retention period (booking_settings.retention_days); the row stays for the figures.
 */
export const workshopRegistrations = pgTable(
  "workshop_registrations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workshopId: uuid("workshop_id").notNull().references(() => workshops.id, { onDelete: "cascade" }),
    /** Null: the whole cycle. */
    sessionId: uuid("session_id").references(() => workshopSessions.id, { onDelete: "cascade" }),
    placeId: uuid("place_id").notNull().references(() => places.id, { onDelete: "cascade" }),
    status: text("status", { enum: REGISTRATION_STATUSES }).notNull(),
    /** Arrival order (a sequence): the waiting list is served in this order. */
    queueNo: bigint("queue_no", { mode: "number" }).generatedByDefaultAsIdentity().notNull(),
    /** status = offered: the seat is held until then. */
    offeredUntil: timestamp("offered_until", { withTimezone: true }),
    source: text("source", { enum: ["online", "desk", "api"] }).notNull(),
    personKey: text("person_key"),
    firstName: text("first_name"),
    phone: text("phone"),
    email: text("email"),
    /** The person followed by name (mediation), when staff linked them. */
    beneficiaryId: uuid("beneficiary_id").references(() => beneficiaries.id, { onDelete: "set null" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    idempotencyKey: text("idempotency_key"),
    manageTokenHash: text("manage_token_hash"),
    cancelReason: text("cancel_reason"),
    cancelledBy: text("cancelled_by", { enum: ["person", "staff", "session", "lapsed"] }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    erasedAt: timestamp("erased_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("workshop_registrations_idempotency_idx").on(t.idempotencyKey),
    uniqueIndex("workshop_registrations_token_idx").on(t.manageTokenHash),
    /** One active registration per person and session (or cycle). */
    uniqueIndex("workshop_registrations_person_idx")
      .on(t.workshopId, sql`coalesce(${t.sessionId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.personKey)
      .where(sql`status <> 'cancelled' and person_key is not null`),
    index("workshop_registrations_beneficiary_idx").on(t.beneficiaryId),
    index("workshop_registrations_session_idx").on(t.sessionId, t.status, t.queueNo),
    index("workshop_registrations_cycle_idx").on(t.workshopId, t.status, t.queueNo).where(sql`session_id is null`),
    index("workshop_registrations_erase_idx").on(t.placeId, t.createdAt).where(sql`erased_at is null`),
    check("workshop_registrations_status_check", sql`${t.status} in ('registered', 'waiting', 'offered', 'cancelled')`),
    check("workshop_registrations_offer_check", sql`(${t.status} = 'offered') = (${t.offeredUntil} is not null)`),
    check("workshop_registrations_source_check", sql`${t.source} in ('online', 'desk', 'api')`),
    check("workshop_registrations_name_check", sql`length(${t.firstName}) <= 80 and length(${t.email}) <= 254`),
  ],
);

/** Who came to a session (present or absent), per registration: what the mediation records prefill from. */
export const workshopAttendance = pgTable(
  "workshop_attendance",
  {
    sessionId: uuid("session_id").notNull().references(() => workshopSessions.id, { onDelete: "cascade" }),
    registrationId: uuid("registration_id").notNull().references(() => workshopRegistrations.id, { onDelete: "cascade" }),
    attendance: text("attendance", { enum: ["present", "absent"] }).notNull(),
    recordedBy: uuid("recorded_by").references(() => users.id, { onDelete: "set null" }),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.registrationId] }), check("workshop_attendance_check", sql`${t.attendance} in ('present', 'absent')`)],
);
