/** The checks every back-office loader and action starts with: signed in, the thing exists, the policy says yes. */
import { data, type RouterContextProvider } from "react-router";
import { requireCsrf, requireUser, type SignedIn } from "~/features/accounts/auth.server";
import { getPlaceTarget } from "~/features/accounts/users.server";
import { can, type PlaceTarget } from "~/features/policy/policy";
import { appContext } from "~/lib/context";
import { fr } from "~/lib/messages";
import { getNetworkBySlug } from "./network.server";
import { getPlace, type PlaceRow } from "./place-edit.server";

type Context = Readonly<RouterContextProvider>;
type PlaceAction = "place.view-backoffice" | "place.edit" | "place.publish" | "place.reports" | "audit.view";

export const forbidden = () => data(fr.backoffice.forbidden, { status: 403 });

/** The signed-in user and the place, when the policy allows `action` on it (else 404 or 403 is thrown). */
export async function requirePlace(request: Request, context: Context, placeId: string, action: PlaceAction): Promise<{ signedIn: SignedIn; place: PlaceRow; target: PlaceTarget }> {
  const signedIn = await requireUser(request, context);
  const { db } = context.get(appContext).database;
  const place = await getPlace(db, placeId);
  if (!place) throw data(fr.backoffice.notFound, { status: 404 });
  const target = await getPlaceTarget(db, place.id);
  if (!can(signedIn.principal, action, target)) throw forbidden();
  return { signedIn, place, target };
}

export async function requireNetwork(request: Request, context: Context, slug: string) {
  const signedIn = await requireUser(request, context);
  const network = await getNetworkBySlug(context.get(appContext).database.db, slug);
  if (!network) throw data(fr.backoffice.notFound, { status: 404 });
  if (!can(signedIn.principal, "network.manage", { networkId: network.id })) throw forbidden();
  return { signedIn, network };
}

/** The signed-in platform admin (else 403; a visitor is sent to sign in). */
export async function requirePlatformAdmin(request: Request, context: Context): Promise<SignedIn> {
  const signedIn = await requireUser(request, context);
  if (!can(signedIn.principal, "platform.admin", null)) throw forbidden();
  return signedIn;
}

/** A body larger than a form of this page can be is refused before it is read. */
function refuseLargeBody(request: Request, maxBytes: number): void {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw data(fr.report.tooLarge, { status: 413 });
}

/** The start of a network page's action: a bounded body, the coordinator's right, the form and its anti-CSRF token. */
export async function requireNetworkForm(request: Request, context: Context, slug: string, maxBytes: number) {
  refuseLargeBody(request, maxBytes);
  const { signedIn, network } = await requireNetwork(request, context, slug);
  const form = await request.formData();
  requireCsrf(request, form, signedIn, context.get(appContext).env);
  return { signedIn, network, form };
}

/** The start of a platform admin page's action: a bounded body, the right, the form and its anti-CSRF token. */
export async function requirePlatformAdminForm(request: Request, context: Context, maxBytes: number) {
  refuseLargeBody(request, maxBytes);
  const signedIn = await requirePlatformAdmin(request, context);
  const form = await request.formData();
  requireCsrf(request, form, signedIn, context.get(appContext).env);
  return { signedIn, form };
}

/** The same for a place's page and the policy's `action` on it. */
export async function requirePlaceForm(request: Request, context: Context, placeId: string, action: PlaceAction, maxBytes: number) {
  refuseLargeBody(request, maxBytes);
  const found = await requirePlace(request, context, placeId, action);
  const form = await request.formData();
  requireCsrf(request, form, found.signedIn, context.get(appContext).env);
  return { ...found, form };
}
