import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { seedCommunes } from "~/features/communes/seed.server";
import { seedDemoIfEmpty } from "~/features/demo/demo.server";
import { COUNT_CAP, parseDirectoryQuery } from "~/features/directory/query";
import { searchDirectory } from "~/features/directory/search.server";
import { openStatus } from "~/features/hours/open-now";
import { parseWeek, simpleWeekly } from "~/features/hours/weekly-hours";
import { weekMultirange } from "~/features/hours/weekly-slots";
import { createTestDatabase } from "../support/database";
import { REFERENCE } from "../support/reference";

let database: Database;
const search = (params: string, now = new Date("2026-11-24T10:00:00Z"), perPage?: number) =>
  searchDirectory(database.db, parseDirectoryQuery(new URLSearchParams(params)), now, perPage);
/** Around a position a total is only known on the last page: one page as large as the demo data counts everything. */
const ALL = 10_000;
const count = async (params: string, now?: Date) => {
  const found = await search(params, now, ALL);
  expect(found.hasNext).toBe(false);
  return found.total!;
};

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
    expect(found.results.length).toBeGreaterThan(0);
    expect(await count("q=Tours&services=Aide aux démarches administratives&gratuit=1")).toBeGreaterThan(0);
    for (const r of found.results) {
      expect(r.services).toContain("Aide aux démarches administratives");
      expect(r.fees).toContain("Gratuit");
    }
    const labelled = await search("q=Bourges&label=web-o-centre");
    expect(await count("q=Bourges&label=web-o-centre")).toBeGreaterThan(0);
    expect(labelled.results.every((r) => r.labelled)).toBe(true);
  });

  it("shows only places open now, in their own time zone", async () => {
    // Tuesday 24 November 2026, 11:00 in Paris.
    const found = await search("q=Bourges&ouvert=maintenant");
    expect(found.results.length).toBeGreaterThan(0);
    expect(found.results.every((r) => r.status.kind === "open")).toBe(true);
    const day = await count("q=Bourges&ouvert=maintenant");
    expect(day).toBeGreaterThan(0);
    // Sunday 3 a.m. in Paris: almost nothing is open.
    const night = await count("q=Bourges&ouvert=maintenant", new Date("2026-11-29T02:00:00Z"));
    expect(night).toBeLessThan(day);
  });

  it("filters on a day of the week", async () => {
    const saturday = await count("q=Orléans&ouvert=samedi");
    const all = await count("q=Orléans");
    expect(saturday).toBeGreaterThan(0);
    expect(saturday).toBeLessThan(all);
  });

  it("drops malformed filter values instead of failing", async () => {
    const found = await search("q=Tours&services=n'importe quoi&page=-3&lat=abc");
    expect(found.page).toBe(1);
    expect(found.results.length).toBeGreaterThan(0);
  });
});

/** Great-circle distance in metres (haversine), computed here independently of the SQL. */
function haversine(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 6371000 * 2 * Math.asin(Math.sqrt(a));
}

