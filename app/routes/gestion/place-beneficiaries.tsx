import { data, redirect } from "react-router";
import type { Route } from "./+types/place-beneficiaries";
import { forbidden, requirePlace, requirePlaceForm } from "~/features/access/access.server";
import { getRetentionMonths, listBeneficiaries, searchBeneficiaries, setRetentionMonths } from "~/features/mediation/beneficiaries.server";
import { BeneficiaryTable } from "~/features/mediation/beneficiaries-parts";
import { BENEFICIARIES_PAGE_SIZE, RetentionSchema } from "~/features/mediation/beneficiary-form";
import { can } from "~/features/policy/policy";
import { appContext } from "~/context";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { CsrfField, ErrorSummary, Notice, TextField } from "~/ui/form";
import { Pager } from "~/ui/pager";

const m = fr.beneficiaries;
const MAX_BODY_BYTES = 4 * 1024;
const NOTICES = { conservation: m.retentionSaved, efface: m.erased } as const;

/** The place's followed people (its managers and mediators only): the list or a search, and the retention setting. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, place, target } = await requirePlace(request, context, params.placeId, "place.mediation");
  const db = context.get(appContext).database.db;
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const list = q
    ? { rows: await searchBeneficiaries(db, { placeId: place.id, q, limit: BENEFICIARIES_PAGE_SIZE }), page: 1, pages: 1 }
    : await listBeneficiaries(db, { placeId: place.id, page: Number(url.searchParams.get("page") ?? 1) });
  const notice = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((k) => url.searchParams.has(k));
  return {
    place: { id: place.id, name: place.name, timeZone: place.timeZone },
    csrfToken: signedIn.csrfToken,
    canSettings: can(signedIn.principal, "place.mediation.settings", target),
    canSales: can(signedIn.principal, "place.sales", target),
    retentionMonths: await getRetentionMonths(db, place.id),
    notice: notice ? NOTICES[notice] : null,
    q,
    total: "total" in list ? list.total : list.rows.length,
    page: list.page,
    pages: list.pages,
    rows: list.rows.map((r) => ({ id: r.id, firstName: r.firstName, lastName: r.lastName, communeName: r.communeName, lastActivityAt: r.lastActivityAt.toISOString() })),
  };
}

type ActionData = { errors?: FieldErrors; months?: string; problem?: string };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, place, target, form } = await requirePlaceForm(request, context, params.placeId, "place.mediation", MAX_BODY_BYTES);
  if (form.get("intent") !== "conservation") return data<ActionData>({ problem: m.invalidRequest }, { status: 400 });
  if (!can(signedIn.principal, "place.mediation.settings", target)) throw forbidden();
  const parsed = parseForm(RetentionSchema, form);
  if (!parsed.ok) return data<ActionData>({ errors: parsed.errors, months: String(form.get("mois") ?? "").slice(0, 10) }, { status: 400 });
  await setRetentionMonths(context.get(appContext).database.db, { placeId: place.id, months: parsed.values.mois, actorUserId: signedIn.user.id });
  return redirect(`/gestion/lieux/${place.id}/beneficiaires?conservation`, 303);
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PlaceBeneficiaries({ loaderData, actionData }: Route.ComponentProps) {
  const { place, csrfToken, canSettings, canSales, retentionMonths, notice, q, total, page, pages, rows } = loaderData;
  const here = `/gestion/lieux/${place.id}/beneficiaires`;
  const errors = actionData?.errors ?? {};
  const failed = Boolean(actionData?.problem || Object.keys(errors).length > 0);
  return (
    <>
      <title>{`${failed ? fr.backoffice.errorTitlePrefix : ""}${m.pageTitle(place.name)} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/lieux/${place.id}`}>{m.backToPlace}</a>
      </p>
      <h1>{m.pageTitle(place.name)}</h1>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorSummary title={fr.backoffice.errorSummary} errors={errors} problem={actionData?.problem} />
      <p>{m.intro}</p>
      <ul>
        <li>
          <a href={`${here}/nouveau`}>{m.newPerson}</a>
        </li>
        <li>
          <a href={`${here}/consentement`}>{m.consentLink}</a>
        </li>
        {canSales ? (
          <li>
            <a href={`/gestion/lieux/${place.id}/caisse/adherents`}>{fr.memberships.link}</a>
          </li>
        ) : null}
      </ul>

      <form method="get" action={here} role="search" className="search">
        <label htmlFor="recherche">{m.searchLabel}</label>
        <input id="recherche" name="q" type="search" defaultValue={q} autoComplete="off" />
        <button type="submit">{m.search}</button>
      </form>
      {q ? (
        <p role="status">
          {m.found(rows.length, q)} {rows.length >= BENEFICIARIES_PAGE_SIZE ? m.tooMany(BENEFICIARIES_PAGE_SIZE) : null} <a href={here}>{m.clearSearch}</a>
        </p>
      ) : (
        <p>{m.count(total)}</p>
      )}
      {rows.length > 0 ? <BeneficiaryTable placeId={place.id} rows={rows} timeZone={place.timeZone} /> : null}
      {q ? null : <Pager page={page} pages={pages} href={(p) => `${here}?page=${p}`} label={m.pagination} />}

      <section aria-labelledby="conservation">
        <h2 id="conservation">{m.retentionTitle}</h2>
        <p>{m.retentionIntro(retentionMonths)}</p>
        {canSettings ? (
          <form method="post" action={here} className="backoffice-form" noValidate>
            <CsrfField token={csrfToken} />
            <input type="hidden" name="intent" value="conservation" />
            <TextField name="mois" label={m.retentionLabel} hint={m.retentionHint} value={actionData?.months ?? String(retentionMonths)} error={errors.mois} inputMode="numeric" />
            <button type="submit">{m.retentionSave}</button>
          </form>
        ) : (
          <p>{m.retentionReadOnly}</p>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}

