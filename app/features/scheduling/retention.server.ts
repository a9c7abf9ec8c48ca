/** Erasing bookings' personal data after the place's retention period (the row stays for the figures). */
import { sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { queryRows } from "~/db/client.server";

/** Erase the first name, phone, email, note, reason and person key of bookings ended longer ago than their place's period. */
export async function eraseOldBookingData(db: Db, now: Date = new Date()): Promise<number> {
  const rows = await queryRows(
    db,
    sql`update bookings b
        set first_name = null, phone = null, email = null, note = null, reason = null, person_key = null, cancel_reason = null, erased_at = ${now.toISOString()}::timestamptz
        where b.erased_at is null
          and b.ends_at < ${now.toISOString()}::timestamptz - make_interval(days => coalesce((select s.retention_days from booking_settings s where s.place_id = b.place_id), 90))
        returning b.id`,
  );
  return rows.length;
}
