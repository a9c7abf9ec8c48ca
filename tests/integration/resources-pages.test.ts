/**
 * The place manager's booking set-up pages (/gestion/lieux/:placeId/ressources and a resource's
 * page) through the real request handler (tests/support/harness.ts): a manager creates a resource
 * and edits its rules (audited); an invalid form answers 400 with French errors beside the fields
 * and writes nothing; another place's resource is 404; the booking settings; a closure cancels a
 * booking and names it; a calendar feed is shown once, serves the bookings, and is revoked.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { auditLog, bookings, bookingSettings, calendarFeeds, closures, resources } from "~/db/schema";
import { createBookingRow, createPlace, createResource } from "~/features/demo/factories.server";
import { addDays } from "~/features/time/calendar";
import { todayIn } from "~/features/time/today";
import { startOfDay } from "~/features/time/zone";
import { fr } from "~/lib/messages";
import { createTestDatabase } from "../support/database";
import { html, ORIGIN, startHarness, type Harness } from "../support/harness";

const m = fr.resources;
let database: Database;
let h: Harness;
const ids = { placeA: "", placeB: "", manager: "", mediator: "", outsider: "" };
const page = () => `/gestion/lieux/${ids.placeA}/ressources`;

/** A whole resource form as the browser sends it (unticked boxes absent). */
function resourceBody(fields: Record<string, string> = {}): URLSearchParams {
  return new URLSearchParams({
    type: "station", nom: "Poste 1", description: "", position: "1", mediateur: "", motifs: "", duree_min: "60", duree_max: "60", grille: "30", horaires: "",
    delai_min: "60", delai_max_jours: "14", max_jour: "", max_semaine: "", max_minutes_jour: "", battement: "0", prix: "", en_ligne: "oui", active: "oui",
    ...fields,
  });
}

async function loadResource(id: string) {
  const [row] = await database.db.select().from(resources).where(eq(resources.id, id));
  return row!;
}

beforeAll(async () => {
  database = await createTestDatabase();
  h = await startHarness(database);
  ids.placeA = (await createPlace(database.db, { name: "Espace numérique Alpha", openingHours: "Mo-Sa 09:00-18:00" })).id;
  ids.placeB = (await createPlace(database.db, { name: "Cyber-base Bêta" })).id;
  ids.manager = await h.person("manager", { role: "manager", placeId: ids.placeA, name: "Manon Responsable" });
  ids.mediator = await h.person("mediator", { role: "mediator", placeId: ids.placeA, name: "Mehdi Médiateur" });
  ids.outsider = await h.person("outsider", { role: "mediator", placeId: ids.placeB, name: "Olga Ailleurs" });
}, 120_000);

afterAll(async () => {
  await h?.close();
  await database?.close();
});

