/**
 * Every word a person reads, in French, in one catalogue: `fr`. One file per feature in this
 * folder, each exporting its sections; keys are English, values plain French (short
 * sentences, no jargon). See docs/decisions/012-messages.md.
 */
import { accounts } from "./accounts";
import { agenda } from "./agenda";
import { applications } from "./applications";
import { attention } from "./attention";
import { backoffice } from "./backoffice";
import { booking } from "./booking";
import { callDocs } from "./call-docs";
import { calls } from "./calls";
import { coordination } from "./coordination";
import { dataInclusion } from "./data-inclusion";
import { directory, home, map, places, plain } from "./directory";
import { hours } from "./hours";
import { importer } from "./importer";
import { jobs } from "./jobs";
import { mail } from "./mail";
import { mediationExports } from "./mediation-exports";
import { mediation } from "./mediation";
import { memberships } from "./memberships";
import { oidc } from "./oidc";
import { partners } from "./partners";
import { beneficiaries, privacy } from "./people";
import { place, placePage } from "./places";
import { report } from "./reports";
import { referrals } from "./referrals";
import { resources } from "./resources";
import { sales } from "./sales";
import { salesReports } from "./sales-reports";
import { sms } from "./sms";
import { statistics } from "./statistics";
import { stops } from "./stops";
import { tariffs } from "./tariffs";
import { accessibility, errors, forms, site } from "./site";
import { time } from "./time";
import { workshops } from "./workshops";
import { workshopSetup } from "./workshop-setup";

export const fr = {
  mail,
  sms,
  oidc,
  backoffice,
  booking,
  workshops,
  agenda,
  resources,
  stops,
  statistics,
  dataInclusion,
  attention,
  coordination,
  importer,
  jobs,
  time,
  hours,
  site,
  home,
  places,
  place,
  directory,
  map,
  plain,
  forms,
  errors,
  placePage,
  report,
  accessibility,
  accounts,
  workshopSetup,
  beneficiaries,
  privacy,
  mediation,
  mediationExports,
  sales,
  memberships,
  tariffs,
  salesReports,
  referrals,
  partners,
  applications,
  callDocs,
  calls,
} as const;

export { formatNumber } from "./format";
