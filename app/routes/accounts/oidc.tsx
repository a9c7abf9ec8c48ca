import { data, redirect } from "react-router";
import type { Route } from "./+types/oidc";
import { getSignedIn, safeReturnPath } from "~/features/accounts/auth.server";
import { oidcSettings } from "~/features/oidc/config.server";
import { flowCookie } from "~/features/oidc/flow-cookie.server";
import { startSignIn } from "~/features/oidc/oidc.server";
import { OidcProblemPage } from "~/features/oidc/problem-page";
import { appContext } from "~/context";
import { logger } from "~/lib/logger";
import { fr } from "~/lib/messages";

/**
 * "Se connecter avec ProConnect": redirects to the provider with state, nonce, PKCE and
 * acr_values, kept in a signed 10-minute cookie. 404 when OpenID Connect is not configured.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { env } = context.get(appContext);
  const settings = oidcSettings(env);
  if (!settings) throw data(null, { status: 404 });
  const returnTo = safeReturnPath(new URL(request.url).searchParams.get("retour"));
  if (await getSignedIn(request, context)) throw redirect(returnTo ?? "/gestion");
  try {
    const { url, flow } = await startSignIn(settings, returnTo);
    return redirect(url.href, { headers: { "Set-Cookie": flowCookie(env, env.sessionSecret, flow), "Cache-Control": "no-store" } });
  } catch (error) {
    const { name, code } = (error ?? {}) as { name?: string; code?: string };
    logger.warn({ event: "oidc.failed", step: "discovery", error: name, code }, "OpenID Connect provider unavailable");
    return data(
      { problem: { title: fr.oidc.problemTitle, text: fr.oidc.unavailable(settings.label) }, button: { label: settings.label }, returnTo },
      { status: 503, headers: { "Retry-After": "60" } },
    );
  }
}

export const headers: Route.HeadersFunction = ({ loaderHeaders }) => {
  const headers = new Headers({ "Cache-Control": "no-store" });
  const retryAfter = loaderHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function OidcStart({ loaderData }: Route.ComponentProps) {
  return <OidcProblemPage problem={loaderData.problem} button={loaderData.button} returnTo={loaderData.returnTo} />;
}
