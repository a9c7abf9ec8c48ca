import type { Route } from "./+types/place-cash-journal-export";
import { requirePlace } from "~/features/access/access.server";
import { journalExportResponse } from "~/features/sales/journal-export.server";
import { todayInFrance } from "~/features/time/today";
import { appContext } from "~/context";

/** The place's cash journal for a month (`export.csv|.xlsx?mois=2026-11`), for its managers: days, receipts, totals; no name of a person. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { place } = await requirePlace(request, context, params.placeId, "place.sales.manage");
  return journalExportResponse(context.get(appContext).database.db, { placeIds: [place.id], name: place.slug, url: new URL(request.url), today: todayInFrance(new Date()), withReasons: true });
}
