import { toSignIn, type RouteCase } from "./types";

/**
 * Workshops set-up (features/workshops/series.server.ts). A place's series and sessions are read
 * by its staff and its network's coordinators (`place.agenda.view`) and changed by its managers
 * and mediators (`place.workshops`): a coordinator's POST is refused. A genuine POST with only the
 * token is an empty form: 400 for those who may post. The series page is reached with an id that
 * is no series of PLACE_A: 404 for those who may see the place's series, 403 for the others first.
 */
const list = "/gestion/lieux/PLACE_A/ateliers";
const series = "/gestion/lieux/PLACE_A/ateliers/00000000-0000-4000-8000-000000000011";

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
    get: { default: 403, anonymous: toSignIn(series), mediatorA: 404, managerA: 404, coordinatorA: 404, admin: 404 },
    post: { default: 403, anonymous: toSignIn(series), mediatorA: 400, managerA: 400, admin: 400 },
    forged: { default: 403, anonymous: toSignIn(series) },
    fromElsewhere: 400,
  },
};
