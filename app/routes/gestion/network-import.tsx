import { data } from "react-router";
import type { Route } from "./+types/network-import";
import { requireNetwork, requireNetworkForm } from "~/features/access/access.server";
import { IMPORT_MAX_BODY_BYTES, IMPORT_MAX_MB, importIntoNetwork, type ImportPageReport } from "~/features/places/web-import.server";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { ErrorSummary, FieldError, errorId, fieldId } from "~/ui/form";
import { ImportReportView } from "~/features/places/import-report-page";

const m = fr.coordination;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, network } = await requireNetwork(request, context, params.slug);
  return { network, csrfToken: signedIn.csrfToken, maxMb: IMPORT_MAX_MB };
}

type ActionData = { error: string | null; report: ImportPageReport | null };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, network, form } = await requireNetworkForm(request, context, params.slug, IMPORT_MAX_BODY_BYTES, { tooLarge: m.fileTooLarge(IMPORT_MAX_MB) });
  const { database } = context.get(appContext);
  const outcome = await importIntoNetwork(database, { network, file: form.get("fichier"), actorUserId: signedIn.user.id });
  if (!outcome.ok) return data<ActionData>({ error: outcome.error, report: null }, { status: 400 });
  return data<ActionData>({ error: null, report: outcome.report }, { status: outcome.report.written ? 200 : 422 });
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function NetworkImport({ loaderData, actionData }: Route.ComponentProps) {
  const { network, csrfToken, maxMb } = loaderData;
  const error = actionData?.error ?? null;
  const report = actionData?.report ?? null;
  const failed = error !== null || (report !== null && !report.written);
  return (
    <>
      <title>{`${failed ? fr.backoffice.errorTitlePrefix : ""}${m.importTitle(network.name)} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/reseaux/${network.slug}`}>{m.backToNetwork}</a>
      </p>
      <h1>{m.importTitle(network.name)}</h1>
      <ErrorSummary problems={error ? [{ href: `#${fieldId("fichier")}`, text: error }] : []} />
      {report ? <ImportReportView report={report} /> : null}
      {report ? <h2 id="importer">{m.importAgain}</h2> : null}
      <p>{m.importIntro}</p>
      <form method="post" action={`/gestion/reseaux/${network.slug}/import`} encType="multipart/form-data" aria-labelledby={report ? "importer" : undefined}>
        <input type="hidden" name="csrf" value={csrfToken} />
        <fieldset>
          <legend>{m.importLegend}</legend>
          <div className={error ? "field field-invalid" : "field"}>
            <label htmlFor={fieldId("fichier")}>{m.fileLabel} (obligatoire)</label>
            <p id={`${fieldId("fichier")}-aide`} className="hint">
              {m.fileHint(maxMb)}
            </p>
            <FieldError name="fichier" error={error ?? undefined} />
            <input
              type="file"
              id={fieldId("fichier")}
              name="fichier"
              accept=".csv,.json,text/csv,application/json"
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
