import { data, redirect } from "react-router";
import type { Route } from "./+types/place-beneficiary-new";
import { requirePlace, requirePlaceForm } from "~/features/access/access.server";
import { addBeneficiary, currentConsent } from "~/features/mediation/beneficiaries.server";
import { BeneficiaryFields, ConsentTextView } from "~/features/mediation/beneficiaries-parts";
import { ConsentBox } from "~/features/mediation/beneficiary-page-parts";
import { beneficiaryToFormValues, NewBeneficiarySchema, typedBeneficiaryValues, type BeneficiaryFormValues } from "~/features/mediation/beneficiary-form";
import { appContext } from "~/context";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { CsrfField, ErrorSummary, fieldId } from "~/ui/form";

const m = fr.beneficiaries;
const MAX_BODY_BYTES = 16 * 1024;

/** « Nouvelle personne »: the person's fields, then the consent text and the box the mediator ticks once the person agreed. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, place } = await requirePlace(request, context, params.placeId, "place.mediation");
  const consent = await currentConsent(context.get(appContext).database.db, place.id);
  if (!consent) throw data(fr.backoffice.notFound, { status: 404 });
  return { place: { id: place.id, name: place.name }, csrfToken: signedIn.csrfToken, consent: { text: consent.text, fingerprint: consent.fingerprint } };
}

type ActionData = { errors: FieldErrors; values: BeneficiaryFormValues; consentTicked: boolean };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, place, form } = await requirePlaceForm(request, context, params.placeId, "place.mediation", MAX_BODY_BYTES);
  const values = typedBeneficiaryValues(form);
  const failed = (errors: FieldErrors, consentTicked = form.get("consentement") === "oui") => data<ActionData>({ errors, values, consentTicked }, { status: 400 });
  const parsed = parseForm(NewBeneficiarySchema, form);
  if (!parsed.ok) return failed(parsed.errors);
  const result = await addBeneficiary(context.get(appContext).database.db, {
    placeId: place.id, values: parsed.values.values, consentFingerprint: parsed.values.consentFingerprint, actorUserId: signedIn.user.id,
  });
  switch (result.kind) {
    case "created":
      return redirect(`/gestion/lieux/${place.id}/beneficiaires/${result.id}?cree`, 303);
    case "consent-changed":
      // The page shows the new text: the box is ticked again once the person has read it.
      return failed({ consentement: m.errors.consentChanged }, false);
    case "commune-unknown":
      return failed({ commune: m.errors.communeUnknown });
    case "commune-ambiguous":
      return failed({ commune: m.errors.communeAmbiguous });
    default:
      throw data(fr.backoffice.notFound, { status: 404 });
  }
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function NewBeneficiary({ loaderData, actionData }: Route.ComponentProps) {
  const { place, csrfToken, consent } = loaderData;
  const list = `/gestion/lieux/${place.id}/beneficiaires`;
  const errors = actionData?.errors ?? {};
  const failed = Object.keys(errors).length > 0;
  return (
    <>
      <title>{`${failed ? fr.backoffice.errorTitlePrefix : ""}${m.newTitle(place.name)} — ${fr.site.name}`}</title>
      <p>
        <a href={list}>{m.backToList}</a>
      </p>
      <h1>{m.newTitle(place.name)}</h1>
      <ErrorSummary title={fr.backoffice.errorSummary} errors={errors} />
      <form method="post" action={`${list}/nouveau`} className="backoffice-form" noValidate>
        <CsrfField token={csrfToken} />
        <BeneficiaryFields values={actionData?.values ?? beneficiaryToFormValues()} errors={errors} />
        <fieldset aria-describedby={errors.consentement ? `${fieldId("consentement")}-erreur` : undefined} className={errors.consentement ? "field-invalid consent" : "consent"}>
          <legend>{m.consentLegend}</legend>
          <p>{m.consentIntro}</p>
          <ConsentTextView text={consent.text} level={2} />
          <p>
            <a href={`${list}/consentement`} target="_blank" rel="noopener">
              {m.consentPrint} {fr.backoffice.edit.previewHint}
            </a>
          </p>
          <ConsentBox fingerprint={consent.fingerprint} error={errors.consentement} ticked={actionData?.consentTicked ?? false} />
        </fieldset>
        <button type="submit">{m.create}</button>
      </form>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
