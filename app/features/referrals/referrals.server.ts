/**
 * Partners' referrals (« orientations »): an adviser of a partner organisation sends a person to a
 * place of the network, possibly booking a slot or a workshop seat for them at once; the place
 * answers (accept, refuse with a reason, a contact attempt, a booking, close); the referral then
 * follows the booking's attendance and the help record by itself (drizzle/0020's triggers).
 *
 * Every status change goes through the SQL function `referral_move`, which appends the event;
 * each event schedules its notice (the adviser's mail, the partner's webhook: notice.server.ts).
 * Who may see what is the policy's (`partner.*`, `referral.view`, `place.referrals`): the
 * routes check it; these functions take the scope they are given (a partner id, a place id).
 */
import { and, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { type Db, queryRows } from "~/db/client.server";
import { memberships, partners, placeNetworks, places, referralEvents, referrals, users, type ReferralStatus } from "~/db/schema";
import { recordAudit } from "~/features/audit/record.server";
import { queueMail } from "~/features/mail/outbox.server";
import { refusalMessage } from "~/features/scheduling/booking-form";
import { bookOffer, offersSlots, PUBLIC_DAYS } from "~/features/scheduling/offers.server";
import type { BookingOptions } from "~/features/scheduling/bookings.server";
import type { Slot } from "~/features/scheduling/availability";
import { findPublicPlace } from "~/features/scheduling/public-booking.server";
import { feedSessions } from "~/features/workshops/agenda.server";
import { registerForSession } from "~/features/workshops/seats.server";
import { getReferralRules } from "~/features/partners/partners.server";
import { DEFAULT_REFERRAL_RULES } from "~/features/partners/settings-form";
import { formatDateTime } from "~/features/time/format";
import type { FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { DirectoryQuery } from "~/features/directory/query";
import { searchDirectory } from "~/features/directory/search.server";
import type { Appointment, ReferralInput } from "./referral-form";
import { answersFor, TAB_STATUSES, type InboxTab } from "./statuses";
import type { ReferralDetailView, ReferralRowView } from "./referral-parts";

const m = fr.referrals;
const DAY = 86_400_000;
const MINUTE = 60_000;

export type PartnerRow = { id: string; name: string; kind: string; networkId: string; networkName: string; networkSlug: string };

export async function getPartner(db: Db, partnerId: string): Promise<PartnerRow | null> {
  const [row] = await queryRows(
    db,
    sql`select p.id, p.name, p.kind, p.network_id, n.name as network_name, n.slug as network_slug from partners p join networks n on n.id = p.network_id where p.id = ${partnerId}::uuid`,
  );
  return row ? { id: String(row.id), name: String(row.name), kind: String(row.kind), networkId: String(row.network_id), networkName: String(row.network_name), networkSlug: String(row.network_slug) } : null;
}

// ─── Where to refer: the network's places, what can be booked there ───────────────────────────

export type ReferralOffer = { key: string; name: string; minutes: number; slots: Slot[] };
export type ReferralSession = { id: string; title: string; when: string; seatsLeft: number | null; startsAt: number };
export type ReferralPlace = {
  id: string; slug: string; name: string; timeZone: string; address: string; postcode: string; commune: string; phone: string | null;
  networkIds: string[]; offers: ReferralOffer[]; sessions: ReferralSession[];
};

/** How many free starts of each offer the form lists (the first ones over the public's 14 days). */
const SLOTS_SHOWN = 12;
/** Workshop sessions the form lists: the next ones, with a free seat, within 30 days. */
const SESSIONS_SHOWN = 8;

/**
 * A published place of the network, with the slots and workshop seats an adviser may book for a
 * person there (the public's offers and rules: nothing the person could not book themselves).
 * Null when the place is not published or not in the network.
 */
export async function referralPlace(db: Db, input: { networkId: string; slug: string; now: number }): Promise<ReferralPlace | null> {
  const found = await findPublicPlace(db, input.slug);
  if (!found) return null;
  const networkIds = (await db.select({ id: placeNetworks.networkId }).from(placeNetworks).where(eq(placeNetworks.placeId, found.place.id))).map((r) => r.id);
  if (!networkIds.includes(input.networkId)) return null;
  const { place, offers } = found;
  const slots = await offersSlots(db, place, offers, input.now, input.now + PUBLIC_DAYS * DAY, input.now);
  const sessions = (await feedSessions(db, { placeSlug: place.slug }, new Date(input.now)))
    .filter((s) => !s.cancelled && s.registration !== "none" && (s.seatsLeft === null || s.seatsLeft > 0) && s.startsAt.getTime() > input.now && s.startsAt.getTime() < input.now + 30 * DAY)
    .slice(0, SESSIONS_SHOWN)
    .map((s) => ({ id: s.sessionId, title: s.title, when: s.when, seatsLeft: s.seatsLeft, startsAt: s.startsAt.getTime() }));
  return {
    id: place.id, slug: place.slug, name: place.name, timeZone: place.timeZone, address: place.address, postcode: place.postcode, commune: place.commune, phone: place.phone,
    networkIds,
    offers: offers.map((o) => ({ key: o.key, name: o.name, minutes: o.minMinutes, slots: (slots.get(o.key) ?? []).slice(0, SLOTS_SHOWN) })),
    sessions,
  };
}

// ─── Making a booking for a referral ───────────────────────────────────────────────────────────

/** Refused in words, inside the transaction: it rolls back whatever was written. */
class Invalid extends Error {
  constructor(readonly errors: FieldErrors) {
    super("invalid");
  }
}

type Booking = { bookingId: string | null; registrationId: string | null; start: number | null };

/**
 * Book what the adviser (or the place) chose, in the caller's transaction: a slot of one of the
 * place's public offers (the public's rules; a staff member of the place books at the desk), or a
 * seat in a workshop session (a seat, not the waiting list).
 */
async function bookAppointment(
  tx: Db,
  input: { appointment: Exclude<Appointment, { kind: "place-calls" }>; placeSlug: string; placeId: string; person: { firstName: string; phone: string | null; email: string | null }; actorUserId: string | null; byPlace: boolean; key: string | null; options: BookingOptions },
): Promise<Booking> {
  const { appointment, person } = input;
  if (appointment.kind === "slot") {
    const found = await findPublicPlace(tx, input.placeSlug);
    const offer = found?.offers.find((o) => o.key === appointment.offer);
    if (!found || !offer) throw new Invalid({ rendez_vous: m.errors.appointment });
    const result = await bookOffer(
      tx,
      offer,
      {
        placeId: input.placeId, start: appointment.start, end: appointment.start + offer.minMinutes * MINUTE,
        person: { firstName: person.firstName, phone: person.phone, email: person.email, note: null, reason: null },
        source: input.byPlace ? "desk" : "api", actorUserId: input.actorUserId, idempotencyKey: input.key ? `orientation:${input.key}` : null,
      },
      input.options,
    );
    if (result.kind === "taken") throw new Invalid({ rendez_vous: m.errors.slotTaken });
    if (result.kind === "refused") throw new Invalid({ rendez_vous: m.errors.bookingRefused(refusalMessage(result.reason, result.detail)) });
    return { bookingId: result.booking.id, registrationId: null, start: result.booking.start };
  }
  const result = await registerForSession(
    tx,
    { sessionId: appointment.sessionId, placeId: input.placeId, person, source: input.byPlace ? "desk" : "api", actorUserId: input.actorUserId, idempotencyKey: input.key ? `orientation:${input.key}` : null },
    input.options,
  );
  if (result.kind === "refused") {
    const words = result.reason === "members-only" ? fr.memberships.deskWorkshopRefused : (fr.workshops.refusals as Record<string, string>)[result.reason] ?? m.errors.appointment;
    throw new Invalid({ rendez_vous: m.errors.bookingRefused(words) });
  }
  if (result.registration.status !== "registered") throw new Invalid({ rendez_vous: m.errors.sessionFull });
  const [session] = await queryRows(tx, sql`select starts_at from workshop_sessions where id = ${appointment.sessionId}::uuid`);
  return { bookingId: null, registrationId: result.registration.id, start: session ? new Date(session.starts_at as string).getTime() : null };
}

/** Move a referral (the SQL function appends the event, whose trigger schedules the notice). */
async function move(tx: Db, input: { referralId: string; status: ReferralStatus; kind?: "status" | "contact-attempt" | "reminder"; actorUserId: string | null; detail?: string | null; at: Date }): Promise<void> {
  await tx.execute(
    sql`select referral_move(${input.referralId}::uuid, ${input.status}, ${input.kind ?? "status"}, ${input.actorUserId}::uuid, ${input.detail ?? null}, ${input.at.toISOString()}::timestamptz)`,
  );
}

/** The place's staff who read referrals (its managers and mediators). */
async function staffEmails(db: Db, placeId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.placeId, placeId), inArray(memberships.role, ["manager", "mediator"]), isNull(users.disabledAt)));
  return rows.map((r) => r.email);
}

