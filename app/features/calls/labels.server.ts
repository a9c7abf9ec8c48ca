/**
 * The label over time: a place's history (« Labellisé Web O Centre depuis 2017 »), the
 * application a renewal copies, and the notices before a label ends (90 and 30 days before, to
 * the place's managers and the network's coordinators, each once: `label_renewal_notices`).
 * An ended label needs nothing done: every public query keeps only grants valid today.
 */
import { and, desc, eq, gte, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { applications, calls, labelGrants, labelRenewalNotices, memberships, networks, places, users } from "~/db/schema";
import { queueMail } from "~/features/mail/outbox.server";
import { addDays } from "~/features/time/calendar";
import { labelPeriods, type LabelPeriod } from "~/features/places/label-periods";
import { formatDate } from "~/features/time/format";
import { todayInFrance } from "~/features/time/today";
import { fr } from "~/lib/messages";

export { labelPeriods };

const m = fr.applications;
export const RENEWAL_NOTICE_DAYS = [90, 30] as const;

export async function placeLabelHistory(db: Db, placeId: string, now: Date = new Date()): Promise<LabelPeriod[]> {
  const grants = await db
    .select({ network: networks.name, label: labelGrants.label, validFrom: labelGrants.validFrom, validUntil: labelGrants.validUntil, themes: labelGrants.themes })
    .from(labelGrants)
    .innerJoin(networks, eq(networks.id, labelGrants.networkId))
    .where(eq(labelGrants.placeId, placeId));
  return labelPeriods(grants, todayInFrance(now));
}

/** The place's latest accepted application to one of the network's calls (a renewal copies its answers), if any. */
export async function renewableApplication(db: Db, input: { placeId: string; networkId: string }): Promise<string | null> {
  const [row] = await db
    .select({ id: applications.id })
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .where(and(eq(applications.placeId, input.placeId), eq(calls.networkId, input.networkId), eq(applications.state, "accepted")))
    .orderBy(desc(applications.decidedAt))
    .limit(1);
  return row?.id ?? null;
}

/**
 * Tell the place's managers and the network's coordinators that a label ends in 90, then 30 days
 * (each notice once per grant, recorded in the same transaction as its mails). A grant renewed
 * already (a later grant of the same label starts by the day after it ends) is not told.
 */
export async function sendRenewalNotices(db: Db, input: { baseUrl: string; now?: Date }): Promise<number> {
  const now = input.now ?? new Date();
  const today = todayInFrance(now);
  let sent = 0;
  // The 30-day notice first: when it goes, the 90-day one is no longer due.
  for (const days of [...RENEWAL_NOTICE_DAYS].sort((a, b) => a - b)) {
    // Ending within `days` days and not yet past, each notice once.
    const due = await db
      .select({ id: labelGrants.id, placeId: labelGrants.placeId, networkId: labelGrants.networkId, label: labelGrants.label, validFrom: labelGrants.validFrom, validUntil: labelGrants.validUntil, placeName: places.name, networkSlug: networks.slug })
      .from(labelGrants)
      .innerJoin(places, eq(places.id, labelGrants.placeId))
      .innerJoin(networks, eq(networks.id, labelGrants.networkId))
      .leftJoin(labelRenewalNotices, and(eq(labelRenewalNotices.labelGrantId, labelGrants.id), eq(labelRenewalNotices.daysBefore, days)))
      .where(and(isNull(labelRenewalNotices.labelGrantId), gte(labelGrants.validUntil, today), lte(labelGrants.validUntil, addDays(today, days)), lte(labelGrants.validFrom, today)));
    for (const grant of due) {
      const renewed = await db
        .select({ id: labelGrants.id })
        .from(labelGrants)
        .where(and(eq(labelGrants.placeId, grant.placeId), eq(labelGrants.networkId, grant.networkId), eq(labelGrants.label, grant.label), sql`${labelGrants.validFrom} > ${grant.validFrom}`, lte(labelGrants.validFrom, addDays(grant.validUntil!, 1))))
        .limit(1);
      if (renewed.length) continue;
      const recipients = await db
        .selectDistinct({ email: users.email, role: memberships.role })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(isNull(users.disabledAt), sql`((${memberships.placeId} = ${grant.placeId} and ${memberships.role} = 'manager') or (${memberships.networkId} = ${grant.networkId} and ${memberships.role} = 'coordinator'))`));
      const daysLeft = Math.round((Date.parse(`${grant.validUntil}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
      await db.transaction(async (tx) => {
        const [claimed] = await tx.insert(labelRenewalNotices).values({ labelGrantId: grant.id, daysBefore: days, sentAt: now }).onConflictDoNothing().returning({ id: labelRenewalNotices.labelGrantId });
        if (!claimed) return;
        for (const r of recipients) {
          const link = r.role === "manager" ? `${input.baseUrl}/gestion/lieux/${grant.placeId}/candidatures` : `${input.baseUrl}/gestion/reseaux/${grant.networkSlug}/label`;
          await queueMail(tx, { to: r.email, ...m.mail.labelEnding({ label: grant.label, place: grant.placeName, days: daysLeft, until: formatDate(grant.validUntil!), link }) }, now);
        }
        // The longer notice is no longer due once the shorter one went.
        if (days === 30) await tx.insert(labelRenewalNotices).values({ labelGrantId: grant.id, daysBefore: 90, sentAt: now }).onConflictDoNothing();
        sent++;
      });
    }
  }
  return sent;
}

/** Labels valid on a day, per place, for the network (the dashboard's and reports' base). */
export async function labelledPlaces(db: Db, networkId: string, day: string) {
  return db
    .select({ placeId: labelGrants.placeId, themes: labelGrants.themes, validFrom: labelGrants.validFrom, validUntil: labelGrants.validUntil })
    .from(labelGrants)
    .where(and(eq(labelGrants.networkId, networkId), lte(labelGrants.validFrom, day), sql`(${labelGrants.validUntil} is null or ${labelGrants.validUntil} >= ${day})`));
}

/** Where the places are (for the dashboard's sketch map): those with coordinates. */
export async function placePositions(db: Db, ids: string[]): Promise<{ id: string; lat: number; lon: number }[]> {
  if (!ids.length) return [];
  const rows = await db.select({ id: places.id, lat: places.latitude, lon: places.longitude }).from(places).where(inArray(places.id, ids));
  return rows.filter((r): r is { id: string; lat: number; lon: number } => r.lat !== null && r.lon !== null);
}
