/**
 * Killing the server during bookings leaves no half booking. The real server (PGlite, or
 * PostgreSQL with TEST_DATABASE_URL) takes 25 concurrent bookings through the API and is killed
 * (SIGKILL) while they run. Then the database is read directly: every booking that exists has
 * its confirmation SMS in the outbox (written in the same transaction), none overlaps another,
 * and the server starts again on the same data.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase, queryRows } from "~/db/client.server";
import { createPlace, createResource } from "~/features/demo/factories.server";
import { createPostgresDatabase } from "../support/database";
import { startServer } from "../support/server";

describe("a server killed during bookings", () => {
  it("leaves whole bookings or none", async () => {
    const pg = process.env.TEST_DATABASE_URL ? await createPostgresDatabase("epn_crash") : null;
    const target = pg ? { databaseUrl: pg.url } : { dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "epn-crash-")) };
    const open = () => openDatabase(pg ? { databaseUrl: pg.url } : { dataDir: target.dataDir! });
    try {
      const setup = await open();
      const place = await createPlace(setup.db, { slug: "lieu-crash", openingHours: "24/7" });
      for (let i = 0; i < 3; i++) await createResource(setup.db, { placeId: place.id, minMinutes: 30, maxMinutes: 30, gridMinutes: 30, minLeadMinutes: 0 });
      await setup.close();

      const server = await startServer({ ...target, databaseUrl: pg?.url ?? null, env: { DEMO: "off" } });
      const start = Math.ceil((Date.now() + 2 * 3_600_000) / 1_800_000) * 1_800_000;
      const attempts = Array.from({ length: 25 }, (_, i) =>
        fetch(`${server.url}/api/v1/reservations`, {
          method: "POST",
          headers: { "content-type": "application/json", "idempotency-key": `crash-${i}-${"x".repeat(16)}` },
          body: JSON.stringify({ lieu: "lieu-crash", ressource: "ordinateur", debut: new Date(start + (i % 8) * 1_800_000).toISOString(), prenom: `Personne ${i}`, telephone: `06 12 00 00 ${String(i).padStart(2, "0")}` }),
        }).then((r) => r.status, () => "coupé"),
      );
      // Kill it while the requests run (after the first answer).
      await Promise.race(attempts);
      await server.stop("SIGKILL");
      const outcomes = await Promise.all(attempts);
      expect(outcomes.some((o) => o === 201)).toBe(true);

      const after = await open();
      const half = await queryRows(
        after.db,
        sql`select b.id from bookings b where not exists (select 1 from sms_outbox s where s.to_number = b.phone)`,
      );
      expect(half).toEqual([]);
      const overlaps = await queryRows(
        after.db,
        sql`select a.id from bookings a join bookings b on a.resource_id = b.resource_id and a.id < b.id and a.during && b.during where a.status <> 'cancelled' and b.status <> 'cancelled'`,
      );
      expect(overlaps).toEqual([]);
      const [count] = await queryRows(after.db, sql`select count(*)::int as n from bookings`);
      expect(Number(count!.n)).toBeGreaterThan(0);
      await after.close();

      // It starts again on the same data.
      const again = await startServer({ ...target, databaseUrl: pg?.url ?? null, env: { DEMO: "off" } });
      expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
      expect(await again.stop()).toBe(0);
    } finally {
      await pg?.drop();
    }
  }, 240_000);
});
