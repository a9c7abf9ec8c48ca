/**
 * /gestion/taches through the real request handler: the platform admin sees the failed jobs
 * (kind, key, attempts, error code — no address) and what waits, and "Relancer" puts a failed
 * job back in the queue (audited, CSRF-checked). Who else may open it: the authorization matrix.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { auditLog, jobs } from "~/db/schema";
import { runDueJobs, scheduleJob } from "~/features/jobs/queue.server";
import { MAIL_SEND, mailJobKey, mailSendHandler, queueMail } from "~/features/mail/outbox.server";
import { html, startHarness, type Harness } from "../support/harness";
import { createTestDatabase } from "../support/database";

let database: Database;
let h: Harness;
let adminId = "";
let mailId = "";

beforeAll(async () => {
  database = await createTestDatabase();
  h = await startHarness(database);
  adminId = await h.person("admin", { isPlatformAdmin: true });
  await h.person("manager");
  // A mail the SMTP server refuses 8 times, and the next hourly purge waiting.
  const refusing = { [MAIL_SEND]: mailSendHandler({ sendMail: () => Promise.reject(Object.assign(new Error("550 refus pour rose@exemple.fr"), { responseCode: 550 })) }, "x@exemple.fr") };
  let now = new Date("2026-09-01T08:00:00Z");
  mailId = await queueMail(database.db, { to: "rose@exemple.fr", subject: "Invitation", text: "…" }, now);
  for (let i = 0; i < 8; i++) {
    await runDueJobs(database.db, refusing, { now });
    now = (await database.db.select({ runAt: jobs.runAt }).from(jobs).where(eq(jobs.key, mailJobKey(mailId))))[0]!.runAt;
  }
  await scheduleJob(database.db, { kind: "retention.purge", key: "retention.purge", runAt: new Date(Date.now() + 3_600_000) });
});
afterAll(async () => {
  await h?.close();
  await database?.close();
});

describe("the job queue's page", () => {
  it("shows the platform admin the failed jobs and what waits, without personal data; the home links to it", async () => {
    const response = await h.get("admin", "/gestion/taches");
    expect(response.status).toBe(200);
    const page = await html(response);
    expect(page).toContain("<h1>Tâches en arrière-plan</h1>");
    expect(page).toContain("<caption>1 tâche en échec, la plus récente d'abord</caption>");
    expect(page).toContain('<th scope="row">Envoi d\'un courriel</th>');
    expect(page).toContain(mailJobKey(mailId));
    expect(page).toContain("SMTP 550");
    expect(page).toContain('<th scope="row">Effacement des données personnelles anciennes</th>');
    expect(page).not.toContain("rose@exemple.fr");
    const home = await html(await h.get("admin", "/gestion"));
    expect(home).toContain('<a href="/gestion/taches">Tâches en arrière-plan</a> (1 en échec)');
    expect(await html(await h.get("manager", "/gestion"))).not.toContain("/gestion/taches");
  });

  it("« Relancer » puts the failed job back in the queue, once; audited", async () => {
    const [job] = await database.db.select({ id: jobs.id }).from(jobs).where(and(eq(jobs.key, mailJobKey(mailId)), eq(jobs.status, "failed")));
    const retried = await h.post("admin", "/gestion/taches", new URLSearchParams({ intent: "retry", tache: job!.id }));
    expect(retried.status).toBe(200);
    const page = await html(retried);
    expect(page).toContain("La tâche est relancée");
    expect(page).toContain("Aucune tâche en échec.");
    const [row] = await database.db.select({ status: jobs.status, attempts: jobs.attempts }).from(jobs).where(eq(jobs.id, job!.id));
    expect(row).toEqual({ status: "pending", attempts: 0 });
    const audit = await database.db.select({ actor: auditLog.actorUserId, entityId: auditLog.entityId }).from(auditLog).where(eq(auditLog.action, "job.retry"));
    expect(audit).toEqual([{ actor: adminId, entityId: job!.id }]);

    const again = await h.post("admin", "/gestion/taches", new URLSearchParams({ intent: "retry", tache: job!.id }));
    expect(again.status).toBe(404);
    expect(await html(again)).toContain("Cette tâche n'est plus en échec");
    const bad = await h.post("admin", "/gestion/taches", new URLSearchParams({ intent: "retry", tache: "pas-un-id" }));
    expect(bad.status).toBe(400);
    // Without the token: refused, nothing changes.
    const forged = await h.post("admin", "/gestion/taches", new URLSearchParams({ intent: "retry", tache: job!.id }), { csrf: null });
    expect(forged.status).toBe(403);
  });
});
