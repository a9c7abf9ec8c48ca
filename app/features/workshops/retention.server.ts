/** Erasing workshop registrations' personal data after the place's retention period (the row and its attendance stay for the figures). */
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "~/db/client.server";

/**
 * Erase the first name, phone, email, person key and cancellation reason of registrations whose
 * last session ended longer ago than their place's period (booking_settings.retention_days, 90 by
 * default — the same setting as bookings). A registration whose sessions were all deleted counts
 * from when it was made.
 */
export async function eraseOldRegistrationData(db: Db, now: Date = new Date()): Promise<number> {
  const rows = await queryRows(
    db,
    sql`update workshop_registrations r
        set first_name = null, phone = null, email = null, person_key = null, cancel_reason = null, erased_at = ${now.toISOString()}::timestamptz
        where r.erased_at is null
          and coalesce(
                (select max(s.ends_at) from workshop_sessions s where s.id = r.session_id or (r.session_id is null and s.workshop_id = r.workshop_id)),
                r.created_at)
              < ${now.toISOString()}::timestamptz - make_interval(days => coalesce((select b.retention_days from booking_settings b where b.place_id = r.place_id), 90))
        returning r.id`,
  );
  return rows.length;
}
