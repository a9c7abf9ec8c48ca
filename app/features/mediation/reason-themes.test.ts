import { describe, expect, it } from "vitest";
import { themesOfReason } from "./reason-themes";

describe("themesOfReason", () => {
  it("reads the demo places' reasons as the national themes a mediator would choose", () => {
    expect(themesOfReason("Démarches en ligne")).toEqual(["AideAuxDemarchesAdministratives"]);
    expect(themesOfReason("Emploi, CV")).toEqual(["InsertionProfessionnelle"]);
    expect(themesOfReason("Prendre en main mon smartphone")).toEqual(["PrendreEnMainDuMateriel"]);
    expect(themesOfReason("Envoyer des e-mails")).toEqual(["Email"]);
  });

  it("takes a theme's own label first, ignores case and accents, and keeps three at most", () => {
    expect(themesOfReason("SANTÉ")).toEqual(["Sante"]);
    expect(themesOfReason("Sécurité numérique, e-mail, banque et impôts, CV")).toHaveLength(3);
  });

  it("proposes nothing for a reason it does not understand, or none", () => {
    expect(themesOfReason("Autre")).toEqual([]);
    expect(themesOfReason("")).toEqual([]);
    expect(themesOfReason("Encore")).toEqual([]);
  });
});
