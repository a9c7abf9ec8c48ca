import type { RouteCase } from "./types";

/** The places and their services in the data·inclusion schema: open data, for everyone; nothing to post. */
export const DATA_INCLUSION_ROUTES: Record<string, RouteCase> = {
  "api/v1/data-inclusion/structures": { url: "/api/v1/data-inclusion/structures?reseau=reseau-a", get: 200, post: 405 },
  "api/v1/data-inclusion/services": { url: "/api/v1/data-inclusion/services?reseau=reseau-a", get: 200, post: 405 },
};