describe("a place's resources and their rules", () => {
  it("links the page from the place's back-office page for its managers only", async () => {
    expect(await html(await h.get("manager", `/gestion/lieux/${ids.placeA}`))).toContain(`href="/gestion/lieux/${ids.placeA}/ressources"`);
    expect(await html(await h.get("mediator", `/gestion/lieux/${ids.placeA}`))).not.toContain("/ressources");
    expect((await h.get("mediator", page())).status).toBe(403);
  });

  it("creates a resource, then edits every rule of it (audited)", async () => {
    const created = await h.post("manager", page(), new URLSearchParams({ intent: "ressource", ...Object.fromEntries(resourceBody({ nom: "Poste 1", max_jour: "2" })) }));
    expect(created.status).toBe(303);
    const location = created.headers.get("location")!;
    expect(location).toMatch(new RegExp(`^/gestion/lieux/${ids.placeA}/ressources/[0-9a-f-]{36}\\?cree$`));
    const id = location.split("/").pop()!.split("?")[0]!;
    expect(await loadResource(id)).toMatchObject({ placeId: ids.placeA, kind: "station", name: "Poste 1", maxPerDay: 2, priceCents: null, publicOnline: true, active: true });
    expect(await html(await h.get("manager", location))).toContain(m.created);
    expect(await html(await h.get("manager", page()))).toContain(`href="/gestion/lieux/${ids.placeA}/ressources/${id}"`);

    const edited = await h.post(
      "manager",
      `/gestion/lieux/${ids.placeA}/ressources/${id}`,
      resourceBody({
        type: "appointment", nom: "Rendez-vous numérique", description: "Aide aux démarches", position: "3", mediateur: ids.mediator, motifs: "Démarches en ligne\nEmploi, CV",
        duree_min: "30", duree_max: "60", grille: "15", horaires: "Tu,Th 14:00-17:00", delai_min: "120", delai_max_jours: "30", max_jour: "1", max_semaine: "2",
        max_minutes_jour: "60", battement: "10", prix: "2,50", en_ligne: "", confirmation: "oui", active: "oui",
      }),
    );
    expect(edited.status).toBe(303);
    expect(edited.headers.get("location")).toBe(`/gestion/lieux/${ids.placeA}/ressources/${id}?enregistre`);
    expect(await loadResource(id)).toMatchObject({
      kind: "appointment", name: "Rendez-vous numérique", description: "Aide aux démarches", position: 3, staffUserId: ids.mediator, reasons: ["Démarches en ligne", "Emploi, CV"],
      minMinutes: 30, maxMinutes: 60, gridMinutes: 15, hours: "Tu,Th 14:00-17:00", minLeadMinutes: 120, maxLeadDays: 30, maxPerDay: 1, maxPerWeek: 2, maxMinutesPerDay: 60,
      bufferMinutes: 10, priceCents: 250, publicOnline: false, needsConfirmation: true, active: true,
    });
    const edit = await html(await h.get("manager", `/gestion/lieux/${ids.placeA}/ressources/${id}?enregistre`));
    expect(edit).toContain(m.saved);
    expect(edit).toContain('value="2,50"');
    const audit = await database.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.placeId, ids.placeA)));
    expect(audit.map((a) => a.action).sort()).toEqual(["resource.create", "resource.update"]);
  });

  it("answers an invalid form with 400 and French errors beside the fields, and writes nothing", async () => {
    const resource = await createResource(database.db, { placeId: ids.placeA, name: "Salle de réunion", kind: "room" });
    const before = await loadResource(resource.id);
    const url = `/gestion/lieux/${ids.placeA}/ressources/${resource.id}`;
    const response = await h.post(
      "manager",
      url,
      resourceBody({ nom: "x".repeat(10_240), duree_min: "90", duree_max: "60", grille: "3", prix: "-2", horaires: "lundi matin", type: "appointment", mediateur: ids.outsider }),
    );
    expect(response.status).toBe(400);
    const text = await html(response);
    for (const message of [m.errors.nameLong, m.errors.maxBelowMin, m.errors.gridMinutes, m.errors.price, m.errors.mediatorUnknown]) expect(text).toContain(message);
    expect(text).toContain("Ces horaires ne sont pas au format OpenStreetMap.");
    expect(text).toContain('href="#champ-duree_max"');
    expect(text).toContain('aria-invalid="true"');
    expect(text).toContain('value="-2"'); // what was typed stays
    expect(await loadResource(resource.id)).toEqual(before);

    // The new-resource form too: nothing created.
    const count = async () => (await database.db.select({ id: resources.id }).from(resources).where(eq(resources.placeId, ids.placeA))).length;
    const n = await count();
    const create = await h.post("manager", page(), new URLSearchParams({ intent: "ressource", ...Object.fromEntries(resourceBody({ nom: "", grille: "241" })) }));
    expect(create.status).toBe(400);
    const createText = await html(create);
    expect(createText).toContain(m.errors.nameEmpty);
    expect(createText).toContain(m.errors.gridMinutes);
    expect(await count()).toBe(n);
  });

  it("answers 404 for another place's resource, and leaves it alone", async () => {
    const other = await createResource(database.db, { placeId: ids.placeB, name: "Poste Bêta" });
    const before = await loadResource(other.id);
    const url = `/gestion/lieux/${ids.placeA}/ressources/${other.id}`;
    expect((await h.get("manager", url)).status).toBe(404);
    expect((await h.post("manager", url, resourceBody({ nom: "Pris" }))).status).toBe(404);
    expect((await h.get("manager", `/gestion/lieux/${ids.placeA}/ressources/pas-un-identifiant`)).status).toBe(404);
    expect(await loadResource(other.id)).toEqual(before);
  });

  it("saves the booking settings, and refuses out-of-range ones in French", async () => {
    const saved = await h.post("manager", page(), new URLSearchParams({ intent: "reglages", rappel: "", delai_annulation: "12", absences: "3", conservation: "30" }));
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`${page()}?reglages`);
    const [row] = await database.db.select().from(bookingSettings).where(eq(bookingSettings.placeId, ids.placeA));
    expect(row).toMatchObject({ reminderHours: null, cancelDeadlineHours: 12, noShowLimit: 3, retentionDays: 30 });
    const refused = await h.post("manager", page(), new URLSearchParams({ intent: "reglages", rappel: "1", delai_annulation: "12", absences: "", conservation: "30" }));
    expect(refused.status).toBe(400);
    expect(await html(refused)).toContain(m.settingsErrors.reminderHours);
    const [after] = await database.db.select().from(bookingSettings).where(eq(bookingSettings.placeId, ids.placeA));
    expect(after!.reminderHours).toBeNull();
  });
});

