/**
 * Mobile EPN through the real request handler (tests/support/harness.ts): the back-office page of
 * a place's stops (a manager adds one; a bad commune or a place that is not itinerant answers 400
 * in words with nothing written; a coordinator reads), the place page's next sessions and passages
 * (times in the place's zone, seats in words, under 40 KB), and the directory's passages near the
 * commune searched, on the list and on the map.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { stops, workshopSessions } from "~/db/schema";
import { attachToNetwork, createNetwork, createPlace, createWorkshop } from "~/features/demo/factories.server";
import { addDays } from "~/features/time/calendar";
import { formatDay } from "~/features/time/format";
import { todayIn } from "~/features/time/today";
import { toInstant, toZonedIso } from "~/features/time/zone";
import { validateStandardRow } from "~/features/standard/schema";
import { fr } from "~/lib/messages";
import { createTestDatabase } from "../support/database";
import { decodeEntities, html, startHarness, type Harness } from "../support/harness";

const m = fr.stops;
let database: Database;
let h: Harness;
const ids = { mobile: "", fixed: "", reunion: "", network: "" };
const slugs = { mobile: "", fixed: "", reunion: "" };
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
/** An instant `days` from today at `hour` o'clock on the clock of `timeZone`, and that day. */
function at(timeZone: string, days: number, hour: number) {
  const date = addDays(todayIn(timeZone, Date.now()), days);
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return { date, instant: new Date(toInstant(timeZone, { year, month, day, hour, minute: 0, second: 0 })) };
}
const text = async (response: Response) => decodeEntities((await html(response)).replace(/<!-- -->/g, ""));
const stopBody = (fields: Record<string, string> = {}) =>
  new URLSearchParams({ intent: "ajouter", nom: "Place du marché", adresse: "Place du Marché", code_postal: "16230", commune: "Mansle", latitude: "", longitude: "", ...fields });

beforeAll(async () => {
  database = await createTestDatabase();
  h = await startHarness(database);
  const mobile = await createPlace(database.db, { name: "Le bus numérique", commune: "Ruffec", postcode: "16700", itinerance: ["Itinérant"] });
  const fixed = await createPlace(database.db, { name: "Médiathèque de Ruffec", commune: "Ruffec", postcode: "16700", itinerance: ["Fixe"] });
  const reunion = await createPlace(database.db, { name: "Case numérique", commune: "Saint-Denis", postcode: "97400" });
  Object.assign(ids, { mobile: mobile.id, fixed: fixed.id, reunion: reunion.id });
  Object.assign(slugs, { mobile: mobile.slug, fixed: fixed.slug, reunion: reunion.slug });
  ids.network = (await createNetwork(database.db, { slug: "charente", name: "Charente numérique" })).id;
  await attachToNetwork(database.db, { placeId: ids.mobile, networkId: ids.network });
  await h.person("manager", { role: "manager", placeId: ids.mobile });
  await h.person("managerFixed", { role: "manager", placeId: ids.fixed });
  await h.person("mediator", { role: "mediator", placeId: ids.mobile });
  await h.person("coordinator", { role: "coordinator", networkId: ids.network });
}, 120_000);

afterAll(async () => {
  await h?.close();
  await database?.close();
});

