import crypto from "node:crypto";
import postgres from "postgres";
import { openDatabase, type Database } from "~/db/client.server";

/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or a
 * new PostgreSQL database created on the server named by TEST_DATABASE_URL and
 * dropped afterwards.
 */
export async function createTestDatabase(): Promise<Database & { url?: string }> {
  if (!process.env.TEST_DATABASE_URL) return openDatabase({ dataDir: "memory://" });
  const created = await createPostgresDatabase("epn_test");
  const database = await openDatabase({ databaseUrl: created.url });
  return {
    ...database,
    url: created.url,
    close: async () => {
      await database.close();
      await created.drop();
    },
  };
}

/**
 * A new, empty database `<prefix>_<random>` on the server of TEST_DATABASE_URL (for a
 * process that migrates it itself, such as the server under test), and how to drop it.
 * With `template`, a copy of that database instead (nobody may be connected to it).
 */
export async function createPostgresDatabase(prefix: string, options: { template?: string } = {}): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `${prefix}_${crypto.randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(options.template ? `create database ${name} template ${options.template}` : `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
