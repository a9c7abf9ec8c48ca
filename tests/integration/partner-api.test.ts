/**
 * The referrals API for partners' own systems, through the real request handler — PGlite, or
 * PostgreSQL with TEST_DATABASE_URL: an API key of the organisation lists, reads and creates its
 * referrals (with a booking if asked), with the form's French messages; another organisation's
 * referral is unknown to it; no key, a wrong or revoked one: 401; the same request twice: one
 * referral; the OpenAPI document describes it, and its answers match the document's schema.
 */
import Ajv from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { partnerApiTokens, referrals } from "~/db/schema";
import { hashToken } from "~/features/accounts/tokens.server";
import { attachToNetwork, createNetwork, createPartner, createPlace, createReferralRow, createResource } from "~/features/demo/factories.server";
import { createTestDatabase } from "../support/database";
import { startHarness, type Harness } from "../support/harness";

let database: Database;
let h: Harness;
const KEY = `epn_${"k".repeat(43)}`;
const OTHER_KEY = `epn_${"o".repeat(43)}`;
let partnerId = "";
let placeSlug = "";
let otherReferral = "";

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  h = await startHarness(database);
  const network = await createNetwork(db, { slug: "reseau-api" });
  const partner = await createPartner(db, { networkId: network.id, name: "Mission locale de l'Orléanais", kind: "mission-locale" });
  const other = await createPartner(db, { networkId: network.id, name: "CCAS de Saran", kind: "ccas" });
  partnerId = partner.id;
  const place = await createPlace(db, { name: "EPN de la Source", openingHours: "Mo-Su 00:00-24:00" });
  placeSlug = place.slug;
  await attachToNetwork(db, { placeId: place.id, networkId: network.id });
  await createResource(db, { placeId: place.id, minMinutes: 60, maxMinutes: 60, gridMinutes: 60 });
  await db.insert(partnerApiTokens).values([
    { partnerId: partner.id, label: "Logiciel de suivi", tokenHash: hashToken(KEY), prefix: KEY.slice(0, 12) },
    { partnerId: other.id, label: "Autre", tokenHash: hashToken(OTHER_KEY), prefix: OTHER_KEY.slice(0, 12) },
  ]);
  otherReferral = (await createReferralRow(db, { partnerId: other.id, networkId: network.id, placeId: place.id })).id;
}, 120_000);

afterAll(async () => {
  await h?.close();
  await database?.close();
});

