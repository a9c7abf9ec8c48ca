/**
 * The network's label in Chromium, on the demo data:
 * - the coordinator creates a call, builds its form with a yes/no question, a question shown only
 *   on « Oui » and a file question, sets the grid and publishes;
 * - the demo manager starts a draft, saves the first section, is interrupted (a new browser), comes
 *   back to their answers, meets the conditional question, joins a file (a renamed executable is
 *   refused), submits;
 * - the coordinator asks for a correction, the manager corrects and submits again;
 * - the demo's outside expert declares no conflict of interest and scores;
 * - the coordinator accepts: the letter arrives over SMTP with its PDF (looked at);
 * - the label shows on the place's public page, and is gone from it once its end date has passed
 *   (the server stopped, the end date moved to yesterday in the database, the server started again);
 * every page met is axe-clean.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db/client.server";
import { DEMO_EXPERT } from "~/features/demo/demo-calls.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "~/features/demo/demo.server";
import { axeViolations, SCREENSHOTS, signIn, useChromium } from "../support/browser";
import { pdfText } from "../support/pdf-text";
import { freePort, startServer, type RunningServer } from "../support/server";
import { decodedMail, startSmtpCapture, type SmtpCapture } from "../support/smtp-capture";

let server: RunningServer;
let smtp: SmtpCapture;
let port = 0;
const chromium = useChromium();
const shot = (name: string) => path.join(SCREENSHOTS, name);
const env = () => ({ BASE_URL: `http://127.0.0.1:${port}`, SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
const TITLE = "Appel e2e 2027";
const LABEL = "Label Réseau e2e";

beforeAll(async () => {
  smtp = await startSmtpCapture();
  port = await freePort();
  server = await startServer({ port, env: env() });
}, 240_000);

afterAll(async () => {
  const code = await server?.stop();
  await smtp?.stop();
  if (code !== 0) throw new Error(`the server did not stop cleanly (exit code ${code}):\n${server?.output().slice(-2000)}`);
});

const office = () => chromium.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR" });
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

let callUrl = "";
let applicationUrl = "";
let placeId = "";
let placeSlug = "";

async function signedIn(email: string) {
  const context = await office();
  const page = await context.newPage();
  await signIn(page, server.url, email, DEMO_PASSWORD);
  return { context, page };
}

describe("the label's cycle", () => {
  it("the coordinator builds a call with a conditional question and a file question, and publishes it", async () => {
    const { context, page } = await signedIn(DEMO_ACCOUNTS.coordinator.email);
    await page.goto(`${server.url}/gestion/reseaux/web-o-centre`);
    await page.getByRole("link", { name: "Label et appels à projets" }).click();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel(/^Titre de l'appel/).fill(TITLE);
    await page.getByLabel(/^Ouverture le/).fill(isoDay(-1));
    await page.getByLabel(/^Clôture le/).fill(isoDay(20));
    await page.getByLabel(/^Label accordé/).fill(LABEL);
    await page.getByLabel(/^Le label accordé est valable jusqu'au/).fill(isoDay(3 * 365));
    await page.getByLabel(/^Signataire des lettres/).fill("Claire Martin");
    await page.getByRole("button", { name: "Créer l'appel (brouillon)" }).click();
    await page.getByText("L'appel est créé.").waitFor();
    callUrl = page.url().replace(/\/formulaire.*$/, "");

    await page.getByLabel("Titre de la partie (obligatoire)").fill("Le lieu et ses partenaires");
    await page.getByRole("button", { name: "Ajouter la partie" }).click();
    await page.getByText("Le formulaire est enregistré.").waitFor();
    const add = async (fill: () => Promise<void>) => {
      await page.getByText("Ajouter une question à « Le lieu et ses partenaires »").click();
      await fill();
      await page.getByRole("button", { name: "Ajouter la question" }).click();
      await page.getByText("Le formulaire est enregistré.").waitFor();
    };
    const form = () => page.locator("details[open] form");
    await add(async () => {
      await form().getByLabel("Type de question").selectOption("yes_no");
      await form().getByLabel(/^Intitulé/).fill("Travaillez-vous avec l'agence France Travail ?");
    });
    await add(async () => {
      await form().getByLabel("Type de question").selectOption("long_text");
      await form().getByLabel(/^Intitulé/).fill("Décrivez ce partenariat");
      await form().getByLabel("Afficher seulement si la question…").selectOption({ label: "Travaillez-vous avec l'agence France Travail ? (oui / non)" });
      await form().getByLabel("…a pour réponse").fill("Oui");
    });
    await add(async () => {
      await form().getByLabel("Type de question").selectOption("file");
      await form().getByLabel(/^Intitulé/).fill("Statuts de la structure");
    });
    expect(await page.locator("#formulaire").textContent()).toContain("affichée si « Travaillez-vous avec l'agence France Travail ? » = « oui »");
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: shot("label-1-formulaire.png"), fullPage: true });

    await page.goto(`${callUrl}/grille`);
    await page.getByLabel("Nom du critère").first().fill("Partenariat avec le service public de l'emploi");
    await page.getByLabel("Coefficient").first().fill("2");
    await page.getByRole("button", { name: "Enregistrer la grille" }).click();
    await page.getByText("La grille est enregistrée.").waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(callUrl);
    await page.getByRole("button", { name: "Publier l'appel" }).click();
    await page.getByText("L'appel est publié").waitFor();
    expect(await page.locator("main").textContent()).toContain("Formulaire version 1");
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it("the manager drafts, is interrupted, comes back, meets the conditional question, joins a file and submits", async () => {
    let { context, page } = await signedIn(DEMO_ACCOUNTS.manager.email);
    // The manager's place, from the back-office home.
    const placeLink = page.locator("a[href^='/gestion/lieux/']").first();
    placeId = /\/gestion\/lieux\/([^/?#]+)/.exec((await placeLink.getAttribute("href"))!)![1]!;
    await page.goto(`${server.url}/gestion/lieux/${placeId}`);
    await page.getByRole("link", { name: "Label et candidatures aux appels à projets" }).click();
    expect(await axeViolations(page)).toEqual([]);
    await page.locator("article", { hasText: TITLE }).getByRole("button", { name: "Commencer un dossier" }).click();
    applicationUrl = page.url().split("?")[0]!;
    await page.getByRole("radio", { name: "Oui" }).check();
    await page.getByRole("button", { name: "Enregistrer « Le lieu et ses partenaires »" }).click();
    await page.getByText("Une nouvelle question est apparue").waitFor();
    await context.close();

    // Interrupted: another browser, later.
    ({ context, page } = await signedIn(DEMO_ACCOUNTS.manager.email));
    await page.goto(applicationUrl);
    expect(await page.getByRole("radio", { name: "Oui" }).isChecked()).toBe(true);
    await page.getByLabel(/^Décrivez ce partenariat/).fill("Une permanence de l'agence chaque mardi matin, et des ateliers CV.");
    await page.getByRole("button", { name: "Enregistrer « Le lieu et ses partenaires »" }).click();
    await page.getByText("La partie est enregistrée.").waitFor();

    // A program renamed .pdf is refused by its content; a real PDF is kept.
    await page.getByLabel("Ajouter un fichier").setInputFiles({ name: "statuts.pdf", mimeType: "application/pdf", buffer: Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0]) });
    await page.getByRole("button", { name: "Envoyer le fichier" }).click();
    await page.locator(".error-summary").waitFor();
    expect(await page.locator(".error-summary").textContent()).toContain("n'est pas d'un type accepté");
    await page.getByLabel("Ajouter un fichier").setInputFiles({ name: "statuts.pdf", mimeType: "application/pdf", buffer: PDF });
    await page.getByRole("button", { name: "Envoyer le fichier" }).click();
    await page.getByText("Le fichier est ajouté.").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: shot("label-2-dossier.png"), fullPage: true });
    await page.getByRole("button", { name: "Déposer le dossier" }).last().click();
    await page.getByText("Le dossier est déposé.").waitFor();
    expect(await page.locator("main").textContent()).toContain("Déposé");
    await context.close();
  });

  it("the coordinator asks for a correction; the manager corrects and submits again", async () => {
    let { context, page } = await signedIn(DEMO_ACCOUNTS.coordinator.email);
    await page.goto(callUrl);
    await page.locator("section[aria-labelledby=dossiers] tbody a").first().click();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel("Corrections à demander").fill("Précisez le nombre de personnes reçues à la permanence.");
    const before = smtp.captured.length;
    await page.getByRole("button", { name: "Demander des corrections" }).click();
    await page.getByText("Les corrections sont demandées").waitFor();
    const mail = await smtp.waitFor(DEMO_ACCOUNTS.manager.email, { since: before });
    expect(decodedMail(mail.raw)).toContain("Précisez le nombre de personnes reçues à la permanence.");
    await context.close();

    ({ context, page } = await signedIn(DEMO_ACCOUNTS.manager.email));
    await page.goto(applicationUrl);
    await page.getByRole("heading", { name: "Le réseau demande des corrections" }).waitFor();
    await page.getByLabel(/^Décrivez ce partenariat/).fill("Une permanence de l'agence chaque mardi matin (une douzaine de personnes), et des ateliers CV.");
    await page.getByRole("button", { name: "Enregistrer « Le lieu et ses partenaires »" }).click();
    await page.getByText("La partie est enregistrée.").waitFor();
    await page.getByRole("button", { name: "Déposer le dossier corrigé" }).last().click();
    await page.getByText("Le dossier est déposé.").waitFor();
    await context.close();
  });

  it("the coordinator assigns the outside expert, who declares no conflict and scores", async () => {
    let { context, page } = await signedIn(DEMO_ACCOUNTS.coordinator.email);
    await page.goto(callUrl);
    await page.locator("section[aria-labelledby=dossiers] tbody a").first().click();
    const dossierUrl = page.url().split("?")[0]!;
    await page.getByRole("button", { name: "Passer le dossier en instruction" }).click();
    await page.getByText("Le dossier est en instruction").waitFor();
    await page.getByLabel("Désigner un évaluateur").selectOption({ label: `${DEMO_EXPERT.name} (Région Centre-Val de Loire)` });
    await page.getByRole("button", { name: "Désigner" }).click();
    await page.getByText("L'évaluateur est désigné").waitFor();
    await context.close();

    ({ context, page } = await signedIn(DEMO_EXPERT.email));
    await page.getByRole("link", { name: "Mes évaluations de dossiers" }).click();
    await page.getByRole("link", { name: /Dossier n° \d+/ }).last().click();
    // Nothing of the application before the declaration.
    expect(await page.locator("main").textContent()).not.toContain("permanence");
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel(/Je n'ai aucun conflit d'intérêts/).check();
    await page.getByRole("button", { name: "Enregistrer ma déclaration" }).click();
    await page.getByText("Votre déclaration est enregistrée.").waitFor();
    expect(await page.locator("main").textContent()).toContain("une douzaine de personnes");
    await page.getByLabel("Note sur 5").fill("4");
    await page.getByRole("button", { name: "Rendre l'évaluation" }).click();
    await page.getByText("Votre évaluation est rendue.").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: shot("label-3-evaluation.png"), fullPage: true });
    // The expert reads nothing else: the coordinator's pages answer 403.
    expect((await page.goto(dossierUrl))!.status()).toBe(403);
    await context.close();
  });

  it("the coordinator accepts: the letter arrives by SMTP with its PDF, and the label shows on the public page", async () => {
    const { context, page } = await signedIn(DEMO_ACCOUNTS.coordinator.email);
    await page.goto(`${callUrl}?tri=note`);
    await page.locator("section[aria-labelledby=dossiers] tbody a").first().click();
    expect(await page.locator("main").textContent()).toContain("4 / 5");
    await page.getByLabel(/^Accepter : accorder le label/).check();
    const before = smtp.captured.length;
    await page.getByRole("button", { name: "Enregistrer la décision et envoyer la lettre" }).click();
    await page.getByText("La décision est enregistrée").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: shot("label-4-decision.png"), fullPage: true });
    const mail = await smtp.waitFor(DEMO_ACCOUNTS.manager.email, { since: before });
    const raw = mail.raw;
    expect(raw).toContain("application/pdf");
    const part = raw.split(/\r?\n--/).find((p) => /Content-Type: application\/pdf/i.test(p))!;
    const base64 = part.split(/\r?\n\r?\n/).slice(1).join("").replace(/\s+/g, "");
    const pdf = Buffer.from(base64, "base64");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(pdf);
    expect(text).toContain(TITLE);
    expect(text).toContain("Claire Martin");
    const file = shot("label-5-lettre.pdf");
    fs.writeFileSync(file, pdf);
    spawnSync("pdftoppm", ["-png", "-r", "60", "-singlefile", file, shot("label-5-lettre")]);
    await context.close();

    const visitor = await chromium.browser.newContext({ javaScriptEnabled: false });
    const publicPage = await visitor.newPage();
    const db = await openPlace();
    placeSlug = db.slug;
    await publicPage.goto(`${server.url}/lieux/${placeSlug}`);
    expect(await publicPage.locator("main").textContent()).toContain(`${LABEL} depuis ${new Date().getFullYear()}`);
    await visitor.close();
  });

  it("the label leaves the public page once its end date has passed", async () => {
    const kept = await server.stopKeepingData();
    const database = await openDatabase({ databaseUrl: kept.databaseUrl ?? undefined, dataDir: kept.dataDir });
    const yesterday = isoDay(-1);
    await database.db.execute(sql.raw(`update label_grants set valid_until = '${yesterday}', valid_from = least(valid_from, '${yesterday}'::date) where label = '${LABEL}'`));
    await database.close();
    server = await startServer({ port, env: env(), dataDir: kept.dataDir, databaseUrl: kept.databaseUrl, dropDatabase: kept.dropDatabase });
    const visitor = await chromium.browser.newContext({ javaScriptEnabled: false });
    const page = await visitor.newPage();
    await page.goto(`${server.url}/lieux/${placeSlug}`);
    expect(await page.locator("main").textContent()).not.toContain(LABEL);
    await visitor.close();
  });
});

/** The manager's place's public address (its slug), read from the back-office preview link. */
async function openPlace(): Promise<{ slug: string }> {
  const context = await office();
  const page = await context.newPage();
  await signIn(page, server.url, DEMO_ACCOUNTS.manager.email, DEMO_PASSWORD);
  await page.goto(`${server.url}/gestion/lieux/${placeId}`);
  const href = await page.locator("a[href^='/lieux/']").first().getAttribute("href");
  await context.close();
  return { slug: href!.replace(/^\/lieux\//, "").replace(/[?#].*$/, "") };
}
