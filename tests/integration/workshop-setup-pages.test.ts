/**
 * A place's workshops pages in the back-office (/gestion/lieux/:placeId/ateliers and a series'
 * page) through the real request handler: linked from the place's page and the desk agenda; a
 * mediator creates a weekly series (sessions made, audited); an invalid form answers 400 with
 * French errors and writes nothing; a coordinator reads but may not change; one session's
 * capacity; edit all keeps the session with a registered person and says so; an extra session.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { auditLog, places, workshopRegistrations, workshops, workshopSessions } from "~/db/schema";
import { attachToNetwork, createNetwork, createPlace, createStop } from "~/features/demo/factories.server";
import { addDays, weekdayOf } from "~/features/time/calendar";
import { todayInFrance } from "~/features/time/today";
import { SERIES_FIELDS as F, seriesToFormValues } from "~/features/workshops/series-form";
import { fr } from "~/lib/messages";
import { createTestDatabase } from "../support/database";
import { decodeEntities, html, startHarness, type Harness } from "../support/harness";

const m = fr.workshopSetup;
let database: Database;
let h: Harness;
const ids = { place: "", other: "", mediator: "" };
const list = () => `/gestion/lieux/${ids.place}/ateliers`;
const FIRST = addDays(todayInFrance(Date.now()), 10);

/** The new-series form as a browser sends it: four weekly sessions from FIRST, no day skipped. */
function seriesBody(changes: Record<string, string | string[]> = {}): URLSearchParams {
  const values: Record<string, string | string[]> = {
    ...seriesToFormValues({ title: "Créer son adresse e-mail" }, { today: FIRST }),
    [F.weekdays]: [String(weekdayOf(FIRST))],
    [F.count]: "4",
    [F.skipPublicHolidays]: "",
    ...changes,
  };
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (Array.isArray(value)) for (const v of value) body.append(name, v);
    else if (value !== "") body.set(name, value);
  }
  return body;
}

const text = async (response: Response) => decodeEntities(await html(response));
const seriesCount = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(workshops))[0]!.n;

async function sessionsOf(workshopId: string) {
  return database.db
    .select({ id: workshopSessions.id, startsAt: workshopSessions.startsAt, capacity: workshopSessions.capacity, detached: workshopSessions.detached })
    .from(workshopSessions)
    .where(eq(workshopSessions.workshopId, workshopId))
    .orderBy(workshopSessions.startsAt);
}

async function createdSeries(title: string): Promise<string> {
  const response = await h.post("mediator", list(), seriesBody({ [F.title]: title }));
  expect(response.status).toBe(303);
  return response.headers.get("location")!.split("/").pop()!.split("?")[0]!;
}

beforeAll(async () => {
  database = await createTestDatabase();
  h = await startHarness(database);
  const network = await createNetwork(database.db, { name: "Réseau des ateliers" });
  ids.place = (await createPlace(database.db, { name: "Espace numérique Alpha" })).id;
  ids.other = (await createPlace(database.db, { name: "Ailleurs" })).id;
  await attachToNetwork(database.db, { placeId: ids.place, networkId: network.id });
  ids.mediator = await h.person("mediator", { role: "mediator", placeId: ids.place, name: "Mehdi Médiateur" });
  await h.person("manager", { role: "manager", placeId: ids.place });
  await h.person("coordinator", { role: "coordinator", networkId: network.id });
  await h.person("outsider", { role: "mediator", placeId: ids.other });
}, 120_000);

afterAll(async () => {
  await h?.close();
  await database?.close();
});

