/**
 * Staff sign-in with OpenID Connect (ProConnect): the redirect to the provider, the
 * callback (state, PKCE, nonce, ID token, userinfo — JSON or signed JWT) and the link
 * to an existing account. No self sign-up: an unknown address must be invited first.
 */
import { and, eq } from "drizzle-orm";
import * as client from "openid-client";
import type { Db } from "~/db/client.server";
import { oidcIdentities, users } from "~/db/schema";
import { createSession, setSessionIdToken } from "~/features/accounts/sessions.server";
import { normaliseEmail } from "~/features/accounts/users.server";
import { acceptInvitation } from "~/features/invitations/invitations.server";
import { logger } from "~/lib/logger";
import { getProviderConfig, POST_LOGOUT_PATH, type OidcSettings } from "./config.server";
import { FLOW_TTL_SECONDS, type Flow } from "./flow-cookie.server";

/** Where the browser goes to sign in, and the flow to keep in the cookie. */
export async function startSignIn(settings: OidcSettings, returnTo: string | null, now: number = Date.now()): Promise<{ url: URL; flow: Flow }> {
  const config = await getProviderConfig(settings);
  // 32 random bytes each, base64url: 43 characters (ProConnect asks for at least 32).
  const flow: Flow = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    verifier: client.randomPKCECodeVerifier(),
    returnTo,
    expiresAt: now + FLOW_TTL_SECONDS * 1000,
  };
  const parameters: Record<string, string> = {
    redirect_uri: settings.redirectUri,
    scope: settings.scopes,
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: "S256",
  };
  if (settings.acrValues) parameters.acr_values = settings.acrValues;
  return { url: client.buildAuthorizationUrl(config, parameters), flow };
}

export type OidcFailure = "unavailable" | "expired" | "cancelled" | "refused" | "email-not-verified" | "disabled";
export type OidcOutcome =
  | { kind: "signed-in"; token: string; expiresAt: Date; userId: string }
  | { kind: "not-invited"; email: string }
  /** Signing in from an invitation with another address than the invited one. */
  | { kind: "other-address"; email: string }
  | { kind: "failed"; reason: OidcFailure };

/** Is this error the provider being unreachable (network, timeout) rather than a refusal? */
function isNetworkError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { name, code, message } = e as { name?: string; code?: string; message?: string };
    if (name === "TimeoutError" || name === "AbortError") return true;
    if (typeof code === "string" && (/^(ECONN|ENOTFOUND|EAI_|ETIMEDOUT|EHOSTUNREACH|UND_ERR_)/.test(code) || code === "OAUTH_TIMEOUT")) return true;
    if (name === "TypeError" && message === "fetch failed") return true;
  }
  return false;
}

/** Only what helps to diagnose: never a token, an address or a name. */
function logFailure(step: string, error: unknown): void {
  const { name, code } = (error ?? {}) as { name?: string; code?: string };
  logger.warn({ event: "oidc.failed", step, error: name, code }, "OpenID Connect sign-in failed");
}

/**
 * ProConnect does not send `email_verified`: its identity providers verify the addresses
 * (documented in docs/decisions/006-oidc.md). Any other provider must say `true`.
 */
function emailIsVerified(settings: OidcSettings, claims: Record<string, unknown>): boolean {
  if (claims.email_verified === true) return true;
  if (claims.email_verified === undefined) {
    const host = new URL(settings.issuer).hostname;
    return host === "proconnect.gouv.fr" || host.endsWith(".proconnect.gouv.fr");
  }
  return false;
}

/** The invitation token when the sign-in started from an invitation page (`/invitation/<token>`). */
export function invitationTokenOf(returnTo: string | null): string | null {
  return /^\/invitation\/([A-Za-z0-9_-]{20,200})$/.exec(returnTo ?? "")?.[1] ?? null;
}

