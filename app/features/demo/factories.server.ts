/**
 * Factories: valid rows with sensible defaults, for the demo seed, the unit and integration
 * tests and the end-to-end tests (one set for all). Each takes the database and what the
 * caller cares about; everything else gets a default that makes the row look like one the
 * application itself wrote (search text and week derived by the real helpers, a content
 * hash, a unique slug and import key).
 *
 * Rows are written directly, without the checks and audit lines of the feature that
 * normally makes them: use the feature's own function when that is what is tested.
 */
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "~/db/client.server";
import { beneficiaries, bookings, cashDays, helpRecordPeople, helpRecords, placeMemberships, priceCategories, tariffItems, tariffPrices, invitations, KNN_LATITUDE_SCALE, labelGrants, type networks, organisations, partners, referrals, placeNetworks, placeReports, places, resources, stops, workshops } from "~/db/schema";
import { hashToken, randomToken } from "~/features/accounts/tokens.server";
import { addMembership, createUser, normaliseEmail } from "~/features/accounts/users.server";
import { resolveCommune } from "~/features/communes/communes";
import { weekMultirange } from "~/features/hours/weekly-slots";
import { INVITATION_LIFETIME_MS } from "~/features/invitations/invitations.server";
import { type AnonymousCounts, NO_ANONYMOUS, recordCounts } from "~/features/mediation/counts";
import { createNetwork as createNetworkChecked } from "~/features/networks/networks.server";
import { searchTextOf } from "~/features/places/place-form";
import { freePlaceSlug } from "~/features/places/places.server";
import type { Membership } from "~/features/policy/policy";
import { addDays, addMonths } from "~/features/time/calendar";
import { todayInFrance } from "~/features/time/today";
import { slugify } from "~/lib/text";

export type PlaceRow = typeof places.$inferSelect;
export type NetworkRow = typeof networks.$inferSelect;

/** Numbers the rows of this process: names, import keys, e-mail addresses stay unique. */
let sequence = 0;
const next = () => ++sequence;

/** Where a place is when the caller does not say: Bourges, with coordinates as a producer would give them. */
export const DEFAULT_PLACE_LOCATION = {
  commune: "Bourges",
  postcode: "18000",
  inseeCode: "18033",
  latitude: 47.081,
  longitude: 2.3988,
  timeZone: "Europe/Paris",
} as const;

export const DEFAULT_OPENING_HOURS = "Mo-Fr 09:00-12:00,14:00-17:00";

export type PlaceOverrides = Partial<Omit<typeof places.$inferInsert, "weekHours" | "searchText">>;

/**
 * A published place. Defaults: "Lieu n", n rue de la Paix, Bourges (postcode, INSEE code,
 * coordinates), weekday hours, one service, free, updated today, source "test" with a new
 * source id. Given another `commune` without its postcode or INSEE code, those (and, without
 * coordinates, the commune's reference point) come from the offline communes, as the
 * importer fills them. `week_hours` and `search_text` are derived from the final values
 * with the application's own helpers; the slug is the name and commune's, made unique.
 */
export async function createPlace(db: Db, given: PlaceOverrides = {}): Promise<PlaceRow> {
  const values = placeValues(given);
  const slug = given.slug ?? (await freePlaceSlug(db, `${values.name} ${values.commune}`));
  const [row] = await db
    .insert(places)
    .values({ ...values, slug })
    .returning();
  return row!;
}

/**
 * The same place as `createPlace` would write, as the database would give it back, without
 * writing it: for unit tests of code that takes a place row.
 */
