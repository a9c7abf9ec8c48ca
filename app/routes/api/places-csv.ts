import type { Route } from "./+types/places-csv";
import { badRequest, parsePlacesApiQuery } from "~/features/api/places-query";
import { listStandardPlaces, placesToCsv } from "~/features/places/export.server";
import { appContext } from "~/context";
import { todayInFrance } from "~/features/time/today";

/** The whole dataset (or one network's) as one CSV file in the national standard. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const parsed = parsePlacesApiQuery(new URL(request.url));
  if (!parsed.ok) return badRequest(parsed.errors);
  const { database, env } = context.get(appContext);
  const list = await listStandardPlaces(database.db, { networkSlug: parsed.query.reseau, baseUrl: env.baseUrl });
  const day = todayInFrance(new Date());
  return new Response(placesToCsv(list), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${day}_lieux-de-mediation-numerique${parsed.query.reseau ? `_${parsed.query.reseau}` : ""}.csv"`,
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
