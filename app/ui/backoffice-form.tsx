/**
 * Building blocks of the back-office forms: error summary, text fields, checkbox groups,
 * each error next to its field (aria-describedby, aria-invalid). Plain HTML forms: they
 * work without JavaScript.
 */
import type { ReactNode } from "react";
import { fr } from "~/lib/messages";
import { ErrorSummary as SharedErrorSummary } from "./error-summary";

const m = fr.backoffice;

export const fieldId = (name: string) => `champ-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
export const errorId = (name: string) => `${fieldId(name)}-erreur`;
const hintId = (name: string) => `${fieldId(name)}-aide`;

/** The shared error summary, titled for the back-office; nothing when there is no problem. */
export function ErrorSummary({ problems }: { problems: { href: string; text: string }[] }) {
  if (problems.length === 0) return null;
  return <SharedErrorSummary title={m.errorSummary(problems.length)} problems={problems} id="erreurs" />;
}

export function FieldError({ name, error }: { name: string; error: string | undefined }) {
  return error ? (
    <p id={errorId(name)} className="field-error">
      {error}
    </p>
  ) : null;
}

function describedBy(name: string, hint: boolean, error: boolean): string | undefined {
  return [hint ? hintId(name) : null, error ? errorId(name) : null].filter(Boolean).join(" ") || undefined;
}

export function TextField(props: {
  name: string;
  label: string;
  value: string;
  error?: string;
  hint?: string;
  required?: boolean;
  multiline?: boolean;
  rows?: number;
  type?: string;
  inputMode?: "numeric" | "decimal" | "tel" | "email" | "url";
  autoComplete?: string;
}) {
  const { name, label, value, error, hint, required, multiline, rows, type, inputMode, autoComplete } = props;
  const common = {
    id: fieldId(name),
    name,
    defaultValue: value,
    required,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(name, !!hint, !!error),
  };
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={fieldId(name)}>
        {label}
        {required ? " (obligatoire)" : ""}
      </label>
      {hint ? (
        <p id={hintId(name)} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldError name={name} error={error} />
      {multiline ? <textarea {...common} rows={rows ?? 4} /> : <input {...common} type={type ?? "text"} inputMode={inputMode} autoComplete={autoComplete} />}
    </div>
  );
}

export function CheckboxGroup(props: { name: string; legend: string; options: readonly string[]; labels?: (value: string) => string; checked: readonly string[]; error?: string; children?: ReactNode }) {
  const { name, legend, options, labels, checked, error } = props;
  const selected = new Set(checked);
  return (
    <fieldset aria-describedby={error ? errorId(name) : undefined} className={error ? "field-invalid" : undefined}>
      <legend>{legend}</legend>
      <FieldError name={name} error={error} />
      {options.map((value, i) => {
        const id = i === 0 ? fieldId(name) : `${fieldId(name)}-${i}`;
        return (
          <div className="check" key={value}>
            <input type="checkbox" id={id} name={name} value={value} defaultChecked={selected.has(value)} />
            <label htmlFor={id}>{labels ? labels(value) : value}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <p className="notice" role="status">
      {children}
    </p>
  );
}
