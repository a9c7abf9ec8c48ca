/**
 * A call's applications as files, for the coordinators (`network.calls`): the table with every
 * answer as CSV or XLSX, and a ZIP of the files joined to the submitted applications (streamed).
 * Drafts are the applicants' own and are left out.
 */
import { data } from "react-router";
import type { Route } from "./+types/network-call-export";
import { requireNetwork } from "~/features/access/access.server";
import { applicationFilesZip, applicationsCsv, applicationsTable, applicationsXlsx } from "~/features/calls/applications-export.server";
import { getCall } from "~/features/calls/calls.server";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { network } = await requireNetwork(request, context, params.slug, "network.calls");
  const db = context.get(appContext).database.db;
  const call = await getCall(db, network.id, params.callSlug);
  if (!call) throw data(fr.backoffice.notFound, { status: 404 });
  const kind = new URL(request.url).pathname.split(".").pop();
  const headers = (type: string, name: string) => ({ "Content-Type": type, "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" });
  if (kind === "zip") return new Response(await applicationFilesZip(db, call.id), { headers: headers("application/zip", `${call.slug}-fichiers.zip`) });
  const table = await applicationsTable(db, call.id);
  if (!table) throw data(fr.backoffice.notFound, { status: 404 });
  if (kind === "xlsx") return new Response(new Uint8Array(await applicationsXlsx(table)), { headers: headers(XLSX, `${call.slug}-dossiers.xlsx`) });
  return new Response(applicationsCsv(table), { headers: headers("text/csv; charset=utf-8", `${call.slug}-dossiers.csv`) });
}
