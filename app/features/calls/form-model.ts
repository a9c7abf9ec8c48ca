/**
 * A call's form and a place's answers to it, pure (the shapes are in form-types.ts):
 *
 * - `checkForm`: is this JSON a form we can show? Unique ids, real choices, conditions on an
 *   earlier choice question and among its choices, eligibility with a reason — in French,
 *   naming the question. The builder (form-builder.ts) keeps a draft passing it after each change.
 * - `visibleQuestionIds`: which questions the answers so far make visible, in form order.
 * - `readSectionAnswers`: one section's form post read into typed answers (a draft section may
 *   be incomplete, never malformed). Files are uploaded elsewhere (file-check.ts).
 * - at submission: `missingAnswers`, `eligibilityStop`, `pruneHidden`.
 * - `formatAnswer`: an answer as plain French text, for exports and read-only pages.
 *
 * Form fields are named after the question's id: `q_<id>`, and for a budget `q_<id>_label` and
 * `q_<id>_amount` once per line. Ids have no underscore, so the names cannot collide.
 */
import { z } from "zod";
import { parseIsoDate } from "~/features/time/calendar";
import { formatDate } from "~/features/time/format";
import { isUuid } from "~/lib/ids";
import { formatNumber, fr } from "~/lib/messages";
import { eurosField, formatEuros, readEuros } from "~/lib/money";
import { QUESTION_TYPES, type Answer, type Answers, type BudgetLine, type CallForm, type Question, type QuestionType } from "./form-types";

const m = fr.calls;

/** The types another question's condition may rest on. */
export const CONDITION_TYPES: readonly QuestionType[] = ["single_choice", "multiple_choice", "yes_no"];
/** The types that may decide eligibility. */
export const ELIGIBILITY_TYPES: readonly QuestionType[] = ["single_choice", "yes_no"];
/** The types whose choices the coordinator writes. */
export const CHOICE_TYPES: readonly QuestionType[] = ["single_choice", "multiple_choice"];
export const YES_NO = ["oui", "non"] as const;

export const LIMITS = {
  sections: 30,
  questions: 200,
  sectionTitle: 200,
  sectionDescription: 2000,
  label: 300,
  help: 1000,
  options: 50,
  reason: 500,
  /** Default longest answers when the question sets no `max`. */
  shortText: 300,
  longText: 10_000,
  budgetLines: 50,
  budgetLabel: 200,
  /** Amounts up to 9 999 999,99 € (what `readEuros` reads). */
  amountCents: 999_999_999,
} as const;

/** Question and section ids: q1, s2 … (letters, digits, hyphens; no underscore, see the field names). */
const ID = /^[A-Za-z0-9-]{1,40}$/;

/** The field a question's answer is posted in. */
export const fieldName = (questionId: string) => `q_${questionId}`;

/** The choices a question offers: its options, « oui » / « non » for yes/no, none for the other types. */
export function optionsOf(question: Question): readonly string[] {
  if (question.type === "yes_no") return YES_NO;
  return CHOICE_TYPES.includes(question.type) ? (question.options ?? []) : [];
}

/** Every question, in form order. */
export function allQuestions(form: CallForm): Question[] {
  return form.sections.flatMap((s) => s.questions);
}

/** A builder field a problem belongs to (form-builder.ts shows it there). */
export type QuestionField = "label" | "options" | "condition_question" | "condition_values" | "eligibility_accepted" | "eligibility_reason" | "max";
export type QuestionProblem = { field: QuestionField; message: string };

