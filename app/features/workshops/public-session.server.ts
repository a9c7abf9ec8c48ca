/**
 * The public's side of a session, without an account and without JavaScript: the session page
 * (what, when, where, seats in words, the cycle's dates) with its registration form; the manage
 * link's page (status, place in the waiting list, accept an offered seat, cancel). Registration
 * and link lookups are rate-limited, as bookings are.
 */
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { type Db, queryRows } from "~/db/client.server";
import { addressRateKey, hitRateLimit } from "~/features/rate-limit/rate-limit.server";
import { personKey, personSchema } from "~/features/scheduling/booking-form";
import { LINK_LIMIT } from "~/features/scheduling/manage.server";
import { BOOKING_LIMITS } from "~/features/scheduling/public-booking.server";
import { settingsOf } from "~/features/scheduling/resources.server";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { formatPhone } from "~/lib/phone";
import { acceptOffer, cancelRegistration, findRegistrationByToken, registerForSession, type RegistrationView, type SeatOptions } from "./seats.server";

export type SessionTime = { id: string; start: number; end: number; status: string };

export type PublicSession = {
  id: string; workshopId: string; start: number; end: number; status: "scheduled" | "cancelled"; cancelReason: string | null;
  capacity: number | null; seatsTaken: number; waiting: number;
  title: string; description: string; kind: string; theme: string | null; level: string | null; audience: string; bring: string; accessibility: string;
  registration: "none" | "session" | "cycle"; promotion: "auto" | "offer"; offerHours: number; priceCents: number | null; requiresMembership: boolean; location: "place" | "online" | "stop";
  place: { id: string; slug: string; name: string; address: string; postcode: string; commune: string; phone: string | null; timeZone: string; latitude: number | null; longitude: number | null };
  stop: { label: string; address: string; postcode: string; commune: string; latitude: number; longitude: number } | null;
  /** A cycle's sessions (every scheduled one), else the series' other upcoming sessions (at most 6). */
  siblings: SessionTime[];
  retentionDays: number;
};

/**
 * A session of a published series at a published place; null otherwise. `unpublishedToo`: also
 * when the series or the place was unpublished since (a registrant's manage link still works, so
 * they can cancel and free their seat).
 */
export async function findPublicSession(db: Db, sessionId: string, now: number, options: { unpublishedToo?: boolean } = {}): Promise<PublicSession | null> {
  if (!z.uuid().safeParse(sessionId).success) return null;
  const [r] = await queryRows(db, sql`
    select s.id, s.workshop_id, s.starts_at, s.ends_at, s.status, s.cancel_reason, s.capacity, s.seats_taken,
           w.title, w.description, w.kind, w.theme, w.level, w.audience, w.bring, w.accessibility, w.registration, w.promotion, w.offer_hours,
           w.price_cents, w.requires_membership, w.location,
           p.id as place_id, p.slug, p.name, p.address, p.postcode, p.commune, p.phone, p.time_zone, p.latitude, p.longitude,
           st.label as stop_label, st.address as stop_address, st.postcode as stop_postcode, st.commune as stop_commune,
           st.latitude as stop_latitude, st.longitude as stop_longitude,
           (select count(*) from workshop_registrations r
             where r.status = 'waiting' and (r.session_id = s.id or (r.session_id is null and w.registration = 'cycle' and r.workshop_id = w.id))) as waiting
    from workshop_sessions s join workshops w on w.id = s.workshop_id join places p on p.id = w.place_id
    left join stops st on st.id = w.stop_id
    where s.id = ${sessionId} ${options.unpublishedToo ? sql`` : sql`and w.published and w.cancelled_at is null and p.status = 'published'`}`);
  if (!r) return null;
  const cycle = r.registration === "cycle";
  const siblings = await queryRows(db, sql`
    select id, starts_at, ends_at, status from workshop_sessions
    where workshop_id = ${String(r.workshop_id)} and id <> ${sessionId}
      and ${cycle ? sql`status = 'scheduled'` : sql`status = 'scheduled' and starts_at > ${new Date(now).toISOString()}::timestamptz`}
    order by starts_at limit ${cycle ? 200 : 6}`);
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    id: String(r.id), workshopId: String(r.workshop_id), start: new Date(r.starts_at as string).getTime(), end: new Date(r.ends_at as string).getTime(),
    status: r.status as PublicSession["status"], cancelReason: (r.cancel_reason as string | null) ?? null,
    capacity: n(r.capacity), seatsTaken: Number(r.seats_taken), waiting: Number(r.waiting),
    title: String(r.title), description: String(r.description), kind: String(r.kind), theme: (r.theme as string | null) ?? null, level: (r.level as string | null) ?? null,
    audience: String(r.audience), bring: String(r.bring), accessibility: String(r.accessibility),
    registration: r.registration as PublicSession["registration"], promotion: r.promotion as PublicSession["promotion"], offerHours: Number(r.offer_hours),
    priceCents: n(r.price_cents), requiresMembership: r.requires_membership === true, location: r.location as PublicSession["location"],
    place: {
      id: String(r.place_id), slug: String(r.slug), name: String(r.name), address: String(r.address), postcode: String(r.postcode), commune: String(r.commune),
      phone: (r.phone as string | null) ?? null, timeZone: String(r.time_zone), latitude: n(r.latitude), longitude: n(r.longitude),
    },
    stop: r.stop_label
      ? { label: String(r.stop_label), address: String(r.stop_address), postcode: String(r.stop_postcode), commune: String(r.stop_commune), latitude: Number(r.stop_latitude), longitude: Number(r.stop_longitude) }
      : null,
    siblings: siblings.map((x) => ({ id: String(x.id), start: new Date(x.starts_at as string).getTime(), end: new Date(x.ends_at as string).getTime(), status: String(x.status) })),
    retentionDays: (await settingsOf(db, String(r.place_id))).retentionDays,
  };
}

