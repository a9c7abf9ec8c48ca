/**
 * Command line: npm run cli -- <command> …  (run `npm run cli -- aide` for the list).
 * Every command validates its arguments and exits with a non-zero code and a French
 * message on error.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { openDatabase, type Database } from "~/db/client.server";
import { DataDirLockedError } from "~/db/lock";
import { BackupError, backupDatabase, restoreDatabase } from "~/features/backup/backup.server";
import { seedCommunes } from "~/features/communes/seed.server";
import { seedDemoIfEmpty } from "~/features/demo/demo.server";
import { createNetwork, listNetworks } from "~/features/networks/networks.server";
import { listStandardPlaces, placesToCsv, placesToJson } from "~/features/places/export.server";
import { formatImportReport } from "~/features/places/import-report";
import { ImportError, importPlacesFile } from "~/features/places/import.server";
import { purgeExpiredData } from "~/features/retention/retention.server";
import { EnvError, parseEnv } from "~/lib/env";

const HELP = `Réseau EPN — commandes (npm run cli -- <commande>)

  import <fichier> [--network <réseau>] [--mapping <fichier>] [--partial] [--rejects <fichier>]
      Importe des lieux (standard national v1.0.2 ou v0.1, CSV ou JSON ; autre format avec --mapping).
      Par défaut tout ou rien : une seule ligne en erreur et rien n'est écrit.
  export --format csv|json [--network <réseau>] [--out <fichier>]
      Exporte les lieux publiés au standard national v1.0.2.
  backup <fichier>           Sauvegarde toutes les données.
  restore <fichier>          Remplace toutes les données par celles de la sauvegarde.
  migrate                    Met la structure de la base à jour.
  network create <identifiant> --name <nom> [--territory <territoire>]
  network list
  demo                       Crée les données de démonstration si la base est vide.
  purge                      Efface les données personnelles dont la durée de conservation est passée
                             (le serveur le fait aussi toutes les heures).
  orientations-relances [--date <AAAA-MM-JJTHH:MM>]
                             Relance les lieux qui n'ont pas répondu à une orientation et fait expirer les
                             orientations trop anciennes (le serveur le fait aussi toutes les heures) ;
                             --date : comme si l'on était à cette date (pour vérifier les règles du réseau).
  label-rappels [--date <AAAA-MM-JJTHH:MM>]
                             Rappelle la clôture d'un appel à projets aux lieux qui ont un brouillon (une
                             semaine et un jour avant) et prévient de la fin d'un label (90 et 30 jours
                             avant) ; le serveur le fait aussi toutes les heures ; --date : comme ci-dessus.

Base utilisée : PostgreSQL si DATABASE_URL=postgres://… est défini, sinon la base intégrée dans DATA_DIR (./data).`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || ["aide", "help", "--help", "-h"].includes(command)) {
    console.log(HELP);
    return command ? 0 : 1;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: {
      network: { type: "string" },
      mapping: { type: "string" },
      partial: { type: "boolean" },
      rejects: { type: "string" },
      format: { type: "string" },
      out: { type: "string" },
      name: { type: "string" },
      territory: { type: "string" },
      date: { type: "string" },
    },
  });
  const env = parseEnv();
  const open = () => openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.dataDir, command: `npm run cli -- ${command}` });
  const withDatabase = async <T>(fn: (database: Database) => Promise<T>) => {
    const database = await open();
    try {
      return await fn(database);
    } finally {
      await database.close();
    }
  };

  switch (command) {
    case "import": {
      const file = positionals[0];
      if (!file) throw new UsageError("Indiquez le fichier à importer : npm run cli -- import <fichier>");
      if (values.mapping && !fs.existsSync(values.mapping)) throw new UsageError(`Le fichier de correspondance ${values.mapping} est introuvable.`);
      return withDatabase(async (database) => {
        await seedCommunes(database.db);
        const report = await importPlacesFile(database, {
          file, networkSlug: values.network, mappingFile: values.mapping, partial: values.partial, rejectsFile: values.rejects,
          onWriteStart: (rows) => console.error(`Écriture de ${rows} lieux dans la base…`),
        });
        console.log(formatImportReport(report));
        return report.invalid > 0 && !report.written ? 1 : 0;
      });
    }
    case "export": {
      const format = values.format ?? "csv";
      if (format !== "csv" && format !== "json") throw new UsageError("--format doit valoir csv ou json.");
      return withDatabase(async (database) => {
        // prise_rdv of places booked online here: only with the site's address configured (not "localhost").
        const list = await listStandardPlaces(database.db, { networkSlug: values.network, baseUrl: env.BASE_URL ? env.baseUrl : undefined });
        const text = format === "csv" ? placesToCsv(list) : `${JSON.stringify(placesToJson(list), null, 2)}\n`;
        if (values.out) {
          fs.writeFileSync(values.out, text);
          console.error(`${list.length} lieux exportés dans ${values.out}.`);
        } else {
          process.stdout.write(text);
        }
        return 0;
      });
    }
    case "backup":
    case "restore": {
      const file = positionals[0];
      if (!file) throw new UsageError(`Indiquez le fichier : npm run cli -- ${command} <fichier>`);
      return withDatabase(async (database) => {
        const counts = command === "backup" ? await backupDatabase(database, file) : await restoreDatabase(database, file);
        const summary = Object.entries(counts).map(([t, n]) => `${t} : ${n}`).join(", ");
        console.log(command === "backup" ? `Sauvegarde écrite dans ${file} (${summary}).` : `Restauration terminée (${summary}).`);
        return 0;
      });
    }
    case "migrate":
      return withDatabase(async () => {
        console.log("La base est à jour.");
        return 0;
      });
    case "network": {
      const [sub, slug] = positionals;
      if (sub === "list") {
        return withDatabase(async (database) => {
          for (const n of await listNetworks(database.db)) console.log(`${n.slug}\t${n.name}`);
          return 0;
        });
      }
      if (sub === "create" && slug) {
        if (!values.name) throw new UsageError("Indiquez le nom du réseau avec --name \"Nom du réseau\".");
        return withDatabase(async (database) => {
          const network = await createNetwork(database.db, { slug, name: values.name!, territory: values.territory });
          console.log(`Réseau créé : ${network.slug} (${network.name}).`);
          return 0;
        });
      }
      throw new UsageError("Utilisation : network create <identifiant> --name <nom> | network list");
    }
    case "demo":
      return withDatabase(async (database) => {
        await seedCommunes(database.db);
        const reports = await seedDemoIfEmpty(database, env.referenceDir);
        console.log(reports ? `Démonstration créée : ${reports.reduce((n, r) => n + r.created, 0)} lieux.` : "La base n'est pas vide : rien à faire.");
        return 0;
      });
    case "purge":
      return withDatabase(async (database) => {
        const r = await purgeExpiredData(database.db, { sendsMail: Boolean(env.SMTP_URL), sendsSms: Boolean(env.SMS_URL) });
        console.log(`Effacé : ${r.sessions} session(s) expirée(s), ${r.mails} courriel(s), ${r.sms} SMS, ${r.invitations} invitation(s), ${r.emailTokens} lien(s) à usage unique, ${r.reports} signalement(s), ${r.jobs} tâche(s) terminée(s), ${r.beneficiaries} personne(s) suivie(s) anonymisée(s), ${r.referrals} personne(s) orientée(s) effacée(s).`);
        return 0;
      });
    case "label-rappels":
    case "orientations-relances": {
      const at = values.date === undefined ? new Date() : new Date(/Z$|[+-]\d\d:\d\d$/.test(values.date) ? values.date : `${values.date}Z`);
      if (Number.isNaN(at.getTime())) throw new UsageError(`Date invalide : « ${values.date} ». Exemple : --date 2027-01-15T10:00`);
      if (command === "label-rappels")
        return withDatabase(async (database) => {
          const { sendLabelReminders } = await import("~/features/calls/reminders.server");
          const r = await sendLabelReminders(database.db, { now: at, baseUrl: env.baseUrl });
          console.log(`Label : ${r.closingMails} rappel(s) de clôture envoyé(s), ${r.renewalNotices} label(s) bientôt terminé(s) signalé(s).`);
          return 0;
        });
      return withDatabase(async (database) => {
        // Loaded here only: the referrals feature is large, the other commands do not need it.
        const { followUpReferrals } = await import("~/features/referrals/referrals.server");
        const r = await followUpReferrals(database.db, { now: at, baseUrl: env.baseUrl });
        console.log(`Orientations : ${r.reminded} relance(s) envoyée(s) aux lieux, ${r.expired} orientation(s) expirée(s).`);
        return 0;
      });
    }
    default:
      throw new UsageError(`Commande inconnue : « ${command} ».\n\n${HELP}`);
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    const known = [UsageError, EnvError, DataDirLockedError, ImportError, BackupError].some((k) => error instanceof k);
    const parseError = (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    if (parseError) {
      console.error(`Option ou argument invalide (${(error as Error).message}). Voir : npm run cli -- aide`);
      process.exit(2);
    }
    if (known) {
      console.error((error as Error).message);
      process.exit(error instanceof DataDirLockedError ? 3 : 2);
    }
    console.error(`Erreur inattendue : ${(error as Error).stack ?? error}`);
    process.exit(1);
  });
