/**
 * The SMS outbox against a real SMPP gateway process-side: the npm `smpp` package's server,
 * listening on a free port, accepting one system_id and password and capturing each submit_sm.
 */
import { eq } from "drizzle-orm";
import smpp from "smpp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { jobs, smsOutbox } from "~/db/schema";
import { jobHandlers } from "~/jobs.server";
import { backoffDelay, retryFailedJob, runDueJobs, type JobHandlers } from "~/features/jobs/queue.server";
import { startJobWorker } from "~/features/jobs/worker.server";
import { createSmppTransport, latestSms, purgeOldSms, queueSms, SMS_MAX_ATTEMPTS, SMS_SEND, smsJobKey, smsSendHandler, type SmsTransport } from "~/features/sms/outbox.server";
import { createTestDatabase } from "../support/database";
import { startHarness } from "../support/harness";
import { startSmppCapture, type SmppCapture } from "../support/smpp-capture";

let gateway: SmppCapture;
let database: Database;
/** One transport for the whole file, as the server keeps one: its connection outlives the tests that stop the gateway. */
let transport: ReturnType<typeof createSmppTransport>;
const MAIL_FROM = "Réseau EPN <ne-pas-repondre@exemple.fr>";
/** Only the sms.send kind, sending through this transport (null: demo mode). */
const smsHandlers = (through: SmsTransport | null): JobHandlers => ({ [SMS_SEND]: smsSendHandler(through) });
const smsRow = async (id: string) => (await database.db.select().from(smsOutbox).where(eq(smsOutbox.id, id)))[0]!;
const smsJob = async (id: string) => (await database.db.select().from(jobs).where(eq(jobs.key, smsJobKey(id))))[0]!;

beforeAll(async () => {
  database = await createTestDatabase();
  gateway = await startSmppCapture();
  transport = createSmppTransport(gateway.url({ source: "ReseauEPN" }), { timeoutMs: 5_000 });
});
afterAll(async () => {
  transport?.close();
  await gateway?.stop();
  await database?.close();
});

