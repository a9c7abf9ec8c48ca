/**
 * iCalendar (RFC 5545) for bookings: one booking's `.ics` (the person's "add to my calendar") and
 * the staff's feeds. Written by `ical-generator`; instants in UTC, so no time zone table is needed
 * and every calendar shows them in its own zone.
 */
import ical, { ICalEventStatus } from "ical-generator";

export type CalendarEvent = {
  uid: string; start: number; end: number; summary: string; location?: string; description?: string; url?: string; cancelled?: boolean;
  /** Not confirmed yet (a place on a waiting list, a seat offered). */
  tentative?: boolean;
  updatedAt?: number;
};

/**
 * `product`: what the calendar holds, in its PRODID (« Réservations », « Ateliers », « Agenda »);
 * `uidDomain`: after the @ of each UID; `ttlSeconds`: how often a subscribed calendar should read it again.
 */
export function calendarText(name: string, events: readonly CalendarEvent[], options: { product?: string; uidDomain?: string; ttlSeconds?: number } = {}): string {
  const calendar = ical({ name, prodId: { company: "Réseau EPN", product: options.product ?? "Réservations", language: "FR" }, ttl: options.ttlSeconds ?? null });
  for (const e of events) {
    calendar.createEvent({
      id: `${e.uid}@${options.uidDomain ?? "reseau-epn"}`,
      start: new Date(e.start),
      end: new Date(e.end),
      stamp: new Date(e.updatedAt ?? e.start),
      summary: e.summary,
      location: e.location ?? null,
      description: e.description ?? null,
      url: e.url ?? null,
      status: e.cancelled ? ICalEventStatus.CANCELLED : e.tentative ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
