/**
 * GET /api/v1/data-inclusion/structures and /services (?reseau=<slug>): the published places, and
 * the services they offer, in the data·inclusion schema v1 (mapping.ts), as JSON arrays. Open data,
 * no account; only the places' public fields (no person of the staff).
 */
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { networks, placeNetworks, places } from "~/db/schema";
import { getNetworkBySlug } from "~/features/networks/networks.server";
import { bookableOnline, bookingUrlOf } from "~/features/places/export.server";
import { todayInFrance } from "~/features/time/today";
import { fr } from "~/lib/messages";
import { toServices, toStructure, type PlaceForDataInclusion } from "./mapping";

const m = fr.dataInclusion.api;
type ApiError = { parametre: string; message: string };

/** Open data: open to every site, cacheable for a minute (as /api/v1/lieux). */
export const DATA_INCLUSION_API_HEADERS = { "Cache-Control": "public, max-age=60", "Access-Control-Allow-Origin": "*" } as const;

/** Only `reseau`, optional, a network's identifier: anything else is a 400. */
export function parseDataInclusionQuery(url: URL): { ok: true; networkSlug?: string } | { ok: false; errors: ApiError[] } {
  const errors: ApiError[] = [];
  for (const name of new Set(url.searchParams.keys())) if (name !== "reseau") errors.push({ parametre: name, message: m.unknownParameter(name) });
  const slug = url.searchParams.get("reseau") ?? undefined;
  if (slug !== undefined && !/^[a-z0-9-]{1,80}$/.test(slug)) errors.push({ parametre: "reseau", message: m.network });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, networkSlug: slug };
}

/**
 * The published places (of one network when given), with what the mapping reads: the columns the
 * national standard's export reads, the same booking link, and whether a network labels it today.
 */
export async function listPlacesForDataInclusion(db: Db, filter: { networkSlug?: string; baseUrl: string; now?: Date }): Promise<PlaceForDataInclusion[]> {
  const today = todayInFrance(filter.now ?? new Date());
  // Written out, as bookableOnline: "id" alone would be the label grant's.
  const labelled = sql<boolean>`exists (select 1 from label_grants g where g.place_id = "places"."id" and g.valid_from <= ${today}::date and (g.valid_until is null or g.valid_until >= ${today}::date))`;
  const conditions: SQL[] = [eq(places.status, "published")];
  let query = db
    .select({
      id: places.id, slug: places.slug, name: places.name, pivot: places.pivot, address: places.address,
      addressComplement: places.addressComplement, postcode: places.postcode, commune: places.commune, inseeCode: places.inseeCode,
      latitude: places.latitude, longitude: places.longitude, phone: places.phone, emails: places.emails, websites: places.websites,
      openingHours: places.openingHours, summary: places.summary, description: places.description, typologie: places.typologie,
      itinerance: places.itinerance, updatedOn: places.updatedOn, services: places.services, publics: places.publics,
      specificSupport: places.specificSupport, fees: places.fees, nationalPrograms: places.nationalPrograms,
      trainingLabels: places.trainingLabels, accessModes: places.accessModes, supportModes: places.supportModes,
      accesLibreUrl: places.accesLibreUrl, computers: places.computers, laptops: places.laptops, tablets: places.tablets,
      printers: places.printers, printers3d: places.printers3d, ownBookingUrl: places.bookingUrl, bookableOnline, labelled,
    })
    .from(places)
    .$dynamic();
  if (filter.networkSlug) {
    query = query.innerJoin(placeNetworks, eq(placeNetworks.placeId, places.id)).innerJoin(networks, eq(networks.id, placeNetworks.networkId));
    conditions.push(eq(networks.slug, filter.networkSlug));
  }
  const rows = await query.where(and(...conditions)).orderBy(asc(places.id));
  return rows.map(({ ownBookingUrl, bookableOnline, labelled, ...place }) => ({
    ...place,
    bookingUrl: bookingUrlOf({ slug: place.slug, bookingUrl: ownBookingUrl, bookableOnline }, filter.baseUrl),
    labelled: Boolean(labelled),
  }));
}

/** The answer (status and JSON body) to GET /api/v1/data-inclusion/structures or /services. */
export async function dataInclusionApi(
  db: Db,
  url: URL,
  options: { kind: "structures" | "services"; baseUrl: string; now?: Date },
): Promise<{ status: number; body: unknown }> {
  const parsed = parseDataInclusionQuery(url);
  if (!parsed.ok) return { status: 400, body: { erreur: m.invalid, details: parsed.errors } };
  if (parsed.networkSlug && !(await getNetworkBySlug(db, parsed.networkSlug))) {
    return { status: 404, body: { erreur: m.networkUnknown, details: [{ parametre: "reseau", message: m.networkUnknown }] } };
  }
  const list = await listPlacesForDataInclusion(db, { networkSlug: parsed.networkSlug, baseUrl: options.baseUrl, now: options.now });
  const body = options.kind === "structures" ? list.map((p) => toStructure(p, options)) : list.flatMap((p) => toServices(p, options));
  return { status: 200, body };
}