describe("nearest first, page after page, without counting", () => {
  it("gives the nearest places page after page, exactly in great-circle order, with no total until the last page", async () => {
    const params = "q=Bourges&services=Aide aux démarches administratives";
    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push(await search(`${params}&page=${page}`));
    for (const found of pages) {
      expect(found.total).toBeNull();
      expect(found.pages).toBeNull();
      expect(found.hasNext).toBe(true);
      expect(found.results).toHaveLength(20);
    }
    const listed = pages.flatMap((p) => p.results);
    expect(new Set(listed.map((r) => r.id)).size).toBe(60);
    // Every published place offering the service, ranked here by true distance: the pages are its first 60.
    const origin = pages[0].origin!;
    const candidates = await database.query<{ id: string; latitude: number; longitude: number }>(
      "select id, latitude, longitude from places where status = 'published' and latitude is not null and services @> array['Aide aux démarches administratives']",
    );
    const expected = candidates.map((c) => haversine(origin.latitude, origin.longitude, c.latitude, c.longitude)).sort((a, b) => a - b).slice(0, 60);
    const got = listed.map((r) => haversine(origin.latitude, origin.longitude, r.latitude!, r.longitude!));
    got.forEach((d, i) => expect(d).toBeCloseTo(expected[i], 3));
    expect(listed.map((r) => r.distanceMetres!)).toEqual(got.map((_, i) => listed[i].distanceMetres!).sort((a, b) => a - b));
  });

  it("is exact from anywhere: overseas, across the antimeridian, near a pole", async () => {
    const all = await database.query<{ id: string; latitude: number; longitude: number }>(
      "select id, latitude, longitude from places where status = 'published' and latitude is not null",
    );
    for (const [lat, lon] of [[14.6, -61.05], [-21.1, 179.5], [-20.9, 55.5], [85, 2], [46.2, 5.2]]) {
      const pages = [await search(`lat=${lat}&lon=${lon}`), await search(`lat=${lat}&lon=${lon}&page=2`)];
      const listed = pages.flatMap((p) => p.results);
      expect(listed).toHaveLength(40);
      const expected = all.map((c) => haversine(lat, lon, c.latitude, c.longitude)).sort((a, b) => a - b).slice(0, 40);
      listed.forEach((r, i) => expect(r.distanceMetres!, `${lat}, ${lon}: place ${i + 1}`).toBeCloseTo(expected[i], 3));
    }
  });

  it("keeps to a distance: every match within it, nearest first, and nothing beyond", async () => {
    const all = await database.query<{ latitude: number; longitude: number }>(
      "select latitude, longitude from places where status = 'published' and latitude is not null",
    );
    for (const [lat, lon, km] of [[14.6, -61.05, 10], [47.08, 2.4, 30], [-20.9, 55.5, 100]]) {
      const found = await search(`lat=${lat}&lon=${lon}&rayon=${km}`, undefined, ALL);
      const expected = all.map((c) => haversine(lat, lon, c.latitude, c.longitude)).filter((d) => d <= km * 1000).sort((a, b) => a - b);
      expect(found.total, `${lat}, ${lon}, ${km} km`).toBe(expected.length);
      expect(found.radiusKm).toBe(km);
      found.results.forEach((r, i) => expect(r.distanceMetres!).toBeCloseTo(expected[i], 3));
    }
    // Open now in La Réunion on a Tuesday at 23:00 there: nothing within 100 km (without a distance, places 9,000 km away).
    const night = new Date("2026-11-24T19:00:00Z");
    expect((await search("lat=-20.9&lon=55.5&ouvert=maintenant&rayon=100", night)).results).toEqual([]);
    expect((await search("lat=-20.9&lon=55.5&ouvert=maintenant", night)).results[0].distanceMetres).toBeGreaterThan(1_000_000);
  });

  it("gives the same pages when the index's candidates cannot prove the order (the exact box query answers)", async () => {
    for (const params of ["q=Bourges&services=Aide aux démarches administratives", "lat=14.6&lon=-61.05&ouvert=maintenant", "q=Tours&page=3"]) {
      const query = parseDirectoryQuery(new URLSearchParams(params));
      const now = new Date("2026-11-24T10:00:00Z");
      const usual = await searchDirectory(database.db, query, now);
      // As many candidates as places wanted: in a city, never enough to prove the order.
      const boxed = await searchDirectory(database.db, query, now, undefined, { candidates: (need) => need });
      expect(usual.results.length, params).toBeGreaterThan(0);
      expect(boxed.results.map((r) => r.id), params).toEqual(usual.results.map((r) => r.id));
      expect(boxed.hasNext).toBe(usual.hasNext);
    }
  });

  it("keeps the same order whatever the page size, and counts on the last page", async () => {
    const params = "q=Châteauroux&ouvert=mardi";
    const big = await search(params, undefined, 60);
    const small = [await search(`${params}&page=1`), await search(`${params}&page=2`), await search(`${params}&page=3`)];
    expect(small.flatMap((p) => p.results.map((r) => r.id))).toEqual(big.results.map((r) => r.id));

    const all = await search(params, undefined, ALL);
    expect(all.hasNext).toBe(false);
    expect(all.pages).toBe(1);
    expect(all.total).toBe(all.results.length);
    const lastPage = Math.ceil(all.total! / 20);
    const last = await search(`${params}&page=${lastPage}`);
    expect(last.hasNext).toBe(false);
    expect(last.total).toBe(all.total);
    expect(last.pages).toBe(lastPage);
    expect(last.results.map((r) => r.id)).toEqual(all.results.slice((lastPage - 1) * 20).map((r) => r.id));
    // Past the end: nothing listed, and the count (capped) says how many there are.
    const past = await search(`${params}&page=${lastPage + 5}`);
    expect(past.results).toEqual([]);
    expect(past.hasNext).toBe(false);
    expect(past.total).toBe(Math.min(all.total!, COUNT_CAP));
  });

  it("counts when everything fits on the first page", async () => {
    const found = await search("q=Bourges&label=web-o-centre", undefined, ALL);
    expect(found.total).toBe(found.results.length);
    expect(found.total).toBeGreaterThan(0);
    const none = await search("q=Bourges&services=Aide aux démarches administratives&accompagnement=Surdité&acces=Se présenter&gratuit=1&pmr=1&ouvert=dimanche");
    expect(none.results.length).toBe(none.total);
    expect(none.hasNext).toBe(false);
  });
});

