/**
 * The till in Chromium, on the demo data (tariffs and a month of sales at the demo place, today's
 * cash day open, yesterday's left open):
 * - the mediator finds a member, sells them 12 black-and-white pages — 10 free by the daily
 *   allowance — in three actions, and gets the receipt: its page and its PDF (saved, looked at);
 * - the manager closes the day with a counted difference, which is refused until explained, then
 *   exports the month's journal for the treasurer (XLSX opened, the sale in it);
 * every page met is axe-clean.
 */
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "~/features/demo/demo.server";
import { axeViolations, SCREENSHOTS, signIn, useChromium } from "../support/browser";
import { freePort, startServer, type RunningServer } from "../support/server";

let server: RunningServer;
const chromium = useChromium();
const shot = (name: string) => path.join(SCREENSHOTS, name);
let placeId = "";
let receipt = "";

beforeAll(async () => {
  const port = await freePort();
  server = await startServer({ port, env: { BASE_URL: `http://127.0.0.1:${port}` } });
}, 180_000);

afterAll(async () => {
  const code = await server?.stop();
  if (code !== 0) throw new Error(`the server did not stop cleanly (exit code ${code}):\n${server?.output().slice(-2000)}`);
});

const office = () => chromium.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR", acceptDownloads: true });

describe("the till", () => {
  it("the mediator sells 12 pages to a member with an allowance and prints the receipt", async () => {
    const context = await office();
    const page = await context.newPage();
    await signIn(page, server.url, DEMO_ACCOUNTS.mediator.email, DEMO_PASSWORD);
    await page.getByRole("link", { name: "Agenda de ACTION NUMERIQUE" }).click();
    placeId = /\/gestion\/lieux\/([^/]+)\/agenda/.exec(page.url())![1]!;
    // A member, from the members page.
    await page.goto(`${server.url}/gestion/lieux/${placeId}/caisse/adherents`);
    expect(await axeViolations(page)).toEqual([]);
    const member = (await page.locator("table tbody tr th a, table tbody tr td a").first().textContent())!.trim();
    await page.goto(`${server.url}/gestion/lieux/${placeId}/caisse`);
    await page.getByRole("heading", { name: "Nouvelle vente" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel("Chercher une personne suivie").fill(member.split(" ")[0]!);
    await page.getByRole("button", { name: "Chercher" }).click();
    await page.getByRole("link", { name: `Choisir ${member}` }).first().click();
    await page.getByText(`Vente pour ${member}`).waitFor();
    await page.screenshot({ path: shot("caisse-1-vente.png"), fullPage: true });
    // Three actions: the quantity, the means of payment, « Encaisser ».
    const started = Date.now();
    await page.getByLabel("Impression noir et blanc A4").fill("12");
    await page.getByLabel("Espèces").check();
    await page.getByRole("button", { name: "Encaisser" }).click();
    await page.getByRole("heading", { name: /^Reçu n° \d{4}-\d{6}$/ }).waitFor();
    console.log(`sale recorded in ${((Date.now() - started) / 1000).toFixed(1)} s (automated)`);
    receipt = (await page.getByRole("heading", { name: /^Reçu n°/ }).textContent())!.replace("Reçu n° ", "").trim();
    const body = await page.locator("main").textContent();
    expect(body).toContain("Impression noir et blanc A4");
    expect(body).toMatch(/dont \d+ offertes?/);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: shot("caisse-2-recu.png"), fullPage: true });
    // The receipt as a PDF, to print.
    const pdfLink = page.getByRole("link", { name: /Imprimer le reçu/ });
    const pdf = await page.request.get(new URL((await pdfLink.getAttribute("href"))!, page.url()).toString());
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    const bytes = await pdf.body();
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    fs.writeFileSync(shot(`recu-${receipt}.pdf`), bytes);
    await context.close();
  });

  it("the manager closes the day with a counted difference and exports the month for the treasurer", async () => {
    const context = await office();
    const page = await context.newPage();
    await signIn(page, server.url, DEMO_ACCOUNTS.manager.email, DEMO_PASSWORD);
    await page.goto(`${server.url}/gestion/lieux/${placeId}/caisse`);
    await page.getByRole("link", { name: "Journal de caisse du jour" }).click();
    await page.getByRole("heading", { name: /^Clôturer la journée/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const expectedText = (await page.locator("form p strong").first().textContent())!;
    const expected = Number(expectedText.replace(/[^\d,]/g, "").replace(",", "."));
    // One euro short, without a word: refused, what was typed is kept.
    const counted = (expected - 1).toFixed(2).replace(".", ",");
    await page.getByLabel("Espèces comptées (en euros)").fill(counted);
    await page.getByRole("button", { name: "Clôturer la journée" }).click();
    await page.getByText(/Écart de −1,00\s€ : expliquez-le avant de clôturer\./).first().waitFor();
    expect(await page.getByLabel("Espèces comptées (en euros)").inputValue()).toBe(counted);
    await page.getByLabel("Explication de l'écart").fill("Un euro rendu en trop à un client");
    await page.getByRole("button", { name: "Clôturer la journée" }).click();
    await page.getByText(/Journée clôturée\. Écart : −1,00\s€\./).waitFor();
    await page.getByText("Un euro rendu en trop à un client").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: shot("caisse-3-cloture.png"), fullPage: true });
    // The month's journal, for the treasurer.
    const month = await page.getByLabel(/^Mois/).inputValue();
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: /XLSX/ }).click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
    const xlsx = await page.request.get(`${server.url}/gestion/lieux/${placeId}/caisse/journal/export.xlsx?mois=${month}`);
    expect(xlsx.status()).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? "")))));
    expect(cells.some((c) => c.includes(receipt))).toBe(true);
    expect(cells.some((c) => c.includes("Un euro rendu en trop à un client"))).toBe(true);
    // The month's revenue per service, in the place's figures.
    await page.goto(`${server.url}/gestion/lieux/${placeId}/statistiques`);
    const paid = page.getByRole("heading", { name: "Services payants" });
    await paid.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await paid.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot("caisse-4-chiffres.png") });
    await context.close();
  });
});
