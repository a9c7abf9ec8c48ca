import type { Route } from "./+types/places";
import { badRequest, isSearch, parsePlacesApiQuery, toDirectoryQuery, type PlacesApiQuery } from "~/features/api/places-query";
import { searchDirectory } from "~/features/directory/search.server";
import { countStandardPlaces, listStandardPlacesByIds, listStandardPlacesWithIds, placesToJson } from "~/features/places/export.server";
import { stopsForApi } from "~/features/workshops/api-stops.server";
import { appContext, type AppContext } from "~/context";

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const parsed = parsePlacesApiQuery(url);
  if (!parsed.ok) return badRequest(parsed.errors);
  const app = context.get(appContext);
  const { data, total, hasNext, extra } = isSearch(parsed.query) ? await search(app, parsed.query) : await list(app, parsed.query);
  const { page, par_page: perPage } = parsed.query;
  // Around a position with more pages to come, nothing is counted: total and pages are null.
  const pages = total === null ? null : Math.max(1, Math.ceil(total / perPage));
  const link = (p: number) => {
    const next = new URL(`${app.env.baseUrl}/api/v1/lieux`);
    next.search = url.search;
    next.searchParams.set("page", String(p));
    return next.toString();
  };
  return Response.json(
    {
      data,
      meta: { total, page, par_page: perPage, pages, ...extra, schema: "https://schema.data.gouv.fr/LaMednum/standard-mediation-num/", version: "v1.0.2" },
      links: { self: link(page), next: hasNext ? link(page + 1) : null, prev: page > 1 ? link(page - 1) : null },
    },
    { headers: { "Cache-Control": "public, max-age=60", "Access-Control-Allow-Origin": "*" } },
  );
}

async function list({ database, env }: AppContext, q: PlacesApiQuery) {
  const filter = { networkSlug: q.reseau, limit: q.par_page, offset: (q.page - 1) * q.par_page, baseUrl: env.baseUrl };
  const [total, places] = await Promise.all([countStandardPlaces(database.db, filter), listStandardPlacesWithIds(database.db, filter)]);
  const stops = await stopsForApi(database.db, { placeIds: places.map((p) => p.placeId), now: new Date() });
  const data = placesToJson(places.map((p) => p.place)).map((row, i) => withStops(row, stops.get(places[i]!.placeId)));
  return { data, total, hasNext: q.page * q.par_page < total, extra: {} };
}

/** A search: nearest first when a position or commune is given, with distance and opening state. */
async function search({ database, env }: AppContext, q: PlacesApiQuery) {
  const result = await searchDirectory(database.db, toDirectoryQuery(q), new Date(), q.par_page);
  if (result.choices) {
    return { data: [], total: 0, hasNext: false, extra: { communes_possibles: result.choices.map((c) => ({ code_insee: c.insee, nom: c.name, codes_postaux: c.postcodes, departement: c.department })) } };
  }
  const ids = result.results.map((r) => r.id);
  const [standard, stops] = await Promise.all([listStandardPlacesByIds(database.db, ids, { baseUrl: env.baseUrl }), stopsForApi(database.db, { placeIds: ids, now: new Date() })]);
  const data = result.results.map((r) => {
    const [row] = placesToJson([standard.get(r.id)!]);
    return {
      ...withStops(row!, stops.get(r.id)),
      distance_m: r.distanceMetres === null ? undefined : Math.round(r.distanceMetres),
      ouverture: { etat: r.status.kind === "open" ? "ouvert" : r.status.kind === "closed" ? "ferme" : "inconnu", libelle: r.status.label },
    };
  });
  const origin = result.origin ? { origine: { latitude: result.origin.latitude, longitude: result.origin.longitude, libelle: result.origin.label } } : {};
  return { data, total: result.total, hasNext: result.hasNext, extra: origin };
}

/** A mobile EPN's stops beside the standard's fields (the standard has none for them): `x_arrets`. */
function withStops<T extends object>(row: T, stops: unknown[] | undefined): T & { x_arrets?: unknown[] } {
  return stops && stops.length > 0 ? { ...row, x_arrets: stops } : row;
}
