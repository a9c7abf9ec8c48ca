import { toSignIn, type RouteCase } from "./types";

/**
 * A mobile EPN's stops. The page is read by whoever sees the place's agenda (`place.agenda.view`:
 * its staff and its network's coordinators); adding, editing and deactivating a stop is for its
 * managers (`place.stops`). A genuine POST with only the token is an empty form: 400 for those
 * who may post.
 */
const stops = "/gestion/lieux/PLACE_A/arrets";

export const STOPS_ROUTES: Record<string, RouteCase> = {
  "gestion/lieux/:placeId/arrets": {
    url: stops,
    get: { default: 403, anonymous: toSignIn(stops), mediatorA: 200, managerA: 200, coordinatorA: 200, admin: 200 },
    post: { default: 403, anonymous: toSignIn(stops), managerA: 400, admin: 400 },
    forged: { default: 403, anonymous: toSignIn(stops) },
    fromElsewhere: 400,
  },
};