/** What is wrong with a question, given the questions before it in the form: the rules checkForm and the builder share. */
export function questionProblems(question: Question, earlier: readonly Question[]): QuestionProblem[] {
  const p = m.problems;
  const problems: QuestionProblem[] = [];
  const add = (field: QuestionField, message: string) => problems.push({ field, message });

  const label = question.label.trim();
  if (label === "") add("label", p.labelEmpty);
  else if (label.length > LIMITS.label) add("label", p.labelLong(LIMITS.label));

  if (CHOICE_TYPES.includes(question.type)) {
    const options = question.options ?? [];
    const seen = new Set<string>();
    let problem: string | undefined;
    for (const option of options) {
      if (option.trim() === "") problem ??= p.optionEmpty;
      else if (seen.has(option.trim())) problem ??= p.optionTwice(option.trim());
      seen.add(option.trim());
    }
    if (problem) add("options", problem);
    else if (seen.size < 2) add("options", p.optionsFew);
    else if (seen.size > LIMITS.options) add("options", p.optionsMany(LIMITS.options));
  }

  if (question.condition) {
    const target = earlier.find((q) => q.id === question.condition!.questionId);
    if (!target) add("condition_question", p.conditionBefore);
    else if (!CONDITION_TYPES.includes(target.type)) add("condition_question", p.conditionType);
    else if (question.condition.anyOf.length === 0) add("condition_values", p.conditionValuesEmpty);
    else {
      const unknown = question.condition.anyOf.filter((v) => !optionsOf(target).includes(v));
      if (unknown.length > 0) add("condition_values", p.conditionValues(unknown, target.label));
    }
  }

  if (question.eligibility) {
    const { accepted, reason } = question.eligibility;
    if (!ELIGIBILITY_TYPES.includes(question.type)) add("eligibility_accepted", p.eligibilityType);
    else if (accepted.length === 0) add("eligibility_accepted", p.eligibilityAcceptedEmpty);
    else {
      const unknown = accepted.filter((v) => !optionsOf(question).includes(v));
      if (unknown.length > 0) add("eligibility_accepted", p.eligibilityValues(unknown));
    }
    if (reason.trim() === "") add("eligibility_reason", p.eligibilityReason);
  }

  if (question.min !== undefined && question.max !== undefined && question.min > question.max) add("max", p.bounds);
  else if ((question.type === "short_text" || question.type === "long_text") && question.max !== undefined && !(Number.isInteger(question.max) && question.max >= 1)) {
    add("max", p.textMax);
  }
  return problems;
}

const QuestionSchema = z.object({
  id: z.string().regex(ID),
  type: z.enum(QUESTION_TYPES),
  label: z.string(),
  help: z.string().optional(),
  required: z.boolean(),
  options: z.array(z.string()).optional(),
  condition: z.object({ questionId: z.string(), anyOf: z.array(z.string()) }).optional(),
  eligibility: z.object({ accepted: z.array(z.string()), reason: z.string() }).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});

/** A call's form as stored (`calls.draft_form`, `call_versions.form`): its shape, then the rules between questions. */
export const CallFormSchema = z
  .object({
    sections: z.array(z.object({ id: z.string().regex(ID), title: z.string(), description: z.string().optional(), questions: z.array(QuestionSchema) })),
  })
  .superRefine((form, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: "custom", message });
    const sectionIds = new Set<string>();
    const questionIds = new Set<string>();
    const earlier: Question[] = [];
    form.sections.forEach((section, index) => {
      if (sectionIds.has(section.id)) issue(m.form.sectionIdTwice(section.id));
      sectionIds.add(section.id);
      if (section.title.trim() === "") issue(m.form.sectionTitle(index + 1));
      for (const question of section.questions) {
        const name = question.label.trim() || question.id;
        if (questionIds.has(question.id)) issue(m.form.question(name, m.form.idTwice(question.id)));
        questionIds.add(question.id);
        for (const problem of questionProblems(question, earlier)) issue(m.form.question(name, problem.message));
        earlier.push(question);
      }
    });
    if (form.sections.length > LIMITS.sections) issue(m.builder.tooManySections(LIMITS.sections));
    if (earlier.length > LIMITS.questions) issue(m.builder.tooManyQuestions(LIMITS.questions));
  });

/** A stored form checked: the form (unknown keys dropped), or every problem in French. */
export function checkForm(json: unknown): { ok: true; form: CallForm } | { ok: false; errors: string[] } {
  const result = CallFormSchema.safeParse(json);
  if (result.success) return { ok: true, form: result.data };
  const errors = result.error.issues.map((issue) => (issue.code === "custom" ? issue.message : m.form.malformed(issue.path.join(".") || "formulaire")));
  return { ok: false, errors: [...new Set(errors)] };
}

