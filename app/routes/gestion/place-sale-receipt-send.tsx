import { data } from "react-router";
import type { Route } from "./+types/place-sale-receipt-send";
import { requirePlace, requirePlaceForm } from "~/features/access/access.server";
import { SendReceiptSchema } from "~/features/sales/receipt-form";
import { getReceipt, sendReceiptByMail } from "~/features/sales/receipt.server";
import { appContext } from "~/context";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { CsrfField, ErrorSummary, Notice, TextField } from "~/ui/form";

const m = fr.salesReports.receipt.send;
const MAX_BODY_BYTES = 4 * 1024;

/** « Envoyer le reçu »: the address (the person's, when known) to mail the receipt's PDF to. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, place } = await requirePlace(request, context, params.placeId, "place.sales");
  const receipt = await getReceipt(context.get(appContext).database.db, { placeId: place.id, saleId: params.saleId });
  if (!receipt) throw data(fr.backoffice.notFound, { status: 404 });
  return { placeId: place.id, saleId: receipt.saleId, number: receipt.number, email: receipt.personEmail ?? "", csrfToken: signedIn.csrfToken };
}

type ActionData = { errors: FieldErrors; email: string; sentTo?: string };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, place, form } = await requirePlaceForm(request, context, params.placeId, "place.sales", MAX_BODY_BYTES);
  const email = String(form.get("courriel") ?? "");
  const parsed = parseForm(SendReceiptSchema, form);
  if (!parsed.ok) return data<ActionData>({ errors: parsed.errors, email }, { status: 400 });
  const result = await sendReceiptByMail(context.get(appContext).database.db, { placeId: place.id, saleId: params.saleId, to: parsed.values.courriel, actorUserId: signedIn.user.id });
  switch (result.kind) {
    case "sent":
      return data<ActionData>({ errors: {}, email: parsed.values.courriel, sentTo: parsed.values.courriel });
    case "not-found":
      throw data(fr.backoffice.notFound, { status: 404 });
  }
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function SendReceipt({ loaderData, actionData }: Route.ComponentProps) {
  const { placeId, saleId, number, email, csrfToken } = loaderData;
  const sale = `/gestion/lieux/${placeId}/caisse/ventes/${saleId}`;
  const errors = actionData?.errors ?? {};
  const failed = Object.keys(errors).length > 0;
  return (
    <>
      <title>{`${failed ? fr.backoffice.errorTitlePrefix : ""}${m.pageTitle(number)} — ${fr.site.name}`}</title>
      <p>
        <a href={sale}>{m.back}</a>
      </p>
      <h1>{m.pageTitle(number)}</h1>
      {actionData?.sentTo ? <Notice>{m.sent(actionData.sentTo)}</Notice> : null}
      <ErrorSummary title={fr.backoffice.errorSummary} errors={errors} />
      <p>{m.intro}</p>
      <form method="post" action={`${sale}/envoyer`} className="backoffice-form" noValidate>
        <CsrfField token={csrfToken} />
        <TextField name="courriel" label={m.emailLabel} type="email" inputMode="email" autoComplete="off" required value={actionData?.email ?? email} error={errors.courriel} />
        <button type="submit">{m.submit}</button>
      </form>
      <p>
        <a href={`${sale}/recu.pdf`}>{m.download}</a>
      </p>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
