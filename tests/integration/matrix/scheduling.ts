import { toSignIn, type RouteCase } from "./types";

/**
 * Booking. The place's set-up (resources and their rules, settings, closures, calendar feeds) is
 * for its managers only (`place.resources`): its mediators and its network's coordinators are
 * refused like anyone else. A genuine POST with only the token is an empty form: 400 for those
 * who may post. RESOURCE_A is a resource of PLACE_A.
 */
const resources = "/gestion/lieux/PLACE_A/ressources";
const resource = "/gestion/lieux/PLACE_A/ressources/RESOURCE_A";

export const SCHEDULING_ROUTES: Record<string, RouteCase> = {
  // The public's booking pages: no account. PLACE_A offers its computer (RESOURCE_A); an empty
  // booking form is refused (422: no time chosen, answered as a refusal); unknown links (manage,
  // .ics, feed) are 404.
  "lieux/:slug/reserver": { url: "/lieux/lieu-a/reserver", get: 200, post: 405 },
  "lieux/:slug/reserver/:offer": { url: "/lieux/lieu-a/reserver/ordinateur", get: 200, post: 422 },
  "reservation/:token": { url: `/reservation/${"x".repeat(43)}`, get: 404, post: 404 },
  "reservation/:token/agenda.ics": { url: `/reservation/${"x".repeat(43)}/agenda.ics`, get: 404, post: 405 },
  "calendrier/:token": { url: `/calendrier/${"x".repeat(43)}`, get: 404, post: 405 },
  "gestion/lieux/:placeId/ressources": {
    url: resources,
    get: { default: 403, anonymous: toSignIn(resources), managerA: 200, admin: 200 },
    post: { default: 403, anonymous: toSignIn(resources), managerA: 400, admin: 400 },
    forged: { default: 403, anonymous: toSignIn(resources) },
    fromElsewhere: 400,
  },
  "gestion/lieux/:placeId/ressources/:resourceId": {
    url: resource,
    get: { default: 403, anonymous: toSignIn(resource), managerA: 200, admin: 200 },
    post: { default: 403, anonymous: toSignIn(resource), managerA: 400, admin: 400 },
    forged: { default: 403, anonymous: toSignIn(resource) },
    fromElsewhere: 400,
  },
};
