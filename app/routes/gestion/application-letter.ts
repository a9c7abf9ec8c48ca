/** An application's decision letter (PDF), for the applicant and the network. */
import { data } from "react-router";
import type { Route } from "./+types/application-letter";
import { getLetter, letterFileName } from "~/features/calls/applications.server";
import { requireApplicationReader } from "~/features/calls/access.server";
import { safeDownloadName } from "~/features/calls/file-check";
import { forbidden } from "~/features/access/access.server";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { found, reader } = await requireApplicationReader(request, context, params.applicationId);
  if (reader === "reviewer") throw forbidden();
  const letter = await getLetter(context.get(appContext).database.db, found.application.id);
  if (!letter) throw data(fr.backoffice.notFound, { status: 404 });
  return new Response(new Uint8Array(letter.pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": safeDownloadName(letterFileName(found.application.number)),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
