import { toSignIn, type RouteCase } from "./types";

/**
 * A network's partner organisations (app/features/partners): their list, one organisation's page
 * (advisers, webhook, API keys) and the referral rules are for the network's coordinators and the
 * platform admins (`network.partners`); the partner's own advisers do not run them. A genuine
 * POST with only the token has no intent: 400 for those who may post.
 */
const partners = "/gestion/reseaux/reseau-a/partenaires";
const partner = "/gestion/reseaux/reseau-a/partenaires/PARTNER_A";

export const PARTNERS_ROUTES: Record<string, RouteCase> = {
  "gestion/reseaux/:slug/partenaires": {
    url: partners,
    get: { default: 403, anonymous: toSignIn(partners), coordinatorA: 200, admin: 200 },
    post: { default: 403, anonymous: toSignIn(partners), coordinatorA: 400, admin: 400 },
    forged: { default: 403, anonymous: toSignIn(partners) },
    fromElsewhere: 400,
  },
  "gestion/reseaux/:slug/partenaires/:partnerId": {
    url: partner,
    get: { default: 403, anonymous: toSignIn(partner), coordinatorA: 200, admin: 200 },
    post: { default: 403, anonymous: toSignIn(partner), coordinatorA: 400, admin: 400 },
    forged: { default: 403, anonymous: toSignIn(partner) },
    fromElsewhere: 400,
  },
};
