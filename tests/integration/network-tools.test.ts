/**
 * The coordinator's network tools through the real request handler, on real places of the
 * Centre-Val de Loire file: filters of the network page, detaching and attaching places,
 * creating a place (validation that keeps what was typed) and importing a file of the
 * national standard through the web (all-or-nothing, the row-by-row report as a page).
 */
import { and, asc, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { auditLog, importRuns, labelGrants, networks, placeNetworks, places } from "~/db/schema";
import { attachToNetwork, createLabelGrant, createNetwork, createPlace } from "~/features/demo/factories.server";
import { grantLabel } from "~/features/networks/labels.server";
import { IMPORT_MAX_BYTES } from "~/features/places/web-import.server";

import { createTestDatabase } from "../support/database";
import { html, startHarness, type Harness } from "../support/harness";
import { cvlRows, cvlStandardCsv, importCvlRows } from "../support/real-places";
import { todayInFrance } from "~/features/time/today";

let database: Database;
let h: Harness;
let networkA = { id: "", name: "Réseau Alpha" };
let coordinatorId = "";
const ids = { inA: "", inB: "", outside: "", managed: "" };

async function placesOf(slug: string) {
  return database.db
    .select({ id: places.id, name: places.name, commune: places.commune })
    .from(places)
    .innerJoin(placeNetworks, eq(placeNetworks.placeId, places.id))
    .innerJoin(networks, eq(networks.id, placeNetworks.networkId))
    .where(eq(networks.slug, slug))
    .orderBy(asc(places.name));
}
const countPlaces = async () => Number((await database.db.select({ n: count() }).from(places))[0]!.n);
/** Audit lines of an action (about one place when given). */
const countAudit = async (action: string, placeId?: string) =>
  Number((await database.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, action), placeId ? eq(auditLog.placeId, placeId) : undefined)))[0]!.n);

function upload(content: string | Uint8Array<ArrayBuffer>, name: string, type = "text/csv") {
  const form = new FormData();
  form.set("fichier", new File([content], name, { type }));
  return form;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  const a = await createNetwork(db, { slug: "reseau-a", name: "Réseau Alpha" });
  const b = await createNetwork(db, { slug: "reseau-b", name: "Réseau Bêta" });
  networkA = { id: a.id, name: "Réseau Alpha" };
  await importCvlRows(database, { count: 6, networkSlug: "reseau-a" });
  await importCvlRows(database, { count: 3, from: 6, networkSlug: "reseau-b" });
  await importCvlRows(database, { count: 3, from: 9 });
  const listA = await placesOf("reseau-a");
  ids.inA = listA[0]!.id;
  ids.managed = listA[1]!.id;
  ids.inB = (await placesOf("reseau-b"))[0]!.id;
  const inNetwork = new Set([...listA, ...(await placesOf("reseau-b"))].map((p) => p.id));
  ids.outside = (await db.select({ id: places.id }).from(places)).find((p) => !inNetwork.has(p.id))!.id;
  h = await startHarness(database);
  coordinatorId = await h.person("coordinatorA", { role: "coordinator", networkId: a.id });
  await h.person("coordinatorB", { role: "coordinator", networkId: b.id });
  await h.person("managerA", { role: "manager", placeId: ids.managed });
}, 120_000);

afterAll(async () => {
  await h?.close();
  await database?.close();
});

