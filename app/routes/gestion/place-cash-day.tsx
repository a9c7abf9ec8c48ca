import { data, redirect } from "react-router";
import type { Route } from "./+types/place-cash-day";
import { requirePlace, requirePlaceForm } from "~/features/access/access.server";
import { can } from "~/features/policy/policy";
import { placeToday } from "~/features/memberships/memberships.server";
import { cashDaySummary, closeCashDay } from "~/features/sales/cash-days.server";
import { CloseDaySchema, typedSaleValues } from "~/features/sales/sale-form";
import { salesOfDay } from "~/features/sales/till.server";
import { JournalExportForm } from "~/features/sales/journal-parts";
import { CloseDayForm, DaySummary, SalesTable } from "~/features/sales/till-parts";
import { isIsoDate } from "~/features/time/calendar";
import { formatDate } from "~/features/time/format";
import { appContext } from "~/context";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { formatEuros } from "~/lib/money";
import { BackofficeError } from "~/ui/backoffice-error";
import { ErrorSummary, Notice } from "~/ui/form";

const m = fr.sales;
const MAX_BODY_BYTES = 8 * 1024;

/** A day of the cash journal (`?jour=YYYY-MM-DD`, today by default): its receipts and totals; the managers close it. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, place, target } = await requirePlace(request, context, params.placeId, "place.sales");
  const db = context.get(appContext).database.db;
  const url = new URL(request.url);
  const asked = url.searchParams.get("jour") ?? "";
  const date = isIsoDate(asked) ? asked : await placeToday(db, place.id);
  const day = await cashDaySummary(db, { placeId: place.id, date });
  return {
    place: { id: place.id, name: place.name, timeZone: place.timeZone },
    csrfToken: signedIn.csrfToken,
    canManage: can(signedIn.principal, "place.sales.manage", target),
    date,
    closedNotice: url.searchParams.get("cloturee"),
    day: day ? { ...day, openedAt: day.openedAt.toISOString(), closedAt: day.closedAt?.toISOString() ?? null } : null,
    sales: day ? (await salesOfDay(db, { placeId: place.id, dayId: day.id })).map((s) => ({ ...s, soldAt: s.soldAt.toISOString() })) : [],
  };
}

type ActionData = { errors: FieldErrors; values: Record<string, string>; problem?: string };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, place, form } = await requirePlaceForm(request, context, params.placeId, "place.sales.manage", MAX_BODY_BYTES);
  const values = typedSaleValues(form);
  const url = new URL(request.url);
  const date = url.searchParams.get("jour") ?? "";
  if (!isIsoDate(date) || form.get("intent") !== "cloturer") return data<ActionData>({ errors: {}, values, problem: fr.errors.badRequest }, { status: 400 });
  const parsed = parseForm(CloseDaySchema, form);
  if (!parsed.ok) return data<ActionData>({ errors: parsed.errors, values }, { status: 400 });
  const result = await closeCashDay(context.get(appContext).database.db, {
    placeId: place.id, date, countedCashCents: parsed.values.comptees!, reason: parsed.values.explication, actorUserId: signedIn.user.id,
  });
  const e = m.closeErrors;
  switch (result.kind) {
    case "closed":
      return redirect(`/gestion/lieux/${place.id}/caisse/journal?jour=${date}&cloturee=${encodeURIComponent(formatEuros(result.differenceCents))}`, 303);
    case "reason-needed":
      return data<ActionData>({ errors: { explication: e.reasonNeeded(formatEuros(result.differenceCents)) }, values }, { status: 400 });
    case "not-open":
      return data<ActionData>({ errors: {}, values, problem: e.notOpen }, { status: 400 });
    case "already-closed":
      return data<ActionData>({ errors: {}, values, problem: e.alreadyClosed }, { status: 409 });
  }
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PlaceCashDay({ loaderData, actionData }: Route.ComponentProps) {
  const { place, csrfToken, canManage, date, closedNotice, day, sales } = loaderData;
  const till = `/gestion/lieux/${place.id}/caisse`;
  const errors = actionData?.errors ?? {};
  const failed = Boolean(actionData?.problem || Object.keys(errors).length > 0);
  const title = m.journal.title(formatDate(date));
  return (
    <>
      <title>{`${failed ? fr.backoffice.errorTitlePrefix : ""}${title} — ${place.name} — ${fr.site.name}`}</title>
      <p>
        <a href={till}>{m.backToTill}</a>
      </p>
      <h1>{title}</h1>
      {closedNotice ? <Notice>{m.closedNotice(closedNotice)}</Notice> : null}
      <ErrorSummary title={fr.backoffice.errorSummary} errors={errors} problem={actionData?.problem} />
      <form method="get" action={`${till}/journal`} className="inline-form">
        <label htmlFor="jour">{m.journal.dayLabel}</label> <input id="jour" name="jour" type="date" defaultValue={date} /> <button type="submit">{m.journal.show}</button>
      </form>
      {day ? (
        <>
          <DaySummary day={day} timeZone={place.timeZone} />
          {sales.length ? <SalesTable placeId={place.id} rows={sales} timeZone={place.timeZone} caption={title} /> : null}
          {canManage && !day.closedAt ? (
            <CloseDayForm action={`${till}/journal?jour=${date}`} csrfToken={csrfToken} day={day} values={actionData?.values ?? {}} errors={errors} />
          ) : null}
        </>
      ) : (
        <p>{m.closeErrors.notOpen}</p>
      )}
      {canManage ? <JournalExportForm base={`${till}/journal`} month={date.slice(0, 7)} /> : null}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
