/**
 * The outbox against a real SMTP server process-side: the npm `smtp-server` package,
 * listening on a free port and capturing what it receives.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { emailOutbox, jobs } from "~/db/schema";
import { jobHandlers } from "~/jobs.server";
import { backoffDelay, retryFailedJob, runDueJobs, type JobHandlers } from "~/features/jobs/queue.server";
import { startJobWorker } from "~/features/jobs/worker.server";
import { createSmtpTransport, latestMails, MAIL_MAX_ATTEMPTS, MAIL_SEND, mailJobKey, mailSendHandler, purgeOldMails, queueMail, type MailTransport } from "~/features/mail/outbox.server";
import { createTestDatabase } from "../support/database";
import { startHarness } from "../support/harness";
import { decodedMail as decoded, startSmtpCapture, type SmtpCapture } from "../support/smtp-capture";

let smtp: SmtpCapture;
let captured: SmtpCapture["captured"];
let port = 0;
let database: Database;
const FROM = "Réseau EPN <ne-pas-repondre@exemple.fr>";
const startSmtp = (onPort: number) => smtp.start(onPort);
const stopSmtp = () => smtp.stop();
/** Only the mail.send kind, sending through this transport (null: demo mode). */
const mailHandlers = (transport: MailTransport | null): JobHandlers => ({ [MAIL_SEND]: mailSendHandler(transport, FROM) });
const mailRow = async (id: string) => (await database.db.select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0]!;
const mailJob = async (id: string) => (await database.db.select().from(jobs).where(eq(jobs.key, mailJobKey(id))))[0]!;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpCapture();
  captured = smtp.captured;
  port = smtp.port;
});
afterAll(async () => {
  await stopSmtp();
  await database?.close();
});

