import { data } from "react-router";
import type { Route } from "./+types/place-beneficiary-consent";
import { requirePlace } from "~/features/access/access.server";
import { currentConsent } from "~/features/mediation/beneficiaries.server";
import { ConsentTextView } from "~/features/mediation/beneficiaries-parts";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";

const m = fr.beneficiaries;

/** The consent text alone, to show on screen or print on one A4 page and hand to the person. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { place } = await requirePlace(request, context, params.placeId, "place.mediation");
  const consent = await currentConsent(context.get(appContext).database.db, place.id);
  if (!consent) throw data(fr.backoffice.notFound, { status: 404 });
  return { placeId: place.id, text: consent.text };
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function ConsentSheet({ loaderData }: Route.ComponentProps) {
  const { placeId, text } = loaderData;
  return (
    <div className="consent-sheet">
      <title>{`${m.consentPageTitle} — ${text.title} — ${fr.site.name}`}</title>
      <div className="print-hide">
        <p>
          <a href={`/gestion/lieux/${placeId}/beneficiaires`}>{m.consentBack}</a>
        </p>
        <p>{m.printHint}</p>
      </div>
      <ConsentTextView text={text} level={1} />
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}