const call = (path: string, init: { method?: string; key?: string | null; body?: unknown; headers?: Record<string, string> } = {}) =>
  h.send(null, path, {
    method: init.method ?? "GET",
    headers: {
      ...(init.key === null ? {} : { authorization: `Bearer ${init.key ?? KEY}` }),
      ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

const person = { prenom: "Lucas", nom: "Bernard", telephone: "06 44 55 66 77", contact: "sms" };

describe("the partners' referrals API", () => {
  it("answers 401 without a key, with a wrong one, and names the bearer scheme", async () => {
    for (const key of [null, "pas-une-cle", `epn_${"x".repeat(43)}`]) {
      const res = await call("/api/v1/partenaires/orientations", { key });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect((await res.json()).erreur).toMatch(/Clé d'API/);
    }
  });

  it("creates a referral with a booking, once for the same Idempotency-Key, and lists and reads it", async () => {
    const slots = await (await h.send(null, `/api/v1/lieux/${placeSlug}/disponibilites`)).json();
    const offer = slots.ressources[0];
    const body = { lieu: placeSlug, personne: person, besoins: ["InsertionProfessionnelle"], note: "CV à mettre en ligne.", reference: "ML-778", consentement: true, rendez_vous: { offre: offer.offre ?? offer.id, debut: offer.creneaux[0].debut } };
    const headers = { "idempotency-key": "mission-locale-0001-abcdef" };
    const first = await call("/api/v1/partenaires/orientations", { method: "POST", body, headers });
    const created = await first.json();
    expect(first.status, JSON.stringify(created)).toBe(201);
    expect(created).toMatchObject({ statut: "rendez_vous_pris", reference_partenaire: "ML-778", personne: { prenom: "Lucas", telephone: "+33644556677" }, lieu: { slug: placeSlug } });
    expect(created.historique.map((e: { statut: string }) => e.statut)).toEqual(["envoyee", "rendez_vous_pris"]);
    const again = await call("/api/v1/partenaires/orientations", { method: "POST", body, headers });
    expect(again.status).toBe(200);
    expect((await again.json()).id).toBe(created.id);
    expect(await database.db.select().from(referrals).where(eq(referrals.partnerId, partnerId))).toHaveLength(1);
    const list = await (await call("/api/v1/partenaires/orientations?statut=rendez_vous_pris")).json();
    expect(list.data.map((r: { id: string }) => r.id)).toEqual([created.id]);
    const one = await call(`/api/v1/partenaires/orientations/${created.id}`);
    expect(one.status).toBe(200);
  });

  it("refuses a bad body in French, field by field, and writes nothing", async () => {
    const before = (await database.db.select().from(referrals)).length;
    const res = await call("/api/v1/partenaires/orientations", {
      method: "POST",
      body: { lieu: placeSlug, personne: { prenom: "", nom: "X", telephone: "02 38 00 00 00", contact: "sms" }, besoins: [], consentement: false },
      headers: { "idempotency-key": "mission-locale-0002-abcdef" },
    });
    expect(res.status).toBe(422);
    const { champs } = await res.json();
    expect(champs).toMatchObject({ "personne.prenom": expect.stringMatching(/prénom/), besoins: expect.any(String), consentement: expect.stringMatching(/d'accord/) });
    const unknownPlace = await call("/api/v1/partenaires/orientations", { method: "POST", body: { lieu: "nulle-part", personne: person, besoins: ["Email"], consentement: true }, headers: { "idempotency-key": "mission-locale-0003-abcdef" } });
    expect(unknownPlace.status).toBe(422);
    expect((await unknownPlace.json()).champs.lieu).toMatch(/réseau/);
    expect((await call("/api/v1/partenaires/orientations", { method: "POST", body: { lieu: placeSlug } })).status).toBe(400);
    expect((await call("/api/v1/partenaires/orientations?statut=perdu")).status).toBe(400);
    expect((await database.db.select().from(referrals)).length).toBe(before);
  });

  it("keeps each organisation to its own referrals, and stops a revoked key at once", async () => {
    expect((await call(`/api/v1/partenaires/orientations/${otherReferral}`)).status).toBe(404);
    expect((await call(`/api/v1/partenaires/orientations/${otherReferral}`, { key: OTHER_KEY })).status).toBe(200);
    const list = await (await call("/api/v1/partenaires/orientations")).json();
    expect(list.data.map((r: { id: string }) => r.id)).not.toContain(otherReferral);
    await database.db.update(partnerApiTokens).set({ revokedAt: new Date() }).where(eq(partnerApiTokens.tokenHash, hashToken(OTHER_KEY)));
    expect((await call(`/api/v1/partenaires/orientations/${otherReferral}`, { key: OTHER_KEY })).status).toBe(401);
  });

  it("is described in the OpenAPI document, and its answers match the document's schema", async () => {
    const doc = await (await h.send(null, "/api/v1/openapi.json")).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/partenaires/orientations", "/api/v1/partenaires/orientations/{id}"]));
    expect(doc.components.securitySchemes.cleApiPartenaire.scheme).toBe("bearer");
    expect(doc.webhooks.orientation.post.requestBody.content["application/json"].schema.$ref).toBe("#/components/schemas/EvenementOrientation");
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    ajv.addSchema({ $id: "openapi", components: doc.components });
    const validate = ajv.compile({ $ref: "openapi#/components/schemas/Orientation" });
    const list = await (await call("/api/v1/partenaires/orientations")).json();
    expect(list.data.length).toBeGreaterThan(0);
    for (const item of list.data) expect(validate(item), JSON.stringify(validate.errors)).toBe(true);
  });
});
