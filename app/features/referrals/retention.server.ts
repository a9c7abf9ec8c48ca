/**
 * Retention of referred people (the hourly retention job, app/features/retention): kept apart from
 * the referrals' pages and commands so the purge and the command line load little.
 */
import { inArray, sql } from "drizzle-orm";
import { type Db, queryRows } from "~/db/client.server";
import { referralEvents } from "~/db/schema";
import { DEFAULT_REFERRAL_RULES } from "~/features/partners/settings-form";

/**
 * Erase the person from referrals closed longer ago than their network's retention period (6 months
 * by default): names, contact, note, and the events' free texts. The row, its statuses and dates
 * stay, anonymous, for the partners' figures.
 */
export async function eraseClosedReferrals(db: Db, now: Date = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await queryRows(
      tx,
      sql`update referrals r set first_name = null, last_name = null, phone = null, email = null, note = null, partner_reference = null,
            refusal_reason = null, erased_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz
          from (select r2.id from referrals r2 left join referral_settings s on s.network_id = r2.network_id
                where r2.erased_at is null and r2.closed_at is not null
                  and r2.closed_at < ${now.toISOString()}::timestamptz - make_interval(months => coalesce(s.retention_months, ${DEFAULT_REFERRAL_RULES.retentionMonths})::int)) old
          where r.id = old.id
          returning r.id`,
    );
    if (rows.length > 0) {
      await tx.update(referralEvents).set({ detail: null }).where(inArray(referralEvents.referralId, rows.map((r) => String(r.id))));
    }
    return rows.length;
  });
}
