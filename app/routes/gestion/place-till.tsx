import { data, redirect } from "react-router";
import type { Route } from "./+types/place-till";
import { requirePlace, requirePlaceForm } from "~/features/access/access.server";
import { searchBeneficiaries } from "~/features/mediation/beneficiaries.server";
import { can } from "~/features/policy/policy";
import { placeToday } from "~/features/memberships/memberships.server";
import { openCashDay } from "~/features/sales/cash-days.server";
import { OpenDaySchema, saleSchema, typedSaleValues } from "~/features/sales/sale-form";
import { recordSale } from "~/features/sales/sales.server";
import { loadTill } from "~/features/sales/till.server";
import { OpenDayForm, SaleForm, SalesTable } from "~/features/sales/till-parts";
import { formatDate } from "~/features/time/format";
import { appContext } from "~/context";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { isUuid } from "~/lib/ids";
import { formatEuros } from "~/lib/money";
import { BackofficeError } from "~/ui/backoffice-error";
import { ErrorSummary, Notice } from "~/ui/form";

const m = fr.sales;
const MAX_BODY_BYTES = 32 * 1024;
const idParam = (url: URL, name: string) => {
  const v = url.searchParams.get(name) ?? "";
  return isUuid(v) ? v : null;
};

/** « Caisse »: open the day, sell (to a person followed or anonymously), today's receipts. The place's managers and mediators. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, place, target } = await requirePlace(request, context, params.placeId, "place.sales");
  const db = context.get(appContext).database.db;
  const url = new URL(request.url);
  const today = await placeToday(db, place.id);
  const tarif = url.searchParams.get("tarif");
  const till = await loadTill(db, {
    placeId: place.id, today, beneficiaryId: idParam(url, "personne"), categoryId: tarif === null ? undefined : idParam(url, "tarif"),
    bookingId: idParam(url, "reservation"), registrationId: idParam(url, "inscription"),
  });
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const found = q && !till.person ? await searchBeneficiaries(db, { placeId: place.id, q, limit: 10 }) : [];
  return {
    place: { id: place.id, name: place.name, timeZone: place.timeZone },
    csrfToken: signedIn.csrfToken,
    canManage: can(signedIn.principal, "place.sales.manage", target),
    opened: url.searchParams.has("ouverte"),
    q,
    // Two people may share a name: their commune and birth year tell them apart.
    found: found.map((p) => ({ id: p.id, name: [p.firstName, p.lastName].filter(Boolean).join(" "), details: [p.communeName, p.birthYear ? String(p.birthYear) : null].filter(Boolean).join(", ") })),
    ...till,
    day: till.day ? { ...till.day, openedAt: till.day.openedAt.toISOString(), closedAt: till.day.closedAt?.toISOString() ?? null } : null,
    sales: till.sales.map((s) => ({ ...s, soldAt: s.soldAt.toISOString() })),
  };
}

type ActionData = { errors: FieldErrors; values: Record<string, string>; problem?: string };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, place, form } = await requirePlaceForm(request, context, params.placeId, "place.sales", MAX_BODY_BYTES);
  const db = context.get(appContext).database.db;
  const values = typedSaleValues(form);
  const failed = (errors: FieldErrors, problem?: string) => data<ActionData>({ errors, values, problem }, { status: 400 });
  const here = `/gestion/lieux/${place.id}/caisse`;
  if (form.get("intent") === "ouvrir") {
    const parsed = parseForm(OpenDaySchema, form);
    if (!parsed.ok) return failed(parsed.errors);
    const opened = await openCashDay(db, { placeId: place.id, openingFloatCents: parsed.values.fond!, actorUserId: signedIn.user.id });
    if (opened.kind === "already-closed") return failed({}, m.closedToday);
    return redirect(`${here}?ouverte`, 303);
  }
  if (form.get("intent") !== "vendre") return failed({}, fr.errors.badRequest);
  const itemIds = [...form.keys()].filter((k) => k.startsWith("qte-")).map((k) => k.slice(4)).filter((id) => isUuid(id));
  const parsed = parseForm(saleSchema(itemIds), form);
  if (!parsed.ok) return failed(parsed.errors);
  const sale = parsed.values;
  const result = await recordSale(db, { placeId: place.id, actorUserId: signedIn.user.id, ...sale });
  const e = m.errors;
  switch (result.kind) {
    case "sold":
      return redirect(`${here}/ventes/${result.saleId}?enregistree`, 303);
    case "day-not-open":
      return failed({}, e.dayNotOpen);
    case "day-closed":
      return failed({}, e.dayClosed);
    case "nothing-sold":
      return failed({ form: e.nothing });
    case "unknown-person":
      return failed({}, e.person);
    case "unknown-item":
      return failed({}, e.item);
    case "unknown-category":
      return failed({}, e.category);
    case "unknown-link":
      return failed({}, e.link);
    case "no-price":
      return failed({}, e.noPrice(result.label));
    case "person-needed":
      return failed({}, e.personNeeded(result.label));
    case "topup-by-credit":
      return failed({ paiement: e.topupByCredit });
    case "insufficient-credit":
      return failed({ paiement: e.insufficientCredit(result.balanceCents, result.totalCents) });
    case "credit-spent":
      throw data(fr.errors.badRequest, { status: 400 });
  }
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PlaceTill({ loaderData, actionData }: Route.ComponentProps) {
  const { place, csrfToken, canManage, opened, q, found, today, day, suggestedFloatCents, leftOpen, categories, categoryId, items, person, link, sales } = loaderData;
  const here = `/gestion/lieux/${place.id}/caisse`;
  const errors = actionData?.errors ?? {};
  const values = actionData?.values ?? {};
  const failed = Boolean(actionData?.problem || Object.keys(errors).length > 0);
  // Links that keep what is chosen (person, rate, what the sale pays for) and change one thing.
  const keep = (change: Record<string, string | null>) => {
    const p = new URLSearchParams();
    const current: Record<string, string | null> = { personne: person?.id ?? null, tarif: categoryId ?? (categories.length ? "" : null), reservation: link?.kind === "booking" ? link.id : null, inscription: link?.kind === "registration" ? link.id : null, ...change };
    for (const [k, v] of Object.entries(current)) if (v !== null) p.set(k, v);
    const s = p.toString();
    return s ? `${here}?${s}` : here;
  };
  const dayOpen = day && !day.closedAt;
  return (
    <>
      <title>{`${failed ? fr.backoffice.errorTitlePrefix : ""}${m.pageTitle(place.name)} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/lieux/${place.id}`}>{m.backToPlace}</a>
      </p>
      <h1>{m.pageTitle(place.name)}</h1>
      <nav aria-label={m.link}>
        <ul className="inline-list">
          <li>
            <a href={`${here}/journal?jour=${today}`}>{m.dayLink}</a>
          </li>
          <li>
            <a href={`${here}/adherents`}>{m.membersLink}</a>
          </li>
          {canManage ? (
            <li>
              <a href={`${here}/tarifs`}>{m.tariffsLink}</a>
            </li>
          ) : null}
        </ul>
      </nav>
      {opened ? <Notice>{m.opened}</Notice> : null}
      <ErrorSummary title={fr.backoffice.errorSummary} errors={errors} problem={actionData?.problem} />
      {leftOpen.length ? (
        <p className="warning">
          {m.leftOpen(leftOpen.map((d) => formatDate(d)).join(", "))}{" "}
          {leftOpen.map((d) => (
            <a key={d} href={`${here}/journal?jour=${d}`}>
              {m.dayTitle(formatDate(d))}{" "}
            </a>
          ))}
        </p>
      ) : null}
      <p>{m.intro}</p>
      {!day ? <OpenDayForm action={here} csrfToken={csrfToken} suggestedFloatCents={suggestedFloatCents} error={errors.fond} value={values.fond} /> : null}
      {day?.closedAt ? <p>{m.closedToday}</p> : null}
      {dayOpen ? (
        <section aria-labelledby="nouvelle-vente">
          <h2 id="nouvelle-vente">{m.saleTitle}</h2>
          {link ? <p>{link.kind === "booking" ? m.forBooking(link.label) : m.forRegistration(link.label)}</p> : null}
          <h3>{m.personLegend}</h3>
          {person ? (
            <p>
              <strong>{m.chosen(person.name)}</strong> — {person.memberUntil ? m.memberUntil(formatDate(person.memberUntil)) : m.notMember} — {m.balance(formatEuros(person.balanceCents))}{" "}
              — <a href={`/gestion/lieux/${place.id}/beneficiaires/${person.id}`}>{fr.beneficiaries.link}</a> — <a href={keep({ personne: null })}>{m.changePerson}</a>
            </p>
          ) : (
            <>
              <form method="get" action={here} role="search" className="inline-form">
                {link ? <input type="hidden" name={link.kind === "booking" ? "reservation" : "inscription"} value={link.id} /> : null}
                <label htmlFor="q">{m.searchLabel}</label> <input id="q" name="q" defaultValue={q} /> <button type="submit">{m.search}</button>
              </form>
              {q && found.length === 0 ? <p>{m.noMatch(q)}</p> : null}
              {found.length ? (
                <ul>
                  {found.map((p) => (
                    <li key={p.id}>
                      <a href={keep({ personne: p.id, tarif: null })}>{m.choose(p.details ? `${p.name} (${p.details})` : p.name)}</a>
                    </li>
                  ))}
                </ul>
              ) : null}
              <p>{m.anonymous}</p>
            </>
          )}
          {categories.length ? (
            <>
              <h3>{m.rateLabel}</h3>
              <ul className="inline-list">
                {[{ id: "", name: m.normalRate }, ...categories].map((c) => (
                  <li key={c.id}>
                    <a href={keep({ tarif: c.id })} aria-current={(categoryId ?? "") === c.id ? "true" : undefined}>
                      {c.name}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <SaleForm action={here} csrfToken={csrfToken} items={items} person={person} categoryId={categoryId} link={link} values={values} errors={errors} />
        </section>
      ) : null}
      {day ? (
        <section>
          <h2 id="ventes-du-jour">{m.todayTitle}</h2>
          <p>{m.dayFigures(day.receipts, formatEuros(Object.values(day.totals).reduce((a, b) => a + b, 0) - day.totals.free))}</p>
          {sales.length ? <SalesTable placeId={place.id} rows={sales} timeZone={place.timeZone} caption={m.todayTitle} /> : <p>{m.noSaleToday}</p>}
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
