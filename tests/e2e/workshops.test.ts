/**
 * Workshops in Chromium, against their own server wired to a real SMTP server and a real SMPP
 * gateway (both started by the test), on the demo data:
 * - a person near Vierzon finds « Premiers pas sur la tablette » in the network's agenda from a
 *   360 px phone WITHOUT JavaScript, registers, receives the SMS with the manage link, cancels;
 * - the mediator plans a one-seat workshop; a first person takes the seat, a second waits; the
 *   first cancels and the second is promoted and told by SMS; the mediator opens the desk, prints
 *   the sign-in sheet (looked at: screenshot) and marks who came;
 * - a stop of the mobile EPN is found from a nearby commune in the directory.
 * Every page met is axe-clean.
 */
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "~/features/demo/demo.server";
import { axeViolations, axeViolationsAt, SCREENSHOTS, signIn, useChromium } from "../support/browser";
import { freePort, startServer, type RunningServer } from "../support/server";
import { startSmppCapture, type SmppCapture } from "../support/smpp-capture";
import { startSmtpCapture, type SmtpCapture } from "../support/smtp-capture";

let smtp: SmtpCapture;
let smpp: SmppCapture;
let server: RunningServer;
const chromium = useChromium();
const shot = (name: string) => path.join(SCREENSHOTS, name);

beforeAll(async () => {
  smtp = await startSmtpCapture();
  smpp = await startSmppCapture();
  const port = await freePort();
  server = await startServer({ port, env: { BASE_URL: `http://127.0.0.1:${port}`, SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMS_URL: smpp.url() } });
}, 180_000);

afterAll(async () => {
  const code = await server?.stop();
  await smtp?.stop();
  await smpp?.stop();
  if (code !== 0) throw new Error(`the server did not stop cleanly (exit code ${code}):\n${server?.output().slice(-2000)}`);
});

const phone = () => chromium.browser.newContext({ viewport: { width: 360, height: 740 }, locale: "fr-FR", javaScriptEnabled: false });

/** Register on a session page (no JavaScript): returns the manage link. */
async function register(page: Page, firstName: string, number: string): Promise<string> {
  await page.getByLabel("Votre prénom").fill(firstName);
  await page.getByLabel("Votre numéro de téléphone portable").fill(number);
  await page.locator("form.report-form button[type=submit]").click();
  await page.waitForURL(/\/inscription\/[A-Za-z0-9_-]+\?nouvelle=1$/);
  return page.url().replace(/\?.*$/, "");
}

async function allClean(browser: Browser, urls: string[]) {
  for (const url of urls) expect(await axeViolationsAt(browser, url), url).toEqual([]);
}

describe("the network's agenda, without JavaScript, at 360 px", () => {
  it("finds a beginners' workshop near Vierzon, registers, gets the SMS, cancels", async () => {
    const context = await phone();
    const page = await context.newPage();
    const met: string[] = [];
    await page.goto(`${server.url}/agenda`);
    await page.getByLabel("Commune ou code postal").fill("Vierzon");
    await page.getByLabel("Distance").selectOption("50");
    await page.getByLabel("Niveau").selectOption({ label: "Débutant" });
    await page.locator("form#filtres button[type=submit]").click();
    await page.waitForURL(/\/agenda\?.*commune=Vierzon/);
    met.push(page.url());
    await page.screenshot({ path: shot("atelier-1-agenda.png"), fullPage: true });
    const entry = page.getByRole("link", { name: /Premiers pas sur la tablette/ }).first();
    await entry.click();
    await page.locator("h1").getByText("Premiers pas sur la tablette").waitFor();
    expect(await page.getByText(/places? restantes?/).count()).toBeGreaterThan(0);
    expect(await page.getByText("Reuilly").count()).toBeGreaterThan(0);
    met.push(page.url());
    await page.screenshot({ path: shot("atelier-2-seance.png"), fullPage: true });
    // A bad phone number: the message beside the field, nothing written.
    await page.getByLabel("Votre prénom").fill("Sam");
    await page.getByLabel("Votre numéro de téléphone portable").fill("12 34");
    await page.locator("form.report-form button[type=submit]").click();
    await page.locator(".error-summary").waitFor();
    expect(await page.locator(".field-error").first().textContent()).toContain("Ce numéro de téléphone n'est pas valable");
    const smsBefore = smpp.captured.length;
    const manage = await register(page, "Sam", "06 12 34 56 11");
    expect(await page.locator("h1").textContent()).toBe("Vous êtes inscrit(e)");
    met.push(page.url());
    await page.screenshot({ path: shot("atelier-3-inscrit.png"), fullPage: true });
    const sms = await smpp.waitFor("33612345611", { since: smsBefore, timeoutMs: 20_000 });
    expect(sms.text).toContain("Inscription confirmée : Premiers pas sur la tablette");
    expect(sms.text).toContain(manage);
    const ics = await context.request.get(`${manage}/agenda.ics`);
    expect(await ics.text()).toContain("SUMMARY:Premiers pas sur la tablette");
    await page.goto(manage);
    await page.getByRole("button", { name: "Annuler mon inscription" }).click();
    await page.getByText("Votre inscription est annulée.", { exact: false }).waitFor();
    expect(await page.locator("h1").textContent()).toBe("Cette inscription est annulée");
    met.push(page.url());
    await context.close();
    await allClean(chromium.browser, met);
  });
});

