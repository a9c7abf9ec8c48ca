import { describe, expect, it } from "vitest";
import { parseForm } from "~/lib/forms";
import { fr } from "~/lib/messages";
import {
  CategoryActiveSchema, itemToFormValues, newTariffItemSchema, NORMAL_RATE, PriceCategorySchema, priceToFormValues, RenameCategorySchema, SalesSettingsSchema,
  TariffItemSchema, tariffPriceSchema,
} from "./tariff-form";

const m = fr.tariffs.errors;
const TODAY = "2026-12-04";
const CATEGORY = "7f1c3c52-5b0e-4a51-9f3e-0c6f0e7c1a11";

/** An item form as the browser sends it (unticked boxes absent). */
const item = (fields: Record<string, string | undefined> = {}) => {
  const base: Record<string, string | undefined> = { type: "print", nom: "Impression noir et blanc", unite: "page", position: "1", actif: "oui", adhesion_mois: "", gratuite_quantite: "", gratuite_periode: "", ...fields };
  return Object.fromEntries(Object.entries(base).filter((e): e is [string, string] => e[1] !== undefined));
};
const price = (fields: Record<string, string> = {}) => ({ prix: "0,20", categorie: NORMAL_RATE, a_partir_du: TODAY, ...fields });
const priceSchema = tariffPriceSchema({ today: TODAY, categoryIds: [CATEGORY] });

describe("an item", () => {
  it("reads a whole item", () => {
    expect(parseForm(TariffItemSchema, item({ gratuite_quantite: "10", gratuite_periode: "day", gratuite_adherents: "oui" }))).toEqual({
      ok: true,
      values: {
        kind: "print", name: "Impression noir et blanc", unit: "page", position: 1, active: true, membershipMonths: null,
        allowanceQuantity: 10, allowancePeriod: "day", allowanceMembersOnly: true,
      },
    });
  });

  it("reads an unticked box as no, an empty position as 0, and squeezes spaces in the name", () => {
    const parsed = parseForm(TariffItemSchema, item({ actif: undefined, position: "", nom: "  Photocopie   couleur " }));
    expect(parsed).toMatchObject({ ok: true, values: { active: false, position: 0, name: "Photocopie couleur" } });
  });

  it("gives an allowance to everyone when « members only » is unticked", () => {
    expect(parseForm(TariffItemSchema, item({ gratuite_quantite: "10", gratuite_periode: "week" }))).toMatchObject({ ok: true, values: { allowanceMembersOnly: false } });
  });

  it("refuses in words the name the CHECK would (1 to 120 characters)", () => {
    expect(parseForm(TariffItemSchema, item({ nom: "   " }))).toEqual({ ok: false, errors: { nom: m.nameEmpty } });
    expect(parseForm(TariffItemSchema, item({ nom: "x".repeat(121) }))).toEqual({ ok: false, errors: { nom: m.nameLong } });
    expect(parseForm(TariffItemSchema, item({ nom: "x".repeat(120) })).ok).toBe(true);
  });

  it("refuses a kind or a unit outside the lists", () => {
    expect(parseForm(TariffItemSchema, item({ type: "topup" }))).toEqual({ ok: false, errors: { type: m.kind } });
    expect(parseForm(TariffItemSchema, item({ type: undefined }))).toEqual({ ok: false, errors: { type: m.kind } });
    expect(parseForm(TariffItemSchema, item({ unite: "kilo" }))).toEqual({ ok: false, errors: { unite: m.unit } });
  });

  it("asks a membership's length (1 to 36 months), and only a membership's", () => {
    expect(parseForm(TariffItemSchema, item({ type: "membership", unite: "period" }))).toEqual({ ok: false, errors: { adhesion_mois: m.membershipMonths } });
    expect(parseForm(TariffItemSchema, item({ type: "membership", adhesion_mois: "0" }))).toEqual({ ok: false, errors: { adhesion_mois: m.membershipMonths } });
    expect(parseForm(TariffItemSchema, item({ type: "membership", adhesion_mois: "37" }))).toEqual({ ok: false, errors: { adhesion_mois: m.membershipMonths } });
    expect(parseForm(TariffItemSchema, item({ type: "membership", adhesion_mois: "12" }))).toMatchObject({ ok: true, values: { kind: "membership", membershipMonths: 12 } });
    expect(parseForm(TariffItemSchema, item({ adhesion_mois: "12" }))).toEqual({ ok: false, errors: { adhesion_mois: m.membershipOnly } });
  });

  it("asks an allowance's quantity and period together, the quantity from 1 to 100 000", () => {
    expect(parseForm(TariffItemSchema, item({ gratuite_quantite: "10" }))).toEqual({ ok: false, errors: { gratuite_periode: m.allowancePeriod } });
    expect(parseForm(TariffItemSchema, item({ gratuite_periode: "day" }))).toEqual({ ok: false, errors: { gratuite_quantite: m.allowancePeriodAlone } });
    expect(parseForm(TariffItemSchema, item({ gratuite_quantite: "0", gratuite_periode: "day" }))).toEqual({ ok: false, errors: { gratuite_quantite: m.allowanceQuantity } });
    expect(parseForm(TariffItemSchema, item({ gratuite_quantite: "100001", gratuite_periode: "day" }))).toEqual({ ok: false, errors: { gratuite_quantite: m.allowanceQuantity } });
    expect(parseForm(TariffItemSchema, item({ gratuite_quantite: "100 000", gratuite_periode: "year" }))).toMatchObject({ ok: true, values: { allowanceQuantity: 100_000 } });
    expect(parseForm(TariffItemSchema, item({ gratuite_quantite: "2,5", gratuite_periode: "day" }))).toEqual({ ok: false, errors: { gratuite_quantite: m.allowanceQuantity } });
    expect(parseForm(TariffItemSchema, item({ gratuite_quantite: "10", gratuite_periode: "fortnight" }))).toEqual({ ok: false, errors: { gratuite_periode: m.allowancePeriod } });
  });

  it("refuses a position that is not a number from 0 to 9999, and a field sent twice", () => {
    expect(parseForm(TariffItemSchema, item({ position: "-1" }))).toEqual({ ok: false, errors: { position: m.position } });
    expect(parseForm(TariffItemSchema, item({ position: "10000" }))).toEqual({ ok: false, errors: { position: m.position } });
    expect(parseForm(TariffItemSchema, { ...item(), nom: ["a", "b"] })).toEqual({ ok: false, errors: { nom: m.sentTwice } });
  });

  it("fills the form back from an item, and a new one's defaults", () => {
    const values = { kind: "membership", name: "Adhésion", unit: "period", position: 2, active: false, membershipMonths: 12, allowanceQuantity: null, allowancePeriod: null, allowanceMembersOnly: true };
    const form = itemToFormValues(values);
    expect(form).toEqual({ type: "membership", nom: "Adhésion", unite: "period", position: "2", actif: "", adhesion_mois: "12", gratuite_quantite: "", gratuite_periode: "", gratuite_adherents: "oui" });
    expect(parseForm(TariffItemSchema, form)).toEqual({ ok: true, values });
    expect(itemToFormValues()).toMatchObject({ type: "print", unite: "page", actif: "oui", gratuite_adherents: "oui" });
  });
});

