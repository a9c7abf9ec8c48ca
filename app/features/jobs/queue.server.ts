/**
 * The job queue: work done later, by whichever web node claims it first, the same on PGlite and
 * PostgreSQL (docs/decisions/009-jobs.md).
 *
 * - `scheduleJob` stores a job in the caller's transaction. A key names what the job is about:
 *   at most one job per key is pending or running, so scheduling the same key again moves the
 *   job (new time, new payload) instead of adding one; `cancelJob` removes it.
 * - `runDueJobs` claims one due job at a time in one short statement (`for update skip locked`:
 *   two nodes never claim the same job), marks it running with a lease (`locked_until`), runs
 *   its handler outside any transaction while a heartbeat extends the lease, then records the
 *   outcome. A node that dies mid-job stops extending its lease; once it ends, another node
 *   claims the job again. The outcome is written only by the node that still holds the job
 *   (same attempt count), so a node that lost its lease cannot overwrite the new run.
 * - A failed attempt is retried after `backoffDelay`; after `max_attempts` the job is marked
 *   failed (kept for the platform admin, /gestion/taches) and its handler's `onFailed` runs.
 * - A recurring kind has one job keyed by its kind; when it finishes, the next run is scheduled
 *   in the same transaction (the key's uniqueness means there are never two).
 *
 * Delivery is at least once: a node that dies after the work but before recording it leaves
 * the job to run again, so handlers check whether their work is already done.
 */
import { and, asc, count, desc, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { jobs } from "~/db/schema";
import { logger } from "~/lib/logger";
import { errorCode } from "./error-code";

export type JobContext = { id: string; key: string; attempts: number };

export type JobHandler = {
  /** Does the work. Throwing fails this attempt. `payload` is what was scheduled: parse it. */
  run: (db: Db, payload: unknown, job: JobContext) => Promise<void>;
  /** Runs in the transaction that marks the job failed for good (after its last attempt). */
  onFailed?: (tx: Db, payload: unknown) => Promise<void>;
  /** One job keyed by the kind, run again `everyMs` after each run ends; the first at start + `firstRunInMs` (0). */
  recurring?: { everyMs: number; firstRunInMs?: number };
};
export type JobHandlers = Readonly<Record<string, JobHandler>>;

/** Delays before the 2nd, 3rd… attempt (the mail outbox's schedule); the last one repeats. */
export const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000, 24 * 3_600_000] as const;
export const DEFAULT_MAX_ATTEMPTS = 8;
/** A recurring job that fails 3 times in a row is shown as failed; its next run is scheduled anyway. */
export const RECURRING_MAX_ATTEMPTS = 3;
/** How long a claimed job stays the claiming node's without a heartbeat (a dead node's job is freed then). */
export const DEFAULT_LEASE_MS = 5 * 60_000;
/** Done jobs are deleted after 7 days, failed ones after 90 (unless the platform admin retries them first). */
export const DONE_JOB_RETENTION_MS = 7 * 86_400_000;
export const FAILED_JOB_RETENTION_MS = 90 * 86_400_000;

export function backoffDelay(attempts: number): number {
  return BACKOFF_MS[Math.min(Math.max(attempts, 1), BACKOFF_MS.length) - 1]!;
}

/** The partial unique index's predicate (jobs_live_key_idx), repeated so ON CONFLICT can use it. */
const LIVE = sql`status in ('pending', 'running')`;

export type JobRequest = {
  kind: string;
  key: string;
  /** Default: now. */
  runAt?: Date;
  /** Ids and flags only: never personal data (the queue is shown to the platform admin). */
  payload?: Record<string, unknown>;
  maxAttempts?: number;
};

/**
 * Schedule a job, or move the pending job with the same key to this time and payload. Pass the
 * transaction of what causes it. Returns the job's id, or null when a job with this key is
 * running right now (it is left alone).
 */
export async function scheduleJob(db: Db, job: JobRequest): Promise<string | null> {
  const [row] = await db
    .insert(jobs)
    .values({ kind: job.kind, key: job.key, payload: job.payload ?? {}, runAt: job.runAt ?? new Date(), maxAttempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS })
    .onConflictDoUpdate({
      target: jobs.key,
      targetWhere: LIVE,
      set: { kind: sql`excluded.kind`, payload: sql`excluded.payload`, runAt: sql`excluded.run_at`, maxAttempts: sql`excluded.max_attempts` },
      setWhere: eq(jobs.status, "pending"),
    })
    .returning({ id: jobs.id });
  return row?.id ?? null;
}

