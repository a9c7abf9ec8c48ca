/**
 * The coordinator's form builder, without JavaScript: each change is one small form post
 * (add a section, edit a question, move it up…) applied to the draft by one pure function here.
 * Each returns the new form, which passes checkForm, or French messages by form field
 * (`form` for a problem with the whole change). Inputs are read by `SectionInputSchema` and
 * `QuestionInputSchema` (through `parseForm`, app/lib/forms.ts).
 *
 * New ids are the next number after the highest in the draft (q7 after q6). A number freed by
 * deleting the last question could be given again: the caller that knows the published
 * versions should keep a deleted question's id out of use if old answers carry it.
 */
import { z } from "zod";
import { fr } from "~/lib/messages";
import type { FieldErrors } from "~/lib/forms";
import { CHOICE_TYPES, CONDITION_TYPES, LIMITS, allQuestions, checkForm, optionsOf, questionProblems, readDecimal } from "./form-model";
import { QUESTION_TYPES, type CallForm, type Question, type Section } from "./form-types";

const m = fr.calls.builder;
const p = fr.calls.problems;

export type FormChange = { ok: true; form: CallForm } | { ok: false; errors: FieldErrors };

const fail = (field: string, message: string): FormChange => ({ ok: false, errors: { [field]: message } });

/** A text field, trimmed ("" when absent). */
const text = () => z.unknown().optional().transform((v) => (typeof v === "string" ? v.trim() : ""));
const required = (max: number, empty: string, tooLong: string) => text().pipe(z.string().min(1, { error: empty }).max(max, { error: tooLong }));
const optional = (max: number, tooLong: string) =>
  text()
    .pipe(z.string().max(max, { error: tooLong }))
    .transform((v) => (v === "" ? undefined : v));
/** A textarea with one value per line, or the same field sent several times (checkboxes): the non-empty values, once each. */
const lines = () =>
  z.unknown().optional().transform((v) => {
    const values = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string");
    return [...new Set(values.flatMap((x) => x.split(/\r?\n/)).map((x) => x.trim()).filter((x) => x !== ""))];
  });
const decimal = () =>
  text().transform((v, ctx) => {
    if (v === "") return undefined;
    const number = readDecimal(v);
    if (number === undefined) {
      ctx.addIssue({ code: "custom", message: m.number });
      return z.NEVER;
    }
    return number;
  });

/** A section's title and presentation. */
export const SectionInputSchema = z.object({
  title: required(LIMITS.sectionTitle, m.sectionTitleEmpty, m.sectionTitleLong(LIMITS.sectionTitle)),
  description: optional(LIMITS.sectionDescription, m.sectionDescriptionLong(LIMITS.sectionDescription)),
});
export type SectionInput = z.output<typeof SectionInputSchema>;

/** A question as the coordinator wrote it, before it gets its id. */
export type QuestionValues = Omit<Question, "id">;

/**
 * A question's form. Only what its type uses is kept (the page shows every field without
 * JavaScript): choices for choice questions, bounds for numbers, a maximum length for texts.
 * A condition is kept when a question is chosen, an eligibility rule when anything of it is written.
 */
export const QuestionInputSchema = z
  .object({
    type: z.enum(QUESTION_TYPES, { error: m.type }),
    label: required(LIMITS.label, p.labelEmpty, p.labelLong(LIMITS.label)),
    help: optional(LIMITS.help, m.helpLong(LIMITS.help)),
    required: z.unknown().optional().transform((v) => v === "on"),
    options: lines(),
    condition_question: text(),
    condition_values: lines(),
    eligibility_accepted: lines(),
    eligibility_reason: optional(LIMITS.reason, m.reasonLong(LIMITS.reason)),
    min: decimal(),
    max: decimal(),
  })
  .transform((v): QuestionValues => {
    const question: QuestionValues = { type: v.type, label: v.label, required: v.required };
    if (v.help) question.help = v.help;
    if (CHOICE_TYPES.includes(v.type)) question.options = v.options;
    if (v.condition_question !== "") question.condition = { questionId: v.condition_question, anyOf: v.condition_values };
    if (v.eligibility_accepted.length > 0 || v.eligibility_reason) question.eligibility = { accepted: v.eligibility_accepted, reason: v.eligibility_reason ?? "" };
    if (v.type === "number" && v.min !== undefined) question.min = v.min;
    if ((v.type === "number" || v.type === "short_text" || v.type === "long_text") && v.max !== undefined) question.max = v.max;
    return question;
  });

