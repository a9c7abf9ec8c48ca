import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db/client.server";
import { listStandardPlaces, placesToCsv } from "~/features/places/export.server";
import type { StandardPlace } from "~/features/standard/types";
import { createTestDatabase } from "../support/database";
import { REAL, REFERENCE } from "../support/reference";
import { startServer } from "../support/server";

const ROOT = path.resolve(import.meta.dirname, "../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "epn-cli-"));
const usePostgres = Boolean(process.env.TEST_DATABASE_URL);

/** Each test file gets its own database: a PGlite directory or a fresh PostgreSQL database. */
let target: { env: Record<string, string>; open: () => ReturnType<typeof openDatabase>; close: () => Promise<void> };

beforeAll(async () => {
  if (usePostgres) {
    const db = await createTestDatabase();
    await db.close; // keep it: closed in afterAll
    target = {
      env: { DATABASE_URL: db.url!, DATA_DIR: path.join(tmp, "unused") },
      open: () => openDatabase({ databaseUrl: db.url! }),
      close: () => db.close(),
    };
  } else {
    const dataDir = path.join(tmp, "data");
    target = {
      env: { DATA_DIR: dataDir, DATABASE_URL: "" },
      open: () => openDatabase({ dataDir, command: "test" }),
      close: async () => {},
    };
  }
});
afterAll(async () => target?.close());

function cli(args: string[], extraEnv: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/cli.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...target.env, LOG_LEVEL: "silent", BASE_URL: "", ...extraEnv },
    encoding: "utf8",
    timeout: 300_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

async function counts() {
  const database = await target.open();
  try {
    const [row] = await database.query<{ places: string | number; networks: string | number }>(
      "select (select count(*) from places) as places, (select count(*) from networks) as networks",
    );
    return { places: Number(row.places), networks: Number(row.networks) };
  } finally {
    await database.close();
  }
}

// Each command is a new process that opens the embedded database (≈4 s here, more when the
// other test files run alongside): the first test runs eleven of them.
describe("command line", { timeout: 300_000 }, () => {
  it("imports, refuses bad rows whole, exports and explains its options in French", () => {
    expect(cli(["network", "create", "web-o-centre", "--name", "Web O Centre"]).code).toBe(0);
    const ok = cli(["import", path.join(REAL, "aix-en-provence_v0.1.json"), "--network", "web-o-centre"]);
    expect(ok.out).toContain("38 créés");
    expect(ok.code).toBe(0);

    const bad = path.join(tmp, "bad.csv");
    const lines = fs.readFileSync(path.join(REFERENCE, "exemple-valide-v1.0.2.csv"), "utf8").trim().split("\n");
    fs.writeFileSync(bad, [lines[0], lines[1].replace('"51100"', '"511"')].join("\n"));
    const refused = cli(["import", bad]);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/Ligne 2 \(id structure-1\), champ « code_postal »/);
    expect(refused.out).toContain("Rien n'a été enregistré");

    const out = path.join(tmp, "export.json");
    const exported = cli(["export", "--format", "json", "--network", "web-o-centre", "--out", out]);
    expect(exported.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, "utf8"))).toHaveLength(38);

    expect(cli(["export", "--format", "xml"]).err).toContain("--format doit valoir csv ou json");
    expect(cli(["import"]).err).toContain("Indiquez le fichier à importer");
    expect(cli(["import", "x.csv", "--inconnue"]).err).toContain("Option ou argument invalide");
    expect(cli(["import", path.join(tmp, "absent.csv")]).err).toContain("introuvable");
    expect(cli(["frobnicate"]).err).toContain("Commande inconnue");
    expect(cli(["migrate"], { PORT: "soixante" }).err).toContain("PORT");
  });

  it("backs up and restores to the same data", async () => {
    const file = path.join(tmp, "sauvegarde.jsonl.gz");
    const before = await exportAll();
    const placesBefore = (await counts()).places;
    expect(cli(["backup", file]).code).toBe(0);
    cli(["import", path.join(REAL, "antilles_hub-mednum.json"), "--partial", "--rejects", path.join(tmp, "r.csv")]);
    expect((await counts()).places).toBeGreaterThan(placesBefore);
    const restored = cli(["restore", file]);
    expect(restored.code).toBe(0);
    expect(await exportAll()).toEqual(before);
    const corrupt = path.join(tmp, "abime.gz");
    fs.writeFileSync(corrupt, "pas une sauvegarde");
    expect(cli(["restore", corrupt]).code).not.toBe(0);
    expect(await exportAll()).toEqual(before);
  });

  it("leaves the database as it was when an import is killed half-way (SIGKILL)", async () => {
    // Places to derive the big file from, whatever the other tests imported.
    const example = path.join(REFERENCE, "exemple-valide-v1.0.2.csv");
    expect(cli(["import", example]).code).toBe(0);
    const before = await counts();
    const big = path.join(tmp, "gros.csv");
    fs.writeFileSync(big, placesToCsv(derive(await exportAllPlaces(), 30_000)));
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/cli.ts", "import", big], {
      cwd: ROOT, env: { ...process.env, ...target.env, LOG_LEVEL: "silent", BASE_URL: "" }, stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    const exited = new Promise((resolve) => child.on("exit", resolve));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`import never started writing: ${err}`)), 240_000);
      child.stderr.on("data", (d) => {
        err += d;
        if (err.includes("Écriture de")) {
          clearTimeout(timer);
          setTimeout(resolve, 1500); // well inside the transaction
        }
      });
    });
    child.kill("SIGKILL");
    await exited;
    expect(await counts()).toEqual(before);
    // and the database still works
    expect(cli(["import", example]).out).toContain("1 inchangés");
  });

  it.skipIf(usePostgres)("refuses to open the embedded database while the server holds it", async () => {
    const server = await startServer({ dataDir: path.join(tmp, "data"), databaseUrl: null, env: { DEMO: "off" } });
    try {
      const refused = cli(["export", "--format", "csv"]);
      expect(refused.code).toBe(3);
      expect(refused.err).toContain("déjà ouverte par un autre processus");
      expect(refused.err).toContain("Arrêtez ce processus");
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(cli(["export", "--format", "csv"]).code).toBe(0);
  });
});

async function exportAllPlaces(): Promise<StandardPlace[]> {
  const database = await target.open();
  try {
    return await listStandardPlaces(database.db);
  } finally {
    await database.close();
  }
}
async function exportAll() {
  return placesToCsv(await exportAllPlaces());
}
function derive(base: StandardPlace[], n: number): StandardPlace[] {
  return Array.from({ length: n }, (_, i) => ({ ...base[i % base.length], id: `kill-${i}`, source: "kill-test" }));
}
