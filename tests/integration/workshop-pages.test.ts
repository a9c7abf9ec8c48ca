/**
 * The workshop pages through the real request handler (tests/support/harness.ts): the public
 * session page and its form without JavaScript (errors beside the fields, nothing written; a
 * retried form registers once), the manage link (waiting position, accept an offered seat,
 * cancel → the next person promoted), the .ics; the session desk (attendance, walk-ins, on behalf,
 * move, cancel) and the sign-in sheet, for the place's staff only.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "~/db/client.server";
import { createPlace, createWorkshop } from "~/features/demo/factories.server";
import { createTestDatabase } from "../support/database";
import { decodeEntities, html, startHarness, type Harness } from "../support/harness";

let database: Database;
let h: Harness;
const ids = { place: "", other: "", session: "", full: "", offer: "", cycle: "", mediator: "" };
const DAY = 86_400_000;

beforeAll(async () => {
  database = await createTestDatabase();
  h = await startHarness(database);
  const place = await createPlace(database.db, { name: "Espace numérique Alpha", phone: "0238000000" });
  ids.place = place.id;
  ids.other = (await createPlace(database.db, { name: "Cyber-base Bêta" })).id;
  // A week ahead in the afternoon, whatever the hour the test runs (late in the evening, a two-hour session would end the next day).
  const soon = new Date(Date.now() + 7 * DAY);
  soon.setUTCHours(13, 0, 0, 0);
  ids.session = (await createWorkshop(database.db, { placeId: place.id, title: "Créer son adresse e-mail", theme: "Email", capacity: 2, sessions: [soon], bring: "Votre téléphone" })).sessionIds[0]!;
  ids.full = (await createWorkshop(database.db, { placeId: place.id, title: "Sécuriser son smartphone", capacity: 1, sessions: [soon] })).sessionIds[0]!;
  ids.offer = (await createWorkshop(database.db, { placeId: place.id, title: "Faire ses démarches sur ameli.fr", capacity: 1, promotion: "offer", offerHours: 24, sessions: [soon] })).sessionIds[0]!;
  ids.cycle = (await createWorkshop(database.db, { placeId: place.id, title: "Premiers pas (cycle)", registration: "cycle", capacity: 6, sessions: [soon, new Date(soon.getTime() + 7 * DAY), new Date(soon.getTime() + 14 * DAY)] })).sessionIds[0]!;
  ids.mediator = await h.person("mediator", { role: "mediator", placeId: place.id, name: "Mehdi Médiateur" });
  await h.person("outsider", { role: "mediator", placeId: ids.other });
}, 120_000);

afterAll(async () => {
  await h?.close();
  await database?.close();
});

const form = (fields: Record<string, string>) => new URLSearchParams({ cle: `cle-${Math.random().toString(36).slice(2)}-0123456789`, ...fields });
let client = 0;
/** Each public request from its own address, so the rate limits of one test do not touch the next. */
const publicPost = (url: string, body: URLSearchParams) => h.send(null, url, { method: "POST", body, headers: { Origin: "http://localhost:3000" }, clientAddress: `198.51.100.${++client}` });

async function register(sessionId: string, prenom: string, telephone: string): Promise<string> {
  const response = await publicPost(`/ateliers/${sessionId}`, form({ prenom, telephone }));
  expect(response.status).toBe(303);
  return response.headers.get("location")!;
}

