/**
 * The public's booking pages, without an account and without JavaScript: choose what → a day
 * (the next 14, each with its first free time) → a time → first name and a phone or an email →
 * the confirmation page, which is the manage link's page. Each step is a plain GET with its
 * choice in the URL; the booking itself is one POST carrying an idempotency key.
 */
import crypto from "node:crypto";
import { z } from "zod";
import type { Db } from "~/db/client.server";
import { addressRateKey, hitRateLimit } from "~/features/rate-limit/rate-limit.server";
import { addDays, isIsoDate } from "~/features/time/calendar";
import { todayIn } from "~/features/time/today";
import { startOfDay } from "~/features/time/zone";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import type { Slot } from "./availability";
import { personKey, personSchema, type Person } from "./booking-form";
import type { BookingOptions } from "./bookings.server";
import { bookOffer, nextFreeOfOffers, offerDays, offersOf, offerSlots, PUBLIC_DAYS, type FreeDay, type Offer } from "./offers.server";
import { publicPlaceWithResources, settingsOf, type BookingPlace } from "./resources.server";

const MINUTE = 60_000;

/** Booking attempts per client address and per person, per hour. */
export const BOOKING_LIMITS = { perClient: { limit: 30, windowSeconds: 3600 }, perPerson: { limit: 10, windowSeconds: 3600 } } as const;

export type PublicBookingView =
  | { step: "day"; days: FreeDay[] }
  | { step: "time"; date: string; slots: Slot[] }
  | { step: "form"; slot: Slot; durations: number[] };

/** Lengths that may be chosen from a start: from the minimum to the most the slot allows, on the grid. */
export function durationsFor(offer: Pick<Offer, "minMinutes" | "maxMinutes" | "gridMinutes">, slot: Slot): number[] {
  const most = Math.min(offer.maxMinutes, Math.floor((slot.maxEnd - slot.start) / MINUTE));
  const out: number[] = [];
  for (let m = offer.minMinutes; m <= most; m += offer.minMinutes === offer.maxMinutes ? Infinity : offer.gridMinutes) out.push(m);
  return out.length ? out : [offer.minMinutes];
}

/** A published place and its public offers; null when the place is unknown or not published. */
export async function findPublicPlace(db: Db, slug: string): Promise<{ place: BookingPlace; offers: Offer[] } | null> {
  const found = await publicPlaceWithResources(db, slug);
  return found ? { place: found.place, offers: offersOf(found.resources) } : null;
}

export async function findPublicOffer(db: Db, slug: string, key: string): Promise<{ place: BookingPlace; offer: Offer; offers: Offer[] } | null> {
  const found = await findPublicPlace(db, slug);
  const offer = found?.offers.find((o) => o.key === key);
  return found && offer ? { ...found, offer } : null;
}

/** What the booking page shows for its query: `jour` → the times of that day; `debut` → the form; else the days. */
export async function publicBookingView(
  db: Db,
  place: BookingPlace,
  offer: Offer,
  query: URLSearchParams,
  now: number,
  options: { startParam?: string; exceptBookingId?: string } = {},
): Promise<PublicBookingView> {
  const start = query.get(options.startParam ?? "debut");
  if (start) {
    const at = Date.parse(start);
    if (Number.isFinite(at)) {
      const slot = (await offerSlots(db, place, offer, at, at + MINUTE, now, options.exceptBookingId)).find((s) => s.start === at);
      if (slot) return { step: "form", slot, durations: durationsFor(offer, slot) };
    }
  }
  const date = query.get("jour");
  const today = todayIn(place.timeZone, now);
  if (date && isIsoDate(date) && date >= today && date < addDays(today, PUBLIC_DAYS)) {
    const slots = await offerSlots(db, place, offer, startOfDay(place.timeZone, date), startOfDay(place.timeZone, addDays(date, 1)), now, options.exceptBookingId);
    return { step: "time", date, slots };
  }
  return { step: "day", days: await offerDays(db, place, offer, now, PUBLIC_DAYS, options.exceptBookingId) };
}

/** A fresh idempotency key for a form: 128 random bits. */
export function newIdempotencyKey(): string {
  return crypto.randomBytes(16).toString("base64url");
}

const SlotFields = z.object({
  debut: z.string().refine((v) => Number.isFinite(Date.parse(v)), "slot"),
  duree: z.coerce.number().int().min(5).max(1440).optional(),
  cle: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "slot"),
});

