/**
 * Partners' signed webhooks, pure: what is sent for a referral's event, and how it is signed and
 * checked (docs/webhooks.md, for partners' developers).
 *
 * The scheme is Standard Webhooks' (https://www.standardwebhooks.com, as Svix and others use it):
 * - `webhook-id`: the event's id, the same at every attempt (a receiver ignores one it has seen);
 * - `webhook-timestamp`: the attempt's time, in whole seconds since 1970 (UTC);
 * - `webhook-signature`: `v1,` then the base64 of HMAC-SHA256(key, "<id>.<timestamp>.<body>"),
 *   the body being the exact bytes sent. Several signatures may be given, separated by spaces:
 *   one that matches is enough.
 * The key is the partner's secret exactly as shown to them (a random string from
 * randomToken(): letters, digits, - and _), taken as its bytes (UTF-8, the same as ASCII here) —
 * not base64-decoded. Libraries of Standard Webhooks that want a `whsec_…` secret get the same key
 * from "whsec_" + base64(secret); the JavaScript one also takes it as it is with `{ format: "raw" }`.
 * A receiver refuses a timestamp more than 5 minutes from its clock (a replayed old request).
 *
 * The payload has French field names, like the rest of the API, and no personal data unless the
 * partner is set up for it (`webhook_personal_data`): then the person's names and contact, and a
 * refusal's reason (written by the place's staff about the person).
 */
import crypto from "node:crypto";
import type { ReferralEventKind, ReferralStatus } from "~/db/schema";
import { toZonedIso } from "~/features/time/zone";

export const REFERRAL_WEBHOOK = "referral.webhook";
export const webhookJobKey = (eventId: string) => `${REFERRAL_WEBHOOK}:${eventId}`;
export const WEBHOOK_USER_AGENT = "Reseau-EPN-Webhooks/1";
/** How long the receiver has to answer before the attempt counts as failed. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** How far a timestamp may be from the receiver's clock, by default. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** The event's type in the payload; a kind without one (a message) is not sent. */
export const WEBHOOK_TYPES = {
  status: "orientation.statut",
  "contact-attempt": "orientation.tentative_contact",
  reminder: "orientation.relance",
  message: null,
} as const satisfies Record<ReferralEventKind, string | null>;
export type WebhookType = NonNullable<(typeof WEBHOOK_TYPES)[ReferralEventKind]>;

export function webhookType(kind: ReferralEventKind): WebhookType | null {
  return WEBHOOK_TYPES[kind];
}

/** A referral's status as the API writes it. */
export const STATUS_CODES = {
  sent: "envoyee",
  accepted: "acceptee",
  refused: "refusee",
  booked: "rendez_vous_pris",
  came: "venue",
  no_show: "absente",
  excused: "excusee",
  helped: "accompagnee",
  closed: "cloturee",
  expired: "expiree",
} as const satisfies Record<ReferralStatus, string>;
export type StatusCode = (typeof STATUS_CODES)[ReferralStatus];

export type WebhookPayload = {
  id: string;
  type: WebhookType;
  cree_le: string;
  orientation: {
    id: string;
    reference_partenaire: string | null;
    /** The referral's status after this event. */
    statut: StatusCode;
    lieu: { id: string; nom: string; slug: string };
    rendez_vous?: { debut: string; fin: string };
    /** Personal data only: a refusal's reason. */
    motif_refus?: string;
  };
  /** Personal data only. */
  personne?: { prenom: string; nom: string; telephone: string | null; courriel: string | null };
};

/** What the payload is made of: the event, its referral as it is now, the place, the appointment. */
export type WebhookSource = {
  event: { id: string; kind: ReferralEventKind; status: ReferralStatus; at: Date; detail: string | null };
  referral: { id: string; partnerReference: string | null; firstName: string | null; lastName: string | null; phone: string | null; email: string | null };
  place: { id: string; name: string; slug: string; timeZone: string };
  appointment: { start: Date; end: Date } | null;
  /** The partner's `webhook_personal_data`. */
  personalData: boolean;
};

