import crypto from "node:crypto";
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
  /** Signs the anti-CSRF tokens of the back-office; shared by every web node. */
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** OpenID Connect sign-in for staff (ProConnect): off while OIDC_ISSUER or OIDC_CLIENT_ID is unset; see docs/decisions/006-oidc.md. */
  OIDC_ISSUER: z.url("l'émetteur OpenID Connect (OIDC_ISSUER) doit être une URL complète / must be a URL").optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Space-separated, e.g. "eidas1" for ProConnect; not sent when unset. */
  OIDC_ACR_VALUES: z.string().min(1).optional(),
  OIDC_SCOPES: z.string().min(1).default("openid email given_name usual_name"),
  OIDC_LABEL: z.string().min(1).max(60).default("ProConnect"),
  /** Mail: smtp://user:pass@host:port (smtps:// for TLS). Unset: demo mode, mails shown at /gestion/dev/mails. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must start with smtp:// or smtps://").optional(),
  MAIL_FROM: z.string().min(3).default("Réseau EPN <ne-pas-repondre@reseau-epn.local>"),
  /** SMS: the operator's SMPP gateway, smpp://system_id:password@host:port (?source=ReseauEPN for the sender). Unset: demo mode, SMS shown at /gestion/dev/mails. */
  SMS_URL: z
    .string()
    .regex(/^smpp:\/\/[^:@/?#\s]+:[^@/?#\s]*@[^:/?#\s]+(:\d{1,5})?\/?(\?\S*)?$/, "must be smpp://system_id:password@host:port")
    .optional(),
});

export type Env = z.infer<typeof EnvSchema> & {
  baseUrl: string;
  dataDir: string;
  referenceDir: string;
  /** SESSION_SECRET, or a random one for this process when it is not set (see parseEnv). */
  sessionSecret: string;
  sessionSecretGenerated: boolean;
};

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
  SMTP_URL: "le serveur de courriel (SMTP_URL) doit commencer par smtp:// ou smtps://",
  MAIL_FROM: "l'expéditeur des courriels (MAIL_FROM) ne peut pas être vide",
  SMS_URL: "la passerelle SMS (SMS_URL) doit s'écrire smpp://identifiant:mot-de-passe@hôte:port",
  SESSION_SECRET: "le secret des sessions (SESSION_SECRET) doit faire au moins 32 caractères (par exemple : openssl rand -base64 48)",
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
  const baseUrl = (env.BASE_URL ?? `http://${shownHost}:${env.PORT}`).replace(/\/$/, "");
  // Without SESSION_SECRET, a secret made for this process: enough locally (dev, tests,
  // demo; a restart only makes the forms open at that moment ask to be sent again), not
  // for a public deployment with several nodes — the server warns when BASE_URL is https.
  return {
    ...env,
    dataDir,
    baseUrl,
    sessionSecret: env.SESSION_SECRET ?? crypto.randomBytes(32).toString("base64url"),
    sessionSecretGenerated: !env.SESSION_SECRET,
    referenceDir: path.resolve(env.REFERENCE_DIR ?? path.join(import.meta.dirname, "../../../shared/reference")),
  };
}