/** « Mehdi B. »: what mails and lists show of a person. */
export function shortName(firstName: string | null, lastName: string | null): string {
  if (!firstName) return m.detail.erasedName;
  return lastName ? `${firstName} ${lastName.slice(0, 1).toUpperCase()}.` : firstName;
}

// ─── Creating ──────────────────────────────────────────────────────────────────────────────────

export type CreateReferralResult =
  | { kind: "created"; id: string; status: ReferralStatus; start: number | null; replay: boolean }
  | { kind: "invalid"; errors: FieldErrors };

/**
 * Refer a person to a place: the referral, its first event, the booking or seat when one was
 * chosen (then « Rendez-vous pris » at once), the mail to the place's staff and the audit line
 * (without the person), in one transaction: nothing is written unless everything holds. The same
 * form or API request sent twice (its key) makes one referral.
 */
export async function createReferral(
  db: Db,
  input: { partner: Pick<PartnerRow, "id" | "name" | "networkId">; adviserId: string | null; place: Pick<ReferralPlace, "id" | "slug" | "name">; values: ReferralInput; baseUrl: string; options: BookingOptions },
): Promise<CreateReferralResult> {
  const now = new Date(input.options.now ?? Date.now());
  const v = input.values;
  const replay = async (): Promise<CreateReferralResult | null> => {
    if (!v.key) return null;
    const [earlier] = await db.select({ id: referrals.id, partnerId: referrals.partnerId, status: referrals.status }).from(referrals).where(eq(referrals.idempotencyKey, v.key));
    if (!earlier) return null;
    if (earlier.partnerId !== input.partner.id) return { kind: "invalid", errors: { form: m.errors.key } };
    return { kind: "created", id: earlier.id, status: earlier.status, start: null, replay: true };
  };
  const again = await replay();
  if (again) return again;
  const rules = await getReferralRules(db, input.partner.networkId);
  try {
    return await db.transaction(async (tx) => {
      const booking: Booking =
        v.appointment.kind === "place-calls"
          ? { bookingId: null, registrationId: null, start: null }
          : await bookAppointment(tx, {
              appointment: v.appointment, placeSlug: input.place.slug, placeId: input.place.id, person: { firstName: v.firstName, phone: v.phone, email: v.email },
              actorUserId: input.adviserId, byPlace: false, key: v.key, options: input.options,
            });
      const [row] = await tx
        .insert(referrals)
        .values({
          networkId: input.partner.networkId, partnerId: input.partner.id, adviserId: input.adviserId, placeId: input.place.id,
          firstName: v.firstName, lastName: v.lastName, phone: v.phone, email: v.email, contactPreference: v.contactPreference, note: v.note,
          consentWording: m.consent({ partner: input.partner.name, place: input.place.name, retentionMonths: rules.retentionMonths }), consentedAt: now,
          themes: v.themes, partnerReference: v.partnerReference, idempotencyKey: v.key,
          bookingId: booking.bookingId, registrationId: booking.registrationId, status: "sent", statusAt: now, createdAt: now, updatedAt: now,
        })
        .returning({ id: referrals.id });
      const id = row!.id;
      await move(tx, { referralId: id, status: "sent", actorUserId: input.adviserId, at: now });
      if (booking.bookingId || booking.registrationId) await move(tx, { referralId: id, status: "booked", actorUserId: input.adviserId, at: now });
      const link = `${input.baseUrl}/gestion/lieux/${input.place.id}/orientations/${id}`;
      const mail = m.mails.newToPlace({ place: input.place.name, partner: input.partner.name, first: shortName(v.firstName, v.lastName), link });
      for (const to of await staffEmails(tx, input.place.id)) await queueMail(tx, { to, ...mail }, now);
      if (input.adviserId) {
        await recordAudit(tx, { actorUserId: input.adviserId, action: "referral.create", entityType: "referral", entityId: id, placeId: input.place.id, after: { partner: input.partner.name, booked: booking.start !== null } }, now);
      }
      return { kind: "created" as const, id, status: booking.start !== null ? ("booked" as const) : ("sent" as const), start: booking.start, replay: false };
    });
  } catch (error) {
    if (error instanceof Invalid) return { kind: "invalid", errors: error.errors };
    // A twin request committed first (the key is unique): answer as a retry.
    if (v.key && (await replay())) return (await replay())!;
    throw error;
  }
}