function isBudget(answer: Answer | undefined): answer is { lines: BudgetLine[] } {
  return typeof answer === "object" && answer !== null && !Array.isArray(answer) && Array.isArray(answer.lines);
}

/** Does this answer show the condition's question? A multiple choice does when any of its choices is one of `anyOf`. */
function meetsCondition(anyOf: readonly string[], answer: Answer | undefined): boolean {
  if (typeof answer === "string") return anyOf.includes(answer);
  if (Array.isArray(answer)) return answer.some((v) => anyOf.includes(v));
  return false;
}

/**
 * The questions these answers make visible. Conditions are read in form order, each on an
 * earlier question, so one pass settles them: a question whose condition rests on a hidden
 * question is hidden too, whatever that hidden question's stale answer says.
 */
export function visibleQuestionIds(form: CallForm, answers: Answers): Set<string> {
  const visible = new Set<string>();
  for (const question of allQuestions(form)) {
    const condition = question.condition;
    if (!condition || (visible.has(condition.questionId) && meetsCondition(condition.anyOf, answers[condition.questionId]))) visible.add(question.id);
  }
  return visible;
}

type Read = { ok: true; answer: Answer | undefined } | { ok: false; error: string };
const answer = (value: Answer | undefined): Read => ({ ok: true, answer: value });
const error = (message: string): Read => ({ ok: false, error: message });

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value.trim() : "";
};
const texts = (formData: FormData, name: string) => formData.getAll(name).map((v) => (typeof v === "string" ? v.trim() : ""));

/** « 12 », « -3,5 », « 1 234.5 »: a decimal number typed by a person, or undefined. */
export function readDecimal(value: string): number | undefined {
  const compact = value.replace(/[\s\u00a0\u202f]/g, "");
  if (!/^[-−]?\d+(?:[.,]\d+)?$/.test(compact)) return undefined;
  const number = Number(compact.replace("−", "-").replace(",", "."));
  return Number.isFinite(number) ? number : undefined;
}

function readBudget(question: Question, formData: FormData): Read {
  const name = fieldName(question.id);
  const labels = texts(formData, `${name}_label`);
  const amounts = texts(formData, `${name}_amount`);
  const lines: BudgetLine[] = [];
  for (let i = 0; i < Math.max(labels.length, amounts.length); i++) {
    const label = labels[i] ?? "";
    const amount = amounts[i] ?? "";
    if (label === "" && amount === "") continue;
    if (label === "" || amount === "") return error(m.answers.budgetLine(i + 1));
    if (label.length > LIMITS.budgetLabel) return error(m.answers.budgetLabelLong(i + 1, LIMITS.budgetLabel));
    const amountCents = readEuros(amount, LIMITS.amountCents);
    if (amountCents === undefined) return error(m.answers.budgetAmount(i + 1));
    lines.push({ label, amountCents });
  }
  if (lines.length > LIMITS.budgetLines) return error(m.answers.budgetMany(LIMITS.budgetLines));
  return answer(lines.length > 0 ? { lines } : undefined);
}

