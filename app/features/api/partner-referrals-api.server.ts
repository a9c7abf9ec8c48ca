/**
 * The referrals API for a partner's own systems (`/api/v1/partenaires/orientations`): an API key of
 * the organisation (Authorization: Bearer epn_…) acts as one of its advisers would — it lists and
 * reads the organisation's referrals, with the person (the organisation's own data), and refers a
 * person to a place of its network, booking a slot or a workshop seat if asked, with the form's
 * rules and French messages. Another organisation's referral answers 404, as an unknown one.
 */
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "~/db/client.server";
import { REFERRAL_STATUSES, type ReferralStatus } from "~/db/schema/referrals";
import { findPartnerByApiToken } from "~/features/partners/api-tokens.server";
import { hitRateLimit } from "~/features/rate-limit/rate-limit.server";
import { apiBodyToForm, apiErrors, referralJson, type ReferralJson } from "~/features/referrals/partner-api";
import { ReferralSchema } from "~/features/referrals/referral-form";
import { createReferral, getPartner, getReferral, type ReferralDetail, referralPlace } from "~/features/referrals/referrals.server";
import { STATUS_CODES } from "~/features/referrals/webhooks";
import type { BookingOptions } from "~/features/scheduling/bookings.server";
import { parseForm } from "~/lib/forms";
import { isUuid } from "~/lib/ids";
import { fr } from "~/lib/messages";

const m = fr.referrals.api;
/** 600 calls an hour per key. */
export const PARTNER_API_LIMIT = { limit: 600, windowSeconds: 3600 };

export type Caller = { partnerId: string; networkId: string; tokenId: string };
export type ApiAnswer = { status: number; body: unknown; headers?: Record<string, string> };

/** The key's organisation, or the answer to give (401 without a valid key, 429 past the limit). */
export async function authenticate(db: Db, authorization: string | null, now = new Date()): Promise<{ ok: true; caller: Caller } | { ok: false; answer: ApiAnswer }> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1] ?? null;
  const caller = await findPartnerByApiToken(db, token, now);
  if (!caller) return { ok: false, answer: { status: 401, body: { erreur: m.unauthorized }, headers: { "WWW-Authenticate": 'Bearer realm="orientations"' } } };
  const limit = await hitRateLimit(db, { key: `partner-api:${caller.tokenId}`, ...PARTNER_API_LIMIT, now });
  if (!limit.allowed) return { ok: false, answer: { status: 429, body: { erreur: m.tooMany(limit.retryAfterSeconds) }, headers: { "Retry-After": String(limit.retryAfterSeconds) } } };
  return { ok: true, caller };
}

function toJson(r: ReferralDetail, withHistory: boolean): ReferralJson {
  return referralJson({
    id: r.id, partnerReference: r.partnerReference, status: r.status, statusAt: r.statusAt, createdAt: r.createdAt, placeId: r.placeId, placeName: r.placeName,
    placeSlug: r.placeSlug, placeTimeZone: r.placeTimeZone, appointmentAt: r.appointmentAt, appointmentEnd: r.appointmentEnd, themes: r.themes,
    firstName: r.firstName, lastName: r.lastName, phone: r.phone, email: r.email,
    events: withHistory ? r.events.map((e) => ({ kind: e.kind, status: e.status, at: e.at })) : undefined,
  });
}

const CODE_TO_STATUS = new Map(REFERRAL_STATUSES.map((s) => [STATUS_CODES[s] as string, s]));

/** GET: the organisation's referrals, newest first; `?statut=` (a status code), `?depuis=` (changed since, ISO date or instant), `?limite=` (1–500, 100). */
export async function listReferralsApi(db: Db, caller: Caller, url: URL): Promise<ApiAnswer> {
  const errors: Record<string, string> = {};
  for (const name of new Set(url.searchParams.keys())) if (!["statut", "depuis", "limite"].includes(name)) errors[name] = m.unknownParameter(name);
  const code = url.searchParams.get("statut");
  const status: ReferralStatus | undefined = code === null ? undefined : CODE_TO_STATUS.get(code);
  if (code !== null && !status) errors.statut = m.status([...CODE_TO_STATUS.keys()].join(", "));
  const since = url.searchParams.get("depuis");
  const sinceAt = since === null ? null : Date.parse(since);
  if (sinceAt !== null && !Number.isFinite(sinceAt)) errors.depuis = m.since;
  const limitText = url.searchParams.get("limite");
  const limit = limitText === null ? 100 : /^\d{1,3}$/.test(limitText) && Number(limitText) >= 1 && Number(limitText) <= 500 ? Number(limitText) : NaN;
  if (Number.isNaN(limit)) errors.limite = m.limit;
  if (Object.keys(errors).length) return { status: 400, body: { erreur: m.invalid, champs: errors } };
  const rows = await queryRows(
    db,
    sql`select id from referrals where partner_id = ${caller.partnerId}::uuid
          ${status ? sql`and status = ${status}` : sql``}
          ${sinceAt !== null ? sql`and updated_at >= ${new Date(sinceAt as number).toISOString()}::timestamptz` : sql``}
        order by created_at desc limit ${limit}`,
  );
  const data: ReferralJson[] = [];
  for (const row of rows) {
    const r = await getReferral(db, String(row.id));
    if (r) data.push(toJson(r, false));
  }
  return { status: 200, body: { data } };
}

/** GET one: with its history. */
export async function getReferralApi(db: Db, caller: Caller, id: string): Promise<ApiAnswer> {
  const r = isUuid(id) ? await getReferral(db, id) : null;
  if (!r || r.partnerId !== caller.partnerId) return { status: 404, body: { erreur: m.notFound } };
  return { status: 200, body: toJson(r, true) };
}

/** POST: refer a person (201; 200 for a retry with the same Idempotency-Key). */
export async function createReferralApi(db: Db, caller: Caller, input: { body: Record<string, unknown>; idempotencyKey: string; baseUrl: string; options: BookingOptions }): Promise<ApiAnswer> {
  const { slug, fields } = apiBodyToForm(input.body, input.idempotencyKey);
  const partner = await getPartner(db, caller.partnerId);
  if (!partner) return { status: 401, body: { erreur: m.unauthorized } };
  const place = /^[a-z0-9-]{1,120}$/.test(slug) ? await referralPlace(db, { networkId: partner.networkId, slug, now: input.options.now ?? Date.now() }) : null;
  const parsed = parseForm(ReferralSchema, fields);
  if (!place) return { status: 422, body: { erreur: m.invalid, champs: { lieu: fr.referrals.errors.placeUnknown, ...(parsed.ok ? {} : apiErrors(parsed.errors)) } } };
  if (!parsed.ok) return { status: 422, body: { erreur: m.invalid, champs: apiErrors(parsed.errors) } };
  const result = await createReferral(db, { partner, adviserId: null, place, values: parsed.values, baseUrl: input.baseUrl, options: input.options });
  if (result.kind === "invalid") return { status: result.errors.rendez_vous ? 409 : 422, body: { erreur: m.invalid, champs: apiErrors(result.errors) } };
  const created = await getReferral(db, result.id);
  return { status: result.replay ? 200 : 201, body: toJson(created!, true) };
}
