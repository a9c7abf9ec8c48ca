/**
 * Partners' referrals in Chromium, on the demo data (France Travail and a CCAS of the demo network):
 * - the coordinator points the agency's signed webhook at a real HTTP server of the test;
 * - the agency's adviser finds the mediator's place, refers a person and books a computer slot for
 *   them: the person's SMS arrives on the SMPP server;
 * - the mediator opens the referral from the inbox, goes to the agenda and marks the person present;
 * - the adviser sees « Venue », and the receiver got the event, correctly signed;
 * - the CCAS's adviser gets 403 on the agency's referral;
 * - a referral nobody answers: reminders to the place at 10 and 20 days, expired at 30 (the follow-up
 *   run as of those dates by the command line, the server stopped meanwhile), the adviser told;
 * every page met is axe-clean.
 */
import { spawnSync } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PARTNER_ACCOUNTS } from "~/features/demo/demo-referrals.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "~/features/demo/demo.server";
import { verifyWebhook } from "~/features/referrals/webhooks";
import { axeViolations, SCREENSHOTS, signIn, useChromium } from "../support/browser";
import { freePort, startServer, type RunningServer } from "../support/server";
import { startSmppCapture, type SmppCapture } from "../support/smpp-capture";
import { decodedMail, startSmtpCapture, type SmtpCapture } from "../support/smtp-capture";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DAY = 86_400_000;
let server: RunningServer;
let smtp: SmtpCapture;
let smpp: SmppCapture;
let port = 0;
const chromium = useChromium();
const shot = (name: string) => path.join(SCREENSHOTS, name);

/** The partner's receiver: every POST kept with its headers and raw body. */
type Received = { headers: http.IncomingHttpHeaders; body: string };
const received: Received[] = [];
let receiver: http.Server;
let receiverUrl = "";

const env = () => ({ BASE_URL: `http://127.0.0.1:${port}`, SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMS_URL: smpp.url() });

