import path from "node:path";
import { describe, expect, it, inject } from "vitest";
import { axeViolationsAt, SCREENSHOTS, useChromium } from "../support/browser";

const SHOTS = SCREENSHOTS;

describe("a newcomer finds the demo's real places", () => {
  const server = { url: inject("serverUrl") };
  const chromium = useChromium();

  it("answers /healthz", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok" });
  });

  it("serves the open-data API in the national standard, with an OpenAPI document", async () => {
    const res = await fetch(`${server.url}/api/v1/lieux?par_page=5&reseau=web-o-centre`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: Record<string, unknown>[]; meta: { total: number; pages: number }; links: { next: string } };
    expect(body.data).toHaveLength(5);
    expect(body.meta.total).toBeGreaterThan(400);
    expect(body.links.next).toContain("page=2");
    expect(Object.keys(body.data[0])).toEqual(expect.arrayContaining(["id", "pivot", "nom", "commune", "code_postal", "adresse", "date_maj"]));

    const bad = await fetch(`${server.url}/api/v1/lieux?page=0&taille=3`);
    expect(bad.status).toBe(400);
    const error = (await bad.json()) as { details: { parametre: string; message: string }[] };
    expect(error.details.map((d) => d.parametre).sort()).toEqual(["page", "taille"]);
    expect(error.details[0].message).toMatch(/doit être|inconnu/);

    const near = (await (await fetch(`${server.url}/api/v1/lieux?q=chateauroux&ouvert=mardi&par_page=3`)).json()) as { data: { distance_m: number; ouverture: { etat: string } }[]; meta: { origine: { libelle: string }; total: number | null; pages: number | null }; links: { next: string | null } };
    expect(near.meta.origine.libelle).toBe("Châteauroux (36000)");
    expect(near.data).toHaveLength(3);
    // Around a position nothing is counted while more pages follow: total and pages are null, links.next goes on.
    expect(near.meta.total).toBeNull();
    expect(near.meta.pages).toBeNull();
    expect(near.links.next).toContain("page=2");
    expect(near.data[0].distance_m).toBeLessThanOrEqual(near.data[2].distance_m);
    expect(["ouvert", "ferme", "inconnu"]).toContain(near.data[0].ouverture.etat);
    const wrong = await fetch(`${server.url}/api/v1/lieux?services=Cuisine&ouvert=jamais&lat=50`);
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { details: { parametre: string }[] }).details.map((d) => d.parametre).sort()).toEqual(["lon", "ouvert", "services"]);

    const csv = await fetch(`${server.url}/api/v1/lieux.csv?reseau=web-o-centre`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const text = await csv.text();
    expect(text.split("\n")[0]).toMatch(/^"id","pivot","nom","commune","code_postal"/);

    const openapi = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown>; components: { schemas: { Lieu: { properties: Record<string, unknown> } } } };
    expect(openapi.openapi).toBe("3.1.0");
    expect(Object.keys(openapi.paths)).toEqual(["/api/v1/lieux", "/api/v1/lieux.csv", "/api/v1/lieux/{slug}/disponibilites", "/api/v1/reservations", "/api/v1/agenda", "/api/v1/agenda/openagenda", "/api/v1/statistiques", "/api/v1/data-inclusion/structures", "/api/v1/data-inclusion/services", "/api/v1/partenaires/orientations", "/api/v1/partenaires/orientations/{id}"]);
    expect(Object.keys(openapi.components.schemas.Lieu.properties)).toHaveLength(32);
  });

  it("sends the security headers baseline", async () => {
    const res = await fetch(`${server.url}/`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-powered-by")).toBeNull();
  });

  it("searches, lists and opens a place, without JavaScript, with no axe violation", async () => {
    const context = await chromium.browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 }, locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto(server.url);
    expect(await page.locator("h1").textContent()).toBe("Trouver un lieu d'aide au numérique");
    expect(await page.textContent("main")).toContain("Web O Centre (démo)");
    expect(await axeViolationsAt(chromium.browser, page.url())).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "home.png"), fullPage: true });

    await page.getByLabel("Votre commune, votre code postal ou le nom d'un lieu").fill("bourges");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.waitForURL(/\/lieux\?q=bourges/);
    const status = await page.getByRole("status").textContent();
    expect(status).toBe("Les 20 lieux les plus proches, à moins de 100 km. D'autres lieux, plus loin, sur la page suivante.");
    const links = page.locator("ul.results h2 a");
    expect(await links.count()).toBeGreaterThan(0);
    expect(await page.textContent("main")).toContain("BOURGES");
    expect(await axeViolationsAt(chromium.browser, page.url())).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "results.png"), fullPage: true });

    await links.first().click();
    await page.waitForURL(/\/lieux\/[a-z0-9-]+$/);
    expect(await page.locator("h1").count()).toBe(1);
    expect(await page.textContent("main")).toContain("Adresse");
    expect(await axeViolationsAt(chromium.browser, page.url())).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "place.png"), fullPage: true });

    await page.goto(`${server.url}/lieux`);
    expect(await page.textContent("main")).toMatch(/[\d\s ]+ lieux trouvés/);
    expect(await page.getByRole("navigation", { name: "Pages de résultats" }).count()).toBe(1);

    const missing = await page.goto(`${server.url}/lieux/ce-lieu-n-existe-pas`);
    expect(missing?.status()).toBe(404);
    expect(await page.locator("h1").textContent()).toBe("Page introuvable");
    expect(await axeViolationsAt(chromium.browser, page.url())).toEqual([]);
    await context.close();
  });
});
