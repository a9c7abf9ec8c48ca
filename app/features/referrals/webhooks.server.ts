/**
 * The `referral.webhook` job: POST one referral event, signed, to the partner's system
 * (docs/webhooks.md; the payload and the signature are in webhooks.ts).
 *
 * The notice job schedules it, keyed by the event, when the partner has a webhook. Each attempt
 * builds the payload from the data as it is then, signs it with the attempt's time, and POSTs it
 * to the partner's current URL with its current secret (a webhook removed meanwhile: nothing is
 * sent). The attempt is counted on the event row with its error — an HTTP status or a network
 * error's code, never the receiver's answer —; a 2xx marks the event delivered, anything else
 * throws so the queue tries again with its backoff (1 min, 5 min, 30 min, 2 h, 6 h, 12 h, 24 h;
 * 8 attempts). Delivery is at least once: a receiver ignores a `webhook-id` it has seen.
 */
import dns from "node:dns/promises";
import net from "node:net";
import { and, asc, eq, ne, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~/db/client.server";
import { bookings, partners, places, referralEvents, referrals, workshopRegistrations, workshopSessions } from "~/db/schema";
import { errorCode } from "~/features/jobs/error-code";
import type { JobHandler } from "~/features/jobs/queue.server";
import { WEBHOOK_TIMEOUT_MS, WEBHOOK_USER_AGENT, webhookHeaders, webhookPayload } from "./webhooks";

export { REFERRAL_WEBHOOK, webhookJobKey } from "./webhooks";

/** An event with what its notice and its webhook need: its referral, the partner's settings, the place, the appointment. */
export type ReferralEventContext = NonNullable<Awaited<ReturnType<typeof loadReferralEvent>>>;

/** The event `eventId` and what goes with it, or null when it is gone (its referral deleted). */
export async function loadReferralEvent(db: Db, eventId: string) {
  const [row] = await db
    .select({
      event: {
        id: referralEvents.id, seq: referralEvents.seq, kind: referralEvents.kind, status: referralEvents.status, actorUserId: referralEvents.actorUserId,
        detail: referralEvents.detail, at: referralEvents.at, noticedAt: referralEvents.noticedAt, webhookDeliveredAt: referralEvents.webhookDeliveredAt,
      },
      referral: {
        id: referrals.id, adviserId: referrals.adviserId, partnerReference: referrals.partnerReference, registrationId: referrals.registrationId,
        firstName: referrals.firstName, lastName: referrals.lastName, phone: referrals.phone, email: referrals.email,
      },
      partner: { id: partners.id, email: partners.email, webhookUrl: partners.webhookUrl, webhookSecret: partners.webhookSecret, webhookPersonalData: partners.webhookPersonalData },
      place: { id: places.id, name: places.name, slug: places.slug, timeZone: places.timeZone },
      bookingStart: bookings.startsAt,
      bookingEnd: bookings.endsAt,
    })
    .from(referralEvents)
    .innerJoin(referrals, eq(referrals.id, referralEvents.referralId))
    .innerJoin(partners, eq(partners.id, referrals.partnerId))
    .innerJoin(places, eq(places.id, referrals.placeId))
    .leftJoin(bookings, and(eq(bookings.id, referrals.bookingId), ne(bookings.status, "cancelled")))
    .where(eq(referralEvents.id, eventId));
  if (!row) return null;
  const { bookingStart, bookingEnd, ...rest } = row;
  const appointment = bookingStart && bookingEnd ? { start: bookingStart, end: bookingEnd } : row.referral.registrationId ? await seatAppointment(db, row.referral.registrationId) : null;
  return { ...rest, appointment };
}

/** A workshop seat's session (a cycle's: its first session), unless the seat or the session is cancelled. */
async function seatAppointment(db: Db, registrationId: string): Promise<{ start: Date; end: Date } | null> {
  const [session] = await db
    .select({ start: workshopSessions.startsAt, end: workshopSessions.endsAt })
    .from(workshopRegistrations)
    .innerJoin(
      workshopSessions,
      or(eq(workshopSessions.id, workshopRegistrations.sessionId), and(sql`${workshopRegistrations.sessionId} is null`, eq(workshopSessions.workshopId, workshopRegistrations.workshopId))),
    )
    .where(and(eq(workshopRegistrations.id, registrationId), ne(workshopRegistrations.status, "cancelled"), eq(workshopSessions.status, "scheduled")))
    .orderBy(asc(workshopSessions.startsAt))
    .limit(1);
  return session ?? null;
}

/** A failed attempt: its code is what the queue and the event row keep ("HTTP 500", "ECONNREFUSED", "TIMEOUT"). */
export class WebhookDeliveryError extends Error {
  constructor(readonly code: string) {
    super(`webhook not delivered: ${code}`);
    this.name = "WebhookDeliveryError";
  }
}

/** What a failed fetch keeps: the network error's code (the cause's), never a message that could quote the URL. */
function fetchErrorCode(error: unknown): string {
  const e = (typeof error === "object" && error !== null ? error : {}) as { name?: unknown; cause?: unknown };
  if (e.name === "TimeoutError") return "TIMEOUT";
  const cause = (typeof e.cause === "object" && e.cause !== null ? e.cause : {}) as { code?: unknown };
  if (typeof cause.code === "string" && cause.code) return cause.code.slice(0, 100);
  return errorCode(error);
}

export type DeliveryResult = "delivered" | "already-delivered" | "no-webhook" | "not-sent" | "not-found";

/**
 * One attempt at delivering the event's webhook. Returns what happened, or throws a
 * WebhookDeliveryError after counting a failed attempt.
 */
/**
 * Addresses a webhook may not reach from a public platform: loopback, private networks, link-local
 * (cloud metadata), carrier-grade NAT, unspecified — checked on the address the name resolves to
 * when sending, not only on what the coordinator typed (a public name may point inside).
 */
const INTERNAL = (() => {
  const list = new net.BlockList();
  for (const [net4, bits] of [["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12], ["192.168.0.0", 16]] as const) list.addSubnet(net4, bits, "ipv4");
  for (const [net6, bits] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10]] as const) list.addSubnet(net6, bits, "ipv6");
  return list;
})();

/** Whether the URL's host resolves only to public addresses. */
async function reachesOutside(url: URL): Promise<boolean> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = net.isIP(host) ? [{ address: host, family: net.isIP(host) }] : await dns.lookup(host, { all: true });
  return addresses.every(({ address, family }) => {
    const mapped = family === 6 && /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    return mapped ? !INTERNAL.check(mapped, "ipv4") : !INTERNAL.check(address, family === 6 ? "ipv6" : "ipv4");
  });
}

export async function deliverReferralWebhook(db: Db, input: { eventId: string; timeoutMs?: number; /** A local platform (dev, tests): loopback and private receivers allowed. */ allowInternal?: boolean }): Promise<DeliveryResult> {
  const context = await loadReferralEvent(db, input.eventId);
  if (!context) return "not-found";
  // Delivered by an attempt whose end the queue did not record (its node stopped).
  if (context.event.webhookDeliveredAt) return "already-delivered";
  const { webhookUrl, webhookSecret, webhookPersonalData } = context.partner;
  if (!webhookUrl || !webhookSecret) return "no-webhook";
  const payload = webhookPayload({ event: context.event, referral: context.referral, place: context.place, appointment: context.appointment, personalData: webhookPersonalData });
  if (!payload) return "not-sent";
  const body = JSON.stringify(payload);

  let failure: string | null = null;
  const protocol = URL.canParse(webhookUrl) ? new URL(webhookUrl).protocol : null;
  if (protocol !== "https:" && protocol !== "http:") {
    failure = "ERR_INVALID_URL";
  } else {
    try {
      if (!input.allowInternal && !(await reachesOutside(new URL(webhookUrl)))) throw Object.assign(new Error("internal address"), { code: "ADDRESS_REFUSED" });
      const response = await fetch(webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": WEBHOOK_USER_AGENT, ...webhookHeaders(webhookSecret, { id: payload.id, body, now: Date.now() }) },
        body,
        // A redirect is an answer like any other non-2xx: the partner fixes its URL.
        redirect: "manual",
        signal: AbortSignal.timeout(input.timeoutMs ?? WEBHOOK_TIMEOUT_MS),
      });
      // The answer's body is never read nor kept.
      await response.body?.cancel().catch(() => {});
      if (response.status < 200 || response.status > 299) failure = `HTTP ${response.status}`;
    } catch (error) {
      failure = fetchErrorCode(error);
    }
  }
  await db
    .update(referralEvents)
    .set({ webhookAttempts: sql`${referralEvents.webhookAttempts} + 1`, ...(failure ? { webhookLastError: failure } : { webhookDeliveredAt: new Date() }) })
    .where(eq(referralEvents.id, input.eventId));
  if (failure) throw new WebhookDeliveryError(failure);
  return "delivered";
}

const WebhookJobPayload = z.object({ eventId: z.uuid() });

/** The `referral.webhook` job (maxAttempts: the queue's default, 8). `timeoutMs`: 10 s unless told. */
export function referralWebhookHandler(options: { timeoutMs?: number; allowInternal?: boolean } = {}): JobHandler {
  return {
    run: async (db, payload) => {
      const { eventId } = WebhookJobPayload.parse(payload);
      await deliverReferralWebhook(db, { eventId, timeoutMs: options.timeoutMs, allowInternal: options.allowInternal });
    },
  };
}
