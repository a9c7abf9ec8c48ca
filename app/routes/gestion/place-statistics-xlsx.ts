import type { Route } from "./+types/place-statistics-xlsx";
import { requirePlace } from "~/features/access/access.server";
import { statisticsFileResponse } from "~/features/mediation/stats-export.server";
import { loadPlaceStatistics } from "~/features/mediation/stats-page.server";
import { todayInFrance } from "~/features/time/today";
import { appContext } from "~/context";

/** The place's statistics tables as XLSX (streamed), with the page's filters. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { place } = await requirePlace(request, context, params.placeId, "place.statistics");
  const page = await loadPlaceStatistics(context.get(appContext).database.db, { place: { id: place.id, name: place.name }, params: new URL(request.url).searchParams, today: todayInFrance(new Date()) });
  return statisticsFileResponse(page, { format: "xlsx", scope: place.slug });
}
