import { toSignIn, type RouteCase } from "./types";

/**
 * The figures of the help given. A place's (and its files) for its managers and mediators and its
 * networks' coordinators (`place.statistics`); a network's for its coordinators (`network.statistics`);
 * the platform admin reads both (counts only: no name is on them); the place's yearly report likewise. No form posts: 405. The public
 * aggregates are open data.
 */
const place = "/gestion/lieux/PLACE_A/statistiques";
const network = "/gestion/reseaux/reseau-a/statistiques";
const placeRule = (url: string) => ({ default: 403, anonymous: toSignIn(url), mediatorA: 200, managerA: 200, coordinatorA: 200, admin: 200 });
const networkRule = (url: string) => ({ default: 403, anonymous: toSignIn(url), coordinatorA: 200, admin: 200 });

export const STATISTICS_ROUTES: Record<string, RouteCase> = {
  "gestion/lieux/:placeId/statistiques": { url: place, get: placeRule(place), post: 405 },
  "gestion/lieux/:placeId/statistiques/export.csv": { url: `${place}/export.csv`, get: placeRule(`${place}/export.csv`), post: 405 },
  "gestion/lieux/:placeId/statistiques/export.xlsx": { url: `${place}/export.xlsx`, get: placeRule(`${place}/export.xlsx`), post: 405 },
  "gestion/lieux/:placeId/statistiques/rapport.pdf": { url: `${place}/rapport.pdf`, get: placeRule(`${place}/rapport.pdf`), post: 405 },
  "gestion/lieux/:placeId/statistiques/rapport.xlsx": { url: `${place}/rapport.xlsx?annee=2026`, get: placeRule(`${place}/rapport.xlsx?annee=2026`), post: 405 },
  "gestion/reseaux/:slug/statistiques": { url: network, get: networkRule(network), post: 405 },
  "gestion/reseaux/:slug/statistiques/export.csv": { url: `${network}/export.csv`, get: networkRule(`${network}/export.csv`), post: 405 },
  "gestion/reseaux/:slug/statistiques/export.xlsx": { url: `${network}/export.xlsx`, get: networkRule(`${network}/export.xlsx`), post: 405 },
  "api/v1/statistiques": { url: "/api/v1/statistiques?reseau=reseau-a&annee=2025", get: 200, post: 405 },
};
