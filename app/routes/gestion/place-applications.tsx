import { data, redirect } from "react-router";
import type { Route } from "./+types/place-applications";
import { requirePlace, requirePlaceForm } from "~/features/access/access.server";
import { placeApplications, startApplication } from "~/features/calls/applications.server";
import { StateTag } from "~/features/calls/call-parts";
import { callsForPlace, getCallById, isOpen } from "~/features/calls/calls.server";
import { placeLabelHistory, renewableApplication } from "~/features/calls/labels.server";
import { formatDate, formatDateTime } from "~/features/time/format";
import { appContext } from "~/context";
import { isUuid } from "~/lib/ids";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { CsrfField, ErrorSummary } from "~/ui/form";

const m = fr.applications;
const p = m.pages;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, place } = await requirePlace(request, context, params.placeId, "place.applications");
  const db = context.get(appContext).database.db;
  const now = new Date();
  const [calls, mine, labels] = await Promise.all([callsForPlace(db, place.id, now), placeApplications(db, place.id), placeLabelHistory(db, place.id)]);
  const renewals = await Promise.all(calls.map((c) => (c.applicationId ? null : renewableApplication(db, { placeId: place.id, networkId: c.call.networkId }))));
  return {
    place: { id: place.id, name: place.name },
    calls: calls.map((c, i) => ({
      id: c.call.id, title: c.call.title, description: c.call.description, networkName: c.networkName, closesAt: c.call.closesAt, open: isOpen(c.call, now), themes: c.call.themes,
      applicationId: c.applicationId, state: c.state, number: c.number, renewalOf: renewals[i] ?? null,
    })),
    mine,
    labels,
    csrfToken: signedIn.csrfToken,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, place, form } = await requirePlaceForm(request, context, params.placeId, "place.applications", 4_096);
  const db = context.get(appContext).database.db;
  const callId = String(form.get("appel") ?? "");
  const call = isUuid(callId) ? await getCallById(db, callId) : null;
  if (!call || call.status !== "published") throw data(fr.backoffice.notFound, { status: 404 });
  const renewalOf = String(form.get("renouvellement") ?? "");
  const result = await startApplication(db, { call, placeId: place.id, actorUserId: signedIn.user.id, renewalOf: isUuid(renewalOf) ? renewalOf : null });
  if (result.kind === "closed") return data({ problem: p.callClosed }, { status: 409 });
  if (result.kind === "not-allowed") return data({ problem: p.notAllowed }, { status: 403 });
  return redirect(`/gestion/lieux/${place.id}/candidatures/${result.applicationId}`, 303);
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PlaceApplications({ loaderData, actionData }: Route.ComponentProps) {
  const { place, calls, mine, labels, csrfToken } = loaderData;
  const here = `/gestion/lieux/${place.id}/candidatures`;
  return (
    <>
      <title>{`${actionData ? fr.backoffice.errorTitlePrefix : ""}${p.placeTitle(place.name)} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/lieux/${place.id}`}>{p.backToPlace}</a>
      </p>
      <h1>{p.placeTitle(place.name)}</h1>
      <ErrorSummary title={fr.backoffice.errorSummary} problem={actionData?.problem} />
      <section aria-labelledby="labels">
        <h2 id="labels">{p.labelsTitle}</h2>
        {labels.length ? (
          <ul>
            {labels.map((l) => (
              <li key={`${l.network}-${l.since}`}>
                {p.labelLine(l.label, formatDate(l.since), l.until ? formatDate(l.until) : null, l.current)}
                {l.themes.length ? ` — ${l.themes.join(", ")}` : ""}
              </li>
            ))}
          </ul>
        ) : (
          <p>{p.noLabel}</p>
        )}
      </section>
      <section aria-labelledby="appels">
        <h2 id="appels">{p.openCallsTitle}</h2>
        {calls.length === 0 ? (
          <p>{p.noOpenCall}</p>
        ) : (
          calls.map((call) => (
            <article key={call.id} className="place">
              <h3>{call.title}</h3>
              <p>
                {call.networkName} · {call.open ? p.closesOn(formatDateTime(call.closesAt)) : p.closedOn(formatDateTime(call.closesAt))}
              </p>
              {call.themes.length ? <p>{p.themesLine(call.themes.join(", "))}</p> : null}
              {call.description ? <p className="pre-line">{call.description}</p> : null}
              {call.applicationId ? (
                <p>
                  <a href={`${here}/${call.applicationId}`}>{p.openApplication(call.number!)}</a> <StateTag state={call.state!} />
                </p>
              ) : call.open ? (
                <form method="post" action={here} className="inline-form">
                  <CsrfField token={csrfToken} />
                  <input type="hidden" name="appel" value={call.id} />
                  {call.renewalOf ? <input type="hidden" name="renouvellement" value={call.renewalOf} /> : null}
                  <button type="submit">{call.renewalOf ? p.startRenewal : p.start}</button>
                  {call.renewalOf ? <p className="hint">{p.renewalHint}</p> : null}
                </form>
              ) : null}
            </article>
          ))
        )}
      </section>
      {mine.length ? (
        <section aria-labelledby="dossiers">
          <h2 id="dossiers">{p.myApplications}</h2>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{p.columns.call}</th>
                <th scope="col">{p.columns.number}</th>
                <th scope="col">{p.columns.state}</th>
                <th scope="col">{p.columns.since}</th>
              </tr>
            </thead>
            <tbody>
              {mine.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <a href={`${here}/${a.id}`}>{a.callTitle}</a>
                  </th>
                  <td>{a.number}</td>
                  <td>
                    <StateTag state={a.state} />
                  </td>
                  <td>{formatDateTime(a.stateAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
