import { data, redirect } from "react-router";
import type { Route } from "./+types/place-sale";
import { requirePlace, requirePlaceForm } from "~/features/access/access.server";
import { getReceipt } from "~/features/sales/receipt.server";
import { CancelSaleSchema } from "~/features/sales/sale-form";
import { cancelSale } from "~/features/sales/sales.server";
import { ReceiptView } from "~/features/sales/till-parts";
import { appContext } from "~/context";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { formatEuros } from "~/lib/money";
import { BackofficeError } from "~/ui/backoffice-error";
import { CsrfField, ErrorSummary, Notice, TextField } from "~/ui/form";

const m = fr.sales;
const MAX_BODY_BYTES = 4 * 1024;

/** A sale's receipt at the till: as a page, « Imprimer le reçu (PDF) », « Envoyer par mail », and its correction. The place's staff. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, place } = await requirePlace(request, context, params.placeId, "place.sales");
  const receipt = await getReceipt(context.get(appContext).database.db, { placeId: place.id, saleId: params.saleId });
  if (!receipt) throw data(fr.backoffice.notFound, { status: 404 });
  const url = new URL(request.url);
  return {
    place: { id: place.id, name: place.name },
    csrfToken: signedIn.csrfToken,
    recorded: url.searchParams.has("enregistree"),
    cancelledNotice: url.searchParams.has("annulation"),
    receipt: { ...receipt, soldAt: receipt.soldAt.toISOString() },
  };
}

type ActionData = { errors: FieldErrors; reason: string; problem?: string };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, place, form } = await requirePlaceForm(request, context, params.placeId, "place.sales", MAX_BODY_BYTES);
  const reason = String(form.get("motif") ?? "").slice(0, 600);
  if (form.get("intent") !== "annuler") return data<ActionData>({ errors: {}, reason, problem: fr.errors.badRequest }, { status: 400 });
  const parsed = parseForm(CancelSaleSchema, form);
  if (!parsed.ok) return data<ActionData>({ errors: parsed.errors, reason }, { status: 400 });
  const result = await cancelSale(context.get(appContext).database.db, { placeId: place.id, saleId: params.saleId, reason: parsed.values.motif, actorUserId: signedIn.user.id });
  const e = m.cancelErrors;
  const refused = (problem: string, status = 400) => data<ActionData>({ errors: {}, reason, problem }, { status });
  switch (result.kind) {
    case "cancelled":
      return redirect(`/gestion/lieux/${place.id}/caisse/ventes/${result.saleId}?annulation`, 303);
    case "not-found":
      throw data(fr.backoffice.notFound, { status: 404 });
    case "already-cancelled":
      return refused(e.alreadyCancelled, 409);
    case "is-correction":
      return refused(e.isCorrection);
    case "credit-spent":
      return refused(e.creditSpent(result.balanceCents, result.neededCents), 409);
    case "day-not-open":
      return refused(m.errors.dayNotOpen, 409);
    case "day-closed":
      return refused(m.errors.dayClosed, 409);
  }
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PlaceSale({ loaderData, actionData }: Route.ComponentProps) {
  const { place, csrfToken, recorded, cancelledNotice, receipt } = loaderData;
  const here = `/gestion/lieux/${place.id}/caisse/ventes/${receipt.saleId}`;
  const errors = actionData?.errors ?? {};
  const failed = Boolean(actionData?.problem || Object.keys(errors).length > 0);
  const title = m.receiptTitle(receipt.number);
  return (
    <>
      <title>{`${failed ? fr.backoffice.errorTitlePrefix : ""}${title} — ${place.name} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/lieux/${place.id}/caisse`}>{m.backToTill}</a>
      </p>
      {recorded ? <Notice>{m.sold(receipt.number, formatEuros(receipt.totalCents))}</Notice> : null}
      {cancelledNotice && receipt.cancels ? <Notice>{m.cancelled(receipt.number)}</Notice> : null}
      <ErrorSummary title={fr.backoffice.errorSummary} errors={errors} problem={actionData?.problem} />
      <h1>{title}</h1>
      <ReceiptView receipt={receipt} />
      <ul className="inline-list">
        <li>
          <a href={`${here}/recu.pdf`}>{m.printReceipt}</a>
        </li>
        <li>
          <a href={`${here}/envoyer`}>{m.sendReceipt}</a>
        </li>
      </ul>
      {!receipt.cancels && !receipt.cancelledBy ? (
        <details open={failed}>
          <summary>{m.cancelTitle}</summary>
          <form method="post" action={here} className="backoffice-form">
            <p>{m.cancelIntro}</p>
            <CsrfField token={csrfToken} />
            <input type="hidden" name="intent" value="annuler" />
            <TextField name="motif" label={m.cancelReason} value={actionData?.reason ?? ""} error={errors.motif} required />
            <button type="submit">{m.cancel}</button>
          </form>
        </details>
      ) : null}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
