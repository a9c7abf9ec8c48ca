import { data, redirect } from "react-router";
import type { Route } from "./+types/network-calls";
import { requireNetwork, requireNetworkForm } from "~/features/access/access.server";
import { CallSettingsForm, CallStatusTag, callSettingsValues, typedSettingsValues, type CallSettingsValues } from "~/features/calls/call-parts";
import { CallSettingsSchema, createCall, listCalls } from "~/features/calls/calls.server";
import { formatDateTime } from "~/features/time/format";
import { appContext } from "~/context";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { formatNumber, fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { ErrorSummary } from "~/ui/form";

const m = fr.applications;
const p = m.pages;
const MAX_BODY_BYTES = 64_000;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, network } = await requireNetwork(request, context, params.slug, "network.calls");
  const db = context.get(appContext).database.db;
  const list = await listCalls(db, network.id);
  return {
    network: { slug: network.slug, name: network.name },
    calls: list.map(({ call, counts }) => ({ slug: call.slug, title: call.title, status: call.status, opensAt: call.opensAt, closesAt: call.closesAt, counts })),
    csrfToken: signedIn.csrfToken,
  };
}

type ActionData = { errors: FieldErrors; values: CallSettingsValues };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, network, form } = await requireNetworkForm(request, context, params.slug, MAX_BODY_BYTES, { action: "network.calls" });
  if (form.get("intent") !== "creer") return data({ errors: { form: p.invalidRequest }, values: typedSettingsValues(form) } satisfies ActionData, { status: 400 });
  const parsed = parseForm(CallSettingsSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: typedSettingsValues(form) } satisfies ActionData, { status: 400 });
  const call = await createCall(context.get(appContext).database.db, { networkId: network.id, settings: parsed.values, actorUserId: signedIn.user.id });
  return redirect(`/gestion/reseaux/${network.slug}/appels/${call.slug}/formulaire?cree`, 303);
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function NetworkCalls({ loaderData, actionData }: Route.ComponentProps) {
  const { network, calls, csrfToken } = loaderData;
  const base = `/gestion/reseaux/${network.slug}`;
  const errors = actionData?.errors ?? {};
  const failed = Object.keys(errors).length > 0;
  return (
    <>
      <title>{`${failed ? fr.backoffice.errorTitlePrefix : ""}${p.callsTitle(network.name)} — ${fr.site.name}`}</title>
      <p>
        <a href={base}>{fr.partners.backToNetwork}</a>
      </p>
      <h1>{p.callsTitle(network.name)}</h1>
      <p>{p.callsIntro}</p>
      <p>
        <a href={`${base}/label`}>{p.dashboardLink}</a> · <a href={`${base}/experts`}>{p.expertsLink}</a>
      </p>
      <ErrorSummary title={fr.backoffice.errorSummary} errors={errors} />
      <section aria-labelledby="appels">
        <h2 id="appels">{p.callsListTitle}</h2>
        {calls.length === 0 ? (
          <p>{p.noCalls}</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{p.columns.call}</th>
                <th scope="col">{p.columns.status}</th>
                <th scope="col">{p.columns.dates}</th>
                <th scope="col">{p.columns.applications}</th>
              </tr>
            </thead>
            <tbody>
              {calls.map((call) => {
                const total = Object.entries(call.counts).reduce((sum, [, n]) => sum + n, 0);
                return (
                  <tr key={call.slug}>
                    <th scope="row">
                      <a href={`${base}/appels/${call.slug}`}>{call.title}</a>
                    </th>
                    <td>
                      <CallStatusTag status={call.status} />
                    </td>
                    <td>{p.dates(formatDateTime(call.opensAt), formatDateTime(call.closesAt))}</td>
                    <td>
                      {formatNumber(total)}
                      {call.counts.accepted ? ` ${p.acceptedCount(call.counts.accepted)}` : ""}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="nouvel-appel">
        <h2 id="nouvel-appel">{p.newCallTitle}</h2>
        <CallSettingsForm action={`${base}/appels`} csrfToken={csrfToken} intent="creer" legend={p.newCallTitle} submit={p.createCall} values={actionData?.values ?? callSettingsValues()} errors={errors} />
      </section>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
