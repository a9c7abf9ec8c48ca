import { sql } from "drizzle-orm";
import {
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  check,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/** Minutes of the week (0 = Monday 00:00, 10080 = next Monday) as a multirange. */
const int4multirange = customType<{ data: string; driverData: string }>({ dataType: () => "int4multirange" });

/** PostgreSQL's built-in `point` (x = longitude, y = latitude); GiST-indexed for nearest-neighbour search. */
const point = customType<{ data: string; driverData: string }>({ dataType: () => "point" });

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

/** A network of places (e.g. "Web O Centre") that labels its members. */
export const networks = pgTable("networks", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  territory: text("territory"),
  description: text("description"),
  isDemo: boolean("is_demo").notNull().default(false),
  ...timestamps,
});

/** The legal body behind places (local authority, association), identified by SIRET/SIREN, RNA or RIDET. */
export const organisations = pgTable("organisations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  pivot: text("pivot").notNull().unique(),
  ...timestamps,
});

/** Current French communes (offline reference data, refreshed from npm packages at start). */
export const communes = pgTable(
  "communes",
  {
    insee: text("insee").primaryKey(),
    name: text("name").notNull(),
    searchName: text("search_name").notNull(),
    postcodes: text("postcodes").array().notNull(),
    department: text("department").notNull(),
    region: text("region"),
    latitude: doublePrecision("latitude").notNull(),
    longitude: doublePrecision("longitude").notNull(),
    location: point("location").generatedAlwaysAs(sql`point(longitude, latitude)`),
    coordinateSource: text("coordinate_source").notNull(),
    timeZone: text("time_zone").notNull(),
    population: integer("population"),
  },
  (t) => [
    index("communes_search_name_idx").using("gin", sql`${t.searchName} gin_trgm_ops`),
    /** The search box's exact commune name lookup (the trigram index above serves the typo-tolerant one). */
    index("communes_search_name_exact_idx").on(t.searchName),
    index("communes_postcodes_idx").using("gin", t.postcodes),
  ],
);

/**
 * The services of the national standard v1.0.2, in its order (the same list as
 * ENUMS.services, checked by a test): each has its partial nearest-first index.
 */
/** Degrees of longitude per degree of latitude in the nearest-first indexes' plane: 1 / cos(46.5°), France's middle. */
export const KNN_LATITUDE_SCALE = 1.45;

export const PLACE_SERVICES = [
  "Aide aux démarches administratives",
  "Maîtrise des outils numériques du quotidien",
  "Insertion professionnelle via le numérique",
  "Utilisation sécurisée du numérique",
  "Parentalité et éducation avec le numérique",
  "Loisirs et créations numériques",
  "Compréhension du monde numérique",
  "Accès internet et matériel informatique",
  "Acquisition de matériel informatique à prix solidaire",
] as const;

/**
 * A place of digital mediation (lieu, EPN): every field of the national standard
 * v1.0.2 (multi-valued fields as arrays) plus our own.
 */
