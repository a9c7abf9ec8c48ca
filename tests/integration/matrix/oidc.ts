import type { RouteCase } from "./types";

export const OIDC_ROUTES: Record<string, RouteCase> = {
  "connexion/oidc": { url: "/connexion/oidc", get: 404, post: 405 },
  "connexion/oidc/retour": { url: "/connexion/oidc/retour", get: 404, post: 405 },
};
