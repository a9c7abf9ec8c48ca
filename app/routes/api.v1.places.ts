import type { Route } from "./+types/api.v1.places";
import { badRequest, parsePlacesApiQuery } from "~/features/api/places-query";
import { countStandardPlaces, listStandardPlaces, placesToJson } from "~/features/places/export.server";
import { appContext } from "~/lib/context";

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const parsed = parsePlacesApiQuery(url);
  if (!parsed.ok) return badRequest(parsed.errors);
  const { page, par_page: perPage, reseau } = parsed.query;
  const { database, env } = context.get(appContext);
  const filter = { networkSlug: reseau, limit: perPage, offset: (page - 1) * perPage };
  const [total, list] = await Promise.all([countStandardPlaces(database.db, filter), listStandardPlaces(database.db, filter)]);
  const pages = Math.max(1, Math.ceil(total / perPage));
  const link = (p: number) => {
    const next = new URL(`${env.baseUrl}/api/v1/lieux`);
    next.search = url.search;
    next.searchParams.set("page", String(p));
    return next.toString();
  };
  return Response.json(
    {
      data: placesToJson(list),
      meta: { total, page, par_page: perPage, pages, schema: "https://schema.data.gouv.fr/LaMednum/standard-mediation-num/", version: "v1.0.2" },
      links: { self: link(page), next: page < pages ? link(page + 1) : null, prev: page > 1 ? link(page - 1) : null },
    },
    { headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" } },
  );
}
