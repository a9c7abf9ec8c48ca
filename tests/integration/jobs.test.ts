/**
 * The job queue (app/features/jobs) on the test database — PGlite, or PostgreSQL with
 * TEST_DATABASE_URL: keys (move, cancel, reuse, concurrent scheduling), retries with backoff,
 * failure, leases (a dead node's job is freed; a long job keeps its own), recurring jobs,
 * the platform admin's retry, and a worker that stops cleanly. Two processes on one
 * PostgreSQL database: jobs-processes.test.ts.
 */
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "~/db/client.server";
import { jobs } from "~/db/schema";
import {
  backoffDelay,
  cancelJob,
  claimJob,
  countWaitingJobs,
  ensureRecurringJobs,
  listFailedJobs,
  RECURRING_MAX_ATTEMPTS,
  retryFailedJob,
  runDueJobs,
  scheduleJob,
  type JobHandlers,
} from "~/features/jobs/queue.server";
import { startJobWorker } from "~/features/jobs/worker.server";
import { createTestDatabase } from "../support/database";

let database: Database & { url?: string };
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

const MINUTE = 60_000;
const at = (iso: string) => new Date(iso);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const jobsWithKey = (key: string) => database.db.select().from(jobs).where(eq(jobs.key, key));
/** A handler that records what it ran. */
function recorder() {
  const ran: { key: string; payload: unknown; attempts: number }[] = [];
  return { ran, run: async (_db: unknown, payload: unknown, job: { key: string; attempts: number }) => void ran.push({ key: job.key, payload, attempts: job.attempts }) };
}

describe("keys: one live job per key", () => {
  it("scheduling the same key again moves the job; cancelling removes it; a finished job's key is free again", async () => {
    const { db } = database;
    const first = await scheduleJob(db, { kind: "booking.reminder", key: "booking.reminder:b1", runAt: at("2026-03-10T08:00:00Z"), payload: { bookingId: "b1" } });
    const moved = await scheduleJob(db, { kind: "booking.reminder", key: "booking.reminder:b1", runAt: at("2026-03-12T08:00:00Z"), payload: { bookingId: "b1", v: 2 } });
    expect(moved).toBe(first);
    let rows = await jobsWithKey("booking.reminder:b1");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "pending", runAt: at("2026-03-12T08:00:00Z"), payload: { bookingId: "b1", v: 2 } });

    // Not due at its old time any more.
    const r = recorder();
    const handlers: JobHandlers = { "booking.reminder": { run: r.run } };
    expect(await runDueJobs(db, handlers, { now: at("2026-03-11T00:00:00Z") })).toEqual({ done: 0, retried: 0, failed: 0 });
    expect(await runDueJobs(db, handlers, { now: at("2026-03-12T08:00:00Z") })).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(r.ran).toEqual([{ key: "booking.reminder:b1", payload: { bookingId: "b1", v: 2 }, attempts: 1 }]);

    // Done: the key can be used again, and that new job can be cancelled.
    const again = await scheduleJob(db, { kind: "booking.reminder", key: "booking.reminder:b1", runAt: at("2026-04-01T08:00:00Z") });
    expect(again).not.toBe(first);
    rows = await jobsWithKey("booking.reminder:b1");
    expect(rows.map((j) => j.status).sort()).toEqual(["done", "pending"]);
    expect(await cancelJob(db, "booking.reminder:b1")).toBe(true);
    expect(await cancelJob(db, "booking.reminder:b1")).toBe(false);
    expect((await jobsWithKey("booking.reminder:b1")).map((j) => j.status)).toEqual(["done"]);
  });

  it("a running job is left alone: scheduling its key returns null, cancelling it returns false", async () => {
    const { db } = database;
    const now = at("2026-03-20T10:00:00Z");
    await scheduleJob(db, { kind: "k.running", key: "k.running:1", runAt: now });
    const claimed = await claimJob(db, ["k.running"], { now, leaseMs: 5 * MINUTE });
    expect(claimed?.key).toBe("k.running:1");
    expect(await scheduleJob(db, { kind: "k.running", key: "k.running:1", runAt: at("2026-03-25T10:00:00Z") })).toBeNull();
    expect(await cancelJob(db, "k.running:1")).toBe(false);
    const [row] = await jobsWithKey("k.running:1");
    expect(row).toMatchObject({ status: "running", runAt: now, attempts: 1 });
  });

  it("the same key scheduled at once from several connections leaves one job", async () => {
    // PostgreSQL: four more connection pools on the same database, 40 calls in flight. PGlite has one connection: the calls queue on it.
    const extra = database.url ? await Promise.all([1, 2, 3, 4].map(() => openDatabase({ databaseUrl: database.url, migrate: false }))) : [];
    try {
      const handles = [database, ...extra];
      const calls = Array.from({ length: 40 }, (_, i) =>
        handles[i % handles.length]!.db.transaction((tx) => scheduleJob(tx, { kind: "k.race", key: "k.race:same", runAt: new Date(Date.UTC(2026, 4, 1, 0, i)), payload: { call: i } })),
      );
      const ids = await Promise.all(calls);
      expect(new Set(ids).size).toBe(1);
      const rows = await jobsWithKey("k.race:same");
      expect(rows).toHaveLength(1);
      expect(rows[0]!.status).toBe("pending");
    } finally {
      await Promise.all(extra.map((d) => d.close()));
    }
  });

  it("a job of a kind this node has no handler for is never claimed", async () => {
    const { db } = database;
    const now = at("2026-03-21T10:00:00Z");
    await scheduleJob(db, { kind: "k.unknown", key: "k.unknown:1", runAt: now });
    expect(await runDueJobs(db, { "k.other": { run: async () => {} } }, { now })).toEqual({ done: 0, retried: 0, failed: 0 });
    expect((await jobsWithKey("k.unknown:1"))[0]!.status).toBe("pending");
  });
});

