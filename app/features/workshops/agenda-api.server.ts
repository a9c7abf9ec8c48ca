/**
 * GET /api/v1/agenda and GET /api/v1/agenda/openagenda: the query read strictly, one search
 * (searchAgenda with the details), the page as JSON or as OpenAgenda events, and the links.
 */
import type { Db } from "~/db/client.server";
import { todayInFrance } from "~/features/time/today";
import { fr } from "~/lib/messages";
import { entryToJson, entryToOpenAgenda, parseAgendaApiQuery, type ApiError } from "./agenda-api";
import { searchAgenda } from "./agenda.server";

export type AgendaApiFormat = "json" | "openagenda";

export async function agendaApi(db: Db, url: URL, options: { baseUrl: string; format: AgendaApiFormat; now?: Date }): Promise<{ status: number; body: unknown }> {
  const now = options.now ?? new Date();
  const parsed = parseAgendaApiQuery(url, todayInFrance(now));
  if (!parsed.ok) return invalid(parsed.errors);
  const { query, perPage } = parsed;
  const openAgenda = options.format === "openagenda";
  const search = await searchAgenda(db, query, { now, perPage, detail: true, includeCancelled: openAgenda });
  const errors: ApiError[] = [];
  if (search.errors.commune) errors.push({ parametre: "commune", message: search.errors.commune });
  if (search.errors.reseau) errors.push({ parametre: "reseau", message: search.errors.reseau });
  if (errors.length) return invalid(errors);
  const path = openAgenda ? "/api/v1/agenda/openagenda" : "/api/v1/agenda";
  const link = (page: number) => {
    const next = new URL(`${options.baseUrl}${path}`);
    next.search = url.search;
    if (page > 1) next.searchParams.set("page", String(page));
    else next.searchParams.delete("page");
    return next.toString();
  };
  const meta = {
    page: search.page,
    par_page: perPage,
    du: query.from,
    au: query.to,
    ...(search.origin ? { origine: { libelle: search.origin.label, latitude: search.origin.latitude, longitude: search.origin.longitude, distance_km: query.distanceKm } } : {}),
    ...(search.choices ? { communes_possibles: search.choices.map((c) => ({ code_insee: c.insee, nom: c.name, codes_postaux: c.postcodes, departement: c.department })) } : {}),
  };
  const links = { self: link(search.page), next: search.hasNext ? link(search.page + 1) : null, prev: search.page > 1 ? link(search.page - 1) : null };
  const body = openAgenda
    ? { events: search.entries.map((e) => entryToOpenAgenda(e, options.baseUrl)), meta, links }
    : { data: search.entries.map((e) => entryToJson(e, options.baseUrl)), meta, links };
  return { status: 200, body };
}

function invalid(errors: ApiError[]) {
  return { status: 400, body: { erreur: fr.agenda.api.invalid, details: errors } };
}

/** The API's headers: open to every site (CORS), cacheable for a minute. */
export const API_HEADERS = { "Cache-Control": "public, max-age=60", "Access-Control-Allow-Origin": "*" } as const;
