/**
 * The staff journey of issue 4 in Chromium, against its own server wired to a real SMTP
 * server and a real OpenID Connect provider (both started here): the demo coordinator
 * invites a manager → the mail arrives over SMTP → the new manager accepts, sets a
 * password and edits the hours with the day-by-day editor → the public page shows the new
 * hours and its "open now" changes; a mediator of another place is refused (403), an
 * anonymous visitor is sent to sign in; ProConnect-style sign-in works for that manager.
 * Runs on PostgreSQL too when TEST_DATABASE_URL is set (startServer makes a database).
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSRF_FIELD } from "~/lib/forms";
import { DEMO_ACCOUNTS, DEMO_NETWORK, DEMO_PASSWORD } from "~/features/demo/demo.server";
import { axeViolations, SCREENSHOTS, signIn, useChromium } from "../support/browser";
import { startOidcProvider, type TestProvider } from "../support/oidc-provider";
import { freePort, startServer, type RunningServer } from "../support/server";
import { decodedMail, startSmtpCapture, type SmtpCapture } from "../support/smtp-capture";

const NEW_MANAGER = { email: "camille.nouvelle@exemple.fr", name: "Camille Nouvelle", password: "une phrase de passe assez longue" };
const WEEKDAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"] as const;

let smtp: SmtpCapture;
let provider: TestProvider;
let server: RunningServer;
const chromium = useChromium();

beforeAll(async () => {
  smtp = await startSmtpCapture();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  provider = await startOidcProvider({ redirectUri: `${baseUrl}/connexion/oidc/retour` });
  server = await startServer({
    port,
    env: {
      BASE_URL: baseUrl,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_ACR_VALUES: provider.acr,
    },
  });
}, 180_000);

afterAll(async () => {
  const code = await server?.stop();
  await provider?.close();
  await smtp?.stop();
  if (code !== 0) throw new Error(`the server did not stop cleanly (exit code ${code}):\n${server?.output().slice(-2000)}`);
});

/** Paris's weekday ("Mo"…"Su") right now: the editor's days are the place's local days. */
function todayInParis(): (typeof WEEKDAYS)[number] {
  const name = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", weekday: "short" }).format(new Date());
  return name.slice(0, 2) as (typeof WEEKDAYS)[number];
}

/** Fill the day-by-day editor: `open` days get one range, the others are ticked "Fermé". */
async function setWeek(page: Page, open: (day: (typeof WEEKDAYS)[number]) => { from: string; to: string } | null) {
  await page.getByLabel("Jour par jour (le plus simple)").check();
  for (const day of WEEKDAYS) {
    const range = open(day);
    const fieldset = page.locator("fieldset.hours-day").nth(WEEKDAYS.indexOf(day));
    const closed = fieldset.getByLabel("Fermé", { exact: true });
    const times = fieldset.locator('input[type="time"]');
    if (range) {
      await closed.uncheck();
      await times.nth(0).fill(range.from);
      await times.nth(1).fill(range.to);
    } else {
      await closed.check();
      await times.nth(0).fill("");
      await times.nth(1).fill("");
    }
    await times.nth(2).fill("");
    await times.nth(3).fill("");
  }
  await page.getByRole("button", { name: "Enregistrer les modifications" }).first().click();
  await expect.poll(() => page.getByText("Les modifications sont enregistrées.").count()).toBeGreaterThan(0);
}

