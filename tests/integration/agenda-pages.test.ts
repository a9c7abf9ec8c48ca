/**
 * The agenda's page, feeds and API through the real request handler (tests/support/harness.ts):
 * the list with its filter form (bad values said, the rest applied), under 40 KB and without
 * scripts; the iCalendar feeds of a place, a network and a theme (UID, cancelled, location, URL,
 * cache headers; 404 for the unknown); the JSON API (offsets, CORS, 400 in French) and the
 * OpenAgenda export (fields of OpenAgenda's event model, status 6 for a cancelled session).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Database } from "~/db/client.server";
import { seedCommunes } from "~/features/communes/seed.server";
import { attachToNetwork, createNetwork, createPlace, createWorkshop } from "~/features/demo/factories.server";
import { addDays } from "~/features/time/calendar";
import { todayIn } from "~/features/time/today";
import { startOfDay } from "~/features/time/zone";
import { createTestDatabase } from "../support/database";
import { startHarness, type Harness } from "../support/harness";

let database: Database;
let h: Harness;
const today = todayIn("Europe/Paris", new Date());
const at = (days: number, hour = 14) => new Date(startOfDay("Europe/Paris", addDays(today, days)) + hour * 3_600_000);
const ids = { email: "", cancelled: "", slug: "" };

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  await seedCommunes(db);
  const network = await createNetwork(db, { slug: "reseau-berry", name: "Réseau du Berry" });
  const place = await createPlace(db, { name: "Espace numérique de Vierzon", commune: "Vierzon", phone: "+33248000000" });
  ids.slug = place.slug;
  await attachToNetwork(db, { placeId: place.id, networkId: network.id });
  ids.email = (await createWorkshop(db, { placeId: place.id, title: "Créer son adresse e-mail", theme: "Email", accessibility: "Salle de plain-pied, boucle magnétique.", sessions: [at(2)] })).sessionIds[0]!;
  ids.cancelled = (await createWorkshop(db, { placeId: place.id, title: "Atelier tablette", theme: "PrendreEnMainDuMateriel", sessions: [at(3)] })).sessionIds[0]!;
  await queryRows(db, sql`update workshop_sessions set status = 'cancelled', cancelled_at = now() where id = ${ids.cancelled}`);
  const far = await createPlace(db, { name: "Cyber-base de Lille", commune: "Lille" });
  await createWorkshop(db, { placeId: far.id, title: "Atelier à Lille", theme: "Email", sessions: [at(4)] });
  h = await startHarness(database);
}, 120_000);

afterAll(async () => {
  await h?.close();
  await database?.close();
});

/** The page as text, without React's text separators, apostrophes decoded. */
const text = async (r: Response) => (await r.text()).replace(/<!-- -->/g, "").replace(/&#x27;/g, "'");

describe("the agenda page", () => {
  it("lists the sessions with links to their pages, the form and the feeds, light and without scripts", async () => {
    const response = await h.get(null, "/agenda");
    expect(response.status).toBe(200);
    const html = await text(response);
    expect(Buffer.byteLength(html)).toBeLessThan(40_000);
    expect(html).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
    expect(html).toContain(`<a href="/ateliers/${ids.email}">Créer son adresse e-mail</a>`);
    expect(html).toContain("Atelier à Lille");
    expect(html).not.toContain("Atelier tablette"); // cancelled
    expect(html).toMatch(/<form [^>]*action="\/agenda" method="get">/);
    expect(html).toContain('<label for="champ-commune">Commune ou code postal</label>');
    expect(html).toContain("<legend>Quand ?</legend>");
    expect(html).toContain('href="webcal://localhost:3000/agenda/theme/Email.ics"');
    expect(html).toContain('<a href="/agenda">Agenda</a>'); // the main navigation
  });

  it("filters near a commune and says the distance", async () => {
    const html = await text(await h.get(null, "/agenda?commune=Vierzon&distance=20"));
    expect(html).toMatch(/<h1>Agenda des ateliers près de Vierzon/);
    expect(html).toContain("Créer son adresse e-mail");
    expect(html).not.toContain("Atelier à Lille");
    expect(html).toMatch(/Espace numérique de Vierzon, Vierzon \(à [\d,]+ km\)/);
  });

  it("says each bad value next to its field and applies the rest", async () => {
    const response = await h.get(null, "/agenda?distance=7&theme=Email&niveau=expert&commune=Vierzon");
    expect(response.status).toBe(200);
    const html = (await text(response));
    expect(html).toContain("Choisissez une distance dans la liste : 5, 10, 20, 50 ou 100 km.");
    expect(html).toContain("Ce niveau n'existe pas. Choisissez débutant, intermédiaire ou avancé.");
    expect(html).toContain('class="error-summary"');
    expect(html).toContain("Créer son adresse e-mail");
    expect(html).not.toContain("Atelier à Lille");
  });

  it("a first day far in the future is said, not a server error (page and API)", async () => {
    const page = await h.get(null, "/agenda?du=9999-12-31");
    expect(page.status).toBe(200);
    expect(await text(page)).toContain("La date de début n'est pas valable.");
    expect((await h.get(null, "/api/v1/agenda?du=9999-12-31")).status).toBeLessThan(500);
  });

  it("explains an empty agenda and offers a larger distance", async () => {
    const html = (await text(await h.get(null, "/agenda?commune=Vierzon&distance=5&theme=Sante")));
    expect(html).toContain("Aucune séance à moins de 5 km pendant ces dates.");
    expect(html).toContain('href="/agenda?commune=Vierzon&amp;distance=10&amp;theme=Sante">Chercher à moins de 10 km</a>');
  });

  it("links the pages without counting", async () => {
    const html = await text(await h.get(null, "/agenda?page=2"));
    expect(html).toContain('href="/agenda">Page précédente</a>');
    expect(html).toContain("<span>Page 2</span>");
    expect(html).not.toContain(">Suivant</a>");
  });
});

describe("the calendar feeds", () => {
  it("gives a place's sessions with UID, location, URL and cancellations, cacheable", async () => {
    const response = await h.get(null, `/lieux/${ids.slug}/agenda.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=900");
    const ics = (await text(response)).replace(/\r\n /g, "");
    expect(ics).toContain(`UID:${ids.email}@localhost:3000`);
    expect(ics).toContain(`URL;VALUE=URI:http://localhost:3000/ateliers/${ids.email}`);
    expect(ics).toContain("LOCATION:Espace numérique de Vierzon\\,");
    expect(ics).toMatch(new RegExp(`UID:${ids.cancelled}@localhost:3000[\\s\\S]*?STATUS:CANCELLED`));
    expect(ics).toContain("SUMMARY:Annulé — Atelier tablette");
    expect(ics).not.toContain("Atelier à Lille");
  });

  it("gives a network's and a theme's; 404 for the unknown", async () => {
    const network = await text(await h.get(null, "/reseaux/reseau-berry/agenda.ics"));
    expect(network).toContain("Créer son adresse e-mail");
    expect(network).not.toContain("Atelier à Lille");
    const theme = await text(await h.get(null, "/agenda/theme/Email.ics"));
    expect(theme).toContain("Créer son adresse e-mail");
    expect(theme).toContain("Atelier à Lille");
    expect(theme).not.toContain("Atelier tablette");
    for (const url of ["/reseaux/inconnu/agenda.ics", "/lieux/inconnu/agenda.ics", "/agenda/theme/Cuisine.ics", "/agenda/theme/Email"]) expect((await h.get(null, url)).status, url).toBe(404);
  });
});

describe("the agenda API", () => {
  it("answers JSON with the place's offset, open to other sites", async () => {
    const response = await h.get(null, "/api/v1/agenda?commune=Vierzon&theme=Email");
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const body = (await response.json()) as { data: Record<string, unknown>[]; meta: Record<string, unknown>; links: Record<string, unknown> };
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({ id: ids.email, titre: "Créer son adresse e-mail", type: "atelier", theme: { code: "Email", libelle: "E-mail" }, en_ligne: false, annulee: false, url: `http://localhost:3000/ateliers/${ids.email}` });
    expect(body.data[0]!.debut).toMatch(/^\d{4}-\d\d-\d\dT14:00:00\+0[12]:00$/);
    expect(body.meta).toMatchObject({ page: 1, par_page: 20, origine: { distance_km: 20 } });
    expect(body.links.next).toBeNull();
  });

  it("refuses bad and unknown parameters with French messages", async () => {
    const response = await h.get(null, "/api/v1/agenda?distance=7&couleur=bleu&par_page=500");
    expect(response.status).toBe(400);
    const body = (await response.json()) as { erreur: string; details: { parametre: string; message: string }[] };
    expect(body.erreur).toBe("Requête invalide");
    expect(body.details.map((d) => d.parametre).sort()).toEqual(["couleur", "distance", "par_page"]);
    expect((await h.get(null, "/api/v1/agenda?commune=Zzzyxwv")).status).toBe(400);
  });

  it("is described in the OpenAPI document", async () => {
    const doc = (await (await h.get(null, "/api/v1/openapi.json")).json()) as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/agenda", "/api/v1/agenda/openagenda"]));
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(["Seance", "EvenementOpenAgenda"]));
  });

  it("exports OpenAgenda events, cancelled ones with status 6", async () => {
    const response = await h.get(null, "/api/v1/agenda/openagenda?reseau=reseau-berry");
    expect(response.status).toBe(200);
    const { events } = (await response.json()) as { events: Record<string, unknown>[] };
    const email = events.find((e) => e.uid === ids.email)!;
    expect(email).toMatchObject({
      extIds: [{ key: "reseau-epn", value: ids.email }],
      title: { fr: "Créer son adresse e-mail" },
      keywords: { fr: ["Atelier", "E-mail", "Débutant"] },
      attendanceMode: 1,
      status: 1,
      location: { name: "Espace numérique de Vierzon", city: "Vierzon", countryCode: "FR" },
      registration: [{ type: "link", value: `http://localhost:3000/ateliers/${ids.email}` }, { type: "phone", value: "+33248000000" }],
      accessibility: { mi: true, hi: true },
    });
    expect((email.timings as { begin: string }[])[0]!.begin).toMatch(/T14:00:00\+0[12]:00$/);
    expect(events.find((e) => e.uid === ids.cancelled)?.status).toBe(6);
  });
});
