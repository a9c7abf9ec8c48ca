import { describe, expect, it } from "vitest";
import { consentFingerprint, consentText, consentWording, CONSENT_VERSIONS, CURRENT_CONSENT_VERSION } from "./consent";

const context = { placeName: "Médiathèque de Ruffec", retentionMonths: 12 };

describe("the consent text", () => {
  it("names the place, what is noted, who sees it, the retention period and the person's rights, in the current version", () => {
    const text = consentText(context);
    expect(text.version).toBe(CURRENT_CONSENT_VERSION);
    expect(text.title).toBe("Vos informations à Médiathèque de Ruffec");
    const all = text.paragraphs.join("\n");
    expect(all).toContain("l'équipe de Médiathèque de Ruffec peut noter votre prénom et votre nom");
    expect(all).toContain("Seulement l'équipe de médiation de ce lieu");
    expect(all).toContain("pendant 12 mois");
    expect(all).toContain("les faire corriger ou les faire effacer");
    expect(all).toContain("Vous pouvez dire non");
    expect(all).toContain("CNIL");
  });

  it("is stored as the title, the paragraphs and the version line, and fits the column (4,000 characters) with a long place name", () => {
    const wording = consentWording(context);
    const text = consentText(context);
    expect(wording.split("\n\n")).toEqual([text.title, ...text.paragraphs, text.versionLine]);
    expect(consentWording({ placeName: "M".repeat(250), retentionMonths: 36 }).length).toBeLessThan(4000);
  });

  it("keeps every version it ever showed, and refuses an unknown one", () => {
    expect(Object.keys(CONSENT_VERSIONS)).toContain(CURRENT_CONSENT_VERSION);
    expect(() => consentText(context, "1999-01")).toThrow();
  });

  it("has a fingerprint that changes with the place's name or period, and not otherwise", () => {
    const a = consentFingerprint(consentWording(context));
    expect(a).toMatch(/^[0-9a-f]{8}$/);
    expect(consentFingerprint(consentWording(context))).toBe(a);
    expect(consentFingerprint(consentWording({ ...context, retentionMonths: 6 }))).not.toBe(a);
    expect(consentFingerprint(consentWording({ ...context, placeName: "Cyber-base de Ruffec" }))).not.toBe(a);
  });
});
