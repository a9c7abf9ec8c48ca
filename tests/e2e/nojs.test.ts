import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { axeViolations, launchChromium } from "../support/browser";

/**
 * The whole directory journey on a phone with JavaScript off (360 × 740): search, distances,
 * filters, an ambiguous commune, an empty search, a place page; axe-core on every page met.
 */
describe("the directory without JavaScript", () => {
  const server = { url: inject("serverUrl") };
  let browser: Browser;
  let page: Page;
  /** Every URL the journey met, checked with axe-core at the end. */
  const visited = new Set<string>();

  beforeAll(async () => {
    browser = await launchChromium();
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 }, locale: "fr-FR" });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const visit = () => visited.add(page.url());

  /** "à 800 m", "à 1,2 km" → metres. */
  function metres(text: string): number {
    const m = /à ([\d\s  ]+(?:,\d+)?) (km|m)\b/.exec(text);
    if (!m) throw new Error(`pas de distance dans « ${text} »`);
    const n = Number(m[1].replace(/[\s  ]/g, "").replace(",", "."));
    return m[2] === "km" ? n * 1000 : n;
  }

  it("searches a commune from the home page: distances, nearest first", async () => {
    await page.goto(server.url);
    visit();
    await page.getByLabel("Votre commune, votre code postal ou le nom d'un lieu").fill("chateauroux");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.waitForURL(/\/lieux\?q=chateauroux/);
    visit();
    expect(await page.locator("h1").textContent()).toBe("Lieux près de Châteauroux (36000)");
    // Thousands of demo places: around a commune they are not counted, the page shows the 20 nearest.
    expect(await page.getByRole("status").textContent()).toBe("Les 20 lieux les plus proches, à moins de 100 km. D'autres lieux, plus loin, sur la page suivante.");
    const distances = await page.locator("ul.results .distance").allTextContents();
    expect(distances.length).toBeGreaterThan(1);
    expect(distances.length).toBe(await page.locator("ul.results > li").count());
    for (const d of distances) expect(d).toMatch(/à [\d\s  ,]+ (km|m)$/);
    const values = distances.map(metres);
    expect(values).toEqual([...values].sort((a, b) => a - b));
  });

  it("opens the filters, keeps only free places offering a service", async () => {
    const details = page.locator("details.filters");
    expect(await details.getAttribute("open")).toBeNull();
    await page.locator("details.filters > summary").click();
    expect(await details.getAttribute("open")).not.toBeNull();
    await page.getByLabel("Gratuit uniquement").check();
    await page.getByLabel("Aide pour vos démarches en ligne (CAF, impôts, santé…)").check();
    await page.getByRole("button", { name: "Afficher les lieux" }).click();
    await page.waitForURL(/gratuit=1/);
    visit();
    const url = new URL(page.url());
    expect(url.searchParams.get("q")).toBe("chateauroux");
    expect(url.searchParams.get("gratuit")).toBe("1");
    expect(url.searchParams.getAll("services")).toEqual(["Aide aux démarches administratives"]);
    const cards = page.locator("ul.results > li");
    const n = await cards.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      expect(await cards.nth(i).locator(".fees").textContent()).toBe("Gratuit");
      expect(await cards.nth(i).locator("ul.services").textContent()).toContain("Aide pour vos démarches en ligne");
    }
    // The filters stay open and checked, so the person sees what is applied.
    expect(await details.getAttribute("open")).not.toBeNull();
    expect(await page.getByLabel("Gratuit uniquement").isChecked()).toBe(true);
  });

  it("an ambiguous commune offers a choice; choosing one gives results", async () => {
    await page.goto(server.url);
    await page.getByLabel("Votre commune, votre code postal ou le nom d'un lieu").fill("Saint-Martin");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.waitForURL(/\/lieux\?q=Saint-Martin/);
    visit();
    expect(await page.getByRole("heading", { name: "Plusieurs communes correspondent. Laquelle cherchez-vous ?" }).count()).toBe(1);
    const choices = page.locator("ul.choices a");
    expect(await choices.count()).toBeGreaterThan(1);
    const choice = (await choices.first().textContent()) ?? "";
    // "Saint-Martin — Hautes-Pyrénées (65360)": the department tells homonyms apart.
    expect(choice).toMatch(/^Saint-Martin.* — .+ \(.+\)$/);
    await choices.first().click();
    await page.waitForURL(/commune=/);
    visit();
    expect(await page.locator("h1").textContent()).toContain(choice.replace(/ — .*$/, ""));
    expect(await page.locator("ul.results > li").count()).toBeGreaterThan(0);
    expect(await page.getByRole("status").textContent()).toBe("Les 20 lieux les plus proches, à moins de 100 km. D'autres lieux, plus loin, sur la page suivante.");
  });

  it("an empty search explains and offers to widen", async () => {
    await page.goto(server.url);
    await page.getByLabel("Votre commune, votre code postal ou le nom d'un lieu").fill("zzzqqq");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.waitForURL(/\/lieux\?q=zzzqqq/);
    visit();
    expect(await page.getByRole("status").textContent()).toMatch(/Aucun lieu trouvé/);
    const main = (await page.textContent("main")) ?? "";
    expect(main).toContain("Aucun lieu ne correspond à votre recherche.");
    expect(main).toContain("Vérifiez l'orthographe");
    const widen = page.getByRole("link", { name: "Voir tous les lieux" });
    expect(await widen.getAttribute("href")).toBe("/lieux");
    // The search field keeps what was typed, to correct it.
    expect(await page.getByLabel("Votre commune, votre code postal ou le nom d'un lieu").inputValue()).toBe("zzzqqq");
  });

  it("chooses a distance; when nothing is that near, says so and offers to look farther", async () => {
    // La Réunion, open on Sunday, within 10 km of Saint-Denis: none in the real files.
    await page.goto(`${server.url}/lieux?q=Saint-Denis%2097400&ouvert=dimanche`);
    visit();
    // A filter is set, so the filters are open.
    await page.getByLabel("10 km").check();
    await page.getByRole("button", { name: "Afficher les lieux" }).click();
    await page.waitForURL(/rayon=10/);
    visit();
    expect(await page.getByRole("status").textContent()).toBe("Aucun lieu trouvé à moins de 10 km.");
    await page.getByRole("link", { name: "Chercher jusqu'à 30 km" }).click();
    await page.waitForURL(/rayon=30/);
    expect(new URL(page.url()).searchParams.get("ouvert")).toBe("dimanche");
    expect(await page.getByRole("status").textContent()).toMatch(/à moins de 30 km\./);
  });

  it("opens a place page from the results", async () => {
    await page.goto(`${server.url}/lieux?q=chateauroux`);
    const first = page.locator("ul.results h2 a").first();
    const name = (await first.textContent()) ?? "";
    await first.click();
    await page.waitForURL(/\/lieux\/[a-z0-9-]+$/);
    visit();
    expect(await page.locator("h1").count()).toBe(1);
    expect(await page.locator("h1").textContent()).toBe(name);
    expect(await page.textContent("main")).toContain("Adresse");
  });

  it("finds no axe-core violation on any page of the journey, the empty result and a 404 (checked with JavaScript on)", async () => {
    const missing = await fetch(`${server.url}/lieux/ce-lieu-n-existe-pas`);
    expect(missing.status).toBe(404);
    visited.add(`${server.url}/lieux/ce-lieu-n-existe-pas`);
    expect(visited.size).toBeGreaterThanOrEqual(10);
    const found: Record<string, unknown> = {};
    for (const url of visited) {
      // axe-core needs JavaScript in the page: the same URL in a context where it runs.
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "fr-FR" });
      const p = await context.newPage();
      await p.goto(url);
      const violations = await axeViolations(p);
      if (violations.length) found[url.replace(server.url, "")] = violations;
      await context.close();
    }
    expect(found).toEqual({});
  });
});
