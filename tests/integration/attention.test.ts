/**
 * The back-office home's "À traiter" and the reports pages, through the real request
 * handler, on a few real places of the Centre-Val de Loire file: reports to deal with,
 * pending invitations and out-of-date places for managers and coordinators, "marquer
 * comme traité" (audited, CSRF-checked, scoped to the place or the network).
 */
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { auditLog, networks, placeNetworks, placeReports, places } from "~/db/schema";
import { staleBefore } from "~/features/attention/attention.server";
import { createInvitationRow, createNetwork, createReport } from "~/features/demo/factories.server";
import { createTestDatabase } from "../support/database";
import { html, startHarness, type Harness } from "../support/harness";
import { importCvlRows } from "../support/real-places";
import { todayInFrance } from "~/features/time/today";

let database: Database;
let h: Harness;
let placeA = "";
let otherA = "";
let freshA = "";
let placeB = "";
const reports: Record<string, string> = {};

async function networkPlaces(slug: string) {
  return database.db
    .select({ id: places.id, name: places.name })
    .from(places)
    .innerJoin(placeNetworks, eq(placeNetworks.placeId, places.id))
    .innerJoin(networks, eq(networks.id, placeNetworks.networkId))
    .where(eq(networks.slug, slug))
    .orderBy(asc(places.name));
}

