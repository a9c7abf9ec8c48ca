import { data, isRouteErrorResponse, redirect, useRouteError } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/invitation";
import { getSignedIn, requireCsrf, requireSameOrigin, sessionCookie } from "~/features/accounts/auth.server";
import { CSRF_FIELD } from "~/lib/forms";
import { passwordProblem } from "~/features/accounts/password";
import { acceptInvitation, inspectInvitation } from "~/features/invitations/invitations.server";
import { ErrorSummary, TextField } from "~/ui/form";
import { oidcButton } from "~/features/oidc/config.server";
import { OidcSignInLink } from "~/features/oidc/oidc-sign-in-link";
import { appContext } from "~/context";
import { TOKEN_PAGE_REFERRER_POLICY } from "~/lib/http";
import { fr } from "~/lib/messages";
import { readForm } from "~/lib/forms";

const m = fr.mail.invitation;
const MAX_BODY_BYTES = 16_384;
const ids = { name: "nom", password: "mot-de-passe", confirm: "confirmation" };
type Errors = Partial<Record<"name" | "password" | "confirm", string>>;

const NameSchema = z.string().trim().min(1, { error: m.nameEmpty }).max(200, { error: m.nameTooLong });

/** An unusable link: 404 when unknown, 410 when expired, used or revoked — with its French message. */
function refused(kind: "invalid" | "expired" | "used" | "revoked"): never {
  throw data({ kind }, { status: kind === "invalid" ? 404 : 410 });
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { database, env } = context.get(appContext);
  const seen = await inspectInvitation(database.db, params.token);
  if (seen.kind !== "ok") refused(seen.kind);
  const signedIn = await getSignedIn(request, context);
  const { invitation } = seen;
  const mode = signedIn ? (signedIn.user.email === invitation.email ? "accept" : "other-account") : invitation.accountExists ? "sign-in" : "create";
  return { mode, email: invitation.email, role: invitation.role, scopeName: invitation.scopeName, csrfToken: signedIn?.csrfToken ?? null, oidc: oidcButton(env) } as const;
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { database, env } = context.get(appContext);
  const seen = await inspectInvitation(database.db, params.token);
  if (seen.kind !== "ok") refused(seen.kind);
  const form = await readForm(request, { maxBytes: MAX_BODY_BYTES });
  const signedIn = await getSignedIn(request, context);
  if (signedIn) {
    requireCsrf(request, form, signedIn, env);
    const outcome = await acceptInvitation(database.db, { token: params.token, as: { userId: signedIn.user.id, email: signedIn.user.email } });
    if (outcome.kind === "accepted") return redirect("/gestion", { status: 303 });
    if (outcome.kind === "other-account" || outcome.kind === "sign-in-needed") throw data(m.otherAccount, { status: 403 });
    refused(outcome.kind);
  }
  requireSameOrigin(request, env);
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const name = text("nom").slice(0, 300);
  const password = text("mot_de_passe");
  const errors: Errors = {};
  const parsedName = NameSchema.safeParse(name);
  if (!parsedName.success) errors.name = parsedName.error.issues[0]!.message;
  const problem = passwordProblem(password);
  if (problem) errors.password = problem;
  else if (password !== text("confirmation")) errors.confirm = m.confirmMismatch;
  if (Object.keys(errors).length > 0 || !parsedName.success) return data({ errors, name }, { status: 400 });
  const outcome = await acceptInvitation(database.db, { token: params.token, newAccount: { name: parsedName.data, password } });
  if (outcome.kind === "accepted" && outcome.session) {
    return redirect("/gestion", { status: 303, headers: { "Set-Cookie": sessionCookie(env, outcome.session.token, outcome.session.expiresAt), "Cache-Control": "no-store" } });
  }
  if (outcome.kind === "sign-in-needed" || outcome.kind === "other-account" || outcome.kind === "accepted") throw redirect(`/connexion?retour=${encodeURIComponent(`/invitation/${params.token}`)}`);
  refused(outcome.kind);
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store", "Referrer-Policy": TOKEN_PAGE_REFERRER_POLICY });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function Invitation({ loaderData, actionData, params }: Route.ComponentProps) {
  const { mode, email, role, scopeName, csrfToken, oidc } = loaderData;
  const errors: Errors = actionData?.errors ?? {};
  const failed = Object.keys(errors).length > 0;
  const here = `/invitation/${encodeURIComponent(params.token)}`;
  return (
    <>
      <title>{`${failed ? fr.mail.errorTitlePrefix : ""}${m.pageTitle} — ${fr.site.name}`}</title>
      <h1>{m.title(scopeName)}</h1>
      <p>{m.intro(fr.mail.roles[role], email)}</p>
      {mode === "create" ? (
        <>
          {/* With OpenID Connect (ProConnect) configured: accept with it, no password to choose. */}
          <OidcSignInLink button={oidc} returnTo={here} text={oidc ? fr.oidc.acceptWith(oidc.label) : undefined} />
          <p>{m.createAccount}</p>
          <ErrorSummary title={fr.mail.errorSummary} errors={errors} ids={ids} />
          <form method="post" action={here} noValidate>
            <TextField quietRequired required id={ids.name} name="nom" label={m.nameLabel} autoComplete="name" error={errors.name} value={actionData?.name ?? ""} />
            <TextField quietRequired required id={ids.password} name="mot_de_passe" type="password" label={m.passwordLabel} hint={m.passwordHint} autoComplete="new-password" error={errors.password} />
            <TextField quietRequired required id={ids.confirm} name="confirmation" type="password" label={m.confirmLabel} autoComplete="new-password" error={errors.confirm} />
            <button type="submit">{m.accept}</button>
          </form>
        </>
      ) : mode === "sign-in" ? (
        <>
          <p>{m.signInFirst}</p>
          <p>
            <a href={`/connexion?retour=${encodeURIComponent(here)}`}>{m.signIn}</a>
          </p>
        </>
      ) : mode === "accept" ? (
        <form method="post" action={here}>
          <input type="hidden" name={CSRF_FIELD} value={csrfToken ?? ""} />
          <button type="submit">{m.accept}</button>
        </form>
      ) : (
        <p>{m.otherAccount}</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (!isRouteErrorResponse(error) || (error.status !== 404 && error.status !== 410)) throw error;
  const kind = (error.data as { kind?: "invalid" | "expired" | "used" | "revoked" } | null)?.kind ?? "invalid";
  return (
    <>
      <title>{`${m.pageTitle} — ${fr.site.name}`}</title>
      <h1>{m.pageTitle}</h1>
      <p>{m[kind]}</p>
    </>
  );
}
