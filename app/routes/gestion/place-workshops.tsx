import { data, redirect } from "react-router";
import type { Route } from "./+types/place-workshops";
import { appContext } from "~/context";
import { requirePlace, requirePlaceForm } from "~/features/access/access.server";
import { schoolZoneOfInsee } from "~/features/hours/school-holidays";
import { can } from "~/features/policy/policy";
import { listPlaceStaff } from "~/features/scheduling/resources.server";
import { todayIn } from "~/features/time/today";
import { SeriesForm, SeriesList, seriesViews } from "~/features/workshops/series-parts";
import { seriesSchema, seriesToFormValues, typedSeriesValues, type SeriesFormValues } from "~/features/workshops/series-form";
import { createSeries, listPlaceStops, listSeries } from "~/features/workshops/series.server";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { ErrorSummary } from "~/ui/form";

const m = fr.workshopSetup;
const MAX_BODY_BYTES = 64 * 1024;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, place, target } = await requirePlace(request, context, params.placeId, "place.agenda.view");
  const db = context.get(appContext).database.db;
  const now = Date.now();
  const today = todayIn(place.timeZone, now);
  const canEdit = can(signedIn.principal, "place.workshops", target);
  const lines = await listSeries(db, { placeId: place.id, from: new Date(now) });
  const stops = canEdit ? await listPlaceStops(db, place.id) : [];
  // From the stops page: « Prévoir les passages » at a stop (?type=passage&arret=<stop>).
  const url = new URL(request.url);
  const atStop = url.searchParams.get("type") === "passage" ? stops.find((s) => s.id === url.searchParams.get("arret")) : undefined;
  return {
    place: { id: place.id, name: place.name },
    canEdit,
    csrfToken: signedIn.csrfToken,
    series: seriesViews(lines, { timeZone: place.timeZone, today, now }),
    stops,
    staff: canEdit ? await listPlaceStaff(db, place.id) : [],
    values: atStop
      ? seriesToFormValues({ kind: "visit", registration: "none", capacity: null, location: "stop", stopId: atStop.id, title: fr.workshops.visitTitle(atStop.commune) }, { today })
      : seriesToFormValues({}, { today }),
    schoolNote: schoolZoneOfInsee(place.inseeCode) ? undefined : m.schoolUnchecked.noZone,
  };
}

type ActionData = { errors: FieldErrors; values: SeriesFormValues };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, place, form } = await requirePlaceForm(request, context, params.placeId, "place.workshops", MAX_BODY_BYTES);
  const db = context.get(appContext).database.db;
  const stopIds = (await listPlaceStops(db, place.id)).map((s) => s.id);
  const staffIds = (await listPlaceStaff(db, place.id)).map((s) => s.userId);
  const parsed = parseForm(seriesSchema({ stopIds, staffIds, today: todayIn(place.timeZone, Date.now()) }), form);
  if (!parsed.ok) return data<ActionData>({ errors: parsed.errors, values: typedSeriesValues(form) }, { status: 400 });
  const result = await createSeries(db, { placeId: place.id, by: signedIn.user.id, input: parsed.values });
  if (result.ok) return redirect(`/gestion/lieux/${place.id}/ateliers/${result.workshopId}?cree`, 303);
  if (result.reason === "not-found") throw data(fr.backoffice.notFound, { status: 404 });
  return data<ActionData>({ errors: result.errors, values: typedSeriesValues(form) }, { status: 400 });
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PlaceWorkshops({ loaderData, actionData }: Route.ComponentProps) {
  const { place, canEdit, csrfToken, series, stops, staff, schoolNote } = loaderData;
  const errors = actionData?.errors ?? {};
  const failed = Object.keys(errors).length > 0;
  return (
    <>
      <title>{`${failed ? fr.backoffice.errorTitlePrefix : ""}${m.pageTitle(place.name)} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/lieux/${place.id}`}>{m.backToPlace}</a>
      </p>
      <h1>{m.pageTitle(place.name)}</h1>
      <ErrorSummary title={fr.backoffice.errorSummary} errors={errors} />
      {!canEdit ? <p className="notice">{m.readOnly}</p> : null}
      <section aria-labelledby="a-venir">
        <h2 id="a-venir">{m.listTitle}</h2>
        <SeriesList placeId={place.id} series={series} />
      </section>
      {canEdit ? (
        <section aria-labelledby="nouvelle">
          <h2 id="nouvelle">{m.newTitle}</h2>
          <SeriesForm
            action={`/gestion/lieux/${place.id}/ateliers`}
            csrfToken={csrfToken}
            values={actionData?.values ?? loaderData.values}
            errors={errors}
            stops={stops}
            staff={staff}
            submit={m.create}
            schoolNote={schoolNote}
          />
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