describe("closures", () => {
  it("closes the place for a day: its bookings are cancelled, named with their times, and the closure is listed", async () => {
    const resource = await createResource(database.db, { placeId: ids.placeA, name: "Poste 9" });
    const day = addDays(todayIn("Europe/Paris", Date.now()), 3);
    const startsAt = new Date(startOfDay("Europe/Paris", day) + 10 * 3_600_000);
    const bookingId = await createBookingRow(database.db, { resource, startsAt, firstName: "Amandine" });
    const otherDay = await createBookingRow(database.db, { resource, startsAt: new Date(startsAt.getTime() + 86_400_000), firstName: "Bruno" });

    const response = await h.post("manager", page(), new URLSearchParams({ intent: "fermeture", portee: "lieu", du: day, au: day, raison: "Travaux" }));
    expect(response.status).toBe(200);
    const text = await html(response);
    expect(text).toContain(m.closureDone(1));
    expect(text).toContain("Amandine");
    expect(text).toContain("10 h");
    expect(text).not.toContain("Bruno");

    const [cancelled] = await database.db.select({ status: bookings.status, cancelledBy: bookings.cancelledBy }).from(bookings).where(eq(bookings.id, bookingId));
    expect(cancelled).toEqual({ status: "cancelled", cancelledBy: "closure" });
    const [kept] = await database.db.select({ status: bookings.status }).from(bookings).where(eq(bookings.id, otherDay));
    expect(kept!.status).toBe("confirmed");
    expect(await database.db.select({ id: closures.id }).from(closures).where(eq(closures.placeId, ids.placeA))).toHaveLength(1);
    expect(await html(await h.get("manager", page()))).toContain("Travaux");

    const wrong = await h.post("manager", page(), new URLSearchParams({ intent: "fermeture", portee: "lieu", du: day, au: addDays(day, -1), raison: "" }));
    expect(wrong.status).toBe(400);
    expect(await html(wrong)).toContain(m.closureErrors.order);
    expect(await database.db.select({ id: closures.id }).from(closures).where(eq(closures.placeId, ids.placeA))).toHaveLength(1);
  });
});

describe("calendar feeds", () => {
  it("shows a new feed's link once, serves the place's bookings there, and revokes it (then 404)", async () => {
    const resource = await createResource(database.db, { placeId: ids.placeA, name: "Poste 10" });
    await createBookingRow(database.db, { resource, startsAt: new Date(Date.now() + 5 * 86_400_000), firstName: "Chloé" });

    const created = await h.post("manager", page(), new URLSearchParams({ intent: "agenda", pour: "lieu" }));
    expect(created.status).toBe(200);
    const text = await html(created);
    expect(text).toContain(m.feedCreated);
    const url = new RegExp(`${ORIGIN}/calendrier/([A-Za-z0-9_-]{40,60})`).exec(text);
    expect(url).not.toBeNull();
    const token = url![1]!;
    // Shown once: the list shows the feed, never its link again.
    const list = await html(await h.get("manager", page()));
    expect(list).toContain(m.feedWholePlace);
    expect(list).not.toContain(token);

    const feed = await h.get(null, `/calendrier/${token}`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toContain("text/calendar");
    expect(await feed.text()).toContain("Chloé");

    const [row] = await database.db.select({ id: calendarFeeds.id }).from(calendarFeeds).where(eq(calendarFeeds.placeId, ids.placeA));
    const revoked = await h.post("manager", page(), new URLSearchParams({ intent: "revoquer", flux: row!.id }));
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get("location")).toBe(`${page()}?revoque`);
    expect((await h.get(null, `/calendrier/${token}`)).status).toBe(404);
    expect((await h.post("manager", page(), new URLSearchParams({ intent: "revoquer", flux: row!.id }))).status).toBe(404);
  });

  it("makes a feed for one mediator of the place, never for someone of another place", async () => {
    const mine = await h.post("manager", page(), new URLSearchParams({ intent: "agenda", pour: ids.mediator }));
    expect(mine.status).toBe(200);
    expect(await html(await h.get("manager", page()))).toContain(m.feedOf("Mehdi Médiateur"));
    const elsewhere = await h.post("manager", page(), new URLSearchParams({ intent: "agenda", pour: ids.outsider }));
    expect(elsewhere.status).toBe(400);
    expect(await html(elsewhere)).toContain(m.feedErrors.for);
    const feeds = await database.db.select({ userId: calendarFeeds.userId }).from(calendarFeeds).where(eq(calendarFeeds.userId, ids.outsider));
    expect(feeds).toHaveLength(0);
  });
});
