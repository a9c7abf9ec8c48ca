import { toSignIn, type RouteCase } from "./types";

/**
 * The job queue's page: the platform admin only. A genuine POST with only the token names no
 * job: refused with the form's error (400) for the admin.
 */
const JOBS = "/gestion/taches";
export const JOBS_ROUTES: Record<string, RouteCase> = {
  "gestion/taches": {
    url: JOBS,
    get: { default: 403, anonymous: toSignIn(JOBS), admin: 200 },
    post: { default: 403, anonymous: toSignIn(JOBS), admin: 400 },
    forged: { default: 403, anonymous: toSignIn(JOBS) },
    fromElsewhere: 400,
  },
};
