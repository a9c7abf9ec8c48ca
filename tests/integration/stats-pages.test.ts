/**
 * The statistics pages through the real request handler (tests/support/harness.ts): a coordinator
 * sees the network's figures, each chart an image with its title and description inside a figure
 * with its caption, followed by its table (caption, headers with their scope), and never the name
 * of a person helped; a mediator finds « Mes chiffres »; bad filters answer 400 in words; the CSV and
 * XLSX files hold the tables; the public aggregates leave out ages, genders and statuses of a place
 * and month below 10 participants, and name nobody.
 */
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "~/db/client.server";
import { attachToNetwork, createBeneficiary, createHelpRecord, createNetwork, createPlace } from "~/features/demo/factories.server";
import { fr } from "~/lib/messages";
import { createTestDatabase } from "../support/database";
import { html, startHarness, type Harness } from "../support/harness";

const m = fr.statistics;
let database: Database;
let h: Harness;
const ids = { place: "", small: "", hidden: "", other: "", mediator: "" };
const NAMES = ["Zéphyrine", "Quintal-Barjot", "0611223344", "zephyrine@exemple.fr"];
const year = new Date().getUTCFullYear() - 1;
const network = "/gestion/reseaux/loire-numerique/statistiques";
const placePage = () => `/gestion/lieux/${ids.place}/statistiques`;
const period = `du=${year}-01-01&au=${year}-12-31`;

beforeAll(async () => {
  database = await createTestDatabase();
  h = await startHarness(database);
  const { db } = database;
  const net = await createNetwork(db, { slug: "loire-numerique", name: "Loire numérique" });
  ids.place = (await createPlace(db, { name: "Médiathèque de Gien" })).id;
  ids.small = (await createPlace(db, { name: "Mairie de Briare" })).id;
  ids.hidden = (await createPlace(db, { name: "Lieu pas encore publié", status: "draft" })).id;
  ids.other = (await createPlace(db, { name: "Ailleurs" })).id;
  for (const placeId of [ids.place, ids.small, ids.hidden]) await attachToNetwork(db, { placeId, networkId: net.id });
  ids.mediator = await h.person("mediator", { role: "mediator", placeId: ids.place, name: "Amélie Médiatrice" });
  await h.person("manager", { role: "manager", placeId: ids.place });
  await h.person("coordinator", { role: "coordinator", networkId: net.id });
  await h.person("otherManager", { role: "manager", placeId: ids.other });

  // A person followed by name, with everything that must never show on these pages.
  const person = await createBeneficiary(db, {
    placeId: ids.place, firstName: NAMES[0], lastName: NAMES[1], phone: NAMES[2], email: NAMES[3], notes: "Ne pas afficher", communeInsee: "45155", communeName: "Gien",
    gender: "Feminin", ageBand: "SoixanteDixPlus", socialStatus: "Retraite",
  });
  // March at Gien: a workshop of 12 (the person and 11 anonymous) and an individual help to the person: 13 participants.
  await createHelpRecord(db, {
    placeId: ids.place, mediatorId: ids.mediator, kind: "collectif", title: "Premiers pas", date: `${year}-03-12`, durationMinutes: 120, themes: ["PrendreEnMainDuMateriel"],
    people: [person], anonymous: { total: 11, alreadyHelped: 0, gender: { Feminin: 6, Masculin: 4 }, age: { SoixanteSoixanteNeuf: 5 }, status: { Retraite: 7 } },
  });
  await createHelpRecord(db, { placeId: ids.place, mediatorId: ids.mediator, date: `${year}-03-20`, people: [person], themes: ["Email"], autonomy: "PartiellementAutonome" });
  // April at Gien by someone else; May at Briare: 2 participants.
  await createHelpRecord(db, { placeId: ids.place, date: `${year}-04-02`, themes: ["Sante"] });
  await createHelpRecord(db, { placeId: ids.small, date: `${year}-05-06`, kind: "collectif", themes: ["Email"], anonymous: { total: 2, alreadyHelped: 0, gender: { Masculin: 2 }, age: {}, status: {} } });
  // The draft place's help is not published.
  await createHelpRecord(db, { placeId: ids.hidden, date: `${year}-05-06`, themes: ["Email"] });
}, 120_000);

afterAll(async () => {
  await h?.close();
  await database?.close();
});

const noName = (text: string) => {
  for (const name of NAMES) expect(text).not.toContain(name);
  expect(text).not.toContain("Ne pas afficher");
};

