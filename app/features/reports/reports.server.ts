/**
 * "Signaler une erreur": the public tells a place's managers that something on its page is
 * wrong. No personal data is asked for; the client address is only used, hashed, for the
 * rate limits and is never stored as is.
 *
 * Retention: a report is kept 12 months after it was sent, whatever its status, then deleted
 * by purgeOldReports (run after each new report, so the rule holds without a scheduler).
 */
import { lt } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { placeReports } from "~/db/schema";
import { addressRateKey, hitRateLimit, purgeRateLimits } from "~/features/rate-limit/rate-limit.server";
import { parseReportForm, type ReportErrors, type ReportInput, type ReportValues } from "./report-form";

export const REPORT_RETENTION_MONTHS = 12;

export const REPORT_LIMITS = {
  /** Per client address: 5 reports an hour. */
  perClient: { limit: 5, windowSeconds: 3600 },
  /** Per place: 20 reports a day, whoever sends them. */
  perPlace: { limit: 20, windowSeconds: 86_400 },
} as const;

export function clientRateKey(clientAddress: string): string {
  return addressRateKey("report", clientAddress);
}

export function placeRateKey(placeId: string): string {
  return `report:place:${placeId}`;
}

export async function createPlaceReport(db: Db, options: { placeId: string; now?: Date } & ReportInput): Promise<string> {
  const [row] = await db
    .insert(placeReports)
    .values({ placeId: options.placeId, topic: options.topic, message: options.message, createdAt: options.now ?? new Date() })
    .returning({ id: placeReports.id });
  return row!.id;
}

/** Delete reports sent more than REPORT_RETENTION_MONTHS months before `now`. Returns how many. */
export async function purgeOldReports(db: Db, now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - REPORT_RETENTION_MONTHS);
  const deleted = await db.delete(placeReports).where(lt(placeReports.createdAt, cutoff)).returning({ id: placeReports.id });
  return deleted.length;
}

export type SubmitOutcome =
  | { kind: "stored"; id: string }
  /** The honeypot was filled: answered like a success, nothing stored. */
  | { kind: "ignored" }
  | { kind: "invalid"; errors: ReportErrors; values: ReportValues }
  | { kind: "limited"; scope: "client" | "place"; retryAfterSeconds: number; values: ReportValues };

/** Validate a submitted form, apply the rate limits, store the report. */
export async function submitPlaceReport(db: Db, options: { placeId: string; clientAddress: string; form: FormData; now?: Date }): Promise<SubmitOutcome> {
  const now = options.now ?? new Date();
  const parsed = parseReportForm(options.form);
  if (parsed.honeypot) return { kind: "ignored" };
  if (!parsed.ok) return { kind: "invalid", errors: parsed.errors, values: parsed.values };

  const client = await hitRateLimit(db, { key: clientRateKey(options.clientAddress), ...REPORT_LIMITS.perClient, now });
  if (!client.allowed) return { kind: "limited", scope: "client", retryAfterSeconds: client.retryAfterSeconds, values: parsed.values };
  const place = await hitRateLimit(db, { key: placeRateKey(options.placeId), ...REPORT_LIMITS.perPlace, now });
  if (!place.allowed) return { kind: "limited", scope: "place", retryAfterSeconds: place.retryAfterSeconds, values: parsed.values };

  const id = await createPlaceReport(db, { placeId: options.placeId, ...parsed.data, now });
  await purgeOldReports(db, now);
  await purgeRateLimits(db, now);
  return { kind: "stored", id };
}
