import { describe, expect, it } from "vitest";
import { parseForm } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { personKey, personSchema, refusalMessage } from "./booking-form";

const e = fr.booking.errors;
const parse = (input: Record<string, string>, reasons: string[] = [], options = {}) => parseForm(personSchema(reasons, options), input);

describe("the person's fields of a booking", () => {
  it("normalises the phone to E.164 and the email to lower case, and keys the person by the phone first", () => {
    const r = parse({ prenom: "  Aïcha   Ben ", telephone: "06 12 34 56 78", courriel: "Aicha@Exemple.FR" });
    expect(r).toEqual({ ok: true, values: { firstName: "Aïcha Ben", phone: "+33612345678", email: "aicha@exemple.fr", note: null, reason: null } });
    if (r.ok) expect(personKey(r.values)).toBe("+33612345678");
    const byMail = parse({ prenom: "Léo", courriel: "leo@exemple.fr" });
    expect(byMail.ok && personKey(byMail.values)).toBe("leo@exemple.fr");
  });

  it("refuses each bad field with its French message, a 10 KB name included", () => {
    expect(parse({ prenom: "", telephone: "0612345678" })).toEqual({ ok: false, errors: { prenom: e.firstNameEmpty } });
    expect(parse({ prenom: "x".repeat(10_000), telephone: "0612345678" })).toEqual({ ok: false, errors: { prenom: e.firstNameLong } });
    expect(parse({ prenom: "Léo", telephone: "12 34" })).toEqual({ ok: false, errors: { telephone: e.phoneInvalid } });
    expect(parse({ prenom: "Léo", telephone: "0".repeat(10_000) })).toEqual({ ok: false, errors: { telephone: e.phoneInvalid } });
    expect(parse({ prenom: "Léo", courriel: "pas-une-adresse" })).toEqual({ ok: false, errors: { courriel: e.emailInvalid } });
    expect(parse({ prenom: "Léo" })).toEqual({ ok: false, errors: { telephone: e.contactMissing } });
    expect(parse({ prenom: "Léo", telephone: "0612345678", note: "x".repeat(501) })).toEqual({ ok: false, errors: { note: e.noteLong } });
    expect(parse({ prenom: "Léo", telephone: "0612345678", motif: "Autre chose" }, ["Emploi, CV"])).toEqual({ ok: false, errors: { motif: e.reasonUnknown } });
  });

  it("lets the desk book without a phone or an email", () => {
    expect(parse({ prenom: "Odette" }, [], { contactRequired: false })).toEqual({ ok: true, values: { firstName: "Odette", phone: null, email: null, note: null, reason: null } });
  });

  it("words each refusal, limits with their figure", () => {
    expect(refusalMessage("limit-day", 2)).toBe(fr.booking.refusals["limit-day"](2));
    expect(refusalMessage("limit-minutes", 90)).toContain("1 h 30");
    expect(refusalMessage("no-shows", "2026-12-31")).toContain("31 décembre 2026");
    expect(refusalMessage("holiday")).toBe(fr.booking.refusals.holiday);
  });
});
