import { toSignIn, type RouteCase } from "./types";

/**
 * Booking set-up. The place's set-up (resources and their rules, settings, closures, calendar feeds) is
 * for its managers only (`place.resources`): its mediators and its network's coordinators are
 * refused like anyone else. A genuine POST with only the token is an empty form: 400 for those
 * who may post. RESOURCE_A is a resource of PLACE_A.
 */
const resources = "/gestion/lieux/PLACE_A/ressources";
const resource = "/gestion/lieux/PLACE_A/ressources/RESOURCE_A";

export const SCHEDULING_ROUTES: Record<string, RouteCase> = {
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
