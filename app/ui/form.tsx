/**
 * The form kit, the one every form uses: error summary, text fields, selects, checkbox groups, each
 * error next to its field (aria-describedby, aria-invalid), the anti-CSRF field, a notice.
 * Plain HTML forms: they work without JavaScript. Field ids derive from names (`fieldId`),
 * so the summary links to the fields; a page may give its own id where it must.
 */
import type { ReactNode } from "react";
import { CSRF_FIELD, type FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";

export const fieldId = (name: string) => `champ-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
export const errorId = (name: string) => `${fieldId(name)}-erreur`;
const hintId = (id: string) => `${id}-aide`;

export type Problem = { href: string; text: string };

/**
 * The list of a form's errors, shown first and focused, each a link to its field (the
 * GOV.UK / DSFR pattern; works without JavaScript through autoFocus). Give `errors` (field →
 * message; linked to `ids[field]` or `fieldId(field)`), or `problems` already linked, and/or
 * one `problem` about the whole form. Nothing when there is no problem.
 */
export function ErrorSummary(props: { errors?: FieldErrors; ids?: Record<string, string>; problems?: Problem[]; problem?: string | null; title?: (count: number) => string; id?: string }) {
  const linked: Problem[] = [
    ...(props.problems ?? []),
    ...Object.entries(props.errors ?? {})
      .filter((e): e is [string, string] => Boolean(e[1]))
      .map(([field, text]) => ({ href: `#${props.ids?.[field] ?? fieldId(field)}`, text })),
  ];
  if (!props.problem && linked.length === 0) return null;
  const title = props.title ?? fr.forms.errorSummary;
  return (
    <div className="error-summary" id={props.id ?? "erreurs"} tabIndex={-1} autoFocus aria-labelledby="erreurs-titre">
      <h2 id="erreurs-titre">{title(linked.length + (props.problem ? 1 : 0))}</h2>
      {props.problem ? <p>{props.problem}</p> : null}
      {linked.length > 0 ? (
        <ul>
          {linked.map((p) => (
            <li key={p.href + p.text}>
              <a href={p.href}>{p.text}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function FieldError({ name, error, id }: { name: string; error: string | undefined; id?: string }) {
  return error ? (
    <p id={id ? `${id}-erreur` : errorId(name)} className="field-error">
      {error}
    </p>
  ) : null;
}

/**
 * A labelled text input (or textarea), its hint and its error. `required` adds the browser's
 * check and " (obligatoire)" to the label unless `quietRequired` (forms where every field is).
 */
export function TextField(props: {
  name: string;
  label: string;
  value?: string;
  id?: string;
  error?: string;
  hint?: string;
  required?: boolean;
  quietRequired?: boolean;
  multiline?: boolean;
  rows?: number;
  type?: string;
  inputMode?: "numeric" | "decimal" | "tel" | "email" | "url";
  autoComplete?: string;
}) {
  const { name, label, value, error, hint, required, quietRequired, multiline, rows, type, inputMode, autoComplete } = props;
  const id = props.id ?? fieldId(name);
  const errorOf = `${id}-erreur`;
  const describedBy = [hint ? hintId(id) : null, error ? errorOf : null].filter(Boolean).join(" ") || undefined;
  const common = { id, name, defaultValue: value, required, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy };
  return (
    <FieldFrame id={id} name={name} label={`${label}${required && !quietRequired ? fr.forms.required : ""}`} hint={hint} error={error}>
      {multiline ? <textarea {...common} rows={rows ?? 4} /> : <input {...common} type={type ?? "text"} inputMode={inputMode} autoComplete={autoComplete} />}
    </FieldFrame>
  );
}

/** What every field has around its control: the label, the hint, the error. */
function FieldFrame({ id, name, label, hint, error, children }: { id: string; name: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId(id)} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldError name={name} id={id} error={error} />
      {children}
    </div>
  );
}

/** A labelled select, its hint and its error. `options`: [value, label] pairs. */
export function SelectField(props: { name: string; label: string; options: readonly (readonly [string, string])[]; value?: string; error?: string; hint?: string; id?: string }) {
  const { name, label, options, value, error, hint } = props;
  const id = props.id ?? fieldId(name);
  const describedBy = [hint ? hintId(id) : null, error ? `${id}-erreur` : null].filter(Boolean).join(" ") || undefined;
  return (
    <FieldFrame id={id} name={name} label={label} hint={hint} error={error}>
      <select id={id} name={name} defaultValue={value} aria-invalid={error ? true : undefined} aria-describedby={describedBy}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </FieldFrame>
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

/** The anti-CSRF token every back-office form carries. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <p className="notice" role="status">
      {children}
    </p>
  );
}

/** One checkbox (its value "oui" when ticked), its label beside it and an optional hint. */
export function CheckboxField({ name, label, checked, hint }: { name: string; label: string; checked: boolean; hint?: string }) {
  const id = fieldId(name);
  return (
    <div className="field">
      <div className="check">
        <input type="checkbox" id={id} name={name} value="oui" defaultChecked={checked} aria-describedby={hint ? `${id}-aide` : undefined} />
        <label htmlFor={id}>{label}</label>
      </div>
      {hint ? (
        <p id={`${id}-aide`} className="hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A group of radio buttons under a legend, its hint and its error. `options`: [value, label] pairs;
 * `inline` lays short choices (durations) on one line.
 */
export function RadioGroup(props: { name: string; legend: string; options: readonly (readonly [string, string])[]; value?: string; error?: string; hint?: string; inline?: boolean; children?: ReactNode }) {
  const { name, legend, options, value, error, hint, inline } = props;
  const describedBy = [hint ? `${fieldId(name)}-aide` : null, error ? errorId(name) : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset aria-describedby={describedBy} className={[error ? "field-invalid" : "", inline ? "radios-inline" : ""].filter(Boolean).join(" ") || undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p id={`${fieldId(name)}-aide`} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldError name={name} error={error} />
      {options.map(([v, label], i) => {
        const id = i === 0 ? fieldId(name) : `${fieldId(name)}-${i}`;
        return (
          <div className="check" key={v}>
            <input type="radio" id={id} name={name} value={v} defaultChecked={value === v} />
            <label htmlFor={id}>{label}</label>
          </div>
        );
      })}
      {props.children}
    </fieldset>
  );
}
