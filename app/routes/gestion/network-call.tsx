import { data, redirect } from "react-router";
import type { Route } from "./+types/network-call";
import { requireNetwork, requireNetworkForm } from "~/features/access/access.server";
import { callApplications } from "~/features/calls/applications.server";
import { ApplicationsTable, CallSettingsForm, CallStatusTag, SORTS, callSettingsValues, typedSettingsValues, type CallSettingsValues, type Sort } from "~/features/calls/call-parts";
import { archiveCall, CallSettingsSchema, getCall, publishCall, updateCallSettings } from "~/features/calls/calls.server";
import type { CallForm, Grid } from "~/features/calls/form-types";
import { formatDateTime } from "~/features/time/format";
import { appContext } from "~/context";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { formatNumber, fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { CsrfField, ErrorSummary, Notice } from "~/ui/form";

const m = fr.applications;
const p = m.pages;
const MAX_BODY_BYTES = 64_000;
const NOTICES = { publie: p.published, inchange: p.publishedUnchanged, parametres: p.settingsSaved, archive: p.archived } as const;

async function load(request: Request, context: Route.LoaderArgs["context"], params: Route.LoaderArgs["params"]) {
  const { signedIn, network } = await requireNetwork(request, context, params.slug, "network.calls");
  const call = await getCall(context.get(appContext).database.db, network.id, params.callSlug);
  if (!call) throw data(fr.backoffice.notFound, { status: 404 });
  return { signedIn, network, call };
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, network, call } = await load(request, context, params);
  const db = context.get(appContext).database.db;
  const url = new URL(request.url);
  const sort = (SORTS as readonly string[]).includes(url.searchParams.get("tri") ?? "") ? (url.searchParams.get("tri") as Sort) : "numero";
  const notice = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((k) => url.searchParams.has(k));
  const { rows, drafts } = await callApplications(db, call);
  const form = call.draftForm as CallForm;
  return {
    network: { slug: network.slug, name: network.name },
    call: {
      slug: call.slug, title: call.title, status: call.status, opensAt: call.opensAt, closesAt: call.closesAt, currentVersion: call.currentVersion, reviewsRequired: call.reviewsRequired, label: call.label, labelValidUntil: call.labelValidUntil, themes: call.themes,
      questions: form.sections.reduce((n, s) => n + s.questions.length, 0), criteria: (call.grid as Grid).criteria.length, scale: (call.grid as Grid).scale,
    },
    settings: callSettingsValues(call),
    rows,
    drafts,
    sort,
    csrfToken: signedIn.csrfToken,
    notice: notice ? NOTICES[notice] : null,
  };
}

type ActionData = { errors: FieldErrors; values?: CallSettingsValues; problem?: string };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, network, form } = await requireNetworkForm(request, context, params.slug, MAX_BODY_BYTES, { action: "network.calls" });
  const db = context.get(appContext).database.db;
  const call = await getCall(db, network.id, params.callSlug);
  if (!call) throw data(fr.backoffice.notFound, { status: 404 });
  const here = `/gestion/reseaux/${network.slug}/appels/${call.slug}`;
  switch (form.get("intent")) {
    case "publier": {
      const result = await publishCall(db, { callId: call.id, actorUserId: signedIn.user.id });
      if (result.kind === "empty") return data<ActionData>({ errors: {}, problem: p.publishEmpty }, { status: 400 });
      return redirect(`${here}?${result.kind === "published" ? "publie" : "inchange"}`, 303);
    }
    case "archiver":
      await archiveCall(db, { call, actorUserId: signedIn.user.id });
      return redirect(`${here}?archive`, 303);
    case "parametres": {
      const parsed = parseForm(CallSettingsSchema, form);
      if (!parsed.ok) return data<ActionData>({ errors: parsed.errors, values: typedSettingsValues(form) }, { status: 400 });
      await updateCallSettings(db, { call, settings: parsed.values, actorUserId: signedIn.user.id });
      return redirect(`${here}?parametres`, 303);
    }
    default:
      return data<ActionData>({ errors: {}, problem: p.invalidRequest }, { status: 400 });
  }
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function NetworkCall({ loaderData, actionData }: Route.ComponentProps) {
  const { network, call, settings, rows, drafts, sort, csrfToken, notice } = loaderData;
  const base = `/gestion/reseaux/${network.slug}/appels/${call.slug}`;
  const errors = actionData?.errors ?? {};
  const failed = Boolean(actionData?.problem || Object.keys(errors).length > 0);
  return (
    <>
      <title>{`${failed ? fr.backoffice.errorTitlePrefix : ""}${call.title} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/reseaux/${network.slug}/appels`}>{p.backToCalls}</a>
      </p>
      <h1>{call.title}</h1>
      <p>
        <CallStatusTag status={call.status} /> {p.dates(formatDateTime(call.opensAt), formatDateTime(call.closesAt))}
        {call.currentVersion ? ` · ${p.version(call.currentVersion)}` : ""}
      </p>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorSummary title={fr.backoffice.errorSummary} errors={errors} problem={actionData?.problem} />
      <ul className="quick-links">
        <li>
          <a href={`${base}/formulaire`}>{p.formLink(call.questions)}</a>
        </li>
        <li>
          <a href={`${base}/grille`}>{p.gridLink(call.criteria)}</a>
        </li>
      </ul>
      <form method="post" action={base} className="inline-form">
        <CsrfField token={csrfToken} />
        <input type="hidden" name="intent" value="publier" />
        <button type="submit">{call.status === "published" ? p.publishAgain : p.publish}</button>
      </form>
      <p className="hint">{p.publishHint}</p>
      <section aria-labelledby="dossiers">
        <h2 id="dossiers">{p.applicationsTitle}</h2>
        <p>{p.applicationsSummary(rows.length, drafts)}</p>
        <ApplicationsTable base={base} here={base} rows={rows} sort={sort} scale={call.scale} required={call.reviewsRequired} />
        {rows.length > 0 ? (
          <p>
            {p.exports}: <a href={`${base}/dossiers.csv`}>CSV</a> · <a href={`${base}/dossiers.xlsx`}>XLSX</a> · <a href={`${base}/fichiers.zip`}>{p.filesZip}</a>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="parametres">
        <h2 id="parametres">{p.settingsTitle}</h2>
        <CallSettingsForm action={base} csrfToken={csrfToken} intent="parametres" legend={p.settingsTitle} submit={p.saveSettings} values={actionData?.values ?? settings} errors={actionData?.values ? errors : {}} />
      </section>
      {call.status === "published" ? (
        <section aria-labelledby="archiver">
          <h2 id="archiver">{p.archiveTitle}</h2>
          <p>{p.archiveHint(formatNumber(rows.length))}</p>
          <form method="post" action={base}>
            <CsrfField token={csrfToken} />
            <input type="hidden" name="intent" value="archiver" />
            <button type="submit">{p.archive}</button>
          </form>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
