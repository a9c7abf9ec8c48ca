import { toSignIn, type RouteCase } from "./types";

/**
 * The members page of a place: its managers and mediators (`place.sales`, as the till) — not its
 * networks' coordinators, not the platform admin (names are on it). No form posts: 405.
 */
const members = "/gestion/lieux/PLACE_A/caisse/adherents";

export const MEMBERSHIPS_ROUTES: Record<string, RouteCase> = {
  "gestion/lieux/:placeId/caisse/adherents": { url: members, get: { default: 403, anonymous: toSignIn(members), mediatorA: 200, managerA: 200 }, post: 405 },
};
