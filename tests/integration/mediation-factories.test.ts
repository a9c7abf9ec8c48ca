/**
 * The mediation tables' own checks, through the factories: La Coop's codes only, bits derived by
 * the database, counts that add up, consent before a name, erasure that leaves no identity.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "~/db/client.server";
import { createBeneficiary, createHelpRecord, createPlace } from "~/features/demo/factories.server";
import type { Database } from "~/db/client.server";
import { createTestDatabase } from "../support/database";

let t: Database;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe("mediation rows (the database's own checks)", () => {
  it("stores themes and equipment as La Coop's codes, and their bits for the figures", async () => {
    const place = await createPlace(t.db);
    const record = await createHelpRecord(t.db, { placeId: place.id, themes: ["Email", "AideAuxDemarchesAdministratives"], adminThemes: ["ArgentImpots"], equipment: ["Telephone"] });
    expect(record.themeBits).toBe(2 ** 5 | 2 ** 18);
    expect(record.adminThemeBits).toBe(2 ** 6);
    expect(record.equipmentBits).toBe(2);
  });

  it("refuses an unknown theme, administrative sub-themes without their theme, and counts that do not add up", async () => {
    const place = await createPlace(t.db);
    await expect(createHelpRecord(t.db, { placeId: place.id, themes: ["Inconnu"] })).rejects.toThrow();
    await expect(createHelpRecord(t.db, { placeId: place.id, themes: ["Email"], adminThemes: ["Logement"] })).rejects.toThrow();
    await expect(createHelpRecord(t.db, { placeId: place.id, genderMale: 1 })).rejects.toThrow();
    await expect(createHelpRecord(t.db, { placeId: place.id, status: "done", durationMinutes: null })).rejects.toThrow();
    await expect(createHelpRecord(t.db, { placeId: place.id, status: "draft", durationMinutes: null, placeKind: null })).resolves.toBeTruthy();
  });

  it("keeps a followed person only with their consent, and erased means every identity field gone", async () => {
    const place = await createPlace(t.db);
    await expect(createBeneficiary(t.db, { placeId: place.id, consentAt: null })).rejects.toThrow();
    const person = await createBeneficiary(t.db, { placeId: place.id, birthYear: 1950 });
    await expect(queryRows(t.db, sql`update beneficiaries set anonymised_at = now(), anonymised_reason = 'erasure', first_name = null where id = ${person.id}`)).rejects.toThrow();
    await queryRows(t.db, sql`update beneficiaries set anonymised_at = now(), anonymised_reason = 'erasure', first_name = null, last_name = null, birth_year = null where id = ${person.id}`);
  });
});