describe("a new item with its normal price", () => {
  const schema = newTariffItemSchema({ today: TODAY });
  it("reads the item, active, and its normal price from a day", () => {
    expect(parseForm(schema, { ...item({ actif: undefined }), prix: "0,20", a_partir_du: "04/12/2026" })).toEqual({
      ok: true,
      values: {
        item: { kind: "print", name: "Impression noir et blanc", unit: "page", position: 1, active: true, membershipMonths: null, allowanceQuantity: null, allowancePeriod: null, allowanceMembersOnly: true },
        price: { categoryId: null, unitPriceCents: 20, validFrom: TODAY },
      },
    });
  });
  it("says every field's problem at once", () => {
    const parsed = parseForm(schema, { ...item({ nom: "" }), prix: "abc", a_partir_du: "2026-12-03" });
    expect(parsed).toEqual({ ok: false, errors: { nom: m.nameEmpty, prix: m.price, a_partir_du: m.datePast("4 décembre 2026") } });
  });
});

describe("a price", () => {
  it("reads euros the French way, for the normal rate or a category", () => {
    expect(parseForm(priceSchema, price())).toEqual({ ok: true, values: { categoryId: null, unitPriceCents: 20, validFrom: TODAY } });
    expect(parseForm(priceSchema, price({ prix: "1 200,5 €", categorie: CATEGORY }))).toEqual({ ok: true, values: { categoryId: CATEGORY, unitPriceCents: 120_050, validFrom: TODAY } });
    expect(parseForm(priceSchema, price({ prix: "0" }))).toMatchObject({ ok: true, values: { unitPriceCents: 0 } });
    expect(parseForm(priceSchema, price({ prix: "100000" }))).toMatchObject({ ok: true, values: { unitPriceCents: 10_000_000 } });
  });

  it("refuses what is not an amount from 0 to 100 000 € (the CHECK)", () => {
    for (const prix of ["", "-1", "0,205", "100000,01", "deux", "1e3"]) expect(parseForm(priceSchema, price({ prix })), prix).toEqual({ ok: false, errors: { prix: m.price } });
  });

  it("refuses a category that is not one of the place's active ones", () => {
    expect(parseForm(priceSchema, price({ categorie: "7f1c3c52-5b0e-4a51-9f3e-0c6f0e7c1a12" }))).toEqual({ ok: false, errors: { categorie: m.category } });
    expect(parseForm(priceSchema, price({ categorie: "" }))).toMatchObject({ ok: true, values: { categoryId: null } });
  });

  it("applies from today on in the place's zone, never before (past sales keep their prices), within five years", () => {
    expect(parseForm(priceSchema, price({ a_partir_du: "2026-12-03" }))).toEqual({ ok: false, errors: { a_partir_du: m.datePast("4 décembre 2026") } });
    expect(parseForm(priceSchema, price({ a_partir_du: "1/1/2027" }))).toMatchObject({ ok: true, values: { validFrom: "2027-01-01" } });
    expect(parseForm(priceSchema, price({ a_partir_du: "31/02/2027" }))).toEqual({ ok: false, errors: { a_partir_du: m.dateInvalid } });
    expect(parseForm(priceSchema, price({ a_partir_du: "" }))).toEqual({ ok: false, errors: { a_partir_du: m.dateInvalid } });
    expect(parseForm(priceSchema, price({ a_partir_du: "2031-12-04" }))).toMatchObject({ ok: true });
    expect(parseForm(priceSchema, price({ a_partir_du: "2031-12-05" }))).toEqual({ ok: false, errors: { a_partir_du: m.dateFar } });
  });

  it("starts the form on the normal rate, today", () => {
    expect(priceToFormValues(TODAY)).toEqual({ prix: "", categorie: NORMAL_RATE, a_partir_du: TODAY });
    expect(priceToFormValues(TODAY, { unitPriceCents: 250, categoryId: CATEGORY })).toEqual({ prix: "2,50", categorie: CATEGORY, a_partir_du: TODAY });
  });
});

