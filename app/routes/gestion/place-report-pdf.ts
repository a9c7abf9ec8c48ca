import { Readable } from "node:stream";
import { data } from "react-router";
import type { Route } from "./+types/place-report-pdf";
import { requirePlace } from "~/features/access/access.server";
import { reportPdf, yearlyReportDocument, yearlyStatistics } from "~/features/mediation/yearly-report.server";
import { readReportYear } from "~/features/mediation/report-year";
import { salesTables } from "~/features/sales/sales-stats";
import { salesFigures } from "~/features/sales/sales-stats.server";
import { todayInFrance } from "~/features/time/today";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";
import { formatEuros } from "~/lib/money";

/** The place's yearly activity report as an A4 PDF (`?annee=2026`): figures only, never a name. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { place } = await requirePlace(request, context, params.placeId, "place.statistics");
  const today = todayInFrance(new Date());
  const year = readReportYear(new URL(request.url).searchParams.get("annee"), today);
  if (year === undefined) throw data(fr.mediation.report.badYear, { status: 400 });
  const page = await yearlyStatistics(context.get(appContext).database.db, { place: { id: place.id, name: place.name }, year, today });
  if (!page.ok) throw data(fr.mediation.report.badYear, { status: 400 });
  // The paid services' figures, loaded here: mediation knows nothing of sales.
  const sold = await salesFigures(context.get(appContext).database.db, { placeIds: [place.id], from: `${year}-01-01`, to: `${year}-12-31` });
  const more = sold.hasSales ? { lines: [fr.salesReports.figures.reportLine(formatEuros(sold.totalCents))], tables: salesTables(sold) } : undefined;
  const pdf = reportPdf(yearlyReportDocument(page, { placeName: place.name, commune: place.commune, year, networks: [], more }));
  return new Response(Readable.toWeb(pdf) as ReadableStream<Uint8Array>, {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="rapport-activite-${place.slug}-${year}.pdf"`, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
  });
}
