import { toSignIn, type RouteCase } from "./types";

/**
 * Workshops set-up (features/workshops/series.server.ts). A place's series and sessions are read
 * by its staff and its network's coordinators (`place.agenda.view`) and changed by its managers
 * and mediators (`place.workshops`): a coordinator's POST is refused. A genuine POST with only the
 * token is an empty form: 400 for those who may post. WORKSHOP_A is a series of PLACE_A.
 */
const list = "/gestion/lieux/PLACE_A/ateliers";
const series = "/gestion/lieux/PLACE_A/ateliers/WORKSHOP_A";

export const WORKSHOPS_SETUP_ROUTES: Record<string, RouteCase> = {
  "gestion/lieux/:placeId/ateliers": {
    url: list,
    get: { default: 403, anonymous: toSignIn(list), mediatorA: 200, managerA: 200, coordinatorA: 200, admin: 200 },
    post: { default: 403, anonymous: toSignIn(list), mediatorA: 400, managerA: 400, admin: 400 },
    forged: { default: 403, anonymous: toSignIn(list) },
    fromElsewhere: 400,
  },
  "gestion/lieux/:placeId/ateliers/:workshopId": {
    url: series,
    get: { default: 403, anonymous: toSignIn(series), mediatorA: 200, managerA: 200, coordinatorA: 200, admin: 200 },
    post: { default: 403, anonymous: toSignIn(series), mediatorA: 400, managerA: 400, admin: 400 },
    forged: { default: 403, anonymous: toSignIn(series) },
    fromElsewhere: 400,
  },
};
