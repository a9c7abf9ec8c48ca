import { describe, expect, it } from "vitest";
import { parseForm } from "~/lib/forms";
import { addQuestion, addSection, moveQuestion, QuestionInputSchema, removeQuestion, removeSection, SectionInputSchema, updateQuestion, updateSection, type FormChange, type QuestionValues } from "./form-builder";
import { checkForm } from "./form-model";
import type { CallForm } from "./form-types";

/** A form post as the builder's page sends it. */
function post(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) data.append(name, v);
  return data;
}

function question(fields: Record<string, string | string[]>): QuestionValues {
  const parsed = parseForm(QuestionInputSchema, post(fields));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.values;
}

function formOf(change: FormChange): CallForm {
  if (!change.ok) throw new Error(JSON.stringify(change.errors));
  expect(checkForm(change.form).ok).toBe(true);
  return change.form;
}

const order = (form: CallForm) => form.sections.map((s) => `${s.id}: ${s.questions.map((q) => q.id).join(" ")}`);

/** s1: q1 yes/no, q2 single choice shown when q1 = oui, q3 text shown when q2 = B; s2: q4 number. */
function sample(): CallForm {
  let form: CallForm = { sections: [] };
  form = formOf(addSection(form, { title: "Le lieu", description: undefined }));
  form = formOf(addSection(form, { title: "Le projet", description: "Ce que vous ferez" }));
  form = formOf(addQuestion(form, "s1", question({ type: "yes_no", label: "Ouvert au public ?", required: "on" })));
  form = formOf(addQuestion(form, "s1", question({ type: "single_choice", label: "Statut", options: "A\nB\n\n", condition_question: "q1", condition_values: "Oui" })));
  form = formOf(addQuestion(form, "s1", question({ type: "short_text", label: "Précisez", condition_question: "q2", condition_values: ["B"] })));
  form = formOf(addQuestion(form, "s2", question({ type: "number", label: "Personnes", min: "0", max: "1 000" })));
  return form;
}

describe("QuestionInputSchema", () => {
  it("reads the builder's fields and keeps only what the type uses", () => {
    expect(
      question({
        type: "single_choice", label: " Taille ", help: "", required: "on", options: "Petite\r\nGrande\nPetite\n",
        condition_question: "", condition_values: "x", eligibility_accepted: "Petite", eligibility_reason: "Réservé aux petits lieux.", min: "2", max: "",
      }),
    ).toEqual({ type: "single_choice", label: "Taille", required: true, options: ["Petite", "Grande"], eligibility: { accepted: ["Petite"], reason: "Réservé aux petits lieux." } });
    expect(question({ type: "short_text", label: "Nom", options: "A\nB", max: "80" })).toEqual({ type: "short_text", label: "Nom", required: false, max: 80 });
    expect(question({ type: "number", label: "Surface", min: "-2,5", max: "10" })).toEqual({ type: "number", label: "Surface", required: false, min: -2.5, max: 10 });
  });

  it("answers a bad field in French", () => {
    expect(parseForm(QuestionInputSchema, post({ type: "video", label: "", min: "deux" }))).toEqual({
      ok: false,
      errors: { type: "Choisissez le type de la question.", label: "Écrivez l'intitulé de la question.", min: "Saisissez un nombre, par exemple 0 ou 12,5." },
    });
    expect(parseForm(SectionInputSchema, post({ title: "  " }))).toEqual({ ok: false, errors: { title: "Écrivez le titre de la partie." } });
  });
});