beforeAll(async () => {
  smtp = await startSmtpCapture();
  smpp = await startSmppCapture();
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/webhooks/orientations`;
  port = await freePort();
  server = await startServer({ port, env: env() });
}, 240_000);

afterAll(async () => {
  const code = await server?.stop();
  await smtp?.stop();
  await smpp?.stop();
  receiver?.close();
  if (code !== 0) throw new Error(`the server did not stop cleanly (exit code ${code}):\n${server?.output().slice(-2000)}`);
});

const office = () => chromium.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR" });
const until = async <T,>(what: () => T | undefined, label: string, timeoutMs = 30_000): Promise<T> => {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = what();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

let partnerHome = "";
let referralUrl = "";
let secret = "";

describe("a partner's referral, from the adviser to the mediator and back", () => {
  it("the coordinator points the agency's webhook at the partner's receiver", async () => {
    const context = await office();
    const page = await context.newPage();
    await signIn(page, server.url, DEMO_ACCOUNTS.coordinator.email, DEMO_PASSWORD);
    await page.goto(`${server.url}/gestion/reseaux/web-o-centre/partenaires`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("link", { name: /France Travail/ }).first().click();
    await page.getByLabel("Adresse (URL) du webhook").fill(receiverUrl);
    await page.getByRole("button", { name: "Enregistrer le webhook" }).click();
    await page.getByText("Le webhook est enregistré.").waitFor();
    await page.getByText("Afficher le secret").click();
    secret = (await page.locator("code.secret-value").first().textContent())!.trim();
    expect(secret.length).toBeGreaterThan(20);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: shot("orientations-0-partenaire.png"), fullPage: true });
    await context.close();
  });

  it("the adviser refers a person to the mediator's place and books a computer slot: the person's SMS arrives", async () => {
    const context = await office();
    const page = await context.newPage();
    await signIn(page, server.url, DEMO_PARTNER_ACCOUNTS.adviser.email, DEMO_PASSWORD);
    await page.getByRole("link", { name: /France Travail/ }).first().click();
    partnerHome = page.url();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: shot("orientations-1-suivi.png"), fullPage: true });
    await page.getByRole("link", { name: "Orienter une personne" }).click();
    await page.getByLabel("Commune, code postal ou nom du lieu").fill("ACTION NUMERIQUE");
    await page.getByRole("button", { name: "Chercher" }).click();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("link", { name: "Orienter vers ACTION NUMERIQUE" }).first().click();
    await page.getByLabel("Prénom (obligatoire)", { exact: true }).fill("Zoé");
    await page.getByLabel("Nom (obligatoire)", { exact: true }).fill("Martin");
    await page.getByLabel("Téléphone", { exact: true }).fill("06 98 76 54 32");
    await page.getByLabel("Par SMS").check();
    await page.getByLabel("Insertion professionnelle").check();
    await page.getByLabel("E-mail", { exact: true }).check();
    await page.getByLabel(/Note pour le lieu/).fill("Créer son espace candidat et y déposer son CV.");
    // A computer: the first free time of the pooled stations.
    await page.locator("summary", { hasText: /ordinateur/i }).first().click();
    const slot = page.locator("details[open] input[type=radio]").first();
    await slot.check();
    const when = (await page.locator(`label[for="${await slot.getAttribute("id")}"]`).textContent())!.trim();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: shot("orientations-2-formulaire.png"), fullPage: true });
    // Without the person's consent, nothing is sent.
    await page.getByRole("button", { name: "Envoyer l'orientation" }).click();
    await page.locator(".error-summary").getByText(/d.accord pour que ses coordonnées/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel(/La personne est d'accord/).check();
    await page.getByRole("button", { name: "Envoyer l'orientation" }).click();
    await page.getByRole("heading", { name: "Orientation de Zoé M." }).waitFor();
    referralUrl = page.url().replace(/\?.*$/, "");
    const main = (await page.locator("main").textContent())!;
    expect(main).toContain("Rendez-vous pris");
    expect(main).toContain(when);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: shot("orientations-3-envoyee.png"), fullPage: true });
    const sms = await smpp.waitFor("33698765432");
    expect(sms.text).toMatch(/ACTION NUMERIQUE/i);
    await context.close();
  });

  it("the mediator finds the referral in the inbox and marks the person present in the agenda", async () => {
    const context = await office();
    const page = await context.newPage();
    await signIn(page, server.url, DEMO_ACCOUNTS.mediator.email, DEMO_PASSWORD);
    await page.getByRole("link", { name: "Agenda de ACTION NUMERIQUE" }).click();
    const placeId = /\/gestion\/lieux\/([^/]+)\/agenda/.exec(page.url())![1]!;
    await page.goto(`${server.url}/gestion/lieux/${placeId}/orientations?onglet=rendez-vous`);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: shot("orientations-4-recues.png"), fullPage: true });
    await page.getByRole("link", { name: "Zoé M." }).click();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: shot("orientations-5-recue.png"), fullPage: true });
    await page.getByRole("link", { name: "Voir le rendez-vous dans l'agenda" }).click();
    const row = page.getByRole("group", { name: /Présence de Zoé/ });
    await row.getByRole("radio", { name: "Présent" }).check();
    await page.locator("form", { has: row }).getByRole("button", { name: "Enregistrer la présence" }).click();
    await page.getByText("C'est enregistré.").waitFor();
    await context.close();
  });

  it("the adviser sees « Venue », and the partner's receiver got the event, correctly signed", async () => {
    const context = await office();
    const page = await context.newPage();
    await signIn(page, server.url, DEMO_PARTNER_ACCOUNTS.adviser.email, DEMO_PASSWORD);
    await page.goto(referralUrl);
    await page.getByText(/^Venue le /).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: shot("orientations-6-venue.png"), fullPage: true });
    await context.close();
    const came = await until(() => received.find((r) => JSON.parse(r.body).orientation?.statut === "venue"), "the webhook of « came »");
    expect(verifyWebhook(secret, came.headers as Record<string, string>, came.body)).toMatchObject({ ok: true, id: came.headers["webhook-id"] });
    expect(verifyWebhook("un-autre-secret-un-autre-secret", came.headers as Record<string, string>, came.body)).toEqual({ ok: false, reason: "signature-invalid" });
    expect(came.body).not.toContain("Zoé");
    expect(came.body).not.toContain("98 76");
  });

  it("another organisation's adviser gets 403 on it", async () => {
    const context = await office();
    const page = await context.newPage();
    await signIn(page, server.url, DEMO_PARTNER_ACCOUNTS.socialWorker.email, DEMO_PASSWORD);
    const response = await page.goto(referralUrl);
    expect(response?.status()).toBe(403);
    const home = await page.goto(partnerHome);
    expect(home?.status()).toBe(403);
    await context.close();
  });

  it("a referral nobody answers: reminders to the place at 10 and 20 days, expired at 30, the adviser told", async () => {
    const context = await office();
    const page = await context.newPage();
    await signIn(page, server.url, DEMO_PARTNER_ACCOUNTS.adviser.email, DEMO_PASSWORD);
    await page.goto(`${partnerHome}/orienter`);
    await page.getByLabel("Commune, code postal ou nom du lieu").fill("ACTION NUMERIQUE");
    await page.getByRole("button", { name: "Chercher" }).click();
    await page.getByRole("link", { name: "Orienter vers ACTION NUMERIQUE" }).first().click();
    await page.getByLabel("Prénom (obligatoire)", { exact: true }).fill("Octave");
    await page.getByLabel("Nom (obligatoire)", { exact: true }).fill("Sansréponse");
    await page.getByLabel("Téléphone", { exact: true }).fill("06 11 22 33 99");
    await page.getByLabel("Aide aux démarches administratives").check();
    await page.getByLabel(/La personne est d'accord/).check();
    await page.getByRole("button", { name: "Envoyer l'orientation" }).click();
    await page.getByRole("heading", { name: "Orientation de Octave S." }).waitFor();
    const unanswered = page.url().replace(/\?.*$/, "");
    await context.close();

    // The server stopped, the follow-up run as of 10, 20 and 30 days later, the server started again.
    const kept = await server.stopKeepingData();
    const now = Date.now();
    const lines: string[] = [];
    for (const days of [10, 20, 30]) {
      const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/cli.ts", "orientations-relances", "--date", new Date(now + days * DAY + 3_600_000).toISOString()], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: kept.dataDir, DATABASE_URL: kept.databaseUrl ?? "", BASE_URL: `http://127.0.0.1:${port}` },
        encoding: "utf8",
      });
      expect(run.status, run.stderr).toBe(0);
      lines.push(run.stdout.trim());
    }
    expect(lines[0]).toMatch(/[1-9]\d* relance\(s\)/);
    expect(lines[1]).toMatch(/[1-9]\d* relance\(s\)/);
    expect(lines[2]).toMatch(/[1-9]\d* orientation\(s\) expirée\(s\)/);
    server = await startServer({ port, env: env(), dataDir: kept.dataDir, databaseUrl: kept.databaseUrl, dropDatabase: kept.dropDatabase });

    const again = await office();
    const adviser = await again.newPage();
    await signIn(adviser, server.url, DEMO_PARTNER_ACCOUNTS.adviser.email, DEMO_PASSWORD);
    await adviser.goto(unanswered);
    await adviser.getByText(/^Expirée le /).waitFor();
    const history = (await adviser.locator("#historique + ol").textContent())!;
    expect(history).toContain("Relance n° 1 envoyée au lieu");
    expect(history).toContain("Relance n° 2 envoyée au lieu");
    expect(await axeViolations(adviser)).toEqual([]);
    await adviser.screenshot({ path: shot("orientations-7-expiree.png"), fullPage: true });
    await again.close();
    // The place's staff got the reminders, the adviser the expiry, by SMTP.
    const mails = () => smtp.captured.map((m) => ({ to: m.to.join(","), text: decodedMail(m.raw) }));
    await until(() => mails().find((m) => m.to.includes(DEMO_ACCOUNTS.mediator.email) && m.text.includes("Relance") && m.text.includes("Octave S.")), "the reminder to the place");
    await until(() => mails().find((m) => m.to.includes(DEMO_PARTNER_ACCOUNTS.adviser.email) && m.text.includes("Octave S.") && /expir/i.test(m.text)), "the expiry told to the adviser");
  });
});
