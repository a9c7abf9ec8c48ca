import { data } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/password-forgot";
import { requireSameOrigin } from "~/features/accounts/auth.server";
import { requestPasswordReset } from "~/features/accounts/email-tokens.server";
import { ErrorSummary, TextField } from "~/ui/form";
import { waitWords } from "~/features/reports/report-form";
import { appContext } from "~/context";
import { formPageHeaders } from "~/lib/http";
import { fr } from "~/lib/messages";
import { readForm } from "~/lib/forms";

const m = fr.mail.forgot;
const MAX_BODY_BYTES = 16_384;
const EmailSchema = z.string().trim().min(1, { error: fr.accounts.signIn.emailEmpty }).max(320, { error: fr.accounts.signIn.emailInvalid }).pipe(z.email({ error: fr.accounts.signIn.emailInvalid }));

export function loader() {
  return null;
}

type ActionResult = { done: boolean; email: string; errors: { email?: string }; problem: string | null };

export async function action({ request, context }: Route.ActionArgs) {
  const { database, env, clientAddress } = context.get(appContext);
  requireSameOrigin(request, env);
  const form = await readForm(request, { maxBytes: MAX_BODY_BYTES });
  const raw = form.get("email");
  const email = typeof raw === "string" ? raw.trim().slice(0, 320) : "";
  const parsed = EmailSchema.safeParse(email);
  if (!parsed.success) return data<ActionResult>({ done: false, email, errors: { email: parsed.error.issues[0]!.message }, problem: null }, { status: 400 });
  const outcome = await requestPasswordReset(database.db, { email: parsed.data, clientAddress, secret: env.sessionSecret, baseUrl: env.baseUrl });
  if (outcome.kind === "limited") {
    return data<ActionResult>({ done: false, email, errors: {}, problem: m.tooMany(waitWords(outcome.retryAfterSeconds)) }, { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } });
  }
  return data<ActionResult>({ done: true, email: "", errors: {}, problem: null });
}

export const headers: Route.HeadersFunction = formPageHeaders;
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PasswordForgot({ actionData }: Route.ComponentProps) {
  const failed = Boolean(actionData && (actionData.problem || actionData.errors.email));
  return (
    <>
      <title>{`${failed ? fr.mail.errorTitlePrefix : ""}${m.pageTitle} — ${fr.site.name}`}</title>
      <h1>{m.pageTitle}</h1>
      {actionData?.done ? (
        <p className="notice" role="status">
          {m.done}
        </p>
      ) : (
        <>
          <p>{m.intro}</p>
          <ErrorSummary title={fr.mail.errorSummary} errors={actionData?.errors ?? {}} ids={{ email: "email" }} problem={actionData?.problem} />
          <form method="post" action="/mot-de-passe-oublie" noValidate>
            <TextField quietRequired required id="email" name="email" type="email" label={m.emailLabel} autoComplete="username" error={actionData?.errors.email} value={actionData?.email ?? ""} />
            <button type="submit">{m.submit}</button>
          </form>
        </>
      )}
    </>
  );
}
