import { describe, expect, it } from "vitest";
import { parseForm } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { BeneficiarySchema, beneficiaryToFormValues, ConsentSchema, NewBeneficiarySchema, RetentionSchema } from "./beneficiary-form";

const e = fr.beneficiaries.errors;

describe("the form of a followed person", () => {
  it("needs only a first name; what is left empty is null and « non communiqué »", () => {
    const parsed = parseForm(BeneficiarySchema, { prenom: "  Hélène " });
    expect(parsed).toEqual({
      ok: true,
      values: {
        firstName: "Hélène", lastName: null, phone: null, email: null, birthYear: null, ageBand: "NonCommunique", gender: "NonCommunique",
        socialStatus: "NonCommunique", commune: null, postcode: null, notes: null,
      },
    });
    expect(parseForm(BeneficiarySchema, { prenom: " " })).toEqual({ ok: false, errors: { prenom: e.firstNameEmpty } });
  });

  it("writes the phone in E.164, the email in lower case, and reads the birth year, band, gender, status, commune and postcode", () => {
    const parsed = parseForm(BeneficiarySchema, {
      prenom: "Jean", nom: "D.", telephone: "06 12 34 56 78", courriel: "Jean.D@Exemple.fr", annee_naissance: "1956", tranche_age: "SoixanteDixPlus",
      genre: "Masculin", statut: "Retraite", commune: "Ruffec", code_postal: "16 700", notes: "Veut apprendre les mails.",
    });
    expect(parsed).toMatchObject({
      ok: true,
      values: { lastName: "D.", phone: "+33612345678", email: "jean.d@exemple.fr", birthYear: 1956, ageBand: "SoixanteDixPlus", gender: "Masculin", socialStatus: "Retraite", commune: "Ruffec", postcode: "16700" },
    });
  });

  it("refuses in French what the table would refuse", () => {
    const parsed = parseForm(BeneficiarySchema, {
      prenom: "x".repeat(81), nom: "y".repeat(81), telephone: "12", courriel: "pas-une-adresse", annee_naissance: "3000", genre: "Autre", code_postal: "167", notes: "z".repeat(2001),
    });
    expect(parsed).toEqual({
      ok: false,
      errors: { prenom: e.firstNameLong, nom: e.lastNameLong, telephone: e.phone, courriel: e.email, annee_naissance: e.birthYear, genre: e.unknownChoice, code_postal: e.postcode, notes: e.notesLong },
    });
    expect(parseForm(BeneficiarySchema, { prenom: "Jean", annee_naissance: "1899" })).toEqual({ ok: false, errors: { annee_naissance: e.birthYear } });
  });

  it("needs the consent box ticked, and the fingerprint of the text shown, to create", () => {
    expect(parseForm(NewBeneficiarySchema, { prenom: "Jean", texte_consentement: "0123abcd" })).toEqual({ ok: false, errors: { consentement: e.consentMissing } });
    expect(parseForm(NewBeneficiarySchema, { prenom: "Jean", consentement: "oui" })).toEqual({ ok: false, errors: { texte_consentement: e.consentChanged } });
    expect(parseForm(NewBeneficiarySchema, { prenom: "Jean", consentement: "oui", texte_consentement: "0123abcd" })).toMatchObject({ ok: true, values: { consentFingerprint: "0123abcd", values: { firstName: "Jean" } } });
    expect(parseForm(ConsentSchema, { consentement: "non", texte_consentement: "0123abcd" })).toEqual({ ok: false, errors: { consentement: e.consentMissing } });
  });

  it("takes a retention period of 1 to 36 whole months", () => {
    expect(parseForm(RetentionSchema, { mois: "6" })).toEqual({ ok: true, values: { mois: 6 } });
    for (const bad of ["0", "37", "1.5", "", "douze"]) expect(parseForm(RetentionSchema, { mois: bad })).toEqual({ ok: false, errors: { mois: e.retention } });
  });

  it("fills the form from a person, and empty for a new one", () => {
    expect(beneficiaryToFormValues()).toMatchObject({ prenom: "", tranche_age: "NonCommunique", genre: "NonCommunique" });
    const values = beneficiaryToFormValues({
      firstName: "Jean", lastName: null, phone: "+33612345678", email: null, birthYear: 1956, ageBand: "SoixanteDixPlus", gender: "Masculin",
      socialStatus: "Retraite", communeName: "Ruffec", postcode: "16700", notes: null,
    });
    expect(values).toMatchObject({ prenom: "Jean", nom: "", telephone: "+33612345678", annee_naissance: "1956", commune: "Ruffec", code_postal: "16700" });
    expect(parseForm(BeneficiarySchema, values)).toMatchObject({ ok: true });
  });
});
