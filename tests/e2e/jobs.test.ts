import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "~/features/demo/demo.server";
import { axeViolations, SCREENSHOTS, signIn, useChromium } from "../support/browser";

/** The background jobs as the demo's platform admin sees them, in Chromium: axe-clean, reached from the home. */
describe("the background jobs page (signed in as the demo platform admin)", () => {
  const server = { url: inject("serverUrl") };
  const chromium = useChromium();

  it("is linked from the home, lists what waits per kind, and has no axe violation", async () => {
    const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR" });
    const page = await context.newPage();
    await signIn(page, server.url, DEMO_ACCOUNTS.admin.email, DEMO_PASSWORD);
    await page.getByRole("link", { name: "Tâches en arrière-plan" }).click();
    await page.waitForURL(`${server.url}/gestion/taches`);
    expect(await page.locator("h1").textContent()).toBe("Tâches en arrière-plan");
    // The hourly purge always has its next run waiting.
    await page.getByRole("rowheader", { name: "Effacement des données personnelles anciennes" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, "gestion-taches.png"), fullPage: true });
    await context.close();
  });
});
