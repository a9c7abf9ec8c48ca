import type { Route } from "./+types/network-records-export";
import { requireNetwork } from "~/features/access/access.server";
import { recordsExportResponse } from "~/features/mediation/export-records.server";
import { appContext } from "~/context";

/** The help records of the network's places as CSV or XLSX, for its coordinators: figures only — no notes, no name of a person followed. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { network } = await requireNetwork(request, context, params.slug, "network.statistics");
  return recordsExportResponse(context.get(appContext).database.db, { scope: { kind: "network", networkId: network.id }, name: network.name, url: new URL(request.url) });
}
