import fs from "node:fs";
import path from "node:path";
import { count } from "drizzle-orm";
import type { Database } from "~/db/client.server";
import { networks, places } from "~/db/schema";
import { createNetwork } from "~/features/networks/networks.server";
import { importPlacesFile, type ImportReport } from "~/features/places/import.server";
import { logger } from "~/lib/logger";

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
  if (Number(n) > 0 || Number(m) > 0) return undefined;
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
    const inTx: Database = { ...database, db: tx as unknown as Database["db"] };
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
  });
  return reports;
}
