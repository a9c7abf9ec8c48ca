import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import type { SQL } from "drizzle-orm";
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { logger } from "~/lib/logger";
import { acquireDataDirLock } from "./lock";
import * as schema from "./schema";

export type Schema = typeof schema;
/**
 * The database handle every data function takes. A transaction handle satisfies it (Drizzle's
 * PgTransaction extends PgDatabase): pass `tx` where `db` is expected, no cast.
 */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type Database = {
  db: Db;
  kind: "pglite" | "postgres";
  /** Raw SQL for the few things Drizzle does not express (backup, COPY, extensions). */
  query: <T = Record<string, unknown>>(sqlText: string, params?: unknown[]) => Promise<T[]>;
  close: () => Promise<void>;
};

const dialect = new PgDialect();

/**
 * The rows of a raw query, its plan made once and reused: keep to statements whose text takes
 * few forms (values as parameters). On PostgreSQL it is a prepared statement of the connection
 * (postgres.js keeps them until it recycles the connection, within the hour). PGlite has no
 * such cache at the protocol level: the statement is PREPAREd in SQL and EXECUTEd with its
 * values written as literals (numbers, strings, booleans; see `sqlLiteral`), the 64 most
 * recent ones kept. The planning of the directory's search costs as much as running it.
 */
export async function queryPrepared(db: Db, query: SQL): Promise<Record<string, unknown>[]> {
  const client = (db as unknown as { $client?: unknown }).$client;
  const { sql: text, params } = dialect.sqlToQuery(query);
  if (typeof client === "function" && "unsafe" in client) {
    return (await (client as postgres.Sql).unsafe(text, params as never[], { prepare: true })) as Record<string, unknown>[];
  }
  if (client instanceof PGlite) {
    const name = await preparedName(client, text);
    if (name) {
      const [result] = await client.exec(params.length ? `execute ${name}(${params.map(sqlLiteral).join(", ")})` : `execute ${name}`);
      return result.rows as Record<string, unknown>[];
    }
  }
  return queryRows(db, query);
}

/** The rows of a raw query, on either database (postgres.js gives an array, PGlite a result with rows). */
export async function queryRows(db: Db, query: SQL): Promise<Record<string, unknown>[]> {
  const result = await db.execute(query);
  return (Array.isArray(result) ? result : (result as unknown as { rows: Record<string, unknown>[] }).rows) as Record<string, unknown>[];
}

const PGLITE_PREPARED_KEPT = 64;
/**
 * Per PGlite instance: statement text → its name once prepared (null when it cannot be: a
 * parameter whose type SQL cannot infer), least recently used first. The promise is stored
 * before it settles, so two first uses at once prepare it once.
 */
const pglitePrepared = new WeakMap<PGlite, { names: Map<string, Promise<string | null>>; next: number }>();

function preparedName(client: PGlite, text: string): Promise<string | null> {
  let cache = pglitePrepared.get(client);
  if (!cache) {
    cache = { names: new Map(), next: 0 };
    pglitePrepared.set(client, cache);
  }
  let name = cache.names.get(text);
  if (name !== undefined) {
    cache.names.delete(text); // most recently used last
    cache.names.set(text, name);
    return name;
  }
  const fresh = `prepared_${++cache.next}`;
  name = client.exec(`prepare ${fresh} as ${text}`).then(() => fresh, () => null);
  cache.names.set(text, name);
  if (cache.names.size > PGLITE_PREPARED_KEPT) {
    const [oldest, oldestName] = cache.names.entries().next().value as [string, Promise<string | null>];
    cache.names.delete(oldest);
    // Nothing waits on it: a failure only leaves one statement behind.
    void oldestName.then((n) => (n ? client.exec(`deallocate ${n}`) : undefined)).catch(() => {});
  }
  return name;
}

/**
 * A value as an SQL literal for PGlite's EXECUTE: quoted text, read by the parameter's type as a
 * query parameter would be ('1.5' for an integer is refused, not rounded). Quotes are doubled,
 * which is exact because standard_conforming_strings is on (PostgreSQL's default, set at open).
 */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number" && !Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "string") return `'${String(value).replace(/'/g, "''")}'`;
  throw new TypeError(`no SQL literal for ${typeof value}`);
}

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
  // sqlLiteral relies on it (quotes are the only character to escape); PostgreSQL's default.
  await client.exec("set standard_conforming_strings = on");
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
