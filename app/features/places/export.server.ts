import { stringify } from "csv-stringify/sync";
import { and, asc, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { networks, placeNetworks, places } from "~/db/schema";
import { STANDARD_FIELDS } from "~/features/standard/schema";
import { toStandardRow, type StandardPlace } from "~/features/standard/types";
import { slugify } from "~/lib/text";
import { columnsToStandard } from "./standard-fields";

const standardColumns = {
  sourceId: places.sourceId, pivot: places.pivot, name: places.name, commune: places.commune, postcode: places.postcode,
  inseeCode: places.inseeCode, address: places.address, addressComplement: places.addressComplement,
  latitude: places.latitude, longitude: places.longitude, typologie: places.typologie, phone: places.phone,
  emails: places.emails, websites: places.websites, openingHours: places.openingHours, summary: places.summary,
  description: places.description, dataSource: places.dataSource, itinerance: places.itinerance,
  parentStructure: places.parentStructure, updatedOn: places.updatedOn, services: places.services,
  publics: places.publics, specificSupport: places.specificSupport, fees: places.fees,
  nationalPrograms: places.nationalPrograms, trainingLabels: places.trainingLabels,
  otherTrainingLabels: places.otherTrainingLabels, accessModes: places.accessModes, supportModes: places.supportModes,
  accesLibreUrl: places.accesLibreUrl, bookingUrl: places.bookingUrl,
};

export type ExportFilter = {
  networkSlug?: string; limit?: number; offset?: number;
  /** The site's address: a place the public books online without its own booking URL gets `prise_rdv` = <baseUrl>/lieux/<slug>/reserver. */
  baseUrl?: string;
};

/** Has the place a resource the public books online? A subquery of the export's one statement (not a query per place). */
// Written out: Drizzle leaves columns unqualified in a one-table select, and "id" would be the resource's.
export const bookableOnline = sql<boolean>`exists (select 1 from resources r where r.place_id = "places"."id" and r.active and r.public_online)`;

/** The place's own booking URL, else our booking pages when the public can book it online here. */
export function bookingUrlOf(r: { slug: string; bookingUrl: string | null; bookableOnline: boolean }, baseUrl: string | undefined): string | null {
  if (r.bookingUrl) return r.bookingUrl;
  return baseUrl && r.bookableOnline ? `${baseUrl}/lieux/${r.slug}/reserver` : null;
}

/**
 * Published places in the national standard v1.0.2. The standard's `id` is the
 * producer's own id; when two sources use the same id, the id is prefixed with
 * the source so that `id` stays unique in the file, and `source` keeps its value
 * (for places imported without one, the import file's name).
 */
export async function listStandardPlaces(db: Db, filter: ExportFilter = {}): Promise<StandardPlace[]> {
  return (await listStandardPlacesWithIds(db, filter)).map((r) => r.place);
}

/** The same, each with the place's own id (the API adds what the standard has no field for, such as a mobile EPN's stops). */
export async function listStandardPlacesWithIds(db: Db, filter: ExportFilter = {}): Promise<{ placeId: string; place: StandardPlace }[]> {
  const conditions: SQL[] = [eq(places.status, "published")];
  let query = db
    .select({ ...standardColumns, placeId: places.id, slug: places.slug, bookableOnline, source: places.source, sameId: sql<number>`count(*) over (partition by ${places.sourceId})` })
    .from(places)
    .$dynamic();
  if (filter.networkSlug) {
    query = query
      .innerJoin(placeNetworks, eq(placeNetworks.placeId, places.id))
      .innerJoin(networks, eq(networks.id, placeNetworks.networkId));
    conditions.push(eq(networks.slug, filter.networkSlug));
  }
  query = query.where(and(...conditions)).orderBy(asc(places.source), asc(places.sourceId));
  if (filter.limit !== undefined) query = query.limit(filter.limit).offset(filter.offset ?? 0);
  const rows = await query;
  return rows.map((r) => {
    const place = columnsToStandard({ ...r, dataSource: r.dataSource ?? r.source, bookingUrl: bookingUrlOf(r, filter.baseUrl) });
    if (Number(r.sameId) > 1) place.id = `${slugify(r.source, 40)}-${r.sourceId}`;
    return { placeId: r.placeId, place };
  });
}

export async function countStandardPlaces(db: Db, filter: ExportFilter = {}): Promise<number> {
  const conditions: SQL[] = [eq(places.status, "published")];
  let query = db.select({ n: count() }).from(places).$dynamic();
  if (filter.networkSlug) {
    query = query
      .innerJoin(placeNetworks, eq(placeNetworks.placeId, places.id))
      .innerJoin(networks, eq(networks.id, placeNetworks.networkId));
    conditions.push(eq(networks.slug, filter.networkSlug));
  }
  const [row] = await query.where(and(...conditions));
  return Number(row.n);
}

export function placesToCsv(list: StandardPlace[]): string {
  return stringify([STANDARD_FIELDS, ...list.map((p) => STANDARD_FIELDS.map((f) => toStandardRow(p)[f] ?? ""))], {
    quoted_string: true,
  });
}

/** JSON in the standard's flat shape: strings, with latitude/longitude as numbers. */
export function placesToJson(list: StandardPlace[]): Record<string, string | number>[] {
  return list.map((p) => {
    const row: Record<string, string | number> = {};
    for (const [key, value] of Object.entries(toStandardRow(p))) {
      if (value === "") continue;
      row[key] = key === "latitude" || key === "longitude" ? Number(value) : value;
    }
    return row;
  });
}

/** Standard records of the given places, in the given order (API search results). */
export async function listStandardPlacesByIds(db: Db, ids: string[], options: { baseUrl?: string } = {}): Promise<Map<string, StandardPlace>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ ...standardColumns, id: places.id, slug: places.slug, bookableOnline, source: places.source })
    .from(places)
    .where(inArray(places.id, ids));
  return new Map(rows.map((r) => [r.id, columnsToStandard({ ...r, dataSource: r.dataSource ?? r.source, bookingUrl: bookingUrlOf(r, options.baseUrl) })]));
}
