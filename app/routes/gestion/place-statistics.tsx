import { data } from "react-router";
import type { Route } from "./+types/place-statistics";
import { requirePlace } from "~/features/access/access.server";
import { statisticsQueryString } from "~/features/mediation/stats-filters";
import { loadPlaceStatistics } from "~/features/mediation/stats-page.server";
import { YearlyReportForm } from "~/features/mediation/report-parts";
import { StatisticsExports, StatisticsFigures, StatisticsFilterForm } from "~/features/mediation/stats-parts";
import { SalesFiguresSection } from "~/features/sales/sales-figures-parts";
import { salesTables } from "~/features/sales/sales-stats";
import { salesFigures } from "~/features/sales/sales-stats.server";
import { formatDate } from "~/features/time/format";
import { todayInFrance } from "~/features/time/today";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { ErrorSummary } from "~/ui/form";

const m = fr.statistics;

/** A place's figures: its managers, mediators (and « Mes chiffres »), its networks' coordinators; no name of a person helped. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, place } = await requirePlace(request, context, params.placeId, "place.statistics");
  const page = await loadPlaceStatistics(context.get(appContext).database.db, {
    place: { id: place.id, name: place.name },
    params: new URL(request.url).searchParams,
    today: todayInFrance(new Date()),
  });
  const userId = signedIn.user.id;
  const isStaff = page.mediators.some((o) => o.id === userId);
  const common = { place: { id: place.id, name: place.name }, values: page.values, mediators: page.mediators, userId, isStaff };
  if (!page.ok) return data({ ...common, errors: page.errors, figures: null }, { status: 400 });
  const { filters, records } = page.statistics;
  const sold = await salesFigures(context.get(appContext).database.db, { placeIds: [place.id], from: filters.from, to: filters.to });
  const sales = sold.hasSales ? { tables: salesTables(sold), totalCents: sold.totalCents } : null;
  return { ...common, errors: {}, figures: { tables: page.tables, from: filters.from, to: filters.to, empty: records.total === 0, sales } };
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PlaceStatistics({ loaderData }: Route.ComponentProps) {
  const { place, values, mediators, userId, isStaff, errors, figures } = loaderData;
  const here = `/gestion/lieux/${place.id}/statistiques`;
  const mine = values.mediateur.length === 1 && values.mediateur[0] === userId;
  const title = mine ? m.mineTitle(place.name) : m.placeTitle(place.name);
  return (
    <>
      <title>{`${figures ? "" : fr.backoffice.errorTitlePrefix}${title} — ${fr.site.name}`}</title>
      <p className="print-hide">
        <a href={`/gestion/lieux/${place.id}`}>{m.backToPlace}</a>
      </p>
      <h1>{title}</h1>
      {figures ? <p>{m.period(formatDate(figures.from), formatDate(figures.to))}</p> : null}
      <p>{m.noName}</p>
      {isStaff ? (
        <p className="print-hide">
          {mine ? <a href={here}>{m.allLink}</a> : <a href={`${here}${statisticsQueryString({ du: values.du, au: values.au, mediateur: [userId] })}`}>{m.mineLink}</a>}
        </p>
      ) : null}
      <ErrorSummary title={fr.backoffice.errorSummary} errors={errors} />
      <StatisticsFilterForm action={here} values={values} errors={errors} places={[]} mediators={mediators} />
      {figures ? (
        <>
          <StatisticsExports base={here} values={values} />
          <YearlyReportForm base={here} year={Number(figures.to.slice(0, 4))} />
          <p className="hint print-hide">{m.printHint}</p>
          <p className="hint">{m.scopeNote}</p>
          <StatisticsFigures tables={figures.tables} empty={figures.empty} />
          {figures.sales ? <SalesFiguresSection tables={figures.sales.tables} totalCents={figures.sales.totalCents} /> : null}
        </>
      ) : null}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
