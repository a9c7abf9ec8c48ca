import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { logger } from "~/lib/logger";
import { acquireDataDirLock } from "./lock";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle is used exactly like the database handle. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export type Database = {
  db: Db;
  kind: "pglite" | "postgres";
  /** Raw SQL for the few things Drizzle does not express (backup, COPY, extensions). */
  query: <T = Record<string, unknown>>(sqlText: string, params?: unknown[]) => Promise<T[]>;
  close: () => Promise<void>;
};

const MIGRATIONS = path.resolve(import.meta.dirname, "../../drizzle");

export type OpenOptions = {
  /** postgres://… selects PostgreSQL; otherwise PGlite in dataDir (or in memory for "memory://"). */
  databaseUrl?: string;
  dataDir?: string;
  /** Shown to a second process that finds the PGlite directory in use. */
  command?: string;
  migrate?: boolean;
};

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const database = options.databaseUrl
    ? await openPostgres(options.databaseUrl)
    : await openPglite(options.dataDir ?? "./data", options.command ?? "réseau-epn");
  if (options.migrate !== false) await migrateDatabase(database);
  return database;
}

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === "pglite") {
    await migratePglite(database.db as Parameters<typeof migratePglite>[0], { migrationsFolder: MIGRATIONS });
  } else {
    // Quiet the NOTICEs PostgreSQL prints for "already exists".
    await migratePostgres(database.db as Parameters<typeof migratePostgres>[0], { migrationsFolder: MIGRATIONS });
  }
}

async function openPostgres(url: string): Promise<Database> {
  const client = postgres(url, { max: 10, onnotice: () => {}, connection: { application_name: "reseau-epn" } });
  await client`select 1`;
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    query: async (sqlText, params = []) => (await client.unsafe(sqlText, params as never[])) as never,
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dataDir: string, command: string): Promise<Database> {
  const inMemory = dataDir === "memory://";
  const release = inMemory ? () => {} : acquireDataDirLock(path.resolve(dataDir), command);
  let client: PGlite;
  try {
    client = await PGlite.create(inMemory ? undefined : path.resolve(dataDir, "pglite"), {
      extensions: { pg_trgm, unaccent, btree_gist },
    });
  } catch (error) {
    release();
    throw error;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  let closed = false;
  return {
    db,
    kind: "pglite",
    query: async (sqlText, params = []) => (await client.query(sqlText, params)).rows as never,
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } catch (error) {
        logger.error({ err: error }, "pglite close failed");
      } finally {
        release();
      }
    },
  };
}
