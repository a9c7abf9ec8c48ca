import { describe, expect, it } from "vitest";
import { parseForm } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { AdviserInviteSchema, PartnerSchema, partnerToFormValues, readSiret } from "./partner-form";
import { ReferralSettingsSchema } from "./settings-form";

const m = fr.partners;
const form = (fields: Record<string, string> = {}) => ({ nom: "France Travail — agence d'Orléans Nord", type: "france-travail", siret: "", courriel: "", ...fields });

describe("the partner organisation's form", () => {
  it("gives the organisation, its SIRET as 14 digits (spaces allowed) and its address in lower case", () => {
    expect(parseForm(PartnerSchema, form({ nom: "  CCAS  d'Orléans ", type: "ccas", siret: "130 005 481 00010", courriel: " Contact@CCAS-Orleans.fr " }))).toEqual({
      ok: true,
      values: { name: "CCAS d'Orléans", kind: "ccas", siret: "13000548100010", email: "contact@ccas-orleans.fr" },
    });
    expect(parseForm(PartnerSchema, form())).toEqual({ ok: true, values: { name: "France Travail — agence d'Orléans Nord", kind: "france-travail", siret: null, email: null } });
  });

  it("says in French what is wrong next to each field", () => {
    expect(parseForm(PartnerSchema, { nom: " ", type: "agence", siret: "1234", courriel: "pas-une-adresse" })).toEqual({
      ok: false,
      errors: { nom: m.errors.nameEmpty, type: m.errors.kind, siret: m.errors.siret, courriel: m.errors.email },
    });
    expect(parseForm(PartnerSchema, form({ nom: "x".repeat(201) }))).toEqual({ ok: false, errors: { nom: m.errors.nameLong } });
    expect(parseForm(PartnerSchema, { nom: "Mission locale" })).toEqual({ ok: false, errors: { type: m.errors.kind } });
  });

  it("reads a SIRET of exactly 14 digits, or nothing", () => {
    expect(readSiret("")).toBeNull();
    expect(readSiret("130.005.481-00010")).toBe("13000548100010");
    for (const bad of ["1300054810001", "130005481000100", "1300054810001A", "W123456789"]) expect(readSiret(bad)).toBeUndefined();
  });

  it("fills the form from an organisation", () => {
    expect(partnerToFormValues({ name: "CCAS", kind: "ccas", siret: null, email: "a@b.fr" })).toEqual({ nom: "CCAS", type: "ccas", siret: "", courriel: "a@b.fr" });
    expect(partnerToFormValues()).toEqual({ nom: "", type: "", siret: "", courriel: "" });
  });

  it("asks for an adviser's valid address", () => {
    expect(parseForm(AdviserInviteSchema, { email: " conseillere@francetravail.fr " })).toEqual({ ok: true, values: { email: "conseillere@francetravail.fr" } });
    expect(parseForm(AdviserInviteSchema, { email: "" })).toEqual({ ok: false, errors: { email: m.inviteErrors.emailEmpty } });
    expect(parseForm(AdviserInviteSchema, { email: "conseillere@" })).toEqual({ ok: false, errors: { email: m.inviteErrors.email } });
  });
});

describe("the network's referral rules", () => {
  const rules = (expiration: string, relance: string, conservation: string) => parseForm(ReferralSettingsSchema, { expiration, relance, conservation });

  it("takes whole numbers within the database's bounds", () => {
    expect(rules("30", "10", "6")).toEqual({ ok: true, values: { expiryDays: 30, reminderDays: 10, retentionMonths: 6 } });
    expect(rules("2", "1", "1")).toEqual({ ok: true, values: { expiryDays: 2, reminderDays: 1, retentionMonths: 1 } });
    expect(rules("365", "364", "60")).toEqual({ ok: true, values: { expiryDays: 365, reminderDays: 364, retentionMonths: 60 } });
  });

  it("refuses each bound in words, before the database would", () => {
    const e = m.settingsErrors;
    expect(rules("1", "0", "0")).toEqual({ ok: false, errors: { expiration: e.expiry, relance: e.reminder, conservation: e.retention } });
    expect(rules("366", "10", "61")).toEqual({ ok: false, errors: { expiration: e.expiry, conservation: e.retention } });
    expect(rules("trente", "2,5", "")).toEqual({ ok: false, errors: { expiration: e.expiry, relance: e.reminder, conservation: e.retention } });
    // The reminder comes before the expiry.
    expect(rules("10", "10", "6")).toEqual({ ok: false, errors: { relance: e.reminderTooLate(10) } });
    expect(rules("2", "5", "6")).toEqual({ ok: false, errors: { relance: e.reminderTooLate(2) } });
    expect(e.reminderTooLate(2)).toBe("La relance doit venir avant l'expiration : au plus 1 jour.");
  });
});
