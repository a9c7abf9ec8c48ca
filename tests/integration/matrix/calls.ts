import { toSignIn, type RouteCase } from "./types";

/**
 * The network's label (app/features/calls). Calls, their forms, grids and the submitted
 * applications are the coordinators' (`network.calls`, and platform admins); a place's
 * applications are its managers' only (`place.applications`: not its mediators, not the admin);
 * a file is read by the application's readers (its place's managers, the network, an assigned
 * reviewer after the declaration); a review only by its reviewer (here coordinatorA, assigned to
 * APPLICATION_A). A genuine POST with only the token has no intent: 400 for those who may post.
 * CALL_A is a published call of network A; APPLICATION_A place A's submitted application to it;
 * FILE_A its file; REVIEW_A coordinatorA's assignment. No letter yet: 404 for its readers.
 */
const calls = "/gestion/reseaux/reseau-a/appels";
const call = `${calls}/appel-a`;
const dossier = `${call}/dossiers/APPLICATION_A`;
const candidatures = "/gestion/lieux/PLACE_A/candidatures";
const mine = `${candidatures}/APPLICATION_A`;
const file = "/gestion/dossiers/APPLICATION_A/fichiers/FILE_A";
const letter = "/gestion/dossiers/APPLICATION_A/lettre.pdf";
const review = "/gestion/evaluations/REVIEW_A";

const network = (url: string) => ({ default: 403, anonymous: toSignIn(url), coordinatorA: 200, admin: 200 });
const networkPost = (url: string) => ({ post: { default: 403, anonymous: toSignIn(url), coordinatorA: 400, admin: 400 }, forged: { default: 403, anonymous: toSignIn(url) }, fromElsewhere: 400 });

export const CALLS_ROUTES: Record<string, RouteCase> = {
  "gestion/reseaux/:slug/appels": { url: calls, get: network(calls), ...networkPost(calls) },
  // A genuine POST with only the token: the expert's name and address are missing.
  "gestion/reseaux/:slug/experts": { url: "/gestion/reseaux/reseau-a/experts", get: network("/gestion/reseaux/reseau-a/experts"), ...networkPost("/gestion/reseaux/reseau-a/experts") },
  "gestion/reseaux/:slug/appels/:callSlug": { url: call, get: network(call), ...networkPost(call) },
  "gestion/reseaux/:slug/appels/:callSlug/formulaire": { url: `${call}/formulaire`, get: network(`${call}/formulaire`), ...networkPost(`${call}/formulaire`) },
  "gestion/reseaux/:slug/appels/:callSlug/grille": { url: `${call}/grille`, get: network(`${call}/grille`), ...networkPost(`${call}/grille`) },
  "gestion/reseaux/:slug/appels/:callSlug/dossiers/:applicationId": { url: dossier, get: network(dossier), ...networkPost(dossier) },
  "gestion/reseaux/:slug/appels/:callSlug/dossiers.csv": { url: `${call}/dossiers.csv`, get: network(`${call}/dossiers.csv`), post: 405 },
  "gestion/reseaux/:slug/appels/:callSlug/dossiers.xlsx": { url: `${call}/dossiers.xlsx`, get: network(`${call}/dossiers.xlsx`), post: 405 },
  "gestion/reseaux/:slug/appels/:callSlug/fichiers.zip": { url: `${call}/fichiers.zip`, get: network(`${call}/fichiers.zip`), post: 405 },
  "gestion/reseaux/:slug/label": { url: "/gestion/reseaux/reseau-a/label", get: network("/gestion/reseaux/reseau-a/label"), post: 405 },
  "gestion/reseaux/:slug/label/rapport.xlsx": { url: "/gestion/reseaux/reseau-a/label/rapport.xlsx?annee=2026", get: network("/gestion/reseaux/reseau-a/label/rapport.xlsx?annee=2026"), post: 405 },
  "gestion/reseaux/:slug/label/rapport.pdf": { url: "/gestion/reseaux/reseau-a/label/rapport.pdf?annee=2026", get: network("/gestion/reseaux/reseau-a/label/rapport.pdf?annee=2026"), post: 405 },
  "gestion/lieux/:placeId/candidatures": {
    url: candidatures,
    get: { default: 403, anonymous: toSignIn(candidatures), managerA: 200 },
    // No call named: 404 for the one who may apply.
    post: { default: 403, anonymous: toSignIn(candidatures), managerA: 404 },
    forged: { default: 403, anonymous: toSignIn(candidatures) },
    fromElsewhere: 400,
  },
  "gestion/lieux/:placeId/candidatures/:applicationId": {
    url: mine,
    get: { default: 403, anonymous: toSignIn(mine), managerA: 200 },
    post: { default: 403, anonymous: toSignIn(mine), managerA: 400 },
    forged: { default: 403, anonymous: toSignIn(mine) },
    fromElsewhere: 400,
  },
  "gestion/dossiers/:applicationId/fichiers/:fileId": { url: file, get: { default: 403, anonymous: toSignIn(file), managerA: 200, coordinatorA: 200, admin: 200 }, post: 405 },
  "gestion/dossiers/:applicationId/lettre.pdf": { url: letter, get: { default: 403, anonymous: toSignIn(letter), managerA: 404, coordinatorA: 404, admin: 404 }, post: 405 },
  "gestion/evaluations": { url: "/gestion/evaluations", get: { default: 200, anonymous: toSignIn("/gestion/evaluations") }, post: 405 },
  "gestion/evaluations/:reviewId": {
    url: review,
    get: { default: 403, anonymous: toSignIn(review), coordinatorA: 200 },
    post: { default: 403, anonymous: toSignIn(review), coordinatorA: 400 },
    forged: { default: 403, anonymous: toSignIn(review) },
    fromElsewhere: 400,
  },
};
