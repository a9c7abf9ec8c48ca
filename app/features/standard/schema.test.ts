import fs from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, test } from "vitest";
import { ENUMS, JSON_SCHEMA, STANDARD_FIELDS, validateStandardRow } from "./schema";
import { REFERENCE } from "../../../tests/support/reference";

const readCsv = (file: string) =>
  parse(fs.readFileSync(`${REFERENCE}/${file}`, "utf8"), { columns: true, bom: true }) as Record<string, string>[];

const validRow = (): Record<string, string> => readCsv("exemple-valide-v1.0.2.csv")[0];

describe("schema v1.0.2", () => {
  test("the schema file beside the module is the official one, verbatim", () => {
    expect(fs.readFileSync(new URL("./schema-v1.0.2.json", import.meta.url), "utf8")).toBe(
      fs.readFileSync(`${REFERENCE}/schema-v1.0.2.json`, "utf8"),
    );
    expect(fs.readFileSync(new URL("./schema-v0.1.1.json", import.meta.url), "utf8")).toBe(
      fs.readFileSync(`${REFERENCE}/schema-v0.1.1.json`, "utf8"),
    );
  });

  test("fields and enumerations come from the schema", () => {
    expect(STANDARD_FIELDS).toHaveLength(32);
    expect(STANDARD_FIELDS[0]).toBe("id");
    expect(STANDARD_FIELDS.at(-1)).toBe("prise_rdv");
    expect(ENUMS.itinerance).toEqual(["Itinérant", "Fixe"]);
    expect(ENUMS.services).toHaveLength(9);
    expect(ENUMS.services).toContain("Compréhension du monde numérique");
    expect(ENUMS.prise_en_charge_specifique).toContain("Langues étrangères (anglais)");
    expect(ENUMS.formations_labels).toContain("Étapes numériques(La Poste)");
    expect(ENUMS.formations_labels).toContain("ORDI 3.0");
    expect(ENUMS.dispositif_programmes_nationaux).toContain("Relais numérique (Emmaüs Connect)");
    expect(Object.keys(ENUMS).sort()).toEqual(
      [
        "itinerance", "services", "publics_specifiquement_adresses", "prise_en_charge_specifique", "frais_a_charge",
        "dispositif_programmes_nationaux", "formations_labels", "modalites_acces", "modalites_accompagnement",
      ].sort(),
    );
    // Table Schema patterns are anchored in the JSON Schema.
    const props = JSON_SCHEMA.properties as Record<string, { pattern?: string }>;
    expect(props.code_postal.pattern).toBe("^(?:^\\d{5}$)$");
  });

  test("the official valid example has no problem", () => {
    expect(validateStandardRow(validRow())).toEqual([]);
  });

  test("both spellings of « Étapes numériques (La Poste) » are accepted", () => {
    expect(validateStandardRow({ ...validRow(), formations_labels: "Étapes numériques (La Poste)" })).toEqual([]);
    expect(validateStandardRow({ ...validRow(), formations_labels: "Étapes numériques(La Poste)|ORDI 3.0" })).toEqual([]);
    expect(validateStandardRow({ ...validRow(), modalites_acces: "Ce lieu n’accueille pas de public" })).toEqual([]);
  });

  const problemFor = (patch: Record<string, string>) => validateStandardRow({ ...validRow(), ...patch });

  test("required fields", () => {
    const problems = problemFor({ nom: "", date_maj: " " });
    expect(problems.map((p) => p.field)).toEqual(["nom", "date_maj"]);
    expect(problems[0].message).toBe("Le champ « Nom » est obligatoire.");
    const missing = { ...validRow() } as Record<string, string>;
    delete missing.pivot;
    expect(validateStandardRow(missing)[0]).toMatchObject({ field: "pivot", value: "", message: "Le champ « SIRET ou RNA ou RIDET » est obligatoire." });
  });

  test("postcode, INSEE code, phone, pivot", () => {
    expect(problemFor({ code_postal: "1200" })).toEqual([
      { field: "code_postal", value: "1200", message: "Le code postal doit comporter 5 chiffres.", hint: "Ajoutez le zéro initial, par exemple 01200." },
    ]);
    expect(problemFor({ code_insee: "20004" })[0]).toMatchObject({ field: "code_insee", message: expect.stringContaining("2A ou 2B") });
    expect(problemFor({ code_insee: "2A004" })).toEqual([]);
    expect(problemFor({ telephone: "02 48 24 22 26" })[0]).toMatchObject({ field: "telephone", message: "Le numéro de téléphone n'est pas au format international." });
    expect(problemFor({ telephone: "+33248242226" })).toEqual([]);
    expect(problemFor({ pivot: "123 456 789" })[0]).toMatchObject({ field: "pivot", message: expect.stringContaining("9 à 14") });
    expect(problemFor({ pivot: "434806402" })).toEqual([]); // SIREN
  });

  test("enumerations list the allowed values", () => {
    const [p] = problemFor({ services: "Aide aux démarches administratives|Cours de cuisine" });
    expect(p.field).toBe("services");
    expect(p.message).toBe("La valeur « Cours de cuisine » n'est pas autorisée pour le champ « Services ».");
    expect(p.hint).toContain("« Aide aux démarches administratives »");
    const [q] = problemFor({ frais_a_charge: "Gratuit;Payant" });
    expect(q.hint).toMatch(/^Séparez les valeurs par une barre verticale/);
    const [r] = problemFor({ itinerance: "Mobile" });
    expect(r.hint).toBe("Valeurs possibles : « Itinérant », « Fixe ». Séparez plusieurs valeurs par « | ».");
    // not anchored in the schema: "x|Fixe" must still be rejected
    expect(problemFor({ itinerance: "x|Fixe" })[0].message).toContain("« x »");
  });

  test("maxLength, number, date", () => {
    const [long] = problemFor({ presentation_resume: "a".repeat(281) });
    expect(long.message).toBe("Le champ « Présentation résumé » dépasse 280 caractères (il en compte 281).");
    expect(problemFor({ latitude: "47,9" })[0]).toMatchObject({
      field: "latitude",
      message: "Le champ « Latitude » doit être un nombre.",
      hint: "Utilisez un point comme séparateur décimal : 47.9.",
    });
    expect(problemFor({ longitude: "abc" })[0].field).toBe("longitude");
    expect(problemFor({ date_maj: "30/06/2020" })[0]).toMatchObject({ field: "date_maj", hint: "Écrivez 2020-06-30 au lieu de 30/06/2020." });
    expect(problemFor({ date_maj: "2023-02-30" })[0].field).toBe("date_maj");
  });
});
