/**
 * The label's reminders, one hourly job (`label.reminders`): draft holders of a call are told a
 * week and a day before it closes (each reminder once per call, recorded in `call_reminders` in
 * the same transaction as its mails), and labels ending in 90 and 30 days are told
 * (labels.server.ts).
 */
import { and, eq, gt, isNull, lte } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { applications, callReminders, calls, memberships, users } from "~/db/schema";
import { queueMail } from "~/features/mail/outbox.server";
import { formatDateTime } from "~/features/time/format";
import { fr } from "~/lib/messages";
import { applicantPath } from "./applications.server";
import { sendRenewalNotices } from "./labels.server";

export const LABEL_REMINDERS = "label.reminders";
export const CLOSING_REMINDER_DAYS = [1, 7] as const;
const DAY = 86_400_000;

export async function sendClosingReminders(db: Db, input: { baseUrl: string; now?: Date }): Promise<number> {
  const now = input.now ?? new Date();
  let mails = 0;
  // The day-before reminder first: once it went, the week-before one is no longer due.
  for (const days of CLOSING_REMINDER_DAYS) {
    const due = await db
      .select({ id: calls.id, title: calls.title, closesAt: calls.closesAt })
      .from(calls)
      .leftJoin(callReminders, and(eq(callReminders.callId, calls.id), eq(callReminders.daysBefore, days)))
      .where(and(eq(calls.status, "published"), isNull(callReminders.callId), gt(calls.closesAt, now), lte(calls.closesAt, new Date(now.getTime() + days * DAY))));
    for (const call of due) {
      await db.transaction(async (tx) => {
        const [claimed] = await tx.insert(callReminders).values({ callId: call.id, daysBefore: days, sentAt: now }).onConflictDoNothing().returning({ id: callReminders.callId });
        if (!claimed) return;
        if (days === 1) await tx.insert(callReminders).values({ callId: call.id, daysBefore: 7, sentAt: now }).onConflictDoNothing();
        const drafts = await tx
          .selectDistinct({ id: applications.id, placeId: applications.placeId, email: users.email })
          .from(applications)
          .innerJoin(memberships, and(eq(memberships.placeId, applications.placeId), eq(memberships.role, "manager")))
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(and(eq(applications.callId, call.id), eq(applications.state, "draft"), isNull(users.disabledAt)));
        const left = Math.max(1, Math.ceil((call.closesAt.getTime() - now.getTime()) / DAY));
        for (const draft of drafts) {
          await queueMail(tx, { to: draft.email, ...fr.applications.mail.closingSoon({ call: call.title, days: left, closes: formatDateTime(call.closesAt, { now }), link: `${input.baseUrl}${applicantPath(draft.placeId, draft.id)}` }) }, now);
          mails++;
        }
      });
    }
  }
  return mails;
}

export async function sendLabelReminders(db: Db, input: { baseUrl: string; now?: Date }) {
  return { closingMails: await sendClosingReminders(db, input), renewalNotices: await sendRenewalNotices(db, input) };
}
