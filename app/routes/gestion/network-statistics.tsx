import { data } from "react-router";
import type { Route } from "./+types/network-statistics";
import { requireNetwork } from "~/features/access/access.server";
import { MEDIATOR_FILTER_MAX_PLACES } from "~/features/mediation/stats-filters";
import { loadNetworkStatistics } from "~/features/mediation/stats-page.server";
import { StatisticsExports, StatisticsFigures, StatisticsFilterForm } from "~/features/mediation/stats-parts";
import { JournalExportForm } from "~/features/sales/journal-parts";
import { PartnerFiguresSection } from "~/features/referrals/partner-stats-parts";
import { partnerFigures } from "~/features/referrals/partner-stats.server";
import { SalesFiguresSection } from "~/features/sales/sales-figures-parts";
import { salesTables } from "~/features/sales/sales-stats";
import { salesFigures } from "~/features/sales/sales-stats.server";
import { formatDate } from "~/features/time/format";
import { todayInFrance } from "~/features/time/today";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { RecordsExportForm } from "~/features/mediation/coop-import-parts";
import { ErrorSummary } from "~/ui/form";

const m = fr.statistics;

/** The network's figures, for its coordinators: counts only, never a name of a person helped. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { network } = await requireNetwork(request, context, params.slug, "network.statistics");
  const page = await loadNetworkStatistics(context.get(appContext).database.db, { networkId: network.id, params: new URL(request.url).searchParams, today: todayInFrance(new Date()) });
  const common = { network: { slug: network.slug, name: network.name }, values: page.values, places: page.places, mediators: page.mediators };
  if (!page.ok) return data({ ...common, errors: page.errors, figures: null }, { status: 400 });
  const { filters, records } = page.statistics;
  const sold = await salesFigures(context.get(appContext).database.db, { placeIds: filters.placeIds, from: filters.from, to: filters.to });
  const sales = sold.hasSales ? { tables: salesTables(sold), totalCents: sold.totalCents } : null;
  const referred = await partnerFigures(context.get(appContext).database.db, { networkId: network.id, placeIds: filters.placeIds, from: filters.from, to: filters.to });
  const partners = referred.partners.length > 0 ? referred : null;
  return { ...common, errors: {}, figures: { tables: page.tables, from: filters.from, to: filters.to, places: filters.placeIds.length, empty: records.total === 0, sales, partners } };
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function NetworkStatistics({ loaderData }: Route.ComponentProps) {
  const { network, values, places, mediators, errors, figures } = loaderData;
  const base = `/gestion/reseaux/${network.slug}`;
  const here = `${base}/statistiques`;
  const title = m.networkTitle(network.name);
  return (
    <>
      <title>{`${figures ? "" : fr.backoffice.errorTitlePrefix}${title} — ${fr.site.name}`}</title>
      <p className="print-hide">
        <a href={base}>{m.backToNetwork}</a>
      </p>
      <h1>{title}</h1>
      {figures ? (
        <p>
          {m.period(formatDate(figures.from), formatDate(figures.to))} {m.scopePlaces(figures.places)}
        </p>
      ) : null}
      <p>{m.noName}</p>
      <ErrorSummary title={fr.backoffice.errorSummary} errors={errors} />
      <StatisticsFilterForm action={here} values={values} errors={errors} places={places} mediators={mediators} mediatorsHint={m.filters.mediatorsNeedPlaces(MEDIATOR_FILTER_MAX_PLACES)} />
      {figures ? (
        <>
          <StatisticsExports base={here} values={values} />
          <RecordsExportForm action={`${base}/accompagnements/export`} from={figures.from} to={figures.to} intro={fr.mediationExports.exportNetworkIntro} />
          <p className="hint print-hide">{m.printHint}</p>
          <p className="hint">{m.scopeNote}</p>
          <StatisticsFigures tables={figures.tables} empty={figures.empty} />
          {figures.sales ? (
            <>
              <SalesFiguresSection tables={figures.sales.tables} totalCents={figures.sales.totalCents} />
              <JournalExportForm base={`${base}/caisse`} month={figures.to.slice(0, 7)} />
            </>
          ) : null}
          {figures.partners ? <PartnerFiguresSection partners={figures.partners.partners} total={figures.partners.total} from={figures.from} to={figures.to} /> : null}
        </>
      ) : null}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
