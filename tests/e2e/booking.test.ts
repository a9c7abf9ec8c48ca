/**
 * Booking in Chromium, against its own server wired to a real SMTP server and a real SMPP
 * gateway (both started by the test): a job seeker books the "Salle visio" of the demo's
 * ACTION NUMERIQUE from a 360 px phone WITHOUT JavaScript, receives the SMS and the mail with
 * the manage link, opens it, moves the booking, cancels it; every page axe-clean. Then the demo
 * mediator books on behalf of someone on the phone, seats a walk-in on a free station and marks
 * who came; the network's coordinator reads the agenda but may not book (403).
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "~/features/demo/demo.server";
import { axeViolations, axeViolationsAt, SCREENSHOTS, signIn, useChromium } from "../support/browser";
import { freePort, startServer, type RunningServer } from "../support/server";
import { startSmppCapture, type SmppCapture } from "../support/smpp-capture";
import { decodedMail, startSmtpCapture, type SmtpCapture } from "../support/smtp-capture";

let smtp: SmtpCapture;
let smpp: SmppCapture;
let server: RunningServer;
const chromium = useChromium();
const PHONE = "06 12 34 56 78";
const EMAIL = "sam.candidat@exemple.fr";

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

const shot = (name: string) => path.join(SCREENSHOTS, name);

describe("booking without an account, without JavaScript, at 360 px", () => {
  it("books the Salle visio, gets the SMS and the mail, moves it and cancels it with the manage link", async () => {
    const context = await chromium.browser.newContext({ viewport: { width: 360, height: 740 }, locale: "fr-FR", javaScriptEnabled: false });
    const page = await context.newPage();
    /** Pages met; axe-core needs JavaScript, so they are checked at the end in a context where it runs. */
    const met: string[] = [];
    await page.goto(`${server.url}/lieux/action-numerique-orleans`);
    // The place page says what can be booked and when it is next free.
    const section = page.locator("section#reserver, section[aria-labelledby=reserver]");
    await expect.poll(() => section.getByText("Prochain créneau libre").count()).toBeGreaterThan(0);
    await page.screenshot({ path: shot("reservation-1-fiche.png"), fullPage: true });
    await section.getByRole("link", { name: "Réserver : Salle visio" }).click();
    expect(await page.locator("h1").textContent()).toBe("Réserver : Salle visio");
    met.push(page.url());
    await page.screenshot({ path: shot("reservation-2-jours.png"), fullPage: true });
    // A day (the second with a free time: a time today may already be past the cancellation deadline), then a time.
    await page.locator("ul.choices a").nth(1).click();
    met.push(page.url());
    await page.screenshot({ path: shot("reservation-3-heures.png"), fullPage: true });
    await page.locator("ul.times a").first().click();
    met.push(page.url());
    // A bad phone number: a clear message next to the field, nothing booked.
    await page.getByLabel("Votre prénom").fill("Sam");
    await page.getByLabel("Votre numéro de téléphone portable").fill("12 34");
    await page.getByRole("button", { name: "Réserver" }).click();
    await page.locator(".error-summary").waitFor();
    expect(await page.locator(".field-error").first().textContent()).toContain("Ce numéro de téléphone n'est pas valable");
    await page.screenshot({ path: shot("reservation-4-erreur.png"), fullPage: true });
    await page.getByLabel("Votre numéro de téléphone portable").fill(PHONE);
    await page.getByLabel("Ou votre adresse e-mail").fill(EMAIL);
    await page.getByLabel("Pour quoi faire ? (facultatif)").fill("Un entretien d'embauche en visio");
    const smsBefore = smpp.captured.length;
    const mailsBefore = smtp.captured.length;
    await page.getByRole("button", { name: "Réserver" }).click();
    await page.waitForURL(/\/reservation\/[A-Za-z0-9_-]+\?nouvelle=1$/);
    expect(await page.locator("h1").textContent()).toBe("Votre réservation est confirmée");
    expect(await page.getByText("Un message de confirmation a été envoyé à 06 12 34 56 78.").count()).toBe(1);
    met.push(page.url());
    await page.screenshot({ path: shot("reservation-5-confirmee.png"), fullPage: true });
    const manageUrl = page.url().replace(/\?.*$/, "");

    // The SMS over SMPP and the mail over SMTP carry the manage link.
    const sms = await smpp.waitFor("33612345678", { since: smsBefore, timeoutMs: 20_000 });
    expect(sms.text).toContain("Réservation confirmée");
    expect(sms.text).toContain(manageUrl);
    const mail = await smtp.waitFor(EMAIL, { since: mailsBefore, timeoutMs: 20_000 });
    expect(decodedMail(mail.raw)).toContain(manageUrl);

    // The .ics.
    const ics = await context.request.get(`${manageUrl}/agenda.ics`);
    expect(ics.headers()["content-type"]).toContain("text/calendar");
    expect(await ics.text()).toContain("BEGIN:VEVENT");

    // Move it from the link in the SMS: the first other free time.
    await page.goto(manageUrl);
    await page.getByRole("link", { name: "Choisir un autre jour ou une autre heure" }).click();
    met.push(page.url());
    // Another day that has a free time.
    await page.locator("ul.choices a").nth(2).click();
    await page.locator("ul.times a").first().click();
    met.push(page.url());
    await page.getByRole("button", { name: "Choisir ce nouvel horaire" }).click();
    await page.getByText("Votre réservation est déplacée.").waitFor();
    met.push(page.url());
    await smpp.waitFor("33612345678", { since: smsBefore + 1, timeoutMs: 20_000 });

    // Cancel it.
    await page.getByLabel("Pourquoi ? (facultatif)").fill("J'ai trouvé une autre solution");
    await page.getByRole("button", { name: "Annuler ma réservation" }).click();
    await page.getByText("Votre réservation est annulée. Le créneau est libéré pour quelqu'un d'autre.").waitFor();
    expect(await page.locator("h1").textContent()).toBe("Cette réservation est annulée");
    met.push(page.url());
    await page.screenshot({ path: shot("reservation-6-annulee.png"), fullPage: true });
    await context.close();
    for (const url of met) expect(await axeViolationsAt(chromium.browser, url), url).toEqual([]);
  });
});