async function invite(placeId: string, state: "pending" | "expired" | "accepted") {
  const now = Date.now();
  await createInvitationRow(database.db, {
    placeId, email: `${state}@exemple.fr`,
    expiresAt: new Date(state === "expired" ? now - 1000 : now + 86_400_000), acceptedAt: state === "accepted" ? new Date() : null,
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  const a = await createNetwork(db, { slug: "reseau-a", name: "Réseau Alpha" });
  const b = await createNetwork(db, { slug: "reseau-b", name: "Réseau Bêta" });
  await importCvlRows(database, { count: 6, networkSlug: "reseau-a" });
  await importCvlRows(database, { count: 3, from: 6, networkSlug: "reseau-b" });
  const listA = await networkPlaces("reseau-a");
  const listB = await networkPlaces("reseau-b");
  [placeA, otherA, freshA] = [listA[0]!.id, listA[1]!.id, listA[2]!.id];
  placeB = listB[0]!.id;
  // One place of network A was updated today: not out of date.
  await db.update(places).set({ updatedOn: todayInFrance(new Date()) }).where(eq(places.id, freshA));
  // Reports that stay new: a test that marks one as dealt with makes its own.
  reports.a1 = await createReport(db, { placeId: placeA, topic: "horaires", message: "Le lieu est fermé le mercredi après-midi." });
  reports.a2 = await createReport(db, { placeId: placeA, topic: "adresse-telephone", message: "Le numéro de téléphone a changé." });
  reports.other = await createReport(db, { placeId: otherA, topic: "services", message: "On ne peut plus imprimer ici." });
  reports.b = await createReport(db, { placeId: placeB, topic: "autre", message: "Le lieu a déménagé l'an dernier." });
  await invite(placeA, "pending");
  await invite(placeA, "expired");
  await invite(placeA, "accepted");
  await invite(otherA, "pending");
  h = await startHarness(database);
  await h.person("managerA", { role: "manager", placeId: placeA });
  await h.person("mediatorA", { role: "mediator", placeId: placeA });
  await h.person("coordinatorA", { role: "coordinator", networkId: a.id });
  await h.person("staffB", { role: "manager", placeId: placeB });
  await h.person("coordinatorB", { role: "coordinator", networkId: b.id });
}, 120_000);

afterAll(async () => {
  await h?.close();
  await database?.close();
});

describe("staleBefore", () => {
  it("is the same day six months earlier in France, or the month's last day", () => {
    expect(staleBefore(new Date("2026-12-01T10:00:00Z"))).toBe("2026-06-01");
    expect(staleBefore(new Date("2026-08-31T10:00:00Z"))).toBe("2026-02-28");
    // 23:30 UTC on 31 March is already 1 April in Paris.
    expect(staleBefore(new Date("2026-03-31T23:30:00Z"))).toBe("2025-10-01");
  });
});

describe("back-office home: À traiter", () => {
  it("shows a manager their place's reports, pending invitations and out-of-date information, with links to act", async () => {
    const page = await html(await h.get("managerA", "/gestion"));
    expect(page).toContain("<h2 id=\"a-traiter\">À traiter</h2>");
    expect(page).toContain("2 signalements d'erreur à traiter");
    expect(page).toContain(`href="/gestion/lieux/${placeA}/signalements"`);
    // The expired and the accepted invitations do not count.
    expect(page).toContain("1 invitation envoyée, pas encore acceptée");
    expect(page).toContain(`href="/gestion/lieux/${placeA}/equipe"`);
    expect(page).toContain("il y a plus de 6 mois");
    expect(page).not.toContain("pending@exemple.fr");
    expect(page).not.toContain(placeB);
  });

  it("shows a mediator no 'À traiter' (they cannot act on it)", async () => {
    expect(await html(await h.get("mediatorA", "/gestion"))).not.toContain("À traiter");
  });

  it("shows a coordinator the reports, invitations and out-of-date places across the network only", async () => {
    const page = await html(await h.get("coordinatorA", "/gestion"));
    expect(page).toContain("Réseau Réseau Alpha");
    expect(page).toContain("3 signalements d'erreur à traiter");
    expect(page).toContain('href="/gestion/reseaux/reseau-a/signalements"');
    expect(page).toContain("2 invitations envoyées, pas encore acceptées");
    expect(page).toContain("5 lieux dont les informations datent de plus de 6 mois");
    expect(page).toContain('href="/gestion/reseaux/reseau-a?maj=ancienne"');
    expect(page).not.toContain(`href="/gestion/lieux/${freshA}"`);
    expect(page).not.toContain("Réseau Bêta");
  });
});

describe("a place's reports", () => {
  const url = () => `/gestion/lieux/${placeA}/signalements`;

  it("lists the reports to deal with and marks one as dealt with (audited)", async () => {
    const mine = await createReport(database.db, { placeId: placeA, topic: "horaires", message: "Le lieu ouvre maintenant le samedi matin." });
    const page = await html(await h.get("managerA", url()));
    expect(page).toContain("Le lieu est fermé le mercredi après-midi.");
    expect(page).toContain("Le numéro de téléphone a changé.");
    expect(page).toContain("Le lieu ouvre maintenant le samedi matin.");
    expect(page).not.toContain("On ne peut plus imprimer ici.");
    expect(page).toContain("3 signalements.");

    const done = await h.post("managerA", url(), new URLSearchParams({ intent: "resolve", signalement: mine }));
    expect(done.status).toBe(200);
    expect(await html(done)).toContain("est marqué comme traité.");
    const [row] = await database.db.select({ status: placeReports.status }).from(placeReports).where(eq(placeReports.id, mine));
    expect(row!.status).toBe("resolved");
    const audits = () => database.db.select().from(auditLog).where(and(eq(auditLog.action, "report.resolve"), eq(auditLog.entityId, mine)));
    expect(await audits()).toHaveLength(1);
    expect((await audits())[0]).toMatchObject({ placeId: placeA, before: { status: "new", topic: "horaires" }, after: { status: "resolved" } });

    // Twice: nothing more is written.
    expect(await html(await h.post("managerA", url(), new URLSearchParams({ intent: "resolve", signalement: mine })))).toContain("Ce signalement était déjà traité.");
    expect(await audits()).toHaveLength(1);

    const resolved = await html(await h.get("managerA", `${url()}?statut=traites`));
    expect(resolved).toContain("Le lieu ouvre maintenant le samedi matin.");
    expect(resolved).not.toContain("Le lieu est fermé le mercredi après-midi.");
    expect(resolved).not.toContain("Le numéro de téléphone a changé.");
  });

  it("refuses bad input with a French message and writes nothing", async () => {
    const bad = await h.post("managerA", url(), new URLSearchParams({ intent: "resolve", signalement: "pas-un-identifiant" }));
    expect(bad.status).toBe(400);
    expect(await html(bad)).toContain("Ce signalement n'existe pas ou ne concerne pas ce lieu.");
    // Another place's report, through this place's page.
    const other = await h.post("managerA", url(), new URLSearchParams({ intent: "resolve", signalement: reports.other! }));
    expect(other.status).toBe(404);
    const [row] = await database.db.select({ status: placeReports.status }).from(placeReports).where(eq(placeReports.id, reports.other!));
    expect(row!.status).toBe("new");
  });

  it("refuses a forged POST, mediators and another place's staff", async () => {
    expect((await h.post("managerA", url(), new URLSearchParams({ intent: "resolve", signalement: reports.a2! }), { csrf: null })).status).toBe(403);
    expect((await h.get("mediatorA", url())).status).toBe(403);
    expect((await h.get("staffB", url())).status).toBe(403);
    expect((await h.post("staffB", url(), new URLSearchParams({ intent: "resolve", signalement: reports.a2! }))).status).toBe(403);
    expect((await h.get("coordinatorB", url())).status).toBe(403);
    const [row] = await database.db.select({ status: placeReports.status }).from(placeReports).where(eq(placeReports.id, reports.a2!));
    expect(row!.status).toBe("new");
  });
});

describe("a network's reports", () => {
  it("lists the reports of the network's places only, and the coordinator marks one as dealt with", async () => {
    const page = await html(await h.get("coordinatorA", "/gestion/reseaux/reseau-a/signalements"));
    expect(page).toContain("On ne peut plus imprimer ici.");
    expect(page).toContain("Le numéro de téléphone a changé.");
    expect(page).not.toContain("Le lieu a déménagé l'an dernier.");
    const mine = await createReport(database.db, { placeId: otherA, topic: "services", message: "Le wifi ne marche plus." });
    const done = await h.post("coordinatorA", "/gestion/reseaux/reseau-a/signalements", new URLSearchParams({ intent: "resolve", signalement: mine }));
    expect(done.status).toBe(200);
    const [row] = await database.db.select({ status: placeReports.status }).from(placeReports).where(eq(placeReports.id, mine));
    expect(row!.status).toBe("resolved");
    const [audit] = await database.db.select().from(auditLog).where(and(eq(auditLog.action, "report.resolve"), eq(auditLog.entityId, mine)));
    expect(audit!.placeId).toBe(otherA);
  });

  it("refuses another network's report and another network's coordinator", async () => {
    const other = await h.post("coordinatorA", "/gestion/reseaux/reseau-a/signalements", new URLSearchParams({ intent: "resolve", signalement: reports.b! }));
    expect(other.status).toBe(404);
    expect(await html(other)).toContain("Ce signalement n'existe pas ou ne concerne pas ce lieu.");
    expect((await database.db.select({ status: placeReports.status }).from(placeReports).where(eq(placeReports.id, reports.b!)))[0]!.status).toBe("new");
    expect((await h.get("coordinatorB", "/gestion/reseaux/reseau-a/signalements")).status).toBe(403);
    expect((await h.get("managerA", "/gestion/reseaux/reseau-a/signalements")).status).toBe(403);
    expect((await h.post("coordinatorB", "/gestion/reseaux/reseau-a/signalements", new URLSearchParams({ intent: "resolve", signalement: reports.a2! }))).status).toBe(403);
  });
});
