/**
 * searchAgenda on a fresh database (both databases): the filters, the distance around a commune
 * exact at the edge of the index's box (a session inside the box's corner but outside the circle
 * is left out), cancelled sessions and unpublished places or series hidden, seats and prices in
 * words, places, stops and online sessions, and the count-free pager.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { queryRows } from "~/db/client.server";
import { seedCommunes } from "~/features/communes/seed.server";
import { attachToNetwork, createNetwork, createPlace, createStop, createWorkshop } from "~/features/demo/factories.server";
import { locate, type Origin } from "~/features/directory/locate.server";
import { addDays } from "~/features/time/calendar";
import { todayIn } from "~/features/time/today";
import { startOfDay } from "~/features/time/zone";
import { parseAgendaQuery, type AgendaQuery } from "~/features/workshops/agenda-query";
import { feedSessions, searchAgenda } from "~/features/workshops/agenda.server";
import { createTestDatabase } from "../support/database";

let database: Database;
let origin: Origin;
const now = new Date();
const today = todayIn("Europe/Paris", now);
/** 14:00 in Paris, `days` from today. */
const at = (days: number, hour = 14) => new Date(startOfDay("Europe/Paris", addDays(today, days)) + hour * 3_600_000);
const query = (params: Record<string, string> = {}): AgendaQuery => parseAgendaQuery(new URLSearchParams(params), today).query;
const titles = async (params: Record<string, string> = {}) => (await searchAgenda(database.db, query(params), { now })).entries.map((e) => e.title);

/** The point `metres` from the origin at `bearing` degrees (spherical Earth, as the haversine). */
function destination(o: Origin, metres: number, bearing: number) {
  const R = 6_371_000;
  const d = metres / R;
  const b = (bearing * Math.PI) / 180;
  const lat1 = (o.latitude * Math.PI) / 180;
  const lon1 = (o.longitude * Math.PI) / 180;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const lon2 = lon1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return { latitude: (lat2 * 180) / Math.PI, longitude: (lon2 * 180) / Math.PI };
}

