import type { RouteCase } from "./types";

export const BACKOFFICE_ROUTES: Record<string, RouteCase> = {
  "gestion/lieux/:placeId": { url: "/gestion/lieux/PLACE_A", get: 404, post: 405 },
  "gestion/lieux/:placeId/journal": { url: "/gestion/lieux/PLACE_A/journal", get: 404, post: 405 },
  "gestion/reseaux/:slug": { url: "/gestion/reseaux/reseau-a", get: 404, post: 405 },
};
