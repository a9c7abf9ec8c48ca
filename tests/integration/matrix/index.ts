import { BACKOFFICE_ROUTES } from "./backoffice";
import { BOOKING_ROUTES } from "./booking";
import { CORE_ROUTES } from "./core";
import { JOBS_ROUTES } from "./jobs";
import { MAIL_ROUTES } from "./mail";
import { OIDC_ROUTES } from "./oidc";
import { SCHEDULING_ROUTES } from "./scheduling";
import type { RouteCase } from "./types";
import { WORKSHOPS_SETUP_ROUTES } from "./workshops-setup";

/** Every route of app/routes.ts with its expected answers, one file per feature. */
export const ROUTES: Record<string, RouteCase> = { ...CORE_ROUTES, ...MAIL_ROUTES, ...OIDC_ROUTES, ...BACKOFFICE_ROUTES, ...SCHEDULING_ROUTES, ...JOBS_ROUTES, ...BOOKING_ROUTES, ...WORKSHOPS_SETUP_ROUTES };
