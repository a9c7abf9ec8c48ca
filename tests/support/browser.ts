import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { createRequire } from "node:module";
import { chromium, type Browser, type Page } from "playwright-core";

const require = createRequire(import.meta.url);

/** Debian's Chromium, driven by playwright-core (test tools cannot download browsers here). */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!fs.existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}: apt-get install chromium`);
  return chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** Run axe-core in the page and return its violations (WCAG 2.1 A and AA rules). */
export async function axeViolations(page: Page) {
  const source = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  // Evaluated through the DevTools protocol: the page's Content-Security-Policy stays on.
  await page.evaluate(source);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
  });
}

/**
 * axe-core needs JavaScript in the page: check a URL in its own JS-enabled context
 * (used by journeys that run with JavaScript disabled).
 */
export async function axeViolationsAt(browser: Browser, url: string, viewport = { width: 360, height: 740 }) {
  const context = await browser.newContext({ viewport });
  try {
    const page = await context.newPage();
    await page.goto(url);
    return await axeViolations(page);
  } finally {
    await context.close();
  }
}

export const SCREENSHOTS = path.resolve(import.meta.dirname, "../../test-results");

/**
 * One Chromium for a test file: launched before its tests, closed after; screenshots go
 * to test-results/. Use `chromium.browser` inside the tests.
 */
export function useChromium(): { browser: Browser } {
  const holder = {} as { browser: Browser };
  beforeAll(async () => {
    holder.browser = await launchChromium();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await holder.browser?.close();
  });
  return holder;
}

/** Sign in on /connexion as a staff account and wait for the back-office home. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/connexion`);
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL(`${baseUrl}/gestion`);
}
