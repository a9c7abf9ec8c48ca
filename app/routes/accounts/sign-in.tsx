import { data, redirect } from "react-router";
import type { Route } from "./+types/sign-in";
import { getSignedIn, requireSameOrigin, safeReturnPath, sessionCookie } from "~/features/accounts/auth.server";
import { SignInForm } from "~/features/accounts/sign-in-form";
import { SIGN_IN_FIELDS, type SignInErrors, type SignInValues } from "~/features/accounts/sign-in";
import { signIn } from "~/features/accounts/sign-in.server";
import { oidcButton } from "~/features/oidc/config.server";
import { OidcSignInLink } from "~/features/oidc/oidc-sign-in-link";
import { waitWords } from "~/features/reports/report-form";
import { appContext } from "~/context";
import { formPageHeaders } from "~/lib/http";
import { fr } from "~/lib/messages";
import { readForm } from "~/lib/forms";

const m = fr.accounts.signIn;
const MAX_BODY_BYTES = 16_384;

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const returnTo = safeReturnPath(url.searchParams.get(SIGN_IN_FIELDS.returnTo));
  if (await getSignedIn(request, context)) throw redirect(returnTo ?? "/gestion");
  return { returnTo, signedOut: url.searchParams.has("deconnecte"), oidc: oidcButton(context.get(appContext).env) };
}

type ActionResult = { errors: SignInErrors; values: SignInValues; problem: { title: string; text: string } | null };

export async function action({ request, context }: Route.ActionArgs) {
  const { database, env, clientAddress } = context.get(appContext);
  requireSameOrigin(request, env);
  const form = await readForm(request, { maxBytes: MAX_BODY_BYTES });
  const outcome = await signIn(database.db, { form, clientAddress, secret: env.sessionSecret });
  switch (outcome.kind) {
    case "signed-in":
      return redirect(safeReturnPath(form.get(SIGN_IN_FIELDS.returnTo)) ?? "/gestion", {
        status: 303,
        headers: { "Set-Cookie": sessionCookie(env, outcome.token, outcome.expiresAt), "Cache-Control": "no-store" },
      });
    case "invalid":
      return data<ActionResult>({ errors: outcome.errors, values: outcome.values, problem: null }, { status: 400 });
    case "wrong":
      return data<ActionResult>({ errors: {}, values: outcome.values, problem: { title: m.errorSummary(1), text: m.wrongCredentials } }, { status: 400 });
    case "limited":
      return data<ActionResult>(
        { errors: {}, values: outcome.values, problem: { title: m.tooManyTitle, text: m.tooMany(waitWords(outcome.retryAfterSeconds)) } },
        { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
      );
  }
}

export const headers: Route.HeadersFunction = formPageHeaders;

export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function SignIn({ loaderData, actionData }: Route.ComponentProps) {
  const failed = Boolean(actionData && (actionData.problem || Object.keys(actionData.errors).length > 0));
  return (
    <>
      <title>{`${failed ? m.errorTitlePrefix : ""}${m.pageTitle} — ${fr.site.name}`}</title>
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      {loaderData.signedOut && !actionData ? (
        <p className="notice" role="status">
          {m.signedOut}
        </p>
      ) : null}
      {/* OpenID Connect (ProConnect), when configured: app/features/oidc. */}
      <OidcSignInLink button={loaderData.oidc} returnTo={loaderData.returnTo} />
      <SignInForm values={actionData?.values ?? { email: "" }} errors={actionData?.errors ?? {}} problem={actionData?.problem ?? null} returnTo={loaderData.returnTo} />
      <p>
        <a href="/mot-de-passe-oublie">{fr.mail.forgot.link}</a>
      </p>
    </>
  );
}
