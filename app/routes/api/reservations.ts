import type { Route } from "./+types/reservations";
import { reserveFromApi } from "~/features/api/booking-api.server";
import { isIdempotencyKey, RESERVATION_MAX_BYTES, reservationJson, slotJson } from "~/features/api/booking-api";
import { appContext } from "~/context";
import { BodyTooLargeError, readBodyCapped } from "~/lib/http";
import { fr } from "~/lib/messages";

const m = fr.booking.api;
const noStore = { "Cache-Control": "no-store" };
const answer = (body: unknown, status: number, headers: Record<string, string> = {}) => Response.json(body, { status, headers: { ...noStore, ...headers } });

export function loader() {
  return answer({ erreur: m.postOnly }, 405, { Allow: "POST" });
}

/** Book from a partner's site or app: JSON in, JSON out, the same rules as the public's booking pages. */
export async function action({ request, context }: Route.ActionArgs) {
  if (request.method !== "POST") return answer({ erreur: m.postOnly }, 405, { Allow: "POST" });
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") return answer({ erreur: m.notJson }, 415);
  const idempotencyKey = request.headers.get("idempotency-key");
  if (!isIdempotencyKey(idempotencyKey)) return answer({ erreur: m.keyMissing }, 400);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(await readBodyCapped(request, RESERVATION_MAX_BYTES)));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return answer({ erreur: m.tooLarge }, 413);
    return answer({ erreur: m.badJson }, 400);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return answer({ erreur: m.badJson }, 400);

  const { database, env, clientAddress } = context.get(appContext);
  const result = await reserveFromApi(database.db, { body, idempotencyKey, clientAddress, options: { secret: env.sessionSecret, baseUrl: env.baseUrl } });
  switch (result.kind) {
    case "invalid":
      return answer({ erreur: m.invalid, champs: result.errors }, 422);
    case "unknown-place":
      return answer({ erreur: m.placeUnknown }, 404);
    case "unknown-offer":
      return answer({ erreur: m.offerUnknown }, 404);
    case "booked":
      return answer(reservationJson(result.timeZone, env.baseUrl, result), result.replay ? 200 : 201);
    case "taken":
      return answer({ erreur: fr.booking.refusals.taken, prochains_creneaux: result.next.map((s) => slotJson(result.timeZone, s)) }, 409);
    case "refused":
      if (result.reason === "slot") return answer({ erreur: m.invalid, champs: { debut: result.message } }, 422);
      return answer({ erreur: result.message, code: result.reason }, 422);
    case "limited":
      return answer({ erreur: m.tooMany(result.retryAfterSeconds) }, 429, { "Retry-After": String(result.retryAfterSeconds) });
  }
}
