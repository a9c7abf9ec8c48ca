/**
 * Retention of the people a place follows by name: anonymised (reason `retention`) once their
 * last activity — a help record, a booking or a registration linked to them, or a change to their
 * row — is older than their place's period (`mediation_settings.retention_months`, 12 months
 * without a row), unless they hold a membership of the place not ended yet (features/memberships). Part of the hourly purge (features/retention); idempotent: a second pass finds
 * nothing. Each row anonymised gets its audit line, without the actor (the system).
 */
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "~/db/client.server";
import { recordAudit } from "~/features/audit/record.server";
import { DEFAULT_RETENTION_MONTHS } from "./beneficiaries.server";
import { anonymiseBeneficiaries } from "./beneficiary-rights.server";

/** Rows anonymised per transaction: a place that set a short period on a long list is done in a few passes of one purge. */
const BATCH = 500;

/** Anonymise the followed people inactive for longer than their place's period; the number anonymised. */
export async function anonymiseInactiveBeneficiaries(db: Db, now: Date = new Date()): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const due = await queryRows(
        tx,
        sql`select b.id from beneficiaries b
            left join mediation_settings s on s.place_id = b.place_id
            join places p on p.id = b.place_id
            where b.anonymised_at is null
              and b.last_activity_at < ${now.toISOString()}::timestamptz - make_interval(months => coalesce(s.retention_months, ${DEFAULT_RETENTION_MONTHS}))
              and not exists (
                select 1 from place_memberships m
                where m.beneficiary_id = b.id and m.cancelled_at is null and m.ends_on >= (${now.toISOString()}::timestamptz at time zone p.time_zone)::date)
            order by b.last_activity_at, b.id
            limit ${BATCH}
            for update of b skip locked`,
      );
      const rows = await anonymiseBeneficiaries(tx, { ids: due.map((r) => String(r.id)), reason: "retention", now });
      for (const row of rows) {
        await recordAudit(tx, { actorUserId: null, action: "beneficiary.retention", entityType: "beneficiary", entityId: row.id, placeId: row.placeId, after: { reason: "retention" } }, now);
      }
      return rows.length;
    });
    total += done;
    if (done < BATCH) return total;
  }
}