export type PublicBookingOutcome =
  | { kind: "booked"; id: string; start: number; end: number; manageToken: string | null; status: "pending" | "confirmed"; replay: boolean }
  | { kind: "invalid"; errors: FieldErrors; values: Record<string, string> }
  | { kind: "taken"; next: Slot[]; values: Record<string, string> }
  | { kind: "refused"; reason: string; message: string; values: Record<string, string> }
  | { kind: "limited"; retryAfterSeconds: number; values: Record<string, string> };

/** What a person sends to book (the form's fields, or the API's JSON): plain values, all optional until checked. */
export type PublicBookingFields = {
  prenom?: string; telephone?: string; courriel?: string; note?: string; motif?: string;
  /** The start, an ISO instant. */
  debut?: string;
  /** Minutes; the offer's minimum when left out. */
  duree?: string | number;
  /** The idempotency key. */
  cle?: string;
};

const FIELDS = ["prenom", "telephone", "courriel", "note", "motif", "debut", "duree", "cle"] as const;

type BookingInput = {
  place: BookingPlace; offer: Offer; clientAddress: string; source?: "online" | "api"; options: BookingOptions;
  refusalMessage: (reason: string, detail?: number | string) => string;
};

/** Read the form, then as `bookPublicOffer`. */
export async function submitPublicBooking(db: Db, input: BookingInput & { form: FormData }): Promise<PublicBookingOutcome> {
  const { form, ...rest } = input;
  const fields: PublicBookingFields = {};
  for (const k of FIELDS) {
    const value = form.get(k);
    if (typeof value === "string") fields[k] = value;
  }
  return bookPublicOffer(db, { ...rest, fields });
}

/** Check the fields, apply the rate limits, book (the public's form and the API). Nothing is written unless the booking is made. */
export async function bookPublicOffer(db: Db, input: BookingInput & { fields: PublicBookingFields }): Promise<PublicBookingOutcome> {
  const now = input.options.now ?? Date.now();
  const values = Object.fromEntries(FIELDS.map((k) => [k, String(input.fields[k] ?? "").slice(0, 600)]));
  const slotFields = parseForm(SlotFields, input.fields);
  if (!slotFields.ok) return { kind: "refused", reason: "slot", message: fr.booking.errors.slotInvalid, values };
  const parsed = parseForm(personSchema(input.offer.reasons), input.fields);
  if (!parsed.ok) return { kind: "invalid", errors: parsed.errors, values };
  const person: Person = parsed.values;

  const client = await hitRateLimit(db, { key: addressRateKey("booking", input.clientAddress), ...BOOKING_LIMITS.perClient, now: new Date(now) });
  if (!client.allowed) return { kind: "limited", retryAfterSeconds: client.retryAfterSeconds, values };
  const key = personKey(person)!;
  const own = await hitRateLimit(db, { key: `booking:person:${crypto.createHash("sha256").update(key).digest("hex")}`, ...BOOKING_LIMITS.perPerson, now: new Date(now) });
  if (!own.allowed) return { kind: "limited", retryAfterSeconds: own.retryAfterSeconds, values };

  const start = Date.parse(slotFields.values.debut);
  const minutes = slotFields.values.duree ?? input.offer.minMinutes;
  const result = await bookOffer(
    db,
    input.offer,
    { placeId: input.place.id, start, end: start + minutes * MINUTE, person, source: input.source ?? "online", idempotencyKey: slotFields.values.cle },
    input.options,
  );
  switch (result.kind) {
    case "booked": {
      const { id, start: bookedStart, end, manageToken, status, replay } = result.booking;
      return { kind: "booked", id, start: bookedStart, end, manageToken, status, replay };
    }
    case "taken":
      return { kind: "taken", next: result.next, values };
    case "refused":
      return { kind: "refused", reason: result.reason, message: input.refusalMessage(result.reason, result.detail), values };
  }
}

export async function retentionDaysOf(db: Db, placeId: string): Promise<number> {
  return (await settingsOf(db, placeId)).retentionDays;
}

/** A published place's public offers with the next free time of each (the place page, the booking home). Null: unknown place. */
export async function placeOffersWithNextFree(db: Db, slug: string, now: number) {
  const found = await findPublicPlace(db, slug);
  if (!found) return null;
  return { place: found.place, offers: await offerSummaries(db, found.place, found.offers, now) };
}

export async function offerSummaries(db: Db, place: BookingPlace, offers: Offer[], now: number) {
  if (offers.length === 0) return [];
  const next = await nextFreeOfOffers(db, place, offers, now);
  return offers.map((o) => ({ key: o.key, kind: o.kind, name: o.name, description: o.description, priceCents: o.priceCents, needsConfirmation: o.needsConfirmation, membersOnly: o.membersOnly, nextFree: next.get(o.key)?.start ?? null }));
}
