import type { Database } from "./client.server";

/**
 * PGlite has no autovacuum: the rows an update or a purge leaves behind are never reclaimed and
 * the planner's statistics never follow the data (the directory's plans depend on them). This
 * pass does what PostgreSQL's autovacuum does: VACUUM ANALYZE (about a second on the demo data;
 * the single connection waits meanwhile). It is the hourly `maintenance.pglite` job of the queue,
 * on PGlite only (app/jobs.server.ts); its first run is an hour after start,
 * not at start, where it would compete with the first visitors: imports analyze what they write
 * at once. PostgreSQL has its autovacuum.
 */
export async function vacuumAnalyze(database: Database): Promise<number> {
  const started = performance.now();
  await database.query("vacuum analyze");
  return Math.round(performance.now() - started);
}
