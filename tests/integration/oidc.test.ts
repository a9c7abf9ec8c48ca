/**
 * OpenID Connect sign-in (ProConnect-like) end to end: a real provider process
 * (oidc-provider, tests/support/oidc-provider.ts) and our real request handler (the React
 * Router server build compiled in memory by Vite), driven over HTTP with fetch and a
 * cookie jar — no browser.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { memberships, oidcIdentities, sessions, users } from "~/db/schema";
import { hashToken } from "~/features/accounts/tokens.server";
import { createSession } from "~/features/accounts/sessions.server";
import { loadPrincipal } from "~/features/accounts/users.server";
import { createPlace, createStaffUser } from "~/features/demo/factories.server";
import { createInvitation } from "~/features/invitations/invitations.server";
import { clearProviderCache } from "~/features/oidc/config.server";
import { readFlow } from "~/features/oidc/flow-cookie.server";
import { parseEnv, type Env } from "~/lib/env";
import { createTestDatabase } from "../support/database";
import { ORIGIN, startHarness, type Harness } from "../support/harness";
import { startOidcProvider, type TestAccount, type TestProvider } from "../support/oidc-provider";

let database: Database;
let h: Harness;
let provider: TestProvider;
let env: Env;

/** Cookies per origin (paths ignored: enough for two sites that set few cookies). */
class Jar {
  private readonly byOrigin = new Map<string, Map<string, string>>();
  header(url: string): string {
    return [...(this.byOrigin.get(new URL(url).origin) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  store(url: string, response: Response): void {
    const origin = new URL(url).origin;
    const cookies = this.byOrigin.get(origin) ?? new Map<string, string>();
    this.byOrigin.set(origin, cookies);
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const index = pair!.indexOf("=");
      const name = pair!.slice(0, index).trim();
      const value = pair!.slice(index + 1).trim();
      const gone = /max-age=0/i.test(line) || /expires=thu, 01 jan 1970/i.test(line) || value === "";
      if (gone) cookies.delete(name);
      else cookies.set(name, value);
    }
  }
  get(url: string, name: string): string | undefined {
    return this.byOrigin.get(new URL(url).origin)?.get(name);
  }
}

/** One request to our application, through the real handler. */
async function app(url: string, jar: Jar, appEnv: Env = env, init: { method?: string; body?: URLSearchParams; headers?: Record<string, string> } = {}): Promise<Response> {
  const absolute = new URL(url, ORIGIN).href;
  const response = await h.send(null, absolute, { ...init, headers: { ...init.headers, cookie: jar.header(absolute) }, env: appEnv, clientAddress: "198.51.100.50" });
  jar.store(absolute, response);
  return response;
}

/** The "Se déconnecter" button of the back-office home, as the browser posts it. */
async function signOut(jar: Jar, appEnv: Env = env): Promise<Response> {
  const csrf = /name="csrf" value="([^"]+)"/.exec(await (await app("/gestion", jar, appEnv)).text())![1]!;
  return app("/deconnexion", jar, appEnv, { method: "POST", body: new URLSearchParams({ csrf }), headers: { origin: ORIGIN, "sec-fetch-site": "same-origin" } });
}

/** An account of its own for a test, and the provider's account for the same person (verified address). */
async function invitedPerson(first: string, more: Partial<TestAccount> = {}) {
  const email = `${first}@exemple.fr`;
  const { id } = await createStaffUser(database.db, { email, name: `${first[0]!.toUpperCase()}${first.slice(1)} Martin` });
  return { userId: id, account: account(`sub-${first}`, email, more) };
}

/** Follows redirects across our application and the provider up to our callback; returns every step. */
async function follow(start: string, jar: Jar): Promise<{ url: string; response: Response }[]> {
  const steps: { url: string; response: Response }[] = [];
  let url = new URL(start, ORIGIN).href;
  for (let i = 0; i < 20; i++) {
    let response: Response;
    if (url.startsWith(ORIGIN)) response = await app(url, jar);
    else {
      response = await fetch(url, { headers: { cookie: jar.header(url) }, redirect: "manual" });
      jar.store(url, response);
    }
    steps.push({ url, response });
    if (url.startsWith(`${ORIGIN}/connexion/oidc/retour`)) return steps;
    const location = response.headers.get("location");
    if (!location || response.status < 300 || response.status >= 400) return steps;
    url = new URL(location, url).href;
  }
  throw new Error("too many redirects");
}

