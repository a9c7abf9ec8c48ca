/**
 * The booking API for partners' sites and apps: a published place's free times, and booking one
 * of them. The same offers, rules, limits and messages as the public's booking pages
 * (features/scheduling: `findPublicPlace`, `offersSlots`, `bookPublicOffer`), with source "api".
 */
import type { Db } from "~/db/client.server";
import { refusalMessage } from "~/features/scheduling/booking-form";
import type { BookingOptions } from "~/features/scheduling/bookings.server";
import { offersSlots } from "~/features/scheduling/offers.server";
import { bookPublicOffer, findPublicPlace, type PublicBookingOutcome } from "~/features/scheduling/public-booking.server";
import { addDays } from "~/features/time/calendar";
import { todayIn } from "~/features/time/today";
import { startOfDay } from "~/features/time/zone";
import type { FieldErrors } from "~/lib/forms";
import { availabilityPeriod, offerJson, parseReservationBody, type ApiError, type AvailabilityQuery } from "./booking-api";

export type AvailabilityResult =
  | { kind: "unknown-place" }
  | { kind: "bad-query"; errors: ApiError[] }
  | { kind: "ok"; body: { lieu: { slug: string; nom: string; fuseau: string }; du: string; au: string; ressources: ReturnType<typeof offerJson>[] } };

/** The free times of a published place's public offers over the days asked (`du` to `au`, in the place's zone). */
export async function placeAvailability(db: Db, input: { slug: string; query: AvailabilityQuery; now: number }): Promise<AvailabilityResult> {
  const found = await findPublicPlace(db, input.slug);
  if (!found) return { kind: "unknown-place" };
  const { place } = found;
  const period = availabilityPeriod(input.query, todayIn(place.timeZone, input.now));
  if (!period.ok) return { kind: "bad-query", errors: period.errors };
  const offers = input.query.type ? found.offers.filter((o) => o.kind === input.query.type) : found.offers;
  const from = startOfDay(place.timeZone, period.from);
  const to = startOfDay(place.timeZone, addDays(period.to, 1));
  const slots = await offersSlots(db, place, offers, from, to, input.now);
  return {
    kind: "ok",
    body: {
      lieu: { slug: place.slug, nom: place.name, fuseau: place.timeZone },
      du: period.from,
      au: period.to,
      ressources: offers.map((o) => offerJson(place.timeZone, o, slots.get(o.key) ?? [])),
    },
  };
}

export type ApiReservationResult =
  | { kind: "invalid"; errors: FieldErrors }
  | { kind: "unknown-place" }
  | { kind: "unknown-offer" }
  | (PublicBookingOutcome & { timeZone: string });

/** Book from the API's JSON body. Nothing is written unless the booking is made (the rate limits count checked requests). */
export async function reserveFromApi(db: Db, input: { body: unknown; idempotencyKey: string; clientAddress: string; options: BookingOptions }): Promise<ApiReservationResult> {
  const parsed = parseReservationBody(input.body, input.idempotencyKey);
  if (!parsed.ok) return { kind: "invalid", errors: parsed.errors };
  const found = await findPublicPlace(db, parsed.value.lieu);
  if (!found) return { kind: "unknown-place" };
  const offer = found.offers.find((o) => o.key === parsed.value.ressource);
  if (!offer) return { kind: "unknown-offer" };
  const outcome = await bookPublicOffer(db, {
    place: found.place, offer, fields: parsed.value.fields, clientAddress: input.clientAddress, source: "api", options: input.options, refusalMessage,
  });
  return { ...outcome, timeZone: found.place.timeZone };
}