/** A fresh idempotency key for a form: 128 random bits. */
export function newFormKey(): string {
  return crypto.randomBytes(16).toString("base64url");
}

export type RegistrationOutcome =
  | { kind: "done"; manageToken: string; status: "registered" | "waiting"; replay: boolean }
  | { kind: "invalid"; errors: FieldErrors; values: Record<string, string> }
  | { kind: "refused"; reason: string; /** A message of its own (members only: with the place's phone). */ message?: string; values: Record<string, string> }
  | { kind: "limited"; retryAfterSeconds: number; values: Record<string, string> };

const FIELDS = ["prenom", "telephone", "courriel", "cle"] as const;
const FormKey = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

/** Check the fields, apply the rate limits, register (the public's form and the API). Nothing is written unless the person is registered or waiting. */
export async function registerFromPublic(
  db: Db,
  input: { sessionId: string; fields: Partial<Record<(typeof FIELDS)[number], string>>; clientAddress: string; source?: "online" | "api"; options: SeatOptions },
): Promise<RegistrationOutcome> {
  const now = input.options.now ?? Date.now();
  const values = Object.fromEntries(FIELDS.map((k) => [k, String(input.fields[k] ?? "").slice(0, 600)]));
  const parsed = parseForm(personSchema(), input.fields);
  if (!parsed.ok) return { kind: "invalid", errors: parsed.errors, values };
  const key = FormKey.safeParse(input.fields.cle);
  const client = await hitRateLimit(db, { key: addressRateKey("workshop", input.clientAddress), ...BOOKING_LIMITS.perClient, now: new Date(now) });
  if (!client.allowed) return { kind: "limited", retryAfterSeconds: client.retryAfterSeconds, values };
  const own = await hitRateLimit(db, { key: `workshop:person:${crypto.createHash("sha256").update(personKey(parsed.values)!).digest("hex")}`, ...BOOKING_LIMITS.perPerson, now: new Date(now) });
  if (!own.allowed) return { kind: "limited", retryAfterSeconds: own.retryAfterSeconds, values };
  const result = await registerForSession(
    db,
    { sessionId: input.sessionId, person: parsed.values, source: input.source ?? "online", idempotencyKey: key.success ? key.data : null },
    input.options,
  );
  if (result.kind === "refused") {
    const message = result.reason === "members-only" ? fr.memberships.workshopRefused(result.placePhone ? formatPhone(result.placePhone) : "") : undefined;
    return { kind: "refused", reason: result.reason, ...(message ? { message } : {}), values };
  }
  const { manageToken, status, replay } = result.registration;
  return { kind: "done", manageToken, status, replay };
}

export type RegistrationLookup = { kind: "found"; registration: RegistrationView } | { kind: "unknown" } | { kind: "limited"; retryAfterSeconds: number };

export async function lookUpRegistration(db: Db, token: string, clientAddress: string, now = Date.now()): Promise<RegistrationLookup> {
  const limit = await hitRateLimit(db, { key: addressRateKey("workshop-link", clientAddress), ...LINK_LIMIT, now: new Date(now) });
  if (!limit.allowed) return { kind: "limited", retryAfterSeconds: limit.retryAfterSeconds };
  const registration = await findRegistrationByToken(db, token);
  return registration ? { kind: "found", registration } : { kind: "unknown" };
}

/** The person's place in the waiting list (1 = next served). */
export async function waitingPosition(db: Db, r: Pick<RegistrationView, "workshopId" | "sessionId" | "queueNo">): Promise<number> {
  const [row] = await queryRows(db, sql`
    select count(*) as n from workshop_registrations
    where status = 'waiting' and queue_no <= ${r.queueNo}
      and ${r.sessionId ? sql`session_id = ${r.sessionId}` : sql`workshop_id = ${r.workshopId} and session_id is null`}`);
  return Number(row!.n);
}

/** The session a registration's page shows: its own, or the cycle's next (else its first). */
export async function sessionOfRegistration(db: Db, r: Pick<RegistrationView, "workshopId" | "sessionId">, now: number): Promise<string | null> {
  if (r.sessionId) return r.sessionId;
  const [row] = await queryRows(db, sql`
    select id from workshop_sessions where workshop_id = ${r.workshopId} and status = 'scheduled'
    order by (starts_at < ${new Date(now).toISOString()}::timestamptz), starts_at limit 1`);
  return row ? String(row.id) : null;
}

export type ChangeOutcome = "annulee" | "acceptee" | "trop-tard" | "delai-passe" | "invalide";

/** The manage page's forms: « annuler » (reason optional), « accepter » an offered seat. */
export async function changeRegistration(db: Db, r: RegistrationView, form: FormData, options: SeatOptions): Promise<ChangeOutcome> {
  const intent = form.get("intent");
  if (intent === "accepter") {
    const result = await acceptOffer(db, { registrationId: r.id, ...options });
    return result === "accepted" ? "acceptee" : result === "lapsed" ? "delai-passe" : "invalide";
  }
  if (intent === "annuler") {
    const reason = String(form.get("raison") ?? "").trim().slice(0, 300) || null;
    const result = await cancelRegistration(db, { registrationId: r.id, by: "person", reason, ...options });
    return result === "cancelled" || result === "already" ? "annulee" : result === "past" ? "trop-tard" : "invalide";
  }
  return "invalide";
}
