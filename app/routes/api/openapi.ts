import type { Route } from "./+types/openapi";
import { buildOpenApi } from "~/features/api/openapi";
import { appContext } from "~/context";

export function loader({ context }: Route.LoaderArgs) {
  return Response.json(buildOpenApi(context.get(appContext).env.baseUrl), {
    headers: { "Access-Control-Allow-Origin": "*" },
  });
}
