/**
 * The authorization matrix: every route of app/routes.ts × every role, through the real
 * request handler (the React Router server build, compiled in memory by Vite — no browser,
 * no HTTP). A route missing from ROUTES fails the test: add it with its expected answers.
 */
import type { RouteConfigEntry } from "@react-router/dev/routes";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import {
  attachToNetwork, createBeneficiary, createCashDay, createHelpRecord, createNetwork, createPartner, createReferralRow, createPlace, createResource, createStaffUser, createStop, createTariffItem, createWorkshop, type StaffUserOptions,
} from "~/features/demo/factories.server";
import { eq } from "drizzle-orm";
import { applicationFiles, applicationReviews } from "~/db/schema";
import { addFile, startApplication, submitApplication } from "~/features/calls/applications.server";
import { assignReviewer } from "~/features/calls/reviews.server";
import { createPublishedCall } from "~/features/demo/call-factories.server";
import { DEMO_PDF } from "~/features/demo/demo-calls.server";
import routes from "~/routes";
import { createTestDatabase } from "../support/database";
import { insertSale } from "../support/sales-rows";
import { ORIGIN, startHarness, type Harness } from "../support/harness";
import { ROUTES } from "./matrix";
import { ROLES, type Expected, type ForgedVariant, type Role, type Rule } from "./matrix/types";

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
let h: Harness;
/** Each signed-in role's account. */
const accounts = new Map<Exclude<Role, "anonymous">, string>();
/**
 * Route URLs in the matrix may say PLACE_A / PLACE_B: the ids of the fixture's places; RESOURCE_A: a resource of PLACE_A;
 * WORKSHOP_A, SESSION_A: a workshop of PLACE_A and its session (a week ahead); STOP_A: a stop of PLACE_A (itinerant);
 * BENEFICIARY_A: a person followed by PLACE_A; RECORD_A: a help record of PLACE_A (for BENEFICIARY_A);
 * TARIFF_ITEM_A: an item of PLACE_A's tariff; SALE_A: a sale of it at PLACE_A's till (to BENEFICIARY_A);
 * PARTNER_A: a partner organisation of network A (the "partner" role advises it); REFERRAL_A: a referral it sent to PLACE_A.
 */
const ids = { placeA: "", placeB: "", resourceA: "", workshopA: "", sessionA: "", stopA: "", beneficiaryA: "", recordA: "", tariffItemA: "", saleA: "", partnerA: "", referralA: "", applicationA: "", fileA: "", reviewA: "" };
const names = { placeA: "Espace numérique Alpha", placeB: "Cyber-base Bêta" };

const withIds = (url: string) =>
  url
    .replace("PLACE_A", ids.placeA).replace("PLACE_B", ids.placeB).replace("RESOURCE_A", ids.resourceA)
    .replace("WORKSHOP_A", ids.workshopA).replace("SESSION_A", ids.sessionA).replace("STOP_A", ids.stopA)
    .replace("BENEFICIARY_A", ids.beneficiaryA).replace("RECORD_A", ids.recordA).replace("TARIFF_ITEM_A", ids.tariffItemA).replace("SALE_A", ids.saleA)
    .replace("PARTNER_A", ids.partnerA).replace("REFERRAL_A", ids.referralA)
    .replace("APPLICATION_A", ids.applicationA).replace("FILE_A", ids.fileA).replace("REVIEW_A", ids.reviewA);

async function request(role: Role, url: string, init: { method?: string; body?: URLSearchParams; headers?: Record<string, string> } = {}) {
  return h.send(role === "anonymous" ? null : role, withIds(url), { ...init, clientAddress: `192.0.2.${ROLES.indexOf(role) + 1}` });
}

/** The anti-CSRF token of a role's session (none for the anonymous visitor). */
const csrf = (role: Role) => (role === "anonymous" ? "" : h.csrf(role));

