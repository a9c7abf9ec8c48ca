import { toSignIn, type RouteCase } from "./types";

/**
 * Booking. The public books without an account (the fixture gives PLACE_A a public computer
 * station); a manage link or a feed that does not exist is 404 for everyone. The agenda: its
 * place's mediators and managers run it; its network's coordinators read it; others 403.
 * Booking on behalf is for those who run the agenda. An empty form is refused with 400
 * (the public booking form: 422, the slot is missing).
 */
const agenda = "/gestion/lieux/PLACE_A/agenda";
const onBehalf = "/gestion/lieux/PLACE_A/agenda/reserver";
const unknownToken = "x".repeat(43);

export const BOOKING_ROUTES: Record<string, RouteCase> = {
  "lieux/:slug/reserver": { url: "/lieux/lieu-a/reserver", get: 200, post: 405 },
  "lieux/:slug/reserver/:offer": { url: "/lieux/lieu-a/reserver/ordinateur", get: 200, post: 422 },
  "reservation/:token": { url: `/reservation/${unknownToken}`, get: 404, post: 404 },
  "reservation/:token/agenda.ics": { url: `/reservation/${unknownToken}/agenda.ics`, get: 404, post: 405 },
  "calendrier/:token": { url: `/calendrier/${unknownToken}`, get: 404, post: 405 },
  "gestion/lieux/:placeId/agenda": {
    url: agenda,
    get: { default: 403, anonymous: toSignIn(agenda), mediatorA: 200, managerA: 200, coordinatorA: 200, admin: 200 },
    post: { default: 403, anonymous: toSignIn(agenda), mediatorA: 400, managerA: 400, admin: 400 },
    forged: { default: 403, anonymous: toSignIn(agenda) },
    fromElsewhere: 400,
  },
  "gestion/lieux/:placeId/agenda/reserver": {
    url: onBehalf,
    get: { default: 403, anonymous: toSignIn(onBehalf), mediatorA: 200, managerA: 200, admin: 200 },
    post: { default: 403, anonymous: toSignIn(onBehalf), mediatorA: 400, managerA: 400, admin: 400 },
    forged: { default: 403, anonymous: toSignIn(onBehalf) },
    fromElsewhere: 400,
  },
};
