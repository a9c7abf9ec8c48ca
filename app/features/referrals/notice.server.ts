/**
 * The `referral.notice` job: tell what happened to a referral. Every referral_events row schedules
 * it in its own transaction (the trigger of drizzle/0020_referrals-follow.sql, key
 * "referral.notice:<event id>"); it runs once per event, in one transaction:
 * - a mail to the adviser who made the referral, for what they wait for — the place's answers
 *   (accepted, refused with its reason, booked, closed), the attendance and the help given (came,
 *   no-show, excused, helped), the expiry, and each contact attempt (an acceptance made by a
 *   contact attempt: the attempt's mail only) — but not for their own actions, nor for the
 *   reminders sent to the place. The person is named by first name and initial only. An adviser
 *   whose account is gone or disabled: the partner's own address, if any;
 * - the partner's signed webhook, as a `referral.webhook` job keyed by the event (webhooks.server.ts);
 * - `noticed_at` on the event: a second run (delivery is at least once) does nothing.
 */
import { and, desc, eq, gt, lt } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~/db/client.server";
import { referralEvents, users, type ReferralEventKind, type ReferralStatus } from "~/db/schema";
import { scheduleJob, type JobHandler } from "~/features/jobs/queue.server";
import { queueMail } from "~/features/mail/outbox.server";
import { formatDateTime, formatDay } from "~/features/time/format";
import { todayIn } from "~/features/time/today";
import { fr } from "~/lib/messages";
import { shortName } from "./referrals.server";
import { loadReferralEvent, REFERRAL_WEBHOOK, webhookJobKey } from "./webhooks.server";
import { webhookType } from "./webhooks";

const m = fr.referrals.notices;

export const REFERRAL_NOTICE = "referral.notice";
/** The key the trigger gives the job. */
export const noticeJobKey = (eventId: string) => `${REFERRAL_NOTICE}:${eventId}`;

/** Statuses the adviser is told about (when someone else than them set it). */
const TOLD_STATUSES: ReadonlySet<ReferralStatus> = new Set(["accepted", "refused", "booked", "came", "no_show", "excused", "helped", "closed", "expired"]);
/** Statuses with an appointment, and those where its attendance is marked. */
const WITH_APPOINTMENT: ReadonlySet<ReferralStatus> = new Set(["booked", "came", "no_show", "excused"]);
const ATTENDANCE_MARKED: ReadonlySet<ReferralStatus> = new Set(["came", "no_show", "excused"]);

export type NoticeInput = {
  event: { kind: ReferralEventKind; status: ReferralStatus; at: Date; detail: string | null };
  /** The referral's status before this event (the previous event's), if any. */
  previousStatus: ReferralStatus | null;
  /** "Camille D." (shortName). */
  person: string;
  place: { name: string; timeZone: string };
  appointment: { start: Date; end: Date } | null;
  link: string;
  /** The adviser's name, or "" when the mail goes to the organisation's address. */
  adviserName: string;
  toOrganisation: boolean;
  now: number;
};

/** The adviser's mail for an event, or null when this kind of event is not mailed. Pure. */
export function adviserNoticeMail(input: NoticeInput): { subject: string; text: string } | null {
  const { event, place, appointment, now } = input;
  const zone = place.timeZone;
  const dayOf = (at: Date) => formatDay(todayIn(zone, at), todayIn(zone, now));
  // The day of the appointment the status is about, when there is one.
  const appointmentDay = dayOf(appointment?.start ?? event.at);
  let what: string;
  if (event.kind === "contact-attempt") {
    what = m.what.contactAttempt(dayOf(event.at));
  } else if (event.kind === "status" && TOLD_STATUSES.has(event.status)) {
    const previous = input.previousStatus;
    switch (event.status) {
      case "accepted":
        // Back to "to contact": the booking was cancelled.
        what = previous !== null && WITH_APPOINTMENT.has(previous) ? m.what.reopened : m.what.accepted;
        break;
      case "booked": {
        const when = appointment ? formatDateTime(appointment.start, { timeZone: zone, now }) : null;
        // Back to "booked": the attendance was cleared.
        what = when === null ? m.what.bookedUndated : previous !== null && ATTENDANCE_MARKED.has(previous) ? m.what.attendanceCleared(when) : m.what.booked(when);
        break;
      }
      case "refused":
        what = m.what.refused;
        break;
      case "came":
        what = m.what.came(appointmentDay);
        break;
      case "no_show":
        what = m.what.noShow(appointmentDay);
        break;
      case "excused":
        what = m.what.excused(appointmentDay);
        break;
      case "helped":
        what = m.what.helped(appointmentDay);
        break;
      case "closed":
        what = m.what.closed;
        break;
      default:
        what = m.what.expired;
    }
  } else {
    return null;
  }
  const subject = m.subject(input.person, place.name, what);
  const lines = [m.hello(input.adviserName), "", m.sentence(subject)];
  if (event.kind === "status" && event.status === "refused" && event.detail) lines.push(m.refusalReason(event.detail));
  if (event.kind === "status" && event.status === "closed" && event.detail) lines.push(m.closingReason(event.detail));
  if (event.kind === "status" && (event.status === "refused" || event.status === "expired")) lines.push(m.elsewhere);
  lines.push("", m.link, input.link, "", input.toOrganisation ? m.whyOrganisation : m.why, "", m.signature, "");
  return { subject, text: lines.join("\n") };
}

