import { describe, expect, test } from "vitest";
import { MappingError, applyMapping, containsTerm, loadMapping, parseMapping } from "./mapping";
import { validateStandardRow } from "./schema";
import { REAL } from "../../../tests/support/reference";

const base = {
  id: { colonne: "gid" },
  nom: { colonne: "name" },
  commune: { colonne: "city" },
  code_postal: { colonne: "cp" },
  adresse: { colonne: "addr" },
  date_maj: { valeur: "2024-01-02" },
};
const raw = { gid: 7, name: "EPN de Bourges", city: "Bourges", cp: 18000, addr: "1 rue X" };

describe("mapping format", () => {
  test("the national pipeline's real mapping file loads as is", async () => {
    const m = await loadMapping(`${REAL}/centre-val-de-loire_hub-lo_mapping.json`);
    expect(Object.keys(m.fields)).toContain("services");
    expect(m.horaires).toEqual({ semaine: "c_horaire_ouverture" });
  });

  test("our mapping files load", async () => {
    for (const f of ["centre-val-de-loire_hub-lo", "france-services", "nouvelle-caledonie"]) {
      await expect(loadMapping(`mappings/${f}.json`)).resolves.toBeDefined();
    }
  });

  test("errors are in French and name the place of the problem", () => {
    const attempt = () =>
      parseMapping({
        ...base,
        nom: { column: "name" },
        services: [{ colonnes: ["a"], termes: [], cible: "Cours de cuisine" }],
        inconnu: { colonne: "x" },
        horaires: { jours: { Lu: "h_lundi" } },
      });
    expect(attempt).toThrow(MappingError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as MappingError).problems.join("\n");
      expect(problems).toContain("« nom » : clé(s) inconnue(s) : « column »");
      expect(problems).toContain("« services » (0 › termes) : la liste ne doit pas être vide.");
      expect(problems).toContain("« inconnu » n'est ni un champ du standard ni une clé spéciale");
      expect(problems).toContain("« horaires »");
      expect((error as Error).message).toMatch(/^Fichier de correspondance invalide/);
    }
    expect(() => parseMapping({ ...base, services: [{ colonnes: ["a"], termes: ["x"], cible: "Cours de cuisine" }] })).toThrow(
      /la cible « Cours de cuisine » n'est pas une valeur du standard/,
    );
    expect(() => parseMapping({ ...base, typologie: { valeur: "EPN" } })).not.toThrow();
  });
});

describe("applying a mapping", () => {
  test("columns, constants, numbers as text", () => {
    const { row, warnings } = applyMapping(raw, parseMapping(base));
    expect(row).toMatchObject({ id: "7", nom: "EPN de Bourges", code_postal: "18000", date_maj: "2024-01-02", pivot: "00000000000000" });
    expect(warnings.map((w) => w.field)).toEqual(["pivot"]);
    expect(validateStandardRow(row)).toEqual([]);
  });

  test("keyword rules: accents and case ignored, whole words, `sauf` excludes", () => {
    expect(containsTerm("Ateliers GRATUITS pour tous", "gratuits")).toBe(true);
    expect(containsTerm("Accès à internet", "acces a internet")).toBe(true);
    expect(containsTerm("CVL", "cv")).toBe(false);
    expect(containsTerm("1€ l'accès", "€")).toBe(true);
    const m = parseMapping({
      ...base,
      frais_a_charge: [
        { colonnes: ["detail"], termes: ["gratuit"], sauf: ["abonnés"], cible: "Gratuit" },
        { colonnes: ["detail"], termes: ["abonnés"], cible: "Gratuit sous condition" },
      ],
      services: [{ colonnes: ["detail", "other"], termes: ["démarches"], cible: "Aide aux démarches administratives" }],
    });
    expect(applyMapping({ ...raw, detail: "Accès GRATUIT" }, m).row.frais_a_charge).toBe("Gratuit");
    expect(applyMapping({ ...raw, detail: "gratuit pour les abonnés" }, m).row.frais_a_charge).toBe("Gratuit sous condition");
    expect(applyMapping({ ...raw, other: "aide aux Démarches" }, m).row.services).toBe("Aide aux démarches administratives");
  });

  test("nested paths, concatenation, prefix, default, equipment, EPN flag, filter", () => {
    const m = parseMapping({
      ...base,
      id: { colonne: "gid", prefixe: "nc-" },
      latitude: { colonne: "geo.lat" },
      longitude: { colonne: "geo.lon" },
      presentation_detail: { colonnes: ["a", "b"], separateur: " / " },
      source: { colonne: "src", defaut: "Réseau" },
      equipements: { ordinateurs: "pc", portables: "laptops", tablettes: "tabs" },
      epn: { colonnes: ["kind"], termes: ["Espace public numérique"] },
      filtre: { colonnes: ["kind"], termes: ["numérique"] },
    });
    const out = applyMapping({ ...raw, geo: { lat: -22.2, lon: 166.4 }, a: "A", b: "B", pc: "12", laptops: 3, tabs: "x", kind: "Espace public numerique" }, m);
    expect(out.row).toMatchObject({ id: "nc-7", latitude: "-22.2", longitude: "166.4", presentation_detail: "A / B", source: "Réseau" });
    expect(out.extras).toEqual({ computers: 12, laptops: 3, isEpn: true });
    expect(out.warnings.some((w) => w.field === "equipements")).toBe(true);
    expect(out.skipped).toBeUndefined();
    expect(applyMapping({ ...raw, kind: "Mairie" }, m).skipped).toBe(true);
  });

  test("hours: weekday columns, free text with a days column, failure kept as text", () => {
    const perDay = parseMapping({ ...base, horaires: { jours: { Mo: "h_lundi", Tu: "h_mardi", Sa: "h_samedi" } } });
    const ok = applyMapping({ ...raw, h_lundi: "09:00 - 12:00 / 13:30 - 17:00", h_mardi: "09:00 - 12:00 / 13:30 - 17:00", h_samedi: "-" }, perDay);
    expect(ok.row.horaires).toMatch(/^Mo,Tu 09:00-12:00,13:30-17:00|^Mo-Tu 09:00-12:00,13:30-17:00/);
    expect(ok.extras.hoursText).toBeUndefined();

    const text = parseMapping({ ...base, horaires: { semaine: "txt", jours_semaine: "days" } });
    const withDays = applyMapping({ ...raw, txt: "9h à 12h / 14h à 17h", days: "{Lundi,Mardi,Jeudi}" }, text);
    expect(withDays.row.horaires).toContain("09:00-12:00");
    expect(withDays.row.horaires).toMatch(/^Mo,Tu,Th|^Mo-Tu,Th/);

    const failed = applyMapping({ ...raw, txt: "Pour les horaires se référer à la planification mensuelle" }, text);
    expect(failed.row.horaires).toBe("");
    expect(failed.extras.hoursText).toBe("Pour les horaires se référer à la planification mensuelle");
    expect(failed.warnings.find((w) => w.field === "horaires")?.message).toMatch(/^Horaires non convertis au format OpenStreetMap/);
  });
});