/** Remove the pending job with this key. False when there is none (or it is running). */
export async function cancelJob(db: Db, key: string): Promise<boolean> {
  const deleted = await db.delete(jobs).where(and(eq(jobs.key, key), eq(jobs.status, "pending"))).returning({ id: jobs.id });
  return deleted.length > 0;
}

/** Make sure each recurring kind has its job (several nodes may do it at once: the key keeps one). */
export async function ensureRecurringJobs(db: Db, handlers: JobHandlers, now: Date = new Date()): Promise<void> {
  for (const [kind, handler] of Object.entries(handlers)) {
    if (!handler.recurring) continue;
    await db
      .insert(jobs)
      .values({ kind, key: kind, runAt: new Date(now.getTime() + (handler.recurring.firstRunInMs ?? 0)), maxAttempts: RECURRING_MAX_ATTEMPTS })
      .onConflictDoNothing();
  }
}

type ClaimedJob = { id: string; kind: string; key: string; payload: unknown; attempts: number; maxAttempts: number };

/**
 * Claim the next due job of these kinds, or one whose lease has ended: one statement, so one
 * short transaction; rows another node is claiming are skipped, not waited for.
 */
export async function claimJob(db: Db, kinds: readonly string[], options: { now: Date; leaseMs: number }): Promise<ClaimedJob | null> {
  if (kinds.length === 0) return null;
  const { now } = options;
  const next = db.$with("next").as(
    db
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(inArray(jobs.kind, [...kinds]), or(and(eq(jobs.status, "pending"), lte(jobs.runAt, now)), and(eq(jobs.status, "running"), lt(jobs.lockedUntil, now)))))
      .orderBy(asc(jobs.runAt))
      .limit(1)
      .for("update", { skipLocked: true }),
  );
  const [job] = await db
    .with(next)
    .update(jobs)
    .set({
      status: "running",
      attempts: sql`${jobs.attempts} + 1`,
      lockedUntil: new Date(now.getTime() + options.leaseMs),
      // A job found running past its lease: the node that ran it is gone.
      lastError: sql`case when ${jobs.status} = 'running' then 'lease-expired' else ${jobs.lastError} end`,
    })
    .from(next)
    .where(eq(jobs.id, next.id))
    .returning({ id: jobs.id, kind: jobs.kind, key: jobs.key, payload: jobs.payload, attempts: jobs.attempts, maxAttempts: jobs.maxAttempts });
  return job ?? null;
}

/** The job as this node claimed it: still running, same attempt (else another node took it over). */
const heldBy = (job: ClaimedJob) => and(eq(jobs.id, job.id), eq(jobs.status, "running"), eq(jobs.attempts, job.attempts));

export type RunReport = { done: number; retried: number; failed: number };

/**
 * Run due jobs, one claim at a time, until none is due or `limit` have run. `now` fixes the
 * clock (tests); otherwise each step reads it.
 */
export async function runDueJobs(db: Db, handlers: JobHandlers, options: { now?: Date; limit?: number; leaseMs?: number } = {}): Promise<RunReport> {
  const clock = () => options.now ?? new Date();
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const report: RunReport = { done: 0, retried: 0, failed: 0 };
  for (let i = 0; i < (options.limit ?? 50); i++) {
    const job = await claimJob(db, Object.keys(handlers), { now: clock(), leaseMs });
    if (!job) break;
    report[await runClaimedJob(db, handlers[job.kind]!, job, { clock, leaseMs })]++;
  }
  return report;
}

async function runClaimedJob(db: Db, handler: JobHandler, job: ClaimedJob, options: { clock: () => Date; leaseMs: number }): Promise<keyof RunReport> {
  let failure: { error: unknown } | null = null;
  if (job.attempts > job.maxAttempts) {
    // Its last attempt's node died mid-job: not tried again.
    failure = { error: { code: "lease-expired" } };
  } else {
    const heartbeat = setInterval(() => {
      db.update(jobs)
        .set({ lockedUntil: new Date(Date.now() + options.leaseMs) })
        .where(heldBy(job))
        .catch((error: unknown) => logger.warn({ jobId: job.id, kind: job.kind, error: errorCode(error) }, "job lease not extended"));
    }, options.leaseMs / 3);
    heartbeat.unref();
    try {
      await handler.run(db, job.payload, { id: job.id, key: job.key, attempts: job.attempts });
    } catch (error) {
      failure = { error };
    } finally {
      clearInterval(heartbeat);
    }
  }
  const now = options.clock();
  if (!failure) {
    await db.transaction(async (tx) => {
      const held = await tx.update(jobs).set({ status: "done", finishedAt: now, lockedUntil: null, lastError: null }).where(heldBy(job)).returning({ id: jobs.id });
      if (held.length > 0) await scheduleNextRun(tx, job.kind, handler, now);
    });
    return "done";
  }
  const lastError = errorCode(failure.error);
  const final = job.attempts >= job.maxAttempts;
  await db.transaction(async (tx) => {
    const held = await tx
      .update(jobs)
      .set(final ? { status: "failed", finishedAt: now, lockedUntil: null, lastError } : { status: "pending", runAt: new Date(now.getTime() + backoffDelay(job.attempts)), lockedUntil: null, lastError })
      .where(heldBy(job))
      .returning({ id: jobs.id });
    if (held.length === 0 || !final) return;
    await handler.onFailed?.(tx, job.payload);
    await scheduleNextRun(tx, job.kind, handler, now);
  });
  // Never the payload: ids and the error's code only.
  logger.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, error: lastError }, final ? "job failed for good" : "job failed, will retry");
  return final ? "failed" : "retried";
}