function check(response: Response, want: Expected, label: string) {
  if (typeof want === "number") {
    expect(response.status, `${label}: ${response.headers.get("location") ?? ""}`).toBe(want);
  } else {
    expect([302, 303], label).toContain(response.status);
    expect(response.headers.get("location"), label).toBe(withIds(want.redirect));
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  h = await startHarness(database);
  ids.placeA = (await createPlace(db, { slug: "lieu-a", name: names.placeA, itinerance: ["Fixe", "Itinérant"] })).id;
  ids.placeB = (await createPlace(db, { slug: "lieu-b", name: names.placeB })).id;
  // A station of place A, booked online: the booking pages and the API answer; the set-up pages edit it.
  ids.resourceA = (await createResource(db, { placeId: ids.placeA, name: "Poste A" })).id;
  // A workshop of place A a week ahead, and a stop of its bus: the workshop pages and the desk answer.
  const workshop = await createWorkshop(db, { placeId: ids.placeA, sessions: [new Date(Date.now() + 7 * 86_400_000)] });
  ids.workshopA = workshop.workshop.id;
  ids.sessionA = workshop.sessionIds[0]!;
  ids.stopA = (await createStop(db, { placeId: ids.placeA })).id;
  // A person followed by place A, and a help record of theirs: the mediation pages answer.
  const person = await createBeneficiary(db, { placeId: ids.placeA });
  ids.beneficiaryA = person.id;
  ids.recordA = (await createHelpRecord(db, { placeId: ids.placeA, people: [person] })).id;
  // An item of place A's tariff (the tariff pages answer), sold to that person at its till (its receipt answers).
  ids.tariffItemA = (await createTariffItem(db, { placeId: ids.placeA })).id;
  const cashDay = await createCashDay(db, { placeId: ids.placeA });
  ids.saleA = (await insertSale(db, { placeId: ids.placeA, cashDayId: cashDay.id, beneficiaryId: person.id, lines: [{ itemId: ids.tariffItemA, quantity: 3, unitPriceCents: 20 }] })).id;
  const networkA = await createNetwork(db, { slug: "reseau-a", name: "Réseau Alpha" });
  const networkB = await createNetwork(db, { slug: "reseau-b", name: "Réseau Bêta" });
  await attachToNetwork(db, { placeId: ids.placeA, networkId: networkA.id });
  await attachToNetwork(db, { placeId: ids.placeB, networkId: networkB.id });
  // A partner organisation of network A, and a referral it sent to place A: the referral pages answer.
  const partner = await createPartner(db, { networkId: networkA.id, name: "Agence partenaire" });
  ids.partnerA = partner.id;
  ids.referralA = (await createReferralRow(db, { partnerId: partner.id, networkId: networkA.id, placeId: ids.placeA })).id;
  const roles: Record<Exclude<Role, "anonymous">, StaffUserOptions> = {
    mediatorA: { role: "mediator", placeId: ids.placeA },
    managerA: { role: "manager", placeId: ids.placeA },
    coordinatorA: { role: "coordinator", networkId: networkA.id },
    staffB: { role: "manager", placeId: ids.placeB },
    partner: { role: "partner", partnerId: partner.id, networkId: networkA.id },
    admin: { isPlatformAdmin: true },
  };
  for (const [role, options] of Object.entries(roles) as [Exclude<Role, "anonymous">, StaffUserOptions][]) accounts.set(role, await h.person(role, options));
  // A published call of network A (« appel-a »), place A's submitted application with a file, and coordinatorA assigned to review it.
  const call = await createPublishedCall(db, { networkId: networkA.id, actorUserId: accounts.get("coordinatorA")!, title: "Appel A", form: { sections: [{ id: "s1", title: "Partie", questions: [{ id: "q1", type: "file", label: "Statuts", required: false }] }] } });
  const application = await startApplication(db, { call, placeId: ids.placeA, actorUserId: accounts.get("managerA")! });
  ids.applicationA = (application as { applicationId: string }).applicationId;
  await addFile(db, { applicationId: ids.applicationA, questionId: "q1", fileName: "statuts.pdf", bytes: DEMO_PDF, actorUserId: accounts.get("managerA")! });
  await submitApplication(db, { applicationId: ids.applicationA, actorUserId: accounts.get("managerA")!, baseUrl: "" });
  ids.fileA = (await db.select({ id: applicationFiles.id }).from(applicationFiles).where(eq(applicationFiles.applicationId, ids.applicationA)))[0]!.id;
  await assignReviewer(db, { applicationId: ids.applicationA, networkId: networkA.id, reviewerId: accounts.get("coordinatorA")!, actorUserId: accounts.get("coordinatorA")!, baseUrl: "" });
  ids.reviewA = (await db.select({ id: applicationReviews.id }).from(applicationReviews).where(eq(applicationReviews.applicationId, ids.applicationA)))[0]!.id;
});

