import type { Route } from "./+types/data-inclusion-services";
import { appContext } from "~/context";
import { DATA_INCLUSION_API_HEADERS, dataInclusionApi } from "~/features/data-inclusion/api.server";

/** The services the published places offer, in the data·inclusion schema v1, as a JSON array (OpenAPI: /api/v1/openapi.json). */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { database, env } = context.get(appContext);
  const { status, body } = await dataInclusionApi(database.db, new URL(request.url), { kind: "services", baseUrl: env.baseUrl });
  return Response.json(body, { status, headers: DATA_INCLUSION_API_HEADERS });
}
