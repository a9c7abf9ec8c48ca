import type { RouteCase } from "./types";

/**
 * The network's public agenda, its calendar feeds and its API: read by anyone, no action (405).
 * A feed of an unknown place, network or theme is 404 (tests/integration/agenda-pages.test.ts).
 */
export const AGENDA_ROUTES: Record<string, RouteCase> = {
  agenda: { url: "/agenda?commune=Bourges&theme=Email", get: 200, post: 405 },
  "agenda/theme/:file": { url: "/agenda/theme/Email.ics", get: 200, post: 405 },
  "lieux/:slug/agenda.ics": { url: "/lieux/lieu-a/agenda.ics", get: 200, post: 405 },
  "reseaux/:slug/agenda.ics": { url: "/reseaux/reseau-a/agenda.ics", get: 200, post: 405 },
  "api/v1/agenda": { url: "/api/v1/agenda?theme=Email", get: 200, post: 405 },
  "api/v1/agenda/openagenda": { url: "/api/v1/agenda/openagenda", get: 200, post: 405 },
};
