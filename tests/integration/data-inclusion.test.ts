/**
 * The places and their services in the data·inclusion schema, through the real request handler
 * (tests/support/harness.ts): every item valid against data·inclusion's own schema files, every
 * enumerated value in its lists, only published places, `?reseau=` filters, an unknown network is a
 * 404 and an unknown parameter a 400, both paths in the OpenAPI document, nobody of the staff named.
 * Then the real demo: every published place of the real datasets, mapped and validated.
 */
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { places } from "~/db/schema";
import { seedCommunes } from "~/features/communes/seed.server";
import { dataInclusionApi } from "~/features/data-inclusion/api.server";
import { DEMO_NETWORK, seedDemoIfEmpty } from "~/features/demo/demo.server";
import { attachToNetwork, createLabelGrant, createNetwork, createPlace, createResource } from "~/features/demo/factories.server";
import { countStandardPlaces } from "~/features/places/export.server";
import { fr } from "~/lib/messages";
import { serviceProblems, structureProblems, valuesOutsideLists } from "../support/data-inclusion";
import { createTestDatabase } from "../support/database";
import { ORIGIN, startHarness, type Harness } from "../support/harness";
import { REFERENCE } from "../support/reference";

type Item = Record<string, unknown> & { id: string };
const STRUCTURES = "/api/v1/data-inclusion/structures";
const SERVICES = "/api/v1/data-inclusion/services";

