import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "~/features/demo/demo.server";
import { axeViolations, SCREENSHOTS, useChromium } from "../support/browser";

const SHOTS = SCREENSHOTS;

/** The back-office as the demo's place manager sees it, in Chromium: every page axe-clean. */
describe("the back-office (signed in as the demo place manager)", () => {
  const server = { url: inject("serverUrl") };
  const chromium = useChromium();

  it("signs in, shows each page with no axe violation, and keeps a mediator out of the edit form", async () => {
    const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto(`${server.url}/gestion`);
    expect(page.url()).toContain("/connexion?retour=%2Fgestion");
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel("Adresse électronique").fill(DEMO_ACCOUNTS.manager.email);
    await page.getByLabel("Mot de passe", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL(`${server.url}/gestion`);
    expect(await page.locator("h1").textContent()).toContain("Rémi Responsable");
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "gestion.png"), fullPage: true });

    const edit = page.getByRole("link", { name: /Gérer la fiche/ }).first();
    const editUrl = await edit.getAttribute("href");
    expect(editUrl).toMatch(/^\/gestion\/lieux\/[0-9a-f-]+$/);
    for (const url of [editUrl!, `${editUrl}/journal`, `${editUrl}/equipe`, `${editUrl}/apercu`, "/gestion/sessions", "/gestion/dev/mails"]) {
      const response = await page.goto(`${server.url}${url}`);
      expect(response?.status(), url).toBe(200);
      // Security baseline on every back-office page: no cache, CSP without inline script, no framing.
      const headers = response!.headers();
      expect(headers["cache-control"], url).toBe("no-store");
      expect(headers["content-security-policy"], url).toMatch(/script-src 'self'(;|$)/);
      expect(headers["content-security-policy"], url).toContain("frame-ancestors 'none'");
      expect(headers["x-content-type-options"], url).toBe("nosniff");
      expect(await page.locator('meta[name="robots"]').getAttribute("content"), url).toBe("noindex");
      expect(await page.locator("h1").count(), url).toBe(1);
      expect(await axeViolations(page), url).toEqual([]);
    }
    await page.goto(`${server.url}${editUrl}`);
    await page.screenshot({ path: path.join(SHOTS, "gestion-lieu.png"), fullPage: true });
    await context.close();

    const anonymous = await chromium.browser.newContext();
    const other = await anonymous.newPage();
    for (const url of ["/mot-de-passe-oublie", "/connexion"]) {
      await other.goto(`${server.url}${url}`);
      expect(await axeViolations(other), url).toEqual([]);
    }
    await anonymous.close();
  });
});
