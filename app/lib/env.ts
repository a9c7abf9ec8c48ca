import path from "node:path";
import { z } from "zod";

/**
 * Configuration read from the environment, validated once at start.
 * A bad value stops the process with a message in French and English.
 */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  BASE_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  DEMO: z.enum(["auto", "off"]).default("auto"),
  REFERENCE_DIR: z.string().optional(),
  MAP_TILES: z.enum(["osmfr", "ign"]).default("osmfr"),
});

export type Env = z.infer<typeof EnvSchema> & { baseUrl: string; dataDir: string; referenceDir: string };

const FRENCH_NAMES: Record<string, string> = {
  PORT: "le port (PORT) doit être un nombre entre 1 et 65535",
  HOST: "l'adresse d'écoute (HOST) ne peut pas être vide",
  BASE_URL: "l'adresse publique (BASE_URL) doit être une URL complète, par exemple https://epn.example.fr",
  DATA_DIR: "le dossier des données (DATA_DIR) ne peut pas être vide",
  DATABASE_URL: "l'adresse de la base (DATABASE_URL) doit commencer par postgres://",
  LOG_LEVEL: "le niveau de journal (LOG_LEVEL) doit être fatal, error, warn, info, debug, trace ou silent",
  NODE_ENV: "NODE_ENV doit être development, production ou test",
  DEMO: "DEMO doit valoir auto ou off",
  MAP_TILES: "le fond de carte (MAP_TILES) doit valoir osmfr ou ign",
};

export class EnvError extends Error {}

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // Empty strings count as unset: `DATABASE_URL= npm start` means "no server".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const key = String(issue.path[0]);
      return `- ${FRENCH_NAMES[key] ?? key} (${key}: ${issue.message})`;
    });
    throw new EnvError(
      `Configuration invalide / invalid configuration:\n${lines.join("\n")}`,
    );
  }
  const env = result.data;
  const dataDir = path.resolve(env.DATA_DIR);
  const shownHost = env.HOST === "0.0.0.0" || env.HOST === "::" ? "localhost" : env.HOST;
  return {
    ...env,
    dataDir,
    baseUrl: (env.BASE_URL ?? `http://${shownHost}:${env.PORT}`).replace(/\/$/, ""),
    referenceDir: path.resolve(env.REFERENCE_DIR ?? path.join(import.meta.dirname, "../../../shared/reference")),
  };
}

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}
