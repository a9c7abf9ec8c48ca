/**
 * Several web nodes on one PostgreSQL database never run the same job twice: two real child
 * processes (tests/support/job-worker-process.ts, each running the job worker as server.ts does)
 * share 200 jobs; every job runs exactly once and both processes do some of them. Then a node
 * killed mid-job (SIGKILL): its job is run by another node once its lease has ended.
 *
 * PostgreSQL only: on PGlite one process owns the database through a single in-process
 * connection, so there is no second node to race with (the rest of the queue's tests,
 * jobs.test.ts, run on both databases).
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Database } from "~/db/client.server";
import { jobs } from "~/db/schema";
import { runDueJobs, scheduleJob } from "~/features/jobs/queue.server";
import { createTestDatabase } from "../support/database";

const ROOT = path.resolve(import.meta.dirname, "../..");
const JOBS = 200;
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

type Node = { child: ChildProcess; pid: number; exited: Promise<number | null>; output: () => string };

/** Start one worker process; resolves once it says "ready". */
async function startNode(databaseUrl: string, env: Record<string, string> = {}): Promise<Node> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/job-worker-process.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn", NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker process not ready in 60 s:\n${output}`)), 60_000);
    const check = setInterval(() => {
      if (!output.includes("ready")) return;
      clearTimeout(timer);
      clearInterval(check);
      resolve();
    }, 20);
    void exited.then((code) => {
      clearTimeout(timer);
      clearInterval(check);
      reject(new Error(`worker process exited with ${code}:\n${output}`));
    });
  });
  return { child, pid: child.pid!, exited, output: () => output };
}

let database: Database & { url?: string };
const nodes: Node[] = [];

describe.skipIf(!onPostgres)("two web nodes on one PostgreSQL database (skipped on PGlite: one process, one in-process connection, no second node)", () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.query("create table job_runs (job_key text not null, pid integer not null, attempts integer not null)");
  });
  afterAll(async () => {
    for (const node of nodes) if (node.child.exitCode === null) node.child.kill("SIGKILL");
    await database?.close();
  });

  it(`${JOBS} jobs, two processes: every job runs exactly once, and both processes run some`, async () => {
    const [a, b] = await Promise.all([startNode(database.url!), startNode(database.url!)]);
    nodes.push(a!, b!);
    await database.db.transaction(async (tx) => {
      for (let i = 0; i < JOBS; i++) await scheduleJob(tx, { kind: "test.record", key: `test.record:${i}`, payload: { n: i } });
    });
    const done = async () => Number((await queryRows(database.db, sql`select count(*) as n from jobs where kind = 'test.record' and status = 'done'`))[0]!.n);
    await expect.poll(done, { timeout: 60_000, interval: 100 }).toBe(JOBS);
    // A clean stop: both exit 0 once their current job is over.
    a!.child.kill("SIGTERM");
    b!.child.kill("SIGTERM");
    expect(await a!.exited).toBe(0);
    expect(await b!.exited).toBe(0);

    const runs = await queryRows(database.db, sql`select count(*) as runs, count(distinct job_key) as keys, max(attempts) as attempts from job_runs`);
    expect(Number(runs[0]!.runs)).toBe(JOBS);
    expect(Number(runs[0]!.keys)).toBe(JOBS);
    expect(Number(runs[0]!.attempts)).toBe(1);
    const perProcess = await queryRows(database.db, sql`select pid, count(*) as n from job_runs group by pid order by pid`);
    const counts = Object.fromEntries(perProcess.map((r) => [Number(r.pid), Number(r.n)]));
    expect(Object.keys(counts).map(Number).sort()).toEqual([a!.pid, b!.pid].sort());
    expect(counts[a!.pid]).toBeGreaterThan(0);
    expect(counts[b!.pid]).toBeGreaterThan(0);
    expect(counts[a!.pid]! + counts[b!.pid]!).toBe(JOBS);
    console.info(`two processes, ${JOBS} jobs: ${counts[a!.pid]} run by process A, ${counts[b!.pid]} by process B, ${Number(runs[0]!.runs)} runs in all`);
  });

  it("a node killed mid-job: its job is run by another node once the lease has ended, not before", async () => {
    const leaseMs = 1500;
    const node = await startNode(database.url!, { LEASE_MS: String(leaseMs) });
    nodes.push(node);
    await scheduleJob(database.db, { kind: "test.hang", key: "test.hang:1" });
    const status = async () => (await database.db.select({ status: jobs.status }).from(jobs).where(eq(jobs.key, "test.hang:1")))[0]!.status;
    await expect.poll(status, { timeout: 30_000, interval: 20 }).toBe("running");
    // Its heartbeat keeps the lease while it lives.
    await new Promise((resolve) => setTimeout(resolve, leaseMs * 1.5));
    const ran: number[] = [];
    const takeOver = { "test.hang": { run: async (_db: unknown, _payload: unknown, job: { attempts: number }) => void ran.push(job.attempts) } };
    expect(await runDueJobs(database.db, takeOver)).toEqual({ done: 0, retried: 0, failed: 0 });

    node.child.kill("SIGKILL");
    expect(await node.exited).toBeNull();
    const killedAt = Date.now();
    await expect.poll(async () => (await runDueJobs(database.db, takeOver)).done, { timeout: 10_000, interval: 50 }).toBe(1);
    // The lease it last extended (a third of a lease before at most) had to end first.
    const elapsed = Date.now() - killedAt;
    expect(elapsed).toBeGreaterThanOrEqual(leaseMs / 3);
    expect(elapsed).toBeLessThanOrEqual(leaseMs + 1000);
    expect(ran).toEqual([2]);
    const [row] = await database.db.select({ status: jobs.status, attempts: jobs.attempts }).from(jobs).where(and(eq(jobs.key, "test.hang:1")));
    expect(row).toEqual({ status: "done", attempts: 2 });
  });
});
