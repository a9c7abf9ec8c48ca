import { data, redirect } from "react-router";
import type { Route } from "./+types/network-call-grid";
import { requireNetwork, requireNetworkForm } from "~/features/access/access.server";
import { getCall, saveGrid } from "~/features/calls/calls.server";
import type { Grid } from "~/features/calls/form-types";
import { gridFormValues, readGridForm, typedGridValues, type GridFormValues } from "~/features/calls/grid-form";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { CsrfField, ErrorSummary, Notice, TextField } from "~/ui/form";

const p = fr.applications.pages;
const MAX_BODY_BYTES = 32_000;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, network } = await requireNetwork(request, context, params.slug, "network.calls");
  const call = await getCall(context.get(appContext).database.db, network.id, params.callSlug);
  if (!call) throw data(fr.backoffice.notFound, { status: 404 });
  return { network: { slug: network.slug }, call: { slug: call.slug, title: call.title }, values: gridFormValues(call.grid as Grid), csrfToken: signedIn.csrfToken, saved: new URL(request.url).searchParams.has("enregistre") };
}

type ActionData = { errors: Record<string, string>; values: GridFormValues; problem?: string };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, network, form } = await requireNetworkForm(request, context, params.slug, MAX_BODY_BYTES, { action: "network.calls" });
  const db = context.get(appContext).database.db;
  const call = await getCall(db, network.id, params.callSlug);
  if (!call) throw data(fr.backoffice.notFound, { status: 404 });
  const read = readGridForm(form);
  if (!read.ok) return data<ActionData>({ errors: read.errors, values: typedGridValues(form) }, { status: 400 });
  const saved = await saveGrid(db, { call, grid: read.grid, actorUserId: signedIn.user.id });
  if (!saved.ok) return data<ActionData>({ errors: {}, values: typedGridValues(form), problem: saved.error }, { status: 409 });
  return redirect(`/gestion/reseaux/${network.slug}/appels/${call.slug}/grille?enregistre`, 303);
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function NetworkCallGrid({ loaderData, actionData }: Route.ComponentProps) {
  const { network, call, csrfToken, saved } = loaderData;
  const values = actionData?.values ?? loaderData.values;
  const errors = actionData?.errors ?? {};
  const base = `/gestion/reseaux/${network.slug}/appels/${call.slug}`;
  const failed = Boolean(actionData);
  return (
    <>
      <title>{`${failed ? fr.backoffice.errorTitlePrefix : ""}${p.gridTitle(call.title)} — ${fr.site.name}`}</title>
      <p>
        <a href={base}>{p.backToCall}</a>
      </p>
      <h1>{p.gridTitle(call.title)}</h1>
      <p>{p.gridIntro}</p>
      {saved ? <Notice>{p.gridSaved}</Notice> : null}
      <ErrorSummary title={fr.backoffice.errorSummary} errors={errors} problem={actionData?.problem} />
      <form method="post" action={`${base}/grille`} noValidate className="backoffice-form">
        <CsrfField token={csrfToken} />
        <TextField name="echelle" label={p.gridScale} hint={p.gridScaleHint} value={values.echelle} error={errors.echelle} inputMode="numeric" />
        {values.rows.map((row, i) => (
          <fieldset key={i}>
            <legend>{row.label ? p.criterionLegend(i + 1, row.label) : p.newCriterion(i + 1)}</legend>
            <input type="hidden" name={`id_${i}`} value={row.id} />
            <TextField name={`critere_${i}`} label={p.criterionName} value={row.label} error={errors[`critere_${i}`]} />
            <TextField name={`poids_${i}`} label={p.criterionWeight} hint={p.criterionWeightHint} value={row.weight} error={errors[`poids_${i}`]} inputMode="numeric" />
          </fieldset>
        ))}
        <button type="submit">{p.saveGrid}</button>
      </form>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
