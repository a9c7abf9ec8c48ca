/**
 * The nearest places with a free computer station (app/features/scheduling/nearby.server.ts),
 * on the test database: nearest first by true distance; a place whose stations are all taken,
 * closed, staff-only or not stations is passed over; the limit holds; the window is the days asked.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { createBookingRow, createPlace, createResource } from "~/features/demo/factories.server";
import { nearestWithFreeStation } from "~/features/scheduling/nearby.server";
import { createTestDatabase } from "../support/database";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

/** Monday 7 December 2026, 8 h in Paris (UTC+1). */
const NOW = Date.parse("2026-12-07T07:00:00Z");
const at = (hhmm: string, day: string) => new Date(`${day}T${hhmm}:00+01:00`);
const HOURS = "Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00";
/** Around Lyon (45.76, 4.84), each place `km` kilometres north of it (a degree of latitude ≈ 111.2 km). */
const ORIGIN = { latitude: 45.76, longitude: 4.84 };
const north = (km: number) => ({ latitude: ORIGIN.latitude + km / 111.195, longitude: ORIGIN.longitude });

async function place(name: string, km: number, options: { hours?: string | null } = {}) {
  return createPlace(database.db, { name, ...north(km), openingHours: options.hours === undefined ? HOURS : options.hours, commune: "Lyon", postcode: "69001", inseeCode: "69381" });
}

describe("nearest places with a free computer station", () => {
  it("keeps the nearest places where a public station is free, passing over the others", async () => {
    const near = await place("Près", 1);
    await createResource(database.db, { placeId: near.id, kind: "station", minLeadMinutes: 60 });
    // Every station of this one is taken all week (Monday to Saturday), opening hours included.
    const full = await place("Complet", 2);
    const fullStation = await createResource(database.db, { placeId: full.id, kind: "station" });
    for (const day of ["2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-11"]) {
      await createBookingRow(database.db, { resource: fullStation, startsAt: at("09:00", day), minutes: 180 });
      await createBookingRow(database.db, { resource: fullStation, startsAt: at("14:00", day), minutes: 240 });
    }
    await createBookingRow(database.db, { resource: fullStation, startsAt: at("09:00", "2026-12-12"), minutes: 180 });
    // A room only; a station booked at the desk only; a place with no hours.
    const roomOnly = await place("Salle seulement", 3);
    await createResource(database.db, { placeId: roomOnly.id, kind: "room" });
    const deskOnly = await place("Au guichet", 4);
    await createResource(database.db, { placeId: deskOnly.id, kind: "station", publicOnline: false });
    const noHours = await place("Sans horaires", 5, { hours: null });
    await createResource(database.db, { placeId: noHours.id, kind: "station" });
    const far = await place("Plus loin", 30);
    const busy = await createResource(database.db, { placeId: far.id, kind: "station", position: 1 });
    const other = await createResource(database.db, { placeId: far.id, kind: "station", position: 2 });
    await createBookingRow(database.db, { resource: busy, startsAt: at("09:00", "2026-12-07"), minutes: 180 });

    const found = await nearestWithFreeStation(database.db, { ...ORIGIN, limit: 10, days: 7, now: NOW });
    expect(found.map((f) => f.place.name)).toEqual(["Près", "Plus loin"]);
    expect(found[0]!.distanceMetres).toBeGreaterThan(950);
    expect(found[0]!.distanceMetres).toBeLessThan(1050);
    // 8 h: the first start is at opening, 9 h (lead time 60 minutes).
    expect(found[0]!.first.start).toBe(at("09:00", "2026-12-07").getTime());
    // The first station is taken until noon, the other is free at 9 h.
    expect(found[1]!).toMatchObject({ resourceId: other.id, freeStations: 2, first: { start: at("09:00", "2026-12-07").getTime() } });

    expect((await nearestWithFreeStation(database.db, { ...ORIGIN, limit: 1, days: 7, now: NOW })).map((f) => f.place.name)).toEqual(["Près"]);
  });

  it("looks only as far as the days asked, and past the first page of candidates", async () => {
    // Far from the first test's places: 30 places with one station each, all taken on Tuesday 15 December only.
    const origin = { latitude: 43.3, longitude: 5.37 };
    const list = [];
    for (let i = 0; i < 30; i++) {
      const p = await createPlace(database.db, { name: `Marseille ${i}`, latitude: origin.latitude + (i + 1) / 111.195, longitude: origin.longitude, openingHours: "Tu 09:00-12:00" });
      list.push(await createResource(database.db, { placeId: p.id, kind: "station" }));
    }
    // The 25 nearest are taken; the last 5 are free.
    for (const r of list.slice(0, 25)) await createBookingRow(database.db, { resource: r, startsAt: at("09:00", "2026-12-15"), minutes: 180 });
    const now = Date.parse("2026-12-14T07:00:00Z"); // Monday
    const week = await nearestWithFreeStation(database.db, { ...origin, limit: 3, days: 7, now });
    expect(week.map((f) => f.place.name)).toEqual(["Marseille 25", "Marseille 26", "Marseille 27"]);
    // From Wednesday, for one day: Marseille's places (open on Tuesdays) are passed over, the search goes on to Lyon's (300 km).
    const wednesday = await nearestWithFreeStation(database.db, { ...origin, limit: 1, days: 1, now: Date.parse("2026-12-16T07:00:00Z") });
    expect(wednesday.map((f) => f.place.name)).toEqual(["Près"]);
  });
});
