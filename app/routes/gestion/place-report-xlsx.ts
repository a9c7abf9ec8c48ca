import { data } from "react-router";
import type { Route } from "./+types/place-report-xlsx";
import { requirePlace } from "~/features/access/access.server";
import { readReportYear } from "~/features/mediation/report-year";
import { statisticsFileResponse } from "~/features/mediation/stats-export.server";
import { yearlyStatistics } from "~/features/mediation/yearly-report.server";
import { salesTables } from "~/features/sales/sales-stats";
import { salesFigures } from "~/features/sales/sales-stats.server";
import { todayInFrance } from "~/features/time/today";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";

/** The place's yearly activity report as a spreadsheet (`?annee=2026`): one sheet per table, the year's filters first. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { place } = await requirePlace(request, context, params.placeId, "place.statistics");
  const today = todayInFrance(new Date());
  const year = readReportYear(new URL(request.url).searchParams.get("annee"), today);
  if (year === undefined) throw data(fr.mediation.report.badYear, { status: 400 });
  const page = await yearlyStatistics(context.get(appContext).database.db, { place: { id: place.id, name: place.name }, year, today });
  if (!page.ok) return statisticsFileResponse(page, { format: "xlsx", scope: `rapport-activite-${place.slug}` });
  // The paid services' sheets, loaded here: mediation knows nothing of sales.
  const sold = await salesFigures(context.get(appContext).database.db, { placeIds: [place.id], from: `${year}-01-01`, to: `${year}-12-31` });
  const tables = sold.hasSales ? [...page.tables, ...salesTables(sold)] : page.tables;
  return statisticsFileResponse({ ...page, tables }, { format: "xlsx", scope: `rapport-activite-${place.slug}` });
}
