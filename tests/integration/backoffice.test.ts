/**
 * The back-office of places and networks through the real request handler (the React
 * Router server build compiled in memory by Vite, tests/support/harness.ts): editing a
 * place and its hours, validation that keeps what was typed, optimistic concurrency,
 * rights across places, the audit log and the network's label. Each test works on a
 * place of its own (made before it), so that none depends on what another changed.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { auditLog, labelGrants, places } from "~/db/schema";
import { recordAudit } from "~/features/audit/record.server";
import { attachToNetwork, createNetwork, createPlace } from "~/features/demo/factories.server";
import { OSM_WEEKDAYS } from "~/features/time/weekday";
import { placeToFormValues } from "~/features/places/place-form";
import { editorField } from "~/features/hours/hours-editor";
import { openStatus } from "~/features/hours/open-now";
import { weekMultirange } from "~/features/hours/weekly-slots";
import { createTestDatabase } from "../support/database";
import { html, startHarness, type Harness } from "../support/harness";
import { placeFormBody as formBody } from "../support/place-form";

type Who = "mediatorA" | "managerA" | "coordinatorA" | "staffB";

let database: Database;
let h: Harness;
const ids = { networkA: "", coordinatorA: "", staffB: "", managerA: "" };
/** This test's place in network A ("Espace numérique Alpha"), its manager and mediator signed in. */
let placeA = "";
let slugA = "";
/** A place outside network A, managed by staffB. */
let placeB = "";

const request = (who: Who, url: string, body?: URLSearchParams) => (body ? h.post(who, url, body) : h.get(who, url));

async function loadPlace(id: string) {
  const [row] = await database.db.select().from(places).where(eq(places.id, id));
  return row!;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  h = await startHarness(database);
  ids.networkA = (await createNetwork(db, { slug: "reseau-a", name: "Réseau Alpha" })).id;
  placeB = (await createPlace(db, { name: "Cyber-base Bêta" })).id;
  ids.coordinatorA = await h.person("coordinatorA", { role: "coordinator", networkId: ids.networkA });
  ids.staffB = await h.person("staffB", { role: "manager", placeId: placeB });
}, 120_000);

beforeEach(async () => {
  const { db } = database;
  const place = await createPlace(db, { name: "Espace numérique Alpha", openingHours: "Mo-Fr 09:00-12:00", updatedOn: "2024-04-02" });
  await attachToNetwork(db, { placeId: place.id, networkId: ids.networkA });
  placeA = place.id;
  slugA = place.slug;
  ids.managerA = await h.person("managerA", { role: "manager", placeId: placeA });
  await h.person("mediatorA", { role: "mediator", placeId: placeA });
});

afterAll(async () => {
  await h?.close();
  await database?.close();
});