describe("the public session page", () => {
  it("shows the session in words, its seats and the form, without JavaScript", async () => {
    const response = await h.get(null, `/ateliers/${ids.session}`);
    expect(response.status).toBe(200);
    const page = decodeEntities(await html(response));
    expect(page).toContain("<h1>Créer son adresse e-mail</h1>");
    expect(page).toMatch(/, de \d+ h( \d\d)? à \d+ h/);
    expect(page).toContain("2 places restantes");
    expect(page).toContain("Votre téléphone");
    expect(page).toContain('name="prenom"');
    expect(page).not.toMatch(/<script[^>]*src=/);
    expect(page).toContain("<dt>Thème</dt><dd>E-mail</dd>");
    const jsonLd = JSON.parse(page.match(/<script type="application\/ld\+json">(.*?)<\/script>/)![1]!);
    expect(jsonLd).toMatchObject({ "@type": "Event", name: "Créer son adresse e-mail", eventStatus: "https://schema.org/EventScheduled" });
    expect(Buffer.byteLength(page)).toBeLessThan(40_000);
    expect((await h.get(null, "/ateliers/00000000-0000-0000-0000-000000000000")).status).toBe(404);
  });

  it("refuses a form without a name or contact, beside the fields, and writes nothing", async () => {
    const response = await publicPost(`/ateliers/${ids.session}`, form({ prenom: "", telephone: "12" }));
    expect(response.status).toBe(400);
    const page = decodeEntities(await html(response));
    expect(page).toContain("Écrivez votre prénom.");
    const [row] = await queryRows(database.db, sql`select count(*)::int as n from workshop_registrations where session_id = ${ids.session}`);
    expect(row!.n).toBe(0);
  });

  it("registers, shows the manage link's page; a retried form registers once", async () => {
    const body = form({ prenom: "Awa", telephone: "06 12 34 56 01" });
    const first = await publicPost(`/ateliers/${ids.session}`, body);
    const again = await publicPost(`/ateliers/${ids.session}`, body);
    expect(first.status).toBe(303);
    const link = first.headers.get("location")!;
    expect(link).toMatch(/^\/inscription\/[\w-]{43}\?nouvelle=1$/);
    expect(again.headers.get("location")).toBe(link.replace("nouvelle", "deja"));
    const page = decodeEntities(await html(await h.get(null, link)));
    expect(page).toContain("Vous êtes inscrit(e)");
    expect(page).toContain("06 12 34 56 01");
    expect((await h.get(null, link)).headers.get("cache-control")).toBe("no-store");
    const ics = await h.get(null, link.replace("?nouvelle=1", "/agenda.ics"));
    expect(ics.headers.get("content-type")).toContain("text/calendar");
    const icsText = await ics.text();
    expect(icsText).toContain("SUMMARY:Créer son adresse e-mail");
    expect(icsText).toContain("PRODID:-//Réseau EPN//Ateliers//FR");
    expect(icsText).toContain("STATUS:CONFIRMED");
  });

  it("puts the next person on the waiting list, promotes them when someone cancels, and tells them", async () => {
    const first = await register(ids.full, "Bruno", "0612345602");
    const second = await register(ids.full, "Chloé", "0612345603");
    expect(decodeEntities(await html(await h.get(null, `/ateliers/${ids.full}`)))).toContain("Complet — liste d'attente");
    const waiting = decodeEntities(await html(await h.get(null, second)));
    expect(waiting).toContain("Vous êtes sur la liste d'attente");
    expect(waiting).toContain("Vous êtes la première personne sur la liste d'attente.");
    const cancelled = await publicPost(first.split("?")[0]!, new URLSearchParams({ intent: "annuler", raison: "Empêchement" }));
    expect(cancelled.status).toBe(303);
    expect(decodeEntities(await html(await h.get(null, cancelled.headers.get("location")!)))).toContain("Votre inscription est annulée");
    expect(decodeEntities(await html(await h.get(null, second.split("?")[0]!)))).toContain("Votre inscription");
    const [sms] = await queryRows(database.db, sql`select body from sms_outbox where to_number = '+33612345603' and body like 'Une place%'`);
    expect(String(sms!.body)).toMatch(/^Une place s'est libérée : vous êtes inscrit\(e\) à Sécuriser son smartphone/);
  });

  it("offers a freed seat for a day: the person accepts it from their link", async () => {
    const first = await register(ids.offer, "Denis", "0612345604");
    const second = await register(ids.offer, "Emma", "0612345605");
    await publicPost(first.split("?")[0]!, new URLSearchParams({ intent: "annuler" }));
    const offered = decodeEntities(await html(await h.get(null, second.split("?")[0]!)));
    expect(offered).toContain("Une place vous attend");
    expect(offered).toContain("Accepter la place");
    const accepted = await publicPost(second.split("?")[0]!, new URLSearchParams({ intent: "accepter" }));
    expect(decodeEntities(await html(await h.get(null, accepted.headers.get("location")!)))).toContain("C'est noté : la place est à vous.");
  });

  it("a cycle lists every session and one registration covers them", async () => {
    const page = decodeEntities(await html(await h.get(null, `/ateliers/${ids.cycle}`)));
    expect(page).toContain("Un cycle de 3 séances : l'inscription vaut pour toutes.");
    const link = await register(ids.cycle, "Fatou", "0612345606");
    const [row] = await queryRows(database.db, sql`select session_id from workshop_registrations where person_key = '+33612345606'`);
    expect(row!.session_id).toBeNull();
    const ics = await (await h.get(null, link.replace("?nouvelle=1", "/agenda.ics"))).text();
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    // The series unpublished since: the person's link still opens, so they can cancel.
    await database.db.execute(sql`update workshops set published = false where id = (select workshop_id from workshop_sessions where id = ${ids.cycle})`);
    expect((await h.get(null, `/ateliers/${ids.cycle}`)).status).toBe(404);
    const manage = await h.get(null, link.split("?")[0]!);
    expect(manage.status).toBe(200);
    expect(decodeEntities(await html(manage))).toContain("Annuler mon inscription");
  });
});

describe("the session desk", () => {
  it("lists registrants for the place's staff, marks attendance and walk-ins, registers on behalf", async () => {
    const desk = `/gestion/lieux/${ids.place}/ateliers/seances/${ids.session}`;
    expect((await h.get("outsider", desk)).status).toBe(403);
    const page = decodeEntities(await html(await h.get("mediator", desk)));
    expect(page).toContain("Awa");
    const [awa] = await queryRows(database.db, sql`select id from workshop_registrations where person_key = '+33612345601'`);
    const saved = await h.post("mediator", desk, new URLSearchParams({ intent: "presences", [`presence-${awa!.id}`]: "present" }));
    expect(saved.status).toBe(200);
    expect(decodeEntities(await html(saved))).toContain("Présences enregistrées.");
    const [mark] = await queryRows(database.db, sql`select attendance from workshop_attendance where registration_id = ${String(awa!.id)}`);
    expect(mark!.attendance).toBe("present");
    const bad = await h.post("mediator", desk, new URLSearchParams({ intent: "sans-inscription", nombre: "-2" }));
    expect(bad.status).toBe(400);
    expect(decodeEntities(await html(bad))).toContain("Indiquez un nombre entier, 0 ou plus.");
    // An empty field is not « 0 »: it would wipe a count entered before.
    expect((await h.post("mediator", desk, new URLSearchParams({ intent: "sans-inscription", nombre: "" }))).status).toBe(400);
    expect((await h.post("mediator", desk, new URLSearchParams({ intent: "sans-inscription", nombre: "3" }))).status).toBe(200);
    const onBehalf = await h.post("mediator", desk, new URLSearchParams({ intent: "inscrire", prenom: "Gilles", telephone: "", courriel: "" }));
    expect(decodeEntities(await html(onBehalf))).toContain("Gilles est inscrit(e).");
    const [session] = await queryRows(database.db, sql`select walk_ins, seats_taken from workshop_sessions where id = ${ids.session}`);
    expect(session).toEqual({ walk_ins: 3, seats_taken: 2 });
  });

  it("prints a sign-in sheet with the registered names and blank rows, on one page", async () => {
    const sheet = decodeEntities(await html(await h.get("mediator", `/gestion/lieux/${ids.place}/ateliers/seances/${ids.session}/emargement`)));
    expect(sheet).toContain("Feuille d'émargement — Créer son adresse e-mail");
    expect(sheet).toContain("<td>Awa</td>");
    expect(sheet).toContain("<td>Gilles</td>");
    expect(sheet.match(/<tr>/g)!.length).toBe(1 + 22);
  });

  it("moves the session and tells the registrants; refuses a time in the past", async () => {
    const desk = `/gestion/lieux/${ids.place}/ateliers/seances/${ids.session}`;
    const past = await h.post("mediator", desk, new URLSearchParams({ intent: "deplacer", jour: "2020-01-06", debut: "14:00", fin: "16:00" }));
    expect(past.status).toBe(400);
    const far = await h.post("mediator", desk, new URLSearchParams({ intent: "deplacer", jour: "2099-01-06", debut: "14:00", fin: "16:00" }));
    expect(far.status).toBe(400);
    expect(decodeEntities(await html(far))).toContain("dans les 18 mois");
    const day = new Date(Date.now() + 9 * DAY).toISOString().slice(0, 10);
    const moved = await h.post("mediator", desk, new URLSearchParams({ intent: "deplacer", jour: day, debut: "10:00", fin: "12:00" }));
    expect(decodeEntities(await html(moved))).toContain("Séance déplacée ; 1 personne prévenue.");
    const [sms] = await queryRows(database.db, sql`select body from sms_outbox where to_number = '+33612345601' and body like 'Séance déplacée%'`);
    expect(String(sms!.body)).toContain("à 10 h");
  });
});
