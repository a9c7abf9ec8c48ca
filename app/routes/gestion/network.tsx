import { data } from "react-router";
import type { Route } from "./+types/network";
import { requireNetwork, requireNetworkForm } from "~/features/access/access.server";
import { LABEL_THEMES } from "~/features/networks/label-themes";
import { grantLabel, grantSchema, withdrawLabel } from "~/features/networks/labels.server";
import { listNetworkCommunes, listNetworkPlaces, readNetworkFilters } from "~/features/networks/network-places.server";
import { detachPlace } from "~/features/networks/membership.server";

import { appContext } from "~/context";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { formatDate } from "~/features/time/format";
import { fr } from "~/lib/messages";
import { Pager } from "~/ui/pager";
import { ErrorSummary, FieldError, Notice, errorId } from "~/ui/form";
import { BackofficeError } from "~/ui/backoffice-error";
import { todayInFrance } from "~/features/time/today";

const m = fr.backoffice.network;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, network } = await requireNetwork(request, context, params.slug);
  const url = new URL(request.url);
  const filters = readNetworkFilters(url.searchParams);
  const page = Number(url.searchParams.get("page") ?? 1);
  const { db } = context.get(appContext).database;
  const list = await listNetworkPlaces(db, network.id, { ...filters, page });
  const communes = await listNetworkCommunes(db, network.id);
  return { network, filters, communes, ...list, csrfToken: signedIn.csrfToken, today: todayInFrance(new Date()) };
}

type GrantValues = { lieu: string; themes: string[]; du: string; au: string };
type ActionData = { notice: string | null; errors: FieldErrors; values: GrantValues | null };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, network, form } = await requireNetworkForm(request, context, params.slug, 16_384);
  const { database } = context.get(appContext);
  const intent = form.get("intent");
  const str = (name: string) => (typeof form.get(name) === "string" ? (form.get(name) as string) : "");
  if (intent === "detach") {
    const result = await detachPlace(database.db, { network, placeId: str("lieu"), actorUserId: signedIn.user.id });
    if (!result.ok) return data<ActionData>({ notice: null, errors: { lieu: result.error }, values: null }, { status: 400 });
    return data<ActionData>({ notice: fr.coordination.detached(result.placeName), errors: {}, values: null });
  }
  if (intent === "withdraw") {
    const result = await withdrawLabel(database.db, network, str("lieu"), signedIn.user.id);
    if (!result.ok) return data<ActionData>({ notice: null, errors: { lieu: result.error }, values: null }, { status: 400 });
    return data<ActionData>({ notice: m.withdrawn(result.placeName), errors: {}, values: null });
  }
  const values: GrantValues = { lieu: str("lieu"), themes: form.getAll("themes").filter((t): t is string => typeof t === "string"), du: str("du"), au: str("au") };
  if (intent !== "grant") return data<ActionData>({ notice: null, errors: { lieu: fr.errors.badRequest }, values }, { status: 400 });
  const parsed = parseForm(grantSchema, values);
  if (!parsed.ok) return data<ActionData>({ notice: null, errors: parsed.errors, values }, { status: 400 });
  const result = await grantLabel(database.db, network, parsed.values, signedIn.user.id);
  if (!result.ok) return data<ActionData>({ notice: null, errors: { lieu: result.error }, values }, { status: 400 });
  return data<ActionData>({ notice: m.granted(result.placeName), errors: {}, values: null });
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function NetworkPage({ loaderData, actionData }: Route.ComponentProps) {
  const { network, filters, communes, places, total, page, pages, csrfToken, today } = loaderData;
  const c = fr.coordination;
  const errors = actionData?.errors ?? {};
  const failed = actionData?.values ?? null;
  const base = `/gestion/reseaux/${network.slug}`;
  const rowId = (placeId: string, name: string) => `label-${placeId}-${name}`;
  const problems = Object.entries(errors).map(([key, text]) => ({ href: failed && key !== "lieu" && key !== "form" ? `#${rowId(failed.lieu, key)}` : "#lieux", text: text ?? "" }));
  const pageLink = (n: number) =>
    `${base}?${new URLSearchParams({
      ...(filters.q ? { q: filters.q } : {}),
      ...(filters.label ? { label: filters.label } : {}),
      ...(filters.commune ? { commune: filters.commune } : {}),
      ...(filters.stale ? { maj: "ancienne" } : {}),
      page: String(n),
    })}`;
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
      <nav aria-label={c.nav}>
        <ul>
          <li>
            <a href={`${base}/signalements`}>{fr.attention.reports.networkLink}</a>
          </li>
          <li>
            <a href={`${base}/statistiques`}>{fr.statistics.link}</a>
          </li>
          <li>
            <a href={`${base}/nouveau-lieu`}>{c.createLink}</a>
          </li>
          <li>
            <a href={`${base}/rattacher`}>{c.attachLink}</a>
          </li>
          <li>
            <a href={`${base}/import`}>{c.importLink}</a>
          </li>
          <li>
            <a href={`${base}/partenaires`}>{fr.partners.link}</a>
          </li>
          <li>
            <a href={`${base}/appels`}>{fr.applications.pages.networkLink}</a>
          </li>
        </ul>
      </nav>
      <form method="get" action={base} role="search">
        <fieldset>
          <legend>{m.filterLegend}</legend>
          <div className="field">
            <label htmlFor="filtre-q">{m.filterLabel}</label> <input id="filtre-q" name="q" type="search" defaultValue={filters.q} />
          </div>
          <fieldset>
            <legend>{c.filterLabelLegend}</legend>
            {([["", c.labelAny], ["oui", c.labelYes], ["non", c.labelNo]] as const).map(([value, text]) => (
              <div className="check" key={value || "tous"}>
                <input type="radio" id={`filtre-label-${value || "tous"}`} name="label" value={value} defaultChecked={filters.label === value} />
                <label htmlFor={`filtre-label-${value || "tous"}`}>{text}</label>
              </div>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="filtre-commune">{c.commune}</label>{" "}
            <select id="filtre-commune" name="commune" defaultValue={filters.commune}>
              <option value="">{c.communeAny}</option>
              {communes.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <div className="check">
            <input type="checkbox" id="filtre-maj" name="maj" value="ancienne" defaultChecked={filters.stale} />
            <label htmlFor="filtre-maj">{c.staleOnly}</label>
          </div>
          <button type="submit">{m.filter}</button>
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
              {c.status[p.status] ?? p.status} — {c.updatedOn(formatDate(p.updatedOn))}
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
            <form method="post" action={base}>
              <input type="hidden" name="csrf" value={csrfToken} />
              <input type="hidden" name="lieu" value={p.id} />
              <p className="hint">{c.detachHint}</p>
              <button type="submit" name="intent" value="detach">
                {c.detach(p.name)}
              </button>
            </form>
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
