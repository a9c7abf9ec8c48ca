/**
 * The pages of the people followed by name, through the real request handler
 * (tests/support/harness.ts): only the place's own managers and mediators reach them (a
 * coordinator, the platform admin, another place's mediator get 403 on every route); a mediator
 * adds a person with consent (refused in words without it, nothing written), finds them, reads
 * their history, exports their data as a page and JSON, merges a duplicate and erases them; a
 * manager sets the retention period; the public privacy page says how long we keep what.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { beneficiaries } from "~/db/schema";
import { attachToNetwork, createBeneficiary, createNetwork, createPlace } from "~/features/demo/factories.server";
import { currentConsent } from "~/features/mediation/beneficiaries.server";
import { fr } from "~/lib/messages";
import { createTestDatabase } from "../support/database";
import { html, startHarness, type Harness } from "../support/harness";

const m = fr.beneficiaries;
let database: Database;
let h: Harness;
const ids = { placeA: "", placeB: "", person: "" };
const base = () => `/gestion/lieux/${ids.placeA}/beneficiaires`;
const text = async (response: Response) => (await html(response)).replace(/<!-- -->/g, "");

beforeAll(async () => {
  database = await createTestDatabase();
  h = await startHarness(database);
  const { db } = database;
  ids.placeA = (await createPlace(db, { name: "Médiathèque de Ruffec", commune: "Ruffec", postcode: "16700" })).id;
  ids.placeB = (await createPlace(db, { name: "Cyber-base de Confolens" })).id;
  const network = await createNetwork(db, { slug: "charente", name: "Charente numérique" });
  await attachToNetwork(db, { placeId: ids.placeA, networkId: network.id });
  await attachToNetwork(db, { placeId: ids.placeB, networkId: network.id });
  ids.person = (await createBeneficiary(db, { placeId: ids.placeA, firstName: "Lucienne", lastName: "B." })).id;
  await h.person("manager", { role: "manager", placeId: ids.placeA });
  await h.person("mediator", { role: "mediator", placeId: ids.placeA });
  await h.person("mediatorB", { role: "mediator", placeId: ids.placeB });
  await h.person("coordinator", { role: "coordinator", networkId: network.id });
  await h.person("admin", { isPlatformAdmin: true });
}, 120_000);

afterAll(async () => {
  await h?.close();
  await database?.close();
});

describe("who reaches the pages of followed people", () => {
  it("refuses, on every route, the network's coordinator, the platform admin and another place's mediator (403), and answers the place's staff", async () => {
    const urls = [base(), `${base()}/nouveau`, `${base()}/consentement`, `${base()}/${ids.person}`, `${base()}/${ids.person}/donnees`, `${base()}/${ids.person}/donnees.json`];
    for (const url of urls) {
      for (const who of ["coordinator", "admin", "mediatorB"]) {
        const response = await h.get(who, url);
        expect(response.status, `${who} GET ${url}`).toBe(403);
        expect(await response.text()).not.toContain("Lucienne");
      }
      for (const who of ["manager", "mediator"]) expect((await h.get(who, url)).status, `${who} GET ${url}`).toBe(200);
    }
    for (const url of [base(), `${base()}/nouveau`, `${base()}/${ids.person}`]) {
      for (const who of ["coordinator", "admin", "mediatorB"]) {
        const body = new URLSearchParams({ intent: "effacer", confirme: "oui", prenom: "X", consentement: "oui" });
        expect((await h.post(who, url, body)).status, `${who} POST ${url}`).toBe(403);
      }
    }
    expect(await database.db.select({ firstName: beneficiaries.firstName }).from(beneficiaries).where(eq(beneficiaries.id, ids.person))).toEqual([{ firstName: "Lucienne" }]);
    // Another place's person is not found from this place's pages.
    const stranger = await createBeneficiary(database.db, { placeId: ids.placeB, firstName: "Étrangère" });
    expect((await h.get("mediator", `${base()}/${stranger.id}`)).status).toBe(404);
    expect((await h.get("mediator", `${base()}/${stranger.id}/donnees.json`)).status).toBe(404);
  });

  it("links the page from the place's page for its staff only", async () => {
    expect(await html(await h.get("mediator", `/gestion/lieux/${ids.placeA}`))).toContain(`href="${base()}"`);
    expect(await html(await h.get("coordinator", `/gestion/lieux/${ids.placeA}`))).not.toContain("/beneficiaires");
  });
});

describe("a mediator follows a person", () => {
  let personId = "";

  it("shows the consent text and the box to tick, and the warning on notes", async () => {
    const page = await text(await h.get("mediator", `${base()}/nouveau`));
    const consent = (await currentConsent(database.db, ids.placeA))!;
    expect(page).toContain(consent.text.title);
    for (const p of consent.text.paragraphs) expect(page).toContain(p);
    expect(page).toContain(m.consentCheckbox);
    expect(page).toContain(m.fields.notesWarning);
    expect(page).toContain(`name="texte_consentement" value="${consent.fingerprint}"`);
    const sheet = await text(await h.get("mediator", `${base()}/consentement`));
    expect(sheet).toContain(`<h1>${consent.text.title}</h1>`);
    expect(sheet).not.toContain("<form");
  });

  it("refuses without consent, in words, and writes nothing; with it, creates and shows the person", async () => {
    const consent = (await currentConsent(database.db, ids.placeA))!;
    const fields = { prenom: "Hélène", nom: "Dupont", telephone: "06 12 34 56 78", annee_naissance: "1950", genre: "Feminin", commune: "Ruffec", code_postal: "16700", notes: "Veut écrire à sa petite-fille." };
    const refused = await h.post("mediator", `${base()}/nouveau`, new URLSearchParams({ ...fields, texte_consentement: consent.fingerprint }));
    expect(refused.status).toBe(400);
    const refusedPage = await text(refused);
    expect(refusedPage).toContain(m.errors.consentMissing);
    expect(refusedPage).toContain('value="Hélène"');
    expect(await database.db.select().from(beneficiaries).where(eq(beneficiaries.firstName, "Hélène"))).toEqual([]);

    const badCommune = await h.post("mediator", `${base()}/nouveau`, new URLSearchParams({ ...fields, code_postal: "", texte_consentement: consent.fingerprint, consentement: "oui" }));
    expect(badCommune.status).toBe(400);
    expect(await text(badCommune)).toContain(m.errors.communeAmbiguous);

    const created = await h.post("mediator", `${base()}/nouveau`, new URLSearchParams({ ...fields, texte_consentement: consent.fingerprint, consentement: "oui" }));
    expect(created.status).toBe(303);
    const location = created.headers.get("location")!;
    expect(location).toMatch(new RegExp(`^${base()}/[0-9a-f-]{36}\\?cree$`));
    personId = location.split("/").pop()!.split("?")[0]!;
    const page = await text(await h.get("mediator", location));
    expect(page).toContain(m.created);
    expect(page).toContain("Hélène Dupont — personne suivie");
    expect(page).toContain("06 12 34 56 78");
    expect(page).toContain("70 ans et plus");
    expect(page).toContain("par Personne mediator");
    expect(page).toContain(m.historyNone);
  });

  it("finds the person on the list, accents and case ignored", async () => {
    const found = await text(await h.get("mediator", `${base()}?q=HELENE`));
    expect(found).toContain(m.found(1, "HELENE"));
    expect(found).toContain(`href="${base()}/${personId}"`);
    const all = await text(await h.get("mediator", base()));
    expect(all).toContain(m.count(2));
  });

  it("edits the person, and refuses a bad phone in words", async () => {
    const here = `${base()}/${personId}`;
    const bad = await h.post("mediator", here, new URLSearchParams({ intent: "modifier", prenom: "Hélène", telephone: "12" }));
    expect(bad.status).toBe(400);
    expect(await text(bad)).toContain(m.errors.phone);
    const saved = await h.post("mediator", here, new URLSearchParams({ intent: "modifier", prenom: "Hélène", nom: "D.", telephone: "06 12 34 56 78", commune: "Ruffec", code_postal: "16700" }));
    expect(saved.headers.get("location")).toBe(`${here}?enregistre`);
    expect(await text(await h.get("mediator", `${here}?enregistre`))).toContain("Hélène D. — personne suivie");
  });

  it("exports the person's data as a readable page and as a JSON file", async () => {
    const page = await text(await h.get("mediator", `${base()}/${personId}/donnees`));
    expect(page).toContain(m.exportTitle("Hélène D."));
    expect(page).toContain("06 12 34 56 78");
    expect(page).toContain("Vos informations à Médiathèque de Ruffec");
    expect(page).toContain(m.audit.actions["beneficiary.export"]);
    const file = await h.get("mediator", `${base()}/${personId}/donnees.json`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(file.headers.get("content-disposition")).toBe(`attachment; filename="donnees-${personId}.json"`);
    const json = (await file.json()) as { personne: { prenom: string; telephone: string } };
    expect(json.personne).toMatchObject({ prenom: "Hélène", telephone: "+33612345678" });
  });

  it("merges a duplicate after a search and a confirm step; the duplicate's address leads to the kept person", async () => {
    const here = `${base()}/${personId}`;
    const duplicate = await createBeneficiary(database.db, { placeId: ids.placeA, firstName: "Helene", lastName: "Dupont", email: "helene@exemple.fr" });
    const search = await text(await h.get("mediator", `${here}?fusionner=1&doublon_q=dupont`));
    expect(search).toContain(`href="${here}?fusionner=${duplicate.id}#fusion"`);
    expect(search).not.toContain(`?fusionner=${personId}#`);
    const confirm = await text(await h.get("mediator", `${here}?fusionner=${duplicate.id}`));
    expect(confirm).toContain(m.mergeConfirmTitle("Helene Dupont", "Hélène D."));
    const merged = await h.post("mediator", here, new URLSearchParams({ intent: "fusionner", doublon: duplicate.id }));
    expect(merged.headers.get("location")).toBe(`${here}?fusionne`);
    expect(await text(await h.get("mediator", `${here}?fusionne`))).toContain("helene@exemple.fr");
    const old = await h.get("mediator", `${base()}/${duplicate.id}`);
    expect(old.status).toBe(302);
    expect(old.headers.get("location")).toBe(here);
  });

  it("erases the identity after a confirm step; the page is then gone and the list says so", async () => {
    const here = `${base()}/${personId}`;
    const unconfirmed = await h.post("mediator", here, new URLSearchParams({ intent: "effacer" }));
    expect(unconfirmed.headers.get("location")).toBe(`${here}?effacer#effacer`);
    expect(await text(await h.get("mediator", `${here}?effacer`))).toContain(m.eraseConfirmTitle("Hélène D."));
    expect((await database.db.select({ f: beneficiaries.firstName }).from(beneficiaries).where(eq(beneficiaries.id, personId)))[0]!.f).toBe("Hélène");
    const erased = await h.post("mediator", here, new URLSearchParams({ intent: "effacer", confirme: "oui" }));
    expect(erased.headers.get("location")).toBe(`${base()}?efface`);
    expect(await text(await h.get("mediator", `${base()}?efface`))).toContain(m.erased);
    expect((await h.get("mediator", here)).status).toBe(404);
    expect((await h.get("mediator", `${here}/donnees.json`)).status).toBe(404);
  });

  it("shows the place's log to its coordinator with what was done, never a name", async () => {
    const log = await text(await h.get("coordinator", `/gestion/lieux/${ids.placeA}/journal`));
    expect(log).toContain(m.audit.actions["beneficiary.create"]);
    expect(log).toContain(m.audit.actions["beneficiary.erase"]);
    expect(log).toContain("prénom");
    for (const value of ["Hélène", "Helene", "Dupont", "06 12", "+336", "helene@exemple.fr", "1950", "petite-fille"]) expect(log, value).not.toContain(value);
  });
});

describe("the retention setting", () => {
  it("is changed by a manager (1 to 36 months), not by a mediator", async () => {
    expect((await h.post("mediator", base(), new URLSearchParams({ intent: "conservation", mois: "6" }))).status).toBe(403);
    const bad = await h.post("manager", base(), new URLSearchParams({ intent: "conservation", mois: "40" }));
    expect(bad.status).toBe(400);
    expect(await text(bad)).toContain(m.errors.retention);
    const saved = await h.post("manager", base(), new URLSearchParams({ intent: "conservation", mois: "6" }));
    expect(saved.headers.get("location")).toBe(`${base()}?conservation`);
    expect(await text(await h.get("manager", `${base()}?conservation`))).toContain(m.retentionIntro(6));
    expect(await text(await h.get("mediator", base()))).toContain(m.retentionReadOnly);
    expect(await text(await h.get("mediator", `${base()}/consentement`))).toContain("pendant 6 mois");
  });
});

describe("the public privacy page", () => {
  it("says what is kept and for how long, without JavaScript, and is linked from every page's footer", async () => {
    const response = await h.get(null, "/confidentialite");
    expect(response.status).toBe(200);
    const page = await text(response);
    expect(page).toContain(`<h1>${fr.privacy.title}</h1>`);
    expect(page).toContain(fr.privacy.followedRetention);
    expect(page).toContain(fr.privacy.bookingRetention);
    expect(page).toContain(fr.privacy.rightsHow);
    expect(page).not.toContain("<script");
    expect(new TextEncoder().encode(page).length).toBeLessThan(40_000);
    expect(await html(await h.get(null, "/"))).toContain('href="/confidentialite"');
    expect(await (await h.get(null, "/sitemap.xml")).text()).toContain("/confidentialite</loc>");
  });
});