/** One question's posted answer: its typed value, undefined when left empty, or why it is malformed. */
function readAnswer(question: Question, formData: FormData): Read {
  const name = fieldName(question.id);
  switch (question.type) {
    case "short_text":
    case "long_text": {
      const value = question.type === "long_text" ? text(formData, name).replace(/\r\n?/g, "\n") : text(formData, name).replace(/\s+/g, " ");
      const max = question.max ?? (question.type === "long_text" ? LIMITS.longText : LIMITS.shortText);
      if (value.length > max) return error(m.answers.textLong(max));
      return answer(value || undefined);
    }
    case "number": {
      const value = text(formData, name);
      if (value === "") return answer(undefined);
      const number = readDecimal(value);
      if (number === undefined) return error(m.answers.number);
      if (question.min !== undefined && number < question.min) return error(m.answers.numberMin(formatNumber(question.min)));
      if (question.max !== undefined && number > question.max) return error(m.answers.numberMax(formatNumber(question.max)));
      return answer(number);
    }
    case "amount": {
      const value = text(formData, name);
      if (value === "") return answer(undefined);
      const cents = readEuros(value, LIMITS.amountCents);
      return cents === undefined ? error(m.answers.amount) : answer(cents);
    }
    case "date": {
      const value = text(formData, name);
      if (value === "") return answer(undefined);
      return parseIsoDate(value) ? answer(value) : error(m.answers.date);
    }
    case "single_choice":
    case "yes_no": {
      const value = text(formData, name);
      if (value === "") return answer(undefined);
      return optionsOf(question).includes(value) ? answer(value) : error(m.answers.choice);
    }
    case "multiple_choice": {
      const chosen = new Set(texts(formData, name).filter((v) => v !== ""));
      const options = optionsOf(question);
      if ([...chosen].some((v) => !options.includes(v))) return error(m.answers.choice);
      return answer(chosen.size > 0 ? options.filter((o) => chosen.has(o)) : undefined);
    }
    case "place": {
      const value = text(formData, name);
      if (value === "") return answer(undefined);
      return isUuid(value) ? answer(value.toLowerCase()) : error(m.answers.place);
    }
    case "budget":
      return readBudget(question, formData);
    case "file":
      throw new Error("File answers are uploaded, not read from the form");
  }
}

/**
 * One section's form post read into the answers. A draft section may be incomplete (required
 * questions are checked at submission, by `missingAnswers`), but a malformed value is refused
 * with a French message by question id, and that question keeps its existing answer. An
 * empty field removes its answer; file questions keep theirs (uploads are handled elsewhere).
 * A question hidden by the answers given is not blamed for its value: `pruneHidden` drops it
 * at submission. Whether a place answer is a place the applicant may name is the caller's to check.
 */
export function readSectionAnswers(form: CallForm, sectionId: string, formData: FormData, existing: Answers): { answers: Answers; errors: Record<string, string> } {
  const answers: Answers = { ...existing };
  const errors: Record<string, string> = {};
  const section = form.sections.find((s) => s.id === sectionId);
  for (const question of section?.questions ?? []) {
    if (question.type === "file") continue;
    const read = readAnswer(question, formData);
    if (!read.ok) errors[question.id] = read.error;
    else if (read.answer === undefined) delete answers[question.id];
    else answers[question.id] = read.answer;
  }
  const visible = visibleQuestionIds(form, answers);
  for (const id of Object.keys(errors)) if (!visible.has(id)) delete errors[id];
  return { answers, errors };
}

/** A stored answer written back as the form would post it (for `storedAnswerProblems`), or null when its shape is not the type's. */
function postedAgain(question: Question, answer: Answer): FormData | null {
  const formData = new FormData();
  const name = fieldName(question.id);
  switch (question.type) {
    case "number":
      if (typeof answer !== "number") return null;
      formData.set(name, String(answer));
      return formData;
    case "amount":
      if (typeof answer !== "number" || !Number.isInteger(answer)) return null;
      formData.set(name, eurosField(answer));
      return formData;
    case "multiple_choice":
      if (!Array.isArray(answer)) return null;
      for (const value of answer) formData.append(name, value);
      return formData;
    case "budget":
      if (!isBudget(answer)) return null;
      for (const line of answer.lines) {
        formData.append(`${name}_label`, line.label);
        formData.append(`${name}_amount`, eurosField(line.amountCents));
      }
      return formData;
    default:
      if (typeof answer !== "string") return null;
      formData.set(name, answer);
      return formData;
  }
}

/**
 * At submission: each visible answer checked again against its question as the form reads it
 * (a choice still offered, a number within its bounds, a real date…), by question id — answers
 * carried over from an earlier version or a renewal must still fit the question asked now.
 */
