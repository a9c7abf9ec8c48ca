/**
 * One part of the bench on each database, each in a child process of its own (its memory and its
 * prepared statements are its own): PGlite in a fresh directory under `work`, then PostgreSQL in a
 * fresh database created on BENCH_DATABASE_URL (or the local server) and dropped after, unless
 * BENCH_KEEP_DB is set. BENCH_ONLY=pglite|postgres keeps one of them.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";

export type BenchTarget = { name: "PGlite" | "PostgreSQL"; target: string };

/** Runs `run` on PGlite (in `work/<part>`) and, when reachable, on PostgreSQL (database `epn_bench_<part>_<random>`). */
export async function onEachDatabase(options: { part: string; work: string; only: string | undefined; run: (target: BenchTarget) => void | Promise<void> }): Promise<void> {
  const keep = Boolean(process.env.BENCH_KEEP_DB);
  if (options.only !== "postgres") {
    const dir = path.join(options.work, `pglite-${options.part}`);
    await options.run({ name: "PGlite", target: dir });
    if (keep) console.log(`base conservée : ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
  if (options.only === "pglite") return;
  const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `epn_bench_${options.part}_${crypto.randomBytes(4).toString("hex")}`;
  let admin: postgres.Sql | undefined;
  try {
    admin = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 3 });
    await admin.unsafe(`create database ${name}`);
  } catch (error) {
    console.log(`PostgreSQL non disponible (${(error as Error).message}) : mesuré sur PGlite seulement.`);
    await admin?.end();
    return;
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    await options.run({ name: "PostgreSQL", target: url.toString() });
  } finally {
    if (keep) console.log(`base conservée : ${url}`);
    else await admin.unsafe(`drop database ${name} with (force)`);
    await admin.end();
  }
}