describe("building a form", () => {
  it("gives the next ids and spells condition values as the choices", () => {
    const form = sample();
    expect(order(form)).toEqual(["s1: q1 q2 q3", "s2: q4"]);
    expect(form.sections[1]).toMatchObject({ title: "Le projet", description: "Ce que vous ferez" });
    expect(form.sections[0]!.questions[1]!.condition).toEqual({ questionId: "q1", anyOf: ["oui"] });
    expect(form.sections[1]!.questions[0]).toMatchObject({ min: 0, max: 1000 });
  });

  it("refuses a question with problems, by field", () => {
    const form = sample();
    expect(addQuestion(form, "s2", question({ type: "multiple_choice", label: "Publics", options: "Jeunes" }))).toEqual({
      ok: false,
      errors: { options: "Donnez au moins deux choix différents, un par ligne." },
    });
    expect(addQuestion(form, "s1", question({ type: "short_text", label: "Autre", condition_question: "q2", condition_values: "C" }))).toEqual({
      ok: false,
      errors: { condition_values: "« C » n'est pas une réponse possible à la question « Statut »." },
    });
    expect(addQuestion(form, "s1", question({ type: "short_text", label: "Autre", eligibility_reason: "Non" }))).toEqual({
      ok: false,
      errors: { eligibility_accepted: "Seule une question à choix unique ou oui/non peut décider qui peut candidater." },
    });
    expect(addQuestion(form, "s9", question({ type: "short_text", label: "Autre" }))).toEqual({
      ok: false,
      errors: { form: "Cette partie n'existe plus dans le formulaire. Rechargez la page." },
    });
  });

  it("updates a question in place, unless a question depending on it would lose its choices", () => {
    const form = sample();
    const renamed = formOf(updateQuestion(form, "q2", question({ type: "single_choice", label: "Statut juridique", options: "A\nB\nC", condition_question: "q1", condition_values: "oui" })));
    expect(renamed.sections[0]!.questions[1]).toMatchObject({ id: "q2", label: "Statut juridique", options: ["A", "B", "C"] });
    expect(updateQuestion(form, "q2", question({ type: "single_choice", label: "Statut", options: "A\nC" }))).toEqual({
      ok: false,
      errors: { options: "La question « Précisez » s'affiche selon le choix « B » : gardez-le, ou changez d'abord sa condition." },
    });
    expect(updateQuestion(form, "q2", question({ type: "short_text", label: "Statut" }))).toEqual({
      ok: false,
      errors: { type: "La question « Précisez » dépend de celle-ci : elle doit rester une question à choix ou oui/non." },
    });
  });

  it("edits and removes sections", () => {
    const form = sample();
    const edited = formOf(updateSection(form, "s2", { title: "Votre projet", description: undefined }));
    expect(edited.sections[1]).toEqual({ id: "s2", title: "Votre projet", questions: form.sections[1]!.questions });
    expect(removeSection(form, "s1")).toEqual({ ok: true, form: { sections: [form.sections[1]] } });
    const dependent = formOf(addQuestion(form, "s2", question({ type: "long_text", label: "Détails", condition_question: "q1", condition_values: "non" })));
    expect(removeSection(dependent, "s1")).toEqual({
      ok: false,
      errors: { form: "La question « Détails » dépend d'une question de cette partie : retirez d'abord sa condition, ou supprimez-la." },
    });
  });
});

describe("removeQuestion", () => {
  it("refuses to remove a question others depend on", () => {
    expect(removeQuestion(sample(), "q2")).toEqual({
      ok: false,
      errors: { form: "La question « Précisez » dépend de celle-ci : retirez d'abord sa condition, ou supprimez-la." },
    });
  });

  it("removes a question nothing depends on, then the one it depended on", () => {
    const without3 = formOf(removeQuestion(sample(), "q3"));
    expect(order(without3)).toEqual(["s1: q1 q2", "s2: q4"]);
    expect(order(formOf(removeQuestion(without3, "q2")))).toEqual(["s1: q1", "s2: q4"]);
  });
});

describe("moveQuestion", () => {
  it("refuses to put a question before the one its condition rests on", () => {
    expect(moveQuestion(sample(), "q2", "up")).toEqual({ ok: false, errors: { form: "Cette question dépend de « Ouvert au public ? » : elle doit rester après elle." } });
    expect(moveQuestion(sample(), "q1", "down")).toEqual({ ok: false, errors: { form: "La question « Statut » dépend de celle-ci : elle doit rester avant elle." } });
  });

  it("moves within a section and across sections", () => {
    let form = formOf(addQuestion(sample(), "s1", question({ type: "date", label: "Ouverture" })));
    expect(order(form)).toEqual(["s1: q1 q2 q3 q5", "s2: q4"]);
    form = formOf(moveQuestion(form, "q5", "up"));
    form = formOf(moveQuestion(form, "q5", "up"));
    form = formOf(moveQuestion(form, "q5", "up"));
    expect(order(form)).toEqual(["s1: q5 q1 q2 q3", "s2: q4"]);
    expect(order(formOf(moveQuestion(form, "q5", "up")))).toEqual(["s1: q5 q1 q2 q3", "s2: q4"]);
    form = formOf(moveQuestion(form, "q3", "down"));
    expect(order(form)).toEqual(["s1: q5 q1 q2", "s2: q3 q4"]);
    form = formOf(moveQuestion(form, "q4", "up"));
    expect(order(form)).toEqual(["s1: q5 q1 q2", "s2: q4 q3"]);
    expect(order(formOf(moveQuestion(form, "q4", "up")))).toEqual(["s1: q5 q1 q2 q4", "s2: q3"]);
  });
});
