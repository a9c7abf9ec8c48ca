import { toSignIn, type RouteCase } from "./types";

/**
 * Partners' extras (app/features/referrals): sending a place's details to a person, the
 * follow-up as a spreadsheet. Only the organisation's advisers (`partner.follow`, `partner.refer`):
 * not the place's staff, not the network's coordinators, not the platform admin — the people's
 * details stay with the organisation. A genuine POST with only the token names nobody to send to: 400.
 */
const send = "/gestion/partenaires/PARTNER_A/envoyer/lieu-a";
const xlsx = "/gestion/partenaires/PARTNER_A/orientations.xlsx";
const advisers = (url: string) => ({ default: 403, anonymous: toSignIn(url), partner: 200 });

export const PARTNER_EXTRAS_ROUTES: Record<string, RouteCase> = {
  "gestion/partenaires/:partnerId/envoyer/:slug": {
    url: send,
    get: advisers(send),
    post: { default: 403, anonymous: toSignIn(send), partner: 400 },
    forged: { default: 403, anonymous: toSignIn(send) },
    fromElsewhere: 400,
  },
  "gestion/partenaires/:partnerId/orientations.xlsx": { url: xlsx, get: advisers(xlsx), post: 405 },
};
