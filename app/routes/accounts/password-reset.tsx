import { data, isRouteErrorResponse, useRouteError } from "react-router";
import type { Route } from "./+types/password-reset";
import { clearSessionCookie, requireSameOrigin } from "~/features/accounts/auth.server";
import { emailTokenState, peekEmailToken, resetPassword } from "~/features/accounts/email-tokens.server";
import { ErrorSummary, TextField } from "~/ui/form";
import { appContext } from "~/context";
import { TOKEN_PAGE_REFERRER_POLICY } from "~/lib/http";
import { fr } from "~/lib/messages";
import { readForm } from "~/lib/forms";

const m = fr.mail.reset;
const MAX_BODY_BYTES = 16_384;
const ids = { password: "mot-de-passe", confirm: "confirmation" };

export async function loader({ params, context }: Route.LoaderArgs) {
  // A dead link is a page that says what to do (404). A used one answers 200: the page
  // is also shown right after its own successful POST, when the link has just been used.
  const state = await emailTokenState(context.get(appContext).database.db, params.token, "reset-password");
  if (state === "dead") return data({ invalid: true, used: false }, { status: 404 });
  return { invalid: state === "used", used: state === "used" };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { database, env } = context.get(appContext);
  requireSameOrigin(request, env);
  if (!(await peekEmailToken(database.db, params.token, "reset-password"))) throw data({ invalid: true }, { status: 404 });
  const form = await readForm(request, { maxBytes: MAX_BODY_BYTES });
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const outcome = await resetPassword(database.db, { token: params.token, password: text("mot_de_passe"), confirm: text("confirmation") });
  switch (outcome.kind) {
    case "invalid-token":
      throw data({ invalid: true }, { status: 404 });
    case "invalid":
      return data({ errors: outcome.errors }, { status: 400 });
    case "done":
      // Every session ended, this browser's too: sign in again with the new password.
      return data({ done: true as const }, { headers: { "Set-Cookie": clearSessionCookie(env) } });
  }
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store", "Referrer-Policy": TOKEN_PAGE_REFERRER_POLICY });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PasswordReset({ loaderData, actionData, params }: Route.ComponentProps) {
  if (actionData && "done" in actionData) {
    return (
      <>
        <title>{`${m.pageTitle} — ${fr.site.name}`}</title>
        <h1>{m.pageTitle}</h1>
        <p className="notice" role="status">
          {m.done}
        </p>
        <p>
          <a href="/connexion">{fr.mail.invitation.signIn}</a>
        </p>
      </>
    );
  }
  if (loaderData.invalid) return <InvalidLink />;
  const errors = actionData?.errors ?? {};
  const failed = Object.keys(errors).length > 0;
  return (
    <>
      <title>{`${failed ? fr.mail.errorTitlePrefix : ""}${m.pageTitle} — ${fr.site.name}`}</title>
      <h1>{m.pageTitle}</h1>
      <ErrorSummary title={fr.mail.errorSummary} errors={errors} ids={ids} />
      <form method="post" action={`/mot-de-passe/${encodeURIComponent(params.token)}`} noValidate>
        <TextField quietRequired required id={ids.password} name="mot_de_passe" type="password" label={m.passwordLabel} hint={fr.mail.invitation.passwordHint} autoComplete="new-password" error={errors.password} />
        <TextField quietRequired required id={ids.confirm} name="confirmation" type="password" label={m.confirmLabel} autoComplete="new-password" error={errors.confirm} />
        <button type="submit">{m.submit}</button>
      </form>
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (!isRouteErrorResponse(error) || error.status !== 404) throw error;
  return <InvalidLink />;
}

function InvalidLink() {
  return (
    <>
      <title>{`${m.pageTitle} — ${fr.site.name}`}</title>
      <h1>{m.pageTitle}</h1>
      <p>{m.invalid}</p>
      <p>
        <a href="/mot-de-passe-oublie">{m.again}</a>
      </p>
    </>
  );
}
