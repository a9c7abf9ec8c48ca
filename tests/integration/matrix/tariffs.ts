import { toSignIn, type RouteCase } from "./types";

/**
 * The cash office's tariffs: the place's managers only (`place.sales.manage`). Its mediators sell
 * at the till but do not change prices; its network's coordinators and the platform admin are
 * refused like anyone else (a public cash office's prices are the place's). A genuine POST with
 * only the token is an incomplete form: 400. TARIFF_ITEM_A is an item of PLACE_A's tariff.
 */
const list = "/gestion/lieux/PLACE_A/caisse/tarifs";
const item = "/gestion/lieux/PLACE_A/caisse/tarifs/TARIFF_ITEM_A";
const managersOnly = (url: string) => ({ default: 403, anonymous: toSignIn(url), managerA: 200 });
const managersPost = (url: string) => ({ default: 403, anonymous: toSignIn(url), managerA: 400 });

export const TARIFF_ROUTES: Record<string, RouteCase> = {
  "gestion/lieux/:placeId/caisse/tarifs": {
    url: list,
    get: managersOnly(list),
    post: managersPost(list),
    forged: { default: 403, anonymous: toSignIn(list) },
    fromElsewhere: 400,
  },
  "gestion/lieux/:placeId/caisse/tarifs/:itemId": {
    url: item,
    get: managersOnly(item),
    post: managersPost(item),
    forged: { default: 403, anonymous: toSignIn(item) },
    fromElsewhere: 400,
  },
};
