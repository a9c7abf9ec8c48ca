/**
 * A place's bookable resources, their rules, closures and booking settings: reading them for the
 * availability engine and the pages, and the managers' changes (audited).
 */
import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import { queryPrepared, type Db } from "~/db/client.server";
import { bookingSettings, closures, memberships, places, resources, users, type ResourceKind } from "~/db/schema";
import { recordAudit } from "~/features/audit/record.server";
import { isUuid } from "~/lib/ids";
import type { AvailabilityInput, Interval } from "./availability";

export type Resource = typeof resources.$inferSelect;
export type BookingPlace = { id: string; slug: string; name: string; timeZone: string; openingHours: string | null; address: string; postcode: string; commune: string; phone: string | null; status: string };
export type Settings = { reminderHours: number | null; cancelDeadlineHours: number; noShowLimit: number | null; retentionDays: number };

export const DEFAULT_SETTINGS: Settings = { reminderHours: 24, cancelDeadlineHours: 2, noShowLimit: null, retentionDays: 90 };

const placeColumns = {
  id: places.id, slug: places.slug, name: places.name, timeZone: places.timeZone, openingHours: places.openingHours,
  address: places.address, postcode: places.postcode, commune: places.commune, phone: places.phone, status: places.status,
};

export async function settingsOf(db: Db, placeId: string): Promise<Settings> {
  const [row] = await db
    .select({ reminderHours: bookingSettings.reminderHours, cancelDeadlineHours: bookingSettings.cancelDeadlineHours, noShowLimit: bookingSettings.noShowLimit, retentionDays: bookingSettings.retentionDays })
    .from(bookingSettings)
    .where(eq(bookingSettings.placeId, placeId));
  return row ?? DEFAULT_SETTINGS;
}

/** A resource as `row_to_json` writes it (snake_case, dates as text) → as Drizzle gives it. */
function resourceFromJson(row: Record<string, unknown>): Resource {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = value;
  out.createdAt = new Date(String(out.createdAt));
  out.updatedAt = new Date(String(out.updatedAt));
  return out as Resource;
}

/**
 * A published place and its active public resources (in order), by slug: one statement, its
 * plan made once — what every public booking page and the availability API start with.
 */
export async function publicPlaceWithResources(db: Db, slug: string): Promise<{ place: BookingPlace; resources: Resource[] } | null> {
  const [row] = await queryPrepared(
    db,
    sql`select p.id, p.slug, p.name, p.time_zone, p.opening_hours, p.address, p.postcode, p.commune, p.phone, p.status,
          coalesce((select json_agg(row_to_json(r) order by r.kind, r.position, r.name) from resources r
                    where r.place_id = p.id and r.active and r.public_online), '[]'::json) as resources
        from places p where p.slug = ${slug} and p.status = 'published'`,
  );
  if (!row) return null;
  const list = (typeof row.resources === "string" ? JSON.parse(row.resources) : row.resources) as Record<string, unknown>[];
  return {
    place: {
      id: String(row.id), slug: String(row.slug), name: String(row.name), timeZone: String(row.time_zone), openingHours: (row.opening_hours as string | null) ?? null,
      address: String(row.address), postcode: String(row.postcode), commune: String(row.commune), phone: (row.phone as string | null) ?? null, status: String(row.status),
    },
    resources: list.map(resourceFromJson),
  };
}

/** An earlier booking with the same idempotency key (a retry), as `loadForBooking` finds it. */
export type EarlierBooking = { id: string; resourceId: string; start: number; end: number; personKey: string | null; status: string; manageTokenHash: string | null };

/**
 * What booking a resource starts with, in one prepared statement: the resource (active), its
 * place, the place's settings, and the booking an earlier request with the same idempotency key
 * made, if any. Null when the resource is unknown or inactive.
 */