// ─── The place answers ─────────────────────────────────────────────────────────────────────────

export type PlaceAnswer =
  | { kind: "accept" }
  | { kind: "refuse"; reason: string }
  | { kind: "contact"; note: string | null }
  | { kind: "book"; appointment: Exclude<Appointment, { kind: "place-calls" }> }
  | { kind: "close"; reason: string | null };

export type AnswerResult = { kind: "done"; status: ReferralStatus; start: number | null } | { kind: "invalid"; errors: FieldErrors } | { kind: "not-found" };

/**
 * A step of the place (or closing, by the place or the adviser), under the referral's row lock so
 * two people answering at once cannot both act on the same status: the second is told what it
 * has become. `scope`: the place's id (its staff) or the partner's id (its advisers, close only).
 */
export async function answerReferral(
  db: Db,
  input: { referralId: string; scope: { placeId: string } | { partnerId: string }; answer: PlaceAnswer; actorUserId: string; baseUrl: string; options: BookingOptions },
): Promise<AnswerResult> {
  const now = new Date(input.options.now ?? Date.now());
  const { answer } = input;
  try {
    return await db.transaction(async (tx): Promise<AnswerResult> => {
      const where = "placeId" in input.scope ? eq(referrals.placeId, input.scope.placeId) : eq(referrals.partnerId, input.scope.partnerId);
      const [r] = await tx
        .select({ id: referrals.id, status: referrals.status, placeId: referrals.placeId, erasedAt: referrals.erasedAt, firstName: referrals.firstName, phone: referrals.phone, email: referrals.email, slug: places.slug, firstAnsweredAt: referrals.firstAnsweredAt })
        .from(referrals)
        .innerJoin(places, eq(places.id, referrals.placeId))
        .where(and(eq(referrals.id, input.referralId), where))
        .for("update", { of: referrals });
      if (!r) return { kind: "not-found" };
      if (r.erasedAt) return { kind: "invalid", errors: { form: m.errors.erased } };
      const byPlace = "placeId" in input.scope;
      if (!answersFor(r.status).includes(answer.kind) || (!byPlace && answer.kind !== "close")) {
        return { kind: "invalid", errors: { form: m.errors.notNow(m.statuses[r.status]) } };
      }
      const actor = input.actorUserId;
      let status: ReferralStatus = r.status;
      let start: number | null = null;
      switch (answer.kind) {
        case "accept":
          status = "accepted";
          await move(tx, { referralId: r.id, status, actorUserId: actor, at: now });
          break;
        case "refuse":
          status = "refused";
          await tx.update(referrals).set({ refusalReason: answer.reason }).where(eq(referrals.id, r.id));
          await move(tx, { referralId: r.id, status, actorUserId: actor, detail: answer.reason, at: now });
          break;
        case "contact":
          // Trying to reach the person is accepting the referral.
          if (r.status === "sent") {
            status = "accepted";
            await move(tx, { referralId: r.id, status, actorUserId: actor, at: now });
          }
          await move(tx, { referralId: r.id, status, kind: "contact-attempt", actorUserId: actor, detail: answer.note, at: now });
          break;
        case "book": {
          const booking = await bookAppointment(tx, {
            appointment: answer.appointment, placeSlug: r.slug, placeId: r.placeId, person: { firstName: r.firstName!, phone: r.phone, email: r.email },
            actorUserId: actor, byPlace: true, key: null, options: input.options,
          });
          await tx.update(referrals).set({ bookingId: booking.bookingId, registrationId: booking.registrationId }).where(eq(referrals.id, r.id));
          status = "booked";
          start = booking.start;
          await move(tx, { referralId: r.id, status, actorUserId: actor, at: now });
          break;
        }
        case "close":
          status = "closed";
          await move(tx, { referralId: r.id, status, actorUserId: actor, detail: answer.reason, at: now });
          break;
      }
      if (byPlace && r.firstAnsweredAt === null) await tx.update(referrals).set({ firstAnsweredAt: now }).where(eq(referrals.id, r.id));
      await recordAudit(tx, { actorUserId: actor, action: `referral.${answer.kind}`, entityType: "referral", entityId: r.id, placeId: r.placeId, after: { status } }, now);
      return { kind: "done", status, start };
    });
  } catch (error) {
    if (error instanceof Invalid) return { kind: "invalid", errors: error.errors };
    throw error;
  }
}

