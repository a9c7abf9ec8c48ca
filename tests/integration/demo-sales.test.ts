/**
 * The demo's till: tariffs and a month of sales made through the feature's own commands at the
 * first two demo places — memberships, credit, a correction, closed days with their count, the
 * last working day left open at the first place and today open — once, with receipt numbers
 * without a gap.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { queryRows } from "~/db/client.server";
import { seedDemoSales } from "~/features/demo/demo-sales.server";
import { createLabelGrant, createNetwork, createPlace } from "~/features/demo/factories.server";
import { sql } from "drizzle-orm";
import { createTestDatabase } from "../support/database";

let database: Database;
const ids: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const network = await createNetwork(database.db, { slug: "demo-caisse", isDemo: true });
  for (const name of ["A EPN de démonstration", "B EPN de démonstration"]) {
    const place = await createPlace(database.db, { name });
    await createLabelGrant(database.db, { placeId: place.id, networkId: network.id });
    ids.push(place.id);
  }
});

afterAll(async () => {
  await database?.close();
});

describe("the demo's till", () => {
  it("makes a month of sales once, with memberships, credit, a correction and one past day left open", async () => {
    const made = await seedDemoSales(database.db);
    expect(made).toBeGreaterThan(150);
    expect(await seedDemoSales(database.db)).toBe(0);
    for (const placeId of ids) {
      const numbers = await queryRows(database.db, sql`select number from sales where place_id = ${placeId} order by year, number`);
      expect(numbers.map((r) => Number(r.number))).toEqual(numbers.map((_, i) => i + 1));
    }
    const [counts] = await queryRows(
      database.db,
      sql`select (select count(*) from place_memberships) as members, (select count(*) from credit_ledger) as movements,
        (select count(*) from sales where cancels_sale_id is not null) as corrections,
        (select count(*) from cash_days where closed_at is not null and counted_cash_cents <> expected_cash_cents) as differences`,
    );
    expect(Number(counts!.members)).toBeGreaterThan(5);
    expect(Number(counts!.movements)).toBeGreaterThan(5);
    expect(Number(counts!.corrections)).toBeGreaterThan(0);
    expect(Number(counts!.differences)).toBeGreaterThan(0);
    const open = await queryRows(database.db, sql`select place_id, business_date from cash_days where closed_at is null order by business_date`);
    // The first place: a past day to close and today; the second: today only.
    expect(open.filter((d) => d.place_id === ids[0])).toHaveLength(2);
    expect(open.filter((d) => d.place_id === ids[1])).toHaveLength(1);
  }, 120_000);
});
