/**
 * The demo's label: the « Web O Centre 2017-2020 » call decided in 2017 and the open renewal call
 * with applications in every state, reviews with scores, letters, an outside expert who can sign
 * in, labels ending soon — once, by the feature's own functions, and no mail flood at start.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { queryRows } from "~/db/client.server";
import { APPLICATION_STATES, applications, calls, decisionLetters, emailOutbox, users } from "~/db/schema";
import { DEMO_EXPERT, seedDemoCalls } from "~/features/demo/demo-calls.server";
import { DEMO_ACCOUNTS, DEMO_LABEL } from "~/features/demo/demo.server";
import { attachToNetwork, createLabelGrant, createNetwork, createPlace, createStaffUser } from "~/features/demo/factories.server";
import { createTestDatabase } from "../support/database";

let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  const network = await createNetwork(db, { slug: "demo-label", isDemo: true });
  const ids: string[] = [];
  for (let i = 0; i < 12; i++) {
    const place = await createPlace(db, { name: `EPN ${String.fromCharCode(65 + i)} de démonstration`, commune: `Commune ${i}` });
    await createLabelGrant(db, { placeId: place.id, networkId: network.id, label: DEMO_LABEL.label, themes: DEMO_LABEL.themes, validFrom: DEMO_LABEL.validFrom, validUntil: null });
    await attachToNetwork(db, { placeId: place.id, networkId: network.id });
    ids.push(place.id);
  }
  await createStaffUser(db, { ...DEMO_ACCOUNTS.coordinator, role: "coordinator", networkId: network.id });
  await createStaffUser(db, { ...DEMO_ACCOUNTS.manager, role: "manager", placeId: ids[0]! });
});

afterAll(async () => {
  await database?.close();
});

describe("the demo's label", () => {
  it("makes the decided 2017 call and the open renewal call with every state, once, without queuing their past mails", async () => {
    const { db } = database;
    const mailsBefore = (await db.select().from(emailOutbox)).length;
    expect(await seedDemoCalls(db)).toBe(1);
    expect(await seedDemoCalls(db)).toBe(0);
    const rows = await db.select({ title: calls.title, status: calls.status }).from(calls);
    expect(rows.map((r) => r.title).sort()).toEqual(["Web O Centre 2017-2020", "Web O Centre 2027-2030 : renouvellement et nouveaux lieux"]);
    const states = (await queryRows(db, sql`select distinct state from applications`)).map((r) => String(r.state)).sort();
    expect(states).toEqual([...APPLICATION_STATES].sort());
    // The demo manager's own place holds a draft.
    const [manager] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ACCOUNTS.manager.email));
    const drafts = await db.select().from(applications).where(eq(applications.createdBy, manager!.id));
    expect(drafts.map((d) => d.state)).toEqual(["draft"]);
    // Letters for every decision; reviews with scores; the expert can sign in.
    const decided = (await db.select().from(applications)).filter((a) => ["accepted", "refused", "closed"].includes(a.state));
    expect((await db.select().from(decisionLetters)).length).toBe(decided.length);
    const [{ n }] = (await queryRows(db, sql`select count(*)::int as n from application_reviews where submitted_at is not null`)) as [{ n: number }];
    expect(Number(n)).toBeGreaterThanOrEqual(5);
    const [expert] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.email, DEMO_EXPERT.email));
    expect(expert!.passwordHash).toBeTruthy();
    // Two labels end soon; past steps left no mail waiting.
    const [{ ending }] = (await queryRows(db, sql`select count(*)::int as ending from label_grants where valid_until between current_date and current_date + 90`)) as [{ ending: number }];
    expect(Number(ending)).toBe(2);
    expect((await db.select().from(emailOutbox)).length).toBe(mailsBefore);
  });
});
