/**
 * The public agenda as iCalendar (RFC 5545) feeds a calendar subscribes to (webcal://): a place's
 * sessions, a network's, or one theme's, from now to a year ahead. Written by `ical-generator`, as
 * the booking feeds (features/scheduling/ics.ts). Each event's UID is the session id @ the site's
 * host, so a calendar updates it when it moves and marks it when it is cancelled (STATUS:CANCELLED).
 * Instants in UTC: every calendar shows them in its own zone.
 */
import { calendarText, type CalendarEvent } from "~/features/scheduling/ics";
import type { Db } from "~/db/client.server";
import { fr } from "~/lib/messages";
import { workshopThemeLabel } from "./themes";
import { feedSessions, networkBySlug, publishedPlaceBySlug, type AgendaEntry, type FeedScope } from "./agenda.server";

const m = fr.agenda;

/** How long a feed may be kept by calendars and caches (seconds). */
export const FEED_MAX_AGE = 900;

export type FeedOptions = { baseUrl: string; now?: Date };

/** A place's sessions; null when there is no such published place. */
export async function placeAgendaIcs(db: Db, slug: string, options: FeedOptions): Promise<string | null> {
  const place = await publishedPlaceBySlug(db, slug);
  if (!place) return null;
  return feedText(db, m.feedPlace(place.name), { placeSlug: place.slug }, options);
}

/** The sessions of a network's places; null for an unknown network. */
export async function networkAgendaIcs(db: Db, slug: string, options: FeedOptions): Promise<string | null> {
  const network = await networkBySlug(db, slug);
  if (!network) return null;
  return feedText(db, m.feedName(network.name), { networkId: network.id }, options);
}

/** One national theme's sessions; null for an unknown theme code. */
export async function themeAgendaIcs(db: Db, theme: string, options: FeedOptions): Promise<string | null> {
  const label = workshopThemeLabel(theme);
  if (!label) return null;
  return feedText(db, m.feedName(label), { theme }, options);
}

async function feedText(db: Db, name: string, scope: FeedScope, options: FeedOptions): Promise<string> {
  const now = options.now ?? new Date();
  return agendaCalendar(name, await feedSessions(db, scope, now), options.baseUrl);
}

/** The calendar of these sessions (read with their details). */
export function agendaCalendar(name: string, entries: readonly AgendaEntry[], baseUrl: string): string {
  const events = entries.map((e): CalendarEvent => {
    const url = `${baseUrl}/ateliers/${e.sessionId}`;
    const d = e.detail;
    const location =
      e.where.kind === "online"
        ? m.online
        : [e.where.kind === "stop" ? e.where.label : e.where.placeName, d?.address, [d?.postcode, e.where.commune].filter(Boolean).join(" ")].filter(Boolean).join(", ");
    return {
      uid: e.sessionId, start: e.startsAt.getTime(), end: e.endsAt.getTime(), updatedAt: (d?.updatedAt ?? e.startsAt).getTime(),
      summary: e.cancelled ? m.ics.cancelled(e.title) : e.title, location,
      description: [d?.description, `${e.seats} · ${e.price}`, m.ics.seeDetails(url)].filter(Boolean).join("\n\n"),
      url, cancelled: e.cancelled,
    };
  });
  return calendarText(name, events, { product: "Agenda", uidDomain: new URL(baseUrl).host, ttlSeconds: FEED_MAX_AGE });
}

/** The headers of a public feed: a calendar, cacheable for a quarter of an hour. */
export function feedHeaders(filename: string): HeadersInit {
  return {
    "Content-Type": "text/calendar; charset=utf-8",
    "Content-Disposition": `inline; filename="${filename}"`,
    "Cache-Control": `public, max-age=${FEED_MAX_AGE}`,
    "Access-Control-Allow-Origin": "*",
  };
}
