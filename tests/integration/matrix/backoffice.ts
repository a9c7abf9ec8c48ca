import { toSignIn, type RouteCase } from "./types";

/**
 * Back-office of places and networks. Mediators may open their place's page (read only) but
 * not change it; managers edit and publish their place and read its log; coordinators do all
 * of it for the places of their network and manage the network's labels. A genuine POST with
 * only the token is an empty form: refused with the form's errors (400) for those who may post.
 */
const placeEdit = "/gestion/lieux/PLACE_A";
const placeLog = "/gestion/lieux/PLACE_A/journal";
const placePreview = "/gestion/lieux/PLACE_A/apercu";
const network = "/gestion/reseaux/reseau-a";
const networkLog = "/gestion/reseaux/reseau-a/journal";
const placeReports = "/gestion/lieux/PLACE_A/signalements";
const networkReports = "/gestion/reseaux/reseau-a/signalements";
const networkCreate = "/gestion/reseaux/reseau-a/nouveau-lieu";
const networkAttach = "/gestion/reseaux/reseau-a/rattacher";
const networkImport = "/gestion/reseaux/reseau-a/import";

export const BACKOFFICE_ROUTES: Record<string, RouteCase> = {
  "gestion/lieux/:placeId": {
    url: placeEdit,
    get: { default: 403, anonymous: toSignIn(placeEdit), mediatorA: 200, managerA: 200, coordinatorA: 200, admin: 200 },
    post: { default: 403, anonymous: toSignIn(placeEdit), managerA: 400, coordinatorA: 400, admin: 400 },
    forged: { default: 403, anonymous: toSignIn(placeEdit) },
    fromElsewhere: 400,
  },
  "gestion/lieux/:placeId/journal": {
    url: placeLog,
    get: { default: 403, anonymous: toSignIn(placeLog), managerA: 200, coordinatorA: 200, admin: 200 },
    post: 405,
  },
  "gestion/lieux/:placeId/apercu": {
    url: placePreview,
    get: { default: 403, anonymous: toSignIn(placePreview), mediatorA: 200, managerA: 200, coordinatorA: 200, admin: 200 },
    post: 405,
  },
  "gestion/reseaux/:slug": {
    url: network,
    get: { default: 403, anonymous: toSignIn(network), coordinatorA: 200, admin: 200 },
    post: { default: 403, anonymous: toSignIn(network), coordinatorA: 400, admin: 400 },
    forged: { default: 403, anonymous: toSignIn(network) },
    fromElsewhere: 400,
  },
  "gestion/reseaux/:slug/journal": {
    url: networkLog,
    get: { default: 403, anonymous: toSignIn(networkLog), coordinatorA: 200, admin: 200 },
    post: 405,
  },
  // The public's error reports: the place's managers and its network's coordinators.
  "gestion/lieux/:placeId/signalements": {
    url: placeReports,
    get: { default: 403, anonymous: toSignIn(placeReports), managerA: 200, coordinatorA: 200, admin: 200 },
    post: { default: 403, anonymous: toSignIn(placeReports), managerA: 400, coordinatorA: 400, admin: 400 },
    forged: { default: 403, anonymous: toSignIn(placeReports) },
    fromElsewhere: 400,
  },
  "gestion/reseaux/:slug/signalements": {
    url: networkReports,
    get: { default: 403, anonymous: toSignIn(networkReports), coordinatorA: 200, admin: 200 },
    post: { default: 403, anonymous: toSignIn(networkReports), coordinatorA: 400, admin: 400 },
    forged: { default: 403, anonymous: toSignIn(networkReports) },
    fromElsewhere: 400,
  },
  // The coordinator's network tools: only the network's coordinators (and platform admins).
  "gestion/reseaux/:slug/nouveau-lieu": {
    url: networkCreate,
    get: { default: 403, anonymous: toSignIn(networkCreate), coordinatorA: 200, admin: 200 },
    post: { default: 403, anonymous: toSignIn(networkCreate), coordinatorA: 400, admin: 400 },
    forged: { default: 403, anonymous: toSignIn(networkCreate) },
    fromElsewhere: 400,
  },
  "gestion/reseaux/:slug/rattacher": {
    url: networkAttach,
    get: { default: 403, anonymous: toSignIn(networkAttach), coordinatorA: 200, admin: 200 },
    post: { default: 403, anonymous: toSignIn(networkAttach), coordinatorA: 400, admin: 400 },
    forged: { default: 403, anonymous: toSignIn(networkAttach) },
    fromElsewhere: 400,
  },
  "gestion/reseaux/:slug/import": {
    url: networkImport,
    get: { default: 403, anonymous: toSignIn(networkImport), coordinatorA: 200, admin: 200 },
    post: { default: 403, anonymous: toSignIn(networkImport), coordinatorA: 400, admin: 400 },
    forged: { default: 403, anonymous: toSignIn(networkImport) },
    fromElsewhere: 400,
  },
};