export const places = pgTable(
  "places",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull().unique(),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    /** Who published the record and their id for it: the import key (upsert by source + id). */
    source: text("source").notNull(),
    sourceId: text("source_id").notNull(),
    // National standard v1.0.2
    pivot: text("pivot").notNull(),
    name: text("name").notNull(),
    commune: text("commune").notNull(),
    postcode: text("postcode").notNull(),
    inseeCode: text("insee_code"),
    address: text("address").notNull(),
    addressComplement: text("address_complement"),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    typologie: text("typologie").array().notNull().default(sql`'{}'`),
    phone: text("phone"),
    emails: text("emails").array().notNull().default(sql`'{}'`),
    websites: text("websites").array().notNull().default(sql`'{}'`),
    openingHours: text("opening_hours"),
    summary: text("summary"),
    description: text("description"),
    dataSource: text("data_source"),
    itinerance: text("itinerance").array().notNull().default(sql`'{}'`),
    parentStructure: text("parent_structure"),
    updatedOn: date("updated_on", { mode: "string" }).notNull(),
    services: text("services").array().notNull().default(sql`'{}'`),
    publics: text("publics").array().notNull().default(sql`'{}'`),
    specificSupport: text("specific_support").array().notNull().default(sql`'{}'`),
    fees: text("fees").array().notNull().default(sql`'{}'`),
    nationalPrograms: text("national_programs").array().notNull().default(sql`'{}'`),
    trainingLabels: text("training_labels").array().notNull().default(sql`'{}'`),
    otherTrainingLabels: text("other_training_labels"),
    accessModes: text("access_modes").array().notNull().default(sql`'{}'`),
    supportModes: text("support_modes").array().notNull().default(sql`'{}'`),
    accesLibreUrl: text("acces_libre_url"),
    bookingUrl: text("booking_url"),
    // Our own fields
    /**
     * The position as the nearest-first indexes see it: (longitude, latitude × KNN_LATITUDE_SCALE).
     * In France a degree of latitude is ≈1.45 degrees of longitude long, so distances in this
     * plane are nearly true there and the index's nearest are nearly the nearest on the ground
     * (the search proves it or asks again, see features/directory/nearest.ts).
     */
    knnPoint: point("knn_point").generatedAlwaysAs(
      sql.raw(`case when latitude is null or longitude is null then null else point(longitude, latitude * ${KNN_LATITUDE_SCALE}) end`),
    ),
    /** "source": coordinates given by the producer; "commune": taken from the commune's reference point. */
    coordinatesFrom: text("coordinates_from"),
    /** Hours as the producer wrote them, kept when they could not be converted to opening_hours. */
    hoursText: text("hours_text"),
    timeZone: text("time_zone").notNull().default("Europe/Paris"),
    status: text("status", { enum: ["published", "draft", "unpublished"] }).notNull().default("published"),
    computers: smallint("computers"),
    laptops: smallint("laptops"),
    tablets: smallint("tablets"),
    printers: smallint("printers"),
    printers3d: smallint("printers_3d"),
    /**
     * The regular week as minutes of the week in the place's own time zone, derived
     * from opening_hours at import: SQL answers "open now" / "open on Thursday" with a
     * containment test. Public holidays and dated exceptions are then checked with the
     * opening_hours library.
     */
    weekHours: int4multirange("week_hours"),
    /** Name and commune folded (lower case, no accents) for accent-insensitive, typo-tolerant search. */
    searchText: text("search_text").notNull().default(""),
    /** Incremented on every change: an edit made on an older version is refused (optimistic concurrency). */
    version: integer("version").notNull().default(1),
    /** Hash of the standard fields as imported: a re-import of the same data changes nothing. */
    contentHash: text("content_hash").notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("places_source_key").on(t.source, t.sourceId),
    index("places_knn_idx").using("gist", t.knnPoint),
    index("places_insee_idx").on(t.inseeCode),
    index("places_postcode_idx").on(t.postcode),
    /** The directory reads the few time zones in use with a handful of probes of this index. */
    index("places_time_zone_idx").on(t.timeZone),
    index("places_search_trgm_idx").using("gin", sql`${t.searchText} gin_trgm_ops`),
    index("places_services_idx").using("gin", t.services),
    // Nearest places offering a service: one partial GiST index per service, so that the
    // nearest-first walk skips the places without it (a service can be absent from whole regions).
    // The week is in it too: "open now" and "open on Thursday" skip the places without known
    // hours (often most of them) and those never open that day, without reading the table.
    ...PLACE_SERVICES.map((service, i) =>
      index(`places_knn_service_${i + 1}_idx`).using("gist", t.knnPoint, t.weekHours).where(sql.raw(`services @> array['${service}']::text[]`)),
    ),
  ],
);

/** "Signaler une erreur": a report from the public, stored for the place's managers. No personal data required. */
export const placeReports = pgTable(
  "place_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    placeId: uuid("place_id").notNull().references(() => places.id, { onDelete: "cascade" }),
    topic: text("topic").notNull(),
    message: text("message").notNull(),
    status: text("status", { enum: ["new", "resolved"] }).notNull().default("new"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("place_reports_place_idx").on(t.placeId, t.createdAt)],
);

/**
 * Fixed-window rate limits settled by the database (atomic upsert), so several web
 * nodes share them. The key is a hash: no IP address is stored.
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    hits: integer("hits").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

/** Places may belong to several networks. */
export const placeNetworks = pgTable(
  "place_networks",
  {
    placeId: uuid("place_id").notNull().references(() => places.id, { onDelete: "cascade" }),
    networkId: uuid("network_id").notNull().references(() => networks.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.placeId, t.networkId] }), index("place_networks_network_idx").on(t.networkId)],
);

/** A network's label granted to a place, with themes and validity dates. */
export const labelGrants = pgTable(
  "label_grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id").notNull().references(() => networks.id, { onDelete: "cascade" }),
    placeId: uuid("place_id").notNull().references(() => places.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    themes: text("themes").array().notNull().default(sql`'{}'`),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validUntil: date("valid_until", { mode: "string" }),
    decision: text("decision"),
    ...timestamps,
  },
  (t) => [index("label_grants_place_idx").on(t.placeId), index("label_grants_network_idx").on(t.networkId)],
);

