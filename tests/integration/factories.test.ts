/**
 * The factories make rows like the application's own: what the tests and the demo build on.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { loadPrincipal } from "~/features/accounts/users.server";
import { buildPlace, createNetwork, createPlace, createStaffUser, createStop, createWorkshop, DEFAULT_OPENING_HOURS } from "~/features/demo/factories.server";
import { weekMultirange } from "~/features/hours/weekly-slots";
import { foldText } from "~/lib/text";
import { createTestDatabase } from "../support/database";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

describe("createPlace", () => {
  it("writes a published place with its derived columns, a unique slug and import key", async () => {
    const first = await createPlace(database.db, { name: "Espace Numérique Alpha" });
    const second = await createPlace(database.db, { name: "Espace Numérique Alpha" });
    expect(first).toMatchObject({ slug: "espace-numerique-alpha-bourges", status: "published", commune: "Bourges", postcode: "18000", inseeCode: "18033", coordinatesFrom: "source" });
    expect(second.slug).toBe("espace-numerique-alpha-bourges-2");
    expect(second.sourceId).not.toBe(first.sourceId);
    expect(first.searchText).toBe(foldText("Espace Numérique Alpha Bourges"));
    expect(first.openingHours).toBe(DEFAULT_OPENING_HOURS);
    expect(first.weekHours).toBe(weekMultirange(DEFAULT_OPENING_HOURS));
    expect(first.knnPoint).not.toBeNull();
    const closed = await createPlace(database.db, { openingHours: null });
    expect([closed.openingHours, closed.weekHours]).toEqual([null, null]);
  });

  it("fills a commune's codes, time zone and reference point from the offline communes", async () => {
    expect(await createPlace(database.db, { commune: "Tours" })).toMatchObject({ postcode: "37000", inseeCode: "37261", timeZone: "Europe/Paris", coordinatesFrom: "commune" });
    const overseas = await createPlace(database.db, { commune: "Fort-de-France", latitude: 14.6, longitude: -61.07 });
    expect(overseas).toMatchObject({ inseeCode: "97209", timeZone: "America/Martinique", latitude: 14.6, coordinatesFrom: "source" });
  });

  it("has the same columns as buildPlace's row, which writes nothing", async () => {
    const built = buildPlace({ name: "Sans base" });
    const created = await createPlace(database.db, { name: "Avec base" });
    expect(Object.keys(built).sort()).toEqual(Object.keys(created).sort());
    expect(built.knnPoint).toBe(`(${built.longitude},${built.latitude! * 1.45})`);
  });
});

describe("createStaffUser", () => {
  it("makes an account with its role, or without one", async () => {
    const network = await createNetwork(database.db);
    const coordinator = await createStaffUser(database.db, { role: "coordinator", networkId: network.id });
    expect((await loadPrincipal(database.db, coordinator.id))!.principal).toMatchObject({ isPlatformAdmin: false, memberships: [{ role: "coordinator", networkId: network.id }] });
    const admin = await createStaffUser(database.db, { isPlatformAdmin: true, email: "Admin@Exemple.fr" });
    expect(admin.email).toBe("admin@exemple.fr");
    expect((await loadPrincipal(database.db, admin.id))!.principal).toMatchObject({ isPlatformAdmin: true, memberships: [] });
  });
});

describe("createWorkshop and createStop", () => {
  it("writes a series and its sessions placed where they happen: the place, the stop, nowhere online", async () => {
    const place = await createPlace(database.db, { name: "Bus numérique", itinerance: ["Itinérant"] });
    const stop = await createStop(database.db, { placeId: place.id });
    const starts = new Date("2027-01-05T08:00:00Z");
    const atPlace = await createWorkshop(database.db, { placeId: place.id, sessions: [starts] });
    const atStop = await createWorkshop(database.db, { placeId: place.id, kind: "visit", registration: "none", capacity: null, location: "stop", stopId: stop.id, sessions: [starts] });
    const online = await createWorkshop(database.db, { placeId: place.id, location: "online", onlineUrl: "https://visio.example.fr/a", sessions: [starts] });
    const rows = await database.query<{ id: string; knn_point: string | null; capacity: number | null; ends_at: Date }>(
      "select id, knn_point::text, capacity, ends_at from workshop_sessions where workshop_id = any($1::uuid[])",
      [[atPlace.workshop.id, atStop.workshop.id, online.workshop.id]],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(atPlace.sessionIds[0]!)).toMatchObject({ knn_point: place.knnPoint, capacity: 8 });
    expect(new Date(byId.get(atPlace.sessionIds[0]!)!.ends_at).toISOString()).toBe("2027-01-05T10:00:00.000Z");
    expect(byId.get(atStop.sessionIds[0]!)).toMatchObject({ knn_point: stop.knnPoint, capacity: null });
    expect(byId.get(online.sessionIds[0]!)!.knn_point).toBeNull();
  });
});
