import { AGENDA_ROUTES } from "./agenda";
import { BACKOFFICE_ROUTES } from "./backoffice";
import { BENEFICIARIES_ROUTES } from "./beneficiaries";
import { BOOKING_ROUTES } from "./booking";
import { CALLS_ROUTES } from "./calls";
import { CORE_ROUTES } from "./core";
import { DATA_INCLUSION_ROUTES } from "./data-inclusion";
import { JOBS_ROUTES } from "./jobs";
import { MAIL_ROUTES } from "./mail";
import { MEDIATION_EXPORT_ROUTES } from "./mediation-exports";
import { MEMBERSHIPS_ROUTES } from "./memberships";
import { OIDC_ROUTES } from "./oidc";
import { PARTNER_EXTRAS_ROUTES } from "./partner-extras";
import { PARTNERS_ROUTES } from "./partners";
import { RECORD_ROUTES } from "./records";
import { REFERRAL_ROUTES } from "./referrals";
import { SALES_REPORTS_ROUTES } from "./sales-reports";
import { SALES_ROUTES } from "./sales";
import { SCHEDULING_ROUTES } from "./scheduling";
import { STATISTICS_ROUTES } from "./statistics";
import { STOPS_ROUTES } from "./stops";
import { TARIFF_ROUTES } from "./tariffs";
import type { RouteCase } from "./types";
import { WORKSHOP_ROUTES } from "./workshops";
import { WORKSHOPS_SETUP_ROUTES } from "./workshops-setup";

/** Every route of app/routes.ts with its expected answers, one file per feature. */
export const ROUTES: Record<string, RouteCase> = { ...CORE_ROUTES, ...MAIL_ROUTES, ...OIDC_ROUTES, ...BACKOFFICE_ROUTES, ...SCHEDULING_ROUTES, ...JOBS_ROUTES, ...BOOKING_ROUTES, ...WORKSHOP_ROUTES, ...STOPS_ROUTES, ...AGENDA_ROUTES, ...WORKSHOPS_SETUP_ROUTES, ...RECORD_ROUTES, ...BENEFICIARIES_ROUTES, ...MEDIATION_EXPORT_ROUTES, ...STATISTICS_ROUTES, ...DATA_INCLUSION_ROUTES, ...MEMBERSHIPS_ROUTES, ...SALES_ROUTES, ...SALES_REPORTS_ROUTES, ...TARIFF_ROUTES, ...REFERRAL_ROUTES, ...PARTNER_EXTRAS_ROUTES, ...PARTNERS_ROUTES, ...CALLS_ROUTES };