describe("editing a place", () => {
  it("a manager changes the hours with the editor: opening_hours, week_hours and 'open now' follow", async () => {
    const page = await request("managerA", `/gestion/lieux/${placeA}`);
    expect(page.status).toBe(200);
    const text = await html(page);
    expect(text).toContain("Modifier : Espace numérique Alpha");
    expect(text).toContain(`name="${editorField.from("Mo", 1)}"`);
    expect(text).toContain(`href="/lieux/${slugA}"`);

    const saturdayMorning = new Date("2026-11-28T10:00:00Z"); // Saturday 11:00 in Paris
    const before = await loadPlace(placeA);
    expect(openStatus(before.openingHours, before.timeZone, saturdayMorning).kind).toBe("closed");

    const values = placeToFormValues(before);
    expect(values.hoursMode).toBe("editor");
    for (const day of OSM_WEEKDAYS) values.hoursEditor.days[day] = { closed: true, ranges: [] };
    values.hoursEditor.days.Sa = { closed: false, ranges: [{ from: "10:00", to: "12:30" }, { from: "13:30", to: "16:00" }] };
    values.hoursEditor.holidaysClosed = true;
    const saved = await request("managerA", `/gestion/lieux/${placeA}`, formBody(values));
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`/gestion/lieux/${placeA}?enregistre`);

    const after = await loadPlace(placeA);
    expect(after.openingHours).toBe("Sa 10:00-12:30,13:30-16:00; PH off");
    expect(after.weekHours).toBe(weekMultirange("Sa 10:00-12:30,13:30-16:00"));
    expect(after.version).toBe(before.version + 1);
    expect(after.updatedOn).not.toBe("2024-04-02");
    expect(openStatus(after.openingHours, after.timeZone, saturdayMorning).kind).toBe("open");
    // SQL's "open on Saturday at 11:00" pre-filter agrees (minute 5 × 1440 + 660 of the week).
    const [{ open }] = await database.db.select({ open: sql<boolean>`${places.weekHours} @> 7860` }).from(places).where(eq(places.id, placeA));
    expect(open).toBe(true);

    const confirmation = await html(await request("managerA", `/gestion/lieux/${placeA}?enregistre`));
    expect(confirmation).toContain("Les modifications sont enregistrées.");
  });

  it("refuses bad input with French messages next to the fields and keeps what was typed", async () => {
    const place = await loadPlace(placeA);
    const values = placeToFormValues(place);
    values.text.nom = "";
    values.text.code_postal = "18 0";
    values.lines.courriels = "contact@exemple.fr\npas-un-courriel";
    values.equipment.computers = "beaucoup";
    values.hoursEditor.days.Mo = { closed: false, ranges: [{ from: "12:00", to: "09:00" }] };
    const response = await request("managerA", `/gestion/lieux/${placeA}`, formBody(values));
    expect(response.status).toBe(400);
    const text = await html(response);
    expect(text).toContain("Le formulaire contient 5 erreurs");
    expect(text).toContain("Ce champ est obligatoire.");
    expect(text).toContain("Indiquez un code postal de 5 chiffres, par exemple 18000.");
    expect(text).toContain("Une des adresses n'est pas une adresse électronique valide");
    expect(text).toContain("Indiquez un nombre entier, 0 ou plus.");
    expect(text).toContain("L'heure de fin doit être après l'heure de début.");
    // What was typed comes back.
    expect(text).toContain('value="18 0"');
    expect(text).toContain("pas-un-courriel");
    expect(text).toContain('value="beaucoup"');
    expect(text).toMatch(/id="champ-code_postal"[^>]*aria-invalid="true"[^>]*aria-describedby="champ-code_postal-erreur"|aria-invalid="true"[^>]*aria-describedby="champ-code_postal-erreur"[^>]*id="champ-code_postal"/);
    expect(text).toMatch(/<title>Erreur : /);
    expect((await loadPlace(placeA)).version).toBe(place.version);
  });

  it("checks the raw OSM text and the national standard", async () => {
    const place = await loadPlace(placeA);
    const values = placeToFormValues(place);
    values.hoursMode = "raw";
    values.hoursRaw = "lundi 9h-12h n'importe quoi";
    values.text.telephone = "12";
    const response = await request("managerA", `/gestion/lieux/${placeA}`, formBody(values));
    expect(response.status).toBe(400);
    const text = await html(response);
    expect(text).toContain("Ces horaires ne sont pas au format OpenStreetMap.");
    expect(text).toContain("lundi 9h-12h n'importe quoi");
    expect(text).toMatch(/Numéro de téléphone|téléphone/);
    expect((await loadPlace(placeA)).openingHours).toBe(place.openingHours);
  });

  it("refuses the second of two edits made from the same version (409), overwriting nothing", async () => {
    const place = await loadPlace(placeA);
    const first = placeToFormValues(place);
    const second = placeToFormValues(place);
    first.text.telephone = "+33248000001";
    second.text.telephone = "+33248000002";
    second.text.presentation_resume = "Un résumé";
    expect((await request("managerA", `/gestion/lieux/${placeA}`, formBody(first))).status).toBe(303);
    const refused = await request("coordinatorA", `/gestion/lieux/${placeA}`, formBody(second));
    expect(refused.status).toBe(409);
    const text = await html(refused);
    expect(text).toContain("Quelqu'un d'autre a modifié ce lieu pendant que vous le modifiiez");
    expect(text).toContain("+33248000001"); // what is saved now
    expect(text).toContain("+33248000002"); // what they typed, kept
    const now = await loadPlace(placeA);
    expect(now.phone).toBe("+33248000001");
    expect(now.summary).toBeNull();
    expect(now.version).toBe(place.version + 1);
  });

  it("lets a mediator read their place but not change it, and nobody act on another place", async () => {
    expect((await request("mediatorA", `/gestion/lieux/${placeA}`)).status).toBe(200);
    const place = await loadPlace(placeA);
    const values = placeToFormValues(place);
    values.text.nom = "Piraté";
    expect((await request("mediatorA", `/gestion/lieux/${placeA}`, formBody(values))).status).toBe(403);
    const other = placeToFormValues(await loadPlace(placeB));
    other.text.nom = "Piraté";
    expect((await request("mediatorA", `/gestion/lieux/${placeB}`, formBody(other))).status).toBe(403);
    expect((await request("staffB", `/gestion/lieux/${placeA}`)).status).toBe(403);
    expect((await request("managerA", `/gestion/lieux/${placeB}`)).status).toBe(403);
    expect((await loadPlace(placeB)).name).toBe("Cyber-base Bêta");
    expect((await loadPlace(placeA)).name).toBe("Espace numérique Alpha");
  });

  it("publishes and unpublishes with separate buttons", async () => {
    const place = await loadPlace(placeA);
    const body = new URLSearchParams({ intent: "unpublish", version: String(place.version) });
    const response = await request("managerA", `/gestion/lieux/${placeA}`, body);
    expect(response.status).toBe(303);
    expect((await loadPlace(placeA)).status).toBe("unpublished");
    // Hidden from the public; its staff still see the page as the public would, marked as a preview.
    expect((await request("managerA", `/lieux/${slugA}`)).status).toBe(404);
    for (const who of ["managerA", "mediatorA", "coordinatorA"] as const) {
      const preview = await request(who, `/gestion/lieux/${placeA}/apercu`);
      expect(preview.status, who).toBe(200);
      const text = await html(preview);
      expect(text).toContain("ce lieu n'est pas publié, le public ne voit pas cette page");
      expect(text).toContain("<h1>Espace numérique Alpha</h1>");
      expect(text).toContain("noindex");
      expect(text).not.toContain(`/lieux/${slugA}/signaler`);
    }
    expect((await request("staffB", `/gestion/lieux/${placeA}/apercu`)).status).toBe(403);
    // A stale page cannot flip it back.
    expect((await request("managerA", `/gestion/lieux/${placeA}`, new URLSearchParams({ intent: "publish", version: String(place.version) }))).status).toBe(409);
    expect((await request("mediatorA", `/gestion/lieux/${placeA}`, new URLSearchParams({ intent: "publish", version: String(place.version + 1) }))).status).toBe(403);
    expect((await request("managerA", `/gestion/lieux/${placeA}`, new URLSearchParams({ intent: "publish", version: String(place.version + 1) }))).status).toBe(303);
    expect((await loadPlace(placeA)).status).toBe("published");
    expect((await request("managerA", `/lieux/${slugA}`)).status).toBe(200);
    expect(await html(await request("managerA", `/gestion/lieux/${placeA}/apercu`))).toContain("la page publique du lieu montre la même chose");
  });
});

