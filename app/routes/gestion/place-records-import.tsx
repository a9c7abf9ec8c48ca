import { data } from "react-router";
import type { Route } from "./+types/place-records-import";
import { requirePlace, requirePlaceForm } from "~/features/access/access.server";
import type { CoopImportReport } from "~/features/mediation/coop-import";
import { COOP_IMPORT_MAX_BODY_BYTES, COOP_IMPORT_MAX_MB, importCoopActivities } from "~/features/mediation/coop-import.server";
import { CoopImportReportView } from "~/features/mediation/coop-import-parts";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { ErrorSummary, FieldError, errorId, fieldId } from "~/ui/form";

const m = fr.mediationExports;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, place } = await requirePlace(request, context, params.placeId, "place.mediation");
  return { place: { id: place.id, name: place.name }, csrfToken: signedIn.csrfToken, maxMb: COOP_IMPORT_MAX_MB };
}

type ActionData = { error: string | null; report: CoopImportReport | null };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, place, form } = await requirePlaceForm(request, context, params.placeId, "place.mediation", COOP_IMPORT_MAX_BODY_BYTES, m.fileTooLarge(COOP_IMPORT_MAX_MB));
  const outcome = await importCoopActivities(context.get(appContext).database.db, { place, file: form.get("fichier"), actorUserId: signedIn.user.id });
  if (!outcome.ok) return data<ActionData>({ error: outcome.error, report: null }, { status: 400 });
  return data<ActionData>({ error: null, report: outcome.report }, { status: outcome.report.kind === "imported" ? 200 : 422 });
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PlaceRecordsImport({ loaderData, actionData }: Route.ComponentProps) {
  const { place, csrfToken, maxMb } = loaderData;
  const error = actionData?.error ?? null;
  const report = actionData?.report ?? null;
  const failed = error !== null || report?.kind === "invalid";
  const here = `/gestion/lieux/${place.id}/accompagnements/import`;
  return (
    <>
      <title>{`${failed ? fr.backoffice.errorTitlePrefix : ""}${m.importTitle(place.name)} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/lieux/${place.id}/accompagnements`}>{m.backToList}</a>
      </p>
      <h1>{m.importTitle(place.name)}</h1>
      <ErrorSummary problems={error ? [{ href: `#${fieldId("fichier")}`, text: error }] : []} />
      {report ? <CoopImportReportView report={report} /> : null}
      {report ? <h2 id="importer">{m.importAgain}</h2> : null}
      <p>{m.importIntro}</p>
      <ul>
        {m.importRules.map((rule) => (
          <li key={rule}>{rule}</li>
        ))}
      </ul>
      <form method="post" action={here} encType="multipart/form-data" aria-labelledby={report ? "importer" : undefined}>
        <input type="hidden" name="csrf" value={csrfToken} />
        <fieldset>
          <legend>{m.importLegend}</legend>
          <div className={error ? "field field-invalid" : "field"}>
            <label htmlFor={fieldId("fichier")}>{`${m.fileLabel}${fr.forms.required}`}</label>
            <p id={`${fieldId("fichier")}-aide`} className="hint">
              {m.fileHint(maxMb)}
            </p>
            <FieldError name="fichier" error={error ?? undefined} />
            <input
              type="file"
              id={fieldId("fichier")}
              name="fichier"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              required
              aria-invalid={error ? true : undefined}
              aria-describedby={[`${fieldId("fichier")}-aide`, error ? errorId("fichier") : null].filter(Boolean).join(" ")}
            />
          </div>
        </fieldset>
        <button type="submit">{m.importButton}</button>
      </form>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
