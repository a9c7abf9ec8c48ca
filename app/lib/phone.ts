/**
 * Phone numbers as people type them in France, to E.164 ("+33612345678") and back.
 *
 * A French number is 10 digits starting with 0 (the national plan, ARCEP). Overseas
 * departments share that plan but not the country code: their national prefix names the
 * territory, so "0690 12 34 56" is Guadeloupe's +590 690 12 34 56. A number written with
 * France's code but an overseas prefix ("+33 6 90 …", which does not exist) goes to its
 * territory's code too: one number, one form. A foreign number is kept when written with
 * its country code ("+32 …", "0032 …"); only its length is checked (9 to 15 digits with the country code).
 *
 * No library: libphonenumber-js needs the territory to read "0690…" and its full metadata
 * checks allocated blocks (it refuses some real-looking Mayotte numbers, and changes with
 * each release); the French plan fits in the table below.
 */

/** National prefixes (4 digits, leading 0) of the overseas departments, and their country code. */
const OVERSEAS: Readonly<Record<string, string>> = {
  // Guadeloupe (and Saint-Martin, Saint-Barthélemy)
  "0590": "590",
  "0690": "590",
  "0691": "590",
  // Guyane
  "0594": "594",
  "0694": "594",
  // Martinique
  "0596": "596",
  "0696": "596",
  "0697": "596",
  // La Réunion
  "0262": "262",
  "0263": "262",
  "0692": "262",
  "0693": "262",
  // Mayotte
  "0269": "262",
  "0639": "262",
};
const OVERSEAS_MOBILE = ["0690", "0691", "0694", "0696", "0697", "0692", "0693", "0639"];

/** What a person may type between the digits: spaces, dots, hyphens, slashes, "(0)" after the country code. */
const TYPED = /^\+?[\d\s.\-/()]+$/;

/** E.164 for a number as typed ("06 12 34 56 78", "+33 6 12…", "0033 6…", "0690 12 34 56"), or null. */
export function normalizePhone(input: string): string | null {
  const typed = input.trim();
  if (!TYPED.test(typed)) return null;
  const digits = typed.replace(/\(0\)/g, "").replace(/\D/g, "");
  if (typed.startsWith("+")) return international(digits);
  if (digits.startsWith("00")) return international(digits.slice(2));
  return national(digits);
}

/** A French national number (10 digits, leading 0). */
function national(digits: string): string | null {
  if (!/^0[1-9]\d{8}$/.test(digits)) return null;
  const code = OVERSEAS[digits.slice(0, 4)] ?? "33";
  return `+${code}${digits.slice(1)}`;
}

/** The digits after "+" or "00". */
function international(digits: string): string | null {
  if (digits.startsWith("33")) return digits.length === 11 ? national(`0${digits.slice(2)}`) : null;
  // The overseas codes: 9 digits after the code, as in France.
  if (/^(590|594|596|262)/.test(digits)) return /^(590|594|596|262)[1-9]\d{8}$/.test(digits) ? `+${digits}` : null;
  // A country code and a subscriber number: 9 to 15 digits.
  return /^[1-9]\d{8,14}$/.test(digits) ? `+${digits}` : null;
}

/** A French number (E.164) written as in France: "+33612345678" → "0612345678"; null for a foreign one. */
function nationalForm(e164: string): string | null {
  const match = /^\+(33|590|594|596|262)([1-9]\d{8})$/.exec(e164);
  return match ? `0${match[2]}` : null;
}

/** A mobile that can receive an SMS: 06 and 07 in France, the overseas mobiles (0690, 0694, 0696, 0692, 0639…). */
export function isMobilePhone(e164: string): boolean {
  const digits = nationalForm(e164);
  if (!digits) return false;
  if (e164.startsWith("+33")) return /^0[67]/.test(digits);
  return OVERSEAS_MOBILE.includes(digits.slice(0, 4));
}

/** For display: a French number in pairs ("06 12 34 56 78", overseas too); a foreign one as stored. */
export function formatPhone(e164: string): string {
  const digits = nationalForm(e164);
  return digits ? digits.replace(/(\d{2})(?=\d)/g, "$1 ") : e164;
}
