import { describe, expect, it } from "vitest";
import { gridFormValues, readGridForm } from "./grid-form";

const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

describe("the scoring grid's form", () => {
  it("keeps existing ids, gives new criteria fresh ones, ignores empty rows", () => {
    const result = readGridForm(form([
      ["echelle", "5"],
      ["id_0", "c2"], ["critere_0", "Ancrage territorial"], ["poids_0", "3"],
      ["id_1", ""], ["critere_1", "Partenariat avec le service public de l'emploi"], ["poids_1", "2"],
      ["id_2", ""], ["critere_2", "  "], ["poids_2", "1"],
    ]));
    expect(result).toEqual({ ok: true, grid: { scale: 5, criteria: [{ id: "c2", label: "Ancrage territorial", weight: 3 }, { id: "c1", label: "Partenariat avec le service public de l'emploi", weight: 2 }] } });
  });

  it("names each problem next to its field", () => {
    const result = readGridForm(form([["echelle", "1"], ["id_0", "c1"], ["critere_0", ""], ["poids_0", "2"], ["id_1", ""], ["critere_1", "Public"], ["poids_1", "11"]]));
    expect(result).toEqual({ ok: false, errors: { echelle: "Saisissez une note maximale entre 2 et 20.", critere_0: "Donnez un nom au critère.", poids_1: "Saisissez un coefficient entier entre 1 et 10." } });
  });

  it("asks for one criterion at least, and offers empty rows after the existing ones", () => {
    expect(readGridForm(form([["echelle", "5"], ["critere_0", ""], ["poids_0", "1"]]))).toEqual({ ok: false, errors: { critere_0: "Donnez un nom au critère." } });
    expect(gridFormValues({ scale: 4, criteria: [{ id: "c1", label: "A", weight: 2 }] }).rows).toHaveLength(4);
  });
});
