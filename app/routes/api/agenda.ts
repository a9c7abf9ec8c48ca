import type { Route } from "./+types/agenda";
import { appContext } from "~/context";
import { agendaApi, API_HEADERS } from "~/features/workshops/agenda-api.server";

/** The agenda as JSON: the page's filters, times with the place's offset (OpenAPI: /api/v1/openapi.json). */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { database, env } = context.get(appContext);
  const { status, body } = await agendaApi(database.db, new URL(request.url), { baseUrl: env.baseUrl, format: "json" });
  return Response.json(body, { status, headers: API_HEADERS });
}