/** The next free id after the highest `<prefix>N` among these. */
function nextId(prefix: "q" | "s", ids: readonly string[]): string {
  let highest = 0;
  for (const id of ids) {
    const match = new RegExp(`^${prefix}(\\d+)$`).exec(id);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return `${prefix}${highest + 1}`;
}

/** Where a question is: its section's index and its own within the section. */
function locate(form: CallForm, questionId: string): { s: number; q: number } | undefined {
  for (let s = 0; s < form.sections.length; s++) {
    const q = form.sections[s]!.questions.findIndex((x) => x.id === questionId);
    if (q >= 0) return { s, q };
  }
  return undefined;
}

function dependentsOf(form: CallForm, questionIds: ReadonlySet<string>): Question[] {
  return allQuestions(form).filter((q) => q.condition && questionIds.has(q.condition.questionId) && !questionIds.has(q.id));
}

const sameChoice = (a: string, b: string) => a.trim().toLocaleLowerCase("fr") === b.trim().toLocaleLowerCase("fr");

/** Values typed for a condition or eligibility (« Oui », « non ») written as the choices they name. */
function asChoices(values: readonly string[], choices: readonly string[]): string[] {
  return [...new Set(values.map((v) => choices.find((c) => sameChoice(c, v)) ?? v))];
}

/** The last safety: the changed form must pass checkForm (its problems go under `form`). */
function checked(form: CallForm): FormChange {
  const result = checkForm(form);
  return result.ok ? { ok: true, form: result.form } : fail("form", result.errors.join(" "));
}

const withSections = (form: CallForm, sections: Section[]): CallForm => ({ ...form, sections });

export function addSection(form: CallForm, input: SectionInput): FormChange {
  if (form.sections.length >= LIMITS.sections) return fail("form", m.tooManySections(LIMITS.sections));
  const section: Section = { id: nextId("s", form.sections.map((s) => s.id)), title: input.title, questions: [] };
  if (input.description) section.description = input.description;
  return checked(withSections(form, [...form.sections, section]));
}

export function updateSection(form: CallForm, sectionId: string, input: SectionInput): FormChange {
  if (!form.sections.some((s) => s.id === sectionId)) return fail("form", m.sectionUnknown);
  return checked(
    withSections(
      form,
      form.sections.map((s) =>
        s.id === sectionId ? { id: s.id, title: input.title, ...(input.description ? { description: input.description } : {}), questions: s.questions } : s,
      ),
    ),
  );
}

/** Removes a section and its questions, unless a question elsewhere depends on one of them. */
export function removeSection(form: CallForm, sectionId: string): FormChange {
  const section = form.sections.find((s) => s.id === sectionId);
  if (!section) return fail("form", m.sectionUnknown);
  const dependent = dependentsOf(form, new Set(section.questions.map((q) => q.id)))[0];
  if (dependent) return fail("form", m.dependsOnSection(dependent.label));
  return checked(withSections(form, form.sections.filter((s) => s !== section)));
}

/** The question these values make, its choices spelled as their targets', and its own problems by field. */
function buildQuestion(id: string, values: QuestionValues, earlier: readonly Question[]): { question: Question; errors: FieldErrors } {
  const question: Question = { id, ...values };
  if (question.condition) {
    const target = earlier.find((q) => q.id === question.condition!.questionId);
    if (target) question.condition = { ...question.condition, anyOf: asChoices(question.condition.anyOf, optionsOf(target)) };
  }
  if (question.eligibility) question.eligibility = { ...question.eligibility, accepted: asChoices(question.eligibility.accepted, optionsOf(question)) };
  const errors: FieldErrors = {};
  for (const problem of questionProblems(question, earlier)) errors[problem.field] ??= problem.message;
  return { question, errors };
}

const questionsBefore = (form: CallForm, s: number, q: number): Question[] => [
  ...form.sections.slice(0, s).flatMap((x) => x.questions),
  ...form.sections[s]!.questions.slice(0, q),
];

function replaceQuestions(form: CallForm, s: number, questions: Question[]): CallForm {
  return withSections(form, form.sections.map((x, i) => (i === s ? { ...x, questions } : x)));
}

/** Adds a question at the end of a section. */
/** `reserved`: ids of questions in published versions, never given again (their answers keep their meaning). */
export function addQuestion(form: CallForm, sectionId: string, values: QuestionValues, reserved: readonly string[] = []): FormChange {
  const s = form.sections.findIndex((x) => x.id === sectionId);
  if (s < 0) return fail("form", m.sectionUnknown);
  const questions = allQuestions(form);
  if (questions.length >= LIMITS.questions) return fail("form", m.tooManyQuestions(LIMITS.questions));
  const section = form.sections[s]!;
  const { question, errors } = buildQuestion(nextId("q", [...questions.map((q) => q.id), ...reserved]), values, questionsBefore(form, s, section.questions.length));
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return checked(replaceQuestions(form, s, [...section.questions, question]));
}

/**
 * Rewrites a question in place (same id). Refused when a question depending on it would lose
 * what it depends on: a choice type, or the choices its condition names.
 */
export function updateQuestion(form: CallForm, questionId: string, values: QuestionValues): FormChange {
  const at = locate(form, questionId);
  if (!at) return fail("form", m.questionUnknown);
  const { question, errors } = buildQuestion(questionId, values, questionsBefore(form, at.s, at.q));
  for (const dependent of dependentsOf(form, new Set([questionId]))) {
    if (!CONDITION_TYPES.includes(question.type)) errors.type ??= m.dependentNeedsChoices(dependent.label);
    else {
      const lost = dependent.condition!.anyOf.filter((v) => !optionsOf(question).includes(v));
      if (lost.length > 0) errors.options ??= m.dependentNeedsOptions(dependent.label, lost);
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const questions = [...form.sections[at.s]!.questions];
  questions[at.q] = question;
  return checked(replaceQuestions(form, at.s, questions));
}

/** Removes a question, unless another question's condition depends on it. */
export function removeQuestion(form: CallForm, questionId: string): FormChange {
  const at = locate(form, questionId);
  if (!at) return fail("form", m.questionUnknown);
  const dependent = dependentsOf(form, new Set([questionId]))[0];
  if (dependent) return fail("form", m.dependsOnIt(dependent.label));
  return checked(replaceQuestions(form, at.s, form.sections[at.s]!.questions.filter((q) => q.id !== questionId)));
}

/**
 * Moves a question one step: within its section, or from the top of a section to the end of
 * the previous one (and from the bottom to the start of the next). A question stays after the
 * one its condition rests on; the first question moving up stays where it is.
 */
export function moveQuestion(form: CallForm, questionId: string, direction: "up" | "down"): FormChange {
  const at = locate(form, questionId);
  if (!at) return fail("form", m.questionUnknown);
  const sections = form.sections.map((s) => ({ ...s, questions: [...s.questions] }));
  const here = sections[at.s]!.questions;
  const question = here[at.q]!;
  if (direction === "up") {
    if (at.q > 0) {
      const before = here[at.q - 1]!;
      if (question.condition?.questionId === before.id) return fail("form", m.moveBeforeCondition(before.label));
      here.splice(at.q - 1, 2, question, before);
    } else if (at.s > 0) {
      here.shift();
      sections[at.s - 1]!.questions.push(question);
    }
  } else if (at.q < here.length - 1) {
    const after = here[at.q + 1]!;
    if (after.condition?.questionId === question.id) return fail("form", m.moveAfterDependent(after.label));
    here.splice(at.q, 2, after, question);
  } else if (at.s < sections.length - 1) {
    here.pop();
    sections[at.s + 1]!.questions.unshift(question);
  }
  return checked(withSections(form, sections));
}
