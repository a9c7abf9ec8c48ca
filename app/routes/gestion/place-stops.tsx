import { data, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/place-stops";
import { requirePlace, requirePlaceForm } from "~/features/access/access.server";
import { can } from "~/features/policy/policy";
import { StopSchema, stopToFormValues, typedStopValues, type StopFormValues } from "~/features/workshops/stop-form";
import { addStop, editStop, getPlaceStop, isItinerant, listStops, nextVisitsByStop, setStopActive } from "~/features/workshops/stops.server";
import { StopForm, StopList } from "~/features/workshops/stops-parts";
import { appContext } from "~/context";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { ErrorSummary, Notice } from "~/ui/form";

const m = fr.stops;
const MAX_BODY_BYTES = 16 * 1024;
const NOTICES = { cree: m.created, enregistre: m.saved, desactive: m.deactivated, reactive: m.reactivated } as const;
const StopIdSchema = z.object({ arret: z.uuid({ error: m.stopUnknown }) });

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, place, target } = await requirePlace(request, context, params.placeId, "place.agenda.view");
  const db = context.get(appContext).database.db;
  const url = new URL(request.url);
  const now = Date.now();
  const [stops, visits] = await Promise.all([listStops(db, { placeId: place.id }), nextVisitsByStop(db, { placeId: place.id, now: new Date(now) })]);
  const canManage = can(signedIn.principal, "place.stops", target);
  const editing = canManage && url.searchParams.get("arret") ? await getPlaceStop(db, { placeId: place.id, stopId: url.searchParams.get("arret")! }) : null;
  const notice = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((k) => url.searchParams.has(k));
  return {
    place: { id: place.id, name: place.name, timeZone: place.timeZone },
    itinerant: isItinerant(place),
    canManage,
    csrfToken: signedIn.csrfToken,
    notice: notice ? NOTICES[notice] : null,
    now,
    editing: editing ? { id: editing.id, label: editing.label, values: stopToFormValues(editing) } : null,
    stops: stops.map((s) => ({
      id: s.id, label: s.label, address: s.address, postcode: s.postcode, commune: s.commune, active: s.active,
      visits: (visits.get(s.id) ?? []).map((v) => ({ sessionId: v.sessionId, title: v.title, startsAt: v.startsAt.toISOString(), endsAt: v.endsAt.toISOString(), cancelled: v.status === "cancelled" })),
    })),
  };
}

type ActionData = { errors?: FieldErrors; values?: StopFormValues; stopId?: string; problem?: string };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, place, form } = await requirePlaceForm(request, context, params.placeId, "place.stops", MAX_BODY_BYTES);
  const db = context.get(appContext).database.db;
  const actorUserId = signedIn.user.id;
  const here = `/gestion/lieux/${place.id}/arrets`;
  const intent = form.get("intent");
  if (intent === "desactiver" || intent === "reactiver") {
    const parsed = parseForm(StopIdSchema, form);
    if (!parsed.ok) return data<ActionData>({ problem: m.stopUnknown }, { status: 400 });
    const result = await setStopActive(db, { placeId: place.id, stopId: parsed.values.arret, active: intent === "reactiver", actorUserId });
    if (result === "not-found") return data<ActionData>({ problem: m.stopUnknown }, { status: 404 });
    return redirect(`${here}?${intent === "reactiver" ? "reactive" : "desactive"}`, 303);
  }
  if (intent !== "ajouter" && intent !== "modifier") return data<ActionData>({ problem: m.invalidRequest }, { status: 400 });
  if (!isItinerant(place)) return data<ActionData>({ problem: m.notItinerant }, { status: 400 });
  const target = intent === "modifier" ? parseForm(StopIdSchema, form) : null;
  if (target && !target.ok) return data<ActionData>({ problem: m.stopUnknown }, { status: 400 });
  const stopId = target?.ok ? target.values.arret : undefined;
  const values = typedStopValues(form);
  const parsed = parseForm(StopSchema, form);
  if (!parsed.ok) return data<ActionData>({ errors: parsed.errors, values, stopId }, { status: 400 });
  const result = stopId
    ? await editStop(db, { placeId: place.id, stopId, values: parsed.values, actorUserId })
    : await addStop(db, { placeId: place.id, values: parsed.values, actorUserId });
  switch (result.kind) {
    case "created":
      return redirect(`${here}?cree#arret-${result.id}`, 303);
    case "saved":
      return redirect(`${here}?enregistre#arret-${result.id}`, 303);
    case "not-itinerant":
      return data<ActionData>({ problem: m.notItinerant }, { status: 400 });
    case "not-found":
      return data<ActionData>({ problem: m.stopUnknown }, { status: 404 });
    case "commune-unknown":
      return data<ActionData>({ errors: { commune: m.errors.communeUnknown }, values, stopId }, { status: 400 });
    case "far-from-commune":
      return data<ActionData>({ errors: { latitude: m.errors.farFromCommune(result.km) }, values, stopId }, { status: 400 });
  }
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PlaceStops({ loaderData, actionData }: Route.ComponentProps) {
  const { place, itinerant, canManage, csrfToken, notice, now, editing, stops } = loaderData;
  const here = `/gestion/lieux/${place.id}/arrets`;
  const errors = actionData?.errors ?? {};
  const failed = Boolean(actionData?.problem || Object.keys(errors).length > 0);
  const stopId = actionData ? actionData.stopId : editing?.id;
  const editedLabel = stopId ? (stops.find((s) => s.id === stopId)?.label ?? editing?.label) : undefined;
  return (
    <>
      <title>{`${failed ? fr.backoffice.errorTitlePrefix : ""}${m.pageTitle(place.name)} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/lieux/${place.id}`}>{m.backToPlace}</a>
      </p>
      <h1>{m.pageTitle(place.name)}</h1>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorSummary title={fr.backoffice.errorSummary} errors={errors} problem={actionData?.problem} />
      {itinerant ? null : <p className="notice">{m.notItinerant}</p>}
      <section aria-labelledby="arrets">
        <h2 id="arrets">{m.listTitle}</h2>
        <StopList placeId={place.id} stops={stops} timeZone={place.timeZone} now={now} canManage={canManage} csrfToken={csrfToken} action={here} />
      </section>
      {canManage && itinerant ? (
        <section aria-labelledby="formulaire">
          <h2 id="formulaire">{stopId && editedLabel ? m.editTitle(editedLabel) : m.newTitle}</h2>
          <StopForm action={here} csrfToken={csrfToken} stopId={stopId} errors={errors} values={actionData?.values ?? editing?.values ?? stopToFormValues()} />
        </section>
      ) : canManage ? null : (
        <p>{m.readOnly}</p>
      )}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