export function buildPlace(given: PlaceOverrides = {}): PlaceRow {
  const values = placeValues(given);
  const now = new Date();
  const { latitude, longitude } = values;
  return {
    id: crypto.randomUUID(), organisationId: null, addressComplement: null, latitude: null, longitude: null,
    typologie: [], phone: null, emails: [], websites: [], summary: null, description: null, dataSource: null, itinerance: [],
    parentStructure: null, publics: [], specificSupport: [], nationalPrograms: [], trainingLabels: [], otherTrainingLabels: null,
    accessModes: [], supportModes: [], accesLibreUrl: null, bookingUrl: null, hoursText: null,
    computers: null, laptops: null, tablets: null, printers: null, printers3d: null, version: 1, createdAt: now, updatedAt: now,
    ...values,
    slug: given.slug ?? slugify(`${values.name} ${values.commune}`),
    knnPoint: latitude == null || longitude == null ? null : `(${longitude},${latitude * KNN_LATITUDE_SCALE})`,
  };
}

/** Everything but the slug, defaults filled and derived columns computed. */
function placeValues(given: PlaceOverrides) {
  const n = next();
  // A key given as undefined is a key not given (its default applies).
  const overrides = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) as PlaceOverrides;
  const name = overrides.name ?? `Lieu ${n}`;
  const commune = overrides.commune ?? DEFAULT_PLACE_LOCATION.commune;
  const openingHours = overrides.openingHours === undefined ? DEFAULT_OPENING_HOURS : overrides.openingHours;
  const values = {
    source: "test",
    sourceId: `lieu-${n}`,
    pivot: "00000000000000",
    address: `${n} rue de la Paix`,
    updatedOn: todayInFrance(new Date()),
    services: ["Aide aux démarches administratives"],
    fees: ["Gratuit"],
    status: "published" as const,
    ...locate(overrides),
    ...overrides,
    name,
    commune,
    openingHours,
  };
  return {
    contentHash: crypto.createHash("sha1").update(JSON.stringify(values)).digest("hex"),
    ...values,
    weekHours: weekMultirange(openingHours),
    searchText: searchTextOf({ name, commune }),
  };
}

/** The commune's postcode, INSEE code, time zone and coordinates, for what the caller left out. */
function locate(overrides: PlaceOverrides) {
  const coordinatesGiven = overrides.latitude !== undefined || overrides.longitude !== undefined;
  const givenCoordinatesFrom = overrides.latitude === null || overrides.longitude === null ? null : ("source" as const);
  if (overrides.commune === undefined) {
    const { commune, postcode, inseeCode, timeZone, latitude, longitude } = DEFAULT_PLACE_LOCATION;
    return { commune, postcode, inseeCode, timeZone, latitude, longitude, coordinatesFrom: coordinatesGiven ? givenCoordinatesFrom : ("source" as const) };
  }
  const found = resolveCommune({ name: overrides.commune, postcode: overrides.postcode, insee: overrides.inseeCode })?.commune;
  return {
    postcode: found?.postcodes[0] ?? DEFAULT_PLACE_LOCATION.postcode,
    inseeCode: found?.insee ?? null,
    timeZone: found?.timeZone ?? DEFAULT_PLACE_LOCATION.timeZone,
    ...(found && !coordinatesGiven ? { latitude: found.latitude, longitude: found.longitude } : {}),
    coordinatesFrom: coordinatesGiven ? givenCoordinatesFrom : found ? ("commune" as const) : null,
  };
}

/** The slug the application would give: "espace-alpha-bourges", then "-2", "-3"… when taken. */

/** A network ("reseau-n", "Réseau n"), through the networks feature's own checks. */
export async function createNetwork(db: Db, overrides: { slug?: string; name?: string; territory?: string; isDemo?: boolean } = {}): Promise<NetworkRow> {
  const n = next();
  return createNetworkChecked(db, { slug: `reseau-${n}`, name: `Réseau ${n}`, ...overrides });
}

/** The legal body behind places, with a unique 14-digit pivot. */
/** A partner organisation of a network (an employment agency by default), whose advisers refer people. */
export async function createPartner(
  db: Db,
  options: { networkId: string } & Partial<Omit<typeof partners.$inferInsert, "id" | "networkId">>,
): Promise<{ id: string; name: string; networkId: string }> {
  const n = next();
  const [row] = await db
    .insert(partners)
    .values({ kind: "france-travail", name: `France Travail — agence ${n}`, ...options })
    .returning({ id: partners.id, name: partners.name, networkId: partners.networkId });
  return row!;
}

