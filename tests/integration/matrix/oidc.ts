import type { RouteCase } from "./types";

/**
 * OpenID Connect (ProConnect). The matrix fixture does not configure it (no OIDC_ISSUER):
 * both routes then answer 404 to everyone, signed in or not, like an unknown page — the
 * sign-in page shows no ProConnect button either. Neither route has an action: POST is 405.
 * With OIDC configured, /connexion/oidc redirects to the provider (or to the return path
 * when already signed in) and the callback checks its own signed flow cookie: covered
 * end to end by tests/integration/oidc.test.ts against a real provider process.
 */
export const OIDC_ROUTES: Record<string, RouteCase> = {
  "connexion/oidc": { url: "/connexion/oidc?retour=%2Fgestion", get: 404, post: 405 },
  "connexion/oidc/retour": { url: "/connexion/oidc/retour?code=abc&state=def", get: 404, post: 405 },
};
