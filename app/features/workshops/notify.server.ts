/**
 * What a person is told about their workshop registration, by SMS when they gave a phone and by
 * mail when they gave an email — queued in the transaction of what caused it (as bookings do):
 * registered, waiting (with their position), promoted, a seat offered (with the delay), accepted,
 * lapsed, the reminder, and the staff's cancellations and moves.
 */
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "~/db/client.server";
import { hashToken } from "~/features/accounts/tokens.server";
import { queueMail } from "~/features/mail/outbox.server";
import { queueSms } from "~/features/sms/outbox.server";
import { formatDateTime } from "~/features/time/format";
import { fr } from "~/lib/messages";
import { formatPhone } from "~/lib/phone";

const m = fr.workshops;

/**
 * The manage link's token of a registration: an HMAC of its id with the server's secret, so any
 * later message (a seat offered, a promotion) can carry the same link. The database keeps only its hash.
 */
export function manageTokenOf(secret: string, registrationId: string): string {
  return crypto.createHmac("sha256", secret).update(`workshop-manage:${registrationId}`).digest("base64url");
}

export type RegistrationEvent =
  | "registered" | "waiting" | "promoted" | "offered" | "accepted" | "lapsed" | "reminder"
  | "cancelled-by-staff" | "session-cancelled" | "session-moved";

/** Where a session happens, in a few words: the place, the stop (« Mansle, place du Marché »), or online. */
export function whereWords(row: { location: string; place_name: string; stop_label: string | null; stop_commune: string | null }): string {
  if (row.location === "online") return "en ligne";
  if (row.location === "stop" && row.stop_label) return `${row.stop_commune}, ${row.stop_label}`;
  return row.place_name;
}

/**
 * Queue the messages of one event. `sessionId`: the session the event is about (a cycle's
 * reminder, a moved or cancelled session); otherwise the registration's session, or its cycle's
 * next one. Returns how many messages were queued (0: no contact, or erased).
 */
export async function notifyRegistration(
  db: Db,
  input: {
    registrationId: string; event: RegistrationEvent; now: number; secret: string; baseUrl: string;
    sessionId?: string; position?: number | null; offeredUntil?: number; reason?: string | null;
  },
): Promise<number> {
  const [r] = await queryRows(db, sql`
    select r.first_name, r.phone, r.email, r.erased_at, r.manage_token_hash, w.title, w.location, w.online_url,
           p.name as place_name, p.address, p.postcode, p.commune, p.phone as place_phone, p.time_zone,
           st.label as stop_label, st.commune as stop_commune, st.address as stop_address, st.postcode as stop_postcode,
           (select s.starts_at from workshop_sessions s
             where ${input.sessionId ? sql`s.id = ${input.sessionId}` : sql`(s.id = r.session_id or (r.session_id is null and s.workshop_id = r.workshop_id and s.status = 'scheduled' and s.starts_at > ${new Date(input.now).toISOString()}::timestamptz))`}
             order by s.starts_at limit 1) as starts_at
    from workshop_registrations r join workshops w on w.id = r.workshop_id join places p on p.id = r.place_id
    left join stops st on st.id = w.stop_id
    where r.id = ${input.registrationId}`);
  if (!r || r.erased_at || (!r.phone && !r.email) || !r.starts_at) return 0;
  const timeZone = String(r.time_zone);
  const when = formatDateTime(new Date(r.starts_at as string), { timeZone, now: input.now });
  const what = String(r.title);
  const where = whereWords(r as never);
  const token = manageTokenOf(input.secret, input.registrationId);
  // The link is recomputed from the id; if the secret changed since (a restart without SESSION_SECRET), the new link replaces the old.
  if (hashToken(token) !== r.manage_token_hash) {
    await db.execute(sql`update workshop_registrations set manage_token_hash = ${hashToken(token)} where id = ${input.registrationId}`);
  }
  const link = input.baseUrl ? `${input.baseUrl}/inscription/${token}` : "";
  const until = input.offeredUntil ? formatDateTime(new Date(input.offeredUntil), { timeZone, now: input.now }) : "";
  const why = input.reason ?? "";
  const position = input.position ?? 0;
  let sent = 0;
  if (r.phone) {
    const text = {
      registered: () => m.sms.registered(what, when, where, link),
      waiting: () => m.sms.waiting(what, when, position, link),
      promoted: () => m.sms.promoted(what, when, where, link),
      offered: () => m.sms.offered(what, when, until, link),
      accepted: () => m.sms.accepted(what, when, where),
      lapsed: () => m.sms.lapsed(what, when),
      reminder: () => m.sms.reminder(what, when, where),
      "cancelled-by-staff": () => m.sms.cancelledByStaff(what, when, why),
      "session-cancelled": () => m.sms.sessionCancelled(what, when, why),
      "session-moved": () => m.sms.sessionMoved(what, when, where),
    }[input.event]();
    await queueSms(db, { to: String(r.phone), text }, new Date(input.now));
    sent++;
  }
  if (r.email) {
    const s = m.mail.subject;
    const subject = {
      registered: s.registered, waiting: s.waiting, promoted: s.promoted, offered: s.offered, accepted: s.accepted, lapsed: s.lapsed,
      reminder: s.reminder, "cancelled-by-staff": s.cancelledByStaff, "session-cancelled": s.sessionCancelled, "session-moved": s.sessionMoved,
    }[input.event](what, when);
    const address = r.location === "stop" && r.stop_label ? `${r.stop_label}, ${r.stop_address}, ${r.stop_postcode} ${r.stop_commune}` : `${r.address}, ${r.postcode} ${r.commune}`;
    const body = {
      registered: m.sms.registered(what, when, where, link),
      waiting: m.sms.waiting(what, when, position, link),
      promoted: m.sms.promoted(what, when, where, link),
      offered: m.sms.offered(what, when, until, link),
      accepted: m.sms.accepted(what, when, where),
      lapsed: m.sms.lapsed(what, when),
      reminder: m.sms.reminder(what, when, where),
      "cancelled-by-staff": m.sms.cancelledByStaff(what, when, why),
      "session-cancelled": m.sms.sessionCancelled(what, when, why),
      "session-moved": m.sms.sessionMoved(what, when, where),
    }[input.event];
    const lines = [
      fr.booking.mail.hello(r.first_name ? String(r.first_name) : ""),
      "",
      body,
      "",
      `${what}\n${r.place_name}\n${r.location === "online" ? "En ligne" : address}\n${when}`,
      ...(r.location === "online" && r.online_url && input.event !== "waiting" && input.event !== "lapsed" && input.event !== "offered" ? [m.mail.onlineUrl(String(r.online_url))] : []),
      ...(r.place_phone ? [fr.booking.mail.placePhone(formatPhone(String(r.place_phone)))] : []),
      ...(link && input.event !== "lapsed" ? ["", input.event === "offered" ? m.mail.accept(link) : m.mail.manage(link)] : []),
      "",
      fr.booking.mail.signature,
    ];
    await queueMail(db, { to: String(r.email), subject, text: lines.join("\n") }, new Date(input.now));
    sent++;
  }
  return sent;
}
