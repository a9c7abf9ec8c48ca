/**
 * The public page of one place: what the page reads from the database, and what it derives
 * from it (week table, open status, phone as French people write it, itinerary links,
 * schema.org structured data).
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { labelGrants, networks, places } from "~/db/schema";
import { labelPeriods } from "./label-periods";
import { todayInFrance } from "~/features/time/today";
import { openStatus, weekTable, type OpenStatus, type WeekDay } from "~/features/hours/open-now";
import { weeklySlots } from "~/features/hours/weekly-slots";
import { weekdayOf } from "~/features/time/calendar";

/**
 * What a place's page shows: a published place by its slug (the public page), or any place
 * by its id (its staff's preview, published or not).
 */
export async function getPlaceForPage(db: Db, which: { slug: string } | { id: string }) {
  const where = "slug" in which ? and(eq(places.slug, which.slug), eq(places.status, "published")) : eq(places.id, which.id);
  const [place] = await db
    .select({
      id: places.id,
      slug: places.slug,
      name: places.name,
      commune: places.commune,
      postcode: places.postcode,
      address: places.address,
      addressComplement: places.addressComplement,
      latitude: places.latitude,
      longitude: places.longitude,
      coordinatesFrom: places.coordinatesFrom,
      phone: places.phone,
      emails: places.emails,
      websites: places.websites,
      openingHours: places.openingHours,
      hoursText: places.hoursText,
      timeZone: places.timeZone,
      summary: places.summary,
      description: places.description,
      itinerance: places.itinerance,
      services: places.services,
      publics: places.publics,
      specificSupport: places.specificSupport,
      fees: places.fees,
      nationalPrograms: places.nationalPrograms,
      trainingLabels: places.trainingLabels,
      accessModes: places.accessModes,
      supportModes: places.supportModes,
      accesLibreUrl: places.accesLibreUrl,
      bookingUrl: places.bookingUrl,
      updatedOn: places.updatedOn,
      dataSource: places.dataSource,
      computers: places.computers,
      laptops: places.laptops,
      tablets: places.tablets,
      printers: places.printers,
      printers3d: places.printers3d,
    })
    .from(places)
    .where(where);
  if (!place) return undefined;
  // Labels valid today, each with the year it has run since (grants renewed without a gap are one period); an ended label is gone by itself.
  const grants = await db
    .select({ label: labelGrants.label, network: networks.name, themes: labelGrants.themes, validFrom: labelGrants.validFrom, validUntil: labelGrants.validUntil })
    .from(labelGrants)
    .innerJoin(networks, eq(networks.id, labelGrants.networkId))
    .where(eq(labelGrants.placeId, place.id));
  const labels = labelPeriods(grants, todayInFrance(new Date()))
    .filter((period) => period.current)
    .map((period) => ({ label: period.label, network: period.network, themes: period.themes, validUntil: period.until, since: period.since.slice(0, 4) }));
  return { ...place, labels };
}

export type PlaceForPage = NonNullable<Awaited<ReturnType<typeof getPlaceForPage>>>;

/** Everything the page derives from the place (its public address is `baseUrl/lieux/slug`). */
export function placePageData(place: PlaceForPage, baseUrl: string, now: Date) {
  const url = `${baseUrl}/lieux/${place.slug}`;
  const hours = placeHours(place, now);
  return {
    place,
    url,
    hours,
    phoneText: place.phone ? displayPhone(place.phone) : null,
    directions: place.latitude != null && place.longitude != null ? directionLinks(place.latitude, place.longitude) : null,
    structuredData: placeStructuredData(place, { url, week: hours.kind === "week" ? hours.week : [] }),
  };
}

/** The little the report form needs. */
export async function getPlaceForReport(db: Db, slug: string) {
  const [place] = await db
    .select({ id: places.id, slug: places.slug, name: places.name, commune: places.commune })
    .from(places)
    .where(and(eq(places.slug, slug), eq(places.status, "published")));
  return place;
}

// ---------------------------------------------------------------------------------------------
// Derived, pure

/**
 * A phone number the way people write it where the place is: "+33248242226" → "02 48 24 22 26",
 * "+596596780040" → "0596 78 00 40", "+687271234" → "27 12 34". Anything else stays as stored.
 */
