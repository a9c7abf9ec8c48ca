/**
 * The authorization matrix: every route of app/routes.ts × every role, through the real
 * request handler (the React Router server build, compiled in memory by Vite — no browser,
 * no HTTP). A route missing from ROUTES fails the test: add it with its expected answers.
 */
import type { RouteConfigEntry } from "@react-router/dev/routes";
import { RouterContextProvider } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { networks, organisations, placeNetworks, places } from "~/db/schema";
import { csrfTokenFor, sessionCookieName } from "~/features/accounts/auth.server";
import { createSession } from "~/features/accounts/sessions.server";
import { addMembership, createUser } from "~/features/accounts/users.server";
import type { Membership } from "~/features/policy/policy";
import { appContext } from "~/context";
import { parseEnv } from "~/lib/env";
import routes from "~/routes";
import { createTestDatabase } from "../support/database";
import { compileRequestHandler, type RequestHandler } from "../support/request-handler";
import { ROUTES } from "./matrix";
import { ROLES, type Expected, type ForgedVariant, type Role, type Rule } from "./matrix/types";

const ORIGIN = "http://localhost:3000";
function expected(rule: Rule, role: Role): Expected {
  if (typeof rule === "number" || "redirect" in rule) return rule as Expected;
  return rule[role] ?? rule.default;
}

function routePaths(entries: RouteConfigEntry[], prefix = ""): string[] {
  return entries.flatMap((entry) => {
    const path = entry.index ? prefix : [prefix, entry.path ?? ""].filter(Boolean).join("/");
    return [...(entry.path !== undefined || entry.index ? [path] : []), ...routePaths(entry.children ?? [], path)];
  });
}

let database: Database;
let handler: RequestHandler;
let closeHandler: (() => Promise<void>) | undefined;
const env = { ...parseEnv({ BASE_URL: ORIGIN }), sessionSecret: "m".repeat(40) };
const cookies = new Map<Role, { cookie: string; csrf: string }>();
/** Route URLs in the matrix may say PLACE_A / PLACE_B: the ids of the fixture's places. */
const ids = { placeA: "", placeB: "" };
const names = { placeA: "Espace numérique Alpha", placeB: "Cyber-base Bêta" };

async function request(role: Role, url: string, init: { method?: string; body?: URLSearchParams; headers?: Record<string, string> } = {}) {
  const headers = new Headers(init.headers);
  const session = cookies.get(role);
  if (session) headers.set("cookie", `${sessionCookieName(env)}=${session.cookie}`);
  if (init.body) headers.set("content-type", "application/x-www-form-urlencoded");
  const context = new RouterContextProvider();
  context.set(appContext, { database, env, clientAddress: `192.0.2.${ROLES.indexOf(role) + 1}` });
  return handler(new Request(`${ORIGIN}${url.replace("PLACE_A", ids.placeA).replace("PLACE_B", ids.placeB)}`, { method: init.method ?? "GET", headers, body: init.body, redirect: "manual" }), context);
}

function check(response: Response, want: Expected, label: string) {
  if (typeof want === "number") {
    expect(response.status, `${label}: ${response.headers.get("location") ?? ""}`).toBe(want);
  } else {
    expect([302, 303], label).toContain(response.status);
    expect(response.headers.get("location"), label).toBe(want.redirect.replace("PLACE_A", ids.placeA).replace("PLACE_B", ids.placeB));
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  const insertPlace = async (slug: string, name: string) =>
    (
      await db
        .insert(places)
        .values({ slug, source: "test", sourceId: slug, pivot: "00000000000000", name, commune: "Bourges", postcode: "18000", address: "1 rue de la Paix", latitude: 47.08, longitude: 2.39, updatedOn: "2024-04-02", contentHash: slug })
        .returning({ id: places.id })
    )[0]!.id;
  const placeA = await insertPlace("lieu-a", names.placeA);
  const placeB = await insertPlace("lieu-b", names.placeB);
  ids.placeA = placeA;
  ids.placeB = placeB;
  const [networkA] = await db.insert(networks).values({ slug: "reseau-a", name: "Réseau Alpha" }).returning({ id: networks.id });
  const [networkB] = await db.insert(networks).values({ slug: "reseau-b", name: "Réseau Bêta" }).returning({ id: networks.id });
  await db.insert(placeNetworks).values([
    { placeId: placeA, networkId: networkA!.id },
    { placeId: placeB, networkId: networkB!.id },
  ]);
  const [organisation] = await db.insert(organisations).values({ name: "Caisse partenaire", pivot: "11111111111111" }).returning({ id: organisations.id });
  const roles: Record<Exclude<Role, "anonymous">, Membership[]> = {
    mediatorA: [{ role: "mediator", placeId: placeA }],
    managerA: [{ role: "manager", placeId: placeA }],
    coordinatorA: [{ role: "coordinator", networkId: networkA!.id }],
    staffB: [{ role: "manager", placeId: placeB }],
    partner: [{ role: "partner", organisationId: organisation!.id }],
    admin: [],
  };
  for (const [role, list] of Object.entries(roles) as [Exclude<Role, "anonymous">, Membership[]][]) {
    const userId = await createUser(db, { email: `${role.toLowerCase()}@exemple.fr`, name: `Personne ${role}`, isPlatformAdmin: role === "admin" });
    for (const m of list) await addMembership(db, userId, m);
    const { token, session } = await createSession(db, userId);
    cookies.set(role, { cookie: token, csrf: csrfTokenFor(env.sessionSecret, session.id) });
  }
  ({ handler, close: closeHandler } = await compileRequestHandler());
});
afterAll(async () => {
  await closeHandler?.();
  await database?.close();
});

