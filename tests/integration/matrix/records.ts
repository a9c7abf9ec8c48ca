import { toSignIn, type RouteCase } from "./types";

/**
 * Help records: the place's mediators and managers only (`place.mediation`). Its network's
 * coordinators and the platform admin get 403 — names and notes stay at the place; they see
 * figures elsewhere. A genuine POST with only the token is an incomplete form: 400.
 */
const list = "/gestion/lieux/PLACE_A/accompagnements";
const create = "/gestion/lieux/PLACE_A/accompagnements/nouveau";
const record = "/gestion/lieux/PLACE_A/accompagnements/RECORD_A";
const staffOnly = (url: string) => ({ default: 403, anonymous: toSignIn(url), mediatorA: 200, managerA: 200 });
const staffPost = (url: string) => ({ default: 403, anonymous: toSignIn(url), mediatorA: 400, managerA: 400 });

export const RECORD_ROUTES: Record<string, RouteCase> = {
  "gestion/lieux/:placeId/accompagnements": { url: list, get: staffOnly(list), post: 405 },
  "gestion/lieux/:placeId/accompagnements/nouveau": {
    url: create,
    get: staffOnly(create),
    post: staffPost(create),
    forged: { default: 403, anonymous: toSignIn(create) },
    fromElsewhere: 400,
  },
  "gestion/lieux/:placeId/accompagnements/:recordId": {
    url: record,
    get: staffOnly(record),
    post: staffPost(record),
    forged: { default: 403, anonymous: toSignIn(record) },
    fromElsewhere: 400,
  },
};