describe("audit log", () => {
  it("records the changed fields only, and shows them newest first to the manager", async () => {
    // The history: the hours, then the phone, changed; the place unpublished, then published again.
    const hours = placeToFormValues(await loadPlace(placeA));
    for (const day of OSM_WEEKDAYS) hours.hoursEditor.days[day] = { closed: true, ranges: [] };
    hours.hoursEditor.days.Sa = { closed: false, ranges: [{ from: "10:00", to: "12:30" }, { from: "13:30", to: "16:00" }] };
    hours.hoursEditor.holidaysClosed = true;
    expect((await request("managerA", `/gestion/lieux/${placeA}`, formBody(hours))).status).toBe(303);
    const phone = placeToFormValues(await loadPlace(placeA));
    phone.text.telephone = "+33248000001";
    expect((await request("managerA", `/gestion/lieux/${placeA}`, formBody(phone))).status).toBe(303);
    for (const intent of ["unpublish", "publish"]) {
      const version = String((await loadPlace(placeA)).version);
      expect((await request("managerA", `/gestion/lieux/${placeA}`, new URLSearchParams({ intent, version }))).status).toBe(303);
    }

    const rows = await database.db.select().from(auditLog).where(and(eq(auditLog.placeId, placeA), eq(auditLog.action, "place.update")));
    expect(rows.length).toBe(2);
    const line = rows.find((r) => (r.after as Record<string, unknown>).openingHours !== undefined)!;
    expect(line.before).toMatchObject({ openingHours: "Mo-Fr 09:00-12:00" });
    expect(line.after).toMatchObject({ openingHours: "Sa 10:00-12:30,13:30-16:00; PH off" });
    expect(Object.keys(line.after as object)).not.toContain("name");
    expect(line.actorUserId).toBe(ids.managerA);

    const page = await request("managerA", `/gestion/lieux/${placeA}/journal`);
    expect(page.status).toBe(200);
    const text = await html(page);
    expect(text).toContain("Horaires : Mo-Fr 09:00-12:00 → Sa 10:00-12:30,13:30-16:00; PH off");
    expect(text).toContain("Téléphone : (vide) → +33248000001");
    expect(text).toContain("Personne managerA");
    expect(text.indexOf("Lieu publié")).toBeLessThan(text.indexOf("Lieu dépublié"));
    expect(text.indexOf("Lieu dépublié")).toBeLessThan(text.indexOf("Horaires : Mo-Fr"));
    expect((await request("mediatorA", `/gestion/lieux/${placeA}/journal`)).status).toBe(403);
    expect((await request("coordinatorA", `/gestion/lieux/${placeA}/journal`)).status).toBe(200);
  });
});