export async function loadForBooking(
  db: Db,
  resourceId: string,
  idempotencyKey: string | null,
): Promise<{ resource: Resource; place: BookingPlace; settings: Settings; earlier: EarlierBooking | null } | null> {
  if (!isUuid(resourceId)) return null;
  const [row] = await queryPrepared(
    db,
    sql`select row_to_json(r) as resource, p.id, p.slug, p.name, p.time_zone, p.opening_hours, p.address, p.postcode, p.commune, p.phone, p.status,
          s.place_id as settings_of, s.reminder_hours, s.cancel_deadline_hours, s.no_show_limit, s.retention_days,
          (select row_to_json(x) from (select b.id, b.resource_id, (extract(epoch from b.starts_at) * 1000)::float8 as start_ms,
                  (extract(epoch from b.ends_at) * 1000)::float8 as end_ms, b.person_key, b.status, b.manage_token_hash
                from bookings b where b.idempotency_key = ${idempotencyKey}::text) x) as earlier
        from resources r join places p on p.id = r.place_id left join booking_settings s on s.place_id = r.place_id
        where r.id = ${resourceId}::uuid and r.active`,
  );
  if (!row) return null;
  const json = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v) as Record<string, unknown> | null;
  const earlier = json(row.earlier);
  return {
    resource: resourceFromJson(json(row.resource)!),
    place: {
      id: String(row.id), slug: String(row.slug), name: String(row.name), timeZone: String(row.time_zone), openingHours: (row.opening_hours as string | null) ?? null,
      address: String(row.address), postcode: String(row.postcode), commune: String(row.commune), phone: (row.phone as string | null) ?? null, status: String(row.status),
    },
    settings: row.settings_of
      ? { reminderHours: (row.reminder_hours as number | null) ?? null, cancelDeadlineHours: Number(row.cancel_deadline_hours), noShowLimit: (row.no_show_limit as number | null) ?? null, retentionDays: Number(row.retention_days) }
      : DEFAULT_SETTINGS,
    earlier: earlier
      ? { id: String(earlier.id), resourceId: String(earlier.resource_id), start: Number(earlier.start_ms), end: Number(earlier.end_ms), personKey: (earlier.person_key as string | null) ?? null, status: String(earlier.status), manageTokenHash: (earlier.manage_token_hash as string | null) ?? null }
      : null,
  };
}

/** A resource with its place, for booking it. Null when unknown or inactive (unless asked). */
export async function loadResource(db: Db, resourceId: string, options: { includeInactive?: boolean } = {}): Promise<{ resource: Resource; place: BookingPlace; settings: Settings } | null> {
  // One statement: the resource, its place and the place's settings (defaults when it has none).
  const [row] = await db
    .select({
      resource: resources, place: placeColumns,
      settings: { reminderHours: bookingSettings.reminderHours, cancelDeadlineHours: bookingSettings.cancelDeadlineHours, noShowLimit: bookingSettings.noShowLimit, retentionDays: bookingSettings.retentionDays, placeId: bookingSettings.placeId },
    })
    .from(resources)
    .innerJoin(places, eq(places.id, resources.placeId))
    .leftJoin(bookingSettings, eq(bookingSettings.placeId, resources.placeId))
    .where(and(eq(resources.id, resourceId), options.includeInactive ? undefined : eq(resources.active, true)));
  if (!row) return null;
  const { placeId: hasSettings, ...settings } = row.settings ?? { placeId: null };
  return { resource: row.resource, place: row.place, settings: hasSettings ? (settings as Settings) : DEFAULT_SETTINGS };
}

export async function placeBySlug(db: Db, slug: string): Promise<BookingPlace | null> {
  const [row] = await db.select(placeColumns).from(places).where(eq(places.slug, slug));
  return row ?? null;
}

export async function placeById(db: Db, id: string): Promise<BookingPlace | null> {
  const [row] = await db.select(placeColumns).from(places).where(eq(places.id, id));
  return row ?? null;
}

/** The place's active resources, in order; `publicOnly`: those the public books online. */
export async function listResources(db: Db, placeId: string, options: { publicOnly?: boolean; includeInactive?: boolean; kind?: ResourceKind } = {}): Promise<Resource[]> {
  return db
    .select()
    .from(resources)
    .where(
      and(
        eq(resources.placeId, placeId),
        options.includeInactive ? undefined : eq(resources.active, true),
        options.publicOnly ? eq(resources.publicOnline, true) : undefined,
        options.kind ? eq(resources.kind, options.kind) : undefined,
      ),
    )
    .orderBy(asc(resources.kind), asc(resources.position), asc(resources.name));
}

/**
 * What the availability engine needs for one resource over [from, to): its active bookings (any
 * that touch the window, buffers included) and the closures of its place or of itself.
 */
