/**
 * The outbox against a real SMTP server process-side: the npm `smtp-server` package,
 * listening on a free port and capturing what it receives.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { emailOutbox } from "~/db/schema";
import { backoffDelay, createSmtpTransport, deliverDueMails, MAX_ATTEMPTS, purgeOldMails, queueMail, startMailWorker } from "~/features/mail/outbox.server";
import { createTestDatabase } from "../support/database";
import { decodedMail as decoded, startSmtpCapture, type SmtpCapture } from "../support/smtp-capture";

let smtp: SmtpCapture;
let captured: SmtpCapture["captured"];
let port = 0;
let database: Database;
const FROM = "Réseau EPN <ne-pas-repondre@exemple.fr>";
const startSmtp = (onPort: number) => smtp.start(onPort);
const stopSmtp = () => smtp.stop();

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

describe("outbox over SMTP", () => {
  it("delivers a queued mail: subject, recipient and the text with its link", async () => {
    const transport = createSmtpTransport(`smtp://127.0.0.1:${port}`);
    const now = new Date();
    const before = captured.length;
    const id = await database.db.transaction((tx) =>
      queueMail(tx, { to: "camille@exemple.fr", subject: "Invitation a rejoindre le lieu", text: "Bonjour, ouvrez ce lien : http://localhost:3000/invitation/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG\n" }, now),
    );
    const report = await deliverDueMails(database.db, transport, { from: FROM, now });
    expect(report).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(captured).toHaveLength(before + 1);
    const mail = captured.at(-1)!;
    expect(mail.to).toEqual(["camille@exemple.fr"]);
    expect(mail.from).toBe("ne-pas-repondre@exemple.fr");
    expect(mail.raw).toContain("Subject: Invitation a rejoindre le lieu");
    expect(decoded(mail.raw)).toContain("http://localhost:3000/invitation/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
    const [row] = await database.db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
    expect(row!.status).toBe("sent");
    expect(row!.sentAt).not.toBeNull();
    // Nothing left to send.
    expect(await deliverDueMails(database.db, transport, { from: FROM, now })).toEqual({ sent: 0, retried: 0, failed: 0 });
    transport.close();
  });

  it("keeps a mail when the server is down, retries with backoff, delivers when it is back", async () => {
    await stopSmtp();
    const before = captured.length;
    const transport = createSmtpTransport(`smtp://127.0.0.1:${port}`);
    const now = new Date("2026-06-01T10:00:00Z");
    const id = await queueMail(database.db, { to: "dominique@exemple.fr", subject: "Nouveau mot de passe", text: "Lien : http://localhost:3000/mot-de-passe/xyz" }, now);
    expect(await deliverDueMails(database.db, transport, { from: FROM, now })).toEqual({ sent: 0, retried: 1, failed: 0 });
    let [row] = await database.db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
    expect(row!.status).toBe("pending");
    expect(row!.attempts).toBe(1);
    expect(row!.nextAttemptAt.getTime()).toBe(now.getTime() + 60_000);
    expect(row!.lastError).not.toContain("dominique");
    // Not due yet: not tried again.
    expect(await deliverDueMails(database.db, transport, { from: FROM, now: new Date(now.getTime() + 30_000) })).toEqual({ sent: 0, retried: 0, failed: 0 });
    // Still down a minute later: the next try is 5 minutes after.
    const second = new Date(now.getTime() + 61_000);
    expect((await deliverDueMails(database.db, transport, { from: FROM, now: second })).retried).toBe(1);
    [row] = await database.db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
    expect(row!.attempts).toBe(2);
    expect(row!.nextAttemptAt.getTime()).toBe(second.getTime() + 5 * 60_000);

    port = await startSmtp(port);
    const third = new Date(second.getTime() + 5 * 60_000 + 1000);
    expect(await deliverDueMails(database.db, transport, { from: FROM, now: third })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(captured.length).toBe(before + 1);
    expect(captured.at(-1)!.to).toEqual(["dominique@exemple.fr"]);
    [row] = await database.db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
    expect(row!.status).toBe("sent");
    expect(row!.attempts).toBe(3);
    transport.close();
  });

  it("backs off 1 min, 5 min, 30 min, 2 h… and gives up after 8 attempts", async () => {
    expect([1, 2, 3, 4].map(backoffDelay)).toEqual([60_000, 300_000, 1_800_000, 7_200_000]);
    const failing = { sendMail: async () => Promise.reject(Object.assign(new Error("refus pour x@exemple.fr"), { responseCode: 550 })) };
    let now = new Date("2026-07-01T00:00:00Z");
    const id = await queueMail(database.db, { to: "x@exemple.fr", subject: "s", text: "t" }, now);
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      const report = await deliverDueMails(database.db, failing, { from: FROM, now });
      expect(report.retried + report.failed).toBe(1);
      const [row] = await database.db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
      expect(row!.attempts).toBe(i);
      expect(row!.lastError).toBe("SMTP 550");
      expect(row!.status).toBe(i === MAX_ATTEMPTS ? "failed" : "pending");
      now = row!.nextAttemptAt;
    }
    expect(await deliverDueMails(database.db, failing, { from: FROM, now: new Date(now.getTime() + 86_400_000 * 10) })).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it("never sends one mail twice when two workers run at once", async () => {
    const sent: string[] = [];
    const slow = { sendMail: async (m: { to: string }) => { sent.push(m.to); await new Promise((r) => setTimeout(r, 20)); } };
    const now = new Date("2026-08-01T00:00:00Z");
    for (let i = 0; i < 6; i++) await queueMail(database.db, { to: `p${i}@exemple.fr`, subject: "s", text: "t" }, now);
    const [a, b] = await Promise.all([deliverDueMails(database.db, slow, { from: FROM, now, limit: 4 }), deliverDueMails(database.db, slow, { from: FROM, now, limit: 4 })]);
    expect(a.sent + b.sent).toBe(6);
    expect(new Set(sent).size).toBe(6);
    expect(sent).toHaveLength(6);
  });

  it("the in-process worker delivers queued mails on its own, and stops", async () => {
    const before = captured.length;
    const stop = startMailWorker(database.db, { smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM, everyMs: 50 });
    try {
      await queueMail(database.db, { to: "worker@exemple.fr", subject: "Par le travailleur", text: "Bonjour" });
      for (let i = 0; i < 100 && captured.length === before; i++) await new Promise((r) => setTimeout(r, 50));
      expect(captured.at(-1)!.to).toEqual(["worker@exemple.fr"]);
    } finally {
      stop();
    }
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
    await database.db.update(emailOutbox).set({ status: "failed", attempts: MAX_ATTEMPTS }).where(eq(emailOutbox.id, failedId));
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
