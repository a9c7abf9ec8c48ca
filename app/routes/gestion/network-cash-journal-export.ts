import type { Route } from "./+types/network-cash-journal-export";
import { requireNetwork } from "~/features/access/access.server";
import { listNetworkPlaces } from "~/features/mediation/stats-scope.server";
import { journalExportResponse } from "~/features/sales/journal-export.server";
import { todayInFrance } from "~/features/time/today";
import { appContext } from "~/context";

/** The cash journals of the network's places for a month (`export.csv|.xlsx?mois=2026-11`), for its coordinators: no name, no reason written at a place. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { network } = await requireNetwork(request, context, params.slug, "network.statistics");
  const db = context.get(appContext).database.db;
  const placeIds = (await listNetworkPlaces(db, network.id)).map((p) => p.id);
  return journalExportResponse(db, { placeIds, name: network.slug, url: new URL(request.url), today: todayInFrance(new Date()), withReasons: false });
}