describe("the stored week answers the common hours as the library does", () => {
  it("gives the same status with and without the stored week, for every stored value, at awkward and ordinary instants", async () => {
    const stored = await database.query<{ opening_hours: string; week: string | null; time_zone: string }>(
      "select distinct opening_hours, week_hours::text as week, time_zone from places where opening_hours is not null",
    );
    // Holidays (14 July, Ascension, Christmas, 22 May in Martinique), DST nights, a year's end, ordinary days.
    const days = ["2026-03-29", "2026-05-14", "2026-05-22", "2026-07-13", "2026-07-14", "2026-10-25", "2026-11-24", "2026-11-28", "2026-12-24", "2026-12-31"];
    let fast = 0;
    let compared = 0;
    const zones = ["Europe/Paris", "America/Martinique", "Indian/Reunion", "Pacific/Noumea"];
    for (const [i, row] of stored.entries()) {
      if (!row.week || !simpleWeekly(row.opening_hours)) continue;
      fast++;
      // The stored value, and the same week closed on public holidays in another zone (no real file says PH off).
      const cases = [
        { value: row.opening_hours, zone: row.time_zone, week: row.week },
        { value: `${row.opening_hours}; PH off`, zone: zones[i % zones.length], week: weekMultirange(`${row.opening_hours}; PH off`)! },
      ];
      // Each range's edges (a minute before, at, a minute after) and a few hours of a day, on two of the days.
      const minutes = new Set<number>([0, 420, 600, 750, 1080, 1439]);
      for (const [start, end] of parseWeek(row.week)!) for (const m of [start, end]) for (const d of [-1, 0, 1]) minutes.add(((m % 1440) + d + 1440) % 1440);
      for (const [k, { value, zone, week }] of cases.entries()) {
        const day = days[(i * 3 + k * 5) % days.length];
        // The zone's offset that day, read at noon: instants whose wall clock there is `minute`.
        const noon = new Date(`${day}T12:00:00Z`);
        const offset = new Date(noon.toLocaleString("en-US", { timeZone: zone })).getTime() - noon.getTime();
        for (const minute of minutes) {
          const now = new Date(new Date(`${day}T00:00:00Z`).getTime() + minute * 60_000 - offset);
          expect(openStatus(value, zone, now, { week }), `${value} | ${zone} | ${now.toISOString()}`).toEqual(openStatus(value, zone, now));
          compared++;
        }
      }
    }
    expect(fast / stored.length).toBeGreaterThan(0.9);
    expect(compared).toBeGreaterThan(10_000);
  });
});