export async function createOrganisation(db: Db, overrides: { name?: string; pivot?: string } = {}): Promise<{ id: string; name: string; pivot: string }> {
  const n = next();
  const [row] = await db
    .insert(organisations)
    .values({ name: `Structure ${n}`, pivot: String(10_000_000_000_000 + n), ...overrides })
    .returning({ id: organisations.id, name: organisations.name, pivot: organisations.pivot });
  return row!;
}

/** Put a place in a network (nothing happens when it already is). */
export async function attachToNetwork(db: Db, options: { placeId: string; networkId: string }): Promise<void> {
  await db.insert(placeNetworks).values(options).onConflictDoNothing();
}

/** The network's label granted to a place (valid from 1 January 2024, no end, no theme by default). */
export async function createLabelGrant(
  db: Db,
  options: { placeId: string; networkId: string; label?: string; themes?: string[]; validFrom?: string; validUntil?: string | null },
): Promise<string> {
  const [row] = await db
    .insert(labelGrants)
    .values({ label: "EPN labellisé", themes: [], validFrom: "2024-01-01", ...options })
    .returning({ id: labelGrants.id });
  return row!.id;
}

export type StaffUserOptions = {
  email?: string;
  name?: string;
  /** Without one, the account can only sign in through an e-mail link or OpenID Connect. */
  password?: string;
  emailVerified?: boolean;
  isPlatformAdmin?: boolean;
} & (Membership | { role?: undefined });

const ROLE_NAMES = { coordinator: "Coordination", manager: "Responsable", mediator: "Médiation", partner: "Partenaire" } as const;

/**
 * A staff account and its role: `{ role: "manager", placeId }`, `{ role: "coordinator",
 * networkId }`… (no role: an account without membership, e.g. `isPlatformAdmin: true`).
 * Defaults: "Responsable n", responsable-n@exemple.fr.
 */
export async function createStaffUser(db: Db, options: StaffUserOptions = {}): Promise<{ id: string; email: string; name: string }> {
  const n = next();
  const who = options.role ? ROLE_NAMES[options.role] : options.isPlatformAdmin ? "Administration" : "Personne";
  const email = normaliseEmail(options.email ?? `${slugify(who)}-${n}@exemple.fr`);
  const name = options.name ?? `${who} ${n}`;
  const id = await createUser(db, { email, name, password: options.password, emailVerified: options.emailVerified, isPlatformAdmin: options.isPlatformAdmin });
  const membership = membershipOf(options);
  if (membership) await addMembership(db, id, membership);
  return { id, email, name };
}

function membershipOf(options: StaffUserOptions): Membership | null {
  switch (options.role) {
    case "coordinator":
      return { role: "coordinator", networkId: options.networkId };
    case "manager":
    case "mediator":
      return { role: options.role, placeId: options.placeId };
    case "partner":
      return { role: "partner", partnerId: options.partnerId, networkId: options.networkId };
    default:
      return null;
  }
}

/** A report from the public about a place ("new" unless said). */
export async function createReport(
  db: Db,
  options: { placeId: string; topic?: string; message?: string; status?: "new" | "resolved"; createdAt?: Date },
): Promise<string> {
  const [row] = await db
    .insert(placeReports)
    .values({ topic: "horaires", message: "Les horaires affichés ne sont plus les bons.", ...options })
    .returning({ id: placeReports.id });
  return row!.id;
}

/**
 * An invitation as stored (a hashed token nobody knows; no mail, no audit line): pending for
 * a week unless `expiresAt`, `acceptedAt` or `revokedAt` say otherwise.
 */
