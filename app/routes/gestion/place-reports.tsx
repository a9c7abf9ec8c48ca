import { data } from "react-router";
import type { Route } from "./+types/place-reports";
import { requirePlace, requirePlaceForm } from "~/features/access/access.server";
import { listPlaceReports, reportStatusFromParam, resolveReportFromForm } from "~/features/reports/manage.server";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { ReportsPageBody } from "~/features/reports/report-list";

const m = fr.attention.reports;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, place } = await requirePlace(request, context, params.placeId, "place.reports");
  const url = new URL(request.url);
  const status = reportStatusFromParam(url.searchParams.get("statut"));
  const list = await listPlaceReports(context.get(appContext).database.db, { placeId: place.id, status, page: Number(url.searchParams.get("page") ?? 1) });
  return { placeId: place.id, name: place.name, status, ...list, csrfToken: signedIn.csrfToken };
}

type ActionData = { notice: string | null; error: string | null };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { database } = context.get(appContext);
  const { signedIn, place, form } = await requirePlaceForm(request, context, params.placeId, "place.reports", 4096);
  const { status, ...answer } = await resolveReportFromForm(database.db, form, { placeId: place.id }, signedIn.user.id);
  return data<ActionData>(answer, { status });
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PlaceReports({ loaderData, actionData }: Route.ComponentProps) {
  const { placeId, name, status, reports, total, page, pages, csrfToken } = loaderData;
  const base = `/gestion/lieux/${placeId}/signalements`;
  const error = actionData?.error ?? null;
  return (
    <>
      <title>{`${error ? fr.backoffice.errorTitlePrefix : ""}${m.pageTitle(name)} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/lieux/${placeId}`}>{m.backToPlace}</a>
      </p>
      <h1>{m.pageTitle(name)}</h1>
      <ReportsPageBody base={base} status={status} reports={reports} total={total} page={page} pages={pages} csrfToken={csrfToken} showPlace={false} answer={actionData} />
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
