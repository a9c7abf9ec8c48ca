import { ErrorSummary } from "~/ui/form";
import { fr } from "~/lib/messages";
import { SIGN_IN_FIELDS, type SignInErrors, type SignInValues } from "./sign-in";

const m = fr.accounts.signIn;
const ids = { email: "email", emailHint: "email-aide", emailError: "email-erreur", password: "mot-de-passe", passwordError: "mot-de-passe-erreur" };

/**
 * The sign-in form: plain HTML (works without JavaScript), labels, hint, an error summary
 * that takes the focus and each message next to its field; the address typed is kept.
 */
export function SignInForm({ values, errors, problem, returnTo }: { values: SignInValues; errors: SignInErrors; problem: { title: string; text: string } | null; returnTo: string | null }) {
  const list = [
    errors.email ? { href: `#${ids.email}`, text: errors.email } : null,
    errors.password ? { href: `#${ids.password}`, text: errors.password } : null,
  ].filter((p): p is { href: string; text: string } => p !== null);
  return (
    <>
      {problem ? (
        <div className="error-summary" tabIndex={-1} autoFocus aria-labelledby="erreurs-titre">
          <h2 id="erreurs-titre">{problem.title}</h2>
          <p>{problem.text}</p>
        </div>
      ) : list.length > 0 ? (
        <ErrorSummary title={m.errorSummary} problems={list} />
      ) : null}
      <form method="post" action={returnTo ? `/connexion?retour=${encodeURIComponent(returnTo)}` : "/connexion"} noValidate className="sign-in-form">
        {returnTo ? <input type="hidden" name={SIGN_IN_FIELDS.returnTo} value={returnTo} /> : null}
        <div className={errors.email ? "field field-invalid" : "field"}>
          <label htmlFor={ids.email}>{m.emailLabel}</label>
          <p id={ids.emailHint} className="hint">
            {m.emailHint}
          </p>
          {errors.email ? (
            <p id={ids.emailError} className="field-error">
              {errors.email}
            </p>
          ) : null}
          <input
            type="email"
            id={ids.email}
            name={SIGN_IN_FIELDS.email}
            autoComplete="username"
            spellCheck={false}
            required
            defaultValue={values.email}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={[ids.emailHint, errors.email ? ids.emailError : null].filter(Boolean).join(" ")}
          />
        </div>
        <div className={errors.password ? "field field-invalid" : "field"}>
          <label htmlFor={ids.password}>{m.passwordLabel}</label>
          {errors.password ? (
            <p id={ids.passwordError} className="field-error">
              {errors.password}
            </p>
          ) : null}
          <input
            type="password"
            id={ids.password}
            name={SIGN_IN_FIELDS.password}
            autoComplete="current-password"
            required
            aria-invalid={errors.password ? true : undefined}
            aria-describedby={errors.password ? ids.passwordError : undefined}
          />
        </div>
        <button type="submit">{m.submit}</button>
      </form>
    </>
  );
}
