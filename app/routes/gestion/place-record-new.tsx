import { data, redirect } from "react-router";
import type { Route } from "./+types/place-record-new";
import { requirePlace, requirePlaceForm } from "~/features/access/access.server";
import { prefillFromBooking, prefillFromSession } from "~/features/mediation/prefill.server";
import { personLabel, RecordForm } from "~/features/mediation/record-parts";
import { recordToFormValues, type RecordFormValues } from "~/features/mediation/record-form";
import { submitRecordForm } from "~/features/mediation/record-submit.server";
import { existingRecordFor, getHelpRecord, peopleToPick, usualChoices } from "~/features/mediation/records.server";
import { todayIn } from "~/features/time/today";
import { appContext } from "~/context";
import { isUuid } from "~/lib/ids";
import { fr } from "~/lib/messages";
import type { FieldErrors } from "~/lib/forms";
import { BackofficeError } from "~/ui/backoffice-error";

const m = fr.mediation;
const MAX_BODY_BYTES = 32 * 1024;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, place } = await requirePlace(request, context, params.placeId, "place.mediation");
  const db = context.get(appContext).database.db;
  const url = new URL(request.url);
  const now = new Date();
  const today = todayIn(place.timeZone, now);
  const param = (name: string) => {
    const value = url.searchParams.get(name);
    return value && isUuid(value) ? value : null;
  };
  const bookingId = param("reservation");
  const sessionId = param("seance");
  const copyId = param("copie");
  const personId = param("personne");
  const base = `/gestion/lieux/${place.id}/accompagnements`;
  // Already completed (by a colleague, or a second click): show it rather than a second record.
  if (bookingId || sessionId) {
    const existing = await existingRecordFor(db, { placeId: place.id, bookingId, sessionId });
    if (existing) throw redirect(`${base}/${existing}?deja`);
  }
  let values: RecordFormValues;
  let origin: string | null;
  let bookedBy: string | null = null;
  if (bookingId || sessionId) {
    const prefill = bookingId
      ? await prefillFromBooking(db, { placeId: place.id, bookingId, timeZone: place.timeZone })
      : await prefillFromSession(db, { placeId: place.id, sessionId: sessionId!, timeZone: place.timeZone, now });
    if (!prefill) throw data(m.errors.sourceUnknown, { status: 404 });
    values = recordToFormValues(prefill.input);
    origin = bookingId ? m.fromBooking(prefill.what) : m.fromSession(prefill.what);
    bookedBy = prefill.bookedBy;
  } else if (copyId) {
    const copied = await getHelpRecord(db, { placeId: place.id, recordId: copyId });
    if (!copied) throw data(m.errors.notFound, { status: 404 });
    values = recordToFormValues({ ...copied.input, date: today, personIds: [], bookingId: null, sessionId: null });
    origin = m.fromCopy;
  } else {
    const kind = url.searchParams.get("type") === "collectif" ? "collectif" : "individuel";
    const usual = kind === "individuel" ? await usualChoices(db, { placeId: place.id, mediatorId: signedIn.user.id }) : {};
    values = recordToFormValues({ kind, date: today, ...usual, personIds: personId ? [personId] : [] });
    origin = kind === "individuel" ? m.usual : null;
  }
  const people = await peopleToPick(db, { placeId: place.id, limit: 500 });
  return {
    place: { id: place.id, name: place.name },
    csrfToken: signedIn.csrfToken,
    values,
    origin,
    bookedBy,
    people: people.map((p) => ({ id: p.id, label: personLabel(p) })),
  };
}

type ActionData = { errors?: FieldErrors; problem?: string; values: RecordFormValues };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, place, form } = await requirePlaceForm(request, context, params.placeId, "place.mediation", MAX_BODY_BYTES);
  const result = await submitRecordForm(context.get(appContext).database.db, { place, form, actorUserId: signedIn.user.id });
  if (result.kind === "redirect") return redirect(result.to, 303);
  return data<ActionData>({ errors: result.errors, problem: result.problem, values: result.values }, { status: result.status });
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PlaceRecordNew({ loaderData, actionData }: Route.ComponentProps) {
  const { place, csrfToken, origin, bookedBy, people } = loaderData;
  const values = actionData?.values ?? loaderData.values;
  const failed = Boolean(actionData);
  const title = m.newTitle[values.type === "collectif" ? "collectif" : "individuel"];
  return (
    <>
      <title>{`${failed ? fr.backoffice.errorTitlePrefix : ""}${title} — ${place.name} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/lieux/${place.id}/accompagnements`}>{m.backToList}</a>
      </p>
      <h1>{title}</h1>
      {origin ? <p className="notice">{origin}</p> : null}
      {bookedBy ? <p>{m.bookedBy(bookedBy)}</p> : null}
      <RecordForm values={values} errors={actionData?.errors} problem={actionData?.problem} csrfToken={csrfToken} people={people} placeId={place.id} />
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
