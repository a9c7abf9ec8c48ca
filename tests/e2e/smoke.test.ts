import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, launchChromium } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

const SHOTS = path.resolve(import.meta.dirname, "../../test-results");

describe("a newcomer finds the demo's real places", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    expect(await server?.stop()).toBe(0);
  });

  it("answers /healthz", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok" });
  });

  /** axe-core needs JavaScript in the page: check the same URL in a context where it runs. */
  async function violations(url: string) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(url);
    const found = await axeViolations(page);
    await context.close();
    return found;
  }

  it("searches, lists and opens a place, without JavaScript, with no axe violation", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 }, locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto(server.url);
    expect(await page.locator("h1").textContent()).toBe("Trouver un lieu d'aide au numérique");
    expect(await page.textContent("main")).toContain("Web O Centre (démo)");
    expect(await violations(page.url())).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "home.png"), fullPage: true });

    await page.getByLabel("Votre commune, votre code postal ou le nom d'un lieu").fill("bourges");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.waitForURL(/\/lieux\?q=bourges/);
    const status = await page.getByRole("status").textContent();
    expect(status).toMatch(/lieux? trouvés?/);
    const links = page.locator("ul.results h2 a");
    expect(await links.count()).toBeGreaterThan(0);
    expect(await page.textContent("main")).toContain("BOURGES");
    expect(await violations(page.url())).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "results.png"), fullPage: true });

    await links.first().click();
    await page.waitForURL(/\/lieux\/[a-z0-9-]+$/);
    expect(await page.locator("h1").count()).toBe(1);
    expect(await page.textContent("main")).toContain("Adresse");
    expect(await violations(page.url())).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "place.png"), fullPage: true });

    await page.goto(`${server.url}/lieux`);
    expect(await page.textContent("main")).toMatch(/[\d\s ]+ lieux trouvés/);
    expect(await page.getByRole("navigation", { name: "Pages de résultats" }).count()).toBe(1);

    const missing = await page.goto(`${server.url}/lieux/ce-lieu-n-existe-pas`);
    expect(missing?.status()).toBe(404);
    expect(await page.locator("h1").textContent()).toBe("Page introuvable");
    expect(await violations(page.url())).toEqual([]);
    await context.close();
  });
});
