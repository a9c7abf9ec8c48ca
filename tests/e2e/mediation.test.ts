/**
 * Help records in Chromium, on the demo data (a year of records across the demo network):
 * - the mediator marks a booking attended at the desk, then « Compléter le compte rendu »: the
 *   form comes prefilled from the booking and is saved in a few actions (timed);
 * - a collective record is refused in words when a breakdown exceeds its total, nothing lost;
 * - a half-filled form kept as a draft;
 * - a person followed by name with their consent: a record of theirs, their data exported (page and
 *   JSON), then their identity erased — the record's figures kept;
 * - the place's statistics page shows the record in its chart and table; the coordinator reads the
 *   network's figures, where no followed person's name appears; the records' XLSX opens and holds rows;
 *   the yearly report is a PDF.
 * Every page met is axe-clean.
 */
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "~/features/demo/demo.server";
import { axeViolations, SCREENSHOTS, signIn, useChromium } from "../support/browser";
import { freePort, startServer, type RunningServer } from "../support/server";

let server: RunningServer;
const chromium = useChromium();
const shot = (name: string) => path.join(SCREENSHOTS, name);

beforeAll(async () => {
  const port = await freePort();
  server = await startServer({ port, env: { BASE_URL: `http://127.0.0.1:${port}` } });
}, 180_000);

afterAll(async () => {
  const code = await server?.stop();
  if (code !== 0) throw new Error(`the server did not stop cleanly (exit code ${code}):\n${server?.output().slice(-2000)}`);
});

const office = () => chromium.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR" });

