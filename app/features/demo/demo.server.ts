import fs from "node:fs";
import path from "node:path";
import { and, asc, count, eq } from "drizzle-orm";
import type { Database } from "~/db/client.server";
import { labelGrants, networks, places, users } from "~/db/schema";
import { importPlacesFile, type ImportReport } from "~/features/places/import.server";
import { logger } from "~/lib/logger";
import { createNetwork, createStaffUser } from "./factories.server";

export const DEMO_NETWORK = { slug: "web-o-centre", name: "Web O Centre (démo)", territory: "Centre-Val de Loire" };
export const DEMO_LABEL = {
  label: "EPN labellisé Web O Centre",
  themes: ["Inclusion sociale", "Innovation territoriale"],
  validFrom: "2017-09-01",
};

const MAPPINGS = path.resolve(import.meta.dirname, "../../../mappings");

/** The real files of ../shared/reference/mednum/real, with the mapping each needs. */
export function demoFiles(referenceDir: string) {
  const real = path.join(referenceDir, "mednum/real");
  return {
    network: { file: path.join(real, "centre-val-de-loire_hub-lo_source.json"), mappingFile: path.join(MAPPINGS, "centre-val-de-loire_hub-lo.json") },
    others: [
      { file: path.join(real, "aix-en-provence_v0.1.json") },
      { file: path.join(real, "2023-05-17_hub-du-sud_paca.json") },
      { file: path.join(real, "antilles_hub-mednum.json") },
      { file: path.join(real, "source-maisons-france-services.json") },
      { file: path.join(real, "france-services_2022-12-01.csv"), mappingFile: path.join(MAPPINGS, "france-services.json") },
      { file: path.join(real, "nouvelle-caledonie_source.json"), mappingFile: path.join(MAPPINGS, "nouvelle-caledonie.json") },
    ],
  };
}

/**
 * On an empty database, create the demo network from the real Centre-Val de Loire
 * file (its EPN labelled) and import the other real files as unlabelled places.
 * Rows that do not pass validation are left out and counted in the log.
 */
export async function seedDemoIfEmpty(database: Database, referenceDir: string): Promise<ImportReport[] | undefined> {
  const [{ n }] = await database.db.select({ n: count() }).from(places);
  const [{ m }] = await database.db.select({ m: count() }).from(networks);
  if (Number(n) > 0 || Number(m) > 0) {
    // A demo database made before accounts existed gets them on its next start.
    await seedDemoAccounts(database.db);
    return undefined;
  }
  const files = demoFiles(referenceDir);
  if (!fs.existsSync(files.network.file)) {
    logger.warn({ referenceDir }, "demo data not found: starting with an empty platform");
    return undefined;
  }
  const reports: ImportReport[] = [];
  const rejectsDir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? "/tmp", "epn-demo-"));
  // One transaction for the whole demo: a start killed half-way leaves an empty
  // database, and the next start creates the demo again.
  await database.db.transaction(async (tx) => {
    const inTx: Database = { ...database, db: tx };
    await createNetwork(inTx.db, { ...DEMO_NETWORK, isDemo: true });
    const run = async (entry: { file: string; mappingFile?: string }, extra: object) => {
      const report = await importPlacesFile(inTx, {
        ...entry,
        partial: true,
        rejectsFile: path.join(rejectsDir, `${path.basename(entry.file)}.rejets.csv`),
        ...extra,
      });
      logger.info(
        { file: report.file, created: report.created, invalid: report.invalid, labelled: report.labelled, duplicates: report.duplicates.length },
        "demo import",
      );
      reports.push(report);
    };
    await run(files.network, { networkSlug: DEMO_NETWORK.slug, labelFlagged: DEMO_LABEL });
    for (const entry of files.others) await run(entry, {});
    await seedDemoAccounts(inTx.db);
  });
  return reports;
}

/** One password for every demo account, documented in the README ("Comptes de démonstration"). */
export const DEMO_PASSWORD = "demo-reseau-epn-2026";
export const DEMO_ACCOUNTS = {
  coordinator: { email: "coordination@demo.reseau-epn.fr", name: "Camille Coordination (démo)" },
  manager: { email: "responsable@demo.reseau-epn.fr", name: "Rémi Responsable (démo)" },
  mediator: { email: "mediation@demo.reseau-epn.fr", name: "Maëlle Médiation (démo)" },
  admin: { email: "administration@demo.reseau-epn.fr", name: "Alex Administration (démo)" },
};

/**
 * The demo accounts: coordinator of the demo network, manager and mediator of its first
 * labelled place (by name). Only for a demo network (is_demo), only once.
 */
export async function seedDemoAccounts(db: Database["db"]): Promise<boolean> {
  const [network] = await db.select({ id: networks.id }).from(networks).where(and(eq(networks.slug, DEMO_NETWORK.slug), eq(networks.isDemo, true)));
  if (!network) return false;
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ACCOUNTS.coordinator.email));
  if (existing) return false;
  const [place] = await db
    .select({ id: places.id })
    .from(labelGrants)
    .innerJoin(places, eq(places.id, labelGrants.placeId))
    .where(eq(labelGrants.networkId, network.id))
    .orderBy(asc(places.name))
    .limit(1);
  const account = { password: DEMO_PASSWORD, emailVerified: true };
  await createStaffUser(db, { ...DEMO_ACCOUNTS.coordinator, ...account, role: "coordinator", networkId: network.id });
  if (place) {
    await createStaffUser(db, { ...DEMO_ACCOUNTS.manager, ...account, role: "manager", placeId: place.id });
    await createStaffUser(db, { ...DEMO_ACCOUNTS.mediator, ...account, role: "mediator", placeId: place.id });
  }
  // The platform admin sees the background jobs (/gestion/taches).
  await createStaffUser(db, { ...DEMO_ACCOUNTS.admin, ...account, isPlatformAdmin: true });
  logger.info("demo accounts created");
  return true;
}