export async function createInvitationRow(
  db: Db,
  options: ({ placeId: string; role?: "manager" | "mediator" } | { networkId: string; role: "coordinator" }) & {
    email?: string;
    invitedBy?: string;
    createdAt?: Date;
    expiresAt?: Date;
    acceptedAt?: Date | null;
    revokedAt?: Date | null;
  },
): Promise<string> {
  const n = next();
  const createdAt = options.createdAt ?? new Date();
  const [row] = await db
    .insert(invitations)
    .values({
      tokenHash: hashToken(randomToken()),
      email: `invitation-${n}@exemple.fr`,
      role: "mediator",
      expiresAt: new Date(createdAt.getTime() + INVITATION_LIFETIME_MS),
      ...options,
      createdAt,
    })
    .returning({ id: invitations.id });
  return row!.id;
}

export type ResourceRow = typeof resources.$inferSelect;

/** A bookable resource of a place: a computer station by default, one-hour slots on a 30-minute grid, no limits. */
export async function createResource(db: Db, options: { placeId: string } & Partial<Omit<typeof resources.$inferInsert, "id">>): Promise<ResourceRow> {
  const n = next();
  const [row] = await db
    .insert(resources)
    .values({ kind: "station", name: `Poste ${n}`, position: n, minLeadMinutes: 0, ...options })
    .returning();
  return row!;
}

/**
 * A booking as stored (no rule checked, no message, no reminder): confirmed, made online by a
 * person known by their phone, unless told otherwise. `minutes` long from `startsAt`.
 */
export async function createBookingRow(
  db: Db,
  options: { resource: Pick<ResourceRow, "id" | "placeId" | "bufferMinutes">; startsAt: Date; minutes?: number } & Partial<Omit<typeof bookings.$inferInsert, "id" | "resourceId" | "placeId" | "startsAt" | "endsAt" | "blockedUntil" | "during">>,
): Promise<string> {
  const n = next();
  const { resource, startsAt, minutes = 60, ...rest } = options;
  const endsAt = new Date(startsAt.getTime() + minutes * 60_000);
  const phone = `+336${String(10_000_000 + n).slice(-8)}`;
  const [row] = await db
    .insert(bookings)
    .values({
      resourceId: resource.id, placeId: resource.placeId, startsAt, endsAt, blockedUntil: new Date(endsAt.getTime() + resource.bufferMinutes * 60_000),
      source: "online", status: "confirmed", firstName: `Personne ${n}`, phone, personKey: phone,
      ...rest,
    })
    .returning({ id: bookings.id });
  return row!.id;
}

export type StopRow = typeof stops.$inferSelect;

/** A stop of a mobile EPN (Mansle by default: the place du marché). */
export async function createStop(db: Db, options: { placeId: string } & Partial<Omit<typeof stops.$inferInsert, "id" | "knnPoint">>): Promise<StopRow> {
  const n = next();
  const [row] = await db
    .insert(stops)
    .values({
      label: `Place du marché ${n}`, address: "Place du Marché", commune: "Mansle", postcode: "16230", inseeCode: "16206",
      latitude: 45.8762, longitude: 0.1797, ...options,
    })
    .returning();
  return row!;
}

export type WorkshopRow = typeof workshops.$inferSelect;

/**
 * A series as stored, with the sessions given (no recurrence expanded, no message): a beginners'
 * workshop of 8 seats at the place, one registration per session, unless told otherwise. Each
 * session is `minutes` long; its position is copied from the stop or the place and its theme from
 * the series, as the series commands do.
 */