async function scheduleNextRun(tx: Db, kind: string, handler: JobHandler, now: Date): Promise<void> {
  if (!handler.recurring) return;
  await tx.insert(jobs).values({ kind, key: kind, runAt: new Date(now.getTime() + handler.recurring.everyMs), maxAttempts: RECURRING_MAX_ATTEMPTS }).onConflictDoNothing();
}

/**
 * Retry a failed job now, with a full set of attempts. When a job with its key is already
 * waiting (a recurring job's next run), that one is brought forward and the failed one goes.
 */
export async function retryFailedJob(db: Db, jobId: string, now: Date = new Date()): Promise<"retried" | "not-found"> {
  return db.transaction(async (tx) => {
    const [failed] = await tx.select({ id: jobs.id, key: jobs.key }).from(jobs).where(and(eq(jobs.id, jobId), eq(jobs.status, "failed"))).for("update");
    if (!failed) return "not-found";
    const [live] = await tx.select({ id: jobs.id }).from(jobs).where(and(eq(jobs.key, failed.key), LIVE)).for("update");
    if (live) {
      await tx.update(jobs).set({ runAt: now }).where(and(eq(jobs.id, live.id), eq(jobs.status, "pending")));
      await tx.delete(jobs).where(eq(jobs.id, failed.id));
    } else {
      await tx.update(jobs).set({ status: "pending", runAt: now, attempts: 0, finishedAt: null, lockedUntil: null }).where(eq(jobs.id, failed.id));
    }
    return "retried";
  });
}

/** For the platform admin: the failed jobs, most recent first. */
export async function listFailedJobs(db: Db, limit = 100) {
  return db
    .select({ id: jobs.id, kind: jobs.kind, key: jobs.key, attempts: jobs.attempts, lastError: jobs.lastError, createdAt: jobs.createdAt, finishedAt: jobs.finishedAt })
    .from(jobs)
    .where(eq(jobs.status, "failed"))
    .orderBy(desc(jobs.finishedAt), desc(jobs.id))
    .limit(limit);
}

/** For the platform admin: per kind, the jobs waiting and running, and the next due time. */
export async function countWaitingJobs(db: Db) {
  const rows = await db
    .select({
      kind: jobs.kind,
      pending: sql<number>`count(*) filter (where ${jobs.status} = 'pending')`.mapWith(Number),
      running: sql<number>`count(*) filter (where ${jobs.status} = 'running')`.mapWith(Number),
      nextRunAt: sql<Date | null>`min(${jobs.runAt}) filter (where ${jobs.status} = 'pending')`.mapWith(jobs.runAt),
    })
    .from(jobs)
    .where(LIVE)
    .groupBy(jobs.kind)
    .orderBy(jobs.kind);
  return rows;
}

/** How many jobs have failed for good (the back-office home's hint). */
export async function countFailedJobs(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(jobs).where(eq(jobs.status, "failed"));
  return Number(row?.n ?? 0);
}

/** Done jobs 7 days on, failed ones 90 days on (run by the retention pass). */
export async function purgeFinishedJobs(db: Db, now: Date = new Date()): Promise<number> {
  const deleted = await db
    .delete(jobs)
    .where(
      or(
        and(eq(jobs.status, "done"), lt(jobs.finishedAt, new Date(now.getTime() - DONE_JOB_RETENTION_MS))),
        and(eq(jobs.status, "failed"), lt(jobs.finishedAt, new Date(now.getTime() - FAILED_JOB_RETENTION_MS))),
      ),
    )
    .returning({ id: jobs.id });
  return deleted.length;
}
