import type { Route } from "./+types/place-records-export";
import { requirePlace } from "~/features/access/access.server";
import { recordsExportResponse } from "~/features/mediation/export-records.server";
import { appContext } from "~/context";

/** The place's help records as CSV or XLSX (`export.csv`, `export.xlsx`), for its staff: with notes and the names of the people followed. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { place } = await requirePlace(request, context, params.placeId, "place.mediation");
  return recordsExportResponse(context.get(appContext).database.db, { scope: { kind: "place", placeId: place.id }, name: place.name, url: new URL(request.url) });
}
