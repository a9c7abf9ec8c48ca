import type { RouteCase } from "./types";

export const MAIL_ROUTES: Record<string, RouteCase> = {
  "gestion/dev/mails": { url: "/gestion/dev/mails", get: 404, post: 405 },
  "gestion/lieux/:placeId/equipe": { url: "/gestion/lieux/PLACE_A/equipe", get: 404, post: 405 },
  "invitation/:token": { url: "/invitation/jeton-inconnu", get: 404, post: 405 },
  "mot-de-passe-oublie": { url: "/mot-de-passe-oublie", get: 404, post: 405 },
  "mot-de-passe/:token": { url: "/mot-de-passe/jeton-inconnu", get: 404, post: 405 },
  "verification/:token": { url: "/verification/jeton-inconnu", get: 404, post: 405 },
};
