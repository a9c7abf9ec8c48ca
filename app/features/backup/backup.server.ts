import fs from "node:fs";
import readline from "node:readline";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import zlib from "node:zlib";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "~/db/client.server";

/**
 * Logical backup of the platform's own data, the same on PGlite and PostgreSQL
 * (a PGlite backup restores into PostgreSQL and the other way round): gzip'd JSON
 * lines, one header then chunks of rows, tables in foreign-key order. Communes are
 * reference data, rebuilt at start, and are not saved.
 */
export const BACKUP_TABLES = [
  "networks", "organisations", "places", "place_networks", "place_reports", "label_grants", "import_runs",
  "users", "memberships", "oidc_identities", "invitations", "audit_log", "beneficiaries",
  "resources", "closures", "booking_settings", "bookings", "calendar_feeds",
  "stops", "workshops", "workshop_sessions", "workshop_registrations", "workshop_attendance",
  "help_records", "help_record_people", "mediation_settings",
  "sales_settings", "price_categories", "tariff_items", "tariff_prices", "receipt_counters", "cash_days",
  "sales", "sale_lines", "place_memberships", "credit_balances", "credit_ledger",
  "partners", "partner_api_tokens", "referral_settings", "referrals", "referral_events",
  "calls", "call_versions", "call_reminders", "applications", "application_files", "application_events",
  "network_experts", "application_reviews", "decision_letters", "label_renewal_notices",
] as const;
/**
 * Tables with triggers: those that refuse changes (append-only, locked days) and those that move
 * referrals or schedule their notices (a restore must not re-send them). A restore alone lifts
 * them, inside its transaction.
 */
const GUARDED_TABLES = [
  "audit_log", "sales", "sale_lines", "credit_ledger", "cash_days",
  "bookings", "workshop_registrations", "workshop_attendance", "help_records", "referral_events",
] as const;
// Not saved: communes (reference data, rebuilt at start), sessions (a restore signs everyone
// out), rate_limits (short-lived counters), email_tokens, email_outbox and jobs (one-time links,
// mail and work in transit: a restore must not resend or revive them), sms_outbox likewise.
// Bookings are saved without their generated range (rebuilt on insert); their reminders are
// jobs, so a restored booking gets no reminder; likewise workshop reminders and seat offers (an
// offer restored after its delay waits for the next change of its session's seats).
const CHUNK = 1000;

const Header = z.object({
  format: z.literal("reseau-epn-backup"),
  version: z.literal(1),
  createdAt: z.string(),
  migrations: z.number().int(),
  tables: z.array(z.string()),
});
const Chunk = z.object({ table: z.enum(BACKUP_TABLES), rows: z.array(z.record(z.string(), z.unknown())) });

export class BackupError extends Error {}

async function migrationCount(database: Database): Promise<number> {
  const [row] = await database.query<{ n: number | string }>("select count(*) as n from drizzle.__drizzle_migrations");
  return Number(row.n);
}

/** Columns that can be written (generated columns are recomputed by the database). */
async function writableColumns(database: Database, table: string): Promise<string[]> {
  const rows = await database.query<{ column_name: string }>(
    `select column_name from information_schema.columns
     where table_schema = 'public' and table_name = $1 and is_generated = 'NEVER' order by ordinal_position`,
    [table],
  );
  return rows.map((r) => r.column_name);
}

export async function backupDatabase(database: Database, file: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const temp = `${file}.partiel`;
  const lines = async function* () {
    yield `${JSON.stringify({ format: "reseau-epn-backup", version: 1, createdAt: new Date().toISOString(), migrations: await migrationCount(database), tables: [...BACKUP_TABLES] })}\n`;
    for (const table of BACKUP_TABLES) {
      // Generated columns are left out: the database recomputes them on restore.
      const generated = (
        await database.query<{ column_name: string }>(
          `select column_name from information_schema.columns where table_schema = 'public' and table_name = $1 and is_generated <> 'NEVER'`,
          [table],
        )
      ).map((r) => r.column_name);
      counts[table] = 0;
      // A stable order for paging: the row's text (ctid is not portable).
      for (let offset = 0; ; offset += CHUNK) {
        const rows = await database.query<{ r: Record<string, unknown> }>(
          `select to_jsonb(t) - $1::text[] as r from "${table}" t order by t::text limit ${CHUNK} offset ${offset}`,
          [generated],
        );
        if (rows.length === 0) break;
        counts[table] += rows.length;
        yield `${JSON.stringify({ table, rows: rows.map((x) => (typeof x.r === "string" ? JSON.parse(x.r) : x.r)) })}\n`;
      }
    }
  };
  await pipeline(Readable.from(lines()), zlib.createGzip(), fs.createWriteStream(temp));
  fs.renameSync(temp, file); // a backup interrupted half-way never looks complete
  return counts;
}

