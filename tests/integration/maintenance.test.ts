import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { startPgliteMaintenance } from "~/db/maintenance.server";
import { createTestDatabase } from "../support/database";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

describe("PGlite's maintenance pass", () => {
  it("vacuums and analyzes on PGlite every period, and leaves PostgreSQL to its autovacuum", async () => {
    const counts = async () =>
      (await database.query<{ vacuums: number | string; analyzes: number | string }>("select vacuum_count as vacuums, analyze_count as analyzes from pg_stat_user_tables where relname = 'places'"))[0];
    const before = await counts();
    const stop = startPgliteMaintenance(database, { everyMs: 200 });
    if (database.kind === "pglite") {
      await expect.poll(async () => Number((await counts()).vacuums), { timeout: 10_000 }).toBeGreaterThan(Number(before.vacuums));
      stop();
      expect(Number((await counts()).analyzes)).toBeGreaterThan(Number(before.analyzes));
    } else {
      stop();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(Number((await counts()).vacuums)).toBe(Number(before.vacuums));
    }
  });
});
