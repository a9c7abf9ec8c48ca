import { data } from "react-router";
import type { Route } from "./+types/partner-send-place";
import { forbidden } from "~/features/access/access.server";
import { requirePartner, requirePartnerForm } from "~/features/access/access.server";
import type { SignedIn } from "~/features/accounts/auth.server";
import { can } from "~/features/policy/policy";
import type { PartnerRow } from "~/features/referrals/referrals.server";
import { SendPlaceSchema } from "~/features/referrals/send-place-form";
import { SendPlaceForm, SmsPreview } from "~/features/referrals/send-place-parts";
import { placeSms, placeToSend, sendPlaceToPerson } from "~/features/referrals/send-place.server";
import { waitWords } from "~/features/reports/report-form";
import { appContext } from "~/context";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { formPageHeaders } from "~/lib/http";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { ErrorSummary, Notice } from "~/ui/form";

const m = fr.referrals.sendPlace;
const MAX_BODY_BYTES = 4 * 1024;

/** The place, published and in the partner's network (404 otherwise), that the adviser may send (`partner.refer`). */
async function findPlace(context: Route.LoaderArgs["context"], signedIn: SignedIn, partner: PartnerRow, slug: string) {
  const { database, env } = context.get(appContext);
  const place = await placeToSend(database.db, { networkId: partner.networkId, slug, baseUrl: env.baseUrl, now: new Date() });
  if (!place) throw data(fr.referrals.errors.placeUnknown, { status: 404 });
  if (!can(signedIn.principal, "partner.refer", { partnerId: partner.id, placeId: place.id, networkIds: place.networkIds })) throw forbidden();
  return place;
}

/** « Envoyer les coordonnées d'un lieu » to a person, by SMS or mail: no referral kept. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, partner } = await requirePartner(request, context, params.partnerId);
  const place = await findPlace(context, signedIn, partner, params.slug);
  return { partnerId: partner.id, place: { slug: place.slug, name: place.name }, sms: placeSms(place, partner.name), csrfToken: signedIn.csrfToken };
}

type ActionData = { errors: FieldErrors; values: { canal: string; telephone: string; courriel: string }; sent?: string; problem?: string };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, partner, form } = await requirePartnerForm(request, context, params.partnerId, MAX_BODY_BYTES);
  const place = await findPlace(context, signedIn, partner, params.slug);
  const values = { canal: String(form.get("canal") ?? ""), telephone: String(form.get("telephone") ?? ""), courriel: String(form.get("courriel") ?? "") };
  const parsed = parseForm(SendPlaceSchema, form);
  if (!parsed.ok) return data<ActionData>({ errors: parsed.errors, values }, { status: 400 });
  const result = await sendPlaceToPerson(context.get(appContext).database.db, { partner, adviserId: signedIn.user.id, place, to: parsed.values });
  switch (result.kind) {
    case "sent":
      // The form is emptied: the person's contact stays nowhere on the page.
      return data<ActionData>({ errors: {}, values: { canal: result.channel, telephone: "", courriel: "" }, sent: result.channel === "sms" ? m.sentBySms(result.masked) : m.sentByMail(result.masked) });
    case "limited":
      return data<ActionData>({ errors: {}, values, problem: m.tooMany(waitWords(result.retryAfterSeconds)) }, { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } });
  }
}

export const headers: Route.HeadersFunction = formPageHeaders;
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PartnerSendPlace({ loaderData, actionData }: Route.ComponentProps) {
  const { partnerId, place, sms, csrfToken } = loaderData;
  const errors = actionData?.errors ?? {};
  const failed = Object.keys(errors).length > 0 || Boolean(actionData?.problem);
  const title = m.title(place.name);
  return (
    <>
      <title>{`${failed ? fr.backoffice.errorTitlePrefix : ""}${title} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/partenaires/${partnerId}`}>{m.back}</a>
      </p>
      <h1>{title}</h1>
      {actionData?.sent ? <Notice>{actionData.sent}</Notice> : null}
      <ErrorSummary title={fr.backoffice.errorSummary} errors={errors} problem={actionData?.problem ?? null} />
      <p>{m.intro}</p>
      <SmsPreview text={sms} />
      <SendPlaceForm action={`/gestion/partenaires/${partnerId}/envoyer/${place.slug}`} csrfToken={csrfToken} values={actionData?.values ?? { canal: "sms", telephone: "", courriel: "" }} errors={errors} />
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
