/** The yearly report for the label's funders (a call or all the network's calls), as XLSX or PDF, for the coordinators. */
import { data } from "react-router";
import type { Route } from "./+types/network-label-report";
import { requireNetwork } from "~/features/access/access.server";
import { getCall } from "~/features/calls/calls.server";
import { funderReportData, funderReportPdf, funderReportXlsx } from "~/features/calls/funder-report.server";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { network } = await requireNetwork(request, context, params.slug, "network.calls");
  const db = context.get(appContext).database.db;
  const url = new URL(request.url);
  const year = Number(url.searchParams.get("annee") ?? new Date().getFullYear());
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw data(fr.applications.pages.yearInvalid, { status: 400 });
  const slug = url.searchParams.get("appel");
  const call = slug ? await getCall(db, network.id, slug) : null;
  if (slug && !call) throw data(fr.backoffice.notFound, { status: 404 });
  const report = await funderReportData(db, { networkId: network.id, year, callId: call?.id });
  if (!report) throw data(fr.backoffice.notFound, { status: 404 });
  const name = `rapport-label-${network.slug}-${call ? `${call.slug}-` : ""}${year}`;
  const common = { "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" };
  if (url.pathname.endsWith(".pdf")) return new Response(new Uint8Array(await funderReportPdf(report)), { headers: { ...common, "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${name}.pdf"` } });
  return new Response(new Uint8Array(await funderReportXlsx(report)), { headers: { ...common, "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Content-Disposition": `attachment; filename="${name}.xlsx"` } });
}