export async function availabilityInputs(
  db: Db,
  place: BookingPlace,
  list: readonly Resource[],
  window: Interval,
  options: { now: number; exceptBookingId?: string },
): Promise<Map<string, AvailabilityInput>> {
  const ids = list.map((r) => r.id);
  const out = new Map<string, AvailabilityInput>();
  if (ids.length === 0) return out;
  const maxBuffer = Math.max(0, ...list.map((r) => r.bufferMinutes)) * 60_000;
  const from = new Date(window.start - maxBuffer - 86_400_000);
  const to = new Date(window.end + maxBuffer + 86_400_000);
  const { busy, closures: closureRows } = await busyAndClosures(db, [place.id], ids, { from, to, exceptBookingId: options.exceptBookingId });
  for (const r of list) out.set(r.id, availabilityInputOf(place, r, busy, closureRows, options.now));
  return out;
}

/** What the availability engine needs of a resource. */
export type SlotResource = Pick<Resource, "id" | "minMinutes" | "maxMinutes" | "gridMinutes" | "minLeadMinutes" | "maxLeadDays" | "bufferMinutes" | "hours">;

export type BusyRow = { resourceId: string; start: number; end: number };
export type ClosureRow = { placeId: string; resourceId: string | null; startsOn: string; endsOn: string };

const uuidArray = (ids: readonly string[]) => `{${ids.join(",")}}`;

/**
 * The active bookings of `resourceIds` that touch [from, to) and the closures of `placeIds` (of a
 * whole place or of one resource) that touch its days, but `exceptBookingId`: one statement, its
 * plan made once (queryPrepared; the ids go as one array, so its text does not vary). Bookings
 * are found through the exclusion constraint's GiST index (resource_id, during).
 */
export async function busyAndClosures(
  db: Db,
  placeIds: readonly string[],
  resourceIds: readonly string[],
  window: { from: Date; to: Date; exceptBookingId?: string | null },
): Promise<{ busy: BusyRow[]; closures: ClosureRow[] }> {
  const rows = await queryPrepared(
    db,
    sql`select b.resource_id, null::uuid as place_id, (extract(epoch from b.starts_at) * 1000)::float8 as s, (extract(epoch from b.ends_at) * 1000)::float8 as e,
        null::text as starts_on, null::text as ends_on
      from bookings b
      where b.resource_id = any(${uuidArray(resourceIds)}::uuid[]) and b.status <> 'cancelled'
        and b.during && tstzrange(${window.from.toISOString()}::timestamptz, ${window.to.toISOString()}::timestamptz)
        and b.id is distinct from ${window.exceptBookingId ?? null}::uuid
    union all
    select c.resource_id, c.place_id, null, null, c.starts_on::text, c.ends_on::text
      from closures c
      where c.place_id = any(${uuidArray(placeIds)}::uuid[])
        and c.ends_on >= ${window.from.toISOString().slice(0, 10)}::date and c.starts_on <= ${window.to.toISOString().slice(0, 10)}::date`,
  );
  const busy: BusyRow[] = [];
  const closureRows: ClosureRow[] = [];
  for (const row of rows) {
    if (row.place_id === null) busy.push({ resourceId: String(row.resource_id), start: Number(row.s), end: Number(row.e) });
    else closureRows.push({ placeId: String(row.place_id), resourceId: (row.resource_id as string | null) ?? null, startsOn: String(row.starts_on), endsOn: String(row.ends_on) });
  }
  return { busy, closures: closureRows };
}

/**
 * One resource's availability input from rows read for it and others: the bookings (of any of
 * the resources read) and the closures of its place (whole or of one resource) that touch the window.
 */
export function availabilityInputOf(
  place: Pick<BookingPlace, "id" | "timeZone" | "openingHours">,
  r: SlotResource,
  busy: readonly BusyRow[],
  closureRows: readonly ClosureRow[],
  now: number,
): AvailabilityInput {
  return {
    timeZone: place.timeZone,
    placeHours: place.openingHours,
    rules: {
      minMinutes: r.minMinutes, maxMinutes: r.maxMinutes, gridMinutes: r.gridMinutes, minLeadMinutes: r.minLeadMinutes,
      maxLeadDays: r.maxLeadDays, bufferMinutes: r.bufferMinutes, hours: r.hours,
    },
    closures: closureRows.filter((c) => c.placeId === place.id && (c.resourceId === null || c.resourceId === r.id)).map((c) => ({ startsOn: c.startsOn, endsOn: c.endsOn })),
    busy: busy.filter((b) => b.resourceId === r.id).map((b) => ({ start: b.start, end: b.end })),
    now,
  };
}