describe("the network's statistics page", () => {
  it("shows the coordinator the figures, each chart with its description and its table, and no name", async () => {
    const response = await h.get("coordinator", `${network}?${period}`);
    expect(response.status).toBe(200);
    const page = await html(response);
    noName(page);
    expect(page).toContain(m.networkTitle("Loire numérique"));
    expect(page).toContain(m.noName);
    // The key figures: 4 records at the two published places and the draft one (a coordinator's page covers the network's places).
    expect(page).toMatch(/<th scope="row">Accompagnements<\/th><td class="num">5<\/td>/);
    expect(page).toMatch(/<th scope="row">Participants<\/th><td class="num">17<\/td>/);
    // Every chart: a figure, an image named by its title and described, a caption; then its table.
    const figures = page.match(/<figure class="stats-figure">[\s\S]*?<\/figure>/g) ?? [];
    // Thirteen charts, less the three with nothing to draw (administrative help, orientations, stations), which say so.
    expect(figures.length).toBe(10);
    expect(page).toMatch(new RegExp(`id="demarches"[\\s\\S]*?<p>${m.tables.chartDesc(null, "")}`));
    for (const figure of figures) {
      const id = /<svg[^>]*aria-labelledby="([^ "]+) ([^"]+)"/.exec(figure);
      expect(id, figure.slice(0, 200)).not.toBeNull();
      expect(figure).toContain('role="img"');
      expect(figure).toContain(`<title id="${id![1]}">`);
      expect(figure).toContain(`<desc id="${id![2]}">`);
      expect(figure).toMatch(/<figcaption>[^<]+/);
    }
    expect(page).toContain(`<caption>${m.tables.tableOf(m.tables.themes.title)}</caption>`);
    expect(page).toContain('<th scope="col">Thématique</th>');
    expect(page).toMatch(/<th scope="row">E-mail<\/th><td class="num">3<\/td>/);
    // The commune of the person followed, not their name.
    expect(page).toMatch(/<th scope="row">Gien<\/th><td class="num">2<\/td>/);
    // Exports with the same filters.
    expect(page).toContain(`href="${network}/export.csv?${period}"`);
  });

  it("keeps the places chosen, and offers their staff as mediators", async () => {
    const page = await html(await h.get("coordinator", `${network}?${period}&lieu=${ids.small}`));
    expect(page).toMatch(/<th scope="row">Accompagnements<\/th><td class="num">1<\/td>/);
    expect((await html(await h.get("coordinator", `${network}?${period}&lieu=${ids.place}`)))).toContain("Amélie Médiatrice");
  });

  it("answers 400 in words to a bad date, a place outside the network, an unknown theme", async () => {
    for (const [query, message] of [
      ["du=31/02/2025", m.errors.date],
      [`du=${year}-12-31&au=${year}-01-01`, m.errors.order],
      [`lieu=${ids.other}`, m.errors.place],
      ["theme=Astrologie", m.errors.choice],
      [`mediateur=${ids.mediator}`, m.errors.mediator],
    ]) {
      const response = await h.get("coordinator", `${network}?${query}`);
      expect(response.status, query).toBe(400);
      const page = await html(response);
      expect(page, query).toContain(message);
      expect(page).not.toContain("<figure");
    }
  });
});

describe("a place's statistics page", () => {
  it("offers a mediator « Mes chiffres »: their own records", async () => {
    const page = await html(await h.get("mediator", `${placePage()}?${period}`));
    expect(page).toContain(`href="${placePage()}?${period}&mediateur=${ids.mediator}"`);
    expect(page).toMatch(/<th scope="row">Accompagnements<\/th><td class="num">3<\/td>/);
    const mine = await html(await h.get("mediator", `${placePage()}?${period}&mediateur=${ids.mediator}`));
    expect(mine).toContain(m.mineTitle("Médiathèque de Gien"));
    expect(mine).toMatch(/<th scope="row">Accompagnements<\/th><td class="num">2<\/td>/);
    expect(mine).toContain(m.allLink);
    noName(mine);
  });

  it("shows the network's coordinator the place's figures without « Mes chiffres » and without names", async () => {
    const page = await html(await h.get("coordinator", `${placePage()}?${period}`));
    expect(page).not.toContain(m.mineLink);
    noName(page);
  });

  it("is linked from the place's page", async () => {
    expect(await html(await h.get("manager", `/gestion/lieux/${ids.place}`))).toContain(`href="${placePage()}"`);
  });
});

