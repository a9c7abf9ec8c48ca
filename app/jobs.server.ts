/**
 * Every kind of job the platform runs, in one place (the worker runs only these kinds):
 *
 * | kind | what | when |
 * |---|---|---|
 * | mail.send | send one mail of the outbox over SMTP (not in demo mode) | when queued; retried with backoff |
 * | booking.remind | remind a person of their booking (SMS and/or mail), unless cancelled or started | the place's reminder delay before the start; moved with the booking |
 * | workshop.remind | remind a person of their workshop session (a cycle: each session in turn), unless cancelled or started | the place's reminder delay before the start; moved with the session |
 * | membership.remind | tell a member their membership ends in a month (mail, else SMS), unless cancelled, renewed or anonymised | a month before its last day, 10:00 on the place's clock |
 * | workshop.offer-lapse | a seat offered to a waiting person and not accepted in time goes to the next one | at the end of the offer's delay |
 * | sms.send | send one SMS of the outbox to the SMPP gateway (not in demo mode) | when queued; retried with backoff |
 * | referrals.follow-up | remind a place of a referral it has not answered (every N days), then expire it (the network's rules) | at start, then every hour |
 * | referral.notice | tell a referral's event: the adviser's mail (not for their own actions nor reminders), the partner's webhook job; once per event | scheduled by the event's insert (trigger), at once |
 * | referral.webhook | POST the event, signed, to the partner's current webhook URL; the attempt and its error counted on the event | scheduled by referral.notice; retried with backoff until a 2xx |
 * | label.reminders | tell draft holders a call closes in a week, then in a day; tell managers and coordinators a label ends in 90, then 30 days; each once | at start, then every hour |
 * | retention.purge | delete personal data past its retention period | at start, then every hour |
 * | maintenance.pglite | VACUUM ANALYZE (PGlite has no autovacuum); PGlite only | an hour after start, then every hour |
 */
import crypto from "node:crypto";
import type { Database } from "~/db/client.server";
import { vacuumAnalyze } from "~/db/maintenance.server";
import { createSmtpTransport, MAIL_SEND, mailSendHandler, type MailTransport } from "~/features/mail/outbox.server";
import { MEMBERSHIP_REMIND, membershipRemindHandler } from "~/features/memberships/memberships.server";
import { REFERRAL_NOTICE, referralNoticeHandler } from "~/features/referrals/notice.server";
import { REFERRAL_WEBHOOK, referralWebhookHandler } from "~/features/referrals/webhooks.server";
import { purgeExpiredData } from "~/features/retention/retention.server";
import { followUpReferrals, REFERRALS_FOLLOW_UP } from "~/features/referrals/referrals.server";
import { BOOKING_REMIND, bookingRemindHandler } from "~/features/scheduling/notify.server";
import { offerLapseHandler, WORKSHOP_OFFER_LAPSE, WORKSHOP_REMIND, workshopRemindHandler } from "~/features/workshops/seats.server";
import { createSmppTransport, SMS_SEND, smsSendHandler, type SmsTransport } from "~/features/sms/outbox.server";
import { LABEL_REMINDERS, sendLabelReminders } from "~/features/calls/reminders.server";
import { logger } from "~/lib/logger";
import type { JobHandler, JobHandlers } from "~/features/jobs/queue.server";

const HOUR = 3_600_000;

export type JobsConfig = {
  /** Unset: demo mode, mails are not sent (shown at /gestion/dev/mails). */
  smtpUrl?: string;
  mailFrom: string;
  /** A transport other than SMTP_URL's (tests). */
  mailTransport?: MailTransport;
  /** Unset: demo mode, SMS are not sent (shown at /gestion/dev/mails). */
  smsUrl?: string;
  /** A transport other than SMS_URL's (tests). */
  smsTransport?: SmsTransport;
  /** What manage links in messages sent by jobs are made with (a seat offered after a lapse). Unset: a random secret, no link. */
  secret?: string;
  baseUrl?: string;
  /** A local platform (dev, tests, BASE_URL on localhost): partners' webhooks may go to loopback or private addresses. */
  allowInternalWebhooks?: boolean;
};

export function jobHandlers(database: Database, config: JobsConfig): JobHandlers {
  const transport = config.mailTransport ?? (config.smtpUrl ? createSmtpTransport(config.smtpUrl) : null);
  const smsTransport = config.smsTransport ?? (config.smsUrl ? createSmppTransport(config.smsUrl) : null);
  const links = { secret: config.secret ?? crypto.randomBytes(32).toString("base64url"), baseUrl: config.baseUrl ?? "" };
  const handlers: Record<string, JobHandler> = {
    [MAIL_SEND]: mailSendHandler(transport, config.mailFrom),
    [BOOKING_REMIND]: bookingRemindHandler(),
    [SMS_SEND]: smsSendHandler(smsTransport),
    [WORKSHOP_REMIND]: workshopRemindHandler(links),
    [WORKSHOP_OFFER_LAPSE]: offerLapseHandler(links),
    [MEMBERSHIP_REMIND]: membershipRemindHandler(),
    [REFERRALS_FOLLOW_UP]: {
      recurring: { everyMs: HOUR },
      run: async (db) => {
        const report = await followUpReferrals(db, { baseUrl: links.baseUrl });
        logger.info({ event: REFERRALS_FOLLOW_UP, ...report }, "referrals reminded or expired");
      },
    },
    [REFERRAL_NOTICE]: referralNoticeHandler({ baseUrl: links.baseUrl }),
    [REFERRAL_WEBHOOK]: referralWebhookHandler({ allowInternal: config.allowInternalWebhooks ?? false }),
    [LABEL_REMINDERS]: {
      recurring: { everyMs: HOUR },
      run: async (db) => {
        const report = await sendLabelReminders(db, { baseUrl: links.baseUrl });
        logger.info({ event: LABEL_REMINDERS, ...report }, "calls' closing and labels' end told");
      },
    },
    "retention.purge": {
      recurring: { everyMs: HOUR },
      run: async (db) => {
        const report = await purgeExpiredData(db, { sendsMail: transport !== null, sendsSms: smsTransport !== null });
        logger.info({ event: "retention.purge", ...report }, "expired personal data deleted");
      },
    },
  };
  if (database.kind === "pglite") handlers["maintenance.pglite"] = pgliteMaintenanceHandler(database);
  return handlers;
}

export function pgliteMaintenanceHandler(database: Database, everyMs = HOUR): JobHandler {
  return {
    recurring: { everyMs, firstRunInMs: everyMs },
    run: async () => {
      const ms = await vacuumAnalyze(database);
      logger.info({ event: "pglite.maintenance", ms }, "vacuum analyze done");
    },
  };
}