// ─── Reading ───────────────────────────────────────────────────────────────────────────────────

export type ReferralListItem = {
  id: string; createdAt: Date; name: string; placeId: string; placeName: string; partnerName: string; adviserName: string | null;
  status: ReferralStatus; statusAt: Date; themes: string[]; appointmentAt: Date | null; erased: boolean;
};

const listColumns = sql`r.id, r.created_at, r.first_name, r.last_name, r.place_id, p.name as place_name, pa.name as partner_name, u.name as adviser_name,
  r.status, r.status_at, r.themes, r.erased_at, coalesce(b.starts_at, ws.starts_at) as appointment_at`;
const listFrom = sql`from referrals r
  join places p on p.id = r.place_id
  join partners pa on pa.id = r.partner_id
  left join users u on u.id = r.adviser_id
  left join bookings b on b.id = r.booking_id
  left join workshop_registrations wr on wr.id = r.registration_id
  left join workshop_sessions ws on ws.id = wr.session_id`;

function toItem(row: Record<string, unknown>): ReferralListItem {
  return {
    id: String(row.id), createdAt: new Date(row.created_at as string), name: shortName(row.first_name as string | null, row.last_name as string | null),
    placeId: String(row.place_id), placeName: String(row.place_name), partnerName: String(row.partner_name), adviserName: (row.adviser_name as string | null) ?? null,
    status: row.status as ReferralStatus, statusAt: new Date(row.status_at as string), themes: (row.themes as string[]) ?? [],
    appointmentAt: row.appointment_at ? new Date(row.appointment_at as string) : null, erased: row.erased_at !== null,
  };
}

