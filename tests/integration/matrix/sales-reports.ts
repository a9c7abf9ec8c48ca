import { toSignIn, type RouteCase } from "./types";

/**
 * A sale's receipt (PDF, by mail): the place's managers and mediators (`place.sales`), never its
 * network's coordinators nor the platform admin. The month's cash journal: the place's managers
 * (`place.sales.manage`); the network's, its coordinators and the platform admin (`network.statistics`:
 * no name in it). A genuine POST with only the token has no address: 400.
 */
const sale = "/gestion/lieux/PLACE_A/caisse/ventes/SALE_A";
const journal = "/gestion/lieux/PLACE_A/caisse/journal";
const network = "/gestion/reseaux/reseau-a/caisse";
const till = (url: string) => ({ default: 403, anonymous: toSignIn(url), mediatorA: 200, managerA: 200 });
const managers = (url: string) => ({ default: 403, anonymous: toSignIn(url), managerA: 200 });
const coordinators = (url: string) => ({ default: 403, anonymous: toSignIn(url), coordinatorA: 200, admin: 200 });

export const SALES_REPORTS_ROUTES: Record<string, RouteCase> = {
  "gestion/lieux/:placeId/caisse/ventes/:saleId/recu.pdf": { url: `${sale}/recu.pdf`, get: till(`${sale}/recu.pdf`), post: 405 },
  "gestion/lieux/:placeId/caisse/ventes/:saleId/envoyer": {
    url: `${sale}/envoyer`,
    get: till(`${sale}/envoyer`),
    post: { default: 403, anonymous: toSignIn(`${sale}/envoyer`), mediatorA: 400, managerA: 400 },
    forged: { default: 403, anonymous: toSignIn(`${sale}/envoyer`) },
    fromElsewhere: 400,
  },
  "gestion/lieux/:placeId/caisse/journal/export.csv": { url: `${journal}/export.csv?mois=2026-11`, get: managers(`${journal}/export.csv?mois=2026-11`), post: 405 },
  "gestion/lieux/:placeId/caisse/journal/export.xlsx": { url: `${journal}/export.xlsx?mois=2026-11`, get: managers(`${journal}/export.xlsx?mois=2026-11`), post: 405 },
  "gestion/reseaux/:slug/caisse/export.csv": { url: `${network}/export.csv?mois=2026-11`, get: coordinators(`${network}/export.csv?mois=2026-11`), post: 405 },
  "gestion/reseaux/:slug/caisse/export.xlsx": { url: `${network}/export.xlsx?mois=2026-11`, get: coordinators(`${network}/export.xlsx?mois=2026-11`), post: 405 },
};