describe("help records", () => {
  it("the mediator marks a booking attended and completes its record from the prefill in under a minute", async () => {
    const context = await office();
    const page = await context.newPage();
    await signIn(page, server.url, DEMO_ACCOUNTS.mediator.email, DEMO_PASSWORD);
    // The home lists what was attended and has no record yet.
    await page.getByRole("heading", { name: "Comptes rendus à compléter" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole("link", { name: "Agenda de ACTION NUMERIQUE" }).click();
    await page.locator("h1").getByText("Agenda — ACTION NUMERIQUE").waitFor();
    const present = page.getByRole("radio", { name: "Présent" });
    if ((await present.count()) > 0) {
      await present.first().check();
      await page.getByRole("button", { name: "Enregistrer la présence" }).first().click();
      await page.getByText("C'est enregistré.").waitFor();
    }
    let complete = page.getByRole("link", { name: /^Compléter le compte rendu/ });
    if ((await complete.count()) === 0) {
      // Nobody booked today (a closed day): the home's list holds the last days' appointments.
      await page.goto(`${server.url}/gestion`);
      complete = page.getByRole("link", { name: /^Compléter le compte rendu/ });
    }
    expect(await complete.count()).toBeGreaterThan(0);
    const started = Date.now();
    await complete.first().click();
    await page.getByText(/^Prérempli depuis le rendez-vous/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: shot("accompagnement-1-prerempli.png"), fullPage: true });
    // The prefill gives the date, the duration, where and, from the booking's reason, a theme.
    if ((await page.locator("input[name=thematiques]:checked").count()) === 0) await page.getByLabel("E-mail", { exact: true }).check();
    if ((await page.locator("input[name=duree]:checked").count()) === 0) await page.getByLabel("30 min", { exact: true }).check();
    await page.getByLabel("Autonome avec guidage en cas de besoin").check();
    await page.getByRole("button", { name: "Enregistrer le compte rendu" }).click();
    await page.getByText("Compte rendu enregistré.").waitFor();
    const seconds = (Date.now() - started) / 1000;
    expect(seconds).toBeLessThan(60);
    console.log(`record completed from the prefill in ${seconds.toFixed(1)} s (automated)`);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: shot("accompagnement-2-liste.png") });
    await context.close();
  });

  it("a collective record: a breakdown larger than its total is said beside the field, nothing typed is lost; a draft keeps a half-filled form", async () => {
    const context = await office();
    const page = await context.newPage();
    await signIn(page, server.url, DEMO_ACCOUNTS.mediator.email, DEMO_PASSWORD);
    await page.getByRole("link", { name: "Accompagnements" }).first().click();
    await page.getByRole("link", { name: "Nouvel atelier collectif" }).click();
    await page.getByLabel("Titre de l'atelier").fill("Découvrir les démarches en ligne");
    await page.getByLabel("1 h 30", { exact: true }).check();
    await page.getByLabel("Au lieu d'activité").check();
    await page.getByLabel("Aide aux démarches administratives").check();
    await page.getByLabel("Argent - Impôts").check();
    await page.getByLabel("Nombre de participants sans nom").fill("6");
    await page.getByLabel("Femme").fill("9");
    await page.getByRole("button", { name: "Enregistrer le compte rendu" }).click();
    await page.locator(".error-summary").getByText("La répartition par genre dépasse le nombre de participants sans nom.").waitFor();
    expect(await page.getByLabel("Titre de l'atelier").inputValue()).toBe("Découvrir les démarches en ligne");
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: shot("accompagnement-3-collectif-erreur.png"), fullPage: true });
    await page.getByLabel("Femme").fill("4");
    await page.getByLabel("70 ans et plus").fill("3");
    await page.getByRole("button", { name: "Enregistrer le compte rendu" }).click();
    await page.getByText("Compte rendu enregistré.").waitFor();
    await page.getByRole("cell", { name: /Atelier collectif : Découvrir les démarches en ligne/ }).first().waitFor();

    // Interrupted: a draft with only a title, found again in the list.
    await page.getByRole("link", { name: "Nouvel atelier collectif" }).click();
    await page.getByLabel("Titre de l'atelier").fill("Atelier interrompu");
    await page.getByRole("button", { name: "Enregistrer en brouillon" }).click();
    await page.getByText(/^Brouillon enregistré/).waitFor();
    await page.locator("section", { has: page.getByRole("heading", { name: "Brouillons" }) }).getByText("Atelier interrompu").waitFor();
    await context.close();
  });

  it("a person followed with their consent: a record of theirs, their data exported, their identity erased", async () => {
    const context = await office();
    const page = await context.newPage();
    await signIn(page, server.url, DEMO_ACCOUNTS.mediator.email, DEMO_PASSWORD);
    await page.getByRole("link", { name: "Accompagnements" }).first().click();
    await page.getByRole("link", { name: "Personnes suivies" }).click();
    await page.getByRole("link", { name: "Nouvelle personne" }).first().click();
    await page.getByLabel("Prénom (obligatoire)").fill("Hortense");
    await page.getByLabel("Nom ou initiales").fill("Q.");
    await page.getByLabel("Année de naissance").fill("1949");
    // Without the person's agreement, nothing is written.
    await page.getByRole("button", { name: "Enregistrer la personne" }).click();
    await page.locator(".error-summary").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel("La personne a été informée et est d'accord").check();
    await page.getByRole("button", { name: "Enregistrer la personne" }).click();
    await page.getByText("La personne est enregistrée.").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const personUrl = page.url().replace(/[?#].*$/, "");

    await page.getByRole("link", { name: /^Nouvel accompagnement individuel de Hortense/ }).click();
    expect(await page.getByLabel("Personne suivie").inputValue()).not.toBe("");
    await page.getByLabel("45 min", { exact: true }).check();
    await page.getByLabel("Au lieu d'activité").check();
    await page.getByLabel("Santé", { exact: true }).check();
    await page.getByRole("button", { name: "Enregistrer le compte rendu" }).click();
    await page.getByText("Compte rendu enregistré.").waitFor();

    await page.goto(personUrl);
    await page.getByRole("link", { name: "Voir et imprimer toutes ses données" }).click();
    await page.getByText("Hortense").first().waitFor();
    expect(await page.getByText("Santé").count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: shot("personne-donnees.png"), fullPage: true });
    const json = await page.request.get(`${personUrl}/donnees.json`);
    expect(json.status()).toBe(200);
    expect(JSON.stringify(await json.json())).toContain("Hortense");

    await page.goto(personUrl);
    await page.getByRole("link", { name: "Effacer l'identité…" }).click();
    await page.getByRole("button", { name: "Oui, effacer l'identité" }).click();
    await page.getByText("L'identité de la personne est effacée. Les chiffres des accompagnements sont gardés.").waitFor();
    expect(await page.getByText("Hortense").count()).toBe(0);
    await context.close();
  });

  it("the statistics show the records in charts and tables; the coordinator reads the network's without names; the XLSX and the yearly report open", async () => {
    const context = await office();
    const page = await context.newPage();
    await signIn(page, server.url, DEMO_ACCOUNTS.mediator.email, DEMO_PASSWORD);
    await page.getByRole("link", { name: "Accompagnements" }).first().click();
    const records = page.url();
    await page.getByRole("link", { name: "Statistiques" }).click();
    await page.locator("h1").getByText(/^Statistiques — /).waitFor();
    expect(await page.locator("svg[role=img]").count()).toBeGreaterThan(3);
    expect(await page.locator("table caption").count()).toBeGreaterThan(3);
    // The theme recorded above (« Santé ») is counted in the themes' table.
    expect(await page.getByRole("rowheader", { name: "Santé" }).count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: shot("statistiques-lieu.png") });
    const report = await page.request.get(`${page.url().replace(/\?.*$/, "")}/rapport.pdf`);
    expect(report.status()).toBe(200);
    expect((await report.body()).subarray(0, 5).toString()).toBe("%PDF-");

    const xlsx = await page.request.get(`${records}/export.xlsx`);
    expect(xlsx.status()).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.rowCount).toBeGreaterThan(10);
    await context.close();

    const coordinator = await office();
    const other = await coordinator.newPage();
    await signIn(other, server.url, DEMO_ACCOUNTS.coordinator.email, DEMO_PASSWORD);
    await other.goto(`${server.url}/gestion/reseaux/web-o-centre/statistiques`);
    await other.locator("h1").getByText(/^Statistiques du réseau/).waitFor();
    expect(await other.locator("svg[role=img]").count()).toBeGreaterThan(3);
    const text = await other.locator("main").innerText();
    for (const name of ["Hortense", "Aïcha", "Nadia", "Fatou"]) expect(text).not.toContain(name);
    expect(await axeViolations(other)).toEqual([]);
    await other.screenshot({ path: shot("statistiques-reseau.png") });
    // Names stay at the place: the coordinator cannot open its records or its people.
    expect((await other.goto(records))?.status()).toBe(403);
    await coordinator.close();
  });
});
