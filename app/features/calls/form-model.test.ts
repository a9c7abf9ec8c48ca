import { describe, expect, it } from "vitest";
import { budgetTotal, checkForm, eligibilityStop, formatAnswer, missingAnswers, pruneHidden, readSectionAnswers, storedAnswerProblems, visibleQuestionIds } from "./form-model";
import type { CallForm, Question } from "./form-types";

const q = (id: string, type: Question["type"], extra: Partial<Question> = {}): Question => ({ id, type, label: `Question ${id}`, required: false, ...extra });

/**
 * s1: q1 « Votre lieu est-il ouvert au public ? » (yes/no, eligibility: oui);
 *     q2 « Type de structure » (single choice) shown when q1 = oui;
 *     q3 « Publics » (multiple choice) shown when q2 = Association — two levels of conditions;
 * s2: q4 « Nombre de jeunes » (number, required) shown when q3 includes Jeunes or Seniors;
 *     q5 budget (required), q6 amount, q7 date, q8 place, q9 file (required), q10 long text.
 */
const form: CallForm = {
  sections: [
    {
      id: "s1",
      title: "Votre lieu",
      questions: [
        q("q1", "yes_no", { label: "Votre lieu est-il ouvert au public ?", required: true, eligibility: { accepted: ["oui"], reason: "L'appel est réservé aux lieux ouverts au public." } }),
        q("q2", "single_choice", { label: "Type de structure", options: ["Association", "Commune", "Entreprise"], condition: { questionId: "q1", anyOf: ["oui"] } }),
        q("q3", "multiple_choice", { label: "Publics", options: ["Jeunes", "Seniors", "Tous publics"], required: true, condition: { questionId: "q2", anyOf: ["Association"] } }),
      ],
    },
    {
      id: "s2",
      title: "Votre projet",
      questions: [
        q("q4", "number", { label: "Nombre de jeunes", required: true, min: 0, max: 1000, condition: { questionId: "q3", anyOf: ["Jeunes", "Seniors"] } }),
        q("q5", "budget", { label: "Budget prévisionnel", required: true }),
        q("q6", "amount", { label: "Subvention demandée" }),
        q("q7", "date", { label: "Date de début" }),
        q("q8", "place", { label: "Lieu principal" }),
        q("q9", "file", { label: "Statuts", required: true }),
        q("q10", "long_text", { label: "Présentation", max: 20 }),
      ],
    },
  ],
};

function post(fields: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  return data;
}

describe("checkForm", () => {
  it("accepts a well-made form and drops unknown keys", () => {
    const result = checkForm({ sections: [{ ...form.sections[0], extra: 1 }, form.sections[1]] });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.form.sections[0]).not.toHaveProperty("extra");
  });

  it("names each question's problem in French", () => {
    const result = checkForm({
      sections: [
        {
          id: "s1",
          title: " ",
          questions: [
            q("q1", "single_choice", { label: "Statut", options: ["Association", "Association"] }),
            q("q2", "short_text", { label: "Nom", condition: { questionId: "q3", anyOf: ["oui"] } }),
            q("q3", "yes_no", { label: "Labellisé", condition: { questionId: "q2", anyOf: ["x"] } }),
            q("q4", "multiple_choice", { label: "Publics", options: ["A", "B"], eligibility: { accepted: ["A"], reason: "" } }),
            q("q5", "single_choice", { label: "Taille", options: ["Petite", "Grande"], eligibility: { accepted: ["Moyenne"], reason: "Trop grande" } }),
            q("q1", "yes_no", { label: "Encore" }),
            q("q6", "yes_no", { label: "Suite", condition: { questionId: "q1", anyOf: ["Peut-être"] } }),
          ],
        },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      "La partie n° 1 n'a pas de titre.",
      "Question « Statut » — Le choix « Association » est écrit deux fois.",
      "Question « Nom » — La question dont dépend celle-ci doit venir avant elle dans le formulaire.",
      "Question « Labellisé » — Une question ne peut dépendre que d'une question à choix unique, à choix multiples ou oui/non.",
      "Question « Publics » — Seule une question à choix unique ou oui/non peut décider qui peut candidater.",
      "Question « Publics » — Expliquez en une phrase pourquoi une autre réponse empêche de candidater.",
      "Question « Taille » — « Moyenne » n'est pas un des choix de cette question.",
      "Question « Encore » — Son identifiant q1 est déjà celui d'une autre question.",
      "Question « Suite » — « Peut-être » n'est pas une réponse possible à la question « Statut ».",
    ]);
  });

  it("asks for two distinct choices and says when the JSON is not a form", () => {
    const few = checkForm({ sections: [{ id: "s1", title: "A", questions: [q("q1", "single_choice", { options: ["Seul", "  "] })] }] });
    expect(few).toEqual({ ok: false, errors: ["Question « Question q1 » — Un des choix est vide."] });
    const one = checkForm({ sections: [{ id: "s1", title: "A", questions: [q("q1", "multiple_choice", { options: ["Seul"] })] }] });
    expect(one).toEqual({ ok: false, errors: ["Question « Question q1 » — Donnez au moins deux choix différents, un par ligne."] });
    const malformed = checkForm({ sections: [{ id: "s_1", title: "A", questions: [{ id: "q1", type: "video", label: "x", required: true }] }] });
    expect(malformed.ok).toBe(false);
    if (!malformed.ok) expect(malformed.errors.join("\n")).toMatch(/mal enregistré \(sections\.0\.id\)[\s\S]*mal enregistré \(sections\.0\.questions\.0\.type\)/);
    expect(checkForm(null).ok).toBe(false);
  });
});