/** The partner's referrals, newest first (`adviserId`: one adviser's only). */
export async function listPartnerReferrals(db: Db, input: { partnerId: string; adviserId?: string; limit?: number }): Promise<ReferralListItem[]> {
  const c: SQL[] = [sql`r.partner_id = ${input.partnerId}::uuid`];
  if (input.adviserId) c.push(sql`r.adviser_id = ${input.adviserId}::uuid`);
  const rows = await queryRows(db, sql`select ${listColumns} ${listFrom} where ${sql.join(c, sql` and `)} order by r.created_at desc limit ${input.limit ?? 500}`);
  return rows.map(toItem);
}

/** The place's inbox: one tab's referrals (new and to contact: oldest first, they wait; the others newest first). */
export async function listPlaceReferrals(db: Db, input: { placeId: string; tab: InboxTab; limit?: number }): Promise<ReferralListItem[]> {
  const statuses = TAB_STATUSES[input.tab];
  const order = input.tab === "new" || input.tab === "contact" ? sql`r.created_at asc` : input.tab === "booked" ? sql`appointment_at asc nulls last` : sql`r.status_at desc`;
  const rows = await queryRows(
    db,
    sql`select ${listColumns} ${listFrom} where r.place_id = ${input.placeId}::uuid and r.status in (${sql.join(statuses.map((s) => sql`${s}`), sql`, `)}) order by ${order} limit ${input.limit ?? 200}`,
  );
  return rows.map(toItem);
}

/** How many referrals wait for the place's first answer (the place page's link says it). */
export async function countNewReferrals(db: Db, placeId: string): Promise<number> {
  const [row] = await queryRows(db, sql`select count(*)::int as n from referrals where place_id = ${placeId}::uuid and status = 'sent'`);
  return Number(row?.n ?? 0);
}

