/**
 * The mail outbox: callers queue a mail in the same transaction as what caused it; a
 * worker delivers due mails over SMTP and retries with backoff, so a failing mail
 * server loses nothing. Addresses and bodies are never logged.
 */
import { and, desc, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Db } from "~/db/client.server";
import { emailOutbox } from "~/db/schema";
import { logger } from "~/lib/logger";

export type OutgoingMail = { to: string; subject: string; text: string; html?: string };

/** Delays before the 2nd, 3rd… attempt; after MAX_ATTEMPTS failures the mail is marked failed. */
export const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000, 24 * 3_600_000] as const;
export const MAX_ATTEMPTS = 8;
/** A claimed mail is invisible to other workers this long (a worker that dies mid-send frees it then). */
const CLAIM_MS = 5 * 60_000;
export const MAIL_RETENTION_MS = 30 * 86_400_000;

export function backoffDelay(attempts: number): number {
  return BACKOFF_MS[Math.min(Math.max(attempts, 1), BACKOFF_MS.length) - 1]!;
}

/** Queue a mail; pass the transaction handle of what causes it. Returns the outbox id. */
export async function queueMail(db: Db, mail: OutgoingMail, now: Date = new Date()): Promise<string> {
  const [row] = await db
    .insert(emailOutbox)
    .values({ toAddress: mail.to, subject: mail.subject, textBody: mail.text, htmlBody: mail.html ?? null, nextAttemptAt: now, createdAt: now })
    .returning({ id: emailOutbox.id });
  return row!.id;
}

/** What delivers a message: nodemailer's transport, or anything with the same sendMail. */
export type MailTransport = { sendMail: (message: { from: string; to: string; subject: string; text: string; html?: string }) => Promise<unknown> };

export function createSmtpTransport(smtpUrl: string): MailTransport & { close: () => void } {
  return nodemailer.createTransport(smtpUrl);
}

export type DeliveryReport = { sent: number; retried: number; failed: number };

/**
 * Send the due pending mails (at most `limit`). Rows are claimed in a short transaction
 * (`for update skip locked`, so several workers on PostgreSQL never send one mail twice;
 * PGlite has one connection and is simply serialised) by moving their next attempt a few
 * minutes ahead, then sent outside any transaction.
 */
export async function deliverDueMails(db: Db, transport: MailTransport, options: { from: string; now?: Date; limit?: number }): Promise<DeliveryReport> {
  const now = options.now ?? new Date();
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.status, "pending"), lte(emailOutbox.nextAttemptAt, now)))
      .orderBy(emailOutbox.nextAttemptAt)
      .limit(options.limit ?? 20)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(emailOutbox)
      .set({ nextAttemptAt: new Date(now.getTime() + CLAIM_MS) })
      .where(inArray(emailOutbox.id, due.map((d) => d.id)))
      .returning();
  });
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  for (const mail of claimed) {
    try {
      await transport.sendMail({ from: options.from, to: mail.toAddress, subject: mail.subject, text: mail.textBody, ...(mail.htmlBody ? { html: mail.htmlBody } : {}) });
      await db.update(emailOutbox).set({ status: "sent", sentAt: new Date(), attempts: mail.attempts + 1, lastError: null }).where(eq(emailOutbox.id, mail.id));
      report.sent++;
    } catch (error) {
      const attempts = mail.attempts + 1;
      const failed = attempts >= MAX_ATTEMPTS;
      // The error's code or first line only: SMTP answers may quote the address.
      const e = error as { code?: string; responseCode?: number; message?: string };
      const lastError = (e.code ?? (e.responseCode ? `SMTP ${e.responseCode}` : "error")).slice(0, 100);
      await db
        .update(emailOutbox)
        .set({ attempts, lastError, status: failed ? "failed" : "pending", nextAttemptAt: new Date(now.getTime() + backoffDelay(attempts)) })
        .where(eq(emailOutbox.id, mail.id));
      logger.warn({ mailId: mail.id, attempts, error: lastError }, failed ? "mail abandoned" : "mail delivery failed, will retry");
      if (failed) report.failed++;
      else report.retried++;
    }
  }
  return report;
}

/**
 * Mails hold an address: deleted 30 days after they were sent or given up on. In demo mode
 * (`sendsMail` false) nothing is ever sent, so queued mails go 30 days after being queued.
 * Run by the retention pass (app/features/retention).
 */
export async function purgeOldMails(db: Db, options: { now?: Date; sendsMail: boolean }): Promise<number> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - MAIL_RETENTION_MS);
  const done = options.sendsMail ? or(and(eq(emailOutbox.status, "sent"), lt(emailOutbox.sentAt, cutoff)), and(eq(emailOutbox.status, "failed"), lt(emailOutbox.createdAt, cutoff))) : lt(emailOutbox.createdAt, cutoff);
  const deleted = await db.delete(emailOutbox).where(done).returning({ id: emailOutbox.id });
  return deleted.length;
}

/** Demo mode (no SMTP_URL): the latest queued mails, for /gestion/dev/mails. */
export async function latestMails(db: Db, limit = 50) {
  return db
    .select({ id: emailOutbox.id, to: emailOutbox.toAddress, subject: emailOutbox.subject, text: emailOutbox.textBody, createdAt: emailOutbox.createdAt })
    .from(emailOutbox)
    .orderBy(desc(emailOutbox.createdAt), desc(sql`${emailOutbox.id}`))
    .limit(limit);
}

/**
 * The in-process worker (started by server.ts when SMTP_URL is set): delivers every
 * `everyMs`. Returns stop().
 */
export function startMailWorker(db: Db, options: { smtpUrl: string; from: string; everyMs?: number }): () => void {
  const transport = createSmtpTransport(options.smtpUrl);
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await deliverDueMails(db, transport, { from: options.from });
    } catch (error) {
      logger.error({ err: (error as Error).message }, "mail worker");
    } finally {
      running = false;
    }
  }, options.everyMs ?? 10_000);
  timer.unref();
  return () => {
    clearInterval(timer);
    transport.close();
  };
}
