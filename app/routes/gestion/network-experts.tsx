import { data, redirect } from "react-router";
import type { Route } from "./+types/network-experts";
import { requireNetwork, requireNetworkForm } from "~/features/access/access.server";
import { ExpertSchema, inviteExpert, listExperts } from "~/features/calls/experts.server";
import { formatDateTime } from "~/features/time/format";
import { appContext } from "~/context";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { CsrfField, ErrorSummary, Notice, TextField } from "~/ui/form";

const m = fr.applications.experts;
// One notice whether the address had an account or not: the page does not tell who is on the platform.
const NOTICES = { invite: m.notice, deja: m.already } as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, network } = await requireNetwork(request, context, params.slug, "network.calls");
  const url = new URL(request.url);
  const notice = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((k) => url.searchParams.has(k));
  return { network: { slug: network.slug, name: network.name }, experts: await listExperts(context.get(appContext).database.db, network.id), csrfToken: signedIn.csrfToken, notice: notice ? NOTICES[notice] : null };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, network, form } = await requireNetworkForm(request, context, params.slug, 8_192, { action: "network.calls" });
  const values = { nom: String(form.get("nom") ?? ""), courriel: String(form.get("courriel") ?? ""), organisation: String(form.get("organisation") ?? "") };
  const parsed = parseForm(ExpertSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors as FieldErrors, values }, { status: 400 });
  const app = context.get(appContext);
  const result = await inviteExpert(app.database.db, { network, values: parsed.values, inviter: { id: signedIn.user.id, name: signedIn.user.name }, baseUrl: app.env.baseUrl });
  return redirect(`/gestion/reseaux/${network.slug}/experts?${result === "already" ? "deja" : "invite"}`, 303);
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function NetworkExperts({ loaderData, actionData }: Route.ComponentProps) {
  const { network, experts, csrfToken, notice } = loaderData;
  const here = `/gestion/reseaux/${network.slug}/experts`;
  const errors = actionData?.errors ?? {};
  return (
    <>
      <title>{`${actionData ? fr.backoffice.errorTitlePrefix : ""}${m.pageTitle(network.name)} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/reseaux/${network.slug}/appels`}>{fr.applications.pages.backToCalls}</a>
      </p>
      <h1>{m.pageTitle(network.name)}</h1>
      <p>{m.intro}</p>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorSummary title={fr.backoffice.errorSummary} errors={errors} />
      <section aria-labelledby="experts">
        <h2 id="experts">{m.listTitle}</h2>
        {experts.length === 0 ? (
          <p>{m.none}</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{m.columns.name}</th>
                <th scope="col">{m.columns.organisation}</th>
                <th scope="col">{m.columns.since}</th>
              </tr>
            </thead>
            <tbody>
              {experts.map((e) => (
                <tr key={e.id}>
                  <th scope="row">{e.name}</th>
                  <td>{e.organisation || "—"}</td>
                  <td>{formatDateTime(e.since)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="inviter">
        <h2 id="inviter">{m.inviteTitle}</h2>
        <form method="post" action={here} noValidate className="backoffice-form">
          <CsrfField token={csrfToken} />
          <TextField required name="nom" label={m.name} value={actionData?.values.nom} error={errors.nom} autoComplete="off" />
          <TextField required type="email" name="courriel" label={m.email} value={actionData?.values.courriel} error={errors.courriel} autoComplete="off" />
          <TextField name="organisation" label={m.organisation} value={actionData?.values.organisation} error={errors.organisation} />
          <button type="submit">{m.invite}</button>
        </form>
      </section>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
