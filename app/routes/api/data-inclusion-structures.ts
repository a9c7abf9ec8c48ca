import type { Route } from "./+types/data-inclusion-structures";
import { appContext } from "~/context";
import { DATA_INCLUSION_API_HEADERS, dataInclusionApi } from "~/features/data-inclusion/api.server";

/** The published places (one structure each) in the data·inclusion schema v1, as a JSON array (OpenAPI: /api/v1/openapi.json). */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { database, env } = context.get(appContext);
  const { status, body } = await dataInclusionApi(database.db, new URL(request.url), { kind: "structures", baseUrl: env.baseUrl });
  return Response.json(body, { status, headers: DATA_INCLUSION_API_HEADERS });
}
