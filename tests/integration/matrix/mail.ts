import { toSignIn, type RouteCase } from "./types";

/** Mail, invitations, password reset and email verification. */
const STAFF = "/gestion/lieux/PLACE_A/equipe";
export const MAIL_ROUTES: Record<string, RouteCase> = {
  // Demo mode (no SMTP_URL in the matrix's configuration): any signed-in person.
  "gestion/dev/mails": { url: "/gestion/dev/mails", get: { default: 200, anonymous: toSignIn("/gestion/dev/mails") }, post: 405 },
  "gestion/lieux/:placeId/equipe": {
    url: STAFF,
    get: { default: 403, anonymous: toSignIn(STAFF), managerA: 200, coordinatorA: 200, admin: 200 },
    // The genuine POST carries only the token: no intent, so 400 for those allowed.
    post: { default: 403, anonymous: toSignIn(STAFF), managerA: 400, coordinatorA: 400, admin: 400 },
    forged: { default: 403, anonymous: toSignIn(STAFF) },
    fromElsewhere: 400,
  },
  "invitation/:token": { url: "/invitation/jeton-inconnu", get: 404, post: 404 },
  // Public form: an empty address is refused with 400 for everyone.
  "mot-de-passe-oublie": { url: "/mot-de-passe-oublie", get: 200, post: 400 },
  "mot-de-passe/:token": { url: "/mot-de-passe/jeton-inconnu", get: 404, post: 404 },
  "verification/:token": { url: "/verification/jeton-inconnu", get: 404, post: 404 },
};
