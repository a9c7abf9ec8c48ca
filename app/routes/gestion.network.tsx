import { data } from "react-router";
import type { Route } from "./+types/gestion.network";
import { requireCsrf, requireUser } from "~/features/accounts/auth.server";
import { requireNetwork } from "~/features/backoffice/access.server";
import { LABEL_THEMES } from "~/features/backoffice/label-themes";
import { grantLabel, grantSchema, listNetworkPlaces, withdrawLabel } from "~/features/backoffice/network.server";
import { todayInFrance } from "~/features/backoffice/place-edit.server";
import { appContext } from "~/lib/context";
import { formatDate, fr } from "~/lib/messages";
import { Pager } from "~/ui/pager";
import { ErrorSummary, FieldError, Notice, errorId } from "~/ui/backoffice-form";
import { BackofficeError } from "~/ui/backoffice-error";

const m = fr.backoffice.network;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, network } = await requireNetwork(request, context, params.slug);
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const page = Number(url.searchParams.get("page") ?? 1);
  const list = await listNetworkPlaces(context.get(appContext).database.db, network.id, { q, page: Number.isInteger(page) ? page : 1 });
  return { network, q, ...list, csrfToken: signedIn.csrfToken, today: todayInFrance(new Date()) };
}

type GrantValues = { lieu: string; themes: string[]; du: string; au: string };
type ActionData = { notice: string | null; errors: Record<string, string>; values: GrantValues | null };

