import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createPostgresDatabase } from "./database";

const ROOT = path.resolve(import.meta.dirname, "../..");

export type RunningServer = {
  url: string;
  child: ChildProcess;
  dataDir: string;
  databaseUrl?: string;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
  /** Stop the server but keep its data (to run a command on it, then start it again with `startServer({ ...kept })`). */
  stopKeepingData: () => Promise<{ code: number | null; dataDir: string; databaseUrl: string | null; dropDatabase?: () => Promise<void> }>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/**
 * Set by tests/e2e/global-setup.ts: the demo seeded once for the run (tests/support/demo-template.ts),
 * a PGlite data directory, or a PostgreSQL database's name when TEST_DATABASE_URL is set.
 */
export const DEMO_TEMPLATE_VARIABLE = "EPN_E2E_DEMO_TEMPLATE";

/**
 * Start the real server (built app) on a free port with its own data: a new PGlite
 * directory, or a new PostgreSQL database when TEST_DATABASE_URL is set. In an end-to-end
 * run, a server on the default demo (no dataDir, no databaseUrl, DEMO not "off") starts on a
 * copy of the demo seeded once for the run instead of seeding its own (~35 s); any other
 * start (an empty or prepared database, a restart on kept data) is as it was.
 */
export async function startServer(
  options: { env?: Record<string, string>; dataDir?: string; databaseUrl?: string | null; port?: number; /** Drops the database this server was restarted on, when it stops. */ dropDatabase?: () => Promise<void> } = {},
): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "epn-e2e-"));
  let databaseUrl = options.databaseUrl ?? undefined;
  let dropDatabase: (() => Promise<void>) | undefined = options.dropDatabase;
  const template = process.env[DEMO_TEMPLATE_VARIABLE] || undefined;
  const demo = { ...process.env, ...options.env }.DEMO || "auto";
  const copiesDemo = template !== undefined && options.dataDir === undefined && options.databaseUrl === undefined && demo === "auto";
  if (options.databaseUrl === undefined && process.env.TEST_DATABASE_URL) {
    const created = await createPostgresDatabase("epn_e2e", { template: copiesDemo ? template : undefined });
    databaseUrl = created.url;
    dropDatabase = created.drop;
  } else if (copiesDemo) {
    fs.cpSync(template, dataDir, { recursive: true });
  }
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl ?? "",
      BASE_URL: "", // vitest sets BASE_URL=/ for Vite; the server's own BASE_URL is a full URL
      NODE_ENV: "production",
      LOG_LEVEL: "info",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 120 s:\n${output}`)), 120_000);
    const check = setInterval(() => {
      if (output.includes("est prêt")) {
        clearTimeout(timer);
        clearInterval(check);
        resolve();
      }
    }, 100);
    void exited.then((code) => {
      clearTimeout(timer);
      clearInterval(check);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    child,
    dataDir,
    databaseUrl,
    output: () => output,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null) child.kill(signal);
      const code = await exited;
      await dropDatabase?.();
      // A PGlite directory made here (or kept from one made here, for a restart) goes with the server: ~140 MB each.
      if (path.basename(dataDir).startsWith("epn-e2e-")) fs.rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
    stopKeepingData: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      const code = await exited;
      return { code, dataDir, databaseUrl: databaseUrl ?? null, dropDatabase };
    },
  };
}
