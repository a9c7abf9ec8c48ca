/**
 * Mobile EPN and their stops, on a fresh database: the stop commands (itinerant places only, the
 * commune settled offline, a bad commune or far coordinates refused with nothing written, audited),
 * a place's upcoming sessions and passages (cancelled sessions, unpublished or cancelled series and
 * deactivated stops hidden), and the passages near a position (exact distance, within the distance
 * and the date window, each stop once at its next passage, nearest first).
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { auditLog, stops, workshopSessions } from "~/db/schema";
import { createPlace, createStop, createWorkshop } from "~/features/demo/factories.server";
import { EARTH_RADIUS_METRES } from "~/features/directory/nearest";
import { nearbyVisits } from "~/features/workshops/nearby-stops.server";
import { addStop, editStop, listStops, nextVisitsByStop, setStopActive } from "~/features/workshops/stops.server";
import { nextVisits, upcomingSessionsOfPlace } from "~/features/workshops/upcoming.server";
import { createTestDatabase } from "../support/database";

let database: Database;
const ids = { mobile: "", fixed: "", other: "" };
const NOW = new Date("2026-01-02T08:00:00Z");
const day = (n: number, hour = 9) => new Date(NOW.getTime() + n * 86_400_000 + (hour - 9) * 3_600_000);
const mansle = { label: "Place du marché", address: "Place du Marché", postcode: "16230", commune: "Mansle", latitude: null, longitude: null };

const stopCount = async (placeId: string) => (await database.db.select({ id: stops.id }).from(stops).where(eq(stops.placeId, placeId))).length;
const auditCount = async (placeId: string) => (await database.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.placeId, placeId))).length;

function haversine(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }) {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.latitude - a.latitude) * rad) / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(((b.longitude - a.longitude) * rad) / 2) ** 2;
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.sqrt(h));
}

beforeAll(async () => {
  database = await createTestDatabase();
  ids.mobile = (await createPlace(database.db, { name: "Le bus numérique", commune: "Ruffec", postcode: "16700", itinerance: ["Itinérant"] })).id;
  ids.fixed = (await createPlace(database.db, { name: "Médiathèque", itinerance: ["Fixe"] })).id;
  ids.other = (await createPlace(database.db, { name: "Autre bus", itinerance: ["Itinérant", "Fixe"] })).id;
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe("the stop commands", () => {
  it("adds a stop to an itinerant place: commune settled offline, its coordinate by default, audited", async () => {
    // Mansle is now part of Mansle-les-Fontaines (INSEE 16206): the village's name is kept as typed.
    const result = await addStop(database.db, { placeId: ids.mobile, values: mansle, actorUserId: null });
    expect(result.kind).toBe("created");
    const [row] = await database.db.select().from(stops).where(eq(stops.id, (result as { id: string }).id));
    expect(row).toMatchObject({ placeId: ids.mobile, label: "Place du marché", commune: "Mansle", postcode: "16230", inseeCode: "16206", active: true });
    expect(row!.latitude).toBeGreaterThan(45.8);
    expect(row!.latitude).toBeLessThan(45.95);
    const [line] = await database.db.select().from(auditLog).where(and(eq(auditLog.entityId, row!.id), eq(auditLog.action, "stop.create")));
    expect(line).toMatchObject({ entityType: "stop", placeId: ids.mobile });
    // A commune's own name, typed in lower case: written as the reference spells it.
    const ruffec = await addStop(database.db, { placeId: ids.mobile, values: { ...mansle, postcode: "16700", commune: "ruffec" }, actorUserId: null });
    const [other] = await database.db.select().from(stops).where(eq(stops.id, (ruffec as { id: string }).id));
    expect(other).toMatchObject({ commune: "Ruffec", inseeCode: "16292" });
  });

  it("refuses a place that is not itinerant, a commune not found with its postcode, far coordinates — nothing written", async () => {
    const before = { fixed: await stopCount(ids.fixed), mobile: await stopCount(ids.mobile), audit: await auditCount(ids.mobile) };
    expect(await addStop(database.db, { placeId: ids.fixed, values: mansle, actorUserId: null })).toEqual({ kind: "not-itinerant" });
    expect(await addStop(database.db, { placeId: ids.mobile, values: { ...mansle, postcode: "18100" }, actorUserId: null })).toEqual({ kind: "commune-unknown" });
    expect(await addStop(database.db, { placeId: ids.mobile, values: { ...mansle, commune: "Nullepartville" }, actorUserId: null })).toEqual({ kind: "commune-unknown" });
    // Vierzon's coordinates for a stop in Mansle.
    expect(await addStop(database.db, { placeId: ids.mobile, values: { ...mansle, latitude: 47.22, longitude: 2.07 }, actorUserId: null })).toEqual({ kind: "far-from-commune", km: 30 });
    expect({ fixed: await stopCount(ids.fixed), mobile: await stopCount(ids.mobile), audit: await auditCount(ids.mobile) }).toEqual(before);
  });

  it("edits a stop of the place (the changes audited), not another place's; deactivates and reactivates it", async () => {
    const created = await addStop(database.db, { placeId: ids.mobile, values: { ...mansle, label: "Parking" }, actorUserId: null });
    const id = (created as { id: string }).id;
    const edited = await editStop(database.db, { placeId: ids.mobile, stopId: id, values: { ...mansle, label: "Parking de la mairie", latitude: 45.877, longitude: 0.18 }, actorUserId: null });
    expect(edited).toEqual({ kind: "saved", id });
    const [row] = await database.db.select().from(stops).where(eq(stops.id, id));
    expect(row).toMatchObject({ label: "Parking de la mairie", latitude: 45.877, longitude: 0.18 });
    const [line] = await database.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, "stop.update")));
    expect(line!.before).toMatchObject({ label: "Parking" });
    expect(line!.after).toMatchObject({ label: "Parking de la mairie", latitude: 45.877, longitude: 0.18 });

    expect(await editStop(database.db, { placeId: ids.other, stopId: id, values: mansle, actorUserId: null })).toEqual({ kind: "not-found" });
    expect(await editStop(database.db, { placeId: ids.mobile, stopId: "pas-un-uuid", values: mansle, actorUserId: null })).toEqual({ kind: "not-found" });

    expect(await setStopActive(database.db, { placeId: ids.other, stopId: id, active: false, actorUserId: null })).toBe("not-found");
    expect(await setStopActive(database.db, { placeId: ids.mobile, stopId: id, active: false, actorUserId: null })).toBe("saved");
    expect(await setStopActive(database.db, { placeId: ids.mobile, stopId: id, active: false, actorUserId: null })).toBe("unchanged");
    expect((await listStops(database.db, { placeId: ids.mobile, activeOnly: true })).map((s) => s.id)).not.toContain(id);
    expect(await setStopActive(database.db, { placeId: ids.mobile, stopId: id, active: true, actorUserId: null })).toBe("saved");
    const actions = (await database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id))).map((l) => l.action).sort();
    expect(actions).toEqual(["stop.create", "stop.deactivate", "stop.reactivate", "stop.update"]);
  });
});

describe("a place's upcoming sessions and passages", () => {
  let placeId = "";
  const titles = (list: { title: string }[]) => list.map((s) => s.title);

  beforeAll(async () => {
    placeId = (await createPlace(database.db, { name: "EPN mobile du Ruffécois", commune: "Ruffec", postcode: "16700", itinerance: ["Itinérant"] })).id;
    const stop = await createStop(database.db, { placeId, label: "Place du marché", commune: "Mansle" });
    const gone = await createStop(database.db, { placeId, label: "Ancien arrêt", commune: "Verteuil-sur-Charente", active: false });
    await createWorkshop(database.db, { placeId, title: "Passé", sessions: [day(-1)] });
    await createWorkshop(database.db, { placeId, title: "Créer son adresse e-mail", sessions: [day(2), day(9)], capacity: 8 });
    await createWorkshop(database.db, { placeId, title: "Brouillon", sessions: [day(1)], published: false });
    await createWorkshop(database.db, { placeId, title: "Série annulée", sessions: [day(1)], cancelledAt: NOW });
    const cancelled = await createWorkshop(database.db, { placeId, title: "Séance annulée", sessions: [day(1)] });
    await database.db.update(workshopSessions).set({ status: "cancelled", cancelledAt: NOW }).where(eq(workshopSessions.id, cancelled.sessionIds[0]!));
    await createWorkshop(database.db, { placeId, title: "Permanence démarches", kind: "dropin", registration: "none", capacity: null, sessions: [day(3)] });
    await createWorkshop(database.db, { placeId, title: "Atelier à l'arrêt", location: "stop", stopId: stop.id, sessions: [day(4)] });
    await createWorkshop(database.db, { placeId, title: "Passage du bus", kind: "visit", location: "stop", stopId: stop.id, registration: "none", capacity: null, sessions: [day(1), day(8), day(15)] });
    await createWorkshop(database.db, { placeId, title: "Passage à l'ancien arrêt", kind: "visit", location: "stop", stopId: gone.id, registration: "none", capacity: null, sessions: [day(2)] });
  });

  it("lists the next sessions of published series, not cancelled ones, not drafts, not visits, in time order", async () => {
    const list = await upcomingSessionsOfPlace(database.db, { placeId, limit: 5, now: NOW });
    expect(titles(list)).toEqual(["Créer son adresse e-mail", "Permanence démarches", "Atelier à l'arrêt", "Créer son adresse e-mail"]);
    expect(list[0]).toMatchObject({ capacity: 8, seatsTaken: 0, registration: "session", stop: null, online: false });
    expect(list[2]!.stop).toEqual({ commune: "Mansle", label: "Place du marché" });
    expect(titles(await upcomingSessionsOfPlace(database.db, { placeId, limit: 2, now: NOW }))).toEqual(["Créer son adresse e-mail", "Permanence démarches"]);
  });

  it("lists the next passages at the active stops, in time order", async () => {
    const list = await nextVisits(database.db, { placeId, limit: 5, now: NOW });
    expect(list.map((v) => [v.title, v.startsAt.toISOString()])).toEqual([
      ["Passage du bus", day(1).toISOString()],
      ["Atelier à l'arrêt", day(4).toISOString()],
      ["Passage du bus", day(8).toISOString()],
      ["Passage du bus", day(15).toISOString()],
    ]);
    expect(list[0]).toMatchObject({ commune: "Mansle", label: "Place du marché" });
  });

  it("gives the staff every stop's next sessions, cancelled and unpublished included, a few per stop", async () => {
    const byStop = await nextVisitsByStop(database.db, { placeId, now: NOW, perStop: 2 });
    const all = [...byStop.values()].flat();
    expect(all.map((v) => v.title).sort()).toEqual(["Atelier à l'arrêt", "Passage du bus", "Passage à l'ancien arrêt"]);
  });
});

describe("passages near a position", () => {
  const origin = { latitude: 47.0, longitude: 1.0 };
  const north = (km: number) => ({ latitude: origin.latitude + km / ((EARTH_RADIUS_METRES / 1000) * (Math.PI / 180)), longitude: origin.longitude });
  const ids2: Record<string, string> = {};

  beforeAll(async () => {
    const placeId = (await createPlace(database.db, { name: "Bus du Berry", commune: "Vierzon", postcode: "18100", itinerance: ["Itinérant"] })).id;
    const hidden = (await createPlace(database.db, { name: "Bus caché", commune: "Vierzon", postcode: "18100", itinerance: ["Itinérant"], status: "unpublished" })).id;
    const at = async (label: string, where: { latitude: number; longitude: number }, sessions: Date[], options: { placeId?: string; active?: boolean } = {}) => {
      const stop = await createStop(database.db, { placeId: options.placeId ?? placeId, label, commune: "Vierzon", ...where, active: options.active ?? true });
      ids2[label] = stop.id;
      const series = await createWorkshop(database.db, { placeId: options.placeId ?? placeId, title: `Passage ${label}`, kind: "visit", location: "stop", stopId: stop.id, registration: "none", capacity: null, sessions });
      return series;
    };
    await at("A 9,99 km", north(9.99), [day(5), day(2)]);
    await at("B 3 km", north(3), [day(20)]);
    await at("C 10,01 km", north(10.01), [day(1)]);
    // East, on the parallel: the box in longitude must hold it.
    await at("D 7 km est", { latitude: origin.latitude, longitude: origin.longitude + 7 / (111.195 * Math.cos((origin.latitude * Math.PI) / 180)) }, [day(3)]);
    await at("E hors fenêtre", north(1), [day(31), day(-1)]);
    await at("F désactivé", north(2), [day(2)], { active: false });
    await at("G lieu non publié", north(2), [day(2)], { placeId: hidden });
    const cancelled = await at("H séance annulée", north(2.5), [day(2)]);
    await database.db.update(workshopSessions).set({ status: "cancelled" }).where(eq(workshopSessions.id, cancelled.sessionIds[0]!));
  });

  const within = (km: number, limit = 5) => nearbyVisits(database.db, { ...origin, km, from: NOW, to: day(30, 8), limit });

  it("finds each stop once, at its next passage within the date window, nearest first, within the distance", async () => {
    const list = await within(10);
    expect(list.map((v) => v.label)).toEqual(["B 3 km", "D 7 km est", "A 9,99 km"]);
    const a = list.find((v) => v.label === "A 9,99 km")!;
    expect(a.startsAt.toISOString()).toBe(day(2).toISOString());
    expect(a).toMatchObject({ placeName: "Bus du Berry", commune: "Vierzon", timeZone: "Europe/Paris" });
  });

  it("gives the exact great-circle distance", async () => {
    for (const v of await within(10)) {
      expect(v.distanceMetres).not.toBeNull();
      expect(Math.abs(v.distanceMetres! - haversine(origin, v))).toBeLessThan(0.01);
    }
    const b = (await within(10)).find((v) => v.label === "B 3 km")!;
    expect(Math.abs(b.distanceMetres! - 3000)).toBeLessThan(1);
  });

  it("keeps to the distance, the window and the limit", async () => {
    expect((await within(11)).map((v) => v.label)).toEqual(["B 3 km", "D 7 km est", "A 9,99 km", "C 10,01 km"]);
    expect((await within(5)).map((v) => v.label)).toEqual(["B 3 km"]);
    expect((await within(11, 2)).map((v) => v.label)).toEqual(["B 3 km", "D 7 km est"]);
    const soon = await nearbyVisits(database.db, { ...origin, km: 11, from: NOW, to: day(4), limit: 5 });
    expect(soon.map((v) => v.label)).toEqual(["D 7 km est", "A 9,99 km", "C 10,01 km"]);
  });

  it("without a position, gives the soonest passages anywhere (the whole map)", async () => {
    const list = await nearbyVisits(database.db, { latitude: null, longitude: null, km: 0, from: NOW, to: day(30, 8), limit: 100 });
    expect(list.every((v) => v.distanceMetres === null)).toBe(true);
    expect(list.map((v) => v.label)).toContain("Place du marché");
    expect(list.map((v) => v.label)).not.toContain("F désactivé");
    expect(list.map((v) => v.label)).not.toContain("G lieu non publié");
  });
});