describe("network page filters", () => {
  it("filters by label, commune and out-of-date information, and keeps the filters in the form", async () => {
    // A network of its own, whose six places no other test changes: one labelled, one up to date.
    const { db } = database;
    const network = await createNetwork(db, { slug: "reseau-filtres", name: "Réseau Filtres" });
    await h.person("coordinatorF", { role: "coordinator", networkId: network.id });
    const list = [];
    for (const [i, commune] of ["Bourges", "Bourges", "Vierzon", "Tours", "Blois", "Orléans"].entries()) {
      const place = await createPlace(db, { name: `Espace filtré ${i + 1}`, commune, updatedOn: i === 1 ? todayInFrance(new Date()) : "2024-04-02" });
      await attachToNetwork(db, { placeId: place.id, networkId: network.id });
      list.push(place);
    }
    const [labelled, fresh] = [list[0]!, list[1]!];
    await createLabelGrant(db, { placeId: labelled.id, networkId: network.id, validFrom: "2025-01-01" });
    const page = async (query: string) => html(await h.get("coordinatorF", `/gestion/reseaux/reseau-filtres?${query}`));

    const yes = await page("label=oui");
    expect(yes).toContain("1 lieu.");
    expect(yes).toContain(`id="lieu-${labelled.id}"`);
    const no = await page("label=non");
    expect(no).toContain("5 lieux.");
    expect(no).not.toContain(`id="lieu-${labelled.id}"`);
    expect(no).toMatch(/id="filtre-label-non"[^>]*checked/);

    const byCommune = await page("commune=Bourges");
    expect(byCommune).toContain("2 lieux.");
    expect(byCommune).toContain('<option value="Bourges" selected="">');
    expect(byCommune).toContain(`id="lieu-${fresh.id}"`);
    expect(byCommune).not.toContain(`id="lieu-${list[3]!.id}"`);

    const stale = await page("maj=ancienne");
    expect(stale).toContain("5 lieux.");
    expect(stale).not.toContain(`id="lieu-${fresh.id}"`);
    expect(stale).toContain(`id="lieu-${labelled.id}"`);
  });
});

