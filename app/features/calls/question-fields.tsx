/**
 * A question as the applicant answers it, in plain HTML (works without JavaScript): the field
 * names are form-model.ts's (`q_<id>`; a budget's lines `q_<id>_label` / `q_<id>_amount`), each
 * error next to its field. File questions are uploaded apart (a form of their own per question).
 */
import { eurosField } from "~/lib/money";
import { fr } from "~/lib/messages";
import { CheckboxGroup, RadioGroup, SelectField, TextField, fieldId } from "~/ui/form";
import { fieldName, optionsOf } from "./form-model";
import type { Answer, BudgetLine, Question } from "./form-types";

const p = fr.applications.pages;
export const BUDGET_EMPTY_LINES = 3;

const asText = (answer: Answer | undefined) => (typeof answer === "string" ? answer : typeof answer === "number" ? String(answer) : "");

export function QuestionField(props: { question: Question; answer: Answer | undefined; error?: string; places?: readonly (readonly [string, string])[] }) {
  const { question: q, answer, error } = props;
  const name = fieldName(q.id);
  const label = `${q.label}${q.required ? fr.forms.required : ""}`;
  const hint = q.help || undefined;
  switch (q.type) {
    case "short_text":
      return <TextField name={name} label={label} hint={hint} value={asText(answer)} error={error} />;
    case "long_text":
      return <TextField multiline rows={6} name={name} label={label} hint={hint} value={asText(answer)} error={error} />;
    case "number":
      return <TextField name={name} label={label} hint={hint} value={asText(answer)} error={error} inputMode="decimal" />;
    case "amount":
      return <TextField name={name} label={`${label} ${p.inEuros}`} hint={hint ?? p.amountHint} value={typeof answer === "number" ? eurosField(answer) : ""} error={error} inputMode="decimal" />;
    case "date":
      return <TextField type="date" name={name} label={label} hint={hint ?? p.dateHint} value={asText(answer)} error={error} />;
    case "single_choice":
    case "yes_no":
      return (
        <RadioGroup
          name={name}
          legend={label}
          hint={hint}
          inline={q.type === "yes_no"}
          options={optionsOf(q).map((o) => [o, q.type === "yes_no" ? (o === "oui" ? p.yes : p.no) : o] as const)}
          value={asText(answer)}
          error={error}
        />
      );
    case "multiple_choice":
      return <CheckboxGroup name={name} legend={label} options={optionsOf(q)} checked={Array.isArray(answer) ? (answer as string[]) : []} error={error} />;
    case "place":
      return <SelectField name={name} label={label} hint={hint} options={[["", p.choosePlace], ...(props.places ?? [])]} value={asText(answer)} error={error} />;
    case "budget":
      return <BudgetField question={q} label={label} hint={hint} lines={answer && typeof answer === "object" && !Array.isArray(answer) ? answer.lines : []} error={error} />;
    case "file":
      return null;
  }
}

function BudgetField(props: { question: Question; label: string; hint?: string; lines: BudgetLine[]; error?: string }) {
  const name = fieldName(props.question.id);
  const rows = [...props.lines.map((l) => ({ label: l.label, amount: eurosField(l.amountCents) })), ...Array.from({ length: BUDGET_EMPTY_LINES }, () => ({ label: "", amount: "" }))];
  const id = fieldId(name);
  return (
    <fieldset className={props.error ? "field-invalid" : undefined} aria-describedby={props.error ? `${id}-erreur` : undefined}>
      <legend>{props.label}</legend>
      {props.hint ? <p className="hint">{props.hint}</p> : null}
      {props.error ? (
        <p id={`${id}-erreur`} className="field-error">
          {props.error}
        </p>
      ) : null}
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{p.budgetLine}</th>
            <th scope="col">{p.budgetAmount}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              <td>
                <input id={i === 0 ? id : `${id}-ligne-${i}`} name={`${name}_label`} defaultValue={row.label} aria-label={p.budgetLineN(i + 1)} />
              </td>
              <td>
                <input name={`${name}_amount`} defaultValue={row.amount} inputMode="decimal" aria-label={p.budgetAmountN(i + 1)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{p.budgetHint}</p>
    </fieldset>
  );
}
