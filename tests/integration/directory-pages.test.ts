/**
 * The directory's list page and API around a position, through the real request handler
 * (the React Router server build compiled in memory by Vite): nearest first, page after
 * page, with no total until the last page, and the words and links that say so.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { parseReservationBody } from "~/features/api/booking-api";
import { createPlace } from "~/features/demo/factories.server";
import { createTestDatabase } from "../support/database";
import { ORIGIN, startHarness, type Harness } from "../support/harness";

let database: Database;
let h: Harness;
const get = (url: string) => h.get(null, url);

/** The text of the page's role="status" region. */
const status = (html: string) => /<p role="status"[^>]*>(.*?)<\/p>/s.exec(html)?.[1].replace(/<!-- -->/g, "").replace(/&#x27;/g, "'");
/** The names of the places listed, in order. */
const names = (html: string) => [...html.matchAll(/<h2[^>]*><a[^>]*>(Lieu \d\d)</g)].map((m) => m[1]);
const lieux = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `Lieu ${String(from + i).padStart(2, "0")}`);

beforeAll(async () => {
  database = await createTestDatabase();
  // 45 places north of a point, 1 km apart (the nearest is "Lieu 01").
  for (let i = 0; i < 45; i++) await createPlace(database.db, { name: `Lieu ${String(i + 1).padStart(2, "0")}`, latitude: 47 + (i + 1) / 111.2, longitude: 2.4 });
  h = await startHarness(database);
});
afterAll(async () => {
  await h?.close();
  await database?.close();
});

describe("the list of places around a position", () => {
  it("shows the 20 nearest and links to the next page instead of counting", async () => {
    const html = await (await get("/lieux?lat=47&lon=2.4")).text();
    expect(status(html)).toBe("Les 20 lieux les plus proches, à moins de 100 km. D'autres lieux, plus loin, sur la page suivante.");
    expect(names(html)).toEqual(lieux(1, 20));
    expect(html).toContain('<nav class="pagination" aria-label="Pages de résultats">');
    expect(html).toContain("<span>Page 1</span>");
    expect(html).toContain('href="/lieux?lat=47&amp;lon=2.4&amp;page=2">Page suivante</a>');
    expect(html).not.toContain("Page précédente");
  });

  it("says which page it is while more follow", async () => {
    const html = await (await get("/lieux?lat=47&lon=2.4&page=2")).text();
    expect(status(html)).toBe("Page 2 : les lieux suivants, du plus proche au plus loin. D'autres lieux, plus loin, sur la page suivante.");
    expect(names(html)).toEqual(lieux(21, 40));
    expect(html).toContain("<span>Page 2</span>");
    expect(html).toContain('href="/lieux?lat=47&amp;lon=2.4">Page précédente</a>');
    expect(html).toContain('href="/lieux?lat=47&amp;lon=2.4&amp;page=3">Page suivante</a>');
  });

  it("counts on the last page", async () => {
    const html = await (await get("/lieux?lat=47&lon=2.4&page=3")).text();
    expect(status(html)).toBe("45 lieux trouvés à moins de 100 km. Les plus proches d'abord.");
    expect(names(html)).toEqual(lieux(41, 45));
    expect(html).toContain("<span>Page 3 sur 3</span>");
    expect(html).toContain('href="/lieux?lat=47&amp;lon=2.4&amp;page=2">Page précédente</a>');
    expect(html).not.toContain("Page suivante");
    // Nothing else within the distance searched: an offer to look farther.
    expect(html).toContain("Aucun autre lieu ne correspond à moins de 100 km.");
    expect(html).toContain('href="/lieux?lat=47&amp;lon=2.4&amp;rayon=300">Chercher jusqu&#x27;à 300 km</a>');
  });

  it("looks within the distance the person chose, offers the choice, and says when nothing is that near", async () => {
    // The places are 1 km apart going north (Lieu 10 is 9.9995 km away): within 10 km, the first 10.
    const near = await (await get("/lieux?lat=47&lon=2.4&rayon=10")).text();
    expect(names(near)).toEqual(lieux(1, 10));
    expect(status(near)).toBe("10 lieux trouvés à moins de 10 km. Les plus proches d'abord.");
    expect(near).toContain('<input type="radio" id="rayon-10" name="rayon" checked="" value="10"/>');
    expect(near).toContain('<label for="rayon-10">10 km</label>');
    expect(near).toContain('href="/lieux?lat=47&amp;lon=2.4&amp;rayon=30">Chercher jusqu&#x27;à 30 km</a>');

    // 30 km south of the first place: none within 5 km, an offer to widen; an unknown distance is the default.
    const none = await (await get("/lieux?lat=46.7&lon=2.4&rayon=5")).text();
    expect(names(none)).toEqual([]);
    expect(status(none)).toBe("Aucun lieu trouvé à moins de 5 km.");
    expect(none).toContain('href="/lieux?lat=46.7&amp;lon=2.4&amp;rayon=10">Chercher jusqu&#x27;à 10 km</a>');
    expect(names(await (await get("/lieux?lat=46.7&lon=2.4&rayon=7")).text())).toEqual(lieux(1, 20));
    // The map says the same and offers the same way out.
    const map = await (await get("/lieux/carte?lat=46.7&lon=2.4&rayon=5")).text();
    expect(map).toContain('<p role="status">Aucun lieu trouvé à moins de 5 km.</p>');
    expect(map).toContain('href="/lieux/carte?lat=46.7&amp;lon=2.4&amp;rayon=10">Chercher jusqu&#x27;à 10 km</a>');
    // No distance to choose without a position.
    expect(await (await get("/lieux?q=Lieu")).text()).not.toContain('name="rayon"');
  });
});

