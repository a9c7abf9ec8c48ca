/**
 * Memberships of a place (« adhésion »): who is a member on a day, granting one with a sale (a
 * renewal continues the current one), cancelling those of a cancelled sale, the reminder a month
 * before the end, and the members page's lists. The rule "members only" of a resource or a
 * workshop is applied by scheduling and workshops with `isMemberByContact` / `activeMembershipOn`.
 *
 * This folder imports only db, lib, time, jobs, mail and sms: scheduling, workshops, mediation
 * and sales import it, never the other way (no circle between feature folders).
 */
import { and, desc, eq, gte, isNull, lte, sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type Db } from "~/db/client.server";
import { beneficiaries, placeMemberships, places } from "~/db/schema";
import { cancelJob, scheduleJob, type JobHandler } from "~/features/jobs/queue.server";
import { queueMail } from "~/features/mail/outbox.server";
import { queueSms } from "~/features/sms/outbox.server";
import { addMonths, type IsoDate } from "~/features/time/calendar";
import { formatDate } from "~/features/time/format";
import { todayIn } from "~/features/time/today";
import { fr } from "~/lib/messages";
import { formatPhone } from "~/lib/phone";
import { membershipPeriod, reminderDay, reminderTime } from "./dates";

const m = fr.memberships;

export const MEMBERSHIP_REMIND = "membership.remind";
export const membershipReminderKey = (membershipId: string) => `${MEMBERSHIP_REMIND}:${membershipId}`;

export type ActiveMembership = { id: string; startsOn: IsoDate; endsOn: IsoDate; categoryId: string | null };

/** The person's membership of the place in force on `day` (not cancelled, starts_on ≤ day ≤ ends_on). */
export async function activeMembershipOn(db: Db, input: { placeId: string; beneficiaryId: string; day: IsoDate }): Promise<ActiveMembership | undefined> {
  const [row] = await db
    .select({ id: placeMemberships.id, startsOn: placeMemberships.startsOn, endsOn: placeMemberships.endsOn, categoryId: placeMemberships.categoryId })
    .from(placeMemberships)
    .where(
      and(
        eq(placeMemberships.placeId, input.placeId),
        eq(placeMemberships.beneficiaryId, input.beneficiaryId),
        isNull(placeMemberships.cancelledAt),
        lte(placeMemberships.startsOn, input.day),
        gte(placeMemberships.endsOn, input.day),
      ),
    )
    .orderBy(desc(placeMemberships.endsOn))
    .limit(1);
  return row;
}

/**
 * Is someone booking without an account a member on `day`? Yes when a person the place follows
 * (not anonymised) with this phone (E.164, as lib/phone gives it) or this email (compared in
 * lower case) holds a membership in force that day.
 */
export async function isMemberByContact(db: Db, input: { placeId: string; phone?: string | null; email?: string | null; day: IsoDate }): Promise<boolean> {
  const phone = input.phone?.trim() || null;
  const email = input.email?.trim().toLowerCase() || null;
  if (!phone && !email) return false;
  const contact = phone && email
    ? sql`(b.phone = ${phone} or lower(b.email) = ${email})`
    : phone
      ? sql`b.phone = ${phone}`
      : sql`lower(b.email) = ${email}`;
  const rows = await queryRows(
    db,
    sql`select 1 as found from place_memberships m join beneficiaries b on b.id = m.beneficiary_id
        where m.place_id = ${input.placeId} and b.place_id = ${input.placeId} and b.anonymised_at is null
          and m.cancelled_at is null and m.starts_on <= ${input.day}::date and m.ends_on >= ${input.day}::date
          and ${contact}
        limit 1`,
  );
  return rows.length > 0;
}

/** The last day of the person's memberships of the place (renewals included) from `day` on; null when not a member then. */
export async function memberUntil(db: Db, input: { placeId: string; beneficiaryId: string; day: IsoDate }): Promise<IsoDate | null> {
  const current = await activeMembershipOn(db, input);
  if (!current) return null;
  const [row] = await db
    .select({ until: sql<string>`max(${placeMemberships.endsOn})::text` })
    .from(placeMemberships)
    .where(and(eq(placeMemberships.placeId, input.placeId), eq(placeMemberships.beneficiaryId, input.beneficiaryId), isNull(placeMemberships.cancelledAt), gte(placeMemberships.startsOn, current.startsOn)));
  return row?.until ?? current.endsOn;
}