describe("a category and the receipts' words", () => {
  it("names a category in 1 to 80 characters (the CHECK)", () => {
    expect(parseForm(PriceCategorySchema, { nom: " Demandeurs  d'emploi " })).toEqual({ ok: true, values: { name: "Demandeurs d'emploi" } });
    expect(parseForm(PriceCategorySchema, { nom: "" })).toEqual({ ok: false, errors: { nom: m.categoryEmpty } });
    expect(parseForm(PriceCategorySchema, { nom: "x".repeat(81) })).toEqual({ ok: false, errors: { nom: m.categoryLong } });
    expect(parseForm(RenameCategorySchema, { categorie: CATEGORY, nom: "Étudiants" })).toEqual({ ok: true, values: { categoryId: CATEGORY, name: "Étudiants" } });
    expect(parseForm(RenameCategorySchema, { categorie: "1", nom: "Étudiants" })).toEqual({ ok: false, errors: { categorie: m.categoryUnknown } });
    expect(parseForm(CategoryActiveSchema, { categorie: CATEGORY, actif: "non" })).toEqual({ ok: true, values: { categoryId: CATEGORY, active: false } });
  });

  it("keeps the cash office's name to 200 characters and the footer to 500 (the CHECK)", () => {
    expect(parseForm(SalesSettingsSchema, { regie: " Régie de recettes ", pied_recu: "TVA non applicable,\r\narticle 293 B du CGI" })).toEqual({
      ok: true,
      values: { cashOfficeName: "Régie de recettes", receiptFooter: "TVA non applicable,\narticle 293 B du CGI" },
    });
    expect(parseForm(SalesSettingsSchema, {})).toEqual({ ok: true, values: { cashOfficeName: "", receiptFooter: "" } });
    expect(parseForm(SalesSettingsSchema, { regie: "x".repeat(201), pied_recu: "y".repeat(501) })).toEqual({ ok: false, errors: { regie: m.cashOfficeNameLong, pied_recu: m.receiptFooterLong } });
  });
});