// Every test starts with everyone signed in (a route's genuine POST may end a session: sign-out).
beforeEach(async () => {
  for (const [role, userId] of accounts) await h.signIn(role, userId);
});

afterAll(async () => {
  await h?.close();
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

  for (const [path, route] of Object.entries(ROUTES)) {
    it(`${path || "/"}: every role gets the expected answer`, async () => {
      for (const role of ROLES) {
        check(await request(role, route.url), expected(route.get, role), `GET ${route.url} as ${role}`);
        if (route.forged) {
          const forgedBodies: [ForgedVariant, URLSearchParams, Record<string, string>][] = [
            ["no token", new URLSearchParams(), { origin: ORIGIN }],
            ["wrong token", new URLSearchParams({ csrf: "x".repeat(43) }), { origin: ORIGIN }],
            ["another person's token", new URLSearchParams({ csrf: csrf(role === "admin" ? "partner" : "admin") }), { origin: ORIGIN }],
            ["cross-site with the right token", new URLSearchParams({ csrf: csrf(role) }), { "sec-fetch-site": "cross-site" }],
          ];
          for (const [what, body, headers] of forgedBodies) {
            const want = typeof route.forged === "function" ? route.forged(role, what) : expected(route.forged, role);
            check(await request(role, route.url, { method: "POST", body, headers }), want, `forged POST (${what}) ${route.url} as ${role}`);
          }
          const fromElsewhere = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };
          const body = new URLSearchParams({ csrf: csrf(role) });
          check(await request(role, route.url, { method: "POST", body, headers: fromElsewhere }), route.fromElsewhere ?? 400, `POST from another origin ${route.url} as ${role}`);
        }
      }
      // Genuine POSTs last (sign-out ends the sessions).
      for (const role of ROLES) {
        const body = new URLSearchParams({ csrf: csrf(role) });
        check(await request(role, route.url, { method: "POST", body, headers: { origin: ORIGIN, "sec-fetch-site": "same-origin" } }), expected(route.post, role), `POST ${route.url} as ${role}`);
      }
    });
  }
});

describe("sign-in over HTTP", () => {
  const post = (fields: Record<string, string>, url = "/connexion", clientAddress = "198.51.100.7") =>
    h.send(null, url, { method: "POST", body: new URLSearchParams(fields), headers: { origin: ORIGIN }, clientAddress });

  it("signs in, sets an HttpOnly SameSite=Lax cookie and comes back to the page asked for", async () => {
    await createStaffUser(database.db, { email: "http@exemple.fr", name: "Hélène", password: "une phrase de passe" });
    const wrong = await post({ email: "http@exemple.fr", mot_de_passe: "pas la bonne" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("Adresse électronique ou mot de passe incorrect.");
    const ok = await post({ email: "http@exemple.fr", mot_de_passe: "une phrase de passe", retour: "/gestion/sessions" }, "/connexion?retour=%2Fgestion%2Fsessions");
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/gestion/sessions");
    const setCookie = ok.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^epn_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Expires=/);
    const token = setCookie.split(";")[0]!.split("=")[1]!;
    const home = await h.send(null, "/gestion", { headers: { cookie: `epn_session=${token}` }, clientAddress: "198.51.100.7" });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Bonjour Hélène");
    // Never back to another site.
    const elsewhere = await post({ email: "http@exemple.fr", mot_de_passe: "une phrase de passe", retour: "//evil.example" }, "/connexion", "198.51.100.8");
    expect(elsewhere.headers.get("location")).toBe("/gestion");
  });

  it("refuses the 11th try in 15 minutes with 429 and a French message", async () => {
    await createStaffUser(database.db, { email: "limite@exemple.fr", name: "Limite", password: "une phrase de passe" });
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
