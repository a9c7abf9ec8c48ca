import { data, redirect } from "react-router";
import type { Route } from "./+types/place-record";
import { requirePlace, requirePlaceForm } from "~/features/access/access.server";
import { personLabel, RecordForm } from "~/features/mediation/record-parts";
import { recordToFormValues, type RecordFormValues } from "~/features/mediation/record-form";
import { submitRecordForm } from "~/features/mediation/record-submit.server";
import { deleteHelpRecord, getHelpRecord, peopleToPick } from "~/features/mediation/records.server";
import { appContext } from "~/context";
import { isUuid } from "~/lib/ids";
import { fr } from "~/lib/messages";
import type { FieldErrors } from "~/lib/forms";
import { BackofficeError } from "~/ui/backoffice-error";
import { CsrfField, Notice } from "~/ui/form";

const m = fr.mediation;
const MAX_BODY_BYTES = 32 * 1024;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, place } = await requirePlace(request, context, params.placeId, "place.mediation");
  const db = context.get(appContext).database.db;
  const record = isUuid(params.recordId) ? await getHelpRecord(db, { placeId: place.id, recordId: params.recordId }) : undefined;
  if (!record) throw data(m.errors.notFound, { status: 404 });
  const people = await peopleToPick(db, { placeId: place.id, limit: 500 });
  // Someone on the record stays pickable even when not among the most recent.
  const choices = [...record.people.filter((p) => !people.some((q) => q.id === p.id)), ...people];
  return {
    place: { id: place.id, name: place.name },
    csrfToken: signedIn.csrfToken,
    record: { id: record.id, status: record.status, mediatorName: record.mediatorName },
    values: recordToFormValues(record.input),
    already: new URL(request.url).searchParams.has("deja"),
    people: choices.map((p) => ({ id: p.id, label: personLabel(p) })),
  };
}

type ActionData = { errors?: FieldErrors; problem?: string; values: RecordFormValues };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, place, form } = await requirePlaceForm(request, context, params.placeId, "place.mediation", MAX_BODY_BYTES);
  const db = context.get(appContext).database.db;
  if (!isUuid(params.recordId)) throw data(m.errors.notFound, { status: 404 });
  if (form.get("intent") === "supprimer") {
    const deleted = await deleteHelpRecord(db, { placeId: place.id, recordId: params.recordId, actorUserId: signedIn.user.id });
    if (deleted === "not-found") throw data(m.errors.notFound, { status: 404 });
    return redirect(`/gestion/lieux/${place.id}/accompagnements?supprime`, 303);
  }
  const result = await submitRecordForm(db, { place, form, recordId: params.recordId, actorUserId: signedIn.user.id });
  if (result.kind === "redirect") return redirect(result.to, 303);
  return data<ActionData>({ errors: result.errors, problem: result.problem, values: result.values }, { status: result.status });
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PlaceRecord({ loaderData, actionData }: Route.ComponentProps) {
  const { place, csrfToken, record, already, people } = loaderData;
  const values = actionData?.values ?? loaderData.values;
  const kind = values.type === "collectif" ? "collectif" : "individuel";
  const title = `${m.editTitle[kind]}${record.status === "draft" ? ` (${m.draft})` : ""}`;
  const base = `/gestion/lieux/${place.id}/accompagnements`;
  return (
    <>
      <title>{`${actionData ? fr.backoffice.errorTitlePrefix : ""}${title} — ${place.name} — ${fr.site.name}`}</title>
      <p>
        <a href={base}>{m.backToList}</a>
      </p>
      <h1>{title}</h1>
      {already ? <Notice>{m.errors.alreadyRecorded}</Notice> : null}
      {record.mediatorName ? <p>{`${m.columns.mediator} : ${record.mediatorName}`}</p> : null}
      <p>
        <a href={`${base}/nouveau?copie=${record.id}`}>{m.duplicate}</a>
      </p>
      <RecordForm values={values} errors={actionData?.errors} problem={actionData?.problem} csrfToken={csrfToken} people={people} placeId={place.id} />
      <form method="post" className="danger-zone">
        <CsrfField token={csrfToken} />
        <input type="hidden" name="intent" value="supprimer" />
        <p>{m.deleteConfirm}</p>
        <button type="submit" className="danger">
          {m.delete}
        </button>
      </form>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