describe("authorization matrix", () => {
  it("covers every route of app/routes.ts, and nothing else", () => {
    expect(routePaths(routes).sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it("shows each person only their own places (no leak across places)", async () => {
    const page = async (role: Role) => (await (await request(role, "/gestion")).text());
    const mediator = await page("mediatorA");
    expect(mediator).toContain(names.placeA);
    expect(mediator).not.toContain(names.placeB);
    const staffB = await page("staffB");
    expect(staffB).toContain(names.placeB);
    expect(staffB).not.toContain(names.placeA);
    expect(await page("coordinatorA")).toContain("Réseau Alpha");
  });

  // Sign-out ends the session: run it last.
  const order = Object.entries(ROUTES).sort(([a], [b]) => Number(a === "deconnexion") - Number(b === "deconnexion"));
  for (const [path, route] of order) {
    it(`${path || "/"}: every role gets the expected answer`, async () => {
      for (const role of ROLES) {
        check(await request(role, route.url), expected(route.get, role), `GET ${route.url} as ${role}`);
        if (route.forged) {
          const forgedBodies: [ForgedVariant, URLSearchParams, Record<string, string>][] = [
            ["no token", new URLSearchParams(), { origin: ORIGIN }],
            ["wrong token", new URLSearchParams({ csrf: "x".repeat(43) }), { origin: ORIGIN }],
            ["another person's token", new URLSearchParams({ csrf: cookies.get(role === "admin" ? "partner" : "admin")!.csrf }), { origin: ORIGIN }],
            ["cross-site with the right token", new URLSearchParams({ csrf: cookies.get(role)?.csrf ?? "" }), { "sec-fetch-site": "cross-site" }],
          ];
          for (const [what, body, headers] of forgedBodies) {
            const want = typeof route.forged === "function" ? route.forged(role, what) : expected(route.forged, role);
            check(await request(role, route.url, { method: "POST", body, headers }), want, `forged POST (${what}) ${route.url} as ${role}`);
          }
          const fromElsewhere = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };
          const body = new URLSearchParams({ csrf: cookies.get(role)?.csrf ?? "" });
          check(await request(role, route.url, { method: "POST", body, headers: fromElsewhere }), route.fromElsewhere ?? 400, `POST from another origin ${route.url} as ${role}`);
        }
      }
      // Genuine POSTs last (sign-out ends the sessions).
      for (const role of ROLES) {
        const body = new URLSearchParams({ csrf: cookies.get(role)?.csrf ?? "" });
        check(await request(role, route.url, { method: "POST", body, headers: { origin: ORIGIN, "sec-fetch-site": "same-origin" } }), expected(route.post, role), `POST ${route.url} as ${role}`);
      }
    });
  }


});

describe("sign-in over HTTP", () => {
  const post = (fields: Record<string, string>, url = "/connexion", address = "198.51.100.7") => {
    const context = new RouterContextProvider();
    context.set(appContext, { database, env, clientAddress: address });
    return handler(
      new Request(`${ORIGIN}${url}`, { method: "POST", body: new URLSearchParams(fields), headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN } }),
      context,
    );
  };

  it("signs in, sets an HttpOnly SameSite=Lax cookie and comes back to the page asked for", async () => {
    await createUser(database.db, { email: "http@exemple.fr", name: "Hélène", password: "une phrase de passe" });
    const wrong = await post({ email: "http@exemple.fr", mot_de_passe: "pas la bonne" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("Adresse électronique ou mot de passe incorrect.");
    const ok = await post({ email: "http@exemple.fr", mot_de_passe: "une phrase de passe", retour: "/gestion/sessions" }, "/connexion?retour=%2Fgestion%2Fsessions");
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/gestion/sessions");
    const setCookie = ok.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^epn_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Expires=/);
    const token = setCookie.split(";")[0]!.split("=")[1]!;
    const context = new RouterContextProvider();
    context.set(appContext, { database, env, clientAddress: "198.51.100.7" });
    const home = await handler(new Request(`${ORIGIN}/gestion`, { headers: { cookie: `epn_session=${token}` } }), context);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Bonjour Hélène");
    // Never back to another site.
    const elsewhere = await post({ email: "http@exemple.fr", mot_de_passe: "une phrase de passe", retour: "//evil.example" }, "/connexion", "198.51.100.8");
    expect(elsewhere.headers.get("location")).toBe("/gestion");
  });

  it("refuses the 11th try in 15 minutes with 429 and a French message", async () => {
    await createUser(database.db, { email: "limite@exemple.fr", name: "Limite", password: "une phrase de passe" });
    // The limit counts in fixed 15-minute windows: eleven tries across a window's end would be two windows.
    const toWindowEnd = 900_000 - (Date.now() % 900_000);
    if (toWindowEnd < 30_000) await new Promise((resolve) => setTimeout(resolve, toWindowEnd + 100));
    for (let i = 0; i < 10; i++) expect((await post({ email: "limite@exemple.fr", mot_de_passe: "essai" }, "/connexion", `198.51.100.${20 + i}`)).status).toBe(400);
    const refused = await post({ email: "limite@exemple.fr", mot_de_passe: "une phrase de passe" }, "/connexion", "198.51.100.40");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.text()).toContain("Trop de tentatives de connexion. Par sécurité, réessayez dans");
  });
});
