/**
 * What a person is told about their booking, by SMS when they gave a phone and by mail when they
 * gave an email: confirmation at once, a reminder before (a job keyed by the booking, moved with
 * it, withdrawn when it is cancelled, never sent after the start), and a notice when the staff
 * cancel, move or confirm it. Messages go through the outboxes and the job queue, in the
 * transaction of what caused them: a gateway down delays them, never loses them.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~/db/client.server";
import { bookings, places, resources } from "~/db/schema";
import { scheduleJob, cancelJob, type JobHandler } from "~/features/jobs/queue.server";
import { queueMail } from "~/features/mail/outbox.server";
import { queueSms } from "~/features/sms/outbox.server";
import { formatDateTime } from "~/features/time/format";
import { fr } from "~/lib/messages";
import { formatPhone } from "~/lib/phone";
import type { Settings } from "./resources.server";

const m = fr.booking;
export const BOOKING_REMIND = "booking.remind";
export const reminderJobKey = (bookingId: string) => `${BOOKING_REMIND}:${bookingId}`;

/** Schedule (or move) the reminder of a booking; none when the place sends none or it would be past. */
export async function scheduleReminder(db: Db, input: { bookingId: string; start: number; settings: Settings; now: number }): Promise<void> {
  const hours = input.settings.reminderHours;
  const at = hours === null ? null : input.start - hours * 3_600_000;
  if (at === null || at <= input.now) {
    await cancelJob(db, reminderJobKey(input.bookingId));
    return;
  }
  await scheduleJob(db, { kind: BOOKING_REMIND, key: reminderJobKey(input.bookingId), runAt: new Date(at), payload: { bookingId: input.bookingId } });
}

export type BookingEvent = "confirmed" | "pending" | "accepted" | "reminder" | "moved" | "cancelled";

/** Queue the messages of one event of a booking (SMS and/or mail). Nothing for a booking without contact or already erased. */
export async function notifyBooking(
  db: Db,
  input: { bookingId: string; event: BookingEvent; manageToken: string | null; baseUrl: string; now: number; reason?: string | null },
): Promise<number> {
  const [b] = await db
    .select({
      firstName: bookings.firstName, phone: bookings.phone, email: bookings.email, startsAt: bookings.startsAt, erasedAt: bookings.erasedAt,
      resourceName: resources.name, kind: resources.kind,
      placeName: places.name, address: places.address, postcode: places.postcode, commune: places.commune, placePhone: places.phone, timeZone: places.timeZone,
    })
    .from(bookings)
    .innerJoin(resources, eq(resources.id, bookings.resourceId))
    .innerJoin(places, eq(places.id, bookings.placeId))
    .where(eq(bookings.id, input.bookingId));
  if (!b || b.erasedAt || (!b.phone && !b.email)) return 0;
  const when = formatDateTime(b.startsAt, { timeZone: b.timeZone, now: input.now });
  const what = b.kind === "appointment" ? m.kinds.appointment! : b.resourceName;
  const link = input.manageToken ? `${input.baseUrl}/reservation/${input.manageToken}` : "";
  const why = input.reason ?? "";
  let sent = 0;
  if (b.phone) {
    const text = {
      confirmed: () => m.sms.confirmed(what, b.placeName, when, link),
      pending: () => m.sms.pending(what, b.placeName, when, link),
      accepted: () => m.sms.accepted(what, b.placeName, when),
      reminder: () => m.sms.reminder(what, b.placeName, when),
      moved: () => m.sms.moved(what, b.placeName, when),
      cancelled: () => m.sms.cancelled(what, b.placeName, when, why),
    }[input.event]();
    await queueSms(db, { to: b.phone, text }, new Date(input.now));
    sent++;
  }
  if (b.email) {
    const subject = {
      confirmed: m.mail.subjectConfirmed, pending: m.mail.subjectPending, accepted: m.mail.subjectAccepted,
      reminder: m.mail.subjectReminder, moved: m.mail.subjectMoved, cancelled: m.mail.subjectCancelled,
    }[input.event](b.placeName, when);
    const lines = [
      m.mail.hello(b.firstName ?? ""),
      "",
      subject,
      "",
      m.mail.details(what, b.placeName, `${b.address}, ${b.postcode} ${b.commune}`, when),
      ...(b.placePhone ? [m.mail.placePhone(formatPhone(b.placePhone))] : []),
      ...(why ? ["", why] : []),
      ...(link ? ["", m.mail.manage(link)] : []),
      ...(input.event === "pending" ? ["", m.pendingText] : []),
      "",
      m.mail.signature,
    ];
    await queueMail(db, { to: b.email, subject, text: lines.join("\n") }, new Date(input.now));
    sent++;
  }
  return sent;
}

const RemindPayload = z.object({ bookingId: z.uuid() });

/** The `booking.remind` job: tell the person, unless the booking was cancelled, erased or has started. */
export function bookingRemindHandler(): JobHandler {
  return {
    run: async (db, payload) => {
      const { bookingId } = RemindPayload.parse(payload);
      const now = Date.now();
      const [b] = await db.select({ status: bookings.status, startsAt: bookings.startsAt }).from(bookings).where(eq(bookings.id, bookingId));
      if (!b || b.status === "cancelled" || b.startsAt.getTime() <= now) return;
      await notifyBooking(db, { bookingId, event: "reminder", manageToken: null, baseUrl: "", now });
    },
  };
}
