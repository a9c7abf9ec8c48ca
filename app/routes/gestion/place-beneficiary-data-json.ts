import { data } from "react-router";
import type { Route } from "./+types/place-beneficiary-data-json";
import { requirePlace } from "~/features/access/access.server";
import { beneficiaryExportJson } from "~/features/mediation/beneficiary-export";
import { exportBeneficiary } from "~/features/mediation/beneficiary-history.server";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";

/** The same export as the readable page, as a JSON file to download (audited). The file is named by id: no name in a download folder's listing. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, place } = await requirePlace(request, context, params.placeId, "place.mediation");
  const exported = await exportBeneficiary(context.get(appContext).database.db, {
    placeId: place.id, placeName: place.name, beneficiaryId: params.beneficiaryId, format: "json", actorUserId: signedIn.user.id,
  });
  if (!exported) throw data(fr.beneficiaries.notFound, { status: 404 });
  return new Response(`${JSON.stringify(beneficiaryExportJson(exported), null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="donnees-${exported.person.id}.json"`,
      "Cache-Control": "no-store",
      "X-Robots-Tag": "noindex",
    },
  });
}
