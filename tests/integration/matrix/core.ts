import { toSignIn, type RouteCase } from "./types";

/** Public pages, the API and the accounts routes. */
export const CORE_ROUTES: Record<string, RouteCase> = {
  "": { url: "/", get: 200, post: 405 },
  lieux: { url: "/lieux?q=Bourges", get: 200, post: 405 },
  "lieux/carte": { url: "/lieux/carte?q=Bourges", get: 200, post: 405 },
  "lieux/:slug": { url: "/lieux/lieu-a", get: 200, post: 405 },
  // The public report form: an empty submission is refused with the form's errors.
  "lieux/:slug/signaler": { url: "/lieux/lieu-a/signaler", get: 200, post: 400 },
  accessibilite: { url: "/accessibilite", get: 200, post: 405 },
  "sitemap.xml": { url: "/sitemap.xml", get: 200, post: 405 },
  "robots.txt": { url: "/robots.txt", get: 200, post: 405 },
  "api/v1/lieux": { url: "/api/v1/lieux", get: 200, post: 405 },
  "api/v1/lieux.csv": { url: "/api/v1/lieux.csv", get: 200, post: 405 },
  "api/v1/lieux/:slug/disponibilites": { url: "/api/v1/lieux/lieu-a/disponibilites", get: 200, post: 405 },
  // The booking API takes JSON only: a form (ours or forged) is refused before anything (415).
  "api/v1/reservations": { url: "/api/v1/reservations", get: 405, post: 415 },
  "api/v1/openapi.json": { url: "/api/v1/openapi.json", get: 200, post: 405 },
  // An empty form is refused (400); someone already signed in is sent on to the back-office.
  connexion: { url: "/connexion", get: { default: { redirect: "/gestion" }, anonymous: 200 }, post: { default: { redirect: "/gestion" }, anonymous: 400 } },
  deconnexion: { url: "/deconnexion", get: 405, post: { redirect: "/connexion?deconnecte" }, forged: (role, variant) =>
      // Signed out already: nothing to forge, except from another site (refused before anything).
      role === "anonymous" && variant !== "cross-site with the right token" ? { redirect: "/connexion?deconnecte" } : 403,
    fromElsewhere: 403,
  },
  gestion: { url: "/gestion", get: { default: 200, anonymous: toSignIn("/gestion") }, post: 405 },
  "gestion/sessions": {
    url: "/gestion/sessions",
    get: { default: 200, anonymous: toSignIn("/gestion/sessions") },
    post: { default: 200, anonymous: toSignIn("/gestion/sessions") },
    forged: { default: 403, anonymous: toSignIn("/gestion/sessions") },
    fromElsewhere: 400,
  },
  "*": { url: "/nulle-part", get: 404, post: 405 },
};
