import type { Route } from "./+types/partner-referral";
import { authenticate, getReferralApi, type ApiAnswer } from "~/features/api/partner-referrals-api.server";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";

const answer = (a: ApiAnswer) => Response.json(a.body, { status: a.status, headers: { "Cache-Control": "no-store", ...a.headers } });

/** GET /api/v1/partenaires/orientations/:id: one of the organisation's referrals, with its history. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { db } = context.get(appContext).database;
  const auth = await authenticate(db, request.headers.get("authorization"));
  if (!auth.ok) return answer(auth.answer);
  return answer(await getReferralApi(db, auth.caller, params.referralId));
}

export function action() {
  return answer({ status: 405, body: { erreur: fr.referrals.api.getOnly }, headers: { Allow: "GET" } });
}
