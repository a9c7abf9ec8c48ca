import { data, redirect } from "react-router";
import type { Route } from "./+types/place-edit";
import { requirePlace, requireSignedInForm } from "~/features/access/access.server";
import { auditValue } from "~/features/audit/audit-value";
import { savePlace, setPlaceStatus, type PlaceRow } from "~/features/places/place-edit.server";
import { checkPlaceForm, diffPlace, formToValues, pickChanges, placeToFormValues, type PlaceFormErrors, type PlaceFormValues } from "~/features/places/place-form";
import { openingHoursToEditor } from "~/features/hours/hours-editor";
import { can } from "~/features/policy/policy";
import { validateStandardRow } from "~/features/standard/schema";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";
import { Notice } from "~/ui/form";
import { BackofficeError } from "~/ui/backoffice-error";
import { ConflictTable, PlaceForm } from "~/features/places/place-form-fields";
import { todayInFrance } from "~/features/time/today";
import { countNewReferrals } from "~/features/referrals/referrals.server";

const m = fr.backoffice.edit;
const MAX_BODY_BYTES = 256 * 1024;

const NOTICES = { enregistre: m.saved, inchange: m.nothingChanged, publie: m.published, depublie: m.unpublished, cree: fr.coordination.createdNotice } as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, place, target } = await requirePlace(request, context, params.placeId, "place.view-backoffice");
  const url = new URL(request.url);
  const notice = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((k) => url.searchParams.has(k)) ?? null;
  return {
    placeId: place.id,
    name: place.name,
    slug: place.slug,
    status: place.status,
    version: place.version,
    values: placeToFormValues(place),
    hoursNotSimple: place.openingHours !== null && openingHoursToEditor(place.openingHours) === null,
    canEdit: can(signedIn.principal, "place.edit", target),
    canPublish: can(signedIn.principal, "place.publish", target),
    canAudit: can(signedIn.principal, "audit.view", target),
    canReports: can(signedIn.principal, "place.reports", target),
    canResources: can(signedIn.principal, "place.resources", target),
    canMediation: can(signedIn.principal, "place.mediation", target),
    canSales: can(signedIn.principal, "place.sales", target),
    canApply: can(signedIn.principal, "place.applications", target),
    newReferrals: can(signedIn.principal, "place.referrals", target) ? await countNewReferrals(context.get(appContext).database.db, place.id) : null,
    itinerant: place.itinerance.includes("Itinérant"),
    csrfToken: signedIn.csrfToken,
    notice: notice ? NOTICES[notice] : null,
  };
}

type ConflictRow = { field: string; theirs: string; yours: string };
type ActionData = { values: PlaceFormValues; errors: PlaceFormErrors; conflict: ConflictRow[] | null };