export function displayPhone(phone: string): string {
  const pairs = (digits: string) => digits.match(/\d{2}/g)!.join(" ");
  let m = /^\+33(\d{9})$/.exec(phone);
  if (m) return `0${m[1]![0]} ${pairs(m[1]!.slice(1))}`;
  m = /^\+(?:590|594|596|262|269|508)(\d{9})$/.exec(phone);
  if (m) return `0${m[1]!.slice(0, 3)} ${pairs(m[1]!.slice(3))}`;
  m = /^\+(?:687|681|689)(\d{6}|\d{8})$/.exec(phone);
  if (m) return pairs(m[1]!);
  return phone;
}

/** Itinerary links: the phone's own map application (RFC 5870 geo URI) and OpenStreetMap's directions. */
export function directionLinks(latitude: number, longitude: number) {
  const at = `${latitude},${longitude}`;
  return { geo: `geo:${at}`, openStreetMap: `https://www.openstreetmap.org/directions?to=${encodeURIComponent(at)}` };
}

const SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

function hhmm(minutes: number): string {
  if (minutes >= 1440) return "23:59"; // schema.org has no 24:00
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

type JsonObject = { [key: string]: unknown };

/**
 * schema.org data for search engines and assistants, as JSON-LD.
 *
 * Type: LocalBusiness, "a particular physical business or branch of an organization". It fits
 * every place we list whatever runs it (town hall, library, association, company), and it is
 * the type search engines read for hours, address and phone. CivicStructure would only fit
 * public buildings and GovernmentOffice only State offices.
 *
 * Hours: the regular week (weeklySlots) as openingHoursSpecification, only when the hours are
 * trusted (the week table could be built); days of the coming week closed for a public holiday
 * or an exceptional closure as specialOpeningHoursSpecification (opens = closes = 00:00).
 */
export function placeStructuredData(place: PlaceForPage, options: { url: string; week: WeekDay[] }): JsonObject {
  const data: JsonObject = {
    "@context": "https://schema.org",
    "@type": "LocalBusiness",
    "@id": options.url,
    name: place.name,
    url: options.url,
    address: {
      "@type": "PostalAddress",
      streetAddress: place.addressComplement ? `${place.address}, ${place.addressComplement}` : place.address,
      postalCode: place.postcode,
      addressLocality: place.commune,
      addressCountry: "FR",
    },
  };
  if (place.summary) data.description = place.summary;
  if (place.latitude != null && place.longitude != null) data.geo = { "@type": "GeoCoordinates", latitude: place.latitude, longitude: place.longitude };
  if (place.phone) data.telephone = place.phone;
  if (place.emails[0]) data.email = place.emails[0];
  if (place.websites[0]) data.sameAs = place.websites;
  if (place.fees.length === 1 && place.fees[0] === "Gratuit") data.isAccessibleForFree = true;
  if (place.openingHours && options.week.length > 0) {
    const slots = weeklySlots(place.openingHours);
    if (slots.length > 0) {
      data.openingHoursSpecification = slots.map((slot) => ({
        "@type": "OpeningHoursSpecification",
        dayOfWeek: `https://schema.org/${SCHEMA_DAYS[slot.weekday - 1]}`,
        opens: hhmm(slot.startMinute),
        closes: hhmm(slot.endMinute),
      }));
      const openWeekdays = new Set(slots.map((s) => s.weekday));
      const closures = options.week.filter((d) => d.ranges.length === 0 && d.closedReason && openWeekdays.has(weekdayOf(d.date)));
      if (closures.length > 0) {
        data.specialOpeningHoursSpecification = closures.map((d) => ({
          "@type": "OpeningHoursSpecification",
          validFrom: d.date,
          validThrough: d.date,
          opens: "00:00",
          closes: "00:00",
        }));
      }
    }
  }
  return data;
}

export type PlaceHours =
  | { kind: "week"; status: OpenStatus; week: WeekDay[] }
  /** Hours missing or not trusted: show the producer's text, if any, and advise to phone. */
  | { kind: "check"; text: string | null };

export function placeHours(place: Pick<PlaceForPage, "openingHours" | "hoursText" | "timeZone">, now: Date): PlaceHours {
  if (place.openingHours) {
    const week = weekTable(place.openingHours, place.timeZone, now);
    if (week.length > 0) return { kind: "week", status: openStatus(place.openingHours, place.timeZone, now), week };
  }
  return { kind: "check", text: place.hoursText ?? place.openingHours ?? null };
}
