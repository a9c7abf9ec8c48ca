import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { seedCommunes } from "~/features/communes/seed.server";
import { seedDemoIfEmpty } from "~/features/demo/demo.server";
import { parseDirectoryQuery } from "~/features/directory/query";
import { searchDirectory } from "~/features/directory/search.server";
import { createTestDatabase } from "../support/database";
import { REFERENCE } from "../support/reference";

let database: Database;
const search = (params: string, now = new Date("2026-11-24T10:00:00Z")) =>
  searchDirectory(database.db, parseDirectoryQuery(new URLSearchParams(params)), now);

beforeAll(async () => {
  database = await createTestDatabase();
  await seedCommunes(database.db);
  await seedDemoIfEmpty(database, path.dirname(REFERENCE));
});
afterAll(async () => database?.close());

describe("finding places near a commune", () => {
  it("accepts a commune name without accents, nearest first with true distances", async () => {
    const found = await search("q=chateauroux");
    expect(found.origin?.label).toBe("Châteauroux (36000)");
    expect(found.results[0].commune.toUpperCase()).toContain("CHATEAUROUX");
    const distances = found.results.map((r) => r.distanceMetres!);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(distances[0]).toBeLessThan(5000);
  });

  it("tolerates a typo and accepts a postcode or an INSEE code", async () => {
    expect((await search("q=chateaurou")).origin?.insee).toBe("36044");
    expect((await search("q=36000")).origin?.insee).toBe("36044");
    expect((await search("commune=45234")).origin?.label).toMatch(/^Orléans/);
    expect((await search("q=12 rue de la République 45000 Orléans")).origin?.insee).toBe("45234");
  });

  it("offers a choice when the input is ambiguous", async () => {
    const saintMartin = await search("q=Saint-Martin");
    expect(saintMartin.choices!.length).toBeGreaterThan(3);
    expect(saintMartin.choices!.every((c) => c.name.startsWith("Saint-Martin"))).toBe(true);
    expect((await search("q=18300")).choices!.length).toBeGreaterThan(1);
  });

  it("searches place names when the text is not a commune", async () => {
    const found = await search("q=bandits mages");
    expect(found.origin).toBeUndefined();
    expect(found.results[0].name).toBe("BANDITS MAGES");
  });

  it("explains an empty result", async () => {
    const found = await search("q=zzzqqqxxx");
    expect(found.total).toBe(0);
    expect(found.results).toEqual([]);
  });
});

describe("filters", () => {
  it("keeps only places offering every chosen service, free ones, labelled ones", async () => {
    const found = await search("q=Tours&services=Aide aux démarches administratives&gratuit=1");
    expect(found.total).toBeGreaterThan(0);
    for (const r of found.results) {
      expect(r.services).toContain("Aide aux démarches administratives");
      expect(r.fees).toContain("Gratuit");
    }
    const labelled = await search("q=Bourges&label=web-o-centre");
    expect(labelled.total).toBeGreaterThan(0);
    expect(labelled.results.every((r) => r.labelled)).toBe(true);
  });

  it("shows only places open now, in their own time zone", async () => {
    // Tuesday 24 November 2026, 11:00 in Paris.
    const found = await search("q=Bourges&ouvert=maintenant");
    expect(found.total).toBeGreaterThan(0);
    expect(found.results.every((r) => r.status.kind === "open")).toBe(true);
    // Sunday 3 a.m. in Paris: almost nothing is open.
    const night = await search("q=Bourges&ouvert=maintenant", new Date("2026-11-29T02:00:00Z"));
    expect(night.total).toBeLessThan(found.total);
  });

  it("filters on a day of the week", async () => {
    const saturday = await search("q=Orléans&ouvert=samedi");
    const all = await search("q=Orléans");
    expect(saturday.total).toBeGreaterThan(0);
    expect(saturday.total).toBeLessThan(all.total);
  });

  it("drops malformed filter values instead of failing", async () => {
    const found = await search("q=Tours&services=n'importe quoi&page=-3&lat=abc");
    expect(found.page).toBe(1);
    expect(found.total).toBeGreaterThan(0);
  });
});
