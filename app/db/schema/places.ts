/** Places, their organisations, communes, networks and labels, and import runs. */
import { sql } from "drizzle-orm";
import { boolean, customType, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/** Minutes of the week (0 = Monday 00:00, 10080 = next Monday) as a multirange. */
const int4multirange = customType<{ data: string; driverData: string }>({ dataType: () => "int4multirange" });

/** PostgreSQL's built-in `point` (x = longitude, y = latitude); GiST-indexed for nearest-neighbour search. */
export const point = customType<{ data: string; driverData: string }>({ dataType: () => "point" });

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