export type ReferralEvent = { id: string; kind: string; status: ReferralStatus; at: Date; actorName: string | null; detail: string | null };
export type ReferralDetail = ReferralListItem & {
  partnerId: string; partnerKind: string; networkId: string; placeSlug: string; placeTimeZone: string;
  firstName: string | null; lastName: string | null; phone: string | null; email: string | null; contactPreference: string | null;
  note: string | null; partnerReference: string | null; consentWording: string | null; consentedAt: Date | null; refusalReason: string | null;
  bookingId: string | null; registrationId: string | null; appointmentEnd: Date | null; appointmentTitle: string | null;
  events: ReferralEvent[];
};

/** One referral with the person and its history, or null (the caller has checked the rights on it). */
export async function getReferral(db: Db, referralId: string): Promise<ReferralDetail | null> {
  const [row] = await queryRows(
    db,
    sql`select ${listColumns}, r.partner_id, pa.kind as partner_kind, r.network_id, p.slug as place_slug, p.time_zone,
          r.first_name, r.last_name, r.phone, r.email, r.contact_preference, r.note, r.partner_reference, r.consent_wording, r.consented_at,
          r.refusal_reason, r.booking_id, r.registration_id, coalesce(b.ends_at, ws.ends_at) as appointment_end,
          coalesce(res.name, w.title) as appointment_title
        ${listFrom}
        left join resources res on res.id = b.resource_id
        left join workshops w on w.id = wr.workshop_id
        where r.id = ${referralId}::uuid`,
  );
  if (!row) return null;
  const events = await db
    .select({ id: referralEvents.id, kind: referralEvents.kind, status: referralEvents.status, at: referralEvents.at, actorName: users.name, detail: referralEvents.detail })
    .from(referralEvents)
    .leftJoin(users, eq(users.id, referralEvents.actorUserId))
    .where(eq(referralEvents.referralId, referralId))
    .orderBy(desc(referralEvents.seq));
  const text = (k: string) => (row[k] === null || row[k] === undefined ? null : String(row[k]));
  return {
    ...toItem(row),
    partnerId: String(row.partner_id), partnerKind: String(row.partner_kind), networkId: String(row.network_id), placeSlug: String(row.place_slug), placeTimeZone: String(row.time_zone),
    firstName: text("first_name"), lastName: text("last_name"), phone: text("phone"), email: text("email"), contactPreference: text("contact_preference"),
    note: text("note"), partnerReference: text("partner_reference"), consentWording: text("consent_wording"), consentedAt: row.consented_at ? new Date(row.consented_at as string) : null,
    refusalReason: text("refusal_reason"), bookingId: text("booking_id"), registrationId: text("registration_id"),
    appointmentEnd: row.appointment_end ? new Date(row.appointment_end as string) : null, appointmentTitle: text("appointment_title"),
    events: events.map((e) => ({ ...e, actorName: e.actorName ?? null })),
  };
}

/** « le 12 décembre à 14 h 00 » of an appointment, on the place's clock. */
export function appointmentWords(at: Date | number, timeZone: string, now: number): string {
  return formatDateTime(at, { timeZone, now });
}

// ─── Reminders, expiry, retention (jobs) ───────────────────────────────────────────────────────

export const REFERRALS_FOLLOW_UP = "referrals.follow-up";

/**
 * Referrals nobody at the place answered: a reminder to the place's staff every `reminderDays`,
 * then « Expirée » after `expiryDays` (the adviser is told, by the event's notice). Each referral
 * is handled in its own transaction, under its row lock (a place answering at that moment wins or
 * waits). Idempotent: a reminder is sent when one more is due than were sent.
 */
