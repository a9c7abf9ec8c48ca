import { toSignIn, type RouteCase } from "./types";

/**
 * Partners' referrals. The adviser's pages: the partner organisation's advisers only (`partner.follow`,
 * `partner.refer` for a place of its network); the receiving place's pages: its managers and mediators
 * (`place.referrals`). Nobody else — not the network's coordinators, not the platform admin: the
 * person's details go from the organisation to the place, no further. A POST with only the token is an
 * incomplete form: 400.
 */
const home = "/gestion/partenaires/PARTNER_A";
const choose = "/gestion/partenaires/PARTNER_A/orienter";
const refer = "/gestion/partenaires/PARTNER_A/orienter/lieu-a";
const referral = "/gestion/partenaires/PARTNER_A/orientations/REFERRAL_A";
const inbox = "/gestion/lieux/PLACE_A/orientations";
const received = "/gestion/lieux/PLACE_A/orientations/REFERRAL_A";
const adviserOnly = (url: string) => ({ default: 403, anonymous: toSignIn(url), partner: 200 });
const staffOnly = (url: string) => ({ default: 403, anonymous: toSignIn(url), mediatorA: 200, managerA: 200 });

export const REFERRAL_ROUTES: Record<string, RouteCase> = {
  // The API for partners' systems takes an API key of the organisation, never a session: 401 to everyone here
  // (tests/integration/partner-api.test.ts proves the key's scope).
  "api/v1/partenaires/orientations": { url: "/api/v1/partenaires/orientations", get: 401, post: 401 },
  "api/v1/partenaires/orientations/:referralId": { url: "/api/v1/partenaires/orientations/REFERRAL_A", get: 401, post: 405 },
  "gestion/partenaires/:partnerId": { url: home, get: adviserOnly(home), post: 405 },
  "gestion/partenaires/:partnerId/orienter": { url: choose, get: adviserOnly(choose), post: 405 },
  "gestion/partenaires/:partnerId/orienter/:slug": {
    url: refer,
    get: adviserOnly(refer),
    post: { default: 403, anonymous: toSignIn(refer), partner: 400 },
    forged: { default: 403, anonymous: toSignIn(refer) },
    fromElsewhere: 400,
  },
  "gestion/partenaires/:partnerId/orientations/:referralId": {
    url: referral,
    get: adviserOnly(referral),
    post: { default: 403, anonymous: toSignIn(referral), partner: 400 },
    forged: { default: 403, anonymous: toSignIn(referral) },
    fromElsewhere: 400,
  },
  "gestion/lieux/:placeId/orientations": { url: inbox, get: staffOnly(inbox), post: 405 },
  "gestion/lieux/:placeId/orientations/:referralId": {
    url: received,
    get: staffOnly(received),
    post: { default: 403, anonymous: toSignIn(received), mediatorA: 400, managerA: 400 },
    forged: { default: 403, anonymous: toSignIn(received) },
    fromElsewhere: 400,
  },
};
