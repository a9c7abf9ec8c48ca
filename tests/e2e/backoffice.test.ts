import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "~/features/demo/demo.server";
import { axeViolations, SCREENSHOTS, signIn, useChromium } from "../support/browser";

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

    // The public reports an error on the place's page; the manager sees it under "À traiter" and deals with it.
    const publicUrl = await page.locator("section[aria-labelledby='mes-lieux'] a[href^='/lieux/']").first().getAttribute("href");
    await page.goto(`${server.url}${publicUrl}/signaler`);
    await page.getByLabel("Les horaires").check();
    await page.getByLabel("Décrivez l'erreur").fill("Le lieu est fermé le mercredi après-midi depuis septembre.");
    await page.getByRole("button", { name: "Envoyer le signalement" }).click();
    await page.getByText("Merci ! Votre signalement a bien été envoyé.").waitFor();
    await page.goto(`${server.url}/gestion`);
    await page.getByText("1 signalement d'erreur à traiter").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("link", { name: /^Voir les signalements/ }).click();
    await page.waitForURL(`${server.url}${editUrl}/signalements`);
    expect(await page.getByText("Le lieu est fermé le mercredi après-midi depuis septembre.").count()).toBe(1);
    expect(await axeViolations(page), "signalements").toEqual([]);
    await page.getByRole("button", { name: /^Marquer comme traité/ }).click();
    await page.getByText("est marqué comme traité.").waitFor();
    expect(await axeViolations(page), "signalement traité").toEqual([]);

    for (const url of [editUrl!, `${editUrl}/journal`, `${editUrl}/equipe`, `${editUrl}/apercu`, `${editUrl}/signalements?statut=traites`, "/gestion/sessions", "/gestion/dev/mails"]) {
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

  it("shows the coordinator's network tools with no axe violation: filters, reports, create, attach, import and its report", async () => {
    const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR" });
    const page = await context.newPage();
    await signIn(page, server.url, DEMO_ACCOUNTS.coordinator.email, DEMO_PASSWORD);
    expect(await page.getByRole("heading", { name: "À traiter" }).count()).toBe(1);
    expect(await axeViolations(page), "/gestion").toEqual([]);
    const network = await page.locator("section[aria-labelledby='mes-reseaux'] a").first().getAttribute("href");
    for (const url of [`${network}?label=non&maj=ancienne`, `${network}/signalements`, `${network}/rattacher?q=mediatheque`, `${network}/nouveau-lieu`, `${network}/import`]) {
      const response = await page.goto(`${server.url}${url}`);
      expect(response?.status(), url).toBe(200);
      expect(await page.locator("h1").count(), url).toBe(1);
      expect(await axeViolations(page), url).toEqual([]);
    }
    // A refused form: the error summary and the messages next to the fields.
    await page.goto(`${server.url}${network}/nouveau-lieu`);
    await page.getByLabel("Code postal").fill("180");
    await page.getByRole("button", { name: "Créer le lieu" }).click();
    await page.getByText("Indiquez un code postal de 5 chiffres").first().waitFor();
    expect(await axeViolations(page), "nouveau-lieu (erreurs)").toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "gestion-reseau-nouveau-lieu.png"), fullPage: true });
    // An import refused row by row: nothing written, the report as a page.
    await page.goto(`${server.url}${network}/import`);
    const csv = "id,pivot,nom,commune,code_postal,adresse,date_maj\nx1,00000000000000,Espace test,Bourges,18000,1 rue de la Paix,2026-01-01\nx2,00000000000000,,Bourges,ABCDE,2 rue de la Paix,hier\n";
    await page.getByLabel(/Fichier CSV ou JSON/).setInputFiles({ name: "essai.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Importer le fichier" }).click();
    await page.getByText("Rien n'a été enregistré").waitFor();
    expect(await axeViolations(page), "import (compte rendu)").toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "gestion-reseau-import.png"), fullPage: true });
    await context.close();
  });
});