/** Replace all data with the backup's, in one transaction: on any error nothing changes. */
export async function restoreDatabase(database: Database, file: string): Promise<Record<string, number>> {
  if (!fs.existsSync(file)) throw new BackupError(`Le fichier de sauvegarde ${file} est introuvable.`);
  const input = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  const iterator = input[Symbol.asyncIterator]();
  let header: z.infer<typeof Header>;
  try {
    const first = await iterator.next();
    header = Header.parse(JSON.parse(first.value ?? ""));
  } catch {
    throw new BackupError(`${file} n'est pas une sauvegarde de Réseau EPN (en-tête illisible).`);
  }
  const current = await migrationCount(database);
  if (header.migrations > current) {
    throw new BackupError(
      `Cette sauvegarde vient d'une version plus récente de la base (${header.migrations} migrations, ${current} ici). Mettez l'application à jour avant de restaurer.`,
    );
  }
  const counts: Record<string, number> = {};
  const columnsByTable = new Map<string, string[]>();
  for (const table of BACKUP_TABLES) columnsByTable.set(table, await writableColumns(database, table));
  await database.db.transaction(async (tx) => {
    const run = (text: string, params: unknown[] = []) => tx.execute(sqlRaw(text, params));
    // The audit log, receipts, the credit ledger and closed cash days refuse changes; a restore alone may replace them, inside this transaction.
    for (const table of GUARDED_TABLES) await run(`alter table ${table} disable trigger user`);
    await run(`delete from sessions`);
    await run(`delete from email_tokens`);
    for (const table of [...BACKUP_TABLES].reverse()) await run(`delete from "${table}"`);
    let lineNumber = 1;
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      lineNumber++;
      if (!next.value.trim()) continue;
      let chunk: z.infer<typeof Chunk>;
      try {
        chunk = Chunk.parse(JSON.parse(next.value));
      } catch {
        throw new BackupError(`La sauvegarde est abîmée à la ligne ${lineNumber} : rien n'a été restauré.`);
      }
      const columns = columnsByTable.get(chunk.table)!;
      const list = columns.map((c) => `"${c}"`).join(", ");
      await run(
        `insert into "${chunk.table}" (${list}) select ${list} from json_populate_recordset(null::"${chunk.table}", $1::json)`,
        [JSON.stringify(chunk.rows)],
      );
      counts[chunk.table] = (counts[chunk.table] ?? 0) + chunk.rows.length;
    }
    for (const table of GUARDED_TABLES) await run(`alter table ${table} enable trigger user`);
    // The waiting list's arrival order goes on after the restored numbers.
    await run(`select setval(pg_get_serial_sequence('credit_ledger', 'id'), coalesce((select max(id) from credit_ledger), 0) + 1, false)`);
    await run(`select setval(pg_get_serial_sequence('workshop_registrations', 'queue_no'), coalesce((select max(queue_no) from workshop_registrations), 0) + 1, false)`);
  });
  return counts;
}

/** A raw statement with $1… parameters, run through Drizzle so that it joins the transaction. */
function sqlRaw(text: string, params: unknown[]) {
  const parts = text.split(/\$(\d+)/);
  const query = sql.empty();
  parts.forEach((part, i) => {
    if (i % 2 === 0) query.append(sql.raw(part));
    else query.append(sql`${params[Number(part) - 1]}`);
  });
  return query;
}