export type ResourceValues = Omit<typeof resources.$inferInsert, "id" | "placeId" | "createdAt" | "updatedAt">;

/** Is `userId` one of the place's managers or mediators (the mediator of an appointment must be)? */
export async function isPlaceStaff(db: Db, placeId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.placeId, placeId), eq(memberships.userId, userId), inArray(memberships.role, ["manager", "mediator"])))
    .limit(1);
  return Boolean(row);
}

/** The place's managers and mediators, each once, by name: who may hold appointments or a calendar feed. */
export async function listPlaceStaff(db: Db, placeId: string): Promise<{ userId: string; name: string }[]> {
  return db
    .selectDistinct({ userId: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.placeId, placeId), inArray(memberships.role, ["manager", "mediator"])))
    .orderBy(asc(users.name), asc(users.id));
}

/** One resource of this place (ownership in the where), inactive ones included; null when it is not the place's. */
export async function getPlaceResource(db: Db, input: { placeId: string; resourceId: string }): Promise<Resource | null> {
  if (!isUuid(input.resourceId)) return null;
  const [row] = await db.select().from(resources).where(and(eq(resources.id, input.resourceId), eq(resources.placeId, input.placeId)));
  return row ?? null;
}

export type CreateResourceResult = { kind: "created"; id: string } | { kind: "staff-unknown" };

/** Create a resource (manager), audited. An appointment's mediator must be of the place's staff. */
export async function createResource(db: Db, input: { placeId: string; values: ResourceValues; actorUserId: string | null }): Promise<CreateResourceResult> {
  return db.transaction(async (tx): Promise<CreateResourceResult> => {
    if (input.values.staffUserId && !(await isPlaceStaff(tx, input.placeId, input.values.staffUserId))) return { kind: "staff-unknown" };
    const [row] = await tx.insert(resources).values({ ...input.values, placeId: input.placeId }).returning({ id: resources.id });
    await recordAudit(tx, { actorUserId: input.actorUserId, action: "resource.create", entityType: "resource", entityId: row!.id, placeId: input.placeId, after: input.values });
    return { kind: "created", id: row!.id };
  });
}

export type UpdateResourceResult = "saved" | "not-found" | "staff-unknown";

/** Change a resource of this place (ownership in the where), audited. "not-found" when it is not the place's. */
export async function updateResource(db: Db, input: { placeId: string; resourceId: string; values: Partial<ResourceValues>; actorUserId: string | null }): Promise<UpdateResourceResult> {
  if (!isUuid(input.resourceId)) return "not-found";
  return db.transaction(async (tx): Promise<UpdateResourceResult> => {
    const [before] = await tx.select().from(resources).where(and(eq(resources.id, input.resourceId), eq(resources.placeId, input.placeId))).for("update");
    if (!before) return "not-found";
    if (input.values.staffUserId && !(await isPlaceStaff(tx, input.placeId, input.values.staffUserId))) return "staff-unknown";
    await tx.update(resources).set({ ...input.values, updatedAt: new Date() }).where(and(eq(resources.id, input.resourceId), eq(resources.placeId, input.placeId)));
    await recordAudit(tx, { actorUserId: input.actorUserId, action: "resource.update", entityType: "resource", entityId: input.resourceId, placeId: input.placeId, before, after: input.values });
    return "saved";
  });
}

export async function saveSettings(db: Db, input: { placeId: string; values: Settings; actorUserId: string | null }): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(bookingSettings)
      .values({ placeId: input.placeId, ...input.values })
      .onConflictDoUpdate({ target: bookingSettings.placeId, set: { ...input.values, updatedAt: new Date() } });
    await recordAudit(tx, { actorUserId: input.actorUserId, action: "booking-settings.update", entityType: "place", entityId: input.placeId, placeId: input.placeId, after: input.values });
  });
}

export async function listClosures(db: Db, placeId: string, fromDate: string) {
  return db
    .select({ id: closures.id, resourceId: closures.resourceId, resourceName: resources.name, startsOn: closures.startsOn, endsOn: closures.endsOn, reason: closures.reason })
    .from(closures)
    .leftJoin(resources, eq(resources.id, closures.resourceId))
    .where(and(eq(closures.placeId, placeId), gte(closures.endsOn, fromDate)))
    .orderBy(asc(closures.startsOn));
}
