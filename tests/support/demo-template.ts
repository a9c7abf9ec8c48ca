/**
 * The demo seeded once per end-to-end run (tests/e2e/global-setup.ts), then copied for each
 * server that starts on the default demo (tests/support/server.ts): seeding the real places
 * and a full demo day takes ~35 s, a copy a second or two.
 *
 * It is seeded by the server's own code (seedCommunes, then seedDemo, as server.ts does on an
 * empty database) but without the job worker: the jobs the demo queues (referral notices) are
 * run by each server on its copy, with that server's mail, SMS and base URL, as on a fresh
 * database. Each copy's server runs seedDemo again at start, so what is relative to today
 * (the fortnight of bookings, the workshops) is filled as on any restart; what was made once
 * is as old as the run (minutes), as on a server restarted that long after its first start.
 *
 * - PGlite: a data directory, closed cleanly (its control file says "shut down") before any
 *   copy; each server gets `fs.cpSync` of it.
 * - PostgreSQL (TEST_DATABASE_URL): a database no one may connect to any more once seeded
 *   (CREATE DATABASE … TEMPLATE refuses a source in use); each server gets `CREATE DATABASE
 *   x TEMPLATE it`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { openDatabase, type OpenOptions } from "~/db/client.server";
import { seedCommunes } from "~/features/communes/seed.server";
import { seedDemo } from "~/features/demo/seed.server";
import { parseEnv } from "~/lib/env";
import { createPostgresDatabase } from "./database";

/** What startServer copies (DEMO_TEMPLATE_VARIABLE holds it), and how to remove it at the end of the run. */
export type DemoTemplate = { source: string; remove: () => Promise<void> };

/** PostgreSQL's DBState in pg_control (int32 at byte 16): 1 is DB_SHUTDOWNED. */
const PG_CONTROL_STATE_OFFSET = 16;
const DB_SHUTDOWNED = 1;

async function seed(target: OpenOptions): Promise<void> {
  // As the server under test reads it (startServer empties BASE_URL, which vitest sets to "/").
  const { referenceDir } = parseEnv({ ...process.env, BASE_URL: "" });
  const database = await openDatabase({ ...target, command: "tests de bout en bout (démo modèle)" });
  try {
    await seedCommunes(database.db);
    await seedDemo(database, referenceDir);
  } finally {
    await database.close();
  }
}

export async function createDemoTemplate(): Promise<DemoTemplate> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "epn-e2e-demo-"));
    const remove = async () => fs.rmSync(dataDir, { recursive: true, force: true });
    try {
      await seed({ dataDir });
      const state = fs.readFileSync(path.join(dataDir, "pglite/global/pg_control")).readInt32LE(PG_CONTROL_STATE_OFFSET);
      if (state !== DB_SHUTDOWNED) throw new Error(`the demo's PGlite directory was not closed cleanly (state ${state}): no copy of it`);
    } catch (error) {
      await remove();
      throw error;
    }
    return { source: dataDir, remove };
  }
  const created = await createPostgresDatabase("epn_e2e_demo");
  try {
    await seed({ databaseUrl: created.url });
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`alter database ${created.name} allow_connections false`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await created.drop();
    throw error;
  }
  return { source: created.name, remove: created.drop };
}