const account = (sub: string, email: string, more: Partial<TestAccount> = {}): TestAccount => ({ sub, email, email_verified: true, given_name: "Prénom", usual_name: "Nom", ...more });

beforeAll(async () => {
  database = await createTestDatabase();
  provider = await startOidcProvider({ redirectUri: `${ORIGIN}/connexion/oidc/retour` });
  env = {
    ...parseEnv({ BASE_URL: ORIGIN, OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: provider.clientId, OIDC_CLIENT_SECRET: provider.clientSecret, OIDC_ACR_VALUES: provider.acr }),
    sessionSecret: "o".repeat(40),
  };
  clearProviderCache();
  h = await startHarness(database, { env });
});

afterAll(async () => {
  await h?.close();
  await provider?.close();
  await database?.close();
});

describe("OpenID Connect sign-in (ProConnect-like provider)", () => {
  it("offers « Se connecter avec ProConnect » on the sign-in page", async () => {
    const page = await app("/connexion?retour=%2Fgestion%2Fsessions", new Jar());
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('href="/connexion/oidc?retour=%2Fgestion%2Fsessions">Se connecter avec ProConnect</a>');
    // Not configured: no button, and both routes answer 404.
    const off = { ...env, OIDC_ISSUER: undefined };
    expect(await (await app("/connexion", new Jar(), off)).text()).not.toContain("/connexion/oidc");
    expect((await app("/connexion/oidc", new Jar(), off)).status).toBe(404);
    expect((await app("/connexion/oidc/retour?code=a&state=b", new Jar(), off)).status).toBe(404);
  });

  it("signs in an invited user by verified email, links the identity, and comes back to the page asked for", async () => {
    const { id: userId } = await createStaffUser(database.db, { email: "alice.martin@exemple.fr", name: "Alice Martin" });
    provider.nextAccount = account("sub-alice", "Alice.Martin@exemple.fr");
    const jar = new Jar();
    const steps = await follow("/connexion/oidc?retour=%2Fgestion%2Fsessions", jar);

    // The redirect to the provider: state and nonce of ≥ 32 characters, PKCE S256, acr_values, ProConnect's scopes.
    const authorize = new URL(steps[0]!.response.headers.get("location")!);
    expect(authorize.origin).toBe(provider.issuer);
    expect(authorize.searchParams.get("state")!.length).toBeGreaterThanOrEqual(32);
    expect(authorize.searchParams.get("nonce")!.length).toBeGreaterThanOrEqual(32);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get("acr_values")).toBe("eidas1");
    expect(authorize.searchParams.get("scope")).toBe("openid email given_name usual_name");
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${ORIGIN}/connexion/oidc/retour`);
    const flowCookie = steps[0]!.response.headers.getSetCookie().find((c) => c.startsWith("epn_oidc="))!;
    expect(flowCookie).toMatch(/; Path=\/; HttpOnly; SameSite=Lax; Max-Age=600$/);
    // Nothing of the flow in clear in the cookie but signed: the verifier never goes to the provider.
    expect(authorize.href).not.toContain(JSON.parse(Buffer.from(flowCookie.slice("epn_oidc=".length).split(".")[0]!, "base64url").toString()).verifier);

    const last = steps.at(-1)!;
    expect(last.url.startsWith(`${ORIGIN}/connexion/oidc/retour?`)).toBe(true);
    expect(last.response.status).toBe(303);
    expect(last.response.headers.get("location")).toBe("/gestion/sessions");
    expect(jar.get(ORIGIN, "epn_oidc")).toBeUndefined();
    expect(jar.get(ORIGIN, "epn_session")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The provider answered userinfo as a signed JWT, which openid-client verified.
    expect(provider.userinfoContentTypes.at(-1)).toMatch(/^application\/jwt/);

    const home = await app("/gestion", jar);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Bonjour Alice Martin");
    const links = await database.db.select().from(oidcIdentities).where(eq(oidcIdentities.userId, userId));
    expect(links.map((l) => [l.issuer, l.subject])).toEqual([[provider.issuer, "sub-alice"]]);
  });

  it("finds the account by (issuer, subject) the second time, even when the provider's address changed", async () => {
    const { userId, account: first } = await invitedPerson("alma");
    provider.nextAccount = first;
    expect((await follow("/connexion/oidc", new Jar())).at(-1)!.response.status).toBe(303);
    provider.nextAccount = { ...first, email: "alma.nouvelle@exemple.fr" };
    const jar = new Jar();
    const last = (await follow("/connexion/oidc", jar)).at(-1)!;
    expect(last.response.status).toBe(303);
    expect(last.response.headers.get("location")).toBe("/gestion");
    expect(await (await app("/gestion", jar)).text()).toContain("Bonjour Alma Martin");
    expect(await database.db.select().from(oidcIdentities).where(eq(oidcIdentities.userId, userId))).toHaveLength(1);
  });

  it("signs out at the provider too (RP-initiated logout with the ID token as hint); a password session only here", async () => {
    provider.nextAccount = (await invitedPerson("aline")).account;
    const jar = new Jar();
    await follow("/connexion/oidc", jar);
    const token = jar.get(ORIGIN, "epn_session")!;
    const [stored] = await database.db.select({ idToken: sessions.oidcIdToken }).from(sessions).where(eq(sessions.id, hashToken(token)));
    expect(stored!.idToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const out = await signOut(jar);
    expect(out.status).toBe(303);
    const logout = new URL(out.headers.get("location")!);
    expect(logout.origin).toBe(provider.issuer);
    expect(logout.searchParams.get("id_token_hint")).toBe(stored!.idToken);
    expect(logout.searchParams.get("post_logout_redirect_uri")).toBe(`${ORIGIN}/connexion?deconnecte`);
    expect(logout.searchParams.get("state")!.length).toBeGreaterThanOrEqual(32);
    expect(await database.db.select().from(sessions).where(eq(sessions.id, hashToken(token)))).toEqual([]);
    // The provider accepts the hint and the return address (it asks the person to confirm).
    const atProvider = await fetch(logout, { redirect: "manual" });
    expect(atProvider.status).toBe(200);

    // Signed in with a password: only our session ends, back to our sign-in page.
    const { id: bob } = await createStaffUser(database.db, { email: "bob@exemple.fr", name: "Bob", password: "une phrase de passe assez longue" });
    const { token: bobToken } = await createSession(database.db, bob);
    const bobJar = new Jar();
    bobJar.store(ORIGIN, new Response(null, { headers: { "set-cookie": `epn_session=${bobToken}; Path=/` } }));
    const bobOut = await signOut(bobJar);
    expect(bobOut.status).toBe(303);
    expect(bobOut.headers.get("location")).toBe("/connexion?deconnecte");
  });

  it("ends our session anyway when the provider cannot be reached at sign-out", async () => {
    const { id: carol } = await createStaffUser(database.db, { email: "carol@exemple.fr", name: "Carol" });
    const { token } = await createSession(database.db, carol, new Date(), "en-tete.charge.signature");
    const down = { ...env, OIDC_ISSUER: "http://127.0.0.1:9/" };
    clearProviderCache();
    const jar = new Jar();
    jar.store(ORIGIN, new Response(null, { headers: { "set-cookie": `epn_session=${token}; Path=/` } }));
    const out = await signOut(jar, down);
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/connexion?deconnecte");
    expect(await database.db.select().from(sessions).where(eq(sessions.id, hashToken(token)))).toEqual([]);
    clearProviderCache();
  });

  it("refuses an address that was never invited, with a French page (no self sign-up)", async () => {
    provider.nextAccount = account("sub-inconnu", "inconnu@exemple.fr");
    const jar = new Jar();
    const last = (await follow("/connexion/oidc", jar)).at(-1)!;
    expect(last.response.status).toBe(403);
    const html = await last.response.text();
    expect(html).toContain("Votre compte doit d&#x27;abord être créé par une invitation");
    expect(html).toContain("Aucun compte de l&#x27;espace de gestion n&#x27;existe pour l&#x27;adresse inconnu@exemple.fr");
    expect(jar.get(ORIGIN, "epn_session")).toBeUndefined();
    expect(await database.db.select().from(users).where(eq(users.email, "inconnu@exemple.fr"))).toHaveLength(0);
  });

  it("refuses an address the provider has not verified", async () => {
    await createStaffUser(database.db, { email: "bruno@exemple.fr", name: "Bruno" });
    provider.nextAccount = account("sub-bruno", "bruno@exemple.fr", { email_verified: false });
    const jar = new Jar();
    const last = (await follow("/connexion/oidc", jar)).at(-1)!;
    expect(last.response.status).toBe(400);
    expect(await last.response.text()).toContain("n&#x27;a pas transmis d&#x27;adresse électronique vérifiée");
    expect(jar.get(ORIGIN, "epn_session")).toBeUndefined();
    expect(await database.db.select().from(oidcIdentities).where(eq(oidcIdentities.subject, "sub-bruno"))).toHaveLength(0);
  });

  it("refuses a disabled account", async () => {
    const { id: userId } = await createStaffUser(database.db, { email: "chloe@exemple.fr", name: "Chloé" });
    await database.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, userId));
    provider.nextAccount = account("sub-chloe", "chloe@exemple.fr");
    const last = (await follow("/connexion/oidc", new Jar())).at(-1)!;
    expect(last.response.status).toBe(403);
    expect(await last.response.text()).toContain("Ce compte est désactivé.");
  });

  it("refuses a callback with another state, or without the flow cookie, and a forged flow cookie", async () => {
    provider.nextAccount = (await invitedPerson("agathe")).account;
    const jar = new Jar();
    const start = await app("/connexion/oidc", jar);
    expect(start.status).toBe(302);
    const callback = (await follow(start.headers.get("location")!, jar)).at(-1)!;
    // The real callback ran: it signed in and used the flow, once.
    expect(callback.response.status).toBe(303);
    const replay = await app(callback.url, jar);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain("La connexion a pris trop de temps ou a été ouverte dans un autre onglet.");

    const other = new Jar();
    expect((await app("/connexion/oidc", other)).status).toBe(302);
    const wrongState = await app(`/connexion/oidc/retour?code=abc&state=${"x".repeat(43)}&iss=${encodeURIComponent(provider.issuer)}`, other);
    expect(wrongState.status).toBe(400);
    // The flow cookie is cleared (once: the headers function does not repeat it).
    expect(wrongState.headers.getSetCookie()).toEqual(["epn_oidc=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"]);
    expect(await wrongState.text()).toContain("La connexion n&#x27;a pas abouti");
    expect(other.get(ORIGIN, "epn_session")).toBeUndefined();

    const payload = Buffer.from(JSON.stringify({ state: "s".repeat(43), nonce: "n".repeat(43), verifier: "v".repeat(43), returnTo: null, expiresAt: Date.now() + 60_000 })).toString("base64url");
    const response = await h.send(null, `/connexion/oidc/retour?code=abc&state=${"s".repeat(43)}`, { headers: { cookie: `epn_oidc=${payload}.${"A".repeat(43)}` }, clientAddress: "198.51.100.51" });
    expect(response.status).toBe(400);
    expect(response.headers.getSetCookie().some((c) => c.startsWith("epn_session="))).toBe(false);
  });

  it("refuses a flow cookie older than 10 minutes, and one signed with another secret", async () => {
    const start = await app("/connexion/oidc?retour=%2Fgestion", new Jar());
    const cookie = start.headers.getSetCookie().find((c) => c.startsWith("epn_oidc="))!.split(";")[0]!;
    const request = new Request(`${ORIGIN}/connexion/oidc/retour`, { headers: { cookie } });
    expect(readFlow(request, env, env.sessionSecret)).toMatchObject({ returnTo: "/gestion" });
    expect(readFlow(request, env, env.sessionSecret, Date.now() + 10 * 60 * 1000 + 1)).toBe("expired");
    expect(readFlow(request, env, "p".repeat(40))).toBe("invalid");
    expect(readFlow(new Request(ORIGIN), env, env.sessionSecret)).toBe("missing");
  });

  it("refuses an ID token whose acr is not one of OIDC_ACR_VALUES", async () => {
    provider.nextAccount = (await invitedPerson("ambre")).account;
    const stricter = { ...env, OIDC_ACR_VALUES: "eidas2" };
    const jar = new Jar();
    let url = new URL("/connexion/oidc", ORIGIN).href;
    let response = await app(url, jar, stricter);
    for (let i = 0; i < 10 && response.headers.get("location"); i++) {
      url = new URL(response.headers.get("location")!, url).href;
      if (url.startsWith(ORIGIN)) {
        response = await app(url, jar, stricter);
        break;
      }
      response = await fetch(url, { headers: { cookie: jar.header(url) }, redirect: "manual" });
      jar.store(url, response);
    }
    expect(url.startsWith(`${ORIGIN}/connexion/oidc/retour?`)).toBe(true);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("ProConnect n&#x27;a pas confirmé votre identité.");
    expect(jar.get(ORIGIN, "epn_session")).toBeUndefined();
  });

  it("says so in French when the person cancels at the provider", async () => {
    provider.nextAccount = null; // the interaction answers access_denied
    const last = (await follow("/connexion/oidc", new Jar())).at(-1)!;
    expect(last.response.status).toBe(400);
    expect(await last.response.text()).toContain("La connexion avec ProConnect a été annulée.");
  });

  it("says so in French when the provider does not answer (503, no stack)", async () => {
    clearProviderCache();
    const down = { ...env, OIDC_ISSUER: "http://127.0.0.1:9" };
    const response = await app("/connexion/oidc", new Jar(), down);
    expect(response.status).toBe(503);
    const html = await response.text();
    expect(html).toContain("ProConnect ne répond pas pour le moment.");
    expect(html).not.toMatch(/ECONNREFUSED|at .*\.ts:\d+/);
  });
});

describe("accepting an invitation with OpenID Connect", () => {
  async function invite(email: string) {
    const place = await createPlace(database.db, { name: "Espace numérique Delta" });
    const { id: adminId } = await createStaffUser(database.db, { email: `admin-${email}`, name: "Admin", isPlatformAdmin: true });
    const { principal } = (await loadPrincipal(database.db, adminId))!;
    const outcome = await createInvitation(database.db, { principal, inviterName: "Admin", placeId: place!.id, email, role: "mediator", baseUrl: ORIGIN });
    if (outcome.kind !== "invited") throw new Error(outcome.kind);
    return { placeId: place!.id, token: outcome.token };
  }

  it("offers « Accepter avec ProConnect » and creates the account from the provider's verified address", async () => {
    const { placeId, token } = await invite("dora.durand@exemple.fr");
    const page = await app(`/invitation/${token}`, new Jar());
    expect(await page.text()).toContain(`href="/connexion/oidc?retour=${encodeURIComponent(`/invitation/${token}`)}">Accepter avec ProConnect</a>`);
    provider.nextAccount = account("sub-dora", "Dora.Durand@exemple.fr", { given_name: "Dora", usual_name: "Durand" });
    const jar = new Jar();
    const last = (await follow(`/connexion/oidc?retour=${encodeURIComponent(`/invitation/${token}`)}`, jar)).at(-1)!;
    expect(last.response.status).toBe(303);
    const [user] = await database.db.select({ id: users.id, name: users.name, passwordHash: users.passwordHash, verified: users.emailVerifiedAt }).from(users).where(eq(users.email, "dora.durand@exemple.fr"));
    expect(user).toMatchObject({ name: "Dora Durand", passwordHash: null });
    expect(user!.verified).not.toBeNull();
    expect(await database.db.select({ role: memberships.role }).from(memberships).where(eq(memberships.userId, user!.id))).toEqual([{ role: "mediator" }]);
    expect((await database.db.select().from(oidcIdentities).where(eq(oidcIdentities.userId, user!.id))).map((l) => l.subject)).toEqual(["sub-dora"]);
    expect(await (await app("/gestion", jar)).text()).toContain("Bonjour Dora Durand");
    // The invitation is used: its link now says so.
    expect((await app(`/invitation/${token}`, new Jar())).status).toBe(410);
    expect(placeId).toBeTruthy();
  });

  it("refuses another address than the invited one, and writes nothing", async () => {
    const { token } = await invite("emile.petit@exemple.fr");
    provider.nextAccount = account("sub-emile", "emile.autre@exemple.fr");
    const jar = new Jar();
    const last = (await follow(`/connexion/oidc?retour=${encodeURIComponent(`/invitation/${token}`)}`, jar)).at(-1)!;
    expect(last.response.status).toBe(403);
    expect(await last.response.text()).toContain("n&#x27;est pas celle de l&#x27;invitation");
    expect(await database.db.select().from(users).where(eq(users.email, "emile.autre@exemple.fr"))).toEqual([]);
    expect(await database.db.select().from(users).where(eq(users.email, "emile.petit@exemple.fr"))).toEqual([]);
    expect(jar.get(ORIGIN, "epn_session")).toBeUndefined();
    // The invitation is still usable.
    expect((await app(`/invitation/${token}`, new Jar())).status).toBe(200);
  });
});
