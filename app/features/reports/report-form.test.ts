import { describe, expect, it } from "vitest";
import { FIELDS, parseReportForm, waitWords } from "./report-form";

function form(entries: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.set(k, v);
  return f;
}

describe("parseReportForm", () => {
  it("accepts a topic and a message of 10 to 1000 characters", () => {
    const parsed = parseReportForm(form({ [FIELDS.topic]: "horaires", [FIELDS.message]: "  Fermé le mercredi après-midi.  " }));
    expect(parsed).toMatchObject({ ok: true, data: { topic: "horaires", message: "Fermé le mercredi après-midi." }, honeypot: false });
  });

  it("says in French what is wrong with each field, keeping what was typed", () => {
    const empty = parseReportForm(form({}));
    expect(empty).toMatchObject({ ok: false, errors: { topic: "Choisissez ce qui est faux.", message: "Décrivez l'erreur en quelques mots." } });
    const short = parseReportForm(form({ [FIELDS.topic]: "piscine", [FIELDS.message]: "faux" }));
    expect(short).toMatchObject({
      ok: false,
      errors: { topic: "Choisissez ce qui est faux.", message: "Votre message est trop court : écrivez au moins 10 caractères." },
      values: { topic: "piscine", message: "faux" },
    });
    const long = parseReportForm(form({ [FIELDS.topic]: "autre", [FIELDS.message]: "x".repeat(1001) }));
    expect(long).toMatchObject({ ok: false, errors: { message: "Votre message est trop long : écrivez 1 000 caractères au plus." } });
    expect(parseReportForm(form({ [FIELDS.topic]: "autre", [FIELDS.message]: "x".repeat(1000) })).ok).toBe(true);
  });

  it("counts a Windows line break as one character", () => {
    const parsed = parseReportForm(form({ [FIELDS.topic]: "autre", [FIELDS.message]: `${"a".repeat(499)}\r\n${"b".repeat(500)}` }));
    expect(parsed.ok).toBe(true);
    expect(parsed.values.message).toHaveLength(1000);
  });

  it("notices the honeypot", () => {
    expect(parseReportForm(form({ [FIELDS.topic]: "autre", [FIELDS.message]: "Un message assez long", [FIELDS.honeypot]: "http://spam" })).honeypot).toBe(true);
  });
});

describe("waitWords", () => {
  it("rounds up to whole minutes and speaks in hours past one hour", () => {
    expect(waitWords(1)).toBe("1 minute");
    expect(waitWords(60)).toBe("1 minute");
    expect(waitWords(2399)).toBe("40 minutes");
    expect(waitWords(3600)).toBe("1 heure");
    expect(waitWords(3900)).toBe("1 heure et 5 minutes");
    expect(waitWords(7 * 3600 + 60)).toBe("7 heures et 1 minute");
  });
});
