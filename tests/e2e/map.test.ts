import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it, inject } from "vitest";
import { axeViolations, SCREENSHOTS, useChromium } from "../support/browser";

const SHOTS = SCREENSHOTS;
const FALLBACK = "La carte n'a pas pu se charger. La liste des lieux ci-dessous contient les mêmes informations.";

/** The map page (/lieux/carte): an enhancement over the list, never required. Needs `npm run build`. */
describe("the map of the directory's results", () => {
  const server = { url: inject("serverUrl") };
  const chromium = useChromium();

  /** A phone-sized page with no tile server (no internet in tests): tiles fail, the rest must not. */
  async function open(options: { javaScriptEnabled?: boolean; block?: RegExp } = {}): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await chromium.browser.newContext({ viewport: { width: 360, height: 740 }, locale: "fr-FR", javaScriptEnabled: options.javaScriptEnabled ?? true });
    const page = await context.newPage();
    await page.route(/tile|geopf/, (route) => route.abort());
    if (options.block) await page.route(options.block, (route) => route.abort());
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      // Tiles may fail (blocked here); anything else the page's CSP refuses is a bug.
      if (message.type() === "error" && /Content Security Policy/.test(message.text()) && !/tile|geopf/.test(message.text())) problems.push(message.text());
    });
    return { context, page, problems };
  }

  it("shows the places as clustered markers, usable with the keyboard, with no axe violation", async () => {
    const { context, page, problems } = await open();
    const response = await page.goto(`${server.url}/lieux/carte?q=bourges`);
    expect(response?.status()).toBe(200);
    expect(await page.locator("h1").textContent()).toMatch(/^Carte des lieux près de Bourges/);
    expect(await page.getByRole("link", { name: "Voir la liste" }).getAttribute("href")).toBe("/lieux?q=bourges");

    const map = page.getByRole("region", { name: "Carte des lieux" });
    await map.locator(".leaflet-marker-icon").first().waitFor();
    expect(await map.getAttribute("id")).toBe("carte");
    expect(await page.getByText(FALLBACK).count()).toBe(0);
    expect(await page.locator("#carte-aide").isVisible()).toBe(true);

    // The list below holds the same places as the map (the points are its coordinates, in order).
    const points = JSON.parse((await page.locator("#points").textContent()) ?? "{}") as { points: ([number, number] | null)[] };
    const items = page.locator("ol.carte-liste > li");
    expect(points.points.length).toBeGreaterThan(20);
    expect(await items.count()).toBe(points.points.length);
    expect(await page.locator("ol.carte-liste").textContent()).toMatch(/Bourges/i);
    expect(await items.first().textContent()).toMatch(/à \d/);

    // Every marker or group of markers is a named button.
    const icons = map.locator(".leaflet-marker-icon");
    const names = await icons.evaluateAll((els) => els.map((el) => [el.getAttribute("role"), el.getAttribute("aria-label") ?? el.getAttribute("alt")]));
    expect(names.length).toBeGreaterThan(0);
    for (const [role, name] of names) {
      expect(role).toBe("button");
      expect(name).toBeTruthy();
    }

    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "map.png") });

    // Tab order: the list link, a link to skip the map, the map itself.
    await page.getByRole("link", { name: "Voir la liste" }).focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Passer la carte et aller à la liste des lieux");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("carte");

    // Keyboard: Enter on a group zooms in until single places show; Enter on a place opens
    // its popup with the focus on the link to its page; Escape closes it and gives the focus back.
    const single = map.locator(".leaflet-marker-icon:not(.carte-groupe)");
    for (let i = 0; i < 6 && (await single.count()) === 0; i++) {
      await map.locator(".carte-groupe").first().focus();
      await page.keyboard.press("Enter");
      await page.waitForTimeout(600);
    }
    const marker = single.first();
    const name = await marker.getAttribute("title");
    await marker.focus();
    await page.keyboard.press("Enter");
    const link = map.locator(".leaflet-popup .carte-popup a");
    await link.waitFor();
    expect(await link.textContent()).toBe(name);
    expect(await link.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await link.getAttribute("href")).toMatch(/^\/lieux\/[a-z0-9-]+$/);
    expect(await map.locator(".leaflet-popup .carte-popup").textContent()).toMatch(/\d{5} .+ — à \d/);
    expect(await map.locator(".leaflet-popup-close-button").getAttribute("aria-label")).toBe("Fermer");
    // The popup fits in the phone-sized map (after the map pans); axe checks colours once it has faded in.
    await page.waitForFunction(() => {
      const popup = document.querySelector(".leaflet-popup")!;
      const inner = popup.getBoundingClientRect();
      const outer = document.getElementById("carte")!.getBoundingClientRect();
      return getComputedStyle(popup).opacity === "1" && inner.left >= outer.left && inner.right <= outer.right && inner.top >= outer.top;
    });
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "map-popup.png") });
    await page.keyboard.press("Escape");
    await map.locator(".leaflet-popup").waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.activeElement?.getAttribute("title"))).toBe(name);

    expect(problems).toEqual([]);
    await context.close();
  });

  it("without JavaScript, shows the fallback text and the list", async () => {
    const { context, page } = await open({ javaScriptEnabled: false });
    await page.goto(`${server.url}/lieux/carte?q=bourges`);
    expect(await page.getByText(FALLBACK).isVisible()).toBe(true);
    expect(await page.locator(".leaflet-container").count()).toBe(0);
    const links = page.locator("ol.carte-liste > li > a");
    expect(await links.count()).toBeGreaterThan(20);
    expect(await links.first().getAttribute("href")).toMatch(/^\/lieux\/[a-z0-9-]+$/);
    expect(await page.getByRole("heading", { level: 2, name: "Les lieux de la carte" }).count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, "map-no-js.png") });
    await context.close();
  });

  it("when the map module cannot load, says so after a while, and the list stays", async () => {
    const { context, page } = await open({ block: /\/js\/map\.js/ });
    await page.goto(`${server.url}/lieux/carte?q=bourges`);
    const fallback = page.getByText(FALLBACK);
    expect(await fallback.isVisible()).toBe(false); // not while the map may still come
    await fallback.waitFor({ state: "visible", timeout: 15_000 });
    expect(await page.locator("ol.carte-liste > li").count()).toBeGreaterThan(20);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it("keeps the query, and answers an empty search with a way out", async () => {
    const { context, page } = await open({ javaScriptEnabled: false });
    await page.goto(`${server.url}/lieux/carte?q=zzzzqqqq-aucun-lieu`);
    expect(await page.getByText("Aucun lieu ne correspond à votre recherche.").isVisible()).toBe(true);
    expect(await page.locator("#carte").count()).toBe(0);
    await context.close();
  });

  it("shows the mobile EPN's stops near the search as markers of their own, named, with their list", async () => {
    const { context, page, problems } = await open();
    await page.goto(`${server.url}/lieux/carte?q=36260`);
    await page.getByRole("link", { name: "Reuilly — Indre (36260)" }).click();
    const map = page.getByRole("region", { name: "Carte des lieux" });
    await map.locator(".leaflet-marker-icon").first().waitFor();
    const payload = JSON.parse((await page.locator("#points").textContent()) ?? "{}") as { stops?: [number, number][] };
    expect(payload.stops?.length).toBeGreaterThan(0);
    // Around Reuilly, its stop is among the nearest points, in the first view.
    const stops = map.locator(".carte-arret");
    await stops.first().waitFor({ state: "attached" });
    expect(await stops.first().getAttribute("aria-label")).toMatch(/La Rur@linette.* — arrêt de l'EPN mobile$/);
    expect(await page.locator("ol.carte-passages").textContent()).toMatch(/Reuilly/);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "map-arrets.png") });
    expect(problems).toEqual([]);
    await context.close();
  });
});