export async function finishSignIn(db: Db, settings: OidcSettings, requestUrl: URL, flow: Flow, now: Date = new Date()): Promise<OidcOutcome> {
  // The provider said no (the person cancelled, or an error): nothing to exchange.
  const providerError = requestUrl.searchParams.get("error");
  if (providerError) {
    logger.info({ event: "oidc.provider-error", error: providerError.slice(0, 50) }, "OpenID Connect provider answered with an error");
    return { kind: "failed", reason: providerError === "access_denied" ? "cancelled" : "refused" };
  }
  let config: client.Configuration;
  try {
    config = await getProviderConfig(settings);
  } catch (error) {
    logFailure("discovery", error);
    return { kind: "failed", reason: "unavailable" };
  }
  // The URL the provider redirected to, as registered (BASE_URL, not the proxy's view).
  const currentUrl = new URL(settings.redirectUri);
  currentUrl.search = requestUrl.search;
  let sub: string;
  let claims: Record<string, unknown>;
  let idTokenText: string | null;
  try {
    const tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) return { kind: "failed", reason: "refused" };
    if (settings.acrValues && !settings.acrValues.split(/\s+/).includes(String(idToken.acr ?? ""))) {
      logFailure("acr", { name: "UnexpectedAcr" });
      return { kind: "failed", reason: "refused" };
    }
    sub = idToken.sub;
    idTokenText = tokens.id_token ?? null;
    // JSON or a signed JWT (ProConnect): openid-client checks the signature and that `sub` is the ID token's.
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, sub);
    claims = { ...idToken, ...userinfo };
  } catch (error) {
    logFailure("callback", error);
    return { kind: "failed", reason: isNetworkError(error) ? "unavailable" : "refused" };
  }
  return linkAndSignIn(db, settings, sub, claims, { now, invitationToken: invitationTokenOf(flow.returnTo), idToken: idTokenText });
}

/**
 * Find the account: by (issuer, subject), else by verified email (and remember the link).
 * Coming from an invitation to an address that has no account yet, the invitation is
 * accepted with the provider's verified address (same address as invited, or refused) and
 * the account is created without a password.
 */
export async function linkAndSignIn(
  db: Db,
  settings: OidcSettings,
  subject: string,
  claims: Record<string, unknown>,
  options: { now?: Date; invitationToken?: string | null; idToken?: string | null } = {},
): Promise<OidcOutcome> {
  const { now = new Date(), invitationToken = null, idToken = null } = options;
  const [linked] = await db
    .select({ userId: users.id, disabledAt: users.disabledAt })
    .from(oidcIdentities)
    .innerJoin(users, eq(users.id, oidcIdentities.userId))
    .where(and(eq(oidcIdentities.issuer, settings.issuer), eq(oidcIdentities.subject, subject)));
  let userId: string;
  if (linked) {
    if (linked.disabledAt) return { kind: "failed", reason: "disabled" };
    userId = linked.userId;
  } else {
    const email = typeof claims.email === "string" ? normaliseEmail(claims.email) : "";
    if (!email || email.length > 320 || !emailIsVerified(settings, claims)) return { kind: "failed", reason: "email-not-verified" };
    const [user] = await db.select({ id: users.id, disabledAt: users.disabledAt }).from(users).where(eq(users.email, email));
    if (!user) {
      if (!invitationToken) return { kind: "not-invited", email };
      const accepted = await acceptInvitation(db, { token: invitationToken, newAccount: { name: nameFromClaims(claims, email), email }, now });
      if (accepted.kind === "other-account") return { kind: "other-address", email };
      if (accepted.kind !== "accepted" || !accepted.session) return { kind: "not-invited", email };
      await db.insert(oidcIdentities).values({ issuer: settings.issuer, subject, userId: accepted.userId, createdAt: now }).onConflictDoNothing();
      if (idToken) await setSessionIdToken(db, accepted.session.token, idToken);
      return { kind: "signed-in", token: accepted.session.token, expiresAt: accepted.session.expiresAt, userId: accepted.userId };
    }
    if (user.disabledAt) return { kind: "failed", reason: "disabled" };
    userId = user.id;
    await db.insert(oidcIdentities).values({ issuer: settings.issuer, subject, userId, createdAt: now }).onConflictDoNothing();
  }
  const { token, session } = await createSession(db, userId, now, idToken);
  return { kind: "signed-in", token, expiresAt: session.expiresAt, userId };
}

/** "Camille Nouvelle" from ProConnect's given_name + usual_name; the address when they are missing. */
function nameFromClaims(claims: Record<string, unknown>, email: string): string {
  const parts = [claims.given_name, claims.usual_name ?? claims.family_name].filter((p): p is string => typeof p === "string" && p.trim() !== "");
  return (parts.join(" ").trim() || email).slice(0, 200);
}

/**
 * Where to send the browser to end the provider's session too (RP-initiated logout, which
 * ProConnect expects): its end_session_endpoint with the ID token as hint, a state, and our
 * sign-in page to come back to (register `BASE_URL/connexion?deconnecte` as the post-logout
 * redirect URI). Null when the session did not come from the provider, or when it cannot be
 * reached: our own session is ended anyway.
 */
export async function providerLogoutUrl(settings: OidcSettings, idToken: string | null, baseUrl: string): Promise<URL | null> {
  if (!idToken) return null;
  try {
    const config = await getProviderConfig(settings);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(config, { id_token_hint: idToken, state: client.randomState(), post_logout_redirect_uri: `${baseUrl}${POST_LOGOUT_PATH}` });
  } catch (error) {
    logFailure("logout", error);
    return null;
  }
}
