/**
 * The request side of accounts: the session cookie, the signed-in user of a request,
 * `requireUser` for back-office loaders and actions, and the anti-CSRF checks.
 */
import crypto from "node:crypto";
import { data, redirect, type RouterContextProvider } from "react-router";
import type { Db } from "~/db/client.server";
import type { Principal } from "~/features/policy/policy";
import { appContext } from "~/context";
import type { Env } from "~/lib/env";
import { fr } from "~/lib/messages";
import { getSession, type Session } from "./sessions.server";
import { safeEqual } from "./tokens.server";
import { loadPrincipal, type SignedInUser } from "./users.server";

/** The hidden form field that carries the anti-CSRF token. */
import { CSRF_FIELD } from "~/lib/forms";
export { CSRF_FIELD };

type Context = Readonly<RouterContextProvider>;
type CookieEnv = Pick<Env, "baseUrl">;

function isHttps(env: CookieEnv): boolean {
  return env.baseUrl.startsWith("https://");
}

/** `__Host-` requires Secure, Path=/ and no Domain: only possible over HTTPS. */
export function sessionCookieName(env: CookieEnv): string {
  return isHttps(env) ? "__Host-epn_session" : "epn_session";
}

export function sessionCookie(env: CookieEnv, token: string, expiresAt: Date): string {
  const parts = [`${sessionCookieName(env)}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Expires=${expiresAt.toUTCString()}`];
  if (isHttps(env)) parts.push("Secure");
  return parts.join("; ");
}

export function clearSessionCookie(env: CookieEnv): string {
  const parts = [`${sessionCookieName(env)}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0"];
  if (isHttps(env)) parts.push("Secure");
  return parts.join("; ");
}

export function readSessionToken(request: Request, env: CookieEnv): string | null {
  const name = sessionCookieName(env);
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim() || null;
  }
  return null;
}

/** The anti-CSRF token of a session: an HMAC of its id, so nothing more is stored. */
export function csrfTokenFor(secret: string, sessionId: string): string {
  return crypto.createHmac("sha256", secret).update(`csrf:${sessionId}`).digest("base64url");
}

/**
 * Does a state-changing request come from our own pages? Browsers send Sec-Fetch-Site
 * (and Origin on POST); a request that says "cross-site" or names another origin is
 * refused. Requests without either header (old browsers, scripts) pass this check and
 * still need the session's token.
 */
export function isSameOrigin(request: Request, env: CookieEnv): boolean {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return false;
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  const allowed = new Set([new URL(env.baseUrl).origin, new URL(request.url).origin]);
  return allowed.has(origin);
}

export type SignedIn = { user: SignedInUser; principal: Principal; session: Session; csrfToken: string };

/** The signed-in user of a request, or null (no cookie, unknown or expired session, disabled account). */
export async function getSignedIn(request: Request, context: Context, now: Date = new Date()): Promise<SignedIn | null> {
  const { database, env } = context.get(appContext);
  const token = readSessionToken(request, env);
  if (!token) return null;
  const session = await getSession(database.db, token, now);
  if (!session) return null;
  const loaded = await loadPrincipal(database.db, session.userId);
  if (!loaded) return null;
  return { ...loaded, session, csrfToken: csrfTokenFor(env.sessionSecret, session.id) };
}

/** A path of this site to come back to after signing in (never another site: no open redirect). */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return null;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (value.length > 500 || /[\u0000-\u001f]/.test(value)) return null;
  return value;
}

/** For back-office loaders and actions: the signed-in user, or a redirect to /connexion that comes back here. */
export async function requireUser(request: Request, context: Context): Promise<SignedIn> {
  const signedIn = await getSignedIn(request, context);
  if (signedIn) return signedIn;
  const url = new URL(request.url);
  const back = request.method === "GET" ? `${url.pathname}${url.search}` : url.pathname;
  const headers = new Headers();
  // A cookie that no longer opens a session is removed.
  if (readSessionToken(request, context.get(appContext).env)) headers.append("Set-Cookie", clearSessionCookie(context.get(appContext).env));
  throw redirect(`/connexion?retour=${encodeURIComponent(back)}`, { headers });
}

/**
 * For every state-changing back-office action: the request must come from our pages and
 * carry the session's token. Anything else is refused with 403.
 */
export function requireCsrf(request: Request, form: FormData, signedIn: SignedIn, env: CookieEnv): void {
  const sent = form.get(CSRF_FIELD);
  if (!isSameOrigin(request, env) || typeof sent !== "string" || !safeEqual(sent, signedIn.csrfToken)) {
    throw data(fr.accounts.csrfRefused, { status: 403 });
  }
}

/** Sign-in has no session yet: only the origin can be checked (login CSRF). */
export function requireSameOrigin(request: Request, env: CookieEnv): void {
  if (!isSameOrigin(request, env)) throw data(fr.accounts.csrfRefused, { status: 403 });
}

export type { Db };