export function storedAnswerProblems(form: CallForm, answers: Answers): Record<string, string> {
  const visible = visibleQuestionIds(form, answers);
  const problems: Record<string, string> = {};
  for (const question of allQuestions(form)) {
    const answer = answers[question.id];
    if (question.type === "file" || answer === undefined || !visible.has(question.id)) continue;
    const posted = postedAgain(question, answer);
    const read = posted ? readAnswer(question, posted) : null;
    if (!read || !read.ok) problems[question.id] = read && !read.ok ? read.error : m.answers.stale;
  }
  return problems;
}

/** Is this a real answer to the question (of its type's shape, not empty)? */
export function isAnswered(question: Question, answer: Answer | undefined): boolean {
  switch (question.type) {
    case "number":
    case "amount":
      return typeof answer === "number" && Number.isFinite(answer);
    case "multiple_choice":
    case "file":
      return Array.isArray(answer) && answer.length > 0 && answer.every((v) => typeof v === "string" && v !== "");
    case "budget":
      return isBudget(answer) && answer.lines.length > 0;
    default:
      return typeof answer === "string" && answer.trim() !== "";
  }
}

/** At submission: each visible required question left unanswered, by question id. */
export function missingAnswers(form: CallForm, answers: Answers): Record<string, string> {
  const visible = visibleQuestionIds(form, answers);
  const missing: Record<string, string> = {};
  for (const question of allQuestions(form)) {
    if (question.required && visible.has(question.id) && !isAnswered(question, answers[question.id])) missing[question.id] = m.answers.required;
  }
  return missing;
}

/** The first visible eligibility question answered with a value it does not accept, and the reason the place cannot apply. */
export function eligibilityStop(form: CallForm, answers: Answers): { questionId: string; reason: string } | null {
  const visible = visibleQuestionIds(form, answers);
  for (const question of allQuestions(form)) {
    if (!question.eligibility || !visible.has(question.id)) continue;
    const given = answers[question.id];
    if (typeof given === "string" && !question.eligibility.accepted.includes(given)) return { questionId: question.id, reason: question.eligibility.reason };
  }
  return null;
}

/** The answers kept at submission: those of visible questions (answers to hidden questions, or to questions this form does not have, are dropped). */
export function pruneHidden(form: CallForm, answers: Answers): Answers {
  const visible = visibleQuestionIds(form, answers);
  const kept: Answers = {};
  for (const [id, value] of Object.entries(answers)) if (visible.has(id)) kept[id] = value;
  return kept;
}

/** A budget's total, in cents. */
export function budgetTotal(answer: { lines: readonly BudgetLine[] }): number {
  let total = 0;
  for (const line of answer.lines) total += line.amountCents;
  return total;
}

/**
 * An answer as plain French text (exports, read-only pages); "" when there is none.
 * `names` gives the names of places (place questions) and of files (file questions) by id;
 * without them a place shows its id and files their count.
 */
export function formatAnswer(question: Question, answer: Answer | undefined, names: Readonly<Record<string, string>> = {}): string {
  const d = m.display;
  if (answer === undefined) return "";
  switch (question.type) {
    case "yes_no":
      return typeof answer === "string" ? (m.yesNo[answer] ?? answer) : String(answer);
    case "number":
      return typeof answer === "number" ? formatNumber(answer) : String(answer);
    case "amount":
      return typeof answer === "number" ? formatEuros(answer) : String(answer);
    case "date":
      return typeof answer === "string" && parseIsoDate(answer) ? formatDate(answer) : String(answer);
    case "place":
      return typeof answer === "string" ? (names[answer] ?? answer) : String(answer);
    case "multiple_choice":
      return Array.isArray(answer) ? answer.join(d.separator) : String(answer);
    case "file":
      if (!Array.isArray(answer)) return "";
      return answer.every((id) => names[id] !== undefined) ? answer.map((id) => names[id]).join(d.separator) : d.files(answer.length);
    case "budget":
      if (!isBudget(answer)) return "";
      return [...answer.lines.map((l) => d.budgetLine(l.label, formatEuros(l.amountCents))), d.budgetTotal(formatEuros(budgetTotal(answer)))].join(d.separator);
    default:
      return Array.isArray(answer) ? answer.join(d.separator) : isBudget(answer) ? "" : String(answer);
  }
}
