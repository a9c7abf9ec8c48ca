import { data, redirect } from "react-router";
import type { Route } from "./+types/network-create";
import { requireNetwork, requireNetworkForm } from "~/features/access/access.server";
import { CREATE_FIELDS, readCreateForm, type CreateErrors, type CreateValues } from "~/features/networks/create-place-form";
import { createNetworkPlace } from "~/features/networks/membership.server";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { ErrorSummary, TextField, fieldId } from "~/ui/form";

const m = fr.coordination;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, network } = await requireNetwork(request, context, params.slug);
  return { network, csrfToken: signedIn.csrfToken };
}

type ActionData = { values: CreateValues; errors: CreateErrors };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { database } = context.get(appContext);
  const { signedIn, network, form } = await requireNetworkForm(request, context, params.slug, 8192);
  const values = readCreateForm(form);
  const result = await createNetworkPlace(database.db, { network, values, actorUserId: signedIn.user.id });
  if (!result.ok) return data<ActionData>({ values, errors: result.errors }, { status: 400 });
  return redirect(`/gestion/lieux/${result.placeId}?cree`, 303);
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

const LABELS: Record<(typeof CREATE_FIELDS)[number], { label: string; hint?: string; autoComplete?: string; inputMode?: "numeric" }> = {
  nom: { label: m.nameLabel },
  pivot: { label: m.pivotLabel, hint: m.pivotHint },
  adresse: { label: m.addressLabel, autoComplete: "off" },
  code_postal: { label: m.postcodeLabel, hint: m.postcodeHint, inputMode: "numeric" },
  commune: { label: m.communeLabel },
};

export default function NetworkCreatePlace({ loaderData, actionData }: Route.ComponentProps) {
  const { network, csrfToken } = loaderData;
  const errors = actionData?.errors ?? {};
  const values = actionData?.values ?? { nom: "", pivot: "", adresse: "", code_postal: "", commune: "" };
  // Each line of the summary names its field: "Ce champ est obligatoire." alone would not say which.
  const problems = CREATE_FIELDS.flatMap((f) => (errors[f] ? [{ href: `#${fieldId(f)}`, text: `${LABELS[f].label} : ${errors[f]!}` }] : []));
  return (
    <>
      <title>{`${problems.length ? fr.backoffice.errorTitlePrefix : ""}${m.createTitle(network.name)} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/reseaux/${network.slug}`}>{m.backToNetwork}</a>
      </p>
      <h1>{m.createTitle(network.name)}</h1>
      <ErrorSummary problems={problems} />
      <p>{m.createIntro}</p>
      <form method="post" action={`/gestion/reseaux/${network.slug}/nouveau-lieu`} noValidate>
        <input type="hidden" name="csrf" value={csrfToken} />
        <fieldset>
          <legend>{m.createLegend}</legend>
          {CREATE_FIELDS.map((f) => (
            <TextField key={f} name={f} value={values[f]} error={errors[f]} required {...LABELS[f]} />
          ))}
        </fieldset>
        <button type="submit">{m.create}</button>
      </form>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
