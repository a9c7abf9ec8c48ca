import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { jobs } from "~/db/schema";
import { jobHandlers, pgliteMaintenanceHandler } from "~/jobs.server";
import { startJobWorker } from "~/features/jobs/worker.server";
import { createTestDatabase } from "../support/database";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

describe("PGlite's maintenance pass", () => {
  it("vacuums and analyzes on PGlite every period (a recurring job), and leaves PostgreSQL to its autovacuum", async () => {
    const counts = async () =>
      (await database.query<{ vacuums: number | string; analyzes: number | string }>("select vacuum_count as vacuums, analyze_count as analyzes from pg_stat_user_tables where relname = 'places'"))[0];
    const before = await counts();
    const wired = jobHandlers(database, { mailFrom: "Réseau EPN <ne-pas-repondre@exemple.fr>" });
    if (database.kind === "pglite") {
      expect(Object.keys(wired)).toContain("maintenance.pglite");
      const worker = startJobWorker(database.db, { handlers: { "maintenance.pglite": pgliteMaintenanceHandler(database, 200) }, pollMs: 50 });
      try {
        await expect.poll(async () => Number((await counts()).vacuums), { timeout: 10_000 }).toBeGreaterThan(Number(before.vacuums));
      } finally {
        await worker.stop();
      }
      expect(Number((await counts()).analyzes)).toBeGreaterThan(Number(before.analyzes));
      // One run done, the next one waiting: never two at once.
      const runs = await database.db.select({ status: jobs.status }).from(jobs).where(eq(jobs.kind, "maintenance.pglite"));
      expect(runs.filter((r) => r.status === "pending")).toHaveLength(1);
      expect(runs.filter((r) => r.status === "done").length).toBeGreaterThan(0);
    } else {
      expect(Object.keys(wired)).not.toContain("maintenance.pglite");
      const worker = startJobWorker(database.db, { handlers: wired, pollMs: 50 });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await worker.stop();
      expect(Number((await counts()).vacuums)).toBe(Number(before.vacuums));
    }
  });
});