export type NoticeResult = { kind: "noticed"; mailed: boolean; webhook: boolean } | { kind: "already-noticed" } | { kind: "not-found" };

/**
 * Notice one event (see the header): the adviser's mail, the webhook's job and `noticed_at`, in
 * one transaction; nothing when it was noticed already.
 */
export async function noticeReferralEvent(db: Db, input: { eventId: string; baseUrl: string; now: number }): Promise<NoticeResult> {
  return db.transaction(async (tx) => {
    // Two runs at once: the second waits here, then finds it noticed.
    const [locked] = await tx.select({ noticedAt: referralEvents.noticedAt }).from(referralEvents).where(eq(referralEvents.id, input.eventId)).for("update");
    if (!locked) return { kind: "not-found" };
    if (locked.noticedAt) return { kind: "already-noticed" };
    const context = await loadReferralEvent(tx, input.eventId);
    if (!context) return { kind: "not-found" };
    const { event, referral, partner, place } = context;
    const now = new Date(input.now);

    let mailed = false;
    const byAdviser = event.actorUserId !== null && event.actorUserId === referral.adviserId;
    if (!byAdviser && !(await acceptedByContactAttempt(tx, { ...event, referralId: referral.id }))) {
      const recipient = await recipientOf(tx, { adviserId: referral.adviserId, partnerEmail: partner.email });
      const [previous] = await tx
        .select({ status: referralEvents.status })
        .from(referralEvents)
        .where(and(eq(referralEvents.referralId, referral.id), lt(referralEvents.seq, event.seq)))
        .orderBy(desc(referralEvents.seq))
        .limit(1);
      const mail =
        recipient &&
        adviserNoticeMail({
          event, previousStatus: previous?.status ?? null, person: shortName(referral.firstName, referral.lastName), place, appointment: context.appointment,
          link: `${input.baseUrl}/gestion/partenaires/${partner.id}/orientations/${referral.id}`,
          adviserName: recipient.name, toOrganisation: recipient.toOrganisation, now: input.now,
        });
      if (recipient && mail) {
        await queueMail(tx, { to: recipient.email, subject: mail.subject, text: mail.text }, now);
        mailed = true;
      }
    }

    const webhook = partner.webhookUrl !== null && webhookType(event.kind) !== null;
    if (webhook) await scheduleJob(tx, { kind: REFERRAL_WEBHOOK, key: webhookJobKey(event.id), runAt: now, payload: { eventId: event.id } });

    await tx.update(referralEvents).set({ noticedAt: now }).where(eq(referralEvents.id, event.id));
    return { kind: "noticed", mailed, webhook };
  });
}

/**
 * A contact attempt accepts a referral still "sent": two events at once, and one mail is enough —
 * the contact attempt's, which says more.
 */
async function acceptedByContactAttempt(db: Db, event: { referralId: string; seq: number; kind: ReferralEventKind; status: ReferralStatus; at: Date; actorUserId: string | null }): Promise<boolean> {
  if (event.kind !== "status" || event.status !== "accepted") return false;
  const [next] = await db
    .select({ kind: referralEvents.kind, at: referralEvents.at, actorUserId: referralEvents.actorUserId })
    .from(referralEvents)
    .where(and(eq(referralEvents.referralId, event.referralId), gt(referralEvents.seq, event.seq)))
    .orderBy(referralEvents.seq)
    .limit(1);
  return next?.kind === "contact-attempt" && next.at.getTime() === event.at.getTime() && next.actorUserId === event.actorUserId;
}

/** The adviser if their account is active, else the organisation's address, else nobody. */
async function recipientOf(db: Db, input: { adviserId: string | null; partnerEmail: string | null }): Promise<{ email: string; name: string; toOrganisation: boolean } | null> {
  if (input.adviserId) {
    const [adviser] = await db.select({ email: users.email, name: users.name, disabledAt: users.disabledAt }).from(users).where(eq(users.id, input.adviserId));
    if (adviser && !adviser.disabledAt) return { email: adviser.email, name: adviser.name, toOrganisation: false };
  }
  return input.partnerEmail ? { email: input.partnerEmail, name: "", toOrganisation: true } : null;
}

const NoticeJobPayload = z.object({ eventId: z.uuid() });

/** The `referral.notice` job; `baseUrl` makes the link to the referral's page. */
export function referralNoticeHandler(options: { baseUrl: string }): JobHandler {
  return {
    run: async (db, payload) => {
      const { eventId } = NoticeJobPayload.parse(payload);
      await noticeReferralEvent(db, { eventId, baseUrl: options.baseUrl, now: Date.now() });
    },
  };
}