describe("detaching and attaching places", () => {
  it("detaches a place: it leaves the network, its label ends, both audited", async () => {
    const { db } = database;
    const labelled = (await createPlace(db, { name: "Espace labellisé à détacher" })).id;
    await attachToNetwork(db, { placeId: labelled, networkId: networkA.id });
    expect(await grantLabel(db, networkA, { lieu: labelled, themes: ["Inclusion sociale"], du: "2025-01-01", au: "" }, coordinatorId)).toMatchObject({ ok: true });
    const done = await h.post("coordinatorA", "/gestion/reseaux/reseau-a", new URLSearchParams({ intent: "detach", lieu: labelled }));
    expect(done.status).toBe(200);
    expect(await html(done)).toContain("ne fait plus partie du réseau.");
    expect(await database.db.select().from(placeNetworks).where(and(eq(placeNetworks.placeId, labelled), eq(placeNetworks.networkId, networkA.id)))).toHaveLength(0);
    const [grant] = await database.db.select().from(labelGrants).where(eq(labelGrants.placeId, labelled));
    expect(grant!.validUntil! < todayInFrance(new Date())).toBe(true);
    expect(await countAudit("network.detach", labelled)).toBe(1);
    expect(await countAudit("label.withdraw", labelled)).toBe(1);
    // The place is still on the platform.
    expect(await database.db.select({ id: places.id }).from(places).where(eq(places.id, labelled))).toHaveLength(1);
  });

  it("refuses to detach a place of another network, and another network's coordinator", async () => {
    const other = await h.post("coordinatorA", "/gestion/reseaux/reseau-a", new URLSearchParams({ intent: "detach", lieu: ids.inB }));
    expect(other.status).toBe(400);
    expect(await html(other)).toContain("Ce lieu ne fait pas partie du réseau.");
    expect((await h.post("coordinatorB", "/gestion/reseaux/reseau-a", new URLSearchParams({ intent: "detach", lieu: ids.inA }))).status).toBe(403);
    expect(await database.db.select().from(placeNetworks).where(eq(placeNetworks.placeId, ids.inB))).toHaveLength(1);
    expect(await database.db.select().from(placeNetworks).where(eq(placeNetworks.placeId, ids.inA))).toHaveLength(1);
    expect(await countAudit("network.detach", ids.inB)).toBe(0);
    expect(await countAudit("network.detach", ids.inA)).toBe(0);
  });

  it("finds a place outside the network by name or commune and attaches it (audited)", async () => {
    const [outside] = await database.db.select({ name: places.name, commune: places.commune }).from(places).where(eq(places.id, ids.outside));
    const found = await html(await h.get("coordinatorA", `/gestion/reseaux/reseau-a/rattacher?q=${encodeURIComponent(outside!.name)}`));
    expect(found).toContain(`value="${ids.outside}"`);
    expect(found).toContain(`Rattacher ${outside!.name} (${outside!.commune}) au réseau`);
    // Places already in the network are not offered.
    const inA = (await placesOf("reseau-a")).find((p) => p.id === ids.inA)!;
    expect(await html(await h.get("coordinatorA", `/gestion/reseaux/reseau-a/rattacher?q=${encodeURIComponent(inA.name)}`))).not.toContain(`value="${ids.inA}"`);
    expect(await html(await h.get("coordinatorA", "/gestion/reseaux/reseau-a/rattacher?q=ab"))).toContain("Écrivez 3 caractères au moins.");

    const done = await h.post("coordinatorA", "/gestion/reseaux/reseau-a/rattacher", new URLSearchParams({ intent: "attach", lieu: ids.outside }));
    expect(done.status).toBe(200);
    expect(await html(done)).toContain(`${outside!.name} fait maintenant partie du réseau.`);
    expect(await database.db.select().from(placeNetworks).where(and(eq(placeNetworks.placeId, ids.outside), eq(placeNetworks.networkId, networkA.id)))).toHaveLength(1);
    expect(await countAudit("network.attach", ids.outside)).toBe(1);
    const again = await h.post("coordinatorA", "/gestion/reseaux/reseau-a/rattacher", new URLSearchParams({ intent: "attach", lieu: ids.outside }));
    expect(again.status).toBe(400);
    expect(await html(again)).toContain("Ce lieu fait déjà partie du réseau.");
    expect(await countAudit("network.attach", ids.outside)).toBe(1);
  });

  it("refuses a bad place id, a forged POST and another network's coordinator", async () => {
    const bad = await h.post("coordinatorA", "/gestion/reseaux/reseau-a/rattacher", new URLSearchParams({ intent: "attach", lieu: "n-importe-quoi" }));
    expect(bad.status).toBe(400);
    expect(await html(bad)).toContain("Ce lieu n'existe pas : refaites la recherche.");
    expect((await h.post("coordinatorA", "/gestion/reseaux/reseau-a/rattacher", new URLSearchParams({ intent: "attach", lieu: ids.inB }), { csrf: "x".repeat(43) })).status).toBe(403);
    expect((await h.get("coordinatorB", "/gestion/reseaux/reseau-a/rattacher?q=bourges")).status).toBe(403);
    expect((await h.post("coordinatorB", "/gestion/reseaux/reseau-a/rattacher", new URLSearchParams({ intent: "attach", lieu: ids.inB }))).status).toBe(403);
    expect((await h.get("managerA", "/gestion/reseaux/reseau-a/rattacher")).status).toBe(403);
    expect(await database.db.select().from(placeNetworks).where(eq(placeNetworks.placeId, ids.inB))).toHaveLength(1);
  });
});

