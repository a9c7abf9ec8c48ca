import crypto from "node:crypto";
import { lt, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { rateLimits } from "~/db/schema";

/**
 * Salt of the client-address hash: random for each server process and never written
 * anywhere, so a stored key cannot be turned back into an address (the IPv4 space is small
 * enough to try every address against a known salt). A restart starts the per-address
 * counts again. With several web nodes, each counts its own per-address hits: counting across
 * nodes would need a shared secret salt in the configuration.
 */
const PROCESS_SALT = crypto.randomBytes(32);

/** The rate-limit key of a client address for one use ("report", "booking"…): `<scope>:client:<salted hash>`. */
export function addressRateKey(scope: string, clientAddress: string, salt: Uint8Array = PROCESS_SALT): string {
  return `${scope}:client:${crypto.createHash("sha256").update(salt).update(clientAddress).digest("hex")}`;
}

export type RateLimitResult = {
  allowed: boolean;
  /** Hits counted in the current window, this one included. */
  hits: number;
  /** Seconds until the current window ends (0 when allowed). */
  retryAfterSeconds: number;
};

/**
 * Count one hit against `key` and say whether it is within `limit` for the current
 * fixed window of `windowSeconds` (windows are aligned on the epoch: an hour window
 * starts on the hour, a day window at midnight UTC).
 *
 * The database settles it: one atomic upsert returns the new count, so concurrent
 * requests and several web nodes share the same counter. Refused hits are counted too;
 * the window still ends, so nobody is locked out for longer than one window.
 */
export async function hitRateLimit(db: Db, options: { key: string; limit: number; windowSeconds: number; now?: Date }): Promise<RateLimitResult> {
  const now = (options.now ?? new Date()).getTime();
  const windowMs = options.windowSeconds * 1000;
  const windowStart = Math.floor(now / windowMs) * windowMs;
  const [row] = await db
    .insert(rateLimits)
    .values({ key: options.key, windowStart: new Date(windowStart), hits: 1 })
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { hits: sql`rate_limits.hits + 1` } })
    .returning({ hits: rateLimits.hits });
  const hits = row!.hits;
  const allowed = hits <= options.limit;
  return { allowed, hits, retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000)) };
}

/** Delete windows that started more than `olderThanSeconds` ago (default two days: longer than any window we use). */
export async function purgeRateLimits(db: Db, now: Date = new Date(), olderThanSeconds = 2 * 86_400): Promise<number> {
  const deleted = await db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, new Date(now.getTime() - olderThanSeconds * 1000)))
    .returning({ key: rateLimits.key });
  return deleted.length;
}
