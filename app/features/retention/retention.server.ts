/**
 * Retention of personal data: what the platform keeps about people, and for how long.
 * One pass deletes what is past its period; it is the hourly `retention.purge` job of the queue
 * (app/jobs.server.ts: one run at a time, whatever the number of web nodes;
 * idempotent anyway), and `npm run cli -- purge` runs it by hand.
 *
 * | data | kept |
 * |---|---|
 * | sessions (and the provider's ID token) | until idle (2 h) or absolute (12 h) expiry |
 * | mails in the outbox (they hold an address) | 30 days after sending or giving up; in demo mode (never sent), 30 days after queuing |
 * | SMS in the outbox (they hold a phone number) | 30 days after sending or giving up; in demo mode (never sent), 30 days after queuing |
 * | invitations (an address) | 90 days after they expired, were accepted or revoked |
 * | one-time email links | 7 days after they expired or were used |
 * | error reports from the public (no personal data by design) | 12 months |
 * | rate-limit counters (keys are HMACs, no address) | past their window |
 * | a booking's first name, phone, email, note and reason | the place's setting (90 days by default) after its end; the row stays, anonymous, for the figures |
 * | a workshop registration's first name, phone and email | the same setting after its last session; the row and its attendance stay, anonymous, for the figures |
 * | a person followed by name (mediation): names, phone, email, birth year, notes | the place's setting (12 months by default, 1 to 36) after their last activity; the row stays, anonymous (age band, gender, status, commune), with the records' counts |
 * | a referred person (partners' referrals): names, phone, email, the adviser's note, the place's free texts | the network's setting (6 months by default, 1 to 60) after the referral closed (refused, came, absent, help given, closed, expired); the row stays, anonymous, for the partners' figures |
 * | jobs of the queue (ids and error codes, no personal data) | done: 7 days; failed: 90 days, unless the platform admin retries them |
 */
import type { Db } from "~/db/client.server";
import { purgeOldEmailTokens } from "~/features/accounts/email-tokens.server";
import { purgeExpiredSessions } from "~/features/accounts/sessions.server";
import { purgeOldInvitations } from "~/features/invitations/invitations.server";
import { purgeFinishedJobs } from "~/features/jobs/queue.server";
import { purgeOldMails } from "~/features/mail/outbox.server";
import { anonymiseInactiveBeneficiaries } from "~/features/mediation/people-retention.server";
import { purgeRateLimits } from "~/features/rate-limit/rate-limit.server";
import { eraseClosedReferrals } from "~/features/referrals/retention.server";
import { purgeOldReports } from "~/features/reports/reports.server";
import { eraseOldBookingData } from "~/features/scheduling/retention.server";
import { purgeOldSms } from "~/features/sms/outbox.server";
import { eraseOldRegistrationData } from "~/features/workshops/retention.server";

export type PurgeReport = { sessions: number; mails: number; sms: number; invitations: number; emailTokens: number; reports: number; jobs: number; bookings: number; registrations: number; beneficiaries: number; referrals: number };

/**
 * Delete what is past its retention period. `sendsMail` / `sendsSms` false (demo): queued mails
 * or SMS are never sent, so they go too.
 */
export async function purgeExpiredData(db: Db, options: { now?: Date; sendsMail: boolean; sendsSms: boolean }): Promise<PurgeReport> {
  const now = options.now ?? new Date();
  const report: PurgeReport = {
    sessions: await purgeExpiredSessions(db, now),
    mails: await purgeOldMails(db, { now, sendsMail: options.sendsMail }),
    sms: await purgeOldSms(db, { now, sendsSms: options.sendsSms }),
    invitations: await purgeOldInvitations(db, now),
    emailTokens: await purgeOldEmailTokens(db, now),
    reports: await purgeOldReports(db, now),
    jobs: await purgeFinishedJobs(db, now),
    bookings: await eraseOldBookingData(db, now),
    registrations: await eraseOldRegistrationData(db, now),
    beneficiaries: await anonymiseInactiveBeneficiaries(db, now),
    referrals: await eraseClosedReferrals(db, now),
  };
  await purgeRateLimits(db, now);
  return report;
}