describe("creating a place in the network", () => {
  const url = "/gestion/reseaux/reseau-a/nouveau-lieu";

  it("refuses bad input with French messages next to the fields, keeps what was typed, writes nothing", async () => {
    const before = await countPlaces();
    const audited = await countAudit("place.create");
    const bad = await h.post("coordinatorA", url, new URLSearchParams({ nom: "", pivot: "12", adresse: "2 rue des Écoles", code_postal: "180", commune: "Bourges" }));
    expect(bad.status).toBe(400);
    const page = await html(bad);
    expect(page).toContain("Le formulaire contient 2 erreurs");
    expect(page).toContain("Nom du lieu : Ce champ est obligatoire.");
    expect(page).toContain("Indiquez un code postal de 5 chiffres, par exemple 18000.");
    expect(page).toContain('value="2 rue des Écoles"');
    expect(page).toContain('aria-invalid="true"');

    const wrongCommune = await h.post("coordinatorA", url, new URLSearchParams({ nom: "Espace numérique du Val", pivot: "12", adresse: "2 rue des Écoles", code_postal: "18000", commune: "Orléans" }));
    expect(wrongCommune.status).toBe(400);
    expect(await html(wrongCommune)).toContain("Cette commune n'existe pas avec ce code postal");

    const badPivot = await h.post("coordinatorA", url, new URLSearchParams({ nom: "Espace numérique du Val", pivot: "12", adresse: "2 rue des Écoles", code_postal: "18000", commune: "Bourges" }));
    expect(badPivot.status).toBe(400);
    expect(await html(badPivot)).toContain("Le SIRET, RNA ou RIDET doit comporter de 9 à 14 lettres ou chiffres");
    expect(await countPlaces()).toBe(before);
    expect(await countAudit("place.create")).toBe(audited);
  });

  it("creates the place unpublished in the network, with the commune's code and position, audited", async () => {
    const done = await h.post("coordinatorA", url, new URLSearchParams({ nom: "Espace numérique du Val d'Auron", pivot: "21180033300011", adresse: "2 rue des Écoles", code_postal: "18000", commune: "bourges" }));
    expect(done.status).toBe(303);
    const location = done.headers.get("location")!;
    expect(location).toMatch(/^\/gestion\/lieux\/[0-9a-f-]{36}\?cree$/);
    const id = location.slice("/gestion/lieux/".length, -"?cree".length);
    const [place] = await database.db.select().from(places).where(eq(places.id, id));
    expect(place).toMatchObject({ name: "Espace numérique du Val d'Auron", commune: "Bourges", postcode: "18000", inseeCode: "18033", status: "unpublished", source: "reseau-epn", updatedOn: todayInFrance(new Date()), coordinatesFrom: "commune" });
    expect(place!.latitude).toBeGreaterThan(47);
    expect(await database.db.select().from(placeNetworks).where(and(eq(placeNetworks.placeId, id), eq(placeNetworks.networkId, networkA.id)))).toHaveLength(1);
    const [audit] = await database.db.select().from(auditLog).where(and(eq(auditLog.action, "place.create"), eq(auditLog.placeId, id)));
    expect(audit).toMatchObject({ placeId: id, networkId: networkA.id, actorUserId: coordinatorId });
    const edit = await html(await h.get("coordinatorA", location));
    expect(edit).toContain("Le lieu est créé, non publié.");
    expect(edit).toContain("Non publié : caché au public.");
  });

  it("is for the network's coordinators only", async () => {
    expect((await h.get("managerA", url)).status).toBe(403);
    expect((await h.get("coordinatorB", url)).status).toBe(403);
    const before = await countPlaces();
    expect((await h.post("coordinatorB", url, new URLSearchParams({ nom: "Intrus", pivot: "21180033300011", adresse: "1 rue", code_postal: "18000", commune: "Bourges" }))).status).toBe(403);
    expect(await countPlaces()).toBe(before);
  });
});