export async function followUpReferrals(db: Db, input: { now?: Date; baseUrl: string }): Promise<{ reminded: number; expired: number }> {
  const now = input.now ?? new Date();
  const open = await queryRows(
    db,
    sql`select r.id, r.created_at, r.reminders_sent, coalesce(s.expiry_days, ${DEFAULT_REFERRAL_RULES.expiryDays}) as expiry_days, coalesce(s.reminder_days, ${DEFAULT_REFERRAL_RULES.reminderDays}) as reminder_days
        from referrals r left join referral_settings s on s.network_id = r.network_id
        where r.status = 'sent' and r.erased_at is null and r.created_at <= ${new Date(now.getTime() - DAY).toISOString()}::timestamptz
        order by r.created_at`,
  );
  let reminded = 0;
  let expired = 0;
  for (const o of open) {
    const age = now.getTime() - new Date(o.created_at as string).getTime();
    const expiryDays = Number(o.expiry_days);
    const reminderDays = Number(o.reminder_days);
    const due = Math.min(Math.floor(age / (reminderDays * DAY)), Math.ceil(expiryDays / reminderDays) - 1);
    if (age < expiryDays * DAY && due <= Number(o.reminders_sent)) continue;
    await db.transaction(async (tx) => {
      const [r] = await tx
        .select({ id: referrals.id, status: referrals.status, remindersSent: referrals.remindersSent, placeId: referrals.placeId, placeName: places.name, partnerName: partners.name, firstName: referrals.firstName, lastName: referrals.lastName })
        .from(referrals)
        .innerJoin(places, eq(places.id, referrals.placeId))
        .innerJoin(partners, eq(partners.id, referrals.partnerId))
        .where(eq(referrals.id, String(o.id)))
        .for("update", { of: referrals });
      if (!r || r.status !== "sent") return;
      if (age >= expiryDays * DAY) {
        await move(tx, { referralId: r.id, status: "expired", actorUserId: null, at: now });
        expired++;
        return;
      }
      if (due <= r.remindersSent) return;
      const n = r.remindersSent + 1;
      await tx.update(referrals).set({ remindersSent: n, lastRemindedAt: now }).where(eq(referrals.id, r.id));
      await move(tx, { referralId: r.id, status: "sent", kind: "reminder", actorUserId: null, detail: String(n), at: now });
      const days = Math.floor(age / DAY);
      const mail = m.mails.reminderToPlace({
        place: r.placeName, partner: r.partnerName, first: shortName(r.firstName, r.lastName), link: `${input.baseUrl}/gestion/lieux/${r.placeId}/orientations/${r.id}`,
        days, expiresIn: Math.max(1, expiryDays - days),
      });
      for (const to of await staffEmails(tx, r.placeId)) await queueMail(tx, { to, ...mail }); // sent now, whatever date the follow-up runs as of
      reminded++;
    });
  }
  return { reminded, expired };
}

// ─── For the pages ─────────────────────────────────────────────────────────────────────────────

/** A list item as a loader sends it (dates as ISO strings). */
export function rowView(r: ReferralListItem): ReferralRowView {
  return {
    id: r.id, createdAt: r.createdAt.toISOString(), name: r.name, placeName: r.placeName, partnerName: r.partnerName, adviserName: r.adviserName,
    status: r.status, statusAt: r.statusAt.toISOString(), themes: r.themes, appointmentAt: r.appointmentAt?.toISOString() ?? null,
  };
}

export function detailView(r: ReferralDetail): ReferralDetailView {
  return {
    ...rowView(r),
    firstName: r.firstName, lastName: r.lastName, phone: r.phone, email: r.email, contactPreference: r.contactPreference, note: r.note,
    partnerReference: r.partnerReference, consentWording: r.consentWording, consentedAt: r.consentedAt?.toISOString() ?? null, refusalReason: r.refusalReason,
    appointmentEnd: r.appointmentEnd?.toISOString() ?? null, appointmentTitle: r.appointmentTitle, placeTimeZone: r.placeTimeZone, erased: r.erased,
    events: r.events.map((e) => ({ ...e, at: e.at.toISOString() })),
  };
}

export type PlaceFound = { slug: string; name: string; address: string; postcode: string; commune: string; distanceMetres: number | null; openNow: string; labelled: boolean };

/**
 * The network's published places near what the adviser typed (a commune, a postcode, a place's
 * name): the directory's own search, kept to the partner's network. `choices`: several communes
 * match, the adviser picks one.
 */
export async function searchReferralPlaces(db: Db, input: { networkSlug: string; q: string; commune?: string; now: Date }): Promise<{ places: PlaceFound[]; choices: { insee: string; label: string }[] }> {
  const query = DirectoryQuery.parse({ q: input.q, commune: input.commune, reseau: input.networkSlug });
  const result = await searchDirectory(db, query, input.now, 12);
  if (result.choices) return { places: [], choices: result.choices.map((c) => ({ insee: c.insee, label: `${c.name} (${c.department})` })) };
  return {
    places: result.results.map((r) => ({
      slug: r.slug, name: r.name, address: r.address, postcode: r.postcode, commune: r.commune, labelled: r.labelled,
      distanceMetres: r.distanceMetres, openNow: r.status.label,
    })),
    choices: [],
  };
}