describe("visibleQuestionIds", () => {
  const always = ["q1", "q5", "q6", "q7", "q8", "q9", "q10"];

  it("follows conditions two levels deep", () => {
    expect([...visibleQuestionIds(form, {})].sort()).toEqual([...always].sort());
    expect(visibleQuestionIds(form, { q1: "oui" }).has("q2")).toBe(true);
    expect(visibleQuestionIds(form, { q1: "oui" }).has("q3")).toBe(false);
    const all = visibleQuestionIds(form, { q1: "oui", q2: "Association", q3: ["Tous publics", "Seniors"] });
    expect(["q2", "q3", "q4"].every((id) => all.has(id))).toBe(true);
  });

  it("hides a question whose condition's question is hidden, whatever its stale answer", () => {
    const visible = visibleQuestionIds(form, { q1: "non", q2: "Association", q3: ["Jeunes"] });
    expect(visible.has("q2")).toBe(false);
    expect(visible.has("q3")).toBe(false);
    expect(visible.has("q4")).toBe(false);
  });

  it("shows after a multiple choice when any chosen value is listed", () => {
    const base = { q1: "oui", q2: "Association" };
    expect(visibleQuestionIds(form, { ...base, q3: ["Tous publics"] }).has("q4")).toBe(false);
    expect(visibleQuestionIds(form, { ...base, q3: ["Tous publics", "Jeunes"] }).has("q4")).toBe(true);
  });
});