describe("the API around a position", () => {
  type Page = { data: { nom: string; distance_m: number }[]; meta: { total: number | null; pages: number | null; page: number; par_page: number }; links: { next: string | null; prev: string | null } };
  const api = async (url: string) => (await (await get(url)).json()) as Page;

  it("gives no total while more pages follow, and the exact total on the last page", async () => {
    const first = await api("/api/v1/lieux?lat=47&lon=2.4&par_page=20");
    expect(first.data.map((p) => p.nom)).toEqual(lieux(1, 20));
    expect(first.meta).toMatchObject({ total: null, pages: null, page: 1, par_page: 20 });
    expect(first.links).toEqual({ self: `${ORIGIN}/api/v1/lieux?lat=47&lon=2.4&par_page=20&page=1`, next: `${ORIGIN}/api/v1/lieux?lat=47&lon=2.4&par_page=20&page=2`, prev: null });
    const distances = first.data.map((p) => p.distance_m);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(distances[0]).toBeGreaterThan(900);
    expect(distances[0]).toBeLessThan(1100);

    const second = await api(first.links.next!.slice(ORIGIN.length));
    expect(second.data.map((p) => p.nom)).toEqual(lieux(21, 40));
    expect(second.meta).toMatchObject({ total: null, pages: null, page: 2 });
    expect(second.links.prev).toBe(`${ORIGIN}/api/v1/lieux?lat=47&lon=2.4&par_page=20&page=1`);

    const last = await api(second.links.next!.slice(ORIGIN.length));
    expect(last.data.map((p) => p.nom)).toEqual(lieux(41, 45));
    expect(last.meta).toMatchObject({ total: 45, pages: 3, page: 3 });
    expect(last.links.next).toBeNull();

    const all = await api("/api/v1/lieux?lat=47&lon=2.4&par_page=100");
    expect(all.data).toHaveLength(45);
    expect(all.meta).toMatchObject({ total: 45, pages: 1 });
    expect(all.links.next).toBeNull();
  });

  it("keeps to the distance asked for, and refuses a distance that is not a number of kilometres", async () => {
    const near = await api("/api/v1/lieux?lat=47&lon=2.4&rayon=10");
    expect(near.data.map((p) => p.nom)).toEqual(lieux(1, 10));
    expect(near.meta).toMatchObject({ total: 10, pages: 1 });
    expect((await api("/api/v1/lieux?lat=47&lon=2.4&rayon=7")).data).toHaveLength(7);
    for (const bad of ["0", "dix", "1.5", "20001"]) {
      const response = await get(`/api/v1/lieux?lat=47&lon=2.4&rayon=${bad}`);
      expect(response.status, bad).toBe(400);
      expect(JSON.stringify(await response.json())).toContain("« rayon » doit être un nombre entier entre 1 et 20000.");
    }
  });

  it("documents the nullable total and pages in the OpenAPI document", async () => {
    const doc = (await (await get("/api/v1/openapi.json")).json()) as {
      paths: { "/api/v1/lieux": { get: { responses: { "200": { content: { "application/json": { schema: { properties: { meta: { properties: Record<string, { type: string | string[]; description?: string }> } } } } } } } } } };
    };
    const meta = doc.paths["/api/v1/lieux"].get.responses["200"].content["application/json"].schema.properties.meta.properties;
    expect(meta.total.type).toEqual(["integer", "null"]);
    expect(meta.total.description).toContain("null pour une recherche autour d'une position");
    expect(meta.pages.type).toEqual(["integer", "null"]);
  });

  it("documents the booking API: availability and reservation, with schemas and examples", async () => {
    type Operation = { parameters: { name: string; in: string; required: boolean }[]; requestBody?: { required: boolean; content: Record<string, { schema: { $ref: string } }> }; responses: Record<string, { content?: Record<string, { schema: object; example?: object }> }> };
    const doc = (await (await get("/api/v1/openapi.json")).json()) as { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, { example?: Record<string, unknown>; required?: string[] }> } };
    const availability = doc.paths["/api/v1/lieux/{slug}/disponibilites"]!.get!;
    expect(availability.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(["path:slug", "query:du", "query:au", "query:type"]);
    expect(Object.keys(availability.responses)).toEqual(["200", "400", "404"]);
    const reservation = doc.paths["/api/v1/reservations"]!.post!;
    expect(reservation.parameters).toEqual([expect.objectContaining({ name: "Idempotency-Key", in: "header", required: true })]);
    expect(reservation.requestBody!.content["application/json"]!.schema).toEqual({ $ref: "#/components/schemas/DemandeReservation" });
    expect(Object.keys(reservation.responses).sort()).toEqual(["200", "201", "400", "404", "409", "413", "415", "422", "429"]);
    for (const name of ["Creneau", "Ressource", "Disponibilites", "DemandeReservation", "Reservation", "Erreur"]) expect(doc.components.schemas[name], name).toBeDefined();
    // The examples have every required field, and the request's example is one the API accepts.
    for (const name of ["Disponibilites", "DemandeReservation", "Reservation"]) {
      const schema = doc.components.schemas[name]!;
      for (const field of schema.required!) expect(schema.example, `${name}.${field}`).toHaveProperty(field);
    }
    expect(parseReservationBody(doc.components.schemas.DemandeReservation!.example, "cle-de-test-0123456789").ok).toBe(true);
  });
});