describe("a refused booking form", () => {
  it("shows the errors next to the fields, axe-clean", async () => {
    const context = await chromium.browser.newContext({ viewport: { width: 360, height: 740 }, locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto(`${server.url}/lieux/action-numerique-orleans/reserver/ordinateur`);
    await page.locator("ul.choices a").first().click();
    await page.locator("ul.times a").first().click();
    await page.getByRole("button", { name: "Réserver" }).click();
    await page.locator(".error-summary").waitFor();
    expect(await page.locator(".field-error").allTextContents()).toEqual(["Écrivez votre prénom.", "Donnez un numéro de téléphone ou une adresse e-mail."]);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

describe("the mediator's desk", () => {
  it("books on behalf, seats a walk-in, marks attendance; the coordinator reads only", async () => {
    const context = await chromium.browser.newContext({ viewport: { width: 1024, height: 900 }, locale: "fr-FR" });
    const page = await context.newPage();
    await signIn(page, server.url, DEMO_ACCOUNTS.mediator.email, DEMO_PASSWORD);
    await page.getByRole("link", { name: "Agenda de ACTION NUMERIQUE" }).click();
    await page.locator("h1").getByText("Agenda — ACTION NUMERIQUE").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: shot("agenda-jour.png"), fullPage: true });
    const agendaUrl = page.url();

    // Someone on the phone: book the Salle visio for them tomorrow.
    await page.getByRole("link", { name: "Réserver pour quelqu'un" }).click();
    await page.getByLabel("Ressource").selectOption({ label: "Salle visio" });
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel("Date").fill(tomorrow);
    await page.getByRole("button", { name: "Voir les horaires libres" }).click();
    const times = await page.getByLabel("Heure").locator("option").count();
    if (times > 0) {
      await page.getByLabel("Prénom (obligatoire)").fill("Odette");
      await page.getByLabel("Téléphone", { exact: true }).fill("06 98 76 54 32");
      await page.getByRole("button", { name: "Réserver", exact: true }).click();
      await page.getByText(/Réservation enregistrée pour Odette/).waitFor();
    }
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: shot("agenda-reserver.png"), fullPage: true });

    // A walk-in on a free station, if the place is open now; attendance on today's first booking.
    await page.goto(agendaUrl);
    const walkIn = page.getByRole("button", { name: "Occuper ce poste maintenant" });
    if ((await walkIn.count()) > 0) {
      await walkIn.first().click();
      // Seated, or (a booking soon on every free station) told to choose a shorter time.
      await page.getByText(/occupé jusqu'à|Ce poste est réservé avant la fin de cette durée/).first().waitFor();
    }
    const present = page.getByRole("radio", { name: "Présent" });
    if ((await present.count()) > 0) {
      await present.first().check();
      await page.getByRole("button", { name: "Enregistrer la présence" }).first().click();
      await page.getByText("C'est enregistré.").waitFor();
    }
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: shot("agenda-apres.png"), fullPage: true });
    await context.close();

    // The coordinator of the network reads the agenda; booking on behalf is not theirs.
    const coordinator = await chromium.browser.newContext({ viewport: { width: 1024, height: 900 }, locale: "fr-FR" });
    const other = await coordinator.newPage();
    await signIn(other, server.url, DEMO_ACCOUNTS.coordinator.email, DEMO_PASSWORD);
    const read = await other.goto(agendaUrl);
    expect(read?.status()).toBe(200);
    expect(await other.getByText("Vous pouvez consulter cet agenda").count()).toBe(1);
    const refused = await other.goto(agendaUrl.replace(/\?.*$/, "") + "/reserver");
    expect(refused?.status()).toBe(403);
    await coordinator.close();

    // The manager sets up resources and rules from the agenda.
    const manager = await chromium.browser.newContext({ viewport: { width: 1024, height: 900 }, locale: "fr-FR" });
    const setUp = await manager.newPage();
    await signIn(setUp, server.url, DEMO_ACCOUNTS.manager.email, DEMO_PASSWORD);
    await setUp.goto(agendaUrl);
    await setUp.getByRole("link", { name: "Réservations : ressources et règles" }).click();
    await setUp.getByText("Salle visio").first().waitFor();
    expect(await axeViolations(setUp)).toEqual([]);
    await setUp.screenshot({ path: shot("ressources.png"), fullPage: true });
    await manager.close();
  });
});