export async function createWorkshop(
  db: Db,
  options: { placeId: string; sessions?: Date[]; minutes?: number } & Partial<Omit<typeof workshops.$inferInsert, "id" | "placeId">>,
): Promise<{ workshop: WorkshopRow; sessionIds: string[] }> {
  const n = next();
  const { placeId, sessions = [], minutes = 120, ...rest } = options;
  const [workshop] = await db
    .insert(workshops)
    .values({
      placeId, title: `Premiers pas sur l'ordinateur ${n}`, description: "Allumer l'ordinateur, la souris, le clavier.",
      theme: "PrendreEnMainDuMateriel", level: "beginner", capacity: 8, registration: "session", ...rest,
    })
    .returning();
  const sessionIds: string[] = [];
  for (const startsAt of sessions) {
    const [row] = await queryRows(db, sql`
      insert into workshop_sessions (workshop_id, place_id, stop_id, theme, knn_point, starts_at, ends_at, capacity)
      select ${workshop!.id}, ${placeId}, ${workshop!.stopId}, ${workshop!.theme},
             coalesce((select knn_point from stops where id = ${workshop!.stopId}), case when ${workshop!.location} = 'online' then null else (select knn_point from places where id = ${placeId}) end),
             ${startsAt.toISOString()}::timestamptz, ${new Date(startsAt.getTime() + minutes * 60_000).toISOString()}::timestamptz, ${workshop!.capacity}
      returning id`);
    sessionIds.push(String(row!.id));
  }
  return { workshop: workshop!, sessionIds };
}

export type ReferralRow = typeof referrals.$inferSelect;

/**
 * A referral as stored, « sent » today by default, with its first event (so its notice job is
 * scheduled, as the feature does): « Prénom n Nom », a mobile, to be called by phone, consent given.
 */
export async function createReferralRow(
  db: Db,
  options: { partnerId: string; networkId: string; placeId: string } & Partial<Omit<typeof referrals.$inferInsert, "id" | "partnerId" | "networkId" | "placeId">>,
): Promise<ReferralRow> {
  const n = next();
  const [row] = await db
    .insert(referrals)
    .values({
      firstName: `Prénom ${n}`, lastName: "Nom", phone: `+33699${String(n).padStart(6, "0")}`, contactPreference: "phone", themes: ["AideAuxDemarchesAdministratives"],
      consentWording: "La personne accepte que ses coordonnées soient envoyées au lieu.", consentedAt: new Date(), ...options,
    })
    .returning();
  await db.execute(sql`insert into referral_events (referral_id, kind, status, actor_user_id, at) values (${row!.id}, 'status', ${row!.status}, ${row!.adviserId}, ${row!.createdAt.toISOString()}::timestamptz)`);
  return row!;
}

export type BeneficiaryRow = typeof beneficiaries.$inferSelect;

/** The consent wording the factories record (the feature records the one it showed). */
export const FACTORY_CONSENT_WORDING = "Vous acceptez que l'EPN garde votre nom pour suivre l'aide qu'il vous apporte.";

/** A person followed by name, with their consent given today: « Prénom n », initials for the last name. */
export async function createBeneficiary(db: Db, options: { placeId: string } & Partial<Omit<typeof beneficiaries.$inferInsert, "id" | "placeId">>): Promise<BeneficiaryRow> {
  const n = next();
  const [row] = await db
    .insert(beneficiaries)
    .values({ firstName: `Prénom ${n}`, lastName: "D.", consentWording: FACTORY_CONSENT_WORDING, consentAt: new Date(), ...options })
    .returning();
  return row!;
}

export type HelpRecordRow = typeof helpRecords.$inferSelect;

/**
 * A done help record as stored: individual by default, 30 minutes at the place on « Navigation
 * sur internet » with a computer, today, for one anonymous person. `people` (beneficiaries, with
 * their attributes as they are) and `anonymous` make the counts, as the feature does.
 */