/**
 * Grant a membership (the lead's sale command calls this inside its transaction): from `today`,
 * or from the day after the person's current membership ends (a renewal continues it), for
 * `months` months (the last day is the day before the same date `months` later). Schedules the
 * reminder. The person's row is locked so two renewals at once follow each other.
 */
export async function grantMembership(
  tx: Db,
  input: { placeId: string; beneficiaryId: string; itemId: string | null; categoryId: string | null; months: number; saleId: string | null; actorUserId: string | null; today: IsoDate },
): Promise<{ id: string; startsOn: IsoDate; endsOn: IsoDate }> {
  const [person] = await queryRows(tx, sql`select id from beneficiaries where id = ${input.beneficiaryId} and place_id = ${input.placeId} and anonymised_at is null for update`);
  if (!person) throw new Error("grantMembership: no such person followed by this place");
  const [last] = await tx
    .select({ until: sql<string | null>`max(${placeMemberships.endsOn})::text` })
    .from(placeMemberships)
    .where(and(eq(placeMemberships.placeId, input.placeId), eq(placeMemberships.beneficiaryId, input.beneficiaryId), isNull(placeMemberships.cancelledAt), gte(placeMemberships.endsOn, input.today)));
  const { startsOn, endsOn } = membershipPeriod({ today: input.today, months: input.months, currentUntil: last?.until ?? null });
  const [row] = await tx
    .insert(placeMemberships)
    .values({
      placeId: input.placeId, beneficiaryId: input.beneficiaryId, itemId: input.itemId, categoryId: input.categoryId,
      startsOn, endsOn, saleId: input.saleId, createdBy: input.actorUserId,
    })
    .returning({ id: placeMemberships.id });
  const [place] = await tx.select({ timeZone: places.timeZone }).from(places).where(eq(places.id, input.placeId));
  if (reminderDay(endsOn) >= input.today) {
    await scheduleJob(tx, { kind: MEMBERSHIP_REMIND, key: membershipReminderKey(row!.id), runAt: new Date(reminderTime(place!.timeZone, endsOn)), payload: { membershipId: row!.id } });
  }
  return { id: row!.id, startsOn, endsOn };
}

/** Cancel the memberships a sale bought (the sale is being cancelled, in its transaction), and their reminders. */
export async function cancelMembershipsOfSale(tx: Db, input: { saleId: string; now: Date | number }): Promise<number> {
  const cancelled = await tx
    .update(placeMemberships)
    .set({ cancelledAt: new Date(input.now) })
    .where(and(eq(placeMemberships.saleId, input.saleId), isNull(placeMemberships.cancelledAt)))
    .returning({ id: placeMemberships.id });
  for (const c of cancelled) await cancelJob(tx, membershipReminderKey(c.id));
  return cancelled.length;
}

const RemindPayload = z.object({ membershipId: z.uuid() });

/**
 * The `membership.remind` job: tell the person their membership ends in a month (a mail when
 * they gave an email, else an SMS), unless it was cancelled or renewed (another membership of
 * theirs starts after it), or they are anonymised or have no contact.
 */
export function membershipRemindHandler(): JobHandler {
  return {
    run: async (db, payload) => {
      const { membershipId } = RemindPayload.parse(payload);
      await sendMembershipReminder(db, { membershipId, now: Date.now() });
    },
  };
}

/** What the job does; "sent", or why nothing was. */
export async function sendMembershipReminder(db: Db, input: { membershipId: string; now: number }): Promise<"sent" | "cancelled" | "renewed" | "no-contact" | "not-found"> {
  const [row] = await db
    .select({
      placeId: placeMemberships.placeId, beneficiaryId: placeMemberships.beneficiaryId, startsOn: placeMemberships.startsOn, endsOn: placeMemberships.endsOn, cancelledAt: placeMemberships.cancelledAt,
      firstName: beneficiaries.firstName, phone: beneficiaries.phone, email: beneficiaries.email, anonymisedAt: beneficiaries.anonymisedAt,
      placeName: places.name, placePhone: places.phone,
    })
    .from(placeMemberships)
    .innerJoin(beneficiaries, eq(beneficiaries.id, placeMemberships.beneficiaryId))
    .innerJoin(places, eq(places.id, placeMemberships.placeId))
    .where(eq(placeMemberships.id, input.membershipId));
  if (!row) return "not-found";
  if (row.cancelledAt) return "cancelled";
  const [later] = await db
    .select({ id: placeMemberships.id })
    .from(placeMemberships)
    .where(and(eq(placeMemberships.placeId, row.placeId), eq(placeMemberships.beneficiaryId, row.beneficiaryId), isNull(placeMemberships.cancelledAt), sql`${placeMemberships.startsOn} > ${row.startsOn}`))
    .limit(1);
  if (later) return "renewed";
  if (row.anonymisedAt || (!row.email && !row.phone)) return "no-contact";
  const until = formatDate(row.endsOn);
  if (row.email) {
    await queueMail(db, { to: row.email, subject: m.mail.subject(row.placeName), text: m.mail.text(row.firstName ?? "", row.placeName, until, row.placePhone ? formatPhone(row.placePhone) : "") }, new Date(input.now));
  } else if (row.phone) {
    await queueSms(db, { to: row.phone, text: m.sms(row.placeName, until) }, new Date(input.now));
  }
  return "sent";
}

