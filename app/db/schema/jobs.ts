/** The job queue (app/features/jobs): work done later, once, by whichever web node claims it. */
import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const JOB_STATUSES = ["pending", "running", "done", "failed"] as const;

/**
 * One row per job. A key names what the job is about ("mail.send:<mail id>", "retention.purge"):
 * at most one job per key is pending or running, so scheduling the same key again moves the job
 * instead of adding one, and a finished job's key can be used again. A running job's
 * `locked_until` is its lease: past it, the node that claimed it is taken for dead and another
 * node may run it. The payload holds ids, never personal data; `last_error` holds an error code.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    key: text("key").notNull(),
    payload: jsonb("payload").notNull().default({}),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    /** Attempts started so far (counted when a node claims the job). */
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(8),
    status: text("status", { enum: JOB_STATUSES }).notNull().default("pending"),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("jobs_live_key_idx").on(t.key).where(sql`status in ('pending', 'running')`),
    index("jobs_due_idx").on(t.status, t.runAt),
    check("jobs_status_check", sql`${t.status} in ('pending', 'running', 'done', 'failed')`),
  ],
);