describe("a full workshop, its waiting list and the desk", () => {
  it("the mediator plans a one-seat workshop; the waiting person is promoted and told; sign-in sheet and attendance", async () => {
    const staff = await chromium.browser.newContext({ viewport: { width: 1024, height: 900 }, locale: "fr-FR" });
    const desk = await staff.newPage();
    await signIn(desk, server.url, DEMO_ACCOUNTS.mediator.email, DEMO_PASSWORD);
    await desk.getByRole("link", { name: "Agenda de ACTION NUMERIQUE" }).click();
    await desk.getByRole("link", { name: "Ateliers, permanences et événements" }).first().click();
    await desk.locator("h1").waitFor();
    expect(await axeViolations(desk)).toEqual([]);
    await desk.screenshot({ path: shot("atelier-4-liste-gestion.png"), fullPage: true });
    // A one-seat workshop in a week.
    const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await desk.getByLabel("Titre").fill("Envoyer une pièce jointe");
    await desk.getByLabel("Places par séance").fill("1");
    await desk.getByLabel("Une seule date").check();
    await desk.getByLabel("Première date (ou la date)").fill(day);
    await desk.getByLabel("Heure de début").fill("10:00");
    await desk.getByLabel("Heure de fin").fill("11:30");
    await desk.getByRole("button", { name: "Créer et prévoir les séances" }).click();
    await desk.getByText("La série est créée : 1 séance prévue.").waitFor();
    const series = desk.url();
    await desk.getByRole("link", { name: /Inscrits et émargement/ }).first().click();
    const deskUrl = desk.url().replace(/\?.*$/, "");
    const sessionId = deskUrl.split("/").at(-1)!;

    // The public: a first person takes the seat, a second is put on the waiting list.
    const context = await phone();
    const page = await context.newPage();
    await page.goto(`${server.url}/ateliers/${sessionId}`);
    expect(await page.getByText("1 place restante").count()).toBe(1);
    const first = await register(page, "Awa", "06 12 34 56 21");
    await page.goto(`${server.url}/ateliers/${sessionId}`);
    expect(await page.getByText("Complet — liste d'attente").count()).toBe(1);
    await page.screenshot({ path: shot("atelier-5-complet.png"), fullPage: true });
    const before = smpp.captured.length;
    const second = await register(page, "Bruno", "06 12 34 56 22");
    expect(await page.locator("h1").textContent()).toBe("Vous êtes sur la liste d'attente");
    expect(await page.getByText("Vous êtes la première personne sur la liste d'attente.").count()).toBe(1);
    await page.screenshot({ path: shot("atelier-6-attente.png"), fullPage: true });
    const waiting = await smpp.waitFor("33612345622", { since: before, timeoutMs: 20_000 });
    expect(waiting.text).toContain("Liste d'attente");
    // The first cancels: the second gets the seat at once, and is told.
    await page.goto(first);
    await page.getByRole("button", { name: "Annuler mon inscription" }).click();
    await page.getByText("Votre inscription est annulée.", { exact: false }).waitFor();
    const promoted = await smpp.waitFor("33612345622", { since: before + 1, timeoutMs: 20_000, matching: /Une place s'est libérée/ });
    expect(promoted.text).toContain("vous êtes inscrit(e) à Envoyer une pièce jointe");
    expect(promoted.text).toContain(second);
    await page.goto(second);
    expect(await page.locator("h1").textContent()).toBe("Votre inscription");
    await context.close();

    // The desk: Bruno registered, the sign-in sheet, attendance.
    await desk.goto(deskUrl);
    expect(await desk.getByRole("rowheader", { name: "Bruno" }).count()).toBe(1);
    expect(await axeViolations(desk)).toEqual([]);
    await desk.screenshot({ path: shot("atelier-7-inscrits.png"), fullPage: true });
    await desk.getByRole("link", { name: "Feuille d'émargement (à imprimer)" }).click();
    await desk.locator("h1").getByText("Feuille d'émargement").waitFor();
    expect(await desk.locator("table.sheet-table tbody tr").count()).toBe(22);
    expect(await desk.locator("table.sheet-table tbody tr").first().textContent()).toContain("Bruno");
    expect(await axeViolations(desk)).toEqual([]);
    await desk.emulateMedia({ media: "print" });
    await desk.screenshot({ path: shot("atelier-8-emargement.png"), fullPage: true });
    const pdf = await desk.pdf({ format: "A4" });
    expect(pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    await desk.emulateMedia({ media: "screen" });
    await desk.goto(deskUrl);
    await desk.getByRole("radio", { name: "Présent(e)" }).first().check();
    await desk.getByRole("button", { name: "Enregistrer les présences" }).click();
    await desk.getByText("Présences enregistrées.").waitFor();
    await desk.getByLabel("Venus sans inscription").fill("2");
    await desk.getByRole("button", { name: "Enregistrer", exact: true }).click();
    await desk.getByText("Nombre enregistré.").waitFor();
    expect(await axeViolations(desk)).toEqual([]);
    await desk.goto(series);
    expect(await axeViolations(desk)).toEqual([]);
    await staff.close();
  });
});

describe("the mobile EPN", () => {
  it("its passage is found from a nearby commune, without JavaScript", async () => {
    const context = await phone();
    const page = await context.newPage();
    await page.goto(`${server.url}/lieux?q=Vierzon`);
    const near = page.locator("section", { has: page.getByRole("heading", { name: "L'EPN mobile passe près d'ici" }) });
    await near.waitFor();
    expect(await near.getByText(/passe à Reuilly/).count()).toBeGreaterThan(0);
    await page.screenshot({ path: shot("atelier-9-bus-pres-d-ici.png"), fullPage: true });
    const url = page.url();
    await page.goto(`${server.url}/lieux`);
    await context.close();
    await allClean(chromium.browser, [url]);
  });
});