describe("SMS outbox over SMPP, through the job queue", () => {
  it("delivers a queued SMS: the number in E.164, the accented text in UCS-2, the sender's name", async () => {
    const now = new Date();
    const before = gateway.captured.length;
    const text = "Rappel : votre atelier « Premiers pas » à la médiathèque est mercredi à 14 h. Fenêtre ouverte dès 13 h 45, ça commence à l'heure !";
    const id = await database.db.transaction((tx) => queueSms(tx, { to: "06 12 34 56 78", text }, now));
    expect((await smsRow(id)).toNumber).toBe("+33612345678");
    // One sms.send job, keyed by the SMS: its payload is the id, never the number or the text.
    const job = await smsJob(id);
    expect(job).toMatchObject({ kind: SMS_SEND, status: "pending", payload: { smsId: id }, maxAttempts: SMS_MAX_ATTEMPTS });
    expect(JSON.stringify(job)).not.toMatch(/612345678|atelier/);
    expect(await runDueJobs(database.db, smsHandlers(transport), { now })).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(gateway.captured).toHaveLength(before + 1);
    // More than 70 UCS-2 characters: in message_payload, the gateway splits it.
    expect(gateway.captured.at(-1)).toEqual({ to: "33612345678", text, dataCoding: 8, source: "ReseauEPN", sourceTon: 5, inPayload: true });
    const row = await smsRow(id);
    expect(row.status).toBe("sent");
    expect(row.sentAt).not.toBeNull();
    expect((await smsJob(id)).status).toBe("done");
    expect(await runDueJobs(database.db, smsHandlers(transport), { now })).toEqual({ done: 0, retried: 0, failed: 0 });
  });

  it("sends short texts in one SMS, in the GSM alphabet when it has every character (é, à), over the same connection", async () => {
    const now = new Date();
    const binds = gateway.binds;
    const before = gateway.captured.length;
    await queueSms(database.db, { to: "0690 12 34 56", text: "Votre réservation à l'EPN est confirmée." }, now);
    await queueSms(database.db, { to: "+32 470 12 34 56", text: "Réservation annulée : la salle est fermée (coupure €)." }, now);
    await queueSms(database.db, { to: "0639 12 34 56", text: "Rendez-vous à 9 h, côté fenêtre." }, now);
    expect(await runDueJobs(database.db, smsHandlers(transport), { now })).toEqual({ done: 3, retried: 0, failed: 0 });
    const sent = gateway.captured.slice(before);
    expect(sent.map((s) => s.to).sort()).toEqual(["262639123456", "32470123456", "590690123456"]);
    expect(sent.find((s) => s.to === "590690123456")).toMatchObject({ text: "Votre réservation à l'EPN est confirmée.", dataCoding: 0, inPayload: false });
    expect(sent.find((s) => s.to === "32470123456")).toMatchObject({ text: "Réservation annulée : la salle est fermée (coupure €).", dataCoding: 0 });
    // "ô" is not in the GSM alphabet: UCS-2.
    expect(sent.find((s) => s.to === "262639123456")).toMatchObject({ text: "Rendez-vous à 9 h, côté fenêtre.", dataCoding: 8, inPayload: false });
    expect(gateway.binds).toBe(binds);
  });

  it("refuses a number it cannot read, and stores nothing when the transaction that queued the SMS rolls back", async () => {
    const count = async () => ({ sms: (await database.db.select().from(smsOutbox)).length, jobs: (await database.db.select().from(jobs)).length });
    const before = await count();
    await expect(queueSms(database.db, { to: "06 12 34", text: "t" })).rejects.toThrow("not a phone number");
    await expect(
      database.db.transaction(async (tx) => {
        await queueSms(tx, { to: "06 11 22 33 44", text: "t" });
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect(await count()).toEqual(before);
  });

  it("keeps an SMS while the gateway is down, retries with backoff, reconnects and delivers when it is back", async () => {
    const port = gateway.port;
    const binds = gateway.binds;
    // The connection the transport holds is cut too.
    await gateway.stop();
    const before = gateway.captured.length;
    const now = new Date("2026-06-01T10:00:00Z");
    const id = await queueSms(database.db, { to: "07 98 76 54 32", text: "Votre code : 482 913" }, now);
    expect(await runDueJobs(database.db, smsHandlers(transport), { now })).toEqual({ done: 0, retried: 1, failed: 0 });
    expect((await smsRow(id)).status).toBe("pending");
    let job = await smsJob(id);
    // The held connection was cut (seen now or on this send), then reconnecting is refused.
    expect(job).toMatchObject({ status: "pending", attempts: 1 });
    expect(job.lastError).toMatch(/^(ECONNREFUSED|ECONNRESET|EPIPE|SMPP connection closed)$/);
    expect(job.runAt.getTime()).toBe(now.getTime() + 60_000);
    // Not due yet: not tried again.
    expect(await runDueJobs(database.db, smsHandlers(transport), { now: new Date(now.getTime() + 30_000) })).toEqual({ done: 0, retried: 0, failed: 0 });
    const second = new Date(now.getTime() + 61_000);
    expect((await runDueJobs(database.db, smsHandlers(transport), { now: second })).retried).toBe(1);
    job = await smsJob(id);
    expect(job).toMatchObject({ attempts: 2, lastError: "ECONNREFUSED" });
    expect(job.runAt.getTime()).toBe(second.getTime() + 5 * 60_000);

    await gateway.start(port);
    const third = new Date(second.getTime() + 5 * 60_000 + 1000);
    expect(await runDueJobs(database.db, smsHandlers(transport), { now: third })).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(gateway.captured.slice(before)).toMatchObject([{ to: "33798765432", text: "Votre code : 482 913" }]);
    expect(gateway.binds).toBe(binds + 1);
    expect((await smsRow(id)).status).toBe("sent");
    expect(await smsJob(id)).toMatchObject({ status: "done", attempts: 3 });
  });

  it("retries an SMS the gateway refuses (its status's name kept, never the number), and one refused at bind", async () => {
    const now = new Date("2026-06-02T10:00:00Z");
    const before = gateway.captured.length;
    const id = await queueSms(database.db, { to: "06 55 44 33 22", text: "Atelier complet" }, now);
    gateway.submitStatus = smpp.errors.ESME_RTHROTTLED;
    try {
      expect(await runDueJobs(database.db, smsHandlers(transport), { now })).toEqual({ done: 0, retried: 1, failed: 0 });
    } finally {
      gateway.submitStatus = 0;
    }
    expect(await smsJob(id)).toMatchObject({ status: "pending", attempts: 1, lastError: "SMPP ESME_RTHROTTLED" });
    expect((await smsRow(id)).status).toBe("pending");
    expect(gateway.captured.length).toBe(before);

    // A wrong password: the bind is refused, the SMS waits for the configuration to be fixed.
    const wrong = createSmppTransport(gateway.url({ password: "faux" }), { timeoutMs: 5_000 });
    const later = new Date(now.getTime() + backoffDelay(1));
    expect(await runDueJobs(database.db, smsHandlers(wrong), { now: later })).toEqual({ done: 0, retried: 1, failed: 0 });
    const job = await smsJob(id);
    expect(job).toMatchObject({ status: "pending", attempts: 2, lastError: "SMPP ESME_RBINDFAIL" });
    wrong.close();

    expect(await runDueJobs(database.db, smsHandlers(transport), { now: job.runAt })).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(gateway.captured.slice(before)).toMatchObject([{ to: "33655443322", text: "Atelier complet" }]);
    expect((await smsRow(id)).status).toBe("sent");
  });

  it("gives up after 8 attempts and marks the SMS failed; the platform admin may retry it", async () => {
    const refusing: SmsTransport = { send: () => Promise.reject(Object.assign(new Error("refused"), { code: "SMPP ESME_RSUBMITFAIL" })) };
    let now = new Date("2026-07-01T00:00:00Z");
    const id = await queueSms(database.db, { to: "06 00 00 00 01", text: "t" }, now);
    for (let i = 1; i <= SMS_MAX_ATTEMPTS; i++) {
      await runDueJobs(database.db, smsHandlers(refusing), { now });
      const job = await smsJob(id);
      expect(job).toMatchObject({ attempts: i, lastError: "SMPP ESME_RSUBMITFAIL", status: i === SMS_MAX_ATTEMPTS ? "failed" : "pending" });
      expect((await smsRow(id)).status).toBe(i === SMS_MAX_ATTEMPTS ? "failed" : "pending");
      now = job.runAt;
    }
    const later = new Date(now.getTime() + 86_400_000);
    expect(await retryFailedJob(database.db, (await smsJob(id)).id, later)).toBe("retried");
    expect(await runDueJobs(database.db, smsHandlers(transport), { now: later })).toEqual({ done: 1, retried: 0, failed: 0 });
    expect((await smsRow(id)).status).toBe("sent");
  });

  it("the in-process worker, wired as server.ts does with SMS_URL, delivers queued SMS on its own", async () => {
    const before = gateway.captured.length;
    const worker = startJobWorker(database.db, { handlers: jobHandlers(database, { mailFrom: MAIL_FROM, smsUrl: gateway.url() }), pollMs: 50 });
    try {
      await queueSms(database.db, { to: "06 98 76 54 32", text: "Par le travailleur" });
      expect(await gateway.waitFor("33698765432", { since: before, timeoutMs: 10_000 })).toMatchObject({ text: "Par le travailleur", source: "" });
    } finally {
      await worker.stop();
    }
  });

  it("demo mode (no SMS_URL): the job runs but sends nothing; the SMS stays, listed for the demo page", async () => {
    const before = gateway.captured.length;
    const now = new Date();
    const id = await queueSms(database.db, { to: "06 12 12 12 12", text: "Démonstration" }, now);
    const handlers = jobHandlers(database, { mailFrom: MAIL_FROM });
    expect(await runDueJobs(database.db, { [SMS_SEND]: handlers[SMS_SEND]! }, { now })).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(gateway.captured.length).toBe(before);
    expect((await smsRow(id)).status).toBe("pending");
    const listed = await latestSms(database.db, 50);
    expect(listed[0]).toMatchObject({ id, to: "+33612121212", text: "Démonstration" });
  });

  it("the demo mails page lists the SMS beside the mails (numbers as written in France), not once SMS_URL is set", async () => {
    await queueSms(database.db, { to: "0692 12 34 56", text: "Rappel : atelier « Tablette » demain à 10 h." });
    const h = await startHarness(database);
    try {
      await h.person("page");
      const page = await (await h.get("page", "/gestion/dev/mails")).text();
      expect(page).toContain("<h2>SMS</h2>");
      expect(page).toMatch(/<th scope="row">06 92 12 34 56<\/th>/);
      expect(page).toContain("Rappel : atelier « Tablette » demain à 10 h.");
      const configured = await (await h.get("page", "/gestion/dev/mails", { env: { ...h.env, SMS_URL: gateway.url() } })).text();
      expect(configured).toContain("Courriels de démonstration");
      expect(configured).not.toContain("<h2>SMS</h2>");
      expect(configured).not.toContain("06 92 12 34 56");
    } finally {
      await h.close();
    }
  });

  it("purges sent and failed SMS 30 days on, keeps those still being tried; in demo mode, every SMS 30 days after queuing", async () => {
    const now = new Date();
    // SMS of other tests given up on or sent long ago (their clock ran ahead) may go already.
    await purgeOldSms(database.db, { now, sendsSms: true });
    expect(await purgeOldSms(database.db, { now, sendsSms: true })).toBe(0);
    const queue = () => queueSms(database.db, { to: "06 12 34 56 78", text: "t" }, now);
    const [sentId, failedId, pendingId] = [await queue(), await queue(), await queue()];
    await database.db.update(smsOutbox).set({ status: "sent", sentAt: now }).where(eq(smsOutbox.id, sentId));
    await database.db.update(smsOutbox).set({ status: "failed" }).where(eq(smsOutbox.id, failedId));
    const kept = await database.db.select({ id: smsOutbox.id }).from(smsOutbox);
    const later = new Date(now.getTime() + 31 * 86_400_000);
    const purged = await purgeOldSms(database.db, { now: later, sendsSms: true });
    expect(purged).toBeGreaterThanOrEqual(2);
    const left = await database.db.select({ id: smsOutbox.id, status: smsOutbox.status }).from(smsOutbox);
    expect(left.length).toBe(kept.length - purged);
    expect(left.every((r) => r.status === "pending")).toBe(true);
    expect(left.map((r) => r.id)).toContain(pendingId);
    expect(left.map((r) => r.id)).not.toContain(sentId);
    expect(left.map((r) => r.id)).not.toContain(failedId);
    // Demo mode never sends: the queued SMS go too.
    expect(await purgeOldSms(database.db, { now: later, sendsSms: false })).toBe(left.length);
    expect(await database.db.select().from(smsOutbox)).toEqual([]);
  });
});
