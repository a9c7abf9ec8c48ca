/**
 * What a place offers to book, as the public sees it: "un ordinateur" (the place's computer
 * stations, pooled: the person does not choose station 3, the first free one is given), and each
 * room, machine and mediator's appointments on its own. Free days and times of an offer merge
 * those of its resources; booking an offer tries its resources in order.
 */
import type { Db } from "~/db/client.server";
import { addDays } from "~/features/time/calendar";
import { todayIn } from "~/features/time/today";
import { startOfDay } from "~/features/time/zone";
import { freeSlots, type AvailabilityInput, type Slot } from "./availability";
import { createBooking, resourceBookedWithKey, type BookingOptions, type BookRequest, type BookResult } from "./bookings.server";
import { availabilityInputs, placeById, type BookingPlace, type Resource } from "./resources.server";

/** The key of the pooled computer stations in URLs. */
export const STATIONS_KEY = "ordinateur";
/** How many days ahead the public's pages show. */
export const PUBLIC_DAYS = 14;

export type Offer = {
  key: string;
  kind: Resource["kind"];
  name: string;
  description: string;
  priceCents: number | null;
  needsConfirmation: boolean;
  /** « Réservé aux adhérents »: every resource of the offer is kept for members. */
  membersOnly: boolean;
  minMinutes: number;
  maxMinutes: number;
  gridMinutes: number;
  reasons: string[];
  resources: Resource[];
};

/** The offers of a place: its stations pooled, then each other resource. */
export function offersOf(list: readonly Resource[]): Offer[] {
  const stations = list.filter((r) => r.kind === "station");
  const offers: Offer[] = [];
  if (stations.length > 0) {
    const first = stations[0]!;
    offers.push({
      key: STATIONS_KEY, kind: "station", name: stations.length === 1 ? first.name : `${stations.length} ordinateurs`,
      // One text for the pool only when every station says the same ("Avec webcam" on two of six would mislead).
      description: stations.every((s) => s.description === first.description) ? first.description : "",
      priceCents: first.priceCents, needsConfirmation: first.needsConfirmation, membersOnly: stations.every((x) => x.requiresMembership), minMinutes: first.minMinutes, maxMinutes: first.maxMinutes, gridMinutes: first.gridMinutes,
      reasons: [], resources: stations,
    });
  }
  for (const r of list.filter((x) => x.kind !== "station")) {
    offers.push({ key: r.id, kind: r.kind, name: r.name, description: r.description, priceCents: r.priceCents, needsConfirmation: r.needsConfirmation, membersOnly: r.requiresMembership, minMinutes: r.minMinutes, maxMinutes: r.maxMinutes, gridMinutes: r.gridMinutes, reasons: r.reasons, resources: [r] });
  }
  return offers;
}

/** Free starts of an offer in [from, to): each start once, with the latest end any of its resources allows. */
export async function offerSlots(db: Db, place: BookingPlace, offer: Offer, from: number, to: number, now: number, exceptBookingId?: string): Promise<Slot[]> {
  const inputs = await availabilityInputs(db, place, offer.resources, { start: from, end: to }, { now, exceptBookingId });
  return mergeSlots(offer, inputs, from, to);
}

/** Each start once among an offer's resources, with the latest end any of them allows. */
function mergeSlots(offer: Offer, inputs: Map<string, AvailabilityInput>, from: number, to: number): Slot[] {
  const byStart = new Map<number, Slot>();
  for (const r of offer.resources) {
    for (const slot of freeSlots(inputs.get(r.id)!, from, to)) {
      const seen = byStart.get(slot.start);
      if (!seen || seen.maxEnd < slot.maxEnd) byStart.set(slot.start, slot);
    }
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}

/** Free starts of each offer in [from, to), as `offerSlots` gives them, with one query for all. Keyed by the offer's key. */
export async function offersSlots(db: Db, place: BookingPlace, offers: readonly Offer[], from: number, to: number, now: number): Promise<Map<string, Slot[]>> {
  const inputs = await availabilityInputs(db, place, offers.flatMap((o) => o.resources), { start: from, end: to }, { now });
  return new Map(offers.map((offer) => [offer.key, mergeSlots(offer, inputs, from, to)]));
}

export type FreeDay = { date: string; first: Slot | null; count: number };

/** The next `days` days in the place's zone, each with its first free start and how many. One query for the whole window. */
export async function offerDays(db: Db, place: BookingPlace, offer: Offer, now: number, days = PUBLIC_DAYS, exceptBookingId?: string): Promise<FreeDay[]> {
  const today = todayIn(place.timeZone, now);
  const bounds = Array.from({ length: days + 1 }, (_, i) => startOfDay(place.timeZone, addDays(today, i)));
  const slots = await offerSlots(db, place, offer, bounds[0]!, bounds[days]!, now, exceptBookingId);
  return Array.from({ length: days }, (_, i) => {
    const inDay = slots.filter((s) => s.start >= bounds[i]! && s.start < bounds[i + 1]!);
    return { date: addDays(today, i), first: inDay[0] ?? null, count: inDay.length };
  });
}

/** The first free start of each offer within the public window. */
export async function nextFreeOfOffers(db: Db, place: BookingPlace, offers: readonly Offer[], now: number): Promise<Map<string, Slot | null>> {
  const out = new Map<string, Slot | null>();
  const end = startOfDay(place.timeZone, addDays(todayIn(place.timeZone, now), PUBLIC_DAYS));
  const all = offers.flatMap((o) => o.resources);
  const inputs = await availabilityInputs(db, place, all, { start: now, end }, { now });
  for (const offer of offers) {
    let best: Slot | null = null;
    for (const r of offer.resources) {
      const first = freeSlots(inputs.get(r.id)!, now, end)[0];
      if (first && (!best || first.start < best.start)) best = first;
    }
    out.set(offer.key, best);
  }
  return out;
}

/**
 * Book an offer: its resources in order, the first that takes the booking wins. A refusal that
 * is about the person (a limit, no-shows) or the request stops at once; "taken" (and a station kept for members) tries the next.
 */
export async function bookOffer(db: Db, offer: Offer, request: Omit<BookRequest, "resourceId">, options: BookingOptions): Promise<BookResult & { resourceId?: string }> {
  let last: BookResult = { kind: "taken", next: [] };
  // A retry goes first to the resource its first try booked: another would answer "idempotency-mismatch".
  const earlier = request.idempotencyKey ? await resourceBookedWithKey(db, request.idempotencyKey) : null;
  const ordered = earlier ? [...offer.resources].sort((x, y) => Number(y.id === earlier) - Number(x.id === earlier)) : offer.resources;
  for (const r of ordered) {
    const result = await createBooking(db, { ...request, resourceId: r.id }, options);
    if (result.kind === "booked") return { ...result, resourceId: r.id };
    last = result;
    if (result.kind === "refused" && result.reason !== "length" && result.reason !== "hours" && result.reason !== "grid" && result.reason !== "members-only") return result;
  }
  if (last.kind === "taken" && offer.resources.length > 1) {
    const now = options.now ?? Date.now();
    const from = Math.max(request.start, now);
    const place = await placeById(db, request.placeId);
    return { kind: "taken", next: place ? (await offerSlots(db, place, offer, from, from + 7 * 86_400_000, now)).slice(0, 5) : [] };
  }
  return last;
}
