/**
 * A partner's keys to the referrals API. A key is `epn_` + 32 random bytes in base64url (47
 * characters): shown once when it is made, then only its SHA-256 (`hashToken`) and its first 12
 * characters (to tell keys apart on screen) are kept. A key acts as one of the partner's advisers
 * would (`partner.follow`, `partner.refer` for its network); revoked, it stops at once. The log
 * keeps a key's label, never the key nor its prefix.
 */
import { and, count, desc, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { partnerApiTokens, partners } from "~/db/schema";
import { hashToken, randomToken } from "~/features/accounts/tokens.server";
import { recordAudit } from "~/features/audit/record.server";
import { isUuid } from "~/lib/ids";
import { MAX_ACTIVE_API_KEYS } from "./webhook-form";

export const API_TOKEN_PREFIX = "epn_";
const TOKEN_SHAPE = /^epn_[A-Za-z0-9_-]{43}$/;
/** How many characters of a key are kept to recognise it ("epn_" and 8 more). */
const SHOWN_PREFIX_LENGTH = 12;
/** last_used_at is written at most once a minute per key: a busy API does not write on every call. */
const LAST_USED_PRECISION_MS = 60_000;

export type CreateApiTokenResult = { kind: "created"; tokenId: string; token: string; prefix: string } | { kind: "too-many" } | { kind: "not-found" };

/** A new key for the partner of the network (at most MAX_ACTIVE_API_KEYS active). The token is in the result only. */
export async function createApiToken(db: Db, options: { networkId: string; partnerId: string; label: string; actorUserId: string; now?: Date }): Promise<CreateApiTokenResult> {
  if (!isUuid(options.partnerId)) return { kind: "not-found" };
  const now = options.now ?? new Date();
  const token = `${API_TOKEN_PREFIX}${randomToken()}`;
  const prefix = token.slice(0, SHOWN_PREFIX_LENGTH);
  return db.transaction(async (tx): Promise<CreateApiTokenResult> => {
    // The partner's row, locked: two keys made at once count each other.
    const [partner] = await tx.select({ id: partners.id }).from(partners).where(and(eq(partners.id, options.partnerId), eq(partners.networkId, options.networkId))).for("update");
    if (!partner) return { kind: "not-found" };
    const [active] = await tx.select({ n: count() }).from(partnerApiTokens).where(and(eq(partnerApiTokens.partnerId, partner.id), isNull(partnerApiTokens.revokedAt)));
    if (Number(active?.n ?? 0) >= MAX_ACTIVE_API_KEYS) return { kind: "too-many" };
    const [row] = await tx
      .insert(partnerApiTokens)
      .values({ partnerId: partner.id, label: options.label, tokenHash: hashToken(token), prefix, createdBy: options.actorUserId, createdAt: now })
      .returning({ id: partnerApiTokens.id });
    await recordAudit(tx, { actorUserId: options.actorUserId, action: "partner.api-key-create", entityType: "partner_api_token", entityId: row!.id, networkId: options.networkId, after: { keyLabel: options.label } }, now);
    return { kind: "created", tokenId: row!.id, token, prefix };
  });
}

export type ApiTokenView = { id: string; label: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

/** The partner's keys, newest first (revoked ones too, marked). */
export async function listApiTokens(db: Db, partnerId: string): Promise<ApiTokenView[]> {
  return db
    .select({ id: partnerApiTokens.id, label: partnerApiTokens.label, prefix: partnerApiTokens.prefix, createdAt: partnerApiTokens.createdAt, lastUsedAt: partnerApiTokens.lastUsedAt, revokedAt: partnerApiTokens.revokedAt })
    .from(partnerApiTokens)
    .where(eq(partnerApiTokens.partnerId, partnerId))
    .orderBy(desc(partnerApiTokens.createdAt), desc(partnerApiTokens.id));
}

/** Revoke a key of the partner of the network. */
export async function revokeApiToken(db: Db, options: { networkId: string; partnerId: string; tokenId: string; actorUserId: string; now?: Date }): Promise<"revoked" | "not-found"> {
  if (!isUuid(options.partnerId) || !isUuid(options.tokenId)) return "not-found";
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const [partner] = await tx.select({ id: partners.id }).from(partners).where(and(eq(partners.id, options.partnerId), eq(partners.networkId, options.networkId)));
    if (!partner) return "not-found" as const;
    const [row] = await tx
      .update(partnerApiTokens)
      .set({ revokedAt: now })
      .where(and(eq(partnerApiTokens.id, options.tokenId), eq(partnerApiTokens.partnerId, partner.id), isNull(partnerApiTokens.revokedAt)))
      .returning({ label: partnerApiTokens.label });
    if (!row) return "not-found" as const;
    await recordAudit(tx, { actorUserId: options.actorUserId, action: "partner.api-key-revoke", entityType: "partner_api_token", entityId: options.tokenId, networkId: options.networkId, before: { keyLabel: row.label } }, now);
    return "revoked" as const;
  });
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | null): string | null {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? "");
  return match ? match[1]! : null;
}

export type ApiCaller = { partnerId: string; networkId: string; tokenId: string };

/**
 * Who is calling the API with this key (the token itself, e.g. from `bearerToken`): its
 * partner, the partner's network and the key's id — or null for a malformed, unknown or revoked
 * key. Notes the key's use (`last_used_at`, to the minute).
 */
export async function findPartnerByApiToken(db: Db, token: string | null, now: Date = new Date()): Promise<ApiCaller | null> {
  if (!token || !TOKEN_SHAPE.test(token)) return null;
  const [row] = await db
    .select({ tokenId: partnerApiTokens.id, partnerId: partners.id, networkId: partners.networkId })
    .from(partnerApiTokens)
    .innerJoin(partners, eq(partners.id, partnerApiTokens.partnerId))
    .where(and(eq(partnerApiTokens.tokenHash, hashToken(token)), isNull(partnerApiTokens.revokedAt)));
  if (!row) return null;
  await db
    .update(partnerApiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(partnerApiTokens.id, row.tokenId), or(isNull(partnerApiTokens.lastUsedAt), lt(partnerApiTokens.lastUsedAt, new Date(now.getTime() - LAST_USED_PRECISION_MS)))));
  return row;
}
