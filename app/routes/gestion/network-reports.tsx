import { data } from "react-router";
import type { Route } from "./+types/network-reports";
import { requireNetwork, requireNetworkForm } from "~/features/access/access.server";
import { listNetworkReports, reportStatusFromParam, resolveReportFromForm } from "~/features/reports/manage.server";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { ReportsPageBody } from "~/features/reports/report-list";

const m = fr.attention.reports;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, network } = await requireNetwork(request, context, params.slug);
  const url = new URL(request.url);
  const status = reportStatusFromParam(url.searchParams.get("statut"));
  const list = await listNetworkReports(context.get(appContext).database.db, { networkId: network.id, status, page: Number(url.searchParams.get("page") ?? 1) });
  return { network, status, ...list, csrfToken: signedIn.csrfToken };
}

type ActionData = { notice: string | null; error: string | null };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { database } = context.get(appContext);
  const { signedIn, network, form } = await requireNetworkForm(request, context, params.slug, 4096);
  const { status, ...answer } = await resolveReportFromForm(database.db, form, { networkId: network.id }, signedIn.user.id);
  return data<ActionData>(answer, { status });
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function NetworkReports({ loaderData, actionData }: Route.ComponentProps) {
  const { network, status, reports, total, page, pages, csrfToken } = loaderData;
  const base = `/gestion/reseaux/${network.slug}/signalements`;
  const error = actionData?.error ?? null;
  return (
    <>
      <title>{`${error ? fr.backoffice.errorTitlePrefix : ""}${m.networkPageTitle(network.name)} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/reseaux/${network.slug}`}>{m.backToNetwork}</a>
      </p>
      <h1>{m.networkPageTitle(network.name)}</h1>
      <ReportsPageBody base={base} status={status} reports={reports} total={total} page={page} pages={pages} csrfToken={csrfToken} showPlace answer={actionData} />
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
