import { data, isRouteErrorResponse, useRouteError } from "react-router";
import type { Route } from "./+types/email-verify";
import { requireSameOrigin } from "~/features/accounts/auth.server";
import { emailTokenState, verifyEmail } from "~/features/accounts/email-tokens.server";
import { appContext } from "~/context";
import { TOKEN_PAGE_REFERRER_POLICY } from "~/lib/http";
import { fr } from "~/lib/messages";

const m = fr.mail.verify;

/**
 * Opening the link shows a button; the POST verifies. (Mail scanners open links with
 * GET: a GET that changes state would be "used" before the person sees it.)
 */
export async function loader({ params, context }: Route.LoaderArgs) {
  // A dead link is a page that says what to do (404). A used one answers 200: the page
  // is also shown right after its own successful POST, when the link has just been used.
  const state = await emailTokenState(context.get(appContext).database.db, params.token, "verify-email");
  if (state === "dead") return data({ invalid: true, used: false }, { status: 404 });
  return { invalid: state === "used", used: state === "used" };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { database, env } = context.get(appContext);
  requireSameOrigin(request, env);
  if (!(await verifyEmail(database.db, params.token))) throw data(null, { status: 404 });
  return { done: true };
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store", "Referrer-Policy": TOKEN_PAGE_REFERRER_POLICY });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function EmailVerify({ loaderData, actionData, params }: Route.ComponentProps) {
  return (
    <>
      <title>{`${m.pageTitle} — ${fr.site.name}`}</title>
      <h1>{m.pageTitle}</h1>
      {actionData?.done || loaderData.used ? (
        <p className="notice" role="status">
          {m.done}
        </p>
      ) : loaderData.invalid ? (
        <p>{m.invalid}</p>
      ) : (
        <form method="post" action={`/verification/${encodeURIComponent(params.token)}`}>
          <button type="submit">{m.confirm}</button>
        </form>
      )}
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (!isRouteErrorResponse(error) || error.status !== 404) throw error;
  return (
    <>
      <title>{`${m.pageTitle} — ${fr.site.name}`}</title>
      <h1>{m.pageTitle}</h1>
      <p>{m.invalid}</p>
    </>
  );
}
