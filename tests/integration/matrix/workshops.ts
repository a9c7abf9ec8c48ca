import { toSignIn, type RouteCase } from "./types";

/**
 * Workshops. The public registers without an account: SESSION_A is a session of PLACE_A a week
 * ahead (an empty form: 400, the first name is missing); a manage link that does not exist is 404
 * for everyone. The session desk and its sign-in sheet: the place's mediators and managers run
 * them; its network's coordinators read them; others 403.
 */
const desk = "/gestion/lieux/PLACE_A/ateliers/seances/SESSION_A";
const sheet = "/gestion/lieux/PLACE_A/ateliers/seances/SESSION_A/emargement";
const unknownToken = "x".repeat(43);

export const WORKSHOP_ROUTES: Record<string, RouteCase> = {
  "ateliers/:sessionId": { url: "/ateliers/SESSION_A", get: 200, post: 400 },
  "inscription/:token": { url: `/inscription/${unknownToken}`, get: 404, post: 404 },
  "inscription/:token/agenda.ics": { url: `/inscription/${unknownToken}/agenda.ics`, get: 404, post: 405 },
  "gestion/lieux/:placeId/ateliers/seances/:sessionId": {
    url: desk,
    get: { default: 403, anonymous: toSignIn(desk), mediatorA: 200, managerA: 200, coordinatorA: 200, admin: 200 },
    post: { default: 403, anonymous: toSignIn(desk), mediatorA: 400, managerA: 400, admin: 400 },
    forged: { default: 403, anonymous: toSignIn(desk) },
    fromElsewhere: 400,
  },
  "gestion/lieux/:placeId/ateliers/seances/:sessionId/emargement": {
    url: sheet,
    get: { default: 403, anonymous: toSignIn(sheet), mediatorA: 200, managerA: 200, coordinatorA: 200, admin: 200 },
    post: 405,
  },
};
