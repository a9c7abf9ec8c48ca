import { data, redirect } from "react-router";
import type { Route } from "./+types/partner-referral";
import { requirePartner, requirePartnerForm } from "~/features/access/access.server";
import { can } from "~/features/policy/policy";
import { AnswerSchema } from "~/features/referrals/referral-form";
import { ReferralFacts, ReferralHistory } from "~/features/referrals/referral-parts";
import { answerReferral, detailView, getReferral } from "~/features/referrals/referrals.server";
import { answersFor } from "~/features/referrals/statuses";
import { formatDateTime } from "~/features/time/format";
import { appContext } from "~/context";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { CsrfField, ErrorSummary, Notice, TextField } from "~/ui/form";

const m = fr.referrals;
const MAX_BODY_BYTES = 4 * 1024;

/** One referral as its adviser's organisation follows it: where it stands, its history; close it. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, partner } = await requirePartner(request, context, params.partnerId);
  const r = await getReferral(context.get(appContext).database.db, params.referralId);
  if (!r || r.partnerId !== partner.id || !can(signedIn.principal, "referral.view", { partnerId: r.partnerId, placeId: r.placeId })) throw data(fr.backoffice.notFound, { status: 404 });
  const url = new URL(request.url);
  return {
    partner: { id: partner.id, name: partner.name }, referral: detailView(r), csrfToken: signedIn.csrfToken,
    sent: url.searchParams.has("envoyee"), closed: url.searchParams.has("close"), canClose: answersFor(r.status).includes("close"),
  };
}

type ActionData = { errors: FieldErrors };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, partner, form } = await requirePartnerForm(request, context, params.partnerId, MAX_BODY_BYTES);
  const parsed = parseForm(AnswerSchema, form);
  if (!parsed.ok) return data<ActionData>({ errors: parsed.errors }, { status: 400 });
  if (parsed.values.kind !== "close") return data<ActionData>({ errors: { form: fr.errors.badRequest } }, { status: 400 });
  const app = context.get(appContext);
  const result = await answerReferral(app.database.db, {
    referralId: params.referralId, scope: { partnerId: partner.id }, answer: parsed.values, actorUserId: signedIn.user.id, baseUrl: app.env.baseUrl,
    options: { secret: app.env.sessionSecret, baseUrl: app.env.baseUrl },
  });
  if (result.kind === "not-found") throw data(fr.backoffice.notFound, { status: 404 });
  if (result.kind === "invalid") return data<ActionData>({ errors: result.errors }, { status: 409 });
  return redirect(`/gestion/partenaires/${partner.id}/orientations/${params.referralId}?close`, 303);
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PartnerReferral({ loaderData, actionData }: Route.ComponentProps) {
  const { partner, referral: r, csrfToken, sent, closed, canClose } = loaderData;
  const errors = actionData?.errors ?? {};
  const d = m.detail;
  return (
    <>
      <title>{`${d.title(r.name)} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/partenaires/${partner.id}`}>{d.backToList}</a>
      </p>
      <h1>{d.title(r.name)}</h1>
      {sent ? <Notice>{r.appointmentAt ? m.form.booked(r.placeName, formatDateTime(new Date(r.appointmentAt), { timeZone: r.placeTimeZone })) : m.form.sent(r.placeName)}</Notice> : null}
      {closed ? <Notice>{d.closed}</Notice> : null}
      <ErrorSummary errors={errors} />
      <ReferralFacts r={r} side="partner" />
      <ReferralHistory events={r.events} timeZone={r.placeTimeZone} />
      {canClose ? (
        <section aria-labelledby="clore">
          <h2 id="clore">{d.close}</h2>
          <form method="post">
            <CsrfField token={csrfToken} />
            <input type="hidden" name="intent" value="clore" />
            <TextField name="motif" label={d.closeReason} error={errors.motif} />
            <button type="submit">{d.close}</button>
          </form>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
