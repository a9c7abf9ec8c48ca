import { data } from "react-router";
import type { Route } from "./+types/network-attach";
import { requireNetwork, requireNetworkForm } from "~/features/access/access.server";
import { attachPlace, placeIdSchema, searchPlacesToAttach } from "~/features/networks/membership.server";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { ErrorSummary, Notice } from "~/ui/form";

const m = fr.coordination;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, network } = await requireNetwork(request, context, params.slug);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 100);
  const found = await searchPlacesToAttach(context.get(appContext).database.db, network.id, q);
  return { network, q, ...found, csrfToken: signedIn.csrfToken };
}

type ActionData = { notice: string | null; error: string | null };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { database } = context.get(appContext);
  const { signedIn, network, form } = await requireNetworkForm(request, context, params.slug, 4096);
  const parsed = placeIdSchema.safeParse({ lieu: form.get("lieu") ?? "" });
  if (!parsed.success || form.get("intent") !== "attach") return data<ActionData>({ notice: null, error: parsed.success ? fr.errors.badRequest : parsed.error.issues[0]!.message }, { status: 400 });
  const result = await attachPlace(database.db, { network, placeId: parsed.data.lieu, actorUserId: signedIn.user.id });
  if (!result.ok) return data<ActionData>({ notice: null, error: result.error }, { status: 400 });
  return data<ActionData>({ notice: m.attached(result.placeName), error: null });
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function NetworkAttach({ loaderData, actionData }: Route.ComponentProps) {
  const { network, q, places, more, csrfToken } = loaderData;
  const base = `/gestion/reseaux/${network.slug}/rattacher`;
  const error = actionData?.error ?? null;
  const tooShort = q.trim() !== "" && q.trim().length < 3;
  return (
    <>
      <title>{`${error ? fr.backoffice.errorTitlePrefix : ""}${m.attachTitle(network.name)} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/reseaux/${network.slug}`}>{m.backToNetwork}</a>
      </p>
      <h1>{m.attachTitle(network.name)}</h1>
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      <ErrorSummary problems={error ? [{ href: "#lieux-trouves", text: error }] : []} />
      <p>{m.attachIntro}</p>
      <form method="get" action={base} role="search">
        <fieldset>
          <legend>{m.attachSearchLegend}</legend>
          <div className={tooShort ? "field field-invalid" : "field"}>
            <label htmlFor="rattacher-q">{m.attachSearchLabel}</label>
            {tooShort ? (
              <p id="rattacher-q-erreur" className="field-error">
                {m.attachTooShort}
              </p>
            ) : null}
            <input id="rattacher-q" name="q" type="search" defaultValue={q} aria-invalid={tooShort ? true : undefined} aria-describedby={tooShort ? "rattacher-q-erreur" : undefined} />
          </div>
          <button type="submit">{m.attachSearch}</button>
        </fieldset>
      </form>
      {q.trim().length >= 3 ? (
        <>
          <h2 id="lieux-trouves">{m.attachResults}</h2>
          <p role="status">{m.attachCount(places.length, more)}</p>
          <ul>
            {places.map((p) => (
              <li key={p.id}>
                <form method="post" action={`${base}?${new URLSearchParams({ q })}`}>
                  <input type="hidden" name="csrf" value={csrfToken} />
                  <input type="hidden" name="lieu" value={p.id} />
                  {p.name}, {p.postcode} {p.commune} ({fr.coordination.status[p.status] ?? p.status}){" "}
                  <button type="submit" name="intent" value="attach">
                    {m.attach(p.name, p.commune)}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
