import { toSignIn, type RouteCase } from "./types";

/**
 * The till: the place's managers and mediators only (`place.sales`); its network's coordinators and
 * the platform admin get 403 — sales name the people who paid. Closing a day is the managers'
 * (`place.sales.manage`). A POST with only the token is an incomplete form: 400.
 */
const till = "/gestion/lieux/PLACE_A/caisse";
const journal = "/gestion/lieux/PLACE_A/caisse/journal";
const sale = "/gestion/lieux/PLACE_A/caisse/ventes/SALE_A";
const staffOnly = (url: string) => ({ default: 403, anonymous: toSignIn(url), mediatorA: 200, managerA: 200 });

export const SALES_ROUTES: Record<string, RouteCase> = {
  "gestion/lieux/:placeId/caisse": {
    url: till,
    get: staffOnly(till),
    post: { default: 403, anonymous: toSignIn(till), mediatorA: 400, managerA: 400 },
    forged: { default: 403, anonymous: toSignIn(till) },
    fromElsewhere: 400,
  },
  "gestion/lieux/:placeId/caisse/journal": {
    url: journal,
    get: staffOnly(journal),
    post: { default: 403, anonymous: toSignIn(journal), managerA: 400 },
    forged: { default: 403, anonymous: toSignIn(journal) },
    fromElsewhere: 400,
  },
  "gestion/lieux/:placeId/caisse/ventes/:saleId": {
    url: sale,
    get: staffOnly(sale),
    post: { default: 403, anonymous: toSignIn(sale), mediatorA: 400, managerA: 400 },
    forged: { default: 403, anonymous: toSignIn(sale) },
    fromElsewhere: 400,
  },
};