/** The payload of an event, or null when its kind is not sent. Instants are written with the place's offset. */
export function webhookPayload(source: WebhookSource): WebhookPayload | null {
  const { event, referral, place, appointment } = source;
  const type = webhookType(event.kind);
  if (!type) return null;
  const zoned = (at: Date) => toZonedIso(place.timeZone, at);
  const payload: WebhookPayload = {
    id: event.id,
    type,
    cree_le: zoned(event.at),
    orientation: {
      id: referral.id,
      reference_partenaire: referral.partnerReference,
      statut: STATUS_CODES[event.status],
      lieu: { id: place.id, nom: place.name, slug: place.slug },
      ...(appointment ? { rendez_vous: { debut: zoned(appointment.start), fin: zoned(appointment.end) } } : {}),
    },
  };
  if (!source.personalData) return payload;
  if (event.kind === "status" && event.status === "refused" && event.detail) payload.orientation.motif_refus = event.detail;
  // Erased: nothing left to send.
  if (referral.firstName !== null && referral.lastName !== null) {
    payload.personne = { prenom: referral.firstName, nom: referral.lastName, telephone: referral.phone, courriel: referral.email };
  }
  return payload;
}

/** The HMAC key: the secret's own bytes (see the header comment). */
function keyOf(secret: string): Buffer {
  return Buffer.from(secret, "utf8");
}

/** `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`. */
export function signWebhook(secret: string, message: { id: string; timestamp: number; body: string | Uint8Array }): string {
  const hmac = crypto.createHmac("sha256", keyOf(secret));
  hmac.update(`${message.id}.${message.timestamp}.`);
  hmac.update(message.body);
  return `v1,${hmac.digest("base64")}`;
}

/** The three headers of one attempt at `now` (ms). */
export function webhookHeaders(secret: string, message: { id: string; body: string | Uint8Array; now: number }): Record<"webhook-id" | "webhook-timestamp" | "webhook-signature", string> {
  const timestamp = Math.floor(message.now / 1000);
  return {
    "webhook-id": message.id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signWebhook(secret, { id: message.id, timestamp, body: message.body }),
  };
}

export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;
export type Verification =
  | { ok: true; id: string; timestamp: number }
  | { ok: false; reason: "headers-missing" | "timestamp-invalid" | "timestamp-too-old" | "timestamp-too-new" | "signature-invalid" };

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers as Record<string, string | readonly string[] | undefined>)) {
    if (key.toLowerCase() === name) return typeof value === "string" ? value : value?.[0];
  }
  return undefined;
}

/**
 * Check a request as a receiver does: the three headers are there, the timestamp is within
 * `toleranceSeconds` of `now` (ms), and one of the `v1` signatures is the HMAC of the id, the
 * timestamp and the body as received (the raw bytes, before any JSON parsing).
 */
export function verifyWebhook(
  secret: string,
  headers: WebhookHeaders,
  body: string | Uint8Array,
  now: number = Date.now(),
  toleranceSeconds: number = WEBHOOK_TOLERANCE_SECONDS,
): Verification {
  const id = header(headers, "webhook-id");
  const timestampText = header(headers, "webhook-timestamp");
  const signatures = header(headers, "webhook-signature");
  if (!id || !timestampText || !signatures) return { ok: false, reason: "headers-missing" };
  if (!/^\d{1,12}$/.test(timestampText)) return { ok: false, reason: "timestamp-invalid" };
  const timestamp = Number(timestampText);
  const nowSeconds = Math.floor(now / 1000);
  if (nowSeconds - timestamp > toleranceSeconds) return { ok: false, reason: "timestamp-too-old" };
  if (timestamp - nowSeconds > toleranceSeconds) return { ok: false, reason: "timestamp-too-new" };
  const expected = Buffer.from(signWebhook(secret, { id, timestamp, body }).slice("v1,".length), "base64");
  for (const signature of signatures.split(" ")) {
    const [version, value] = signature.split(",", 2);
    if (version !== "v1" || !value) continue;
    const given = Buffer.from(value, "base64");
    if (given.length === expected.length && crypto.timingSafeEqual(given, expected)) return { ok: true, id, timestamp };
  }
  return { ok: false, reason: "signature-invalid" };
}