describe("network page", () => {
  it("lists the network's places and lets the coordinator grant and withdraw the label", async () => {
    const page = await html(await request("coordinatorA", "/gestion/reseaux/reseau-a?q=alpha"));
    expect(page).toContain("Espace numérique Alpha");
    expect(page).toContain("Non labellisé");
    expect(page).not.toContain("Cyber-base Bêta");
    expect(await html(await request("coordinatorA", "/gestion/reseaux/reseau-a?q=inconnu"))).toContain("Aucun lieu.");

    const bad = await request("coordinatorA", "/gestion/reseaux/reseau-a", new URLSearchParams({ intent: "grant", lieu: placeA, du: "2026-13-01", au: "" }));
    expect(bad.status).toBe(400);
    expect(await html(bad)).toContain("Indiquez une date valide.");
    // A place outside the network is refused.
    expect((await request("coordinatorA", "/gestion/reseaux/reseau-a", new URLSearchParams({ intent: "grant", lieu: placeB, du: "2026-01-01" }))).status).toBe(400);

    const body = new URLSearchParams({ intent: "grant", lieu: placeA, du: "2026-01-01", au: "2028-12-31" });
    body.append("themes", "Inclusion sociale");
    body.append("themes", "Innovation territoriale");
    const granted = await request("coordinatorA", "/gestion/reseaux/reseau-a", body);
    expect(granted.status).toBe(200);
    const text = await html(granted);
    expect(text).toContain("Le label est accordé à Espace numérique Alpha.");
    expect(text).toContain("Labellisé jusqu'au 31 décembre 2028");
    const [grant] = await database.db.select().from(labelGrants).where(eq(labelGrants.placeId, placeA));
    expect(grant).toMatchObject({ label: "EPN labellisé Réseau Alpha", themes: ["Inclusion sociale", "Innovation territoriale"], validFrom: "2026-01-01", validUntil: "2028-12-31" });
    const audits = await database.db.select().from(auditLog).where(and(eq(auditLog.action, "label.grant"), eq(auditLog.placeId, placeA)));
    expect(audits).toHaveLength(1);

    const withdrawn = await request("coordinatorA", "/gestion/reseaux/reseau-a", new URLSearchParams({ intent: "withdraw", lieu: placeA }));
    expect(withdrawn.status).toBe(200);
    expect(await html(withdrawn)).toContain("Non labellisé");
    expect(await database.db.select().from(auditLog).where(and(eq(auditLog.action, "label.withdraw"), eq(auditLog.placeId, placeA)))).toHaveLength(1);

    expect((await request("managerA", "/gestion/reseaux/reseau-a")).status).toBe(403);
    expect((await request("managerA", "/gestion/reseaux/reseau-a", new URLSearchParams({ intent: "grant", lieu: placeA, du: "2026-01-01" }))).status).toBe(403);
    expect((await request("coordinatorA", "/gestion/reseaux/inconnu")).status).toBe(404);
  });

  it("shows the coordinator the network's log: its labels and its places' changes, not other places'", async () => {
    const grant = new URLSearchParams({ intent: "grant", lieu: placeA, du: "2026-01-01", au: "" });
    expect((await request("coordinatorA", "/gestion/reseaux/reseau-a", grant)).status).toBe(200);
    expect((await request("coordinatorA", "/gestion/reseaux/reseau-a", new URLSearchParams({ intent: "withdraw", lieu: placeA }))).status).toBe(200);
    await recordAudit(database.db, { actorUserId: ids.staffB, action: "place.update", entityType: "place", entityId: placeB, placeId: placeB, before: { name: "Ancien nom Bêta" }, after: { name: "Cyber-base Bêta" } });
    await recordAudit(database.db, { actorUserId: ids.managerA, action: "invitation.created", entityType: "invitation", placeId: placeA, after: { role: "mediator" } });
    const page = await request("coordinatorA", "/gestion/reseaux/reseau-a/journal");
    expect(page.status).toBe(200);
    const text = await html(page);
    expect(text).toContain("Journal du réseau : Réseau Alpha");
    expect(text).toContain("Label accordé");
    expect(text).toContain("Label retiré");
    expect(text).toContain("<td>Espace numérique Alpha</td>");
    expect(text).toContain("Invitation envoyée");
    expect(text).toContain("Rôle : (vide) → médiation");
    expect(text).not.toContain("Ancien nom Bêta");
    expect((await request("managerA", "/gestion/reseaux/reseau-a/journal")).status).toBe(403);
    expect((await request("staffB", "/gestion/reseaux/reseau-a/journal")).status).toBe(403);
  });
});