describe("readSectionAnswers", () => {
  it("reads a budget's lines in cents, leaving out empty lines", () => {
    const data = post([
      ["q_q5_label", "Matériel"], ["q_q5_amount", "1 234,50"],
      ["q_q5_label", ""], ["q_q5_amount", ""],
      ["q_q5_label", "Formation"], ["q_q5_amount", "800.5"],
      ["q_q6", "2\u202f000 €"], ["q_q7", "2017-03-03"], ["q_q8", "6F1C2B3A-1111-4222-8333-444455556666"], ["q_q10", "Une\r\nphrase"],
    ]);
    const { answers, errors } = readSectionAnswers(form, "s2", data, { q1: "oui", q9: ["f1"] });
    expect(errors).toEqual({});
    expect(answers).toEqual({
      q1: "oui",
      q5: { lines: [{ label: "Matériel", amountCents: 123450 }, { label: "Formation", amountCents: 80050 }] },
      q6: 200000,
      q7: "2017-03-03",
      q8: "6f1c2b3a-1111-4222-8333-444455556666",
      q9: ["f1"],
      q10: "Une\nphrase",
    });
    expect(budgetTotal(answers.q5 as { lines: [] })).toBe(203500);
  });

  it("refuses malformed values with a message per question and keeps the answers already given", () => {
    const existing = { q1: "oui", q2: "Association", q3: ["Jeunes"], q4: 12, q6: 5000 };
    const data = post([
      ["q_q4", "douze"], ["q_q5_label", "Matériel"], ["q_q5_amount", "12,345"], ["q_q6", "1 250,5O"], ["q_q7", "2026-02-30"], ["q_q8", "mon lieu"], ["q_q10", "x".repeat(21)],
    ]);
    const { answers, errors } = readSectionAnswers(form, "s2", data, existing);
    expect(errors).toEqual({
      q4: "Saisissez un nombre, par exemple 12 ou 3,5.",
      q5: "Ligne 1 du budget : saisissez un montant en euros, par exemple 1 250,50.",
      q6: "Saisissez un montant en euros, par exemple 1 250,50.",
      q7: "Saisissez une date qui existe, au format AAAA-MM-JJ, par exemple 2026-03-31.",
      q8: "Choisissez un lieu dans la liste.",
      q10: "Votre réponse est trop longue (20 caractères au plus).",
    });
    expect(answers).toEqual(existing);
  });

  it("asks for both parts of a budget line and checks a number's bounds", () => {
    const { errors } = readSectionAnswers(form, "s2", post([["q_q4", "1 500"], ["q_q5_label", ""], ["q_q5_amount", ""], ["q_q5_label", ""], ["q_q5_amount", "300"]]), {
      q1: "oui", q2: "Association", q3: ["Jeunes"],
    });
    expect(errors).toEqual({ q4: "Saisissez un nombre inférieur ou égal à 1\u202f000.", q5: "Ligne 2 du budget : donnez un intitulé et un montant." });
  });

  it("accepts an incomplete draft, removes emptied answers and reads choices", () => {
    const data = post([["q_q1", "oui"], ["q_q2", "Association"], ["q_q3", "Seniors"], ["q_q3", "Jeunes"]]);
    const { answers, errors } = readSectionAnswers(form, "s1", data, { q1: "non", q5: { lines: [] } });
    expect(errors).toEqual({});
    expect(answers).toEqual({ q1: "oui", q2: "Association", q3: ["Jeunes", "Seniors"], q5: { lines: [] } });
    const emptied = readSectionAnswers(form, "s1", post([["q_q1", ""]]), answers);
    expect(emptied).toEqual({ answers: { q5: { lines: [] } }, errors: {} });
  });

  it("refuses a choice that is not offered, unless the answers hide the question", () => {
    const wrong = readSectionAnswers(form, "s1", post([["q_q1", "peut-être"], ["q_q2", "Mairie"]]), {});
    expect(wrong.errors).toEqual({ q1: "Choisissez parmi les réponses proposées." });
    const shown = readSectionAnswers(form, "s1", post([["q_q1", "oui"], ["q_q2", "Mairie"]]), {});
    expect(shown.errors).toEqual({ q2: "Choisissez parmi les réponses proposées." });
  });
});

describe("at submission", () => {
  const complete = { q1: "oui", q2: "Commune", q5: { lines: [{ label: "Matériel", amountCents: 100 }] }, q9: ["f1"] };

  it("asks only for visible required questions", () => {
    expect(missingAnswers(form, complete)).toEqual({});
    // q3 and q4 are required but hidden (q2 is not « Association »).
    expect(missingAnswers(form, { ...complete, q9: [] })).toEqual({ q9: "Cette question est obligatoire." });
    expect(missingAnswers(form, { ...complete, q2: "Association", q5: { lines: [] } })).toEqual({
      q3: "Cette question est obligatoire.",
      q5: "Cette question est obligatoire.",
    });
    expect(missingAnswers(form, { ...complete, q2: "Association", q3: ["Jeunes"], q4: 0 })).toEqual({});
  });

  it("stops at an eligibility question answered with a value it does not accept", () => {
    expect(eligibilityStop(form, complete)).toBeNull();
    expect(eligibilityStop(form, {})).toBeNull();
    expect(eligibilityStop(form, { q1: "non" })).toEqual({ questionId: "q1", reason: "L'appel est réservé aux lieux ouverts au public." });
  });

  it("does not stop at a hidden eligibility question", () => {
    const gated: CallForm = {
      sections: [{ id: "s1", title: "A", questions: [q("q1", "yes_no"), q("q2", "yes_no", { condition: { questionId: "q1", anyOf: ["oui"] }, eligibility: { accepted: ["oui"], reason: "Non éligible" } })] }],
    };
    expect(eligibilityStop(gated, { q1: "non", q2: "non" })).toBeNull();
    expect(eligibilityStop(gated, { q1: "oui", q2: "non" })).toEqual({ questionId: "q2", reason: "Non éligible" });
  });

  it("drops the answers of hidden questions and of questions the form does not have", () => {
    expect(pruneHidden(form, { ...complete, q3: ["Jeunes"], q4: 3, q99: "ancien" })).toEqual(complete);
  });
});