export async function createHelpRecord(
  db: Db,
  options: { placeId: string; people?: BeneficiaryRow[]; anonymous?: AnonymousCounts } & Partial<Omit<typeof helpRecords.$inferInsert, "id" | "placeId" | "themeBits" | "adminThemeBits" | "equipmentBits">>,
): Promise<HelpRecordRow> {
  const { placeId, people = [], anonymous, ...rest } = options;
  const named = people.map((p) => ({ ageBand: p.ageBand, gender: p.gender, socialStatus: p.socialStatus, firstTime: false }));
  const counted = recordCounts(named, anonymous ?? (people.length ? NO_ANONYMOUS : { ...NO_ANONYMOUS, total: 1 }));
  if (!counted.ok) throw new Error(`createHelpRecord: ${counted.problem}`);
  const kind = rest.kind ?? (counted.counts.participants > 1 ? "collectif" : "individuel");
  const [row] = await db
    .insert(helpRecords)
    .values({
      placeId, kind, date: todayInFrance(new Date()), durationMinutes: 30, placeKind: "LieuActivite", themes: ["NavigationSurInternet"], equipment: ["Ordinateur"],
      title: kind === "collectif" ? "Atelier collectif" : null, ...counted.counts, ...rest,
    })
    .returning();
  if (people.length) await db.insert(helpRecordPeople).values(people.map((p) => ({ recordId: row!.id, beneficiaryId: p.id, ageBand: p.ageBand, gender: p.gender, socialStatus: p.socialStatus })));
  return row!;
}

export type TariffItemRow = typeof tariffItems.$inferSelect;

/**
 * A tariff item with its prices: by default « Impression noir et blanc » at 0,20 € a page from
 * 2020-01-01 for everyone. `prices` adds others (a category's, a later change).
 */
export async function createTariffItem(
  db: Db,
  options: { placeId: string; prices?: { categoryId?: string | null; unitPriceCents: number; validFrom?: string }[] } & Partial<Omit<typeof tariffItems.$inferInsert, "id" | "placeId">>,
): Promise<TariffItemRow> {
  const { placeId, prices = [{ unitPriceCents: 20 }], ...rest } = options;
  const kind = rest.kind ?? "print";
  const [row] = await db
    .insert(tariffItems)
    .values({ placeId, kind, name: `Impression noir et blanc ${next()}`, unit: kind === "membership" ? "period" : "page", membershipMonths: kind === "membership" ? 12 : null, ...rest })
    .returning();
  await db.insert(tariffPrices).values(prices.map((p) => ({ itemId: row!.id, categoryId: p.categoryId ?? null, unitPriceCents: p.unitPriceCents, validFrom: p.validFrom ?? "2020-01-01" })));
  return row!;
}

/** A reduced-rate category of a place (« Demandeurs d'emploi » by default). */
export async function createPriceCategory(db: Db, options: { placeId: string; name?: string }): Promise<{ id: string; name: string }> {
  const [row] = await db.insert(priceCategories).values({ placeId: options.placeId, name: options.name ?? `Demandeurs d'emploi ${next()}` }).returning({ id: priceCategories.id, name: priceCategories.name });
  return row!;
}

/** An open cash day (today in France unless said), with its opening float. */
export async function createCashDay(db: Db, options: { placeId: string; businessDate?: string; openingFloatCents?: number }): Promise<{ id: string; businessDate: string }> {
  const [row] = await db
    .insert(cashDays)
    .values({ placeId: options.placeId, businessDate: options.businessDate ?? todayInFrance(new Date()), openingFloatCents: options.openingFloatCents ?? 5000 })
    .returning({ id: cashDays.id, businessDate: cashDays.businessDate });
  return row!;
}

/** A membership given (no sale): a year from today by default. */
export async function createPlaceMembership(
  db: Db,
  options: { placeId: string; beneficiaryId: string } & Partial<Omit<typeof placeMemberships.$inferInsert, "id" | "placeId" | "beneficiaryId">>,
): Promise<{ id: string; startsOn: string; endsOn: string }> {
  const today = todayInFrance(new Date());
  const [row] = await db
    .insert(placeMemberships)
    .values({ startsOn: today, endsOn: addDays(addMonths(today, 12), -1), ...options })
    .returning({ id: placeMemberships.id, startsOn: placeMemberships.startsOn, endsOn: placeMemberships.endsOn });
  return row!;
}
