/** Small pieces of the plain HTML forms of invitations, reset and staff pages. */
import { fr } from "~/lib/messages";

export type FieldErrors = Partial<Record<string, string>>;

/** The error summary (takes the focus), linking to each field whose message is listed. */
export function ErrorSummary({ errors, ids, problem }: { errors: FieldErrors; ids: Record<string, string>; problem?: string | null }) {
  const list = Object.entries(errors).filter((e): e is [string, string] => Boolean(e[1]));
  if (!problem && list.length === 0) return null;
  return (
    <div className="error-summary" tabIndex={-1} autoFocus aria-labelledby="erreurs-titre">
      <h2 id="erreurs-titre">{fr.mail.errorSummary(problem ? 1 : list.length)}</h2>
      {problem ? (
        <p>{problem}</p>
      ) : (
        <ul>
          {list.map(([field, text]) => (
            <li key={field}>
              <a href={`#${ids[field] ?? field}`}>{text}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Field(props: { id: string; name: string; label: string; type?: string; hint?: string; error?: string | undefined; defaultValue?: string; autoComplete?: string }) {
  const hintId = `${props.id}-aide`;
  const errorId = `${props.id}-erreur`;
  const describedBy = [props.hint ? hintId : null, props.error ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className={props.error ? "field field-invalid" : "field"}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint ? (
        <p id={hintId} className="hint">
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p id={errorId} className="field-error">
          {props.error}
        </p>
      ) : null}
      <input
        type={props.type ?? "text"}
        id={props.id}
        name={props.name}
        autoComplete={props.autoComplete}
        required
        defaultValue={props.defaultValue}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
    </div>
  );
}
