import type { Route } from "./+types/availability";
import { placeAvailability } from "~/features/api/booking-api.server";
import { parseAvailabilityQuery } from "~/features/api/booking-api";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";

const m = fr.booking.api;
const headers = { "Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=60" };

/** A published place's free times, per public offer, over 14 days from today (or `du` to `au`, at most 31 days). */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const parsed = parseAvailabilityQuery(new URL(request.url));
  if (!parsed.ok) return Response.json({ erreur: m.badQuery, details: parsed.errors }, { status: 400, headers });
  const result = await placeAvailability(context.get(appContext).database.db, { slug: params.slug, query: parsed.query, now: Date.now() });
  switch (result.kind) {
    case "unknown-place":
      return Response.json({ erreur: m.placeUnknown }, { status: 404, headers });
    case "bad-query":
      return Response.json({ erreur: m.badQuery, details: result.errors }, { status: 400, headers });
    case "ok":
      return Response.json(result.body, { headers });
  }
}
