import type { Route } from "./+types/partner-referrals";
import { authenticate, createReferralApi, listReferralsApi, type ApiAnswer } from "~/features/api/partner-referrals-api.server";
import { isIdempotencyKey } from "~/features/api/booking-api";
import { REFERRAL_API_MAX_BYTES } from "~/features/referrals/partner-api";
import { appContext } from "~/context";
import { BodyTooLargeError, readBodyCapped } from "~/lib/http";
import { fr } from "~/lib/messages";

const m = fr.referrals.api;
const answer = (a: ApiAnswer) => Response.json(a.body, { status: a.status, headers: { "Cache-Control": "no-store", ...a.headers } });

/** GET /api/v1/partenaires/orientations: the organisation's referrals (its API key). */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { db } = context.get(appContext).database;
  const auth = await authenticate(db, request.headers.get("authorization"));
  if (!auth.ok) return answer(auth.answer);
  return answer(await listReferralsApi(db, auth.caller, new URL(request.url)));
}

/** POST: refer a person to a place of the network (JSON; Idempotency-Key). */
export async function action({ request, context }: Route.ActionArgs) {
  if (request.method !== "POST") return answer({ status: 405, body: { erreur: m.methods }, headers: { Allow: "GET, POST" } });
  const { database, env } = context.get(appContext);
  const auth = await authenticate(database.db, request.headers.get("authorization"));
  if (!auth.ok) return answer(auth.answer);
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") return answer({ status: 415, body: { erreur: m.notJson } });
  const idempotencyKey = request.headers.get("idempotency-key");
  if (!isIdempotencyKey(idempotencyKey)) return answer({ status: 400, body: { erreur: m.keyMissing } });
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(await readBodyCapped(request, REFERRAL_API_MAX_BYTES)));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return answer({ status: 413, body: { erreur: m.tooLarge } });
    return answer({ status: 400, body: { erreur: m.badJson } });
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return answer({ status: 400, body: { erreur: m.badJson } });
  return answer(await createReferralApi(database.db, auth.caller, { body: body as Record<string, unknown>, idempotencyKey, baseUrl: env.baseUrl, options: { secret: env.sessionSecret, baseUrl: env.baseUrl } }));
}
