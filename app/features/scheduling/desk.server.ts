/** The desk's actions on the agenda (attendance, cancel, confirm, walk-in), each answered in words. */
import { z } from "zod";
import type { Db } from "~/db/client.server";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { seatWalkIn } from "./agenda.server";
import { personSchema, refusalMessage } from "./booking-form";
import { timeWords, whenWords } from "./booking-parts";
import { cancelBooking, confirmBooking, createBooking, setAttendance, type BookingOptions } from "./bookings.server";
import { DeskAction } from "./desk-form";
import { loadResource } from "./resources.server";

const d = fr.booking.desk;

export type DeskOutcome = { ok: true; message: string } | { ok: false; status: number; message: string };

export async function runDeskAction(db: Db, input: { placeId: string; form: FormData; actorUserId: string; options: BookingOptions }): Promise<DeskOutcome> {
  const parsed = parseForm(DeskAction, input.form);
  if (!parsed.ok) return { ok: false, status: 400, message: fr.booking.errors.slotInvalid };
  const a = parsed.values;
  switch (a.intent) {
    case "presence": {
      const done = await setAttendance(db, { bookingId: a.reservation, placeId: input.placeId, attendance: a.presence || null, actorUserId: input.actorUserId });
      return done ? { ok: true, message: d.saved } : { ok: false, status: 404, message: d.notFound };
    }
    case "confirmer": {
      const done = await (confirmBooking(db, { bookingId: a.reservation, placeId: input.placeId, actorUserId: input.actorUserId, baseUrl: input.options.baseUrl }));
      return done ? { ok: true, message: d.saved } : { ok: false, status: 404, message: d.notFound };
    }
    case "annuler": {
      const result = await cancelBooking(db, { bookingId: a.reservation, placeId: input.placeId, by: "staff", reason: a.raison?.trim() || null, actorUserId: input.actorUserId, baseUrl: input.options.baseUrl });
      return result === "cancelled" || result === "already" ? { ok: true, message: d.cancelled } : { ok: false, status: 404, message: d.notFound };
    }
    case "occuper": {
      const loaded = await loadResource(db, a.ressource);
      if (!loaded || loaded.place.id !== input.placeId) return { ok: false, status: 404, message: fr.booking.refusals["unknown-resource"] };
      const result = await seatWalkIn(db, { placeId: input.placeId, resourceId: a.ressource, minutes: a.minutes, firstName: a.prenom ?? "", actorUserId: input.actorUserId }, input.options);
      if (result.kind === "booked") {
        const end = Math.floor((input.options.now ?? Date.now()) / 60_000) * 60_000 + a.minutes * 60_000;
        return { ok: true, message: d.walkInDone(loaded.resource.name, timeWords(end, loaded.place.timeZone)) };
      }
      if (result.kind === "taken") return { ok: false, status: 409, message: d.walkInTaken };
      return { ok: false, status: 422, message: refusalMessage(result.reason, result.detail) };
    }
  }
}

const OnBehalf = z.object({
  ressource: z.uuid(),
  debut: z.string().refine((v) => Number.isFinite(Date.parse(v)), fr.booking.errors.slotInvalid),
  duree: z.coerce.number().int().min(5).max(1440),
  forcer: z.literal("1").optional(),
  cle: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
});

export type OnBehalfOutcome =
  | { kind: "booked"; message: string }
  | { kind: "invalid"; errors: FieldErrors; problem: string | null; values: Record<string, string> };

/** Book on behalf of someone on the phone or at the desk: the same rules, unless a manager overrides them. */
export async function bookOnBehalf(
  db: Db,
  input: { placeId: string; form: FormData; actorUserId: string; mayOverride: boolean; options: BookingOptions },
): Promise<OnBehalfOutcome> {
  const values = Object.fromEntries(["ressource", "debut", "duree", "prenom", "telephone", "courriel", "note", "motif", "forcer", "cle"].map((k) => [k, String(input.form.get(k) ?? "").slice(0, 600)]));
  const slot = parseForm(OnBehalf, input.form);
  if (!slot.ok) return { kind: "invalid", errors: {}, problem: fr.booking.errors.slotInvalid, values };
  const loaded = await loadResource(db, slot.values.ressource);
  if (!loaded || loaded.place.id !== input.placeId) return { kind: "invalid", errors: {}, problem: fr.booking.refusals["unknown-resource"], values };
  const person = parseForm(personSchema(loaded.resource.reasons, { contactRequired: false }), input.form);
  if (!person.ok) return { kind: "invalid", errors: person.errors, problem: null, values };
  const start = Date.parse(slot.values.debut);
  const result = await createBooking(
    db,
    {
      placeId: input.placeId, resourceId: loaded.resource.id, start, end: start + slot.values.duree * 60_000, person: person.values, source: "desk",
      actorUserId: input.actorUserId, override: input.mayOverride && slot.values.forcer === "1", idempotencyKey: slot.values.cle,
    },
    input.options,
  );
  if (result.kind === "booked") {
    return { kind: "booked", message: d.booked(person.values.firstName, whenWords(start, loaded.place.timeZone, input.options.now ?? Date.now())) };
  }
  if (result.kind === "taken") return { kind: "invalid", errors: {}, problem: fr.booking.refusals.taken, values };
  if (result.reason === "members-only") return { kind: "invalid", errors: {}, problem: fr.memberships.deskRefused, values };
  return { kind: "invalid", errors: {}, problem: refusalMessage(result.reason, result.detail), values };
}
