/**
 * The importer's likely duplicates (findLikelyDuplicates): which places of other sources
 * count as the same place as one just imported, and which do not. Each test starts with no
 * place and makes the few it needs with the factories, in Vierzon unless said.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { places } from "~/db/schema";
import { createPlace, type PlaceOverrides } from "~/features/demo/factories.server";
import { findLikelyDuplicates } from "~/features/places/import.server";
import { createTestDatabase } from "../support/database";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());
beforeEach(async () => {
  await database.db.delete(places);
});

/** Vierzon's médiathèque as two producers publish it. */
const MEDIATHEQUE = { name: "Médiathèque Jean Cocteau", address: "12 rue des Ponts", commune: "Vierzon", latitude: 47.2221, longitude: 2.0689 };
const CITY = "Mairie de Vierzon";
const HUB = "Hub numérique du Cher";

const place = (overrides: PlaceOverrides) => createPlace(database.db, { ...MEDIATHEQUE, source: HUB, ...overrides });
const duplicatesOf = (...ids: string[]) => findLikelyDuplicates(database.db, ids);

describe("likely duplicates of imported places", () => {
  it("pairs the same place published by two sources (name, address and position), both kept as they are", async () => {
    const city = await place({ source: CITY });
    const hub = await place({ source: HUB });
    expect(await duplicatesOf(hub.id)).toEqual([
      {
        placeId: hub.id, name: MEDIATHEQUE.name, source: HUB, otherId: city.id, otherName: MEDIATHEQUE.name, otherSource: CITY,
        reason: "Même commune, noms proches (100 %), adresses proches (100 %), à 0 m",
      },
    ]);
    // Reported, never merged.
    expect(await database.db.select({ id: places.id }).from(places)).toHaveLength(2);
  });

  it("pairs a similar name in the same commune, even at another address and far away", async () => {
    const city = await place({ source: CITY });
    const hub = await place({ name: "Mediatheque Jean-Cocteau", address: "Place de l'Hôtel de Ville", latitude: 47.24 });
    const [found, ...more] = await duplicatesOf(hub.id);
    expect(more).toEqual([]);
    expect(found).toMatchObject({ placeId: hub.id, otherId: city.id });
    expect(found!.reason).toMatch(/^Même commune, noms proches \(\d+ %\)$/);
  });

  it("pairs the same address under another name", async () => {
    const city = await place({ source: CITY, name: "Espace public numérique", latitude: null, longitude: null });
    const hub = await place({ name: "Cyber-base municipale", latitude: null, longitude: null });
    expect(await duplicatesOf(hub.id)).toEqual([expect.objectContaining({ placeId: hub.id, otherId: city.id, reason: "Même commune, adresses proches (100 %)" })]);
  });

  it("pairs two places less than about 100 m apart whatever their names and addresses", async () => {
    const city = await place({ source: CITY, name: "Point numérique de la gare", address: "Avenue de la République" });
    // 0.0004° of latitude north: about 44 m.
    const hub = await place({ name: "Bibliothèque des Forges", address: "2 rue Voltaire", latitude: MEDIATHEQUE.latitude + 0.0004 });
    expect(await duplicatesOf(hub.id)).toEqual([expect.objectContaining({ placeId: hub.id, otherId: city.id, reason: "Même commune, à 44 m" })]);
  });

  it("does not pair places of another commune, even with the same name, address and position", async () => {
    await place({ source: CITY, commune: "Bourges" });
    const hub = await place({});
    expect(await duplicatesOf(hub.id)).toEqual([]);
  });

  it("does not pair places of the same source (a source's own places are its business)", async () => {
    await place({ source: HUB });
    const hub = await place({ source: HUB });
    expect(await duplicatesOf(hub.id)).toEqual([]);
  });

  it("does not pair places of the same commune with other names and addresses, far apart", async () => {
    await place({ source: CITY, name: "Maison France Services", address: "3 place de la Libération", latitude: 47.2 });
    const hub = await place({ name: "Fablab des Forges", address: "8 avenue Henri Brisson", latitude: 47.24 });
    expect(await duplicatesOf(hub.id)).toEqual([]);
  });

  it("does not take two places for one because both stand at the commune's reference point", async () => {
    // No coordinates given: both get Vierzon's point, marked as coming from the commune.
    const city = await place({ source: CITY, name: "Maison France Services", address: "3 place de la Libération", latitude: undefined, longitude: undefined });
    const hub = await place({ name: "Fablab des Forges", address: "8 avenue Henri Brisson", latitude: undefined, longitude: undefined });
    expect([city.coordinatesFrom, hub.coordinatesFrom]).toEqual(["commune", "commune"]);
    expect([hub.latitude, hub.longitude]).toEqual([city.latitude, city.longitude]);
    expect(await duplicatesOf(hub.id)).toEqual([]);
  });

  it("looks only from the places it is given (those an import wrote)", async () => {
    const city = await place({ source: CITY });
    const hub = await place({ source: HUB });
    expect(await duplicatesOf()).toEqual([]);
    expect((await duplicatesOf(city.id)).map((d) => [d.placeId, d.otherId])).toEqual([[city.id, hub.id]]);
  });
});
