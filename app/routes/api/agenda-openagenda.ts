import type { Route } from "./+types/agenda-openagenda";
import { appContext } from "~/context";
import { agendaApi, API_HEADERS } from "~/features/workshops/agenda-api.server";

/** The agenda as OpenAgenda events (features/workshops/agenda-api.ts says which fields map to what). */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { database, env } = context.get(appContext);
  const { status, body } = await agendaApi(database.db, new URL(request.url), { baseUrl: env.baseUrl, format: "openagenda" });
  return Response.json(body, { status, headers: API_HEADERS });
}