describe("the back-office page of a mobile EPN's stops", () => {
  const page = () => `/gestion/lieux/${ids.mobile}/arrets`;

  it("is linked from an itinerant place's page only", async () => {
    expect(await html(await h.get("manager", `/gestion/lieux/${ids.mobile}`))).toContain(`href="/gestion/lieux/${ids.mobile}/arrets"`);
    expect(await html(await h.get("managerFixed", `/gestion/lieux/${ids.fixed}`))).not.toContain("/arrets");
  });

  it("lets a manager add a stop, shown with its next passages and a link to plan more", async () => {
    const created = await h.post("manager", page(), stopBody());
    expect(created.status).toBe(303);
    expect(created.headers.get("location")).toMatch(new RegExp(`^/gestion/lieux/${ids.mobile}/arrets\\?cree#arret-[0-9a-f-]{36}$`));
    const [stop] = await database.db.select().from(stops).where(eq(stops.placeId, ids.mobile));
    expect(stop).toMatchObject({ label: "Place du marché", commune: "Mansle", inseeCode: "16206" });
    const visit = at("Europe/Paris", 3, 9);
    await createWorkshop(database.db, { placeId: ids.mobile, title: "Passage du bus", kind: "visit", location: "stop", stopId: stop!.id, registration: "none", capacity: null, sessions: [visit.instant], minutes: 180 });

    const shown = await text(await h.get("manager", `${page()}?cree`));
    expect(shown).toContain(m.created);
    expect(shown).toContain("Place du Marché, 16230 Mansle");
    expect(shown).toContain(`${capital(formatDay(visit.date, todayIn("Europe/Paris", Date.now())))}, de 9 h à 12 h — Passage du bus`);
    expect(shown).toContain(`href="/gestion/lieux/${ids.mobile}/ateliers?type=passage&arret=${stop!.id}"`);
  });

  it("edits a stop from its link, and deactivates it", async () => {
    const [stop] = await database.db.select().from(stops).where(eq(stops.placeId, ids.mobile));
    const form = await text(await h.get("manager", `${page()}?arret=${stop!.id}`));
    expect(form).toContain(m.editTitle("Place du marché"));
    expect(form).toContain('value="16230"');
    const saved = await h.post("manager", page(), stopBody({ intent: "modifier", arret: stop!.id, nom: "Place du marché couvert" }));
    expect(saved.status).toBe(303);
    expect((await database.db.select({ label: stops.label }).from(stops).where(eq(stops.id, stop!.id)))[0]!.label).toBe("Place du marché couvert");
    const off = await h.post("manager", page(), new URLSearchParams({ intent: "desactiver", arret: stop!.id }));
    expect(off.headers.get("location")).toBe(`${page()}?desactive`);
    expect((await database.db.select({ active: stops.active }).from(stops).where(eq(stops.id, stop!.id)))[0]!.active).toBe(false);
    await h.post("manager", page(), new URLSearchParams({ intent: "reactiver", arret: stop!.id }));
    expect((await database.db.select({ active: stops.active }).from(stops).where(eq(stops.id, stop!.id)))[0]!.active).toBe(true);
  });

  it("refuses a bad commune and bad coordinates beside the fields, writing nothing", async () => {
    const before = (await database.db.select({ id: stops.id }).from(stops)).length;
    const bad = await h.post("manager", page(), stopBody({ code_postal: "18100" }));
    expect(bad.status).toBe(400);
    const body = await text(bad);
    expect(body).toContain(m.errors.communeUnknown);
    expect(body).toContain('value="18100"');
    const outside = await h.post("manager", page(), stopBody({ latitude: "52,52", longitude: "13,40" }));
    expect(outside.status).toBe(400);
    expect(await text(outside)).toContain(m.errors.outsideFrance);
    expect((await database.db.select({ id: stops.id }).from(stops)).length).toBe(before);
  });

  it("tells how to mark a place itinerant, and refuses its stops", async () => {
    const fixedPage = `/gestion/lieux/${ids.fixed}/arrets`;
    expect(await text(await h.get("managerFixed", fixedPage))).toContain(m.notItinerant);
    const refused = await h.post("managerFixed", fixedPage, stopBody());
    expect(refused.status).toBe(400);
    expect(await text(refused)).toContain(m.notItinerant);
    expect(await database.db.select({ id: stops.id }).from(stops).where(eq(stops.placeId, ids.fixed))).toEqual([]);
  });

  it("is read by the network's coordinator and the place's mediator, who may not change it", async () => {
    const read = await text(await h.get("coordinator", page()));
    expect(read).toContain("Place du marché couvert");
    expect(read).toContain(m.readOnly);
    expect(read).not.toContain(m.create);
    expect((await h.post("mediator", page(), stopBody())).status).toBe(403);
  });
});

describe("the place page's next sessions and passages", () => {
  it("lists the next sessions with the time in the place's zone and the seats in words", async () => {
    const zone = "Indian/Reunion";
    const a = at(zone, 4, 9);
    const b = at(zone, 5, 14);
    const c = at(zone, 6, 10);
    const full = await createWorkshop(database.db, { placeId: ids.reunion, title: "Créer son adresse e-mail", capacity: 2, sessions: [a.instant] });
    await database.db.update(workshopSessions).set({ seatsTaken: 2 }).where(eq(workshopSessions.id, full.sessionIds[0]!));
    const open = await createWorkshop(database.db, { placeId: ids.reunion, title: "Sécuriser son smartphone", capacity: 8, sessions: [b.instant] });
    await database.db.update(workshopSessions).set({ seatsTaken: 5 }).where(eq(workshopSessions.id, open.sessionIds[0]!));
    await createWorkshop(database.db, { placeId: ids.reunion, title: "Permanence démarches", kind: "dropin", registration: "none", capacity: null, sessions: [c.instant], minutes: 180 });
    const hidden = await createWorkshop(database.db, { placeId: ids.reunion, title: "Atelier annulé", sessions: [c.instant] });
    await database.db.update(workshopSessions).set({ status: "cancelled" }).where(eq(workshopSessions.id, hidden.sessionIds[0]!));
    await createWorkshop(database.db, { placeId: ids.reunion, title: "Atelier en préparation", published: false, sessions: [c.instant] });

    const response = await h.get(null, `/lieux/${slugs.reunion}`);
    expect(response.status).toBe(200);
    const raw = await html(response);
    expect(new TextEncoder().encode(raw).byteLength).toBeLessThan(40 * 1024);
    const page = decodeEntities(raw.replace(/<!-- -->/g, ""));
    const today = todayIn(zone, Date.now());
    expect(page).toContain(`<h2 id="ateliers">${m.upcomingTitle}</h2>`);
    expect(page).toContain(`href="/ateliers/${full.sessionIds[0]}">Créer son adresse e-mail</a>`);
    expect(page).toContain(`${capital(formatDay(a.date, today))}, de 9 h à 11 h`);
    expect(page).toContain("Complet — liste d'attente");
    expect(page).toContain(`${capital(formatDay(b.date, today))}, de 14 h à 16 h`);
    expect(page).toContain("3 places restantes");
    expect(page).toContain(`${capital(formatDay(c.date, today))}, de 10 h à 13 h`);
    expect(page).toContain("Sans inscription");
    expect(page).not.toContain("Atelier annulé");
    expect(page).not.toContain("Atelier en préparation");
    // Not itinerant: no passages.
    expect(page).not.toContain(m.passagesTitle);
  });

  it("lists a mobile EPN's next passages", async () => {
    const page = await text(await h.get(null, `/lieux/${slugs.mobile}`));
    const visit = at("Europe/Paris", 3, 9);
    expect(page).toContain(`<h2 id="passages">${m.passagesTitle}</h2>`);
    expect(page).toContain(`${capital(formatDay(visit.date, todayIn("Europe/Paris", Date.now())))}, de 9 h à 12 h — Mansle, Place du marché couvert`);
    // A place without sessions has no empty section.
    const fixed = await text(await h.get(null, `/lieux/${slugs.fixed}`));
    expect(fixed).not.toContain(m.upcomingTitle);
  });
});