function conflictRows(current: PlaceRow, yours: ReturnType<typeof pickChanges> | null): ConflictRow[] {
  if (!yours) return [];
  const diff = diffPlace(pickChanges(current), yours);
  return Object.keys(diff.after).map((key) => ({
    field: m.fieldNames[key] ?? key,
    theirs: auditValue(diff.before[key], m.empty),
    yours: auditValue(diff.after[key], m.empty),
  }));
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, form } = await requireSignedInForm(request, context, MAX_BODY_BYTES);
  const { database } = context.get(appContext);
  const intent = form.get("intent");
  const publishing = intent === "publish" || intent === "unpublish";
  const { place } = await requirePlace(request, context, params.placeId, publishing ? "place.publish" : "place.edit");
  const version = Number(form.get("version"));
  const db = database.db;

  if (publishing) {
    const result = await setPlaceStatus(db, { place, version, status: intent === "publish" ? "published" : "unpublished", actorUserId: signedIn.user.id });
    if (result.kind === "conflict") {
      const values = { ...placeToFormValues(result.current) };
      return data<ActionData>({ values, errors: {}, conflict: [] }, { status: 409 });
    }
    return redirect(`/gestion/lieux/${place.id}?${intent === "publish" ? "publie" : "depublie"}`, 303);
  }

  const values = formToValues(form);
  const checked = checkPlaceForm(values, validateStandardRow, place.sourceId, todayInFrance(new Date()));
  if (!checked.ok) return data<ActionData>({ values, errors: checked.errors, conflict: null }, { status: 400 });
  const result = await savePlace(db, { place, version, changes: checked.changes, actorUserId: signedIn.user.id });
  switch (result.kind) {
    case "saved":
      return redirect(`/gestion/lieux/${place.id}?enregistre`, 303);
    case "unchanged":
      return redirect(`/gestion/lieux/${place.id}?inchange`, 303);
    case "conflict":
      // What was typed stays; the version becomes the current one, so saving again is a deliberate choice.
      return data<ActionData>({ values: { ...values, version: String(result.current.version) }, errors: {}, conflict: conflictRows(result.current, checked.changes) }, { status: 409 });
  }
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function EditPlace({ loaderData, actionData }: Route.ComponentProps) {
  const { placeId, name, slug, status, canEdit, canPublish, canAudit, canReports, canResources, canMediation, canSales, canApply, newReferrals, itinerant, csrfToken, notice, hoursNotSimple } = loaderData;
  const values = actionData?.values ?? loaderData.values;
  const errors = actionData?.errors ?? {};
  const hasErrors = Object.keys(errors).length > 0;
  const action = `/gestion/lieux/${placeId}`;
  return (
    <>
      <title>{`${hasErrors ? fr.backoffice.errorTitlePrefix : ""}${m.pageTitle(name)} — ${fr.site.name}`}</title>
      <p>
        <a href="/gestion">{fr.backoffice.back}</a>
      </p>
      <h1>{m.pageTitle(name)}</h1>
      {notice ? <Notice>{notice}</Notice> : null}
      {actionData?.conflict ? (
        <div className="error-summary" tabIndex={-1} autoFocus role="alert">
          <h2>{m.conflictTitle}</h2>
          <p>{m.conflict}</p>
          {actionData.conflict.length > 0 ? <ConflictTable rows={actionData.conflict} /> : null}
        </div>
      ) : null}
      <nav aria-label={m.pageTitle(name)}>
        <ul>
          <li>
            <a href={`/gestion/lieux/${placeId}/agenda`}>{fr.booking.desk.agendaLink}</a>
          </li>
          <li>
            <a href={`/gestion/lieux/${placeId}/apercu`}>{m.previewStaff}</a>
          </li>
          {status === "published" ? (
            <li>
              <a href={`/lieux/${slug}`} target="_blank" rel="noopener">
                {m.preview} {m.previewHint}
              </a>
            </li>
          ) : null}
          {canAudit ? (
            <li>
              <a href={`/gestion/lieux/${placeId}/journal`}>{m.auditLink}</a>
            </li>
          ) : null}
          {canReports ? (
            <li>
              <a href={`/gestion/lieux/${placeId}/signalements`}>{fr.attention.reports.placeLink}</a>
            </li>
          ) : null}
          {canResources ? (
            <li>
              <a href={`/gestion/lieux/${placeId}/ressources`}>{fr.resources.link}</a>
            </li>
          ) : null}
          <li>
            <a href={`/gestion/lieux/${placeId}/ateliers`}>{fr.workshopSetup.link}</a>
          </li>
          {canMediation ? (
            <li>
              <a href={`/gestion/lieux/${placeId}/accompagnements`}>{fr.mediation.link}</a>
            </li>
          ) : null}
          <li>
            <a href={`/gestion/lieux/${placeId}/statistiques`}>{fr.statistics.link}</a>
          </li>
          {itinerant ? (
            <li>
              <a href={`/gestion/lieux/${placeId}/arrets`}>{fr.stops.link}</a>
            </li>
          ) : null}
          {canMediation ? (
            <li>
              <a href={`/gestion/lieux/${placeId}/beneficiaires`}>{fr.beneficiaries.link}</a>
            </li>
          ) : null}
          {canSales ? (
            <li>
              <a href={`/gestion/lieux/${placeId}/caisse`}>{fr.sales.link}</a>
            </li>
          ) : null}
          {canApply ? (
            <li>
              <a href={`/gestion/lieux/${placeId}/candidatures`}>{fr.applications.pages.placeLink}</a>
            </li>
          ) : null}
          {newReferrals !== null ? (
            <li>
              <a href={`/gestion/lieux/${placeId}/orientations`}>{fr.referrals.inbox.link}</a>
              {newReferrals > 0 ? <strong> — {fr.referrals.inbox.newCount(newReferrals)}</strong> : null}
            </li>
          ) : null}
        </ul>
      </nav>
      <p>{m.status[status]}</p>
      {canPublish ? (
        <form method="post" action={action}>
          <input type="hidden" name="csrf" value={csrfToken} />
          <input type="hidden" name="version" value={values.version} />
          {status === "published" ? (
            <button type="submit" name="intent" value="unpublish">
              {m.unpublish}
            </button>
          ) : (
            <button type="submit" name="intent" value="publish">
              {m.publish}
            </button>
          )}
        </form>
      ) : null}
      {canEdit ? null : <p>{m.readOnly}</p>}
      <PlaceForm action={action} csrfToken={csrfToken} values={values} errors={errors} readOnly={!canEdit} hoursNotSimple={hoursNotSimple && values.hoursMode === "raw"} />
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
