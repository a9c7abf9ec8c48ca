/**
 * Database sessions: the cookie holds a random token, the table its SHA-256. Idle expiry
 * (2 h, slid forward on use) and absolute expiry (12 h for staff, never slid).
 */
import { and, desc, eq, lt, ne, or } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { sessions } from "~/db/schema";
import { hashToken, randomToken } from "./tokens.server";

export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** Writing last_seen_at on every request is wasteful: once a minute is precise enough. */
const TOUCH_EVERY_MS = 60 * 1000;

export type Session = { id: string; userId: string; createdAt: Date; lastSeenAt: Date; idleExpiresAt: Date; expiresAt: Date; oidcIdToken: string | null };

/** Create a session and return the raw token (for the cookie); only its hash is stored. */
export async function createSession(db: Db, userId: string, now: Date = new Date(), oidcIdToken: string | null = null): Promise<{ token: string; session: Session }> {
  const token = randomToken();
  const session: Session = {
    id: hashToken(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    idleExpiresAt: new Date(Math.min(now.getTime() + SESSION_IDLE_MS, now.getTime() + SESSION_ABSOLUTE_MS)),
    expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
    oidcIdToken,
  };
  await db.insert(sessions).values(session);
  return { token, session };
}

/** The live session for a token, its idle expiry slid forward; null (and deleted) when expired. */
export async function getSession(db: Db, token: string, now: Date = new Date()): Promise<Session | null> {
  if (!token || token.length > 100) return null;
  const id = hashToken(token);
  const [row] = await db.select().from(sessions).where(eq(sessions.id, id));
  if (!row) return null;
  if (row.idleExpiresAt <= now || row.expiresAt <= now) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  if (now.getTime() - row.lastSeenAt.getTime() < TOUCH_EVERY_MS) return row;
  const idleExpiresAt = new Date(Math.min(now.getTime() + SESSION_IDLE_MS, row.expiresAt.getTime()));
  await db.update(sessions).set({ lastSeenAt: now, idleExpiresAt }).where(eq(sessions.id, id));
  return { ...row, lastSeenAt: now, idleExpiresAt };
}

/** Keep the provider's ID token with a session opened by another path (an invitation accepted with OpenID Connect). */
export async function setSessionIdToken(db: Db, token: string, oidcIdToken: string): Promise<void> {
  await db.update(sessions).set({ oidcIdToken }).where(eq(sessions.id, hashToken(token)));
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** A user's live sessions, most recently used first (for "Mes sessions"). */
export async function listSessions(db: Db, userId: string, now: Date = new Date()) {
  const rows = await db
    .select({ id: sessions.id, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, idleExpiresAt: sessions.idleExpiresAt, expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.lastSeenAt));
  return rows.filter((s) => s.idleExpiresAt > now && s.expiresAt > now);
}

/** "Se déconnecter partout ailleurs": every session of the user but this one. Returns how many ended. */
export async function deleteOtherSessions(db: Db, userId: string, keepSessionId: string): Promise<number> {
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)))
    .returning({ id: sessions.id });
  return deleted.length;
}

/** Delete expired sessions (called now and then; expired ones are refused anyway). */
export async function purgeExpiredSessions(db: Db, now: Date = new Date()): Promise<number> {
  const deleted = await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.idleExpiresAt, now)))
    .returning({ id: sessions.id });
  return deleted.length;
}
