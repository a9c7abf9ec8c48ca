import { toSignIn, type RouteCase } from "./types";

/**
 * People followed by name (features/mediation: beneficiaries). Every page is for the place's own
 * managers and mediators (`place.mediation`): never its network's coordinators, never the platform
 * admin, never another place's staff. A genuine POST with only the token is an empty form: 400
 * for those who may post. BENEFICIARY_A is a person followed at PLACE_A. The privacy page is public.
 */
const list = "/gestion/lieux/PLACE_A/beneficiaires";
const create = `${list}/nouveau`;
const consent = `${list}/consentement`;
const person = `${list}/BENEFICIARY_A`;
const personData = `${person}/donnees`;
const personJson = `${person}/donnees.json`;

const staffOnly = (url: string, ok: number) => ({ default: 403, anonymous: toSignIn(url), mediatorA: ok, managerA: ok });

export const BENEFICIARIES_ROUTES: Record<string, RouteCase> = {
  confidentialite: { url: "/confidentialite", get: 200, post: 405 },
  "gestion/lieux/:placeId/beneficiaires": {
    url: list,
    get: staffOnly(list, 200),
    post: staffOnly(list, 400),
    forged: { default: 403, anonymous: toSignIn(list) },
    fromElsewhere: 400,
  },
  "gestion/lieux/:placeId/beneficiaires/nouveau": {
    url: create,
    get: staffOnly(create, 200),
    post: staffOnly(create, 400),
    forged: { default: 403, anonymous: toSignIn(create) },
    fromElsewhere: 400,
  },
  "gestion/lieux/:placeId/beneficiaires/consentement": { url: consent, get: staffOnly(consent, 200), post: 405 },
  "gestion/lieux/:placeId/beneficiaires/:beneficiaryId": {
    url: person,
    get: staffOnly(person, 200),
    post: staffOnly(person, 400),
    forged: { default: 403, anonymous: toSignIn(person) },
    fromElsewhere: 400,
  },
  "gestion/lieux/:placeId/beneficiaires/:beneficiaryId/donnees": { url: personData, get: staffOnly(personData, 200), post: 405 },
  "gestion/lieux/:placeId/beneficiaires/:beneficiaryId/donnees.json": { url: personJson, get: staffOnly(personJson, 200), post: 405 },
};
