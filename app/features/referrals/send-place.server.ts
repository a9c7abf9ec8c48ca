/**
 * « Envoyer les coordonnées d'un lieu »: an adviser of a partner organisation sends a published
 * place of the network to a person, by SMS or by mail — its name, address, hours in words, phone
 * and the link to its public page. No referral is kept: the message is queued (the SMS and mail
 * outboxes keep it their usual month), and the audit line says which place went by which channel,
 * never to whom. A limit per adviser keeps the platform's SMS from being spent by a loop.
 */
import { eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { placeNetworks } from "~/db/schema";
import { recordAudit } from "~/features/audit/record.server";
import { weekInWords } from "~/features/hours/week-words";
import { queueMail } from "~/features/mail/outbox.server";
import { displayPhone, getPlaceForPage, placeHours } from "~/features/places/place-page.server";
import { hitRateLimit } from "~/features/rate-limit/rate-limit.server";
import { queueSms, smsParts } from "~/features/sms/outbox.server";
import { fr } from "~/lib/messages";
import type { PartnerRow } from "./referrals.server";
import type { SendChannel, SendPlaceInput } from "./send-place-form";
import { maskEmail, maskPhone, placeMail, placeSmsTexts, type PlaceDetails } from "./send-place";

const m = fr.referrals.sendPlace;

/** At most this many SMS a text may take (the operator bills each). */
export const SMS_MAX_PARTS = 3;
/** Sends per adviser: 30 an hour. */
export const SEND_PLACE_LIMIT = { limit: 30, windowSeconds: 3600 };

export type PlaceToSend = PlaceDetails & { id: string; slug: string; networkIds: string[] };

/** A published place of the network with what the message says of it; null when it is not published or not in the network. */
export async function placeToSend(db: Db, input: { networkId: string; slug: string; baseUrl: string; now: Date }): Promise<PlaceToSend | null> {
  const place = await getPlaceForPage(db, { slug: input.slug });
  if (!place) return null;
  const networkIds = (await db.select({ id: placeNetworks.networkId }).from(placeNetworks).where(eq(placeNetworks.placeId, place.id))).map((r) => r.id);
  if (!networkIds.includes(input.networkId)) return null;
  const hours = placeHours(place, input.now);
  return {
    id: place.id, slug: place.slug, networkIds,
    name: place.name, address: place.address, addressComplement: place.addressComplement, postcode: place.postcode, commune: place.commune,
    hours: hours.kind === "week" ? weekInWords(hours.week, place.openingHours!) : m.hoursToCheck,
    phone: place.phone ? displayPhone(place.phone) : null,
    url: `${input.baseUrl}/lieux/${place.slug}`,
  };
}

/** The SMS as sent: the longest of placeSmsTexts that fits in SMS_MAX_PARTS. */
export function placeSms(place: PlaceDetails, partner: string): string {
  const texts = placeSmsTexts(place, partner);
  return texts.find((text) => smsParts(text) <= SMS_MAX_PARTS) ?? texts.at(-1)!;
}

export type SendPlaceResult = { kind: "sent"; channel: SendChannel; masked: string } | { kind: "limited"; retryAfterSeconds: number };

/**
 * Queue the place's details for the person and write the audit line, in one transaction; refused
 * past the adviser's limit (nothing queued). The caller has checked the adviser's rights on the
 * partner and the place (`partner.refer`).
 */
export async function sendPlaceToPerson(
  db: Db,
  input: { partner: Pick<PartnerRow, "id" | "name">; adviserId: string; place: PlaceToSend; to: SendPlaceInput; now?: Date },
): Promise<SendPlaceResult> {
  const now = input.now ?? new Date();
  const limit = await hitRateLimit(db, { key: `send-place:adviser:${input.adviserId}`, ...SEND_PLACE_LIMIT, now });
  if (!limit.allowed) return { kind: "limited", retryAfterSeconds: limit.retryAfterSeconds };
  const { channel, to } = input.to;
  await db.transaction(async (tx) => {
    if (channel === "sms") await queueSms(tx, { to, text: placeSms(input.place, input.partner.name) }, now);
    else await queueMail(tx, { to, ...placeMail(input.place, input.partner.name) }, now);
    await recordAudit(
      tx,
      { actorUserId: input.adviserId, action: "place.sent-to-person", entityType: "place", entityId: input.place.id, placeId: input.place.id, after: { partner: input.partner.name, channel } },
      now,
    );
  });
  return { kind: "sent", channel, masked: channel === "sms" ? maskPhone(to) : maskEmail(to) };
}