describe("the directory finds the passages near the commune searched", () => {
  it("lists them nearest first with the distance, above the places", async () => {
    // Near Mansle (the stop is at the commune's coordinate).
    const [stop] = await database.db.select().from(stops).where(eq(stops.placeId, ids.mobile));
    const response = await h.get(null, `/lieux?lat=${stop!.latitude + 0.02}&lon=${stop!.longitude}`);
    const page = await text(response);
    const visit = at("Europe/Paris", 3, 9);
    expect(page).toContain(`<h2 id="passages-proches">${m.nearbyTitle}</h2>`);
    expect(page).toContain(
      `<a href="/lieux/${slugs.mobile}#passages">Le bus numérique</a> passe à Mansle (Place du marché couvert) ${formatDay(visit.date, todayIn("Europe/Paris", Date.now()))}, de 9 h à 12 h — à 2,2 km`,
    );
    expect(page.indexOf("passages-proches")).toBeLessThan(page.indexOf('class="results"'));
    // Far away: none.
    expect(await text(await h.get(null, "/lieux?lat=48.85&lon=2.35"))).not.toContain("passages-proches");
  });

  it("puts the stops on the map as points of their own kind, with their list", async () => {
    const [stop] = await database.db.select().from(stops).where(eq(stops.placeId, ids.mobile));
    const page = await text(await h.get(null, `/lieux/carte?lat=${stop!.latitude}&lon=${stop!.longitude}`));
    const payload = JSON.parse(/<script type="application\/json" id="points">(.*?)<\/script>/s.exec(page)![1]!) as { stops: [number, number][] };
    expect(payload.stops).toEqual([[Math.round(stop!.latitude * 1e5) / 1e5, Math.round(stop!.longitude * 1e5) / 1e5]]);
    expect(page).toContain('<ol class="carte-passages">');
    expect(page).toContain(m.mapListHeading);
  });
});

describe("the open-data API carries the stops beside the standard", () => {
  type Row = Record<string, unknown> & { nom: string; x_arrets?: { nom: string; commune: string; code_insee: string; prochain_passage: { debut: string; fin: string } | null }[] };

  it("lists an itinerant place's active stops as x_arrets, the standard's fields still valid", async () => {
    const body = (await (await h.get(null, "/api/v1/lieux?par_page=100")).json()) as { data: Row[] };
    const bus = body.data.find((r) => r.nom === "Le bus numérique")!;
    const visit = at("Europe/Paris", 3, 9);
    expect(bus.x_arrets).toEqual([
      {
        id: expect.any(String), nom: "Place du marché couvert", adresse: "Place du Marché", code_postal: "16230", commune: "Mansle", code_insee: "16206",
        latitude: expect.any(Number), longitude: expect.any(Number),
        prochain_passage: { debut: toZonedIso("Europe/Paris", visit.instant), fin: toZonedIso("Europe/Paris", visit.instant.getTime() + 3 * 3600_000) },
      },
    ]);
    expect(body.data.find((r) => r.nom === "Médiathèque de Ruffec")).not.toHaveProperty("x_arrets");
    const asText = Object.fromEntries(Object.entries(bus).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
    expect(validateStandardRow({ ...asText, latitude: String(bus.latitude), longitude: String(bus.longitude) })).toEqual([]);
  });

  it("does the same in a search around a position", async () => {
    const [stop] = await database.db.select().from(stops).where(eq(stops.placeId, ids.mobile));
    const body = (await (await h.get(null, `/api/v1/lieux?lat=${stop!.latitude}&lon=${stop!.longitude}&rayon=100`)).json()) as { data: Row[] };
    expect(body.data.find((r) => r.nom === "Le bus numérique")!.x_arrets!.map((a) => a.nom)).toEqual(["Place du marché couvert"]);
  });
});
