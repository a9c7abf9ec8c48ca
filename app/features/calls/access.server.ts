/**
 * Who reads an application: the place's managers (`place.applications`), the call's network's
 * coordinators once it is submitted (`network.calls`), and a reviewer assigned to it once they
 * declared no conflict of interest. Nobody else — not other reviewers, not outside experts of
 * other applications. Used by the pages and by the file and letter downloads.
 */
import { and, eq } from "drizzle-orm";
import { data, type RouterContextProvider } from "react-router";
import type { Db } from "~/db/client.server";
import { applicationReviews } from "~/db/schema";
import { requireUser } from "~/features/accounts/auth.server";
import { getPlaceTarget } from "~/features/accounts/users.server";
import { forbidden } from "~/features/access/access.server";
import { can, type Principal } from "~/features/policy/policy";
import { appContext } from "~/context";
import { isUuid } from "~/lib/ids";
import { fr } from "~/lib/messages";
import { getApplication } from "./applications.server";

export type Reader = "applicant" | "network" | "reviewer";

export async function readerOf(db: Db, principal: Principal, application: { id: string; placeId: string; state: string }, networkId: string): Promise<Reader | null> {
  if (can(principal, "place.applications", await getPlaceTarget(db, application.placeId))) return "applicant";
  if (application.state !== "draft" && can(principal, "network.calls", { networkId })) return "network";
  const [review] = await db
    .select({ declaration: applicationReviews.declaration })
    .from(applicationReviews)
    .where(and(eq(applicationReviews.applicationId, application.id), eq(applicationReviews.reviewerId, principal.userId)));
  return review?.declaration === "no-conflict" && application.state !== "draft" ? "reviewer" : null;
}

/** The signed-in reader of an application (404 for an unknown one, 403 for anyone else). */
export async function requireApplicationReader(request: Request, context: Readonly<RouterContextProvider>, applicationId: string) {
  const signedIn = await requireUser(request, context);
  const db = context.get(appContext).database.db;
  const found = isUuid(applicationId) ? await getApplication(db, applicationId) : null;
  if (!found) throw data(fr.backoffice.notFound, { status: 404 });
  const reader = await readerOf(db, signedIn.principal, found.application, found.call.networkId);
  if (!reader) throw forbidden();
  return { signedIn, found, reader };
}
