import { logger } from "~/lib/logger";
import type { Database } from "./client.server";

/**
 * PGlite has no autovacuum: the rows an update or a purge leaves behind are never reclaimed and
 * the planner's statistics never follow the data (the directory's plans depend on them). This
 * pass does what PostgreSQL's autovacuum does, every hour: VACUUM ANALYZE (about a second on the
 * demo data; the single connection waits meanwhile). Not at start, where it would compete with
 * the first visitors: imports analyze what they write at once. On PostgreSQL it does nothing.
 */
export function startPgliteMaintenance(database: Database, options: { everyMs?: number } = {}): () => void {
  if (database.kind !== "pglite") return () => {};
  const run = () =>
    vacuumAnalyze(database)
      .then((ms) => logger.info({ event: "pglite.maintenance", ms }, "vacuum analyze done"))
      .catch((error: unknown) => logger.error({ event: "pglite.maintenance.failed", err: error }, "vacuum analyze failed"));
  const timer = setInterval(run, options.everyMs ?? 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}

/** VACUUM ANALYZE of the whole database; returns how long it took (ms). */
export async function vacuumAnalyze(database: Database): Promise<number> {
  const started = performance.now();
  await database.query("vacuum analyze");
  return Math.round(performance.now() - started);
}
