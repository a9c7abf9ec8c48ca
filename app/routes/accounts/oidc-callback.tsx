import { data, redirect } from "react-router";
import type { Route } from "./+types/oidc-callback";
import { safeReturnPath, sessionCookie } from "~/features/accounts/auth.server";
import { oidcSettings } from "~/features/oidc/config.server";
import { clearFlowCookie, readFlow } from "~/features/oidc/flow-cookie.server";
import { finishSignIn, type OidcFailure } from "~/features/oidc/oidc.server";
import { OidcProblemPage } from "~/features/oidc/problem-page";
import { appContext } from "~/context";
import { logger } from "~/lib/logger";
import { fr } from "~/lib/messages";

const m = fr.oidc;

/**
 * Where the provider sends the browser back: checks the flow cookie and the state, then
 * openid-client exchanges the code (PKCE) and checks the ID token (nonce, signature) and
 * the userinfo answer; the account is found by (issuer, subject) or verified email.
 * 404 when OpenID Connect is not configured.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { database, env } = context.get(appContext);
  const settings = oidcSettings(env);
  if (!settings) throw data(null, { status: 404 });
  const url = new URL(request.url);
  const headers = new Headers({ "Cache-Control": "no-store" });
  // The flow is used once, whatever happens.
  headers.append("Set-Cookie", clearFlowCookie(env));
  const button = { label: settings.label };
  const fail = (reason: OidcFailure, returnTo: string | null = null) => {
    const text: Record<OidcFailure, string> = {
      unavailable: m.unavailable(settings.label),
      expired: m.expired,
      cancelled: m.cancelled(settings.label),
      refused: m.refused(settings.label),
      "email-not-verified": m.emailNotVerified(settings.label),
      disabled: m.disabled,
    };
    const status = reason === "unavailable" ? 503 : reason === "disabled" ? 403 : 400;
    return data({ problem: { title: m.problemTitle, text: text[reason] }, button, returnTo }, { status, headers });
  };

  const flow = readFlow(request, env, env.sessionSecret);
  if (typeof flow === "string") {
    logger.info({ event: "oidc.failed", step: "flow", reason: flow }, "OpenID Connect callback without a valid flow");
    return fail("expired");
  }
  // openid-client checks the state too; checking it first keeps a stray callback away from the provider.
  if (url.searchParams.get("state") !== flow.state) {
    logger.info({ event: "oidc.failed", step: "state" }, "OpenID Connect callback with another state");
    return fail("expired", flow.returnTo);
  }
  const outcome = await finishSignIn(database.db, settings, url, flow);
  switch (outcome.kind) {
    case "signed-in":
      headers.append("Set-Cookie", sessionCookie(env, outcome.token, outcome.expiresAt));
      return redirect(safeReturnPath(flow.returnTo) ?? "/gestion", { status: 303, headers });
    case "not-invited":
      return data({ problem: { title: m.notInvitedTitle, text: m.notInvited(outcome.email) }, button: null, returnTo: flow.returnTo }, { status: 403, headers });
    case "other-address":
      return data({ problem: { title: m.otherAddressTitle, text: m.otherAddress(outcome.email, settings.label) }, button: null, returnTo: flow.returnTo }, { status: 403, headers });
    case "failed":
      return fail(outcome.reason, flow.returnTo);
  }
}

export const headers: Route.HeadersFunction = ({ loaderHeaders }) => {
  const headers = new Headers({ "Cache-Control": "no-store" });
  for (const cookie of loaderHeaders.getSetCookie()) headers.append("Set-Cookie", cookie);
  return headers;
};

export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function OidcCallback({ loaderData }: Route.ComponentProps) {
  return <OidcProblemPage problem={loaderData.problem} button={loaderData.button} returnTo={loaderData.returnTo} />;
}
