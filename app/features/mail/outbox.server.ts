/**
 * The mail outbox: callers queue a mail in the same transaction as what caused it. The mail is
 * stored (the outbox is the mail store: the demo page and the retention purge read it) with its
 * `mail.send` job on the queue (app/features/jobs), whose handler sends it over SMTP; retries,
 * backoff and giving up come from the queue, so a failing mail server loses nothing.
 * Addresses and bodies are never logged, and never put in the job.
 */
import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { z } from "zod";
import type { Db } from "~/db/client.server";
import { emailOutbox } from "~/db/schema";
import { scheduleJob, type JobHandler } from "~/features/jobs/queue.server";

/** A file sent with a mail (a receipt's PDF), its bytes in base64. Stored in the outbox with the mail and purged with it. */
export type MailAttachment = { filename: string; contentType: string; base64: string };
export type OutgoingMail = { to: string; subject: string; text: string; html?: string; attachments?: MailAttachment[] };
const StoredAttachments = z.array(z.object({ filename: z.string(), contentType: z.string(), base64: z.string() }));

export const MAIL_SEND = "mail.send";
/** Tries before a mail is marked failed (the queue's backoff in between: 1 min, 5 min, 30 min, 2 h…). */
export const MAIL_MAX_ATTEMPTS = 8;
export const MAIL_RETENTION_MS = 30 * 86_400_000;

/** The job of one mail: keyed by the mail's id, so it is never queued twice. */
export const mailJobKey = (mailId: string) => `${MAIL_SEND}:${mailId}`;
const MailJobPayload = z.object({ mailId: z.uuid() });

/** Queue a mail; pass the transaction handle of what causes it. Returns the outbox id. */
export async function queueMail(db: Db, mail: OutgoingMail, now: Date = new Date()): Promise<string> {
  // A transaction of its own when the caller has none (inside the caller's, a savepoint).
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(emailOutbox)
      .values({ toAddress: mail.to, subject: mail.subject, textBody: mail.text, htmlBody: mail.html ?? null, attachments: mail.attachments?.length ? mail.attachments : null, createdAt: now })
      .returning({ id: emailOutbox.id });
    await scheduleJob(tx, { kind: MAIL_SEND, key: mailJobKey(row!.id), runAt: now, payload: { mailId: row!.id }, maxAttempts: MAIL_MAX_ATTEMPTS });
    return row!.id;
  });
}

/** What delivers a message: nodemailer's transport, or anything with the same sendMail. */
export type MailTransport = {
  sendMail: (message: { from: string; to: string; subject: string; text: string; html?: string; attachments?: { filename: string; contentType: string; content: string; encoding: "base64" }[] }) => Promise<unknown>;
};

export function createSmtpTransport(smtpUrl: string): MailTransport & { close: () => void } {
  return nodemailer.createTransport(smtpUrl);
}

/**
 * The `mail.send` job: send the mail over SMTP and mark it sent; after its last failed attempt,
 * mark it failed. Without a transport (demo mode: no SMTP_URL) nothing is sent and the mail stays
 * as it is, shown at /gestion/dev/mails.
 */
export function mailSendHandler(transport: MailTransport | null, from: string): JobHandler {
  return {
    run: async (db, payload) => {
      if (!transport) return;
      const { mailId } = MailJobPayload.parse(payload);
      const [mail] = await db
        .select({ to: emailOutbox.toAddress, subject: emailOutbox.subject, text: emailOutbox.textBody, html: emailOutbox.htmlBody, attachments: emailOutbox.attachments, status: emailOutbox.status })
        .from(emailOutbox)
        .where(eq(emailOutbox.id, mailId));
      // Purged already, or sent by an attempt whose end was not recorded (its node stopped).
      if (!mail || mail.status === "sent") return;
      const attachments = mail.attachments ? StoredAttachments.parse(mail.attachments).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.base64, encoding: "base64" as const })) : [];
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, ...(mail.html ? { html: mail.html } : {}), ...(attachments.length ? { attachments } : {}) });
      await db.update(emailOutbox).set({ status: "sent", sentAt: new Date() }).where(eq(emailOutbox.id, mailId));
    },
    onFailed: async (tx, payload) => {
      const { mailId } = MailJobPayload.parse(payload);
      await tx.update(emailOutbox).set({ status: "failed" }).where(and(eq(emailOutbox.id, mailId), eq(emailOutbox.status, "pending")));
    },
  };
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

/** Demo mode (no SMTP_URL): the latest queued mails, for /gestion/dev/mails, with their attachments' names and sizes (not their bytes). */
export async function latestMails(db: Db, limit = 50) {
  const rows = await db
    .select({
      id: emailOutbox.id,
      to: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      text: emailOutbox.textBody,
      createdAt: emailOutbox.createdAt,
      attachments: sql<{ filename: string; bytes: number }[] | null>`(
        select json_agg(json_build_object('filename', a->>'filename', 'bytes', length(decode(a->>'base64', 'base64'))) order by n)
        from jsonb_array_elements(${emailOutbox.attachments}) with ordinality as t(a, n))`,
    })
    .from(emailOutbox)
    .orderBy(desc(emailOutbox.createdAt), desc(sql`${emailOutbox.id}`))
    .limit(limit);
  return rows.map((row) => ({ ...row, attachments: row.attachments ?? [] }));
}