/** One run of the importer: what came in, what was written, the row-by-row report. */
export const importRuns = pgTable("import_runs", {
  id: uuid("id").primaryKey().defaultRandom(),
  fileName: text("file_name").notNull(),
  shape: text("shape").notNull(),
  networkId: uuid("network_id").references(() => networks.id, { onDelete: "set null" }),
  partial: boolean("partial").notNull().default(false),
  counts: jsonb("counts").notNull(),
  report: jsonb("report").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A staff account (mediator, manager, coordinator, partner adviser, platform admin). */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Stored lower-case (the CHECK makes sure): one account per address. */
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    /** argon2id (PHC string); null for accounts that only sign in with OpenID Connect or have not accepted their invitation. */
    passwordHash: text("password_hash"),
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
    isPlatformAdmin: boolean("is_platform_admin").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
  },
  (t) => [check("users_email_lower_case", sql`${t.email} = lower(${t.email})`)],
);

/**
 * A signed-in browser. The id is the SHA-256 of the cookie's token: the token itself
 * is never stored, so a copy of the database cannot be used to sign in.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
    idleExpiresAt: timestamp("idle_expires_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** The provider's ID token after an OpenID Connect sign-in: sent back as id_token_hint to sign out there too (ProConnect). Gone with the session. */
    oidcIdToken: text("oidc_id_token"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

export const membershipRole = pgEnum("membership_role", ["coordinator", "manager", "mediator", "partner"]);

/**
 * A role in a scope: coordinator of a network, manager or mediator of a place, partner
 * adviser of an organisation. The CHECK ties the scope to the role.
 */
export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: membershipRole("role").notNull(),
    networkId: uuid("network_id").references(() => networks.id, { onDelete: "cascade" }),
    placeId: uuid("place_id").references(() => places.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      "memberships_scope_matches_role",
      sql`(${t.role} = 'coordinator' and ${t.networkId} is not null and ${t.placeId} is null and ${t.organisationId} is null)
        or (${t.role} in ('manager', 'mediator') and ${t.placeId} is not null and ${t.networkId} is null and ${t.organisationId} is null)
        or (${t.role} = 'partner' and ${t.organisationId} is not null and ${t.networkId} is null and ${t.placeId} is null)`,
    ),
    uniqueIndex("memberships_unique_idx")
      .on(t.userId, t.role, sql`coalesce(${t.networkId}, ${t.placeId}, ${t.organisationId})`),
    index("memberships_place_idx").on(t.placeId),
    index("memberships_network_idx").on(t.networkId),
  ],
);

/** Who changed what, when (before/after). Append-only: a trigger refuses UPDATE and DELETE. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** No cascade (it would update the log): accounts are disabled, never deleted, once they acted. */
    actorUserId: uuid("actor_user_id").references(() => users.id),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    /** Plain ids, no foreign keys: the log outlives what it describes. */
    networkId: uuid("network_id"),
    placeId: uuid("place_id"),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [index("audit_log_place_idx").on(t.placeId, t.at), index("audit_log_network_idx").on(t.networkId, t.at)],
);

/**
 * Mail to send. Written in the same transaction as what caused it; a worker sends it
 * over SMTP and retries with backoff, so a failing mail server loses nothing.
 * Sent mails are purged after 30 days (they hold an address).
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body"),
    status: text("status", { enum: ["pending", "sent", "failed"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("email_outbox_due_idx").on(t.status, t.nextAttemptAt)],
);

/**
 * An invitation to join a place or a network with a role, sent by email. The link's
 * token is stored hashed; it expires and is used once.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull().unique(),
    email: text("email").notNull(),
    role: membershipRole("role").notNull(),
    networkId: uuid("network_id").references(() => networks.id, { onDelete: "cascade" }),
    placeId: uuid("place_id").references(() => places.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: uuid("accepted_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("invitations_place_idx").on(t.placeId), index("invitations_network_idx").on(t.networkId)],
);

/** One-time links by email: address verification and password reset (token stored hashed). */
export const emailTokens = pgTable(
  "email_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ["verify-email", "reset-password"] }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("email_tokens_user_idx").on(t.userId)],
);

/** A staff account linked to an OpenID Connect identity (ProConnect): issuer + subject. */
export const oidcIdentities = pgTable(
  "oidc_identities",
  {
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] }), index("oidc_identities_user_idx").on(t.userId)],
);
