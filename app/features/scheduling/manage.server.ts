/**
 * The manage link's page: the booking (what, where, when), cancel (reason optional) and move to
 * another time of the same resource, until the place's deadline. Lookups are rate-limited per
 * client address, so tokens cannot be tried at speed (they are 256-bit anyway).
 */
import { z } from "zod";
import type { Db } from "~/db/client.server";
import { addressRateKey, hitRateLimit } from "~/features/rate-limit/rate-limit.server";
import { parseForm } from "~/lib/forms";
import { cancelBooking, changeDeadline, findBookingByToken, moveBooking, type ManagedBooking } from "./bookings.server";
import { offersOf } from "./offers.server";
import { publicBookingView, type PublicBookingView } from "./public-booking.server";

export const LINK_LIMIT = { limit: 60, windowSeconds: 600 } as const;

export type ManageLookup = { kind: "found"; booking: ManagedBooking } | { kind: "unknown" } | { kind: "limited"; retryAfterSeconds: number };

export async function lookUpManagedBooking(db: Db, token: string, clientAddress: string, now = Date.now()): Promise<ManageLookup> {
  const limit = await hitRateLimit(db, { key: addressRateKey("booking-link", clientAddress), ...LINK_LIMIT, now: new Date(now) });
  if (!limit.allowed) return { kind: "limited", retryAfterSeconds: limit.retryAfterSeconds };
  const booking = await findBookingByToken(db, token);
  return booking ? { kind: "found", booking } : { kind: "unknown" };
}

/** Can the person still cancel or move it online? */
export function canChange(b: ManagedBooking, now: number): boolean {
  return b.status !== "cancelled" && now <= changeDeadline(b);
}

/** The move chooser: days, then times, then a confirmation, of the booking's own resource. */
export async function moveView(db: Db, b: ManagedBooking, query: URLSearchParams, now: number): Promise<PublicBookingView> {
  const offer = offersOf([b.resource])[0]!;
  return publicBookingView(db, b.place, offer, query, now, { startParam: "nouveau", exceptBookingId: b.id });
}

const ManageForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("annuler"), raison: z.string().max(500).optional() }),
  z.object({ intent: z.literal("deplacer"), debut: z.string().refine((v) => Number.isFinite(Date.parse(v))), duree: z.coerce.number().int().min(5).max(1440) }),
]);

export type ManageOutcome = "cancelled" | "moved" | "too-late" | "taken" | "invalid" | "refused";

export async function changeManagedBooking(db: Db, b: ManagedBooking, form: FormData, options: { now?: number; baseUrl: string }): Promise<ManageOutcome> {
  const parsed = parseForm(ManageForm, form);
  if (!parsed.ok) return "invalid";
  const now = options.now ?? Date.now();
  if (parsed.values.intent === "annuler") {
    const result = await cancelBooking(db, { bookingId: b.id, by: "person", reason: parsed.values.raison?.trim() || null, now, baseUrl: options.baseUrl });
    return result === "cancelled" || result === "already" ? "cancelled" : result === "too-late" ? "too-late" : "invalid";
  }
  const start = Date.parse(parsed.values.debut);
  const result = await moveBooking(db, { bookingId: b.id, start, end: start + parsed.values.duree * 60_000, by: "person", now, baseUrl: options.baseUrl });
  if (result.kind === "moved") return "moved";
  if (result.kind === "taken") return "taken";
  return result.reason === "too-late" ? "too-late" : "refused";
}