describe("outbox over SMTP, through the job queue", () => {
  it("delivers a queued mail: subject, recipient and the text with its link", async () => {
    const transport = createSmtpTransport(`smtp://127.0.0.1:${port}`);
    const now = new Date();
    const before = captured.length;
    const id = await database.db.transaction((tx) =>
      queueMail(tx, { to: "camille@exemple.fr", subject: "Invitation a rejoindre le lieu", text: "Bonjour, ouvrez ce lien : http://localhost:3000/invitation/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG\n" }, now),
    );
    // One mail.send job, keyed by the mail: its payload is the id, never the address.
    const job = await mailJob(id);
    expect(job).toMatchObject({ kind: MAIL_SEND, status: "pending", payload: { mailId: id }, maxAttempts: MAIL_MAX_ATTEMPTS });
    expect(JSON.stringify(job)).not.toContain("camille");
    const report = await runDueJobs(database.db, mailHandlers(transport), { now });
    expect(report).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(captured).toHaveLength(before + 1);
    const mail = captured.at(-1)!;
    expect(mail.to).toEqual(["camille@exemple.fr"]);
    expect(mail.from).toBe("ne-pas-repondre@exemple.fr");
    expect(mail.raw).toContain("Subject: Invitation a rejoindre le lieu");
    expect(decoded(mail.raw)).toContain("http://localhost:3000/invitation/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
    const row = await mailRow(id);
    expect(row.status).toBe("sent");
    expect(row.sentAt).not.toBeNull();
    expect((await mailJob(id)).status).toBe("done");
    // Nothing left to send.
    expect(await runDueJobs(database.db, mailHandlers(transport), { now })).toEqual({ done: 0, retried: 0, failed: 0 });
    transport.close();
  });

  it("sends a mail's attachment: the file arrives in the message, named, typed, with its bytes", async () => {
    const transport = createSmtpTransport(`smtp://127.0.0.1:${port}`);
    const now = new Date();
    const before = captured.length;
    const bytes = Buffer.from("%PDF-1.3\nun reçu de démonstration\n%%EOF\n", "utf8");
    const id = await queueMail(database.db, { to: "piece@exemple.fr", subject: "Votre reçu", text: "Bonjour, voici votre reçu.", attachments: [{ filename: "recu-2026-000123.pdf", contentType: "application/pdf", base64: bytes.toString("base64") }] }, now);
    expect((await mailRow(id)).attachments).toEqual([{ filename: "recu-2026-000123.pdf", contentType: "application/pdf", base64: bytes.toString("base64") }]);
    expect(await runDueJobs(database.db, mailHandlers(transport), { now })).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(captured).toHaveLength(before + 1);
    const raw = captured.at(-1)!.raw;
    expect(raw).toMatch(/Content-Type: multipart\/mixed/);
    expect(raw).toMatch(/Content-Type: application\/pdf; name=recu-2026-000123\.pdf/);
    expect(raw).toMatch(/Content-Disposition: attachment; filename=recu-2026-000123\.pdf/);
    const part = raw.split(/Content-Disposition: attachment[^\r\n]*\r?\n\r?\n/)[1]!.split(/\r?\n--/)[0]!;
    expect(Buffer.from(part.replace(/\s+/g, ""), "base64").equals(bytes)).toBe(true);
    expect(decoded(raw)).toContain("Bonjour, voici votre reçu.");
    // Listed on the demo page by name and size, never with its bytes.
    const listed = (await latestMails(database.db, 50)).find((m) => m.id === id)!;
    expect(listed.attachments).toEqual([{ filename: "recu-2026-000123.pdf", bytes: bytes.length }]);
    const h = await startHarness(database);
    try {
      await h.person("mails");
      const page = await (await h.get("mails", "/gestion/dev/mails")).text();
      expect(page).toContain("Pièces jointes");
      expect(page).toContain(`recu-2026-000123.pdf (${bytes.length} octets)`);
    } finally {
      await h.close();
    }
    transport.close();
  });

  it("stores nothing and queues nothing when the transaction that queued the mail rolls back", async () => {
    const before = { mails: (await database.db.select().from(emailOutbox)).length, jobs: (await database.db.select().from(jobs)).length };
    await expect(
      database.db.transaction(async (tx) => {
        await queueMail(tx, { to: "annule@exemple.fr", subject: "s", text: "t" });
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect((await database.db.select().from(emailOutbox)).length).toBe(before.mails);
    expect((await database.db.select().from(jobs)).length).toBe(before.jobs);
  });

  it("keeps a mail when the server is down, retries with backoff, delivers when it is back", async () => {
    await stopSmtp();
    const before = captured.length;
    const transport = createSmtpTransport(`smtp://127.0.0.1:${port}`);
    const handlers = mailHandlers(transport);
    const now = new Date("2026-06-01T10:00:00Z");
    const id = await queueMail(database.db, { to: "dominique@exemple.fr", subject: "Nouveau mot de passe", text: "Lien : http://localhost:3000/mot-de-passe/xyz" }, now);
    expect(await runDueJobs(database.db, handlers, { now })).toEqual({ done: 0, retried: 1, failed: 0 });
    expect((await mailRow(id)).status).toBe("pending");
    let job = await mailJob(id);
    expect(job.status).toBe("pending");
    expect(job.attempts).toBe(1);
    expect(job.runAt.getTime()).toBe(now.getTime() + 60_000);
    expect(job.lastError).toBeTruthy();
    expect(job.lastError).not.toContain("dominique");
    // Not due yet: not tried again.
    expect(await runDueJobs(database.db, handlers, { now: new Date(now.getTime() + 30_000) })).toEqual({ done: 0, retried: 0, failed: 0 });
    // Still down a minute later: the next try is 5 minutes after.
    const second = new Date(now.getTime() + 61_000);
    expect((await runDueJobs(database.db, handlers, { now: second })).retried).toBe(1);
    job = await mailJob(id);
    expect(job.attempts).toBe(2);
    expect(job.runAt.getTime()).toBe(second.getTime() + 5 * 60_000);

    port = await startSmtp(port);
    const third = new Date(second.getTime() + 5 * 60_000 + 1000);
    expect(await runDueJobs(database.db, handlers, { now: third })).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(captured.length).toBe(before + 1);
    expect(captured.at(-1)!.to).toEqual(["dominique@exemple.fr"]);
    expect((await mailRow(id)).status).toBe("sent");
    job = await mailJob(id);
    expect(job.status).toBe("done");
    expect(job.attempts).toBe(3);
    transport.close();
  });

  it("backs off 1 min, 5 min, 30 min, 2 h… gives up after 8 attempts and marks the mail failed; the platform admin may retry it", async () => {
    expect([1, 2, 3, 4].map(backoffDelay)).toEqual([60_000, 300_000, 1_800_000, 7_200_000]);
    const failing = mailHandlers({ sendMail: async () => Promise.reject(Object.assign(new Error("refus pour x@exemple.fr"), { responseCode: 550 })) });
    let now = new Date("2026-07-01T00:00:00Z");
    const id = await queueMail(database.db, { to: "x@exemple.fr", subject: "s", text: "t" }, now);
    for (let i = 1; i <= MAIL_MAX_ATTEMPTS; i++) {
      const report = await runDueJobs(database.db, failing, { now });
      expect(report.retried + report.failed).toBe(1);
      const job = await mailJob(id);
      expect(job.attempts).toBe(i);
      expect(job.lastError).toBe("SMTP 550");
      expect(job.status).toBe(i === MAIL_MAX_ATTEMPTS ? "failed" : "pending");
      expect((await mailRow(id)).status).toBe(i === MAIL_MAX_ATTEMPTS ? "failed" : "pending");
      if (i < MAIL_MAX_ATTEMPTS) expect(job.runAt.getTime()).toBe(now.getTime() + backoffDelay(i));
      now = job.runAt;
    }
    expect(await runDueJobs(database.db, failing, { now: new Date(now.getTime() + 86_400_000 * 10) })).toEqual({ done: 0, retried: 0, failed: 0 });

    // Retried by the platform admin once the server accepts it: sent, and the mail is no longer failed.
    const job = await mailJob(id);
    const later = new Date(now.getTime() + 86_400_000 * 11);
    expect(await retryFailedJob(database.db, job.id, later)).toBe("retried");
    const sent: string[] = [];
    expect(await runDueJobs(database.db, mailHandlers({ sendMail: async (m: { to: string }) => void sent.push(m.to) }), { now: later })).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(sent).toEqual(["x@exemple.fr"]);
    expect((await mailRow(id)).status).toBe("sent");
  });

  it("never sends one mail twice when two workers run at once", async () => {
    const sent: string[] = [];
    const slow = mailHandlers({ sendMail: async (m: { to: string }) => { sent.push(m.to); await new Promise((r) => setTimeout(r, 20)); } });
    const now = new Date("2026-08-01T00:00:00Z");
    for (let i = 0; i < 6; i++) await queueMail(database.db, { to: `p${i}@exemple.fr`, subject: "s", text: "t" }, now);
    const [a, b] = await Promise.all([runDueJobs(database.db, slow, { now, limit: 4 }), runDueJobs(database.db, slow, { now, limit: 4 })]);
    expect(a.done + b.done).toBe(6);
    expect(new Set(sent).size).toBe(6);
    expect(sent).toHaveLength(6);
  });

  it("the in-process worker, wired as server.ts does with SMTP_URL, delivers queued mails on its own, and stops", async () => {
    const before = captured.length;
    const worker = startJobWorker(database.db, { handlers: jobHandlers(database, { smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: FROM }), pollMs: 50 });
    try {
      await queueMail(database.db, { to: "worker@exemple.fr", subject: "Par le travailleur", text: "Bonjour" });
      await smtp.waitFor("worker@exemple.fr", { since: before, timeoutMs: 10_000 });
      expect(captured.at(-1)!.to).toEqual(["worker@exemple.fr"]);
    } finally {
      await worker.stop();
    }
  });

  it("demo mode (no SMTP_URL): the job runs but sends nothing; the mail stays, shown on the demo page", async () => {
    const before = captured.length;
    const now = new Date();
    const id = await queueMail(database.db, { to: "demo@exemple.fr", subject: "Démonstration", text: "Bonjour" }, now);
    const handlers = jobHandlers(database, { mailFrom: FROM });
    expect(await runDueJobs(database.db, { [MAIL_SEND]: handlers[MAIL_SEND]! }, { now })).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(captured.length).toBe(before);
    expect((await mailRow(id)).status).toBe("pending");
    expect((await latestMails(database.db, 50)).map((m) => m.id)).toContain(id);
  });

  it("purges sent and failed mails 30 days on, keeps those still being tried; in demo mode, every mail 30 days after queuing", async () => {
    const now = new Date();
    // Mails of other tests given up on long ago (their clock ran ahead) may go already.
    await purgeOldMails(database.db, { now, sendsMail: true });
    expect(await purgeOldMails(database.db, { now, sendsMail: true })).toBe(0);
    // Three mails queued now: one sent, one given up on, one still being tried.
    const queue = (to: string) => queueMail(database.db, { to, subject: "s", text: "t" }, now);
    const [sentId, failedId, pendingId] = [await queue("envoye@exemple.fr"), await queue("abandonne@exemple.fr"), await queue("en-attente@exemple.fr")];
    await database.db.update(emailOutbox).set({ status: "sent", sentAt: now }).where(eq(emailOutbox.id, sentId));
    await database.db.update(emailOutbox).set({ status: "failed" }).where(eq(emailOutbox.id, failedId));
    const kept = await database.db.select({ id: emailOutbox.id }).from(emailOutbox);
    const later = new Date(now.getTime() + 31 * 86_400_000);
    const purged = await purgeOldMails(database.db, { now: later, sendsMail: true });
    expect(purged).toBeGreaterThanOrEqual(2);
    const left = await database.db.select({ id: emailOutbox.id, status: emailOutbox.status }).from(emailOutbox);
    expect(left.length).toBe(kept.length - purged);
    expect(left.every((r) => r.status === "pending")).toBe(true);
    expect(left.map((r) => r.id)).toContain(pendingId);
    expect(left.map((r) => r.id)).not.toContain(sentId);
    expect(left.map((r) => r.id)).not.toContain(failedId);
    // Demo mode never sends: the queued mails go too.
    expect(await purgeOldMails(database.db, { now: later, sendsMail: false })).toBe(left.length);
    expect(await database.db.select().from(emailOutbox)).toEqual([]);
  });
});
