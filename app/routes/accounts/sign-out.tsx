import { data, redirect } from "react-router";
import type { Route } from "./+types/sign-out";
import { readForm } from "~/lib/forms";
import { clearSessionCookie, getSignedIn, requireCsrf, requireSameOrigin } from "~/features/accounts/auth.server";
import { deleteSession } from "~/features/accounts/sessions.server";
import { oidcSettings, POST_LOGOUT_PATH } from "~/features/oidc/config.server";
import { providerLogoutUrl } from "~/features/oidc/oidc.server";
import { appContext } from "~/context";

/** Signing out changes state: POST only (a link or an image could otherwise sign people out). */
export function loader() {
  throw data(null, { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request, context }: Route.ActionArgs) {
  const { database, env } = context.get(appContext);
  // A resource route: React Router's own Origin check does not run here, ours does.
  requireSameOrigin(request, env);
  const signedIn = await getSignedIn(request, context);
  let next: string = POST_LOGOUT_PATH;
  if (signedIn) {
    requireCsrf(request, await readForm(request, { maxBytes: 4_096 }), signedIn, env);
    await deleteSession(database.db, signedIn.session.id);
    // Signed in with ProConnect: end its session too (the provider then sends the browser back here).
    const settings = oidcSettings(env);
    const atProvider = settings ? await providerLogoutUrl(settings, signedIn.session.oidcIdToken, env.baseUrl) : null;
    if (atProvider) next = atProvider.href;
  }
  return redirect(next, { status: 303, headers: { "Set-Cookie": clearSessionCookie(env), "Cache-Control": "no-store" } });
}