export type MembersFilter = "active" | "ending" | "expired";
export const MEMBERS_FILTERS: readonly MembersFilter[] = ["active", "ending", "expired"];
export type MemberRow = { beneficiaryId: string; firstName: string; lastName: string | null; since: IsoDate; until: IsoDate; category: string | null };

/**
 * The members page: people with a membership in force on `day` (active), those among them whose
 * last day — renewals included — is within a month (ending), and those whose last membership
 * ended in the 3 months before `day` (expired). Anonymised people are left out.
 */
export async function listMembers(db: Db, input: { placeId: string; day: IsoDate; filter: MembersFilter }): Promise<MemberRow[]> {
  const { day } = input;
  const which =
    input.filter === "expired"
      ? sql`last.until < ${day}::date and last.until >= ${addMonths(day, -3)}::date and m.ends_on = last.until`
      : input.filter === "ending"
        ? sql`m.starts_on <= ${day}::date and m.ends_on >= ${day}::date and last.until <= ${addMonths(day, 1)}::date`
        : sql`m.starts_on <= ${day}::date and m.ends_on >= ${day}::date`;
  const rows = await queryRows(
    db,
    sql`with last as (
          select beneficiary_id, max(ends_on) as until from place_memberships
          where place_id = ${input.placeId} and cancelled_at is null group by beneficiary_id
        )
        select distinct on (m.beneficiary_id) m.beneficiary_id, b.first_name, b.last_name, m.starts_on::text as since, last.until::text as until, c.name as category
        from place_memberships m
        join last on last.beneficiary_id = m.beneficiary_id
        join beneficiaries b on b.id = m.beneficiary_id
        left join price_categories c on c.id = m.category_id
        where m.place_id = ${input.placeId} and m.cancelled_at is null and b.anonymised_at is null and ${which}
        order by m.beneficiary_id, m.starts_on`,
  );
  const members = rows.map((r) => ({
    beneficiaryId: String(r.beneficiary_id), firstName: String(r.first_name ?? ""), lastName: r.last_name === null ? null : String(r.last_name),
    since: String(r.since), until: String(r.until), category: r.category === null ? null : String(r.category),
  }));
  const byName = (a: MemberRow, b: MemberRow) => (a.lastName ?? "").localeCompare(b.lastName ?? "", "fr") || a.firstName.localeCompare(b.firstName, "fr");
  if (input.filter === "active") return members.sort(byName);
  if (input.filter === "ending") return members.sort((a, b) => a.until.localeCompare(b.until) || byName(a, b));
  return members.sort((a, b) => b.until.localeCompare(a.until) || byName(a, b));
}

/** The members page's data: the place's day, the list of one tab. */
export async function membersPage(db: Db, input: { placeId: string; filter: MembersFilter; now: number }): Promise<{ day: IsoDate; filter: MembersFilter; members: MemberRow[] }> {
  const [place] = await db.select({ timeZone: places.timeZone }).from(places).where(eq(places.id, input.placeId));
  const day = todayIn(place?.timeZone ?? "Europe/Paris", input.now);
  return { day, filter: input.filter, members: await listMembers(db, { placeId: input.placeId, day, filter: input.filter }) };
}

/** Today on the place's clock (what the rule when booking and the person's page compare with). */
export async function placeToday(db: Db, placeId: string, now: Date | number = Date.now()): Promise<IsoDate> {
  const [place] = await db.select({ timeZone: places.timeZone }).from(places).where(eq(places.id, placeId));
  return todayIn(place?.timeZone ?? "Europe/Paris", now);
}
