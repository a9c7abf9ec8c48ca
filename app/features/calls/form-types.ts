/**
 * A call for projects' form, as stored in `calls.draft_form` and frozen in `call_versions.form`,
 * and the answers an application holds in `applications.answers` (by question id).
 * form-model.ts checks forms and answers and evaluates conditions; this file is only the shapes.
 */

export const QUESTION_TYPES = [
  "short_text", "long_text", "number", "amount", "date", "single_choice", "multiple_choice", "yes_no", "place", "budget", "file",
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Shown only when an earlier question (single choice, multiple choice or yes/no) was answered with one of these values. */
export type Condition = { questionId: string; anyOf: string[] };

/** An eligibility question (single choice or yes/no): any other answer stops the application with this plain reason. */
export type Eligibility = { accepted: string[]; reason: string };

export type Question = {
  /** Stable within the call (answers are keyed by it across versions): q1, q2, … */
  id: string;
  type: QuestionType;
  label: string;
  help?: string;
  required: boolean;
  /** single_choice, multiple_choice: the choices (yes_no has « oui » / « non »). */
  options?: string[];
  condition?: Condition;
  eligibility?: Eligibility;
  /** number: bounds; short_text / long_text: maxLength. */
  min?: number;
  max?: number;
};

export type Section = { id: string; title: string; description?: string; questions: Question[] };

export type CallForm = { sections: Section[] };

export type BudgetLine = { label: string; amountCents: number };

/**
 * An answer's shape by question type:
 * short_text, long_text, single_choice, date (YYYY-MM-DD), place (a place id): string;
 * yes_no: "oui" | "non"; number: number; amount: integer cents; multiple_choice: string[];
 * budget: { lines: BudgetLine[] }; file: application_files ids (string[]).
 */
export type Answer = string | number | string[] | { lines: BudgetLine[] };
export type Answers = Record<string, Answer>;

/** The scoring grid: each criterion scored 0…scale, weighted. */
export type Grid = { scale: number; criteria: { id: string; label: string; weight: number }[] };
/** A criterion's score (null: only commented so far, in a draft review) and its comment. */
export type Scores = Record<string, { score: number | null; comment: string }>;
