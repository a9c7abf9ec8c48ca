/**
 * The short-lived cookie that carries a sign-in in progress from /connexion/oidc to the
 * provider and back: state, nonce, PKCE verifier and the return path, signed with an
 * HMAC of SESSION_SECRET so that it cannot be forged. SameSite=Lax: the provider's
 * redirect back is a top-level GET, which carries it.
 */
import crypto from "node:crypto";
import { z } from "zod";
import type { Env } from "~/lib/env";
import { safeEqual } from "~/features/accounts/tokens.server";

export const FLOW_TTL_SECONDS = 10 * 60;

type CookieEnv = Pick<Env, "baseUrl">;
const isHttps = (env: CookieEnv) => env.baseUrl.startsWith("https://");

export function flowCookieName(env: CookieEnv): string {
  return isHttps(env) ? "__Host-epn_oidc" : "epn_oidc";
}

const FlowSchema = z.object({
  state: z.string().min(32).max(200),
  nonce: z.string().min(32).max(200),
  verifier: z.string().min(43).max(128),
  returnTo: z.string().max(500).nullable(),
  expiresAt: z.number().int(),
});
export type Flow = z.infer<typeof FlowSchema>;

function sign(secret: string, payload: string): string {
  return crypto.createHmac("sha256", secret).update(`oidc-flow:${payload}`).digest("base64url");
}

export function flowCookie(env: CookieEnv, secret: string, flow: Flow): string {
  const payload = Buffer.from(JSON.stringify(flow)).toString("base64url");
  const parts = [`${flowCookieName(env)}=${payload}.${sign(secret, payload)}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${FLOW_TTL_SECONDS}`];
  if (isHttps(env)) parts.push("Secure");
  return parts.join("; ");
}

export function clearFlowCookie(env: CookieEnv): string {
  const parts = [`${flowCookieName(env)}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0"];
  if (isHttps(env)) parts.push("Secure");
  return parts.join("; ");
}

/** The flow of this request: "missing" (no cookie), "invalid" (forged, damaged), "expired", or the flow. */
export function readFlow(request: Request, env: CookieEnv, secret: string, now: number = Date.now()): Flow | "missing" | "invalid" | "expired" {
  const name = flowCookieName(env);
  let raw: string | null = null;
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) raw = part.slice(index + 1).trim();
  }
  if (!raw) return "missing";
  if (raw.length > 2000) return "invalid";
  const [payload, signature] = raw.split(".");
  if (!payload || !signature || !safeEqual(signature, sign(secret, payload))) return "invalid";
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return "invalid";
  }
  const flow = FlowSchema.safeParse(parsed);
  if (!flow.success) return "invalid";
  if (flow.data.expiresAt <= now) return "expired";
  return flow.data;
}
