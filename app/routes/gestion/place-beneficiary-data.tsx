import { data } from "react-router";
import type { Route } from "./+types/place-beneficiary-data";
import { requirePlace } from "~/features/access/access.server";
import { ExportSections, displayName } from "~/features/mediation/beneficiaries-parts";
import { exportForPage } from "~/features/mediation/beneficiary-export";
import { exportBeneficiary } from "~/features/mediation/beneficiary-history.server";
import { formatDateTime } from "~/features/time/format";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";

const m = fr.beneficiaries;

/** Everything the place holds about a person (their right of access), readable and printable; each view is audited. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, place } = await requirePlace(request, context, params.placeId, "place.mediation");
  const exported = await exportBeneficiary(context.get(appContext).database.db, {
    placeId: place.id, placeName: place.name, beneficiaryId: params.beneficiaryId, format: "page", actorUserId: signedIn.user.id,
  });
  if (!exported) throw data(m.notFound, { status: 404 });
  return { placeId: place.id, timeZone: place.timeZone, id: exported.person.id, view: exportForPage(exported) };
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function BeneficiaryData({ loaderData }: Route.ComponentProps) {
  const { placeId, timeZone, id, view } = loaderData;
  const name = displayName(view.person);
  const here = `/gestion/lieux/${placeId}/beneficiaires/${id}`;
  return (
    <div className="export-sheet">
      <title>{`${m.exportTitle(name)} — ${fr.site.name}`}</title>
      <div className="print-hide">
        <p>
          <a href={here}>{m.backToPerson(name)}</a>
        </p>
        <p>{m.exportPrint}</p>
        <p>
          <a href={`${here}/donnees.json`} download>
            {m.exportJsonLink}
          </a>
        </p>
      </div>
      <h1>{m.exportTitle(name)}</h1>
      <p>{m.exportIntro(view.placeName, formatDateTime(new Date(view.exportedAt), { timeZone }))}</p>
      <ExportSections data={view} timeZone={timeZone} />
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
