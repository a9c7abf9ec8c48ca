/** An application's file, as a download with safe headers, for its readers only (app/features/calls/access.server.ts). */
import { data } from "react-router";
import type { Route } from "./+types/application-file";
import { getFile } from "~/features/calls/applications.server";
import { requireApplicationReader } from "~/features/calls/access.server";
import { safeDownloadName } from "~/features/calls/file-check";
import { appContext } from "~/context";
import { isUuid } from "~/lib/ids";
import { fr } from "~/lib/messages";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { found } = await requireApplicationReader(request, context, params.applicationId);
  const file = isUuid(params.fileId) ? await getFile(context.get(appContext).database.db, found.application.id, params.fileId) : null;
  if (!file) throw data(fr.backoffice.notFound, { status: 404 });
  return new Response(new Uint8Array(file.content), {
    headers: {
      "Content-Type": file.mediaType,
      "Content-Length": String(file.size),
      "Content-Disposition": safeDownloadName(file.fileName),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
