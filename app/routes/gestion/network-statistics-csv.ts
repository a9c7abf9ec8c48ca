import type { Route } from "./+types/network-statistics-csv";
import { requireNetwork } from "~/features/access/access.server";
import { statisticsFileResponse } from "~/features/mediation/stats-export.server";
import { loadNetworkStatistics } from "~/features/mediation/stats-page.server";
import { todayInFrance } from "~/features/time/today";
import { appContext } from "~/context";

/** The network's statistics tables as CSV, with the page's filters. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { network } = await requireNetwork(request, context, params.slug, "network.statistics");
  const page = await loadNetworkStatistics(context.get(appContext).database.db, { networkId: network.id, params: new URL(request.url).searchParams, today: todayInFrance(new Date()) });
  return statisticsFileResponse(page, { format: "csv", scope: network.slug });
}
