/**
 * The whole demo, in the order the server makes it at each start with DEMO=auto (server.ts):
 * the places and accounts on an empty database (once), then each part fills only what is
 * missing, so a restart keeps the demo around today. The end-to-end tests call it too, to seed
 * the demo once per run and give each server a copy (tests/support/demo-template.ts).
 */
import type { Database } from "~/db/client.server";
import { logger } from "~/lib/logger";
import { seedDemoIfEmpty } from "./demo.server";
import { seedDemoCalls } from "./demo-calls.server";
import { seedDemoMediation } from "./demo-mediation.server";
import { seedDemoReferrals } from "./demo-referrals.server";
import { seedDemoSales } from "./demo-sales.server";
import { seedDemoScheduling } from "./demo-scheduling.server";
import { seedDemoWorkshops } from "./demo-workshops.server";

export async function seedDemo(database: Database, referenceDir: string): Promise<void> {
  const reports = await seedDemoIfEmpty(database, referenceDir);
  if (reports) logger.info({ places: reports.reduce((n, r) => n + r.created, 0) }, "demo data created");
  // The demo's resources and a fortnight of bookings around today (each start fills the days missing).
  await seedDemoScheduling(database.db);
  // Six weeks of workshops across the demo network, and the mobile EPN's stops (made again when they run out).
  await seedDemoWorkshops(database.db);
  // A year of help records across the demo network (once), and the demo's older appointments completed.
  await seedDemoMediation(database.db);
  // The till at two demo places: tariffs and a month of sales and memberships (once).
  await seedDemoSales(database.db);
  // Two partner organisations (France Travail, a CCAS) with an adviser each, and referrals in every status (once).
  await seedDemoReferrals(database.db);
  // The label: the « Web O Centre 2017-2020 » call decided, the renewal call open with applications in every state (once).
  await seedDemoCalls(database.db);
}
