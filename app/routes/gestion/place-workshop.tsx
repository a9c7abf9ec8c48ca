import { data, redirect } from "react-router";
import type { Route } from "./+types/place-workshop";
import { appContext } from "~/context";
import { requirePlace, requirePlaceForm } from "~/features/access/access.server";
import { can } from "~/features/policy/policy";
import { listPlaceStaff } from "~/features/scheduling/resources.server";
import { formatDateTime, formatDay } from "~/features/time/format";
import { todayIn } from "~/features/time/today";
import { AddSessionForm, SeriesForm, seriesViews, SessionsTable, SkippedDays } from "~/features/workshops/series-parts";
import { ExtraSessionSchema, seriesSchema, seriesToFormValues, SessionCapacitySchema, typedSeriesValues, type SeriesFormValues } from "~/features/workshops/series-form";
import { addSession, getSeries, listPlaceStops, scheduleNotes, updateSeries, updateSession } from "~/features/workshops/series.server";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { ErrorSummary, Notice } from "~/ui/form";

const m = fr.workshopSetup;
const MAX_BODY_BYTES = 64 * 1024;
const notFound = () => data(m.seriesUnknown, { status: 404 });

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, place, target } = await requirePlace(request, context, params.placeId, "place.agenda.view");
  const db = context.get(appContext).database.db;
  const now = Date.now();
  const today = todayIn(place.timeZone, now);
  const detail = await getSeries(db, { placeId: place.id, workshopId: params.workshopId, from: new Date(now) });
  if (!detail) throw notFound();
  const canEdit = can(signedIn.principal, "place.workshops", target);
  const [view] = seriesViews([detail.line], { timeZone: place.timeZone, today, now });
  const notes = await scheduleNotes(db, { placeId: place.id, input: detail.input });
  const url = new URL(request.url);
  const upcoming = view!.sessions.filter((s) => !s.cancelled).length;
  const notice = url.searchParams.has("cree") ? m.created(upcoming) : url.searchParams.has("ajoute") ? m.sessionAdded : url.searchParams.has("capacite") ? m.sessionSaved : url.searchParams.has("enregistre") ? m.saved(0, 0) : null;
  const unchecked = notes.schoolHolidaysUnchecked;
  return {
    place: { id: place.id, name: place.name },
    today,
    canEdit,
    csrfToken: signedIn.csrfToken,
    series: view!,
    values: seriesToFormValues(detail.input),
    version: detail.version,
    skipped: notes.skipped.filter((s) => s.date >= today),
    schoolNote: unchecked ? (unchecked.reason === "no-zone" ? m.schoolUnchecked.noZone : m.schoolUnchecked.beyond(formatDay(unchecked.from, today))) : undefined,
    stops: canEdit ? await listPlaceStops(db, place.id) : [],
    staff: canEdit ? await listPlaceStaff(db, place.id) : [],
    notice,
  };
}