describe("a place's workshops", () => {
  it("is linked from the place's back-office page and from the desk agenda", async () => {
    expect(await html(await h.get("mediator", `/gestion/lieux/${ids.place}`))).toContain(`href="/gestion/lieux/${ids.place}/ateliers"`);
    expect(await html(await h.get("mediator", `/gestion/lieux/${ids.place}/agenda`))).toContain(`href="/gestion/lieux/${ids.place}/ateliers"`);
    const page = await text(await h.get("mediator", list()));
    expect(page).toContain(m.newTitle);
    expect(page).toContain(m.listNone);
    expect((await h.get("outsider", list())).status).toBe(403);
  });

  it("a mediator creates a weekly series: four sessions, the series' page says so, the list shows their seats (audited)", async () => {
    const before = await seriesCount();
    const response = await h.post("mediator", list(), seriesBody({ [F.title]: "Créer son adresse e-mail", [F.theme]: "Email", [F.mediatorIds]: [ids.mediator] }));
    expect(response.status).toBe(303);
    const location = response.headers.get("location")!;
    expect(location).toMatch(new RegExp(`^/gestion/lieux/${ids.place}/ateliers/[0-9a-f-]{36}\\?cree$`));
    const id = location.split("/").pop()!.split("?")[0]!;
    expect(await seriesCount()).toBe(before + 1);
    expect(await sessionsOf(id)).toHaveLength(4);
    const [series] = await database.db.select({ theme: workshops.theme, mediatorIds: workshops.mediatorIds, createdBy: workshops.createdBy }).from(workshops).where(eq(workshops.id, id));
    expect(series).toEqual({ theme: "Email", mediatorIds: [ids.mediator], createdBy: ids.mediator });
    expect(await database.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, "workshop.create")))).toHaveLength(1);

    const page = await text(await h.get("mediator", location));
    expect(page).toContain(m.created(4));
    expect(page).toContain("Créer son adresse e-mail");
    const listed = await text(await h.get("mediator", list()));
    expect(listed).toContain("0 / 8 inscrits");
    const [first] = await sessionsOf(id);
    expect(listed).toContain(`href="/gestion/lieux/${ids.place}/ateliers/seances/${first!.id}"`);
    expect(listed).toContain(`href="/gestion/lieux/${ids.place}/ateliers/${id}"`);
  });

  it("an invalid form answers 400 with French errors beside the fields, what was typed kept, and writes nothing", async () => {
    const before = await seriesCount();
    const response = await h.post("mediator", list(), seriesBody({ [F.title]: "", [F.weekdays]: [], [F.end]: "13:00", [F.description]: "Gardé tel quel" }));
    expect(response.status).toBe(400);
    const page = await text(response);
    expect(page).toContain(m.errors.titleEmpty);
    expect(page).toContain(m.errors.weekdays);
    expect(page).toContain(m.errors.endBeforeStart);
    expect(page).toContain("Gardé tel quel");
    expect(page).toContain(`href="#champ-${F.title}"`);
    expect(await seriesCount()).toBe(before);
  });

  it("a coordinator of the network reads the list, without the form, and may not create", async () => {
    const page = await text(await h.get("coordinator", list()));
    expect(page).toContain(m.readOnly);
    expect(page).not.toContain(m.newTitle);
    expect((await h.post("coordinator", list(), seriesBody())).status).toBe(403);
  });
});

describe("planning a mobile EPN's passages", () => {
  it("from the stops page, the form is ready for a passage at that stop", async () => {
    await database.db.update(places).set({ itinerance: ["Itinérant"] }).where(eq(places.id, ids.place));
    const stop = await createStop(database.db, { placeId: ids.place, commune: "Reuilly", postcode: "36260", inseeCode: "36171" });
    const page = decodeEntities(await html(await h.get("mediator", `/gestion/lieux/${ids.place}/ateliers?type=passage&arret=${stop.id}`)));
    expect(page).toContain('value="Passage de l\'EPN mobile à Reuilly"');
    expect(page).toMatch(new RegExp(`<option value="${stop.id}" selected=""`));
    expect(page).toMatch(/<option value="visit" selected="">/);
  });
});