describe("staff journey: invitation over SMTP, hours editor, public page, access rules, OIDC", () => {
  it("a coordinator invites a manager who accepts, edits the hours, and the public page follows", async () => {
    // The coordinator picks a place of the demo network that is not the demo manager's.
    const coordinator = await chromium.browser.newContext({ locale: "fr-FR" });
    const cPage = await coordinator.newPage();
    await signIn(cPage, server.url, DEMO_ACCOUNTS.coordinator.email, DEMO_PASSWORD);
    await cPage.goto(`${server.url}/gestion/reseaux/${DEMO_NETWORK.slug}/journal`);
    expect(await axeViolations(cPage)).toEqual([]);
    await cPage.goto(`${server.url}/gestion/reseaux/${DEMO_NETWORK.slug}`);
    expect(await axeViolations(cPage)).toEqual([]);
    const editLinks = cPage.locator('main a[href^="/gestion/lieux/"]');
    const placePath = (await editLinks.last().getAttribute("href"))!;
    expect(placePath).toMatch(/^\/gestion\/lieux\/[0-9a-f-]+$/);
    await cPage.goto(`${server.url}${placePath}/equipe`);
    await cPage.getByLabel("Adresse électronique").fill(NEW_MANAGER.email);
    await cPage.getByLabel("responsable du lieu").check();
    const before = smtp.captured.length;
    await cPage.getByRole("button", { name: "Envoyer l'invitation" }).click();
    await expect.poll(() => cPage.getByText(`Invitation envoyée à ${NEW_MANAGER.email}.`).count()).toBeGreaterThan(0);
    expect(await axeViolations(cPage)).toEqual([]);

    // The outbox worker delivers it to the SMTP server; the link is in the text.
    const mail = await smtp.waitFor(NEW_MANAGER.email, { since: before });
    const text = decodedMail(mail.raw);
    expect(text).toContain("rôle : responsable du lieu");
    const link = /http:\/\/127\.0\.0\.1:\d+\/invitation\/[A-Za-z0-9_-]{40,}/.exec(text)?.[0];
    expect(link, text).toBeTruthy();
    expect(server.output()).not.toContain(link!.split("/invitation/")[1]); // tokens never logged

    // The new manager accepts with a password, then lands in the back-office.
    const manager = await chromium.browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 900 } });
    const mPage = await manager.newPage();
    await mPage.goto(link!);
    expect(await axeViolations(mPage)).toEqual([]);
    await mPage.getByLabel("Votre nom").fill(NEW_MANAGER.name);
    await mPage.getByLabel("Mot de passe", { exact: true }).fill(NEW_MANAGER.password);
    await mPage.getByLabel("Mot de passe, à nouveau").fill(NEW_MANAGER.password);
    await mPage.getByRole("button", { name: "Accepter l'invitation" }).click();
    await mPage.waitForURL((url) => url.pathname.startsWith("/gestion"));
    await mPage.goto(`${server.url}/gestion`);
    expect(await mPage.locator("h1").textContent()).toContain(NEW_MANAGER.name);
    await expect.poll(() => mPage.locator(`section[aria-labelledby="mes-lieux"] a[href="${placePath}"]`).count()).toBe(1);

    // Closed today, open 09:00–17:00 on the other days: the public page says closed.
    await mPage.goto(`${server.url}${placePath}`);
    const publicPath = (await mPage.getByRole("link", { name: /Voir la page publique du lieu/ }).getAttribute("href"))!;
    const today = todayInParis();
    await setWeek(mPage, (day) => (day === today ? null : { from: "09:00", to: "17:00" }));
    const visitor = await chromium.browser.newContext({ locale: "fr-FR", javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    const vPage = await visitor.newPage();
    await vPage.goto(`${server.url}${publicPath}`);
    expect(await vPage.locator("p.status").textContent()).toMatch(/^Fermé/);
    expect(await vPage.locator("table").first().textContent()).toContain("9 h – 17 h");

    // Open all day every day (00:00–23:59): the public page now says open.
    await setWeek(mPage, () => ({ from: "00:00", to: "23:59" }));
    await mPage.screenshot({ path: path.join(SCREENSHOTS, "gestion-horaires.png"), fullPage: true });
    await vPage.goto(`${server.url}${publicPath}`);
    expect(await vPage.locator("p.status").textContent()).toMatch(/^Ouvert/);
    await vPage.screenshot({ path: path.join(SCREENSHOTS, "lieu-apres-horaires.png"), fullPage: true });

    // Her change is in the place's audit log, with her name.
    await mPage.goto(`${server.url}${placePath}/journal`);
    expect(await mPage.locator("main").textContent()).toContain(NEW_MANAGER.name);

    // A mediator of another place may neither open nor post to this place's pages.
    const mediator = await chromium.browser.newContext({ locale: "fr-FR" });
    const dPage = await mediator.newPage();
    await signIn(dPage, server.url, DEMO_ACCOUNTS.mediator.email, DEMO_PASSWORD);
    for (const url of [placePath, `${placePath}/journal`, `${placePath}/equipe`]) {
      expect((await dPage.goto(`${server.url}${url}`))?.status(), url).toBe(403);
    }
    expect(await axeViolations(dPage)).toEqual([]);
    await dPage.goto(`${server.url}/gestion`);
    const csrf = (await dPage.locator(`input[name="${CSRF_FIELD}"]`).first().getAttribute("value"))!;
    const posted = await dPage.request.post(`${server.url}${placePath}`, { form: { [CSRF_FIELD]: csrf, intent: "publish" }, headers: { Origin: server.url } });
    expect(posted.status()).toBe(403);

    // An anonymous visitor is sent to the sign-in page, and comes back after it.
    const anonymous = await chromium.browser.newContext({ locale: "fr-FR" });
    const aPage = await anonymous.newPage();
    await aPage.goto(`${server.url}${placePath}`);
    expect(aPage.url()).toBe(`${server.url}/connexion?retour=${encodeURIComponent(placePath)}`);

    // ProConnect-style sign-in, against the real provider: the same person, by verified email.
    provider.nextAccount = { sub: "proconnect-camille", email: NEW_MANAGER.email, email_verified: true, given_name: "Camille", usual_name: "Nouvelle" };
    await aPage.getByRole("link", { name: "Se connecter avec ProConnect" }).click();
    await aPage.waitForURL(`${server.url}${placePath}`);
    expect(await aPage.locator("h1").count()).toBe(1);
    expect(provider.userinfoContentTypes.some((t) => t.startsWith("application/jwt"))).toBe(true);
    await aPage.goto(`${server.url}/gestion`);
    expect(await aPage.locator("h1").textContent()).toContain(NEW_MANAGER.name);
    // Signing out ends the provider's session too, and the provider sends her back to our sign-in page.
    await aPage.getByRole("button", { name: "Se déconnecter" }).click();
    await aPage.waitForURL((url) => url.origin === provider.issuer);
    await aPage.getByRole("button", { name: /Yes, sign me out/ }).click();
    await aPage.waitForURL((url) => url.origin === server.url && url.pathname === "/connexion" && url.searchParams.has("deconnecte"));
    expect((await aPage.goto(`${server.url}/gestion`))?.url()).toContain("/connexion?retour=");

    // Forgotten password: the link comes over SMTP, its page's own form works in the browser.
    const reset = await chromium.browser.newContext({ locale: "fr-FR" });
    const rPage = await reset.newPage();
    await rPage.goto(`${server.url}/mot-de-passe-oublie`);
    await rPage.getByLabel("Adresse électronique").fill(NEW_MANAGER.email);
    const sent = smtp.captured.length;
    await rPage.getByRole("button", { name: "Recevoir le lien" }).click();
    const resetMail = decodedMail((await smtp.waitFor(NEW_MANAGER.email, { since: sent })).raw);
    const resetLink = /http:\/\/127\.0\.0\.1:\d+\/mot-de-passe\/[A-Za-z0-9_-]{40,}/.exec(resetMail)?.[0];
    expect(resetLink, resetMail).toBeTruthy();
    await rPage.goto(resetLink!);
    const newPassword = "une autre phrase de passe, plus longue";
    await rPage.getByLabel("Nouveau mot de passe", { exact: true }).fill(newPassword);
    await rPage.getByLabel("Nouveau mot de passe, à nouveau").fill(newPassword);
    await rPage.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
    await expect.poll(() => rPage.getByText("Votre mot de passe est changé").count()).toBeGreaterThan(0);
    await signIn(rPage, server.url, NEW_MANAGER.email, newPassword);

    // Nothing personal in the server's logs: no address, no password, no token.
    const logs = server.output();
    for (const secret of [NEW_MANAGER.email, NEW_MANAGER.password, newPassword, DEMO_PASSWORD, resetLink!.split("/mot-de-passe/")[1]!]) expect(logs).not.toContain(secret);
    expect(logs.length).toBeGreaterThan(0);

    for (const context of [reset, coordinator, manager, visitor, mediator, anonymous]) await context.close();
  }, 240_000);
});
