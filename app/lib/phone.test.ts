import { describe, expect, it } from "vitest";
import { formatPhone, isMobilePhone, normalizePhone } from "./phone";

describe("normalizePhone", () => {
  it("reads French numbers as people type them", () => {
    for (const typed of ["06 12 34 56 78", "0612345678", "06.12.34.56.78", "06-12-34-56-78", " 06 12 34 56 78 ", "+33 6 12 34 56 78", "+33612345678", "+33 (0)6 12 34 56 78", "0033612345678", "00 33 6 12 34 56 78"]) {
      expect(normalizePhone(typed), typed).toBe("+33612345678");
    }
    expect(normalizePhone("01 23 45 67 89")).toBe("+33123456789");
    expect(normalizePhone("07 98 76 54 32")).toBe("+33798765432");
    expect(normalizePhone("09 70 00 00 00")).toBe("+33970000000");
  });

  it("gives overseas numbers their territory's country code", () => {
    expect(normalizePhone("0690 12 34 56")).toBe("+590690123456"); // Guadeloupe
    expect(normalizePhone("0691 12 34 56")).toBe("+590691123456");
    expect(normalizePhone("0590 12 34 56")).toBe("+590590123456");
    expect(normalizePhone("0694 12 34 56")).toBe("+594694123456"); // Guyane
    expect(normalizePhone("0696 12 34 56")).toBe("+596696123456"); // Martinique
    expect(normalizePhone("0697 12 34 56")).toBe("+596697123456");
    expect(normalizePhone("0692 12 34 56")).toBe("+262692123456"); // La Réunion
    expect(normalizePhone("0693 12 34 56")).toBe("+262693123456");
    expect(normalizePhone("0262 12 34 56")).toBe("+262262123456");
    expect(normalizePhone("0639 12 34 56")).toBe("+262639123456"); // Mayotte
    expect(normalizePhone("0269 12 34 56")).toBe("+262269123456");
    // Already international, and written with France's code by mistake: one form.
    expect(normalizePhone("+590 690 12 34 56")).toBe("+590690123456");
    expect(normalizePhone("00262 692 12 34 56")).toBe("+262692123456");
    expect(normalizePhone("+33 6 90 12 34 56")).toBe("+590690123456");
  });

  it("keeps foreign numbers written with their country code", () => {
    expect(normalizePhone("+32 470 12 34 56")).toBe("+32470123456");
    expect(normalizePhone("0032 470 12 34 56")).toBe("+32470123456");
    expect(normalizePhone("+41 79 123 45 67")).toBe("+41791234567");
    expect(normalizePhone("+1 (514) 555-0199")).toBe("+15145550199");
  });

  it("refuses what is not a number: letters, too short, too long, no country", () => {
    for (const typed of ["", "   ", "+", "06 12 34 56 7", "06 12 34 56 789", "6 12 34 56 78", "00 12 34 56 78", "06 12 34 56 AB", "O6 12 34 56 78", "tel: 0612345678", "06 12 34 56 78 poste 12", "+33 6 12 34 56 7", "+33 6 12 34 56 789", "+590 690 12 34", "+32 12", "+1234567890123456", "+0 123 456 789", "06+12345678", "12 34 56 78 90"]) {
      expect(normalizePhone(typed), typed).toBeNull();
    }
  });
});

describe("isMobilePhone", () => {
  it("knows French and overseas mobiles", () => {
    for (const e164 of ["+33612345678", "+33798765432", "+590690123456", "+590691123456", "+594694123456", "+596696123456", "+596697123456", "+262692123456", "+262693123456", "+262639123456"]) {
      expect(isMobilePhone(e164), e164).toBe(true);
    }
  });

  it("refuses landlines, special numbers and foreign numbers", () => {
    for (const e164 of ["+33123456789", "+33970000000", "+33812345678", "+590590123456", "+262262123456", "+262269123456", "+32470123456", "0612345678", ""]) {
      expect(isMobilePhone(e164), e164).toBe(false);
    }
  });
});

describe("formatPhone", () => {
  it("writes French numbers in pairs, overseas too; foreign ones as stored", () => {
    expect(formatPhone("+33612345678")).toBe("06 12 34 56 78");
    expect(formatPhone("+590690123456")).toBe("06 90 12 34 56");
    expect(formatPhone("+262639123456")).toBe("06 39 12 34 56");
    expect(formatPhone("+32470123456")).toBe("+32470123456");
  });

  it("round-trips: a formatted number reads back the same", () => {
    for (const e164 of ["+33612345678", "+33123456789", "+590690123456", "+594694123456", "+596696123456", "+262692123456", "+262639123456"]) {
      expect(normalizePhone(formatPhone(e164))).toBe(e164);
    }
  });
});
