import fs from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, test } from "vitest";
import { toStandardInput } from "./read";
import { ENUMS, enumFromPattern, validateStandardRow } from "./schema";
import { V01_ENUM_FIELDS, V01_VALUE_MAP, lookupV01Value } from "./v01";
import { REFERENCE } from "../../../tests/support/reference";

const v01Schema = JSON.parse(fs.readFileSync(`${REFERENCE}/schema-v0.1.1.json`, "utf8")) as {
  fields: { name: string; constraints?: { pattern?: string } }[];
};
const v01Enums = Object.fromEntries(
  v01Schema.fields.map((f) => [f.name, enumFromPattern(f.constraints?.pattern?.replace("(?:^|;)", "(?:^|\\|)"))]),
);

describe("v0.1 → v1.0.2 value table", () => {
  test("every v0.1 enumeration value of the schema has exactly one entry, pointing to v1.0.2 values", () => {
    for (const field of V01_ENUM_FIELDS) {
      const values = v01Enums[field];
      expect(values, field).toBeDefined();
      expect(Object.keys(V01_VALUE_MAP[field]).sort(), field).toEqual([...(values ?? [])].sort());
      for (const mapping of Object.values(V01_VALUE_MAP[field])) {
        for (const t of mapping.targets) {
          if (t.field !== "autres_formations_labels") expect(ENUMS[t.field], `${t.field}: ${t.value}`).toContain(t.value);
        }
      }
    }
    expect(v01Enums.services).toHaveLength(15);
  });

  test("short labels and case/accents are accepted", () => {
    expect(lookupV01Value("conditions_acces", "gratuit")?.targets).toEqual([{ field: "frais_a_charge", value: "Gratuit" }]);
    expect(lookupV01Value("conditions_acces", "Adhésion")?.targets).toEqual([{ field: "frais_a_charge", value: "Payant" }]);
    expect(lookupV01Value("modalites_accompagnement", "Seul")?.targets[0].value).toBe("En autonomie");
    expect(lookupV01Value("labels_nationaux", "cnfs")?.targets[0].value).toBe("Conseillers numériques");
  });
});

describe("v0.1 rows", () => {
  const example = (parse(fs.readFileSync(`${REFERENCE}/exemple-valide-v0.1.1.csv`, "utf8"), { columns: true, bom: true }) as Record<string, string>[])[0];

  test("the official v0.1.1 example becomes a valid v1.0.2 row", () => {
    const { row, warnings } = toStandardInput(example, "v0.1");
    expect(validateStandardRow(row)).toEqual([]);
    expect(row.services).toBe("Aide aux démarches administratives|Maîtrise des outils numériques du quotidien");
    expect(row.publics_specifiquement_adresses).toBe("Familles et/ou enfants");
    expect(row.prise_en_charge_specifique).toBe("Déficience visuelle");
    expect(row.frais_a_charge).toBe("Gratuit sous condition|Payant");
    expect(row.dispositif_programmes_nationaux).toBe("France Services|Point d'accès numérique CAF");
    expect(row.autres_formations_labels).toBe("APTIC, Nièvre médiation numérique");
    expect(row.formations_labels).toBe("SUD LABS (PACA)");
    expect(row.modalites_accompagnement).toBe("En autonomie|Accompagnement individuel");
    expect(row.courriels).toBe("contact@laquincaillerie.tl");
    expect(row.site_web).toBe("https://www.laquincaillerie.tl/|https://m.facebook.com/laquincaillerienumerique/");
    expect(row.typologie).toBe("TIERS_LIEUX|ASSO");
    expect(row.fiche_acces_libre).toMatch(/^https:\/\/acceslibre/);
    expect(warnings).toEqual([
      { field: "publics_accueillis", value: "Adultes", message: "« Adultes » n'existe plus en v1.0.2 (tout lieu accueille les adultes). Valeur ignorée." },
    ]);
  });

  test("mixed rows are handled field by field (v1.0.2 services with v0.1 labels)", () => {
    const { row } = toStandardInput(
      {
        id: "x", nom: "Lieu", pivot: "00000000000000", commune: "Martigues", code_postal: "13500", Adresse: "Quai", date_maj: "2023-05-11",
        services: "Aide aux démarches administratives|Compréhension du monde numérique",
        frais_a_charge: "Gratuit",
        labels_nationaux: "CNFS;France Services",
        publics_accueillis: "Jeunes (16-26 ans);Seniors (+ 65 ans)",
        publics_specifiquement_adresses: "Jeunes",
        modalites_accompagnement: "Avec de l'aide : je suis accompagné seul dans l'usage du numérique",
      },
      "v0.1",
    );
    expect(row.adresse).toBe("Quai");
    expect(row.services).toBe("Aide aux démarches administratives|Compréhension du monde numérique");
    expect(row.dispositif_programmes_nationaux).toBe("Conseillers numériques|France Services");
    expect(row.publics_specifiquement_adresses).toBe("Jeunes|Seniors");
    expect(row.modalites_accompagnement).toBe("Accompagnement individuel");
    expect(validateStandardRow(row)).toEqual([]);
  });

  test("numeric columns and long summaries", () => {
    const { row, warnings } = toStandardInput(
      { id: 1, pivot: "", nom: "N", commune: "Bourg", code_postal: 1000, code_insee: 1053, adresse: "A", date_maj: "31/01/2024", presentation_resume: "mot ".repeat(100) },
      "v0.1",
    );
    expect(row).toMatchObject({ id: "1", code_postal: "01000", code_insee: "01053", pivot: "00000000000000", date_maj: "2024-01-31" });
    expect([...row.presentation_resume].length).toBeLessThanOrEqual(280);
    expect(row.presentation_detail).toBe("mot ".repeat(100).trim());
    expect(warnings.map((w) => w.field)).toEqual(["pivot", "code_postal", "presentation_resume"]);
    expect(validateStandardRow(row)).toEqual([]);
  });
});
