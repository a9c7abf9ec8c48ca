import type { Route } from "./+types/statistics";
import { appContext } from "~/context";
import { STATISTICS_API_HEADERS, statisticsApi } from "~/features/mediation/stats-api.server";

/** A network's help per published place and month, as open data (OpenAPI: /api/v1/openapi.json). */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { database, env } = context.get(appContext);
  const { status, body } = await statisticsApi(database.db, new URL(request.url), { baseUrl: env.baseUrl });
  return Response.json(body, { status, headers: STATISTICS_API_HEADERS });
}
