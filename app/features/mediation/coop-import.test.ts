import { describe, expect, it } from "vitest";
import { collectiveRows, coopHeaders, type CoopRow, individualRow } from "../../../tests/support/coop-export";
import { type Cell, parseCoopSheet } from "./coop-import";

const ACTOR = "actor-id";
const options = { today: "2025-04-02", staff: [{ id: "claire-id", name: "Claire Martin" }], actorUserId: ACTOR };

/** The sheet as the server hands it over: La Coop's information rows, a blank row, the header, the rows (numbered from 1). */
function sheet(rows: CoopRow[], self = true): Cell[][] {
  const headers = coopHeaders(self);
  return [["Informations export"], ["Nom", "Martin"], ["Prénom", "Claire"], ["Rôle", "Conseiller numérique"], [], ["Filtres"], ["Période", "-"], ["Type d’accompagnement", "-"], [], [""], headers, ...rows.map((row) => headers.map((h) => row[h] ?? null))];
}
const FIRST = 12; // the spreadsheet's number of the first activity row above

const four = [
  { gender: "Masculin", age: "70 ans et plus", status: "Retraité" },
  { gender: "Féminin", age: "60 - 69 ans", status: "Retraité", name: "Jeanne Dupont" },
  { gender: "Féminin", age: "Non communiqué", status: "Non communiqué" },
  { gender: "Non communiqué", age: "18 - 24 ans", status: "Sans emploi" },
];

