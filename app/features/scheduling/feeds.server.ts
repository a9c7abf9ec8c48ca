/**
 * iCalendar of bookings: one booking for its holder, and the secret feeds of a place or of a
 * mediator for the staff's calendars (a token stored hashed, revocable). Feeds carry the first
 * name only, never a phone or an email.
 */
import { and, asc, eq, gte, isNull, ne } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { bookings, calendarFeeds, places, resources, users } from "~/db/schema";
import { hashToken, randomToken } from "~/features/accounts/tokens.server";
import { recordAudit } from "~/features/audit/record.server";
import { fr } from "~/lib/messages";
import { formatPhone } from "~/lib/phone";
import type { ManagedBooking } from "./bookings.server";
import { calendarText } from "./ics";
import { isPlaceStaff } from "./resources.server";

const m = fr.booking;
const DAY = 86_400_000;

export function bookingIcs(b: ManagedBooking, manageUrl: string): string {
  const what = b.resource.kind === "appointment" ? m.kinds.appointment! : b.resource.name;
  return calendarText(m.ics.summary(what, b.place.name), [
    {
      uid: b.id, start: b.startsAt.getTime(), end: b.endsAt.getTime(), summary: m.ics.summary(what, b.place.name),
      location: `${b.place.name}, ${b.place.address}, ${b.place.postcode} ${b.place.commune}`,
      description: [b.place.phone ? m.mail.placePhone(formatPhone(b.place.phone)) : "", m.mail.manage(manageUrl)].filter(Boolean).join("\n"),
      url: manageUrl, cancelled: b.status === "cancelled",
    },
  ]);
}

/**
 * A new secret feed of the place's bookings (or of one mediator's appointments, `userId`: one of
 * the place's staff, else null is returned). Returns the token, shown once.
 */
export async function createFeed(db: Db, input: { placeId: string; userId: string | null; actorUserId: string }): Promise<string | null> {
  const token = randomToken();
  const created = await db.transaction(async (tx) => {
    if (input.userId && !(await isPlaceStaff(tx, input.placeId, input.userId))) return false;
    const [row] = await tx.insert(calendarFeeds).values({ tokenHash: hashToken(token), placeId: input.placeId, userId: input.userId }).returning({ id: calendarFeeds.id });
    await recordAudit(tx, { actorUserId: input.actorUserId, action: "calendar-feed.create", entityType: "calendar_feed", entityId: row!.id, placeId: input.placeId, after: { userId: input.userId } });
    return true;
  });
  return created ? token : null;
}

export async function revokeFeed(db: Db, input: { placeId: string; feedId: string; actorUserId: string }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(calendarFeeds)
      .set({ revokedAt: new Date() })
      .where(and(eq(calendarFeeds.id, input.feedId), eq(calendarFeeds.placeId, input.placeId), isNull(calendarFeeds.revokedAt)))
      .returning({ id: calendarFeeds.id });
    if (rows.length) await recordAudit(tx, { actorUserId: input.actorUserId, action: "calendar-feed.revoke", entityType: "calendar_feed", entityId: input.feedId, placeId: input.placeId });
    return rows.length > 0;
  });
}

/** The place's active feeds, oldest first, with the name of the mediator a feed is for (null: the whole place). */
export async function listFeeds(db: Db, placeId: string) {
  return db
    .select({ id: calendarFeeds.id, userId: calendarFeeds.userId, userName: users.name, createdAt: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .leftJoin(users, eq(users.id, calendarFeeds.userId))
    .where(and(eq(calendarFeeds.placeId, placeId), isNull(calendarFeeds.revokedAt)))
    .orderBy(asc(calendarFeeds.createdAt));
}

/** The feed's text, or null for an unknown or revoked token: bookings from 30 days ago on. */
export async function feedIcs(db: Db, token: string, now = Date.now()): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{40,60}$/.test(token)) return null;
  const [feed] = await db
    .select({ placeId: calendarFeeds.placeId, userId: calendarFeeds.userId, placeName: places.name })
    .from(calendarFeeds)
    .innerJoin(places, eq(places.id, calendarFeeds.placeId))
    .where(and(eq(calendarFeeds.tokenHash, hashToken(token)), isNull(calendarFeeds.revokedAt)));
  if (!feed) return null;
  const rows = await db
    .select({ id: bookings.id, startsAt: bookings.startsAt, endsAt: bookings.endsAt, firstName: bookings.firstName, reason: bookings.reason, resourceName: resources.name, updatedAt: bookings.updatedAt })
    .from(bookings)
    .innerJoin(resources, eq(resources.id, bookings.resourceId))
    .where(and(eq(bookings.placeId, feed.placeId), ne(bookings.status, "cancelled"), gte(bookings.startsAt, new Date(now - 30 * DAY)), feed.userId ? eq(resources.staffUserId, feed.userId) : undefined))
    .orderBy(bookings.startsAt)
    .limit(5000);
  return calendarText(feed.placeName, rows.map((r) => ({ uid: r.id, start: r.startsAt.getTime(), end: r.endsAt.getTime(), summary: `${r.resourceName} — ${r.firstName ?? "—"}${r.reason ? ` (${r.reason})` : ""}`, updatedAt: r.updatedAt.getTime() })));
}