const ids = { network: "", stopSession: "", fullSession: "" };

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  await seedCommunes(db);
  const found = await locate(db, { q: "Vierzon" });
  if (found.kind !== "origin") throw new Error("Vierzon not found");
  origin = found.origin;

  const network = await createNetwork(db, { slug: "reseau-cher", name: "Réseau du Cher" });
  ids.network = network.id;
  const here = await createPlace(db, { name: "Espace Vierzon", commune: "Vierzon", latitude: origin.latitude, longitude: origin.longitude });
  await attachToNetwork(db, { placeId: here.id, networkId: network.id });
  await createWorkshop(db, { placeId: here.id, title: "Créer son adresse e-mail", theme: "Email", level: "beginner", sessions: [at(1)], capacity: 8 });
  await createWorkshop(db, { placeId: here.id, title: "Sécuriser son smartphone", theme: "SecuriteNumerique", level: "intermediate", priceCents: 500, sessions: [at(2)] });
  await createWorkshop(db, { placeId: here.id, title: "Permanence démarches", kind: "dropin", registration: "none", capacity: null, theme: "AideAuxDemarchesAdministratives", sessions: [at(3, 9)] });
  await createWorkshop(db, { placeId: here.id, title: "Repair café", kind: "event", capacity: null, sessions: [at(4, 10)] });
  const full = await createWorkshop(db, { placeId: here.id, title: "Atelier complet", capacity: 2, priceCents: 250, sessions: [at(5)] });
  ids.fullSession = full.sessionIds[0]!;
  await queryRows(db, sql`update workshop_sessions set seats_taken = 2 where id = ${ids.fullSession}`);
  await createWorkshop(db, { placeId: here.id, title: "Visio : ameli.fr", location: "online", sessions: [at(6)] });
  // Far in time: outside the default 30 days.
  await createWorkshop(db, { placeId: here.id, title: "Dans deux mois", sessions: [at(60)] });
  // Hidden: a cancelled session, a cancelled series, an unpublished series, a past session.
  const cancelled = await createWorkshop(db, { placeId: here.id, title: "Séance annulée", sessions: [at(7)] });
  await queryRows(db, sql`update workshop_sessions set status = 'cancelled', cancelled_at = now() where id = ${cancelled.sessionIds[0]!}`);
  await createWorkshop(db, { placeId: here.id, title: "Série annulée", cancelledAt: new Date(), sessions: [at(7)] });
  await createWorkshop(db, { placeId: here.id, title: "Série brouillon", published: false, sessions: [at(7)] });
  await createWorkshop(db, { placeId: here.id, title: "Déjà passée", sessions: [at(-2)] });
  // Hidden: a place that is not published.
  const draft = await createPlace(db, { name: "Lieu en projet", commune: "Vierzon", status: "draft" });
  await createWorkshop(db, { placeId: draft.id, title: "Au lieu en projet", sessions: [at(1)] });

  // Around the commune, at the edge of 20 km: due north just inside and just outside; on the
  // diagonal, inside the box's corner but outside the circle.
  const ring = [
    { name: "Nord 19,9 km", metres: 19_900, bearing: 0 },
    { name: "Nord 20,1 km", metres: 20_100, bearing: 0 },
    { name: "Nord-est 19,9 km", metres: 19_900, bearing: 45 },
    { name: "Nord-est 21 km", metres: 21_000, bearing: 45 },
    { name: "Ouest 19,95 km", metres: 19_950, bearing: 270 },
    { name: "Ouest 20,05 km", metres: 20_050, bearing: 270 },
  ];
  for (const r of ring) {
    const p = destination(origin, r.metres, r.bearing);
    const place = await createPlace(db, { name: `Lieu ${r.name}`, latitude: p.latitude, longitude: p.longitude });
    await createWorkshop(db, { placeId: place.id, title: `Atelier ${r.name}`, theme: "Bureautique", sessions: [at(8)] });
  }
  // A mobile EPN far away whose stop is near Vierzon (12 km south).
  const bus = await createPlace(db, { name: "Bus numérique", commune: "Bourges" });
  const near = destination(origin, 12_000, 180);
  const stop = await createStop(db, { placeId: bus.id, label: "Place de l'église", commune: "Méreau", postcode: "18120", inseeCode: "18147", latitude: near.latitude, longitude: near.longitude });
  const visit = await createWorkshop(db, { placeId: bus.id, title: "Le bus numérique passe", kind: "visit", location: "stop", stopId: stop.id, registration: "none", capacity: null, sessions: [at(9, 9)] });
  ids.stopSession = visit.sessionIds[0]!;

  // 25 sessions of one series for the pager, on one day after the others.
  const many = await createPlace(db, { name: "Cyber-base Bourges" });
  await createWorkshop(db, { placeId: many.id, title: "Série longue", theme: "CultureNumerique", sessions: Array.from({ length: 25 }, (_, i) => at(20, 8 + i * 0.5)) });
  await queryRows(db, sql`analyze`);
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe("searchAgenda", () => {
  it("lists upcoming sessions of published series at published places, in start order, hiding the cancelled", async () => {
    const found = await titles();
    expect(found.slice(0, 6)).toEqual(["Créer son adresse e-mail", "Sécuriser son smartphone", "Permanence démarches", "Repair café", "Atelier complet", "Visio : ameli.fr"]);
    for (const hidden of ["Séance annulée", "Série annulée", "Série brouillon", "Déjà passée", "Au lieu en projet", "Dans deux mois"]) expect(found).not.toContain(hidden);
  });

  it("says when, where, seats and price in words", async () => {
    const { entries } = await searchAgenda(database.db, query(), { now });
    const byTitle = (t: string) => entries.find((e) => e.title === t)!;
    const email = byTitle("Créer son adresse e-mail");
    expect(email.when).toMatch(/^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \S+ \S+( \d{4})?, de 14 h à 16 h$/);
    expect(email).toMatchObject({ whereText: "Espace Vierzon, Vierzon", seats: "8 places restantes", seatsLeft: 8, price: "Gratuit", themeLabel: "E-mail", levelLabel: "Débutant", kindLabel: "Atelier", distanceKm: null, cancelled: false });
    expect(byTitle("Sécuriser son smartphone")).toMatchObject({ price: "5 €", levelLabel: "Intermédiaire" });
    expect(byTitle("Permanence démarches")).toMatchObject({ seats: "Sans inscription", seatsLeft: null, kindLabel: "Permanence" });
    expect(byTitle("Repair café").seats).toBe("Places illimitées");
    expect(byTitle("Atelier complet")).toMatchObject({ seats: "Complet — liste d'attente", seatsLeft: 0, price: "2,50 €" });
    expect(byTitle("Visio : ameli.fr")).toMatchObject({ whereText: "En ligne", where: { kind: "online" } });
    expect(byTitle("Le bus numérique passe")).toMatchObject({ whereText: "Place de l'église, Méreau", where: { kind: "stop", placeName: "Bus numérique" } });
  });

  it("filters by theme, level, type, free and seats left", async () => {
    expect(await titles({ theme: "Email" })).toEqual(["Créer son adresse e-mail"]);
    expect(await titles({ niveau: "intermediaire" })).toEqual(["Sécuriser son smartphone"]);
    expect(await titles({ type: "permanence" })).toEqual(["Permanence démarches"]);
    expect(await titles({ type: "passage" })).toEqual(["Le bus numérique passe"]);
    const free = await titles({ gratuit: "1" });
    expect(free).not.toContain("Sécuriser son smartphone");
    expect(free).not.toContain("Atelier complet");
    expect(free).toContain("Créer son adresse e-mail");
    const seats = await titles({ places: "1" });
    expect(seats).not.toContain("Atelier complet");
    expect(seats).toContain("Permanence démarches");
    expect(seats).toContain("Repair café");
  });

  it("keeps the dates: the window given, on each place's clock", async () => {
    expect(await titles({ du: addDays(today, 60), au: addDays(today, 60) })).toEqual(["Dans deux mois"]);
    expect(await titles({ du: addDays(today, 2), au: addDays(today, 3) })).toEqual(["Sécuriser son smartphone", "Permanence démarches"]);
  });

  it("keeps only the sessions within the distance, exactly, at the edge of the box", async () => {
    const found = await searchAgenda(database.db, query({ commune: "Vierzon", distance: "20" }), { now });
    const names = found.entries.map((e) => e.title);
    expect(found.origin?.label).toMatch(/^Vierzon/);
    expect(names).toContain("Atelier Nord 19,9 km");
    expect(names).toContain("Atelier Nord-est 19,9 km");
    expect(names).toContain("Atelier Ouest 19,95 km");
    expect(names).not.toContain("Atelier Nord 20,1 km");
    expect(names).not.toContain("Atelier Nord-est 21 km");
    expect(names).not.toContain("Atelier Ouest 20,05 km");
    // Online sessions have no distance; the stop counts where it is, not where its place is.
    expect(names).not.toContain("Visio : ameli.fr");
    expect(found.entries.find((e) => e.title === "Le bus numérique passe")?.distanceKm).toBeCloseTo(12, 1);
    expect(found.entries.find((e) => e.title === "Créer son adresse e-mail")?.distanceKm).toBe(0);
    // A postcode of several communes asks which one; with the name, the same commune. Farther, the sessions beyond 20 km come in.
    const choices = await searchAgenda(database.db, query({ commune: "18100" }), { now });
    expect(choices.entries).toEqual([]);
    expect(choices.choices?.map((c) => c.name)).toContain("Vierzon");
    expect((await titles({ commune: "18100 Vierzon", distance: "20", theme: "Bureautique" })).sort()).toEqual(["Atelier Nord 19,9 km", "Atelier Nord-est 19,9 km", "Atelier Ouest 19,95 km"]);
    expect(await titles({ commune: "Vierzon", distance: "50", theme: "Bureautique" })).toHaveLength(6);
    expect(await titles({ commune: "Vierzon", distance: "5", theme: "Bureautique" })).toEqual([]);
  });

  it("says when the commune is unknown and applies the other filters", async () => {
    const found = await searchAgenda(database.db, query({ commune: "Zzzyxwv", theme: "Email" }), { now });
    expect(found.errors.commune).toBe("Nous ne trouvons pas la commune « Zzzyxwv ». Vérifiez son nom ou écrivez son code postal.");
    expect(found.entries.map((e) => e.title)).toEqual(["Créer son adresse e-mail"]);
  });

  it("keeps a network's places, and says when the network does not exist", async () => {
    const names = await titles({ reseau: "reseau-cher" });
    expect(names).toContain("Créer son adresse e-mail");
    expect(names).not.toContain("Série longue");
    const unknown = await searchAgenda(database.db, query({ reseau: "inconnu", theme: "Email" }), { now });
    expect(unknown.errors.reseau).toBe("Ce réseau n'existe pas.");
    expect(unknown.entries).toHaveLength(1);
  });

  it("pages without counting: a next page when a 21st session exists", async () => {
    const first = await searchAgenda(database.db, query({ theme: "CultureNumerique" }), { now });
    expect(first.entries).toHaveLength(20);
    expect(first.hasNext).toBe(true);
    const second = await searchAgenda(database.db, query({ theme: "CultureNumerique", page: "2" }), { now });
    expect(second.entries).toHaveLength(5);
    expect(second.hasNext).toBe(false);
    expect(new Set([...first.entries, ...second.entries].map((e) => e.sessionId)).size).toBe(25);
  });

  it("reads the details the API needs only when asked", async () => {
    const plain = await searchAgenda(database.db, query({ type: "passage" }), { now });
    expect(plain.entries[0]!.detail).toBeUndefined();
    const detailed = await searchAgenda(database.db, query({ type: "passage" }), { now, detail: true });
    expect(detailed.entries[0]!.detail).toMatchObject({ address: "Place du Marché", postcode: "18120" });
  });

  it("lists cancelled sessions in the feeds, never unpublished ones", async () => {
    const place = (await queryRows(database.db, sql`select slug from places where name = 'Espace Vierzon'`))[0]!.slug as string;
    const feed = await feedSessions(database.db, { placeSlug: place }, now);
    const names = feed.map((e) => e.title);
    expect(feed.find((e) => e.title === "Séance annulée")?.cancelled).toBe(true);
    expect(feed.find((e) => e.title === "Série annulée")?.cancelled).toBe(true);
    expect(names).toContain("Dans deux mois");
    expect(names).not.toContain("Série brouillon");
    expect(names).not.toContain("Déjà passée");
    expect((await feedSessions(database.db, { networkId: ids.network }, now)).map((e) => e.title)).toContain("Créer son adresse e-mail");
    expect((await feedSessions(database.db, { theme: "Email" }, now)).map((e) => e.title)).toEqual(["Créer son adresse e-mail"]);
  });
});