describe("a series' page", () => {
  it("edit one: a session's capacity is set and the session detached; under its seats, refused in French", async () => {
    const id = await createdSeries("Sécuriser son smartphone");
    const [first] = await sessionsOf(id);
    const page = `/gestion/lieux/${ids.place}/ateliers/${id}`;
    const saved = await h.post("mediator", page, new URLSearchParams({ intent: "capacite", seance: first!.id, places: "12" }));
    expect(saved.status).toBe(303);
    expect((await sessionsOf(id))[0]).toMatchObject({ capacity: 12, detached: true });

    await database.db.insert(workshopRegistrations).values({ workshopId: id, sessionId: first!.id, placeId: ids.place, status: "registered", source: "desk", firstName: "Alice", personKey: "alice@exemple.fr" });
    await database.db.update(workshopSessions).set({ seatsTaken: 1 }).where(eq(workshopSessions.id, first!.id));
    await database.db.insert(workshopRegistrations).values({ workshopId: id, sessionId: first!.id, placeId: ids.place, status: "registered", source: "desk", firstName: "Bruno", personKey: "bruno@exemple.fr" });
    await database.db.update(workshopSessions).set({ seatsTaken: 2 }).where(eq(workshopSessions.id, first!.id));
    const refused = await h.post("mediator", page, new URLSearchParams({ intent: "capacite", seance: first!.id, places: "1" }));
    expect(refused.status).toBe(400);
    expect(await text(refused)).toContain(m.sessionCapacityBelowSeats(2));
    expect((await sessionsOf(id))[0]!.capacity).toBe(12);
    expect((await h.post("outsider", page, new URLSearchParams({ intent: "capacite", seance: first!.id, places: "20" }))).status).toBe(403);
  });

  it("edit all: another weekday keeps the session with a registered person and lists it; an extra session is added", async () => {
    const id = await createdSeries("Faire ses démarches sur ameli.fr");
    const [, second] = await sessionsOf(id);
    await database.db.insert(workshopRegistrations).values({ workshopId: id, sessionId: second!.id, placeId: ids.place, status: "registered", source: "desk", firstName: "Chloé", personKey: "chloe@exemple.fr" });
    await database.db.update(workshopSessions).set({ seatsTaken: 1 }).where(eq(workshopSessions.id, second!.id));
    const page = `/gestion/lieux/${ids.place}/ateliers/${id}`;
    const other = String((weekdayOf(FIRST) % 7) + 1);
    const response = await h.post("mediator", page, new URLSearchParams([...seriesBody({ [F.title]: "Ameli, pas à pas", [F.weekdays]: [other] }), ["intent", "serie"]]));
    expect(response.status).toBe(200);
    const shown = await text(response);
    expect(shown).toContain(m.keptTitle(1));
    expect(shown).toContain("1 place prise");
    const sessions = await sessionsOf(id);
    expect(sessions.map((s) => s.id)).toContain(second!.id);
    expect(sessions).toHaveLength(5);
    const [series] = await database.db.select({ title: workshops.title }).from(workshops).where(eq(workshops.id, id));
    expect(series!.title).toBe("Ameli, pas à pas");

    const added = await h.post("mediator", page, new URLSearchParams({ intent: "ajouter", date: addDays(FIRST, 60), debut: "10:00", fin: "12:00" }));
    expect(added.status).toBe(303);
    expect(await sessionsOf(id)).toHaveLength(6);
    const bad = await h.post("mediator", page, new URLSearchParams({ intent: "ajouter", date: "", debut: "12:00", fin: "10:00" }));
    expect(bad.status).toBe(400);
    expect(await text(bad)).toContain(m.errors.endBeforeStart);
  });

  it("another place's series, or no series, is 404", async () => {
    const id = await createdSeries("Bureautique");
    await h.person("otherManager", { role: "manager", placeId: ids.other });
    expect((await h.get("otherManager", `/gestion/lieux/${ids.other}/ateliers/${id}`)).status).toBe(404);
    expect((await h.get("mediator", `/gestion/lieux/${ids.place}/ateliers/pas-une-serie`)).status).toBe(404);
  });
});
