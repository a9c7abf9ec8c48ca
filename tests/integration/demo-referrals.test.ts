/**
 * The demo's referrals: two partner organisations of the demo network with an adviser each, and
 * referrals in every status made by the feature's own commands (the booking's attendance and the
 * help record moving them) — once, with past events marked as told.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { queryRows } from "~/db/client.server";
import { REFERRAL_STATUSES, users } from "~/db/schema";
import { DEMO_PARTNER_ACCOUNTS, seedDemoReferrals } from "~/features/demo/demo-referrals.server";
import { DEMO_ACCOUNTS } from "~/features/demo/demo.server";
import { attachToNetwork, createLabelGrant, createNetwork, createPlace, createResource, createStaffUser, createWorkshop } from "~/features/demo/factories.server";
import { loadPrincipal } from "~/features/accounts/users.server";
import { createTestDatabase } from "../support/database";

let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  const network = await createNetwork(database.db, { slug: "demo-orientations", isDemo: true });
  const ids: string[] = [];
  for (const name of ["A EPN de démonstration", "B EPN de démonstration"]) {
    const place = await createPlace(database.db, { name, openingHours: "Mo-Su 00:00-24:00" });
    await createLabelGrant(database.db, { placeId: place.id, networkId: network.id });
    await attachToNetwork(database.db, { placeId: place.id, networkId: network.id });
    await createResource(database.db, { placeId: place.id, minMinutes: 60, maxMinutes: 60, gridMinutes: 60 });
    ids.push(place.id);
  }
  await createStaffUser(database.db, { ...DEMO_ACCOUNTS.mediator, role: "mediator", placeId: ids[0]! });
  await createWorkshop(database.db, { placeId: ids[0]!, sessions: [new Date(Date.now() + 2 * 86_400_000)] });
});

afterAll(async () => {
  await database?.close();
});

describe("the demo's referrals", () => {
  it("makes referrals in every status once, for two partners whose advisers can sign in", async () => {
    expect(await seedDemoReferrals(database.db)).toBe(13);
    expect(await seedDemoReferrals(database.db)).toBe(0);
    const statuses = (await queryRows(database.db, sql`select distinct status from referrals`)).map((r) => String(r.status)).sort();
    expect(statuses).toEqual([...REFERRAL_STATUSES].sort());
    for (const account of Object.values(DEMO_PARTNER_ACCOUNTS)) {
      const [user] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, account.email));
      const loaded = await loadPrincipal(database.db, user!.id);
      expect(loaded!.principal.memberships).toEqual([expect.objectContaining({ role: "partner" })]);
    }
    // Past events are history: no notice waits for them; today's do.
    const [pending] = await queryRows(database.db, sql`select count(*)::int as n from jobs where kind = 'referral.notice' and status = 'pending'`);
    const [recent] = await queryRows(database.db, sql`select count(*)::int as n from referral_events where noticed_at is null`);
    expect(Number(pending!.n)).toBe(Number(recent!.n));
    expect(Number(recent!.n)).toBeLessThan(10);
  });
});
