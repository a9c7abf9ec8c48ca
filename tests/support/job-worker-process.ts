/**
 * One "web node" for tests/integration/jobs-processes.test.ts: opens the PostgreSQL database
 * named by DATABASE_URL (already migrated) and runs the job worker, as server.ts does, with
 * test handlers, until SIGTERM (a clean stop) or SIGKILL (a node that dies). Prints "ready".
 *
 * - test.record: writes (job key, this process's id) into job_runs, a table the test creates
 *   without any unique constraint, so a job run twice shows as two rows; then waits RECORD_MS.
 * - test.hang: never ends (the test kills the process mid-job).
 *
 * Run: DATABASE_URL=postgres://… node --import tsx tests/support/job-worker-process.ts
 */
import { sql } from "drizzle-orm";
import { openDatabase } from "~/db/client.server";
import type { JobHandlers } from "~/features/jobs/queue.server";
import { startJobWorker } from "~/features/jobs/worker.server";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl?.startsWith("postgres")) throw new Error("DATABASE_URL=postgres://… is required");
const recordMs = Number(process.env.RECORD_MS ?? 5);

const database = await openDatabase({ databaseUrl, migrate: false });
const handlers: JobHandlers = {
  "test.record": {
    run: async (db, _payload, job) => {
      await db.execute(sql`insert into job_runs (job_key, pid, attempts) values (${job.key}, ${process.pid}, ${job.attempts})`);
      await new Promise((resolve) => setTimeout(resolve, recordMs));
    },
  },
  "test.hang": { run: () => new Promise<void>(() => {}) },
};
const worker = startJobWorker(database.db, { handlers, pollMs: 20, leaseMs: Number(process.env.LEASE_MS ?? 300_000) });
process.stdout.write("ready\n");

process.on("SIGTERM", () => {
  void worker
    .stop()
    .then(() => database.close())
    .then(() => process.exit(0));
});
