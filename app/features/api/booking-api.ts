/**
 * The booking API's input and output, pure: the availability query (`du`, `au`, `type`), the
 * reservation's JSON body and its Idempotency-Key, and the JSON shapes of slots and bookings
 * (instants written with the place's offset). The rules and the booking itself are
 * features/scheduling's; this module only reads and writes the API's French field names.
 */
import { z } from "zod";
import type { ResourceKind } from "~/db/schema";
import type { Slot } from "~/features/scheduling/availability";
import type { Offer } from "~/features/scheduling/offers.server";
import type { PublicBookingFields } from "~/features/scheduling/public-booking.server";
import { addDays, daysBetween, isIsoDate, type IsoDate } from "~/features/time/calendar";
import { toZonedIso } from "~/features/time/zone";
import type { FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";

const m = fr.booking.api;

/** Days shown when `au` is left out (today and the next 13), and the most one request may ask. */
export const AVAILABILITY_DEFAULT_DAYS = 14;
export const AVAILABILITY_MAX_DAYS = 31;
/** The largest reservation body read. */
export const RESERVATION_MAX_BYTES = 16_384;

export const RESOURCE_KINDS = ["station", "room", "machine", "appointment"] as const satisfies readonly ResourceKind[];

const date = (name: string) => z.string().refine(isIsoDate, m.dateInvalid(name)).optional();

/** The availability query: strict, a bad value is a 400 with a French message. */
export const AvailabilityQuery = z.object({
  du: date("du"),
  au: date("au"),
  type: z.enum(RESOURCE_KINDS, { error: m.typeInvalid }).optional(),
});
export type AvailabilityQuery = z.infer<typeof AvailabilityQuery>;

export type ApiError = { parametre: string; message: string };

export function parseAvailabilityQuery(url: URL): { ok: true; query: AvailabilityQuery } | { ok: false; errors: ApiError[] } {
  const known = Object.keys(AvailabilityQuery.shape);
  const errors: ApiError[] = [];
  const input: Record<string, string> = {};
  for (const key of new Set(url.searchParams.keys())) {
    if (known.includes(key)) input[key] = url.searchParams.get(key)!;
    else errors.push({ parametre: key, message: m.unknownParameter(key, known.join(", ")) });
  }
  const result = AvailabilityQuery.safeParse(input);
  if (!result.success) errors.unshift(...result.error.issues.map((i) => ({ parametre: String(i.path[0]), message: i.message })));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, query: result.data! };
}

/** The days asked, `du` and `au` included: by default from today, 14 days; at most 31. */
export function availabilityPeriod(query: AvailabilityQuery, today: IsoDate): { ok: true; from: IsoDate; to: IsoDate } | { ok: false; errors: ApiError[] } {
  const from = query.du ?? today;
  const to = query.au ?? addDays(from, AVAILABILITY_DEFAULT_DAYS - 1);
  if (to < from) return { ok: false, errors: [{ parametre: "au", message: m.periodBackwards }] };
  if (daysBetween(from, to) + 1 > AVAILABILITY_MAX_DAYS) return { ok: false, errors: [{ parametre: "au", message: m.periodTooLong(AVAILABILITY_MAX_DAYS) }] };
  return { ok: true, from, to };
}

/** A free start as the API writes it. */
export function slotJson(timeZone: string, slot: Slot) {
  return { debut: toZonedIso(timeZone, slot.start), fin_min: toZonedIso(timeZone, slot.end), fin_max: toZonedIso(timeZone, slot.maxEnd) };
}

/** An offer with its free starts, as the API writes it. */
export function offerJson(timeZone: string, offer: Offer, slots: readonly Slot[]) {
  return {
    id: offer.key, type: offer.kind, nom: offer.name, description: offer.description, tarif_centimes: offer.priceCents,
    duree_min: offer.minMinutes, duree_max: offer.maxMinutes, confirmation_requise: offer.needsConfirmation, motifs: offer.reasons,
    creneaux: slots.map((s) => slotJson(timeZone, s)),
  };
}

/** 16 to 64 letters, digits, - and _: the same as the booking form's key. */
export function isIdempotencyKey(value: string | null): value is string {
  return value !== null && /^[A-Za-z0-9_-]{16,64}$/.test(value);
}

/** An instant with its offset or Z: "2026-12-10T14:00:00+01:00", "2026-12-10T13:00Z". A time without one would be read in the server's zone. */
const ZONED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

const TEXT_FIELDS = ["prenom", "telephone", "courriel", "note", "motif"] as const;

export type ReservationBody = { lieu: string; ressource: string; fields: PublicBookingFields };

/**
 * The reservation's JSON body: where and when are checked here (the person's fields are checked
 * with the booking form's schema, by features/scheduling). Unknown keys are ignored.
 */
export function parseReservationBody(body: unknown, idempotencyKey: string): { ok: true; value: ReservationBody } | { ok: false; errors: FieldErrors } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return { ok: false, errors: { form: m.badJson } };
  const b = body as Record<string, unknown>;
  const errors: FieldErrors = {};
  const text = (name: string): string | undefined => {
    const value = b[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === "string") return value;
    errors[name] = m.notText(name);
    return undefined;
  };
  const lieu = text("lieu")?.trim();
  if (!lieu && !errors.lieu) errors.lieu = m.placeMissing;
  const ressource = text("ressource")?.trim();
  if (!ressource && !errors.ressource) errors.ressource = m.offerMissing;
  const debut = text("debut")?.trim();
  if (!errors.debut && (!debut || !ZONED_INSTANT.test(debut) || !Number.isFinite(Date.parse(debut)))) errors.debut = m.startInvalid;
  const duree = b.duree;
  if (duree !== undefined && duree !== null && !(typeof duree === "number" && Number.isInteger(duree) && duree >= 5 && duree <= 1440)) errors.duree = m.durationInvalid;
  const fields: PublicBookingFields = { debut, cle: idempotencyKey, duree: typeof duree === "number" ? duree : undefined };
  for (const name of TEXT_FIELDS) fields[name] = text(name);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { lieu: lieu!, ressource: ressource!, fields } };
}

/** A booking made, as the API writes it. */
export function reservationJson(timeZone: string, baseUrl: string, booked: { id: string; status: "pending" | "confirmed"; start: number; end: number; manageToken: string | null }) {
  return {
    id: booked.id,
    statut: booked.status === "pending" ? ("a_confirmer" as const) : ("confirmee" as const),
    debut: toZonedIso(timeZone, booked.start),
    fin: toZonedIso(timeZone, booked.end),
    lien_gestion: booked.manageToken ? `${baseUrl}/reservation/${booked.manageToken}` : null,
  };
}