describe("the statistics files", () => {
  it("writes every table in a CSV a French spreadsheet opens", async () => {
    const response = await h.get("manager", `${placePage()}/export.csv?${period}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toContain(`.csv"`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM: a spreadsheet reads UTF-8
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("Médiathèque de Gien");
    expect(text).toContain(`${m.tables.themes.title}\r\nThématique;Nombre;Part des accompagnements\r\n`);
    expect(text).toContain("Prendre en main du matériel;1;33,3 %");
    noName(text);
  });

  it("streams an XLSX whose sheets hold the tables, numbers as numbers", async () => {
    const response = await h.get("coordinator", `${network}/export.xlsx?${period}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const names = workbook.worksheets.map((w) => w.name);
    expect(names[0]).toBe(m.exports.filtersSheet);
    expect(names).toContain(m.sheets.thematiques);
    expect(names).toContain(m.sheets.occupationPostes);
    const key = workbook.getWorksheet(m.sheets.chiffresCles)!;
    expect(key.getRow(2).values).toEqual([undefined, m.key.records, 5]);
    const themes = workbook.getWorksheet(m.sheets.thematiques)!;
    const email = themes.getRows(2, 19)!.find((row) => row.getCell(1).value === "E-mail")!;
    expect(email.getCell(2).value).toBe(3);
    expect(email.getCell(3).value).toBeCloseTo(3 / 5, 10);
    expect(email.getCell(3).numFmt).toBe("0.0%");
    for (const sheet of workbook.worksheets) sheet.eachRow((row) => noName(JSON.stringify(row.values)));
  });
});

describe("the public aggregates", () => {
  const api = (query: string) => h.get(null, `/api/v1/statistiques?${query}`);

  it("give each published place's months, with ages, genders and statuses only from 10 participants", async () => {
    const response = await api(`reseau=loire-numerique&annee=${year}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const text = await response.text();
    noName(text);
    const body = JSON.parse(text);
    expect(body).toMatchObject({ reseau: { slug: "loire-numerique" }, annee: year, seuil_participants: 10 });
    expect(body.lieux.map((l: { nom: string }) => l.nom)).toEqual(["Mairie de Briare", "Médiathèque de Gien"]);
    const gien = body.lieux.find((l: { nom: string }) => l.nom === "Médiathèque de Gien");
    expect(gien.mois).toEqual([
      {
        mois: `${year}-03`, accompagnements: 2, individuels: 1, collectifs: 1, participants: 13, thematiques: { PrendreEnMainDuMateriel: 1, Email: 1 }, repartitions_masquees: false,
        ages: { MoinsDeDouze: 0, DouzeDixHuit: 0, DixHuitVingtQuatre: 0, VingtCinqTrenteNeuf: 0, QuaranteCinquanteNeuf: 0, SoixanteSoixanteNeuf: 5, SoixanteDixPlus: 2, NonCommunique: 6 },
        genres: { Masculin: 4, Feminin: 8, NonCommunique: 1 },
        statuts: { Scolarise: 0, SansEmploi: 0, EnEmploi: 0, Retraite: 9, NonCommunique: 4 },
      },
      { mois: `${year}-04`, accompagnements: 1, individuels: 1, collectifs: 0, participants: 1, thematiques: { Sante: 1 }, repartitions_masquees: true, ages: null, genres: null, statuts: null },
    ]);
    const briare = body.lieux.find((l: { nom: string }) => l.nom === "Mairie de Briare");
    expect(briare.mois).toEqual([
      { mois: `${year}-05`, accompagnements: 1, individuels: 0, collectifs: 1, participants: 2, thematiques: { Email: 1 }, repartitions_masquees: true, ages: null, genres: null, statuts: null },
    ]);
  });

  it("refuse a missing or bad year, an unknown parameter, and say an unknown network", async () => {
    expect((await api("reseau=loire-numerique")).status).toBe(400);
    expect((await api("reseau=loire-numerique&annee=1999")).status).toBe(400);
    expect((await api(`reseau=loire-numerique&annee=${year + 2}`)).status).toBe(400);
    const unknown = await api(`reseau=loire-numerique&annee=${year}&commune=Gien`);
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).details).toEqual([{ parametre: "commune", message: m.api.unknownParameter("commune") }]);
    expect((await api(`reseau=nulle-part&annee=${year}`)).status).toBe(404);
  });

  it("are in the OpenAPI document", async () => {
    const doc = await (await h.get(null, "/api/v1/openapi.json")).json();
    expect(doc.paths["/api/v1/statistiques"].get.parameters.map((p: { name: string }) => p.name)).toEqual(["reseau", "annee"]);
    expect(doc.components.schemas.StatistiquesMois.properties.repartitions_masquees.type).toBe("boolean");
  });
});

describe("the names left out", () => {
  it("are in the database: their absence from the pages and files is the pages' doing", async () => {
    // The names are in the database, only the pages and files leave them out.
    const [row] = await queryRows(database.db, sql`select count(*)::int as n from beneficiaries where first_name = ${NAMES[0]}`);
    expect(row!.n).toBe(1);
  });
});