describe("the data·inclusion API", () => {
  let database: Database;
  let h: Harness;
  const ids = { full: "", online: "", lapsed: "", draft: "", unpublished: "", elsewhere: "" };
  const STAFF = { name: "Gaëlle Responsable-Privée", email: "gaelle.privee@exemple.fr" };

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await startHarness(database);
    const { db } = database;
    const network = await createNetwork(db, { slug: "loire-numerique", name: "Loire numérique" });
    const other = await createNetwork(db, { slug: "cher-numerique", name: "Cher numérique" });
    ids.full = (
      await createPlace(db, {
        name: "Espace numérique de Gien", pivot: "43493312300029", phone: "+33238671234", emails: ["epn@gien.example"], websites: ["https://gien.example/epn"],
        summary: "L'espace numérique de la ville.", typologie: ["MUNI"], services: ["Aide aux démarches administratives", "Accès internet et matériel informatique", "Maîtrise des outils numériques du quotidien", "Utilisation sécurisée du numérique"],
        publics: ["Seniors"], specificSupport: ["Handicaps moteurs"], fees: ["Gratuit sous condition"], nationalPrograms: ["Conseillers numériques", "France Services"],
        accessModes: ["Se présenter", "Téléphoner"], supportModes: ["Accompagnement individuel", "Dans un atelier collectif", "À distance"],
        accesLibreUrl: "https://acceslibre.beta.gouv.fr/app/45-gien/a/espace-numerique/erp/epn-gien/", computers: 8, printers: 1, updatedOn: "2025-06-02",
      })
    ).id;
    ids.online = (await createPlace(db, { name: "Médiathèque de Briare", services: ["Accès internet et matériel informatique"], fees: ["Payant"] })).id;
    await createResource(db, { placeId: ids.online });
    ids.lapsed = (await createPlace(db, { name: "Ancien EPN de Sully", services: ["Loisirs et créations numériques"] })).id;
    ids.draft = (await createPlace(db, { name: "Lieu en préparation", status: "draft" })).id;
    ids.unpublished = (await createPlace(db, { name: "Lieu retiré", status: "unpublished" })).id;
    ids.elsewhere = (await createPlace(db, { name: "Maison numérique de Vierzon", typologie: ["EPN"], services: ["Acquisition de matériel informatique à prix solidaire"] })).id;
    for (const placeId of [ids.full, ids.online, ids.lapsed, ids.draft, ids.unpublished]) await attachToNetwork(db, { placeId, networkId: network.id });
    await attachToNetwork(db, { placeId: ids.elsewhere, networkId: other.id });
    await createLabelGrant(db, { placeId: ids.full, networkId: network.id });
    await createLabelGrant(db, { placeId: ids.lapsed, networkId: network.id, validFrom: "2019-01-01", validUntil: "2023-12-31" });
    // Someone of the staff, whose name and address must never be published.
    await h.person("manager", { role: "manager", placeId: ids.full, ...STAFF });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await database?.close();
  });

  const get = async (url: string) => {
    const response = await h.get(null, url);
    return { response, body: (await response.json()) as unknown };
  };
  const structureIds = (...placeIds: string[]) => placeIds.map((id) => `reseau-epn--${id}`).sort();

  it("gives one structure per published place of the network, valid against structure.json", async () => {
    const { response, body } = await get(`${STRUCTURES}?reseau=loire-numerique`);
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
    const structures = body as Item[];
    expect(structures.map((s) => s.id).sort()).toEqual(structureIds(ids.full, ids.online, ids.lapsed));
    for (const s of structures) expect(structureProblems(s), s.id).toEqual([]);
    const full = structures.find((s) => s.id === `reseau-epn--${ids.full}`)!;
    expect(full).toMatchObject({
      source: "reseau-epn", nom: "Espace numérique de Gien", date_maj: "2025-06-02", siret: "43493312300029",
      lien_source: `${ORIGIN}/lieux/espace-numerique-de-gien-bourges`, courriel: "epn@gien.example",
      reseaux_porteurs: ["espaces-publics-numeriques", "conseillers-numeriques", "france-service"],
      accessibilite_lieu: "https://acceslibre.beta.gouv.fr/app/45-gien/a/espace-numerique/erp/epn-gien/",
    });
    // A label that has lapsed does not make a public digital space.
    expect(structures.find((s) => s.id === `reseau-epn--${ids.lapsed}`)!.reseaux_porteurs).toBeNull();
  });

  it("gives the services of those places, valid against service.json and tied to their structure", async () => {
    const { response, body } = await get(`${SERVICES}?reseau=loire-numerique`);
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const services = body as Item[];
    for (const s of services) expect(serviceProblems(s), s.id).toEqual([]);
    expect(services.map((s) => s.id).sort()).toEqual(
      [`${ids.full}--demarches-en-ligne`, `${ids.full}--acces-libre`, `${ids.full}--initiation`, `${ids.online}--acces-libre`, `${ids.lapsed}--loisirs`].map((id) => `reseau-epn--${id}`).sort(),
    );
    expect(new Set(services.map((s) => s.structure_id))).toEqual(new Set(structureIds(ids.full, ids.online, ids.lapsed)));
    const online = services.find((s) => s.id === `reseau-epn--${ids.online}--acces-libre`)!;
    // Booked online here: our booking pages are how to reach it.
    expect(online).toMatchObject({ frais: "payant", lien_mobilisation: `${ORIGIN}/lieux/mediatheque-de-briare-bourges/reserver`, modes_mobilisation: ["utiliser-lien-mobilisation"] });
    const help = services.find((s) => s.id === `reseau-epn--${ids.full}--initiation`)!;
    expect(help).toMatchObject({ type: "atelier", frais: "gratuit", modes_accueil: ["en-presentiel", "a-distance"], modes_mobilisation: ["se-presenter", "telephoner"], publics: ["tous-publics"] });
  });

  it("writes only values of data·inclusion's lists", async () => {
    const structures = (await get(STRUCTURES)).body as Item[];
    const services = (await get(SERVICES)).body as Item[];
    expect(valuesOutsideLists(structures, services)).toEqual([]);
  });

  it("without a network gives every published place, never a draft or an unpublished one", async () => {
    const structures = (await get(STRUCTURES)).body as Item[];
    expect(structures.map((s) => s.id).sort()).toEqual(structureIds(ids.full, ids.online, ids.lapsed, ids.elsewhere));
    const services = (await get(SERVICES)).body as Item[];
    const text = JSON.stringify([structures, services]);
    for (const hidden of [ids.draft, ids.unpublished]) expect(text).not.toContain(hidden);
    expect((await get(`${STRUCTURES}?reseau=cher-numerique`)).body).toEqual([structures.find((s) => s.id === `reseau-epn--${ids.elsewhere}`)]);
  });

  it("names nobody of the staff", async () => {
    const text = JSON.stringify([(await get(STRUCTURES)).body, (await get(SERVICES)).body]);
    expect(text).not.toContain(STAFF.email);
    expect(text).not.toContain("Gaëlle");
  });

  it("keeps the same ids when a place is renamed", async () => {
    const before = ((await get(SERVICES)).body as Item[]).map((s) => s.id).sort();
    await database.db.update(places).set({ name: "EPN de Gien", slug: "epn-de-gien" }).where(eq(places.id, ids.full));
    const after = (await get(SERVICES)).body as Item[];
    expect(after.map((s) => s.id).sort()).toEqual(before);
    expect(after.find((s) => s.id === `reseau-epn--${ids.full}--demarches-en-ligne`)!.lien_source).toBe(`${ORIGIN}/lieux/epn-de-gien`);
  });

  it("answers 404 in French for an unknown network", async () => {
    for (const url of [STRUCTURES, SERVICES]) {
      const { response, body } = await get(`${url}?reseau=nulle-part`);
      expect(response.status).toBe(404);
      expect(body).toEqual({ erreur: fr.dataInclusion.api.networkUnknown, details: [{ parametre: "reseau", message: "Ce réseau n'existe pas." }] });
    }
  });

  it("answers 400 in French for an unknown parameter or a malformed network", async () => {
    const unknown = await get(`${SERVICES}?page=2`);
    expect(unknown.response.status).toBe(400);
    expect(unknown.body).toEqual({ erreur: "Requête invalide", details: [{ parametre: "page", message: "Paramètre inconnu : « page ». Seul « reseau » est possible." }] });
    const malformed = await get(`${STRUCTURES}?reseau=Pas%20un%20r%C3%A9seau`);
    expect(malformed.response.status).toBe(400);
    expect(malformed.body).toMatchObject({ details: [{ parametre: "reseau" }] });
  });

  it("are in the OpenAPI document, whose item schemas are data·inclusion's and accept what the routes give", async () => {
    const doc = (await (await h.get(null, "/api/v1/openapi.json")).json()) as { paths: Record<string, { get: { parameters: { name: string }[] } }>; components: { schemas: Record<string, unknown> } };
    for (const p of [STRUCTURES, SERVICES]) expect(doc.paths[p]!.get.parameters.map((x) => x.name)).toEqual(["reseau"]);
    expect(JSON.stringify(doc)).not.toContain("#/$defs/");
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    ajv.addSchema({ $id: "openapi", components: doc.components });
    const structure = ajv.compile({ $ref: "openapi#/components/schemas/DataInclusionStructure" });
    const service = ajv.compile({ $ref: "openapi#/components/schemas/DataInclusionService" });
    for (const s of (await get(STRUCTURES)).body as Item[]) expect(structure(s), JSON.stringify(structure.errors)).toBe(true);
    for (const s of (await get(SERVICES)).body as Item[]) expect(service(s), JSON.stringify(service.errors)).toBe(true);
    // And they still refuse what data·inclusion refuses.
    expect(service({ source: "reseau-epn", id: "x", structure_id: "y", nom: "Un service", description: "Assez long", date_maj: "2025-01-01", thematiques: ["numerique--inconnue"] })).toBe(false);
  });
});