export async function action({ request, params, context }: Route.ActionArgs) {
  const signedIn = await requireUser(request, context);
  const { database, env } = context.get(appContext);
  if (Number(request.headers.get("content-length") ?? 0) > 16_384) throw data(fr.report.tooLarge, { status: 413 });
  const form = await request.formData();
  requireCsrf(request, form, signedIn, env);
  const { network } = await requireNetwork(request, context, params.slug);
  const intent = form.get("intent");
  const str = (name: string) => (typeof form.get(name) === "string" ? (form.get(name) as string) : "");
  if (intent === "withdraw") {
    const result = await withdrawLabel(database.db, network, str("lieu"), signedIn.user.id);
    if (!result.ok) return data<ActionData>({ notice: null, errors: { lieu: result.error }, values: null }, { status: 400 });
    return data<ActionData>({ notice: m.withdrawn(result.placeName), errors: {}, values: null });
  }
  const values: GrantValues = { lieu: str("lieu"), themes: form.getAll("themes").filter((t): t is string => typeof t === "string"), du: str("du"), au: str("au") };
  if (intent !== "grant") return data<ActionData>({ notice: null, errors: { lieu: fr.errors.badRequest }, values }, { status: 400 });
  const parsed = grantSchema.safeParse(values);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "lieu")] ??= issue.message;
    return data<ActionData>({ notice: null, errors, values }, { status: 400 });
  }
  const result = await grantLabel(database.db, network, parsed.data, signedIn.user.id);
  if (!result.ok) return data<ActionData>({ notice: null, errors: { lieu: result.error }, values }, { status: 400 });
  return data<ActionData>({ notice: m.granted(result.placeName), errors: {}, values: null });
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function NetworkPage({ loaderData, actionData }: Route.ComponentProps) {
  const { network, q, places, total, page, pages, csrfToken, today } = loaderData;
  const errors = actionData?.errors ?? {};
  const failed = actionData?.values ?? null;
  const base = `/gestion/reseaux/${network.slug}`;
  const rowId = (placeId: string, name: string) => `label-${placeId}-${name}`;
  const problems = Object.entries(errors).map(([key, text]) => ({ href: failed && key !== "lieu" ? `#${rowId(failed.lieu, key)}` : "#lieux", text }));
  const pageLink = (n: number) => `${base}?${new URLSearchParams({ ...(q ? { q } : {}), page: String(n) })}`;
  return (
    <>
      <title>{`${problems.length ? fr.backoffice.errorTitlePrefix : ""}${m.pageTitle(network.name)} — ${fr.site.name}`}</title>
      <p>
        <a href="/gestion">{fr.backoffice.back}</a>
      </p>
      <h1>{m.pageTitle(network.name)}</h1>
      <p>
        <a href={`${base}/journal`}>{fr.backoffice.audit.networkLink}</a>
      </p>
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      <ErrorSummary problems={problems} />
      <form method="get" action={base} role="search">
        <fieldset>
          <legend>{m.filterLegend}</legend>
          <label htmlFor="filtre-q">{m.filterLabel}</label> <input id="filtre-q" name="q" type="search" defaultValue={q} /> <button type="submit">{m.filter}</button>
        </fieldset>
      </form>
      <h2 id="lieux">{m.places}</h2>
      <p role="status">{m.count(total)}</p>
      {places.map((p) => {
        const mine = failed?.lieu === p.id;
        const v = mine && failed ? failed : { lieu: p.id, themes: [], du: today, au: "" };
        const err = (name: string) => (mine ? errors[name] : undefined);
        return (
          <section key={p.id} aria-labelledby={`lieu-${p.id}`} className="network-place">
            <h3 id={`lieu-${p.id}`}>
              {p.name}, {p.commune}
            </h3>
            <p>
              <a href={`/gestion/lieux/${p.id}`}>
                {m.edit} : {p.name}
              </a>
            </p>
            <p>
              {p.label ? `${m.labelled(p.label.validUntil ? formatDate(p.label.validUntil) : null)}${p.label.themes.length ? ` (${m.themes} : ${p.label.themes.join(", ")})` : ""}` : m.notLabelled}
            </p>
            {p.label ? (
              <form method="post" action={base}>
                <input type="hidden" name="csrf" value={csrfToken} />
                <input type="hidden" name="lieu" value={p.id} />
                <button type="submit" name="intent" value="withdraw">
                  {m.withdraw(p.name)}
                </button>
              </form>
            ) : (
              <form method="post" action={base} noValidate>
                <input type="hidden" name="csrf" value={csrfToken} />
                <input type="hidden" name="lieu" value={p.id} />
                <fieldset>
                  <legend>{m.grantLegend(p.name)}</legend>
                  <fieldset aria-describedby={err("themes") ? errorId(rowId(p.id, "themes")) : undefined}>
                    <legend>{m.themes}</legend>
                    <FieldError name={rowId(p.id, "themes")} error={err("themes")} />
                    {LABEL_THEMES.map((theme, i) => (
                      <div className="check" key={theme}>
                        <input type="checkbox" id={i === 0 ? rowId(p.id, "themes") : `${rowId(p.id, "themes")}-${i}`} name="themes" value={theme} defaultChecked={v.themes.includes(theme)} />
                        <label htmlFor={i === 0 ? rowId(p.id, "themes") : `${rowId(p.id, "themes")}-${i}`}>{theme}</label>
                      </div>
                    ))}
                  </fieldset>
                  {(["du", "au"] as const).map((name) => (
                    <div key={name} className={err(name) ? "field field-invalid" : "field"}>
                      <label htmlFor={rowId(p.id, name)}>{name === "du" ? m.validFrom : m.validUntil}</label>
                      <FieldError name={rowId(p.id, name)} error={err(name)} />
                      <input
                        type="date"
                        id={rowId(p.id, name)}
                        name={name}
                        defaultValue={v[name]}
                        aria-invalid={err(name) ? true : undefined}
                        aria-describedby={err(name) ? errorId(rowId(p.id, name)) : undefined}
                      />
                    </div>
                  ))}
                  <button type="submit" name="intent" value="grant">
                    {m.grant}
                  </button>
                </fieldset>
              </form>
            )}
          </section>
        );
      })}
      <Pager page={page} pages={pages} href={pageLink} label={m.pagination} />
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
