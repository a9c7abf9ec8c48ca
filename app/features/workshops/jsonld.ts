/**
 * schema.org `Event` (JSON-LD) of a session, for search engines and aggregators reading the
 * session page (https://schema.org/Event; Google's « Event » structured data). Pure: the page
 * puts the object in a <script type="application/ld+json"> (with `jsonLdScript`).
 * Times carry the place's offset; a session online has a VirtualLocation; the organiser is the place.
 */
import { toZonedIso } from "~/features/time/zone";
import type { AgendaEntry } from "./agenda.server";

export type JsonLdAddress = { name: string; address: string; postcode: string; commune: string; latitude: number | null; longitude: number | null };

export type JsonLdSession = {
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  /** The place's time zone (IANA). */
  timeZone: string;
  cancelled: boolean;
  online: boolean;
  /** The public page of the session (absolute URL). */
  url: string;
  /** Where it is held (a place or a stop); ignored online. */
  location: JsonLdAddress | null;
  /** The place that runs it, and its page. */
  organizer: { name: string; url: string };
  priceCents: number | null;
  /** Seats left; null: no limit or no registration. */
  seatsLeft: number | null;
};

export function sessionJsonLd(session: JsonLdSession): Record<string, unknown> {
  const free = !session.priceCents;
  const location =
    session.online || !session.location
      ? { "@type": "VirtualLocation", url: session.url }
      : {
          "@type": "Place",
          name: session.location.name,
          address: {
            "@type": "PostalAddress",
            streetAddress: session.location.address,
            postalCode: session.location.postcode,
            addressLocality: session.location.commune,
            addressCountry: "FR",
          },
          ...(session.location.latitude !== null && session.location.longitude !== null
            ? { geo: { "@type": "GeoCoordinates", latitude: session.location.latitude, longitude: session.location.longitude } }
            : {}),
        };
  return {
    "@context": "https://schema.org",
    "@type": "Event",
    name: session.title,
    ...(session.description ? { description: session.description } : {}),
    startDate: toZonedIso(session.timeZone, session.startsAt),
    endDate: toZonedIso(session.timeZone, session.endsAt),
    eventStatus: session.cancelled ? "https://schema.org/EventCancelled" : "https://schema.org/EventScheduled",
    eventAttendanceMode: session.online ? "https://schema.org/OnlineEventAttendanceMode" : "https://schema.org/OfflineEventAttendanceMode",
    location,
    organizer: { "@type": "Organization", name: session.organizer.name, url: session.organizer.url },
    url: session.url,
    isAccessibleForFree: free,
    offers: {
      "@type": "Offer",
      price: free ? "0" : (session.priceCents! / 100).toFixed(2),
      priceCurrency: "EUR",
      availability: session.seatsLeft === 0 ? "https://schema.org/SoldOut" : "https://schema.org/InStock",
      url: session.url,
    },
  };
}

/** The JSON-LD of an agenda entry read with its details (searchAgenda or feedSessions with `detail`). */
export function entryJsonLd(entry: AgendaEntry, baseUrl: string): Record<string, unknown> {
  const d = entry.detail;
  const where = entry.where;
  return sessionJsonLd({
    title: entry.title,
    description: d?.description ?? "",
    startsAt: entry.startsAt,
    endsAt: entry.endsAt,
    timeZone: entry.timeZone,
    cancelled: entry.cancelled,
    online: where.kind === "online",
    url: `${baseUrl}/ateliers/${entry.sessionId}`,
    location:
      where.kind === "online" || !d
        ? null
        : {
            name: where.kind === "stop" ? where.label : where.placeName,
            address: d.address,
            postcode: d.postcode,
            commune: where.commune,
            latitude: d.latitude,
            longitude: d.longitude,
          },
    organizer: { name: where.placeName, url: `${baseUrl}/lieux/${where.placeSlug}` },
    priceCents: entry.priceCents,
    seatsLeft: entry.seatsLeft,
  });
}

/** The text of a <script type="application/ld+json">: `<` escaped so that no text closes the script. */
export function jsonLdScript(data: Record<string, unknown>): string {
  return JSON.stringify(data).replace(/</g, "\\u003c");
}