describe("retries, failure, leases", () => {
  it("retries with backoff, then marks the job failed, keeps a code (never the message's address) and calls onFailed once", async () => {
    const { db } = database;
    const failedPayloads: unknown[] = [];
    const handlers: JobHandlers = {
      "k.fail": {
        run: async () => {
          throw new Error("refusé pour camille@exemple.fr");
        },
        onFailed: async (tx, payload) => {
          failedPayloads.push(payload);
          // Inside the transaction that marks the job failed: it already says so.
          const [row] = await tx.select({ status: jobs.status }).from(jobs).where(eq(jobs.key, "k.fail:1"));
          expect(row!.status).toBe("failed");
        },
      },
    };
    let now = at("2026-05-01T00:00:00Z");
    await scheduleJob(db, { kind: "k.fail", key: "k.fail:1", runAt: now, payload: { id: 1 }, maxAttempts: 3 });
    for (let attempt = 1; attempt <= 3; attempt++) {
      const report = await runDueJobs(db, handlers, { now });
      expect(report).toEqual(attempt < 3 ? { done: 0, retried: 1, failed: 0 } : { done: 0, retried: 0, failed: 1 });
      const [row] = await jobsWithKey("k.fail:1");
      expect(row!.attempts).toBe(attempt);
      expect(row!.lastError).toBe("Error: refusé pour [adresse]");
      if (attempt < 3) {
        expect(row!.runAt.getTime()).toBe(now.getTime() + backoffDelay(attempt));
        // Not before its time.
        expect(await runDueJobs(db, handlers, { now: new Date(row!.runAt.getTime() - 1) })).toEqual({ done: 0, retried: 0, failed: 0 });
        now = row!.runAt;
      } else {
        expect(row!.status).toBe("failed");
        expect(row!.finishedAt).toEqual(now);
      }
    }
    expect(failedPayloads).toEqual([{ id: 1 }]);
    expect(await runDueJobs(db, handlers, { now: new Date(now.getTime() + 86_400_000) })).toEqual({ done: 0, retried: 0, failed: 0 });
    const failed = await listFailedJobs(db);
    expect(failed.find((j) => j.key === "k.fail:1")).toMatchObject({ kind: "k.fail", attempts: 3, lastError: "Error: refusé pour [adresse]" });
  });

  it("a node that dies mid-job frees it when its lease ends: another node runs it", async () => {
    const { db } = database;
    const now = at("2026-05-10T12:00:00Z");
    await scheduleJob(db, { kind: "k.lease", key: "k.lease:1", runAt: now });
    // Node A claims it and dies: nothing more is heard from it.
    expect((await claimJob(db, ["k.lease"], { now, leaseMs: 5 * MINUTE }))?.key).toBe("k.lease:1");
    const r = recorder();
    const handlers: JobHandlers = { "k.lease": { run: r.run } };
    expect(await runDueJobs(db, handlers, { now: new Date(now.getTime() + 4 * MINUTE) })).toEqual({ done: 0, retried: 0, failed: 0 });
    expect(await runDueJobs(db, handlers, { now: new Date(now.getTime() + 5 * MINUTE + 1) })).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(r.ran).toEqual([{ key: "k.lease:1", payload: {}, attempts: 2 }]);
    expect((await jobsWithKey("k.lease:1"))[0]).toMatchObject({ status: "done", attempts: 2, lockedUntil: null });
  });

  it("a job whose last attempt's node died is marked failed, not run again", async () => {
    const { db } = database;
    const now = at("2026-05-11T12:00:00Z");
    await scheduleJob(db, { kind: "k.lease-last", key: "k.lease-last:1", runAt: now, maxAttempts: 1 });
    await claimJob(db, ["k.lease-last"], { now, leaseMs: MINUTE });
    const r = recorder();
    expect(await runDueJobs(db, { "k.lease-last": { run: r.run } }, { now: new Date(now.getTime() + 2 * MINUTE) })).toEqual({ done: 0, retried: 0, failed: 1 });
    expect(r.ran).toEqual([]);
    expect((await jobsWithKey("k.lease-last:1"))[0]).toMatchObject({ status: "failed", lastError: "lease-expired" });
  });

  it("a job that runs longer than its lease keeps it (heartbeat): a second runner does not take it", async () => {
    const { db } = database;
    await scheduleJob(db, { kind: "k.long", key: "k.long:1", runAt: new Date(Date.now() - 1000) });
    let runs = 0;
    const handlers: JobHandlers = {
      "k.long": {
        run: async () => {
          runs++;
          await sleep(1200);
        },
      },
    };
    const first = runDueJobs(db, handlers, { leaseMs: 300 });
    await sleep(700);
    const second = await runDueJobs(db, handlers, { leaseMs: 300 });
    expect(await first).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(second).toEqual({ done: 0, retried: 0, failed: 0 });
    expect(runs).toBe(1);
  });
});

