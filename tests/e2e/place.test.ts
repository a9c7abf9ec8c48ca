import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it, inject } from "vitest";
import { axeViolations, SCREENSHOTS, useChromium } from "../support/browser";

const SHOTS = SCREENSHOTS;
/** A labelled EPN of the demo network (first file imported, so its slug is stable), with regular hours and wheelchair access. */
const SLUG = "mediatheque-du-veron-avoine";

describe("the page of a place and « Signaler une erreur »", () => {
  const server = { url: inject("serverUrl") };
  const chromium = useChromium();

  const noScript = () => chromium.browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 }, locale: "fr-FR" });

  /** axe-core needs JavaScript in the page: check the same URL in a context where it runs. */
  async function violations(url: string, prepare?: (page: Page) => Promise<void>) {
    const context = await chromium.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(url);
    await prepare?.(page);
    const found = await axeViolations(page);
    await context.close();
    return found;
  }

  async function noHorizontalScroll(page: Page) {
    return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  }

  it("shows what to do there, the week's hours, the phone, the way there and structured data", async () => {
    const context = await noScript();
    const page = await context.newPage();
    const response = await page.goto(`${server.url}/lieux/${SLUG}`);
    expect(response?.status()).toBe(200);
    expect(await page.locator("h1").textContent()).toBe("MÉDIATHÈQUE DU VÉRON");
    expect(await page.title()).toBe("MÉDIATHÈQUE DU VÉRON, AVOINE — Réseau EPN");
    expect(await page.locator('meta[name="description"]').getAttribute("content")).toContain("AVOINE");
    const main = (await page.textContent("main")) ?? "";
    expect(main).toContain("Apprendre à utiliser un ordinateur, une tablette ou un smartphone");
    expect(main).toContain("Avec l'aide d'une personne");
    expect(main).toContain("Accueil adapté aux personnes en fauteuil roulant.");
    expect(main).toContain("EPN labellisé Web O Centre depuis 2017 (réseau Web O Centre (démo))");
    expect(main).toMatch(/Informations mises à jour le \d{1,2} \S+ \d{4}\./);

    // Week table: 7 days from today, today said in words, not only with a colour.
    const table = page.getByRole("table", { name: "Horaires des 7 prochains jours" });
    expect(await table.locator("tbody tr").count()).toBe(7);
    const today = table.locator('tbody tr[aria-current="date"]');
    expect(await today.count()).toBe(1);
    expect(await today.locator("th").textContent()).toMatch(/^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) (1er|\d{1,2}) \S+ \(aujourd'hui\)$/);
    expect(await table.locator("tbody tr").first().getAttribute("aria-current")).toBe("date");
    expect(await table.locator("tbody tr", { hasText: /^mercredi/ }).locator("td").textContent()).toMatch(/^10 h – 19 h|Jour férié/);
    expect(await table.textContent()).toContain("Fermé");
    expect(await page.locator("p.status").textContent()).toMatch(/^(Ouvert|Fermé)/);

    const phone = page.locator('a[href="tel:+33247981919"]');
    expect(await phone.first().textContent()).toBe("02 47 98 19 19");
    expect(await page.locator('a[href="geo:47.2092,0.183174"]').count()).toBe(1);
    expect(await page.locator('a[href="https://www.openstreetmap.org/directions?to=47.2092%2C0.183174"]').count()).toBe(1);
    expect(await page.getByRole("link", { name: "Signaler une erreur sur cette fiche" }).getAttribute("href")).toBe(`/lieux/${SLUG}/signaler`);
    expect(main).toContain("Imprimer cette fiche");

    const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}") as Record<string, unknown>;
    expect(jsonLd).toMatchObject({
      "@context": "https://schema.org",
      "@type": "LocalBusiness",
      name: "MÉDIATHÈQUE DU VÉRON",
      telephone: "+33247981919",
      address: { "@type": "PostalAddress", postalCode: "37420", addressLocality: "AVOINE" },
      geo: { latitude: 47.2092, longitude: 0.183174 },
    });
    expect(jsonLd.url).toMatch(new RegExp(`/lieux/${SLUG}$`));
    expect(jsonLd.openingHoursSpecification).toContainEqual({ "@type": "OpeningHoursSpecification", dayOfWeek: "https://schema.org/Wednesday", opens: "10:00", closes: "19:00" });

    expect(await noHorizontalScroll(page)).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, "place.png"), fullPage: true });
    await page.setViewportSize({ width: 320, height: 740 });
    expect(await noHorizontalScroll(page)).toBe(true);
    await context.close();

    expect(await violations(`${server.url}/lieux/${SLUG}`)).toEqual([]);
    const missing = await fetch(`${server.url}/lieux/ce-lieu-n-existe-pas/signaler`);
    expect(missing.status).toBe(404);
  });

  it("prints on one A4 sheet with the name, hours, address and phone", async () => {
    const context = await chromium.browser.newContext({ viewport: { width: 794, height: 1123 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/lieux/${SLUG}`);
    await page.emulateMedia({ media: "print" });
    for (const hidden of ["nav", "footer", ".site-header", 'a[href$="/signaler"]', "p.status"]) {
      expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
    }
    for (const shown of ["h1", "table.week", 'a[href^="tel:"]', "#adresse"]) {
      expect(await page.locator(shown).first().isVisible(), shown).toBe(true);
    }
    expect(await page.locator(".print-only").textContent()).toContain(`/lieux/${SLUG}`);
    await page.screenshot({ path: path.join(SHOTS, "place-print.png"), fullPage: true });
    const pdf = (await page.pdf({ format: "A4", printBackground: false })).toString("latin1");
    expect(pdf.match(/\/Type\s*\/Page\b/g)?.length).toBe(1);
    await context.close();
  });

  it("takes an error report without JavaScript: errors first, then thanks", async () => {
    const context = await noScript();
    const page = await context.newPage();
    await page.goto(`${server.url}/lieux/${SLUG}`);
    await page.getByRole("link", { name: "Signaler une erreur sur cette fiche" }).click();
    await page.waitForURL(/\/signaler$/);
    expect(await page.locator("h1").textContent()).toBe("Signaler une erreur");
    expect(await page.textContent("main")).toContain("Vous n'avez pas à donner votre nom");
    expect(await page.locator('input[type="email"], input[name*="mail"]').count()).toBe(0);
    expect(await violations(page.url())).toEqual([]);

    // Empty form: the summary takes the focus and links to each field.
    const [refused] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "Envoyer le signalement" }).click()]);
    expect(refused.status()).toBe(400);
    await page.waitForLoadState();
    expect(await page.title()).toMatch(/^Erreur : Signaler une erreur : MÉDIATHÈQUE DU VÉRON/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("erreurs");
    const summary = page.locator("#erreurs");
    expect(await summary.locator("h2").textContent()).toBe("Le formulaire contient 2 erreurs");
    expect(await summary.locator("a").allTextContents()).toEqual(["Choisissez ce qui est faux.", "Décrivez l'erreur en quelques mots."]);
    const message = page.getByRole("textbox", { name: "Décrivez l'erreur" });
    expect(await message.getAttribute("aria-invalid")).toBe("true");
    expect(await message.getAttribute("aria-describedby")).toBe("message-aide message-erreur");
    expect(await page.locator("fieldset").getAttribute("aria-describedby")).toBe("sujet-erreur");
    await summary.getByRole("link", { name: "Décrivez l'erreur en quelques mots." }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("message");

    // Too short: what was typed stays.
    await page.getByLabel("Les horaires").check();
    await message.fill("Fermé");
    await page.getByRole("button", { name: "Envoyer le signalement" }).click();
    await page.waitForLoadState();
    expect(await page.getByLabel("Les horaires").isChecked()).toBe(true);
    expect(await message.inputValue()).toBe("Fermé");
    expect(await page.textContent("#erreurs")).toContain("Votre message est trop court : écrivez au moins 10 caractères.");
    // The #message fragment of the previous page is dropped: the summary has the focus again.
    expect(page.url()).toMatch(/\/signaler$/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("erreurs");
    await page.screenshot({ path: path.join(SHOTS, "place-report-errors.png"), fullPage: true });

    await message.fill("Le lieu est fermé le lundi depuis septembre.");
    await page.getByRole("button", { name: "Envoyer le signalement" }).click();
    await page.waitForURL(new RegExp(`/lieux/${SLUG}\\?signalement=merci#merci$`));
    expect(await page.getByRole("status").textContent()).toContain("Merci ! Votre signalement a bien été envoyé.");
    await context.close();

    // The form with errors has no axe violation either.
    expect(
      await violations(`${server.url}/lieux/${SLUG}/signaler`, async (p) => {
        await p.getByRole("button", { name: "Envoyer le signalement" }).click();
        await p.waitForSelector("#erreurs");
      }),
    ).toEqual([]);
  });

  it("can be filled and sent with the keyboard only, in reading order", async () => {
    const context = await noScript();
    const page = await context.newPage();
    await page.goto(`${server.url}/lieux/${SLUG}/signaler`);
    const order: string[] = [];
    for (let i = 0; i < 25 && !order.includes("BUTTON"); i++) {
      await page.keyboard.press("Tab");
      order.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName || ""));
    }
    expect(order).not.toContain("site-internet");
    expect(order.indexOf("sujet-horaires")).toBeGreaterThan(-1);
    expect(order.indexOf("sujet-horaires")).toBeLessThan(order.indexOf("message"));
    expect(order.indexOf("message")).toBeLessThan(order.indexOf("BUTTON"));

    await page.focus("#sujet-horaires");
    await page.keyboard.press("ArrowDown");
    expect(await page.getByLabel("L'adresse ou le téléphone").isChecked()).toBe(true);
    await page.keyboard.press("Tab");
    await page.keyboard.type("Le numéro de téléphone ne répond plus.");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\?signalement=merci#merci$/);
    await context.close();
  });

  it("refuses the 6th report in an hour from one address with a French message and HTTP 429", async () => {
    // The server trusts X-Forwarded-For from a local proxy: this test gets an address of its own.
    const post = (n: number) =>
      fetch(`${server.url}/lieux/${SLUG}/signaler`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "198.51.100.23" },
        body: new URLSearchParams({ sujet: "autre", message: `Signalement de test numéro ${n}` }),
      });
    for (let n = 1; n <= 5; n++) {
      const ok = await post(n);
      expect(ok.status).toBe(303);
      expect(ok.headers.get("location")).toBe(`/lieux/${SLUG}?signalement=merci#merci`);
    }
    const refused = await post(6);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.text()).toMatch(/Vous avez envoyé beaucoup de signalements\. Réessayez dans \d+ (minutes?|heure)/);
  });

  it("publishes the accessibility statement", async () => {
    const context = await noScript();
    const page = await context.newPage();
    const response = await page.goto(`${server.url}/accessibilite`);
    expect(response?.status()).toBe(200);
    expect(await page.locator("h1").textContent()).toBe("Déclaration d'accessibilité");
    const text = (await page.textContent("main")) ?? "";
    for (const part of ["État de conformité", "non conforme", "RGAA", "Contenus non accessibles", "Retour d'information et contact", "Voies de recours", "Défenseur des droits"]) {
      expect(text).toContain(part);
    }
    await page.setViewportSize({ width: 320, height: 740 });
    expect(await noHorizontalScroll(page)).toBe(true);
    await context.close();
    expect(await violations(`${server.url}/accessibilite`)).toEqual([]);
  });
});
