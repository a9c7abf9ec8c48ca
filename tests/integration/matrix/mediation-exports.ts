import { toSignIn, type RouteCase } from "./types";

/**
 * Help records' exports and La Coop's import. A place's export (names, notes) and its import are
 * for its mediators and managers only (`place.mediation`): its network's coordinators and the
 * platform admin get 403. The network's export has no name and no note: its coordinators (and the
 * platform admin, `network.statistics`). The exports are files without an action (405); a genuine
 * import POST with only the token has no file: 400.
 */
const placeCsv = "/gestion/lieux/PLACE_A/accompagnements/export.csv";
const placeXlsx = "/gestion/lieux/PLACE_A/accompagnements/export.xlsx?du=2025-01-01&au=2025-12-31";
const importPage = "/gestion/lieux/PLACE_A/accompagnements/import";
const networkCsv = "/gestion/reseaux/reseau-a/accompagnements/export.csv";
const networkXlsx = "/gestion/reseaux/reseau-a/accompagnements/export.xlsx";
const placeStaff = (url: string) => ({ default: 403, anonymous: toSignIn(url), mediatorA: 200, managerA: 200 });
const coordinators = (url: string) => ({ default: 403, anonymous: toSignIn(url), coordinatorA: 200, admin: 200 });

export const MEDIATION_EXPORT_ROUTES: Record<string, RouteCase> = {
  "gestion/lieux/:placeId/accompagnements/export.csv": { url: placeCsv, get: placeStaff(placeCsv), post: 405 },
  "gestion/lieux/:placeId/accompagnements/export.xlsx": { url: placeXlsx, get: placeStaff(placeXlsx), post: 405 },
  "gestion/reseaux/:slug/accompagnements/export.csv": { url: networkCsv, get: coordinators(networkCsv), post: 405 },
  "gestion/reseaux/:slug/accompagnements/export.xlsx": { url: networkXlsx, get: coordinators(networkXlsx), post: 405 },
  "gestion/lieux/:placeId/accompagnements/import": {
    url: importPage,
    get: placeStaff(importPage),
    post: { default: 403, anonymous: toSignIn(importPage), mediatorA: 400, managerA: 400 },
    forged: { default: 403, anonymous: toSignIn(importPage) },
    fromElsewhere: 400,
  },
};