describe("recurring jobs", () => {
  it("one job per recurring kind whoever ensures it; the next run is scheduled when one ends, even after a failure", async () => {
    const { db } = database;
    const start = at("2026-06-01T00:00:00Z");
    let fail = false;
    const handlers: JobHandlers = {
      "k.hourly": {
        recurring: { everyMs: 60 * MINUTE },
        run: async () => {
          if (fail) throw Object.assign(new Error("x"), { code: "57P01" });
        },
      },
    };
    await Promise.all([ensureRecurringJobs(db, handlers, start), ensureRecurringJobs(db, handlers, start), ensureRecurringJobs(db, handlers, start)]);
    expect(await jobsWithKey("k.hourly")).toHaveLength(1);

    expect(await runDueJobs(db, handlers, { now: start })).toEqual({ done: 1, retried: 0, failed: 0 });
    let live = (await jobsWithKey("k.hourly")).filter((j) => j.status === "pending");
    expect(live.map((j) => j.runAt)).toEqual([new Date(start.getTime() + 60 * MINUTE)]);
    expect(await runDueJobs(db, handlers, { now: new Date(start.getTime() + 30 * MINUTE) })).toEqual({ done: 0, retried: 0, failed: 0 });
    // Ensuring again (another node starting) adds nothing.
    await ensureRecurringJobs(db, handlers, new Date(start.getTime() + 30 * MINUTE));
    expect((await jobsWithKey("k.hourly")).filter((j) => j.status === "pending")).toHaveLength(1);

    // Failing 3 times: shown as failed, and the next run is there all the same.
    fail = true;
    let now = new Date(start.getTime() + 60 * MINUTE);
    for (let i = 1; i <= RECURRING_MAX_ATTEMPTS; i++) {
      await runDueJobs(db, handlers, { now });
      const [row] = (await jobsWithKey("k.hourly")).filter((j) => j.status === "pending" || j.status === "failed").sort((a, b) => a.runAt.getTime() - b.runAt.getTime());
      if (i < RECURRING_MAX_ATTEMPTS) now = row!.runAt;
    }
    const rows = await jobsWithKey("k.hourly");
    const failed = rows.filter((j) => j.status === "failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]!.lastError).toBe("57P01");
    live = rows.filter((j) => j.status === "pending");
    expect(live.map((j) => j.runAt)).toEqual([new Date(now.getTime() + 60 * MINUTE)]);

    // The platform admin retries the failed run: the waiting run is brought forward instead, the failed one goes.
    fail = false;
    const retryAt = new Date(now.getTime() + MINUTE);
    expect(await retryFailedJob(db, failed[0]!.id, retryAt)).toBe("retried");
    expect(await retryFailedJob(db, failed[0]!.id, retryAt)).toBe("not-found");
    const after = await jobsWithKey("k.hourly");
    expect(after.filter((j) => j.status === "failed")).toEqual([]);
    expect(after.filter((j) => j.status === "pending").map((j) => j.runAt)).toEqual([retryAt]);
    expect(await runDueJobs(db, handlers, { now: retryAt })).toEqual({ done: 1, retried: 0, failed: 0 });
  });

  it("counts what waits, per kind, for the platform admin", async () => {
    const counts = await countWaitingJobs(database.db);
    const hourly = counts.find((c) => c.kind === "k.hourly");
    expect(hourly).toMatchObject({ pending: 1, running: 0 });
    expect(hourly!.nextRunAt).toBeInstanceOf(Date);
    expect(counts.find((c) => c.kind === "k.running")).toMatchObject({ pending: 0, running: 1 });
  });
});

describe("the platform admin's retry", () => {
  it("two admins retrying the same failed job at once: one retry, one 'no longer failed'", async () => {
    const extra = database.url ? await openDatabase({ databaseUrl: database.url, migrate: false }) : null;
    try {
      await scheduleJob(database.db, { kind: "k.retry-race", key: "k.retry-race:one", runAt: at("2026-05-01T08:00:00Z"), maxAttempts: 1 });
      const failing: JobHandlers = { "k.retry-race": { run: async () => Promise.reject(new Error("refus")) } };
      expect(await runDueJobs(database.db, failing, { now: at("2026-05-01T08:00:00Z") })).toEqual({ done: 0, retried: 0, failed: 1 });
      const [failed] = await jobsWithKey("k.retry-race:one");
      const outcomes = await Promise.all([retryFailedJob(database.db, failed!.id), retryFailedJob((extra ?? database).db, failed!.id)]);
      expect(outcomes.sort()).toEqual(["not-found", "retried"]);
      const rows = await jobsWithKey("k.retry-race:one");
      expect(rows.map((r) => ({ status: r.status, attempts: r.attempts }))).toEqual([{ status: "pending", attempts: 0 }]);
    } finally {
      await extra?.close();
    }
  });
});

describe("the worker", () => {
  it("runs due jobs on its own and, stopped mid-job, resolves only once that job has finished", async () => {
    const { db } = database;
    const events: string[] = [];
    const handlers: JobHandlers = {
      "k.worker": {
        run: async (_db, payload) => {
          events.push(`start ${(payload as { n: number }).n}`);
          await sleep(400);
          events.push(`end ${(payload as { n: number }).n}`);
        },
      },
    };
    const worker = startJobWorker(db, { handlers, pollMs: 20 });
    await scheduleJob(db, { kind: "k.worker", key: "k.worker:1", payload: { n: 1 } });
    await scheduleJob(db, { kind: "k.worker", key: "k.worker:2", payload: { n: 2 }, runAt: new Date(Date.now() + 60 * MINUTE) });
    await expect.poll(() => events.length, { timeout: 10_000, interval: 10 }).toBeGreaterThan(0);
    await worker.stop();
    expect(events).toEqual(["start 1", "end 1"]);
    const rows = await db.select({ key: jobs.key, status: jobs.status }).from(jobs).where(and(eq(jobs.kind, "k.worker"), inArray(jobs.status, ["done", "pending"])));
    expect(rows.sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: "k.worker:1", status: "done" },
      { key: "k.worker:2", status: "pending" },
    ]);
  });
});
