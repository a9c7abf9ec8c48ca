/**
 * OpenID Connect settings (from the environment) and the provider's discovered
 * configuration, cached per issuer. The feature is off unless OIDC_ISSUER and
 * OIDC_CLIENT_ID are both set.
 */
import * as client from "openid-client";
import type { Env } from "~/lib/env";

export type OidcSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  acrValues: string | undefined;
  scopes: string;
  label: string;
  /** Where the provider sends the browser back: BASE_URL + /connexion/oidc/retour. */
  redirectUri: string;
};

export const CALLBACK_PATH = "/connexion/oidc/retour";
/** Where the provider sends the browser back after signing out there too. */
export const POST_LOGOUT_PATH = "/connexion?deconnecte";

type OidcEnv = Pick<Env, "baseUrl" | "OIDC_ISSUER" | "OIDC_CLIENT_ID" | "OIDC_CLIENT_SECRET" | "OIDC_ACR_VALUES" | "OIDC_SCOPES" | "OIDC_LABEL">;

export function oidcSettings(env: OidcEnv): OidcSettings | null {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID) return null;
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    acrValues: env.OIDC_ACR_VALUES,
    scopes: env.OIDC_SCOPES ?? "openid email given_name usual_name",
    label: env.OIDC_LABEL ?? "ProConnect",
    redirectUri: `${env.baseUrl}${CALLBACK_PATH}`,
  };
}

/** Discovery answers are kept an hour; a failed discovery is not kept (the next request tries again). */
const DISCOVERY_TTL_MS = 60 * 60 * 1000;
const cache = new Map<string, { at: number; config: Promise<client.Configuration> }>();

/** http:// is only accepted for a provider on this machine (tests, local development). */
function isLocal(url: URL): boolean {
  return ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

export function getProviderConfig(settings: OidcSettings, now: number = Date.now()): Promise<client.Configuration> {
  const key = `${settings.issuer} ${settings.clientId}`;
  const hit = cache.get(key);
  if (hit && now - hit.at < DISCOVERY_TTL_MS) return hit.config;
  const issuer = new URL(settings.issuer);
  const execute = [client.enableNonRepudiationChecks];
  if (issuer.protocol === "http:" && isLocal(issuer)) execute.push(client.allowInsecureRequests);
  const config = client.discovery(
    issuer,
    settings.clientId,
    // ProConnect signs the ID token and the userinfo answer (RS256 or ES256): the allowed
    // algorithms come from the provider's metadata.
    settings.clientSecret,
    undefined,
    { execute, timeout: 10 },
  );
  cache.set(key, { at: now, config });
  config.catch(() => {
    if (cache.get(key)?.config === config) cache.delete(key);
  });
  return config;
}

/** For tests: forget discovered providers. */
export function clearProviderCache(): void {
  cache.clear();
}

/** For the sign-in pages: the button to show, or null when OIDC is off. */
export function oidcButton(env: OidcEnv): { label: string } | null {
  const settings = oidcSettings(env);
  return settings ? { label: settings.label } : null;
}
