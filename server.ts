/**
 * The platform's HTTP server: configuration check, database (PGlite or PostgreSQL)
 * migrated at start, demo data on an empty database, React Router pages, graceful
 * shutdown that closes the database cleanly.
 */
import fs from "node:fs";
import path from "node:path";
import { createRequestHandler } from "@react-router/express";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { RouterContextProvider, type ServerBuild } from "react-router";
import { openDatabase, type Database } from "~/db/client.server";
import { DataDirLockedError } from "~/db/lock";
import { seedCommunes } from "~/features/communes/seed.server";
import { seedDemo } from "~/features/demo/seed.server";
import { localWebhooksAllowed } from "~/features/partners/webhook-form";
import { prepareCommuneLookups } from "~/features/directory/locate.server";
import { jobHandlers } from "~/jobs.server";
import { startJobWorker } from "~/features/jobs/worker.server";
import { appContext } from "~/context";
import { EnvError, parseEnv, type Env } from "~/lib/env";
import { logger } from "~/lib/logger";

const dev = process.argv.includes("--dev");

async function main() {
  let env: Env;
  try {
    env = parseEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  if (env.sessionSecretGenerated && env.baseUrl.startsWith("https://")) {
    logger.warn("SESSION_SECRET is not set: a random secret is used for this process (set it when several nodes serve the platform)");
  }
  const startedAt = Date.now();
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.dataDir, command: "serveur (npm start)" });
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(error.message);
      process.exit(3);
    }
    throw error;
  }
  await seedCommunes(database.db);
  // The demo (features/demo/seed.server.ts): made on an empty database, then kept around today at each start.
  if (env.DEMO === "auto") await seedDemo(database, env.referenceDir);
  // The search box's commune lookups are answered from memory.
  await prepareCommuneLookups(database.db);

  // The job queue's worker, one per process (app/jobs.server.ts lists the kinds):
  // mails and SMS of the outboxes (without SMTP_URL or SMS_URL, demo, they are shown at
  // /gestion/dev/mails instead), the hourly retention purge and, on PGlite, the hourly VACUUM ANALYZE.
  const jobWorker = startJobWorker(database.db, { handlers: jobHandlers(database, { smtpUrl: env.SMTP_URL, mailFrom: env.MAIL_FROM, smsUrl: env.SMS_URL, secret: env.sessionSecret, baseUrl: env.baseUrl, allowInternalWebhooks: localWebhooksAllowed(env) }) });

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  const https = env.baseUrl.startsWith("https://");
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'"],
          "style-src": ["'self'"],
          // Map tiles come from the configured source (the map is an enhancement: the page works without them).
          "img-src": ["'self'", "data:", env.MAP_TILES === "ign" ? "https://data.geopf.fr" : "https://*.tile.openstreetmap.fr"],
          "frame-ancestors": ["'none'"],
          // Signing out after a ProConnect sign-in: the form's answer redirects to the provider (RP-initiated logout).
          "form-action": env.OIDC_ISSUER && env.OIDC_CLIENT_ID ? ["'self'", new URL(env.OIDC_ISSUER).origin] : ["'self'"],
          "upgrade-insecure-requests": https ? [] : null,
        },
      },
      strictTransportSecurity: https ? { maxAge: 31536000, includeSubDomains: true } : false,
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(compression());

  app.get("/healthz", async (_req, res) => {
    try {
      await database.query("select 1");
      res.json({ status: "ok", database: database.kind });
    } catch (error) {
      logger.error({ err: error }, "health check failed");
      res.status(503).json({ status: "error", database: database.kind });
    }
  });

  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (dev) {
    const vite = await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }));
    app.use(vite.middlewares);
    // Enhancement modules: run `node --import tsx scripts/build-enhancements.ts --watch` beside.
    app.use("/js", express.static(path.resolve(import.meta.dirname, "build/client/js")));
    build = () => vite.ssrLoadModule("virtual:react-router/server-build") as Promise<ServerBuild>;
  } else {
    const buildDir = path.resolve(import.meta.dirname, "build");
    if (!fs.existsSync(path.join(buildDir, "server/index.js"))) {
      console.error("L'application n'est pas construite : lancez « npm run build » (ou « npm start », qui le fait).");
      process.exit(1);
    }
    app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
    build = (await import(path.join(buildDir, "server/index.js"))) as ServerBuild;
  }
  app.all(
    "/{*path}",
    createRequestHandler({
      build,
      getLoadContext: (req) => {
        const context = new RouterContextProvider();
        context.set(appContext, { database, env, clientAddress: req.ip ?? "inconnue" });
        return context;
      },
    }),
  );

  const server = app.listen(env.PORT, env.HOST, () => {
    logger.info({ database: database.kind, seconds: (Date.now() - startedAt) / 1000 }, "server ready");
    console.log(`Réseau EPN est prêt : ${env.baseUrl}`);
  });
  server.on("error", (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === "EADDRINUSE" ? `Le port ${env.PORT} est déjà utilisé : choisissez-en un autre avec PORT=3001 npm start.` : error.message,
    );
    void database.close().then(() => process.exit(1));
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => {
      logger.error("forced shutdown after 10 s");
      void database.close().finally(() => process.exit(1));
    }, 10_000);
    force.unref();
    // No job is claimed any more; the running one (if any) finishes before the database closes.
    const jobsStopped = jobWorker.stop();
    server.close(() => {
      void jobsStopped
        .then(() => database.close())
        .then(() => {
          logger.info("database closed");
          process.exit(0);
        });
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error) => {
  logger.fatal({ err: error }, "start failed");
  console.error(`Le démarrage a échoué : ${(error as Error).message}`);
  process.exit(1);
});