describe("reading La Coop's activity export", () => {
  it("turns an individual activity into La Coop's codes", () => {
    const result = parseCoopSheet(sheet([individualRow()]), options);
    expect(result.kind).toBe("valid");
    if (result.kind !== "valid") return;
    expect(result.rows).toBe(1);
    expect(result.activities).toEqual([
      expect.objectContaining({
        coopId: "0b6b6a3e-7d0a-4a57-9f4e-1a1c1d2e3f01",
        row: FIRST,
        mediatorId: ACTOR,
        kind: "individuel",
        date: "2025-03-14",
        durationMinutes: 45,
        placeKind: "LieuActivite",
        communeInsee: null,
        themes: ["NavigationSurInternet", "AideAuxDemarchesAdministratives"],
        adminThemes: ["SocialSante"],
        equipment: ["Ordinateur", "Telephone"],
        autonomy: "PartiellementAutonome",
        oriented: false,
        orientation: null,
        title: null,
        level: null,
        notes: null,
      }),
    ]);
    expect(result.activities[0]!.counts).toMatchObject({ participants: 1, named: 0, genderFemale: 1, age60To69: 1, statusRetired: 1 });
  });

  it("makes one collective record of its participants' rows, counted without names", () => {
    const result = parseCoopSheet(sheet(collectiveRows(four)), options);
    expect(result.kind).toBe("valid");
    if (result.kind !== "valid") return;
    expect(result.rows).toBe(4);
    expect(result.activities).toHaveLength(1);
    const [workshop] = result.activities;
    expect(workshop).toMatchObject({
      kind: "collectif", placeKind: "Autre", communeInsee: "18141", communeName: "Mehun-sur-Yèvre", title: "Premiers pas sur la tablette",
      level: "Debutant", autonomy: null, durationMinutes: 120, equipment: ["Tablette"], themes: ["PrendreEnMainDuMateriel"], notes: "Groupe très motivé",
    });
    expect(workshop!.counts).toEqual({
      participants: 4, named: 0, firstTime: 0, alreadyHelped: 0,
      genderMale: 1, genderFemale: 2, genderUnknown: 1,
      ageUnder12: 0, age12To17: 0, age18To24: 1, age25To39: 0, age40To59: 0, age60To69: 1, age70Plus: 1, ageUnknown: 1,
      statusSchool: 0, statusJobSeeking: 1, statusEmployed: 0, statusRetired: 2, statusUnknown: 1,
    });
    expect(JSON.stringify(result)).not.toContain("Jeanne");
  });

  it("reads a coordinator's export, naming the mediator when they are on the place's staff", () => {
    const rows = [individualRow({ "Prénom du médiateur": "Claire", "Nom du médiateur": "MARTIN" }), individualRow({ "Prénom du médiateur": "Inconnu", "Nom du médiateur": "X", "ID CRA": "other" })];
    const result = parseCoopSheet(sheet(rows, false), options);
    expect(result.kind).toBe("valid");
    if (result.kind !== "valid") return;
    expect(result.activities.map((a) => a.mediatorId)).toEqual(["claire-id", ACTOR]);
  });

  it("takes an orientation, a procedure's name into the notes, a date typed as text, and our own labels", () => {
    const row = individualRow({
      Date: "03/02/2025",
      "Bénéficiaire réorienté": "Oui",
      "Structure de redirection": "Structure d’aide aux démarches administratives (France Services…)",
      "Nom de la démarche administrative": "Demande de RSA",
      "Niveau d’autonomie (ou de l’atelier)": "Autonome",
      "Canaux d’accompagnement": "À domicile",
      Commune: "Vierzon",
      "Matériel numérique utilisé": "Autre matériel",
      "Tranche d’âge du bénéficiaire": "40 à 59 ans",
    });
    const result = parseCoopSheet(sheet([row]), options);
    expect(result.kind).toBe("valid");
    if (result.kind !== "valid") return;
    expect(result.activities[0]).toMatchObject({
      date: "2025-02-03", oriented: true, orientation: "AideAuxDemarchesAdministratives", notes: "Démarche : Demande de RSA", autonomy: "Autonome",
      placeKind: "Domicile", communeInsee: "18279", equipment: ["Autre"],
    });
    expect(result.activities[0]!.counts.age40To59).toBe(1);
  });

  it("lists every problem by row and column, and keeps nothing", () => {
    const rows = [
      individualRow(),
      individualRow({ "ID CRA": "b", "Durée (min)": "trois heures", "Thématique(s) d’accompagnement": "Navigation sur internet\nCuisine" }),
      individualRow({ "ID CRA": "c", Date: new Date("2025-05-01T00:00:00Z"), Type: "" }),
      ...collectiveRows(four.slice(0, 3), { "ID CRA": "d" }).slice(0, 2),
      individualRow({ "ID CRA": "e", "Canaux d’accompagnement": "Autre lieu", Commune: "", "Code postal": "", "Code Insee": "" }),
      individualRow({ "ID CRA": "f", "Structure de redirection": "Autre" }),
    ];
    const result = parseCoopSheet(sheet(rows), options);
    expect(result.kind).toBe("invalid");
    if (result.kind !== "invalid") return;
    expect(result.activities).toBe(6);
    expect(result.problems).toEqual([
      { row: FIRST + 1, column: "Durée (min)", message: "« trois heures » n'est pas une durée en minutes entre 1 et 1 440." },
      { row: FIRST + 1, column: "Thématique(s) d’accompagnement", message: "« Cuisine » n'est pas une valeur connue de La Coop." },
      { row: FIRST + 2, column: "Date", message: "La date 01/05/2025 est dans le futur." },
      { row: FIRST + 2, column: "Type", message: "Cette case est vide ; elle est obligatoire." },
      { row: FIRST + 3, column: "Participants", message: "Cette activité compte 3 participants, mais 2 lignes sont présentes : exportez-la en entier." },
      { row: FIRST + 5, column: "Commune", message: "La commune est obligatoire à domicile ou dans un autre lieu." },
      { row: FIRST + 6, column: "Structure de redirection", message: "La structure de redirection demande « Oui » dans « Bénéficiaire réorienté »." },
    ]);
  });

  it("refuses rows of one activity that disagree, and a collective workshop without a title", () => {
    const rows = collectiveRows(four.slice(0, 2), { "Nom de l’atelier": "" });
    rows[1]!["Durée (min)"] = 60;
    const result = parseCoopSheet(sheet(rows), options);
    expect(result.kind === "invalid" && result.problems).toEqual([
      { row: FIRST, column: "Nom de l’atelier", message: "Un atelier collectif doit avoir un titre (120 caractères au plus)." },
      { row: FIRST + 1, column: "Durée (min)", message: `Cette valeur diffère de celle de la ligne ${FIRST}, pour la même activité.` },
    ]);
  });

  it("says which columns are missing from a file that is not La Coop's export, and when it has no activity", () => {
    expect(parseCoopSheet([["Nom", "Prénom"], ["Dupont", "Jeanne"]], options)).toEqual({ kind: "not-coop", missing: ["Date", "Type", "Canaux d’accompagnement", "Durée (min)", "Thématique(s) d’accompagnement"] });
    expect(parseCoopSheet([["Date", "Type", "Durée (min)"]], options)).toEqual({ kind: "not-coop", missing: ["Canaux d’accompagnement", "Thématique(s) d’accompagnement"] });
    expect(parseCoopSheet(sheet([]), options)).toEqual({ kind: "empty" });
  });

  it("gives activities without La Coop's id a stable key of their own values, distinct for identical ones", () => {
    const rows = [individualRow({ "ID CRA": null }), individualRow({ "ID CRA": null }), ...collectiveRows(four, { "ID CRA": null })];
    const first = parseCoopSheet(sheet(rows), options);
    const again = parseCoopSheet(sheet(rows), options);
    expect(first.kind).toBe("valid");
    if (first.kind !== "valid" || again.kind !== "valid") return;
    const keys = first.activities.map((a) => a.coopId);
    expect(first.activities.map((a) => a.counts.participants)).toEqual([1, 1, 4]);
    expect(new Set(keys).size).toBe(3);
    for (const key of keys) expect(key).toMatch(/^sha256:[0-9a-f]{40}$/);
    expect(again.activities.map((a) => a.coopId)).toEqual(keys);
  });
});
