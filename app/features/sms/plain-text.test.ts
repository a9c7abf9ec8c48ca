import { describe, expect, it } from "vitest";
import { plainSmsText } from "./plain-text";
import { encodeSmsText, smsParts } from "./outbox.server";

describe("plainSmsText", () => {
  it("writes French typography in the GSM alphabet, keeping the accents it has", () => {
    const text = plainSmsText("Médiathèque « Forêt » — Maison de l’Emploi, 9 h – 12 h… Cœur, Île, ça, à, où, Élise");
    expect(text).toBe("Médiathèque \"Foret\" - Maison de l'Emploi, 9 h - 12 h... Coeur, Ile, ca, à, où, Élise");
    expect(encodeSmsText(text).data_coding).toBe(0);
  });

  it("leaves another script as it is (sent in UCS-2)", () => {
    expect(plainSmsText("Привет")).toBe("Привет");
    expect(encodeSmsText("Привет").data_coding).toBe(8);
  });
});

describe("smsParts", () => {
  it("counts 160 GSM characters in one SMS, then parts of 153; 70 UCS-2 ones, then parts of 67", () => {
    expect(smsParts("a".repeat(160))).toBe(1);
    expect(smsParts("a".repeat(161))).toBe(2);
    expect(smsParts("a".repeat(306))).toBe(2);
    expect(smsParts("a".repeat(307))).toBe(3);
    expect(smsParts("é".repeat(459))).toBe(3);
    expect(smsParts("€".repeat(80))).toBe(1);
    expect(smsParts("€".repeat(81))).toBe(2);
    expect(smsParts("ê".repeat(70))).toBe(1);
    expect(smsParts("ê".repeat(71))).toBe(2);
    expect(smsParts("ê".repeat(201))).toBe(3);
    expect(smsParts("ê".repeat(202))).toBe(4);
  });
});
