/**
 * One-time links sent by email: password reset (1 hour) and address verification
 * (7 days). The link carries 32 random bytes; the table keeps their SHA-256.
 */
import crypto from "node:crypto";
import { and, eq, gt, isNull, lt, or } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { emailTokens, sessions, users } from "~/db/schema";
import { queueMail } from "~/features/mail/outbox.server";
import { hitRateLimit } from "~/features/rate-limit/rate-limit.server";
import { fr } from "~/lib/messages";
import { hashPassword } from "./password.server";
import { passwordProblem } from "./password";
import { hashToken, randomToken } from "./tokens.server";
import { normaliseEmail } from "./users.server";

export type EmailTokenPurpose = "verify-email" | "reset-password";
export const TOKEN_LIFETIME_MS: Record<EmailTokenPurpose, number> = { "reset-password": 3_600_000, "verify-email": 7 * 86_400_000 };
/** 3 reset mails per address and 20 per client address an hour. */
export const RESET_LIMITS = { perEmail: { limit: 3, windowSeconds: 3600 }, perClient: { limit: 20, windowSeconds: 3600 } };

/** A one-time link's token; `lifetimeMs` overrides the purpose's (an invited expert's first password: 7 days). */
export async function createEmailToken(db: Db, userId: string, purpose: EmailTokenPurpose, now: Date = new Date(), lifetimeMs: number = TOKEN_LIFETIME_MS[purpose]): Promise<string> {
  const token = randomToken();
  await db.insert(emailTokens).values({ tokenHash: hashToken(token), userId, purpose, expiresAt: new Date(now.getTime() + lifetimeMs), createdAt: now });
  return token;
}

/** The user of a live, unused token (without using it). */
export async function peekEmailToken(db: Db, token: string, purpose: EmailTokenPurpose, now: Date = new Date()): Promise<string | null> {
  if (!token || token.length > 100) return null;
  const [row] = await db
    .select({ userId: emailTokens.userId })
    .from(emailTokens)
    .where(and(eq(emailTokens.tokenHash, hashToken(token)), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, now)));
  return row?.userId ?? null;
}

/**
 * A link's state: live, already used (a page after its own successful POST sees this),
 * or dead (unknown or expired).
 */
export async function emailTokenState(db: Db, token: string, purpose: EmailTokenPurpose, now: Date = new Date()): Promise<"live" | "used" | "dead"> {
  if (!token || token.length > 100) return "dead";
  const [row] = await db
    .select({ usedAt: emailTokens.usedAt, expiresAt: emailTokens.expiresAt })
    .from(emailTokens)
    .where(and(eq(emailTokens.tokenHash, hashToken(token)), eq(emailTokens.purpose, purpose)));
  if (!row) return "dead";
  if (row.usedAt) return "used";
  return row.expiresAt > now ? "live" : "dead";
}

/** Use a token once: the atomic update makes a second use (even concurrent) fail. */
async function consume(db: Db, token: string, purpose: EmailTokenPurpose, now: Date): Promise<string | null> {
  if (!token || token.length > 100) return null;
  const [row] = await db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(and(eq(emailTokens.tokenHash, hashToken(token)), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, now)))
    .returning({ userId: emailTokens.userId });
  return row?.userId ?? null;
}

function keyed(secret: string, kind: string, value: string): string {
  return `reset:${kind}:${crypto.createHmac("sha256", secret).update(value).digest("hex")}`;
}

export type ResetRequestOutcome = { kind: "done" } | { kind: "limited"; retryAfterSeconds: number };

/**
 * "Mot de passe oublié": the same answer whether or not the account exists; a mail with
 * a 1-hour link when it does (and is enabled).
 */
export async function requestPasswordReset(db: Db, options: { email: string; clientAddress: string; secret: string; baseUrl: string; now?: Date }): Promise<ResetRequestOutcome> {
  const now = options.now ?? new Date();
  const email = normaliseEmail(options.email);
  const client = await hitRateLimit(db, { key: keyed(options.secret, "client", options.clientAddress), ...RESET_LIMITS.perClient, now });
  if (!client.allowed) return { kind: "limited", retryAfterSeconds: client.retryAfterSeconds };
  const perEmail = await hitRateLimit(db, { key: keyed(options.secret, "email", email), ...RESET_LIMITS.perEmail, now });
  if (!perEmail.allowed) return { kind: "limited", retryAfterSeconds: perEmail.retryAfterSeconds };
  const [user] = await db.select({ id: users.id }).from(users).where(and(eq(users.email, email), isNull(users.disabledAt)));
  if (user) {
    await db.transaction(async (tx) => {
      const token = await createEmailToken(tx, user.id, "reset-password", now);
      const link = `${options.baseUrl}/mot-de-passe/${token}`;
      await queueMail(tx, { to: email, subject: fr.mail.forgot.subject, text: fr.mail.forgot.text(link) }, now);
    });
  }
  return { kind: "done" };
}

export type ResetOutcome = { kind: "done" } | { kind: "invalid-token" } | { kind: "invalid"; errors: Partial<Record<"password" | "confirm", string>> };

/** Set a new password with a reset link: once, within the hour; every session of the user ends. */
export async function resetPassword(db: Db, options: { token: string; password: string; confirm: string; now?: Date }): Promise<ResetOutcome> {
  const now = options.now ?? new Date();
  const problem = passwordProblem(options.password);
  if (problem) return { kind: "invalid", errors: { password: problem } };
  if (options.password !== options.confirm) return { kind: "invalid", errors: { confirm: fr.mail.invitation.confirmMismatch } };
  const passwordHash = await hashPassword(options.password);
  return db.transaction(async (tx) => {
    const userId = await consume(tx, options.token, "reset-password", now);
    if (!userId) return { kind: "invalid-token" } as const;
    // The link proves the address too.
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    await tx.update(users).set({ emailVerifiedAt: now }).where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    return { kind: "done" } as const;
  });
}

/** Mark the address verified with the link; false when the link is unknown, used or expired. */
export async function verifyEmail(db: Db, token: string, now: Date = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const userId = await consume(tx, token, "verify-email", now);
    if (!userId) return false;
    await tx.update(users).set({ emailVerifiedAt: now }).where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)));
    return true;
  });
}

/** Used or expired links are kept 7 days (to answer "this link was already used"), then deleted. */
export const EMAIL_TOKEN_RETENTION_MS = 7 * 86_400_000;
export async function purgeOldEmailTokens(db: Db, now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - EMAIL_TOKEN_RETENTION_MS);
  const deleted = await db.delete(emailTokens).where(or(lt(emailTokens.expiresAt, cutoff), lt(emailTokens.usedAt, cutoff))).returning({ tokenHash: emailTokens.tokenHash });
  return deleted.length;
}