type ActionData = {
  form: "serie" | "capacite" | "ajouter" | "autre";
  errors: FieldErrors;
  values?: SeriesFormValues;
  typed?: Record<string, string>;
  session?: string;
  problem?: string;
  saved?: string;
  kept?: string[];
};

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, place, form } = await requirePlaceForm(request, context, params.placeId, "place.workshops", MAX_BODY_BYTES);
  const db = context.get(appContext).database.db;
  const now = Date.now();
  const here = `/gestion/lieux/${place.id}/ateliers/${params.workshopId}`;
  const by = signedIn.user.id;
  const { env } = context.get(appContext);
  const links = { secret: env.sessionSecret, baseUrl: env.baseUrl };
  switch (form.get("intent")) {
    case "serie": {
      const stopIds = (await listPlaceStops(db, place.id)).map((s) => s.id);
      const staffIds = (await listPlaceStaff(db, place.id)).map((s) => s.userId);
      const parsed = parseForm(seriesSchema({ stopIds, staffIds }), form);
      if (!parsed.ok) return data<ActionData>({ form: "serie", errors: parsed.errors, values: typedSeriesValues(form) }, { status: 400 });
      const version = form.get("version");
      const result = await updateSeries(db, { placeId: place.id, workshopId: params.workshopId, by, input: parsed.values, version: typeof version === "string" && version ? version : undefined, links });
      if (result.ok) {
        if (result.kept.length === 0) return redirect(`${here}?enregistre`, 303);
        return data<ActionData>({
          form: "serie", errors: {}, saved: m.saved(result.added, result.removed),
          kept: result.kept.map((k) => m.keptLine(formatDateTime(k.startsAt, { timeZone: place.timeZone, now }), k.seatsTaken)),
        });
      }
      switch (result.reason) {
        case "not-found":
          throw notFound();
        case "conflict":
          return data<ActionData>({ form: "serie", errors: {}, problem: m.conflict }, { status: 409 });
        case "capacity-below-seats":
          return data<ActionData>({ form: "serie", errors: { places: result.message }, values: typedSeriesValues(form) }, { status: 400 });
        case "invalid":
          return data<ActionData>({ form: "serie", errors: result.errors, values: typedSeriesValues(form) }, { status: 400 });
      }
      break;
    }
    case "capacite": {
      const parsed = parseForm(SessionCapacitySchema, form);
      const session = String(form.get("seance") ?? "");
      if (!parsed.ok) return data<ActionData>({ form: "capacite", errors: { places: parsed.errors.places ?? m.invalidRequest }, session }, { status: 400 });
      const result = await updateSession(db, { placeId: place.id, workshopId: params.workshopId, sessionId: parsed.values.seance, by, capacity: parsed.values.places, links });
      if (result.ok) return redirect(`${here}?capacite`, 303);
      const message = result.reason === "capacity-below-seats" ? result.message : result.reason === "past" ? m.sessionPast : result.reason === "cancelled" ? m.sessionCancelledAlready : m.sessionUnknown;
      return data<ActionData>({ form: "capacite", errors: { places: message }, session }, { status: result.reason === "not-found" ? 404 : 400 });
    }
    case "ajouter": {
      const typed = { date: String(form.get("date") ?? "").slice(0, 40), debut: String(form.get("debut") ?? "").slice(0, 20), fin: String(form.get("fin") ?? "").slice(0, 20) };
      const parsed = parseForm(ExtraSessionSchema, form);
      if (!parsed.ok) return data<ActionData>({ form: "ajouter", errors: parsed.errors, typed }, { status: 400 });
      const result = await addSession(db, { placeId: place.id, workshopId: params.workshopId, by, ...parsed.values });
      if (result.ok) return redirect(`${here}?ajoute`, 303);
      if (result.reason === "not-found") throw notFound();
      return data<ActionData>({ form: "ajouter", errors: result.errors, typed }, { status: 400 });
    }
  }
  return data<ActionData>({ form: "autre", errors: {}, problem: m.invalidRequest }, { status: 400 });
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PlaceWorkshop({ loaderData, actionData }: Route.ComponentProps) {
  const { place, today, canEdit, csrfToken, series, skipped, schoolNote, stops, staff, notice, version } = loaderData;
  const here = `/gestion/lieux/${place.id}/ateliers/${series.id}`;
  const errors = actionData?.errors ?? {};
  const errorsFor = (form: ActionData["form"]) => (actionData?.form === form ? errors : {});
  const failed = Boolean(actionData?.problem) || Object.keys(errors).length > 0;
  return (
    <>
      <title>{`${failed ? fr.backoffice.errorTitlePrefix : ""}${m.seriesTitle(series.title)} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/lieux/${place.id}/ateliers`}>{m.backToList}</a>
      </p>
      <h1>{series.title}</h1>
      <p>
        {place.name} — {m.kinds[series.kind] ?? series.kind}
        {series.when ? ` — ${series.when}` : ""}
      </p>
      {notice && !failed && !actionData?.saved ? <Notice>{notice}</Notice> : null}
      {actionData?.saved ? <Notice>{actionData.saved}</Notice> : null}
      {actionData?.kept && actionData.kept.length > 0 ? (
        <div className="notice" role="status">
          <p>{m.keptTitle(actionData.kept.length)}</p>
          <ul>
            {actionData.kept.map((k) => (
              <li key={k}>{k}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <ErrorSummary
        title={fr.backoffice.errorSummary}
        errors={actionData?.form === "capacite" ? {} : errors}
        problems={actionData?.form === "capacite" && errors.places ? [{ href: `#places-${actionData.session}`, text: errors.places }] : []}
        problem={actionData?.problem}
      />
      {schoolNote ? <p className="notice">{schoolNote}</p> : null}
      <section aria-labelledby="seances">
        <h2 id="seances">{m.listTitle}</h2>
        <SessionsTable placeId={place.id} workshopId={series.id} sessions={series.sessions} csrfToken={csrfToken} canEdit={canEdit} errors={errorsFor("capacite")} errorSession={actionData?.session} />
        <SkippedDays skipped={skipped} today={today} />
        {canEdit ? <p className="hint">{m.cancelMissing}</p> : null}
      </section>
      {canEdit ? (
        <>
          <section aria-labelledby="ajouter">
            <h2 id="ajouter">{m.addTitle}</h2>
            <AddSessionForm csrfToken={csrfToken} values={actionData?.form === "ajouter" && actionData.typed ? actionData.typed : { date: "", debut: "", fin: "" }} errors={errorsFor("ajouter")} />
          </section>
          <section aria-labelledby="modifier">
            <h2 id="modifier">{m.editTitle}</h2>
            <p>{m.editHint}</p>
            <SeriesForm
              action={here}
              csrfToken={csrfToken}
              intent="serie"
              version={version}
              values={actionData?.form === "serie" && actionData.values ? actionData.values : loaderData.values}
              errors={errorsFor("serie")}
              stops={stops}
              staff={staff}
              submit={m.save}
              schoolNote={schoolNote}
            />
          </section>
        </>
      ) : (
        <p className="notice">{m.readOnly}</p>
      )}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
