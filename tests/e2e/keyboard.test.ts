import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { launchChromium } from "../support/browser";

/**
 * Keyboard only, and reflow (WCAG 2.1.1, 2.4.1, 2.4.3, 2.4.7, 1.3.1, 4.1.3, 1.4.10):
 * the journey a person makes without a mouse, and pages that never scroll sideways at
 * 320 px or at the 200 % zoom of a 1280 px screen.
 */
describe("keyboard, landmarks and reflow", () => {
  const server = { url: inject("serverUrl") };
  let browser: Browser;
  /** A place of the Bourges results (found at start) and a place with a week table. */
  let slug: string;
  const WEEK_SLUG = "mediatheque-du-veron-avoine";

  beforeAll(async () => {
    browser = await launchChromium();
    const html = await (await fetch(`${server.url}/lieux?q=bourges`)).text();
    slug = [...html.matchAll(/href="\/lieux\/([a-z0-9-]+)"/g)].map((m) => m[1]).find((s) => s !== "carte") ?? "";
    expect(slug).not.toBe("");
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(path: string, viewport = { width: 360, height: 740 }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport, locale: "fr-FR" });
    const page = await context.newPage();
    const response = await page.goto(server.url + path);
    expect(response?.status(), path).toBeLessThan(400);
    return { context, page };
  }

  /** The focused element as a screen reader names it: `role "name"` (from its ARIA snapshot, value left out). */
  async function focused(page: Page): Promise<string> {
    const focus = page.locator(":focus");
    if ((await focus.count()) === 0) return "(rien)";
    const first = (await focus.ariaSnapshot()).split("\n")[0];
    const m = /^- ([\w-]+)(?: ("(?:[^"\\]|\\.)*"))?/.exec(first);
    return m?.[2] ? `${m[1]} ${m[2]}` : first.replace(/^- /, "");
  }

  /** The focused element shows it: an outline or a box-shadow (computed style). */
  async function focusVisible(page: Page): Promise<boolean> {
    return page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return false;
      const style = getComputedStyle(el);
      const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
      return outline || style.boxShadow !== "none";
    });
  }

  async function tab(page: Page): Promise<string> {
    await page.keyboard.press("Tab");
    const name = await focused(page);
    expect(await focusVisible(page), `focus visible on ${name}`).toBe(true);
    return name;
  }

  const HEADER = ['link "Aller au contenu"', 'link "Réseau EPN"', 'link "Accueil"', 'link "Tous les lieux"', 'link "Agenda"'];
  const SEARCH = ['searchbox "Votre commune, votre code postal ou le nom d\'un lieu"', 'button "Rechercher"'];

  for (const path of ["/", "/lieux?q=bourges"]) {
    it(`${path}: skip link first, then the header, the search field and its button in reading order, focus always visible`, async () => {
      const { context, page } = await open(path);
      const sequence: string[] = [];
      for (let i = 0; i < HEADER.length + SEARCH.length; i++) sequence.push(await tab(page));
      expect(sequence).toEqual([...HEADER, ...SEARCH]);

      // The skip link: Enter moves the focus to <main>, the next Tab goes to the search field.
      await page.reload();
      expect(await tab(page)).toBe('link "Aller au contenu"');
      expect(await page.locator(".skip-link").isVisible()).toBe(true);
      await page.keyboard.press("Enter");
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("MAIN");
      expect(page.url()).toMatch(/#contenu$/);
      expect(await tab(page)).toBe(SEARCH[0]);
      await context.close();
    });
  }

  it("the filters open from the keyboard, a checkbox is checked with Space and Enter submits them", async () => {
    const { context, page } = await open("/lieux?q=bourges");
    const details = page.locator("details.filters");
    expect(await details.getAttribute("open")).toBeNull();
    const onSummary = () => page.evaluate(() => document.activeElement?.tagName === "SUMMARY");
    // Right after the search: the header's links, the search field and its button, then the filters.
    for (let i = 0; i < HEADER.length + SEARCH.length + 1; i++) await tab(page);
    expect(await onSummary()).toBe(true);
    expect(await page.locator(":focus").textContent()).toBe("Filtrer les résultats");
    await page.keyboard.press("Enter");
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await page.keyboard.press("Space");
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await page.keyboard.press("Space");
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);

    // Into the form: the "Ouverture" radio group is one stop, then the services' checkboxes.
    for (let i = 0; i < 10 && (await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)) !== "services"; i++) await tab(page);
    const checkbox = page.locator(":focus");
    expect(await checkbox.getAttribute("type")).toBe("checkbox");
    const value = (await checkbox.getAttribute("value")) ?? "";
    expect(await checkbox.isChecked()).toBe(false);
    await page.keyboard.press("Space");
    expect(await checkbox.isChecked()).toBe(true);
    await Promise.all([page.waitForURL(/services=/), page.keyboard.press("Enter")]);
    const url = new URL(page.url());
    expect(url.searchParams.get("q")).toBe("bourges");
    expect(url.searchParams.getAll("services")).toEqual([value]);
    expect(await page.locator(`input[name="services"][value="${value}"]`).isChecked()).toBe(true);
    // The result count is announced (a status region), the filters stay open and show what is set.
    expect(await page.getByRole("status").first().textContent()).toMatch(/^Les [\d\s  ]+ lieux les plus proches, à moins de 100 km\. D'autres lieux, plus loin, sur la page suivante\.$|lieux? trouvés?|Aucun lieu (trouvé|ne correspond)/);
    expect(await page.locator("details.filters").getAttribute("open")).not.toBeNull();
    await context.close();
  });

  it("the results page announces its count in a status region", async () => {
    const { context, page } = await open("/lieux?q=bourges");
    const status = page.locator('[role="status"]');
    expect(await status.count()).toBe(1);
    expect(await status.textContent()).toBe("Les 20 lieux les plus proches, à moins de 100 km. D'autres lieux, plus loin, sur la page suivante.");
    await context.close();
  });

  /** Same landmarks on every public page: one h1, main, banner, named navigation(s), contentinfo. */
  it("every page has one h1, a main, a banner, named navigation and a contentinfo", async () => {
    const paths = ["/", "/lieux?q=bourges", "/lieux", `/lieux/${slug}`, `/lieux/${slug}/signaler`, "/accessibilite", "/lieux/ce-lieu-n-existe-pas"];
    for (const path of paths) {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "fr-FR" });
      const page = await context.newPage();
      const response = await page.goto(server.url + path);
      if (path.endsWith("/signaler") && response?.status() === 404) {
        console.warn(`${path} : 404, le formulaire de signalement n'existe pas encore — page ignorée`);
        await context.close();
        continue;
      }
      expect(await page.locator("h1").count(), `${path}: h1`).toBe(1);
      expect(await page.getByRole("main").count(), `${path}: main`).toBe(1);
      expect(await page.getByRole("banner").count(), `${path}: banner`).toBe(1);
      expect(await page.getByRole("contentinfo").count(), `${path}: contentinfo`).toBe(1);
      expect(await page.getByRole("navigation", { name: "Menu principal" }).count(), `${path}: nav`).toBe(1);
      const navNames = await page.locator("nav").evaluateAll((navs) => navs.map((n) => n.getAttribute("aria-label") ?? n.getAttribute("aria-labelledby") ?? ""));
      expect(navNames.every((n) => n.trim() !== ""), `${path}: every nav is named (${JSON.stringify(navNames)})`).toBe(true);
      await context.close();
    }
  });

  /**
   * Reflow: no horizontal scroll at 320 px (WCAG 1.4.10) and at 640 px, what a 1280 px
   * screen shows at 200 % zoom; also with the filters open.
   */
  for (const width of [320, 640]) {
    it(`no horizontal scroll at ${width} px: home, results (filters open), places, report form`, async () => {
      const paths = ["/", "/lieux?q=bourges", `/lieux?q=bourges&gratuit=1`, `/lieux/${slug}`, `/lieux/${WEEK_SLUG}`, `/lieux/${slug}/signaler`];
      const overflowing: string[] = [];
      for (const path of paths) {
        const context = await browser.newContext({ viewport: { width, height: 740 }, locale: "fr-FR" });
        const page = await context.newPage();
        const response = await page.goto(server.url + path);
        if (response?.status() === 404 && path.endsWith("/signaler")) {
          console.warn(`${path} : 404, le formulaire de signalement n'existe pas encore — reflow non vérifié`);
          await context.close();
          continue;
        }
        expect(response?.status(), path).toBe(200);
        const { scrollWidth, innerWidth, culprits } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          culprits: [...document.querySelectorAll("body *")]
            .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && getComputedStyle(el).position !== "absolute")
            .slice(0, 5)
            .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.split(" ").join(".")}` : ""} (${Math.round(el.getBoundingClientRect().right)} px)`),
        }));
        if (scrollWidth > innerWidth) overflowing.push(`${path}: ${scrollWidth} > ${innerWidth} — ${culprits.join(", ")}`);
        await context.close();
      }
      expect(overflowing).toEqual([]);
    });
  }
});