describe("the real demo's places in the data·inclusion schema", () => {
  let database: Database;
  const baseUrl = "https://epn.example";

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedCommunes(database.db);
    await seedDemoIfEmpty(database, path.dirname(REFERENCE));
  }, 300_000);
  afterAll(async () => database?.close());

  it("maps every published place of the real datasets, each structure and service valid, in the lists", async () => {
    const structures = (await dataInclusionApi(database.db, new URL(`${baseUrl}${STRUCTURES}`), { kind: "structures", baseUrl })).body as Item[];
    const services = (await dataInclusionApi(database.db, new URL(`${baseUrl}${SERVICES}`), { kind: "services", baseUrl })).body as Item[];
    expect(structures.length).toBe(await countStandardPlaces(database.db));
    expect(structures.length).toBeGreaterThan(3000);
    const structureErrors = structures.flatMap((s) => structureProblems(s).map((p) => `${s.id} ${p}`));
    const serviceErrors = services.flatMap((s) => serviceProblems(s).map((p) => `${s.id} ${p}`));
    expect(structureErrors.slice(0, 20)).toEqual([]);
    expect(serviceErrors.slice(0, 20)).toEqual([]);
    expect(valuesOutsideLists(structures, services)).toEqual([]);
    expect(new Set(structures.map((s) => s.id)).size).toBe(structures.length);
    expect(new Set(services.map((s) => s.id)).size).toBe(services.length);
    const known = new Set(structures.map((s) => s.id));
    expect(services.every((s) => known.has(String(s.structure_id)))).toBe(true);
    // The real data says enough for most places to offer something; SIRETs are rare in it (the Aix-en-Provence file's).
    expect(services.length).toBeGreaterThan(structures.length);
    expect(structures.filter((s) => s.siret).length).toBeGreaterThan(20);
    expect(structures.filter((s) => (s.reseaux_porteurs as string[] | null)?.includes("espaces-publics-numeriques")).length).toBeGreaterThan(50);
  });

  it("gives the demo network's places with ?reseau=", async () => {
    const url = new URL(`${baseUrl}${STRUCTURES}?reseau=${DEMO_NETWORK.slug}`);
    const structures = (await dataInclusionApi(database.db, url, { kind: "structures", baseUrl })).body as Item[];
    expect(structures.length).toBe(await countStandardPlaces(database.db, { networkSlug: DEMO_NETWORK.slug }));
    for (const s of structures) expect(structureProblems(s), s.id).toEqual([]);
  });
});