describe("formatAnswer", () => {
  const questions = Object.fromEntries(form.sections.flatMap((s) => s.questions).map((x) => [x.id, x]));

  it("writes each answer in plain French", () => {
    expect(formatAnswer(questions.q1!, "oui")).toBe("Oui");
    expect(formatAnswer(questions.q1!, "non")).toBe("Non");
    expect(formatAnswer(questions.q3!, ["Jeunes", "Seniors"])).toBe("Jeunes ; Seniors");
    expect(formatAnswer(questions.q4!, 1234.5)).toBe("1\u202f234,5");
    expect(formatAnswer(questions.q6!, 125050)).toBe("1\u202f250,50\u00a0€");
    expect(formatAnswer(questions.q7!, "2017-03-03")).toBe("3 mars 2017");
    expect(formatAnswer(questions.q7!, "2017-03-01")).toBe("1er mars 2017");
    expect(formatAnswer(questions.q8!, "p1", { p1: "EPN de Tulle" })).toBe("EPN de Tulle");
    expect(formatAnswer(questions.q9!, ["f1", "f2"])).toBe("2 fichiers joints");
    expect(formatAnswer(questions.q9!, ["f1"], { f1: "statuts.pdf" })).toBe("statuts.pdf");
    expect(formatAnswer(questions.q10!, undefined)).toBe("");
  });

  it("writes a budget's lines and total", () => {
    const budget = { lines: [{ label: "Matériel", amountCents: 123450 }, { label: "Formation", amountCents: 80050 }] };
    expect(budgetTotal(budget)).toBe(203500);
    expect(formatAnswer(questions.q5!, budget)).toBe("Matériel : 1\u202f234,50\u00a0€ ; Formation : 800,50\u00a0€ ; Total : 2\u202f035,00\u00a0€");
  });
});

describe("answers checked again at submission", () => {
  const form: CallForm = {
    sections: [
      {
        id: "s1",
        title: "Partie",
        questions: [
          { id: "q1", type: "single_choice", label: "Thème", required: true, options: ["Inclusion sociale", "Innovation territoriale"] },
          { id: "q2", type: "number", label: "Postes", required: false, min: 0, max: 20 },
          { id: "q3", type: "yes_no", label: "Partenariat ?", required: false },
          { id: "q4", type: "long_text", label: "Lequel", required: false, condition: { questionId: "q3", anyOf: ["oui"] } },
          { id: "q5", type: "budget", label: "Budget", required: false },
        ],
      },
    ],
  };

  it("blames a choice no longer offered, a number out of bounds and a value of another type, not a hidden question nor good answers", () => {
    expect(storedAnswerProblems(form, { q1: "Numérique responsable", q2: 25, q3: "non", q4: 12 as unknown as string, q5: { lines: [{ label: "Matériel", amountCents: 120_050 }] } })).toEqual({
      q1: "Choisissez parmi les réponses proposées.",
      q2: "Saisissez un nombre inférieur ou égal à 20.",
    });
    expect(storedAnswerProblems(form, { q1: "Inclusion sociale", q2: "douze" as unknown as number, q3: "oui", q4: 12 as unknown as string })).toEqual({
      q2: "Cette réponse ne correspond plus à la question posée : répondez à nouveau.",
      q4: "Cette réponse ne correspond plus à la question posée : répondez à nouveau.",
    });
    expect(storedAnswerProblems(form, { q1: "Innovation territoriale", q2: 3.5, q3: "oui", q4: "Avec l'agence de Vierzon.", q5: { lines: [{ label: "Matériel", amountCents: 120_050 }] } })).toEqual({});
  });
});