describe("importing a file into the network", () => {
  const url = "/gestion/reseaux/reseau-a/import";

  it("imports a CSV of the national standard, shows the report and attaches the places (audited)", async () => {
    const csv = await cvlStandardCsv(5, { from: 12 });
    const response = await h.post("coordinatorA", url, upload(csv, "hub-lo-extrait.csv"));
    expect(response.status).toBe(200);
    const page = await html(response);
    expect(page).toContain("Compte rendu de l'import");
    expect(page).toContain("Le fichier est importé.");
    expect(page).toContain("Fichier : hub-lo-extrait.csv (standard national v1.0.2)");
    expect(page).toContain("5 lieux lus : 5 valides, 0 en erreur.");
    expect(page).toMatch(/<th scope="row">Créés<\/th><td>5<\/td>/);
    const names = cvlRows(5, 12).map((r) => String(r.c_nom));
    const inA = (await placesOf("reseau-a")).map((p) => p.name);
    for (const name of names) expect(inA).toContain(name);
    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.action, "network.import"));
    expect(audit).toMatchObject({ networkId: networkA.id, actorUserId: coordinatorId, after: { file: "hub-lo-extrait.csv", created: 5, total: 5 } });

    // The same file again changes nothing.
    const again = await html(await h.post("coordinatorA", url, upload(csv, "hub-lo-extrait.csv")));
    expect(again).toMatch(/<th scope="row">Inchangés<\/th><td>5<\/td>/);
  });

  it("writes nothing when one row is wrong, and shows the row-by-row errors table", async () => {
    const before = { places: await countPlaces(), runs: (await database.db.select({ id: importRuns.id }).from(importRuns)).length, audits: await countAudit("network.import") };
    const csv = await cvlStandardCsv(4, { from: 20, edit: (row, i) => { if (i === 1) row.code_postal = "Bourges"; } });
    const response = await h.post("coordinatorA", url, upload(csv, "hub-lo-casse.csv"));
    expect(response.status).toBe(422);
    const page = await html(response);
    expect(page).toContain("Rien n'a été enregistré : corrigez les erreurs ci-dessous");
    expect(page).toContain("4 lieux lus : 3 valides, 1 en erreur.");
    expect(page).toContain("Erreurs (1)");
    expect(page).toMatch(/<td>3<\/td><td>[^<]*<\/td><td>code_postal<\/td><td>Bourges<\/td>/);
    expect(await countPlaces()).toBe(before.places);
    expect((await database.db.select({ id: importRuns.id }).from(importRuns)).length).toBe(before.runs);
    expect(await countAudit("network.import")).toBe(before.audits);
  });

  it("refuses a missing file, another type, a file not in the standard and a file over the limit, in French", async () => {
    const before = await countPlaces();
    const none = await h.post("coordinatorA", url, new FormData());
    expect(none.status).toBe(400);
    expect(await html(none)).toContain("Choisissez un fichier CSV ou JSON.");
    const txt = await h.post("coordinatorA", url, upload("nom;commune", "lieux.txt", "text/plain"));
    expect(txt.status).toBe(400);
    expect(await html(txt)).toContain("Le fichier doit être au format CSV (.csv) ou JSON (.json).");
    const raw = await h.post("coordinatorA", url, upload(JSON.stringify(cvlRows(3, 30)), "hub-lo-brut.json", "application/json"));
    expect(raw.status).toBe(400);
    expect(await html(raw)).toContain("Ce fichier ne suit pas le standard national");
    const broken = await h.post("coordinatorA", url, upload("[{\"nom\": ", "casse.json", "application/json"));
    expect(broken.status).toBe(400);
    expect(await html(broken)).toContain("Le fichier n'a pas pu être lu.");
    const big = await h.post("coordinatorA", url, upload(new Uint8Array(IMPORT_MAX_BYTES + 100_000), "enorme.csv"));
    expect(big.status).toBe(413);
    expect(await html(big)).toContain("Le fichier dépasse 5 Mo");
    expect(await countPlaces()).toBe(before);
  });

  it("is for the network's coordinators only, with the session's token", async () => {
    const csv = await cvlStandardCsv(2, { from: 40 });
    const before = await countPlaces();
    expect((await h.post("coordinatorA", url, upload(csv, "x.csv"), { csrf: null })).status).toBe(403);
    expect((await h.post("coordinatorB", url, upload(csv, "x.csv"))).status).toBe(403);
    expect((await h.post("managerA", url, upload(csv, "x.csv"))).status).toBe(403);
    expect((await h.get("coordinatorB", url)).status).toBe(403);
    expect(await countPlaces()).toBe(before);
  });
});
