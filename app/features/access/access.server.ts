/** The checks every back-office loader and action starts with: signed in, the thing exists, the policy says yes. */
import { data, type RouterContextProvider } from "react-router";
import { requireCsrf, requireUser, type SignedIn } from "~/features/accounts/auth.server";
import { getPlaceTarget } from "~/features/accounts/users.server";
import { type Action, can, type PlaceTarget } from "~/features/policy/policy";
import { appContext } from "~/context";
import { readForm } from "~/lib/forms";
import { isUuid } from "~/lib/ids";
import { fr } from "~/lib/messages";
import { getNetworkBySlug } from "~/features/networks/networks.server";
import { getNetworkPartner } from "~/features/partners/partners.server";
import { getPlace, type PlaceRow } from "~/features/places/place-edit.server";
import { getPartner, type PartnerRow } from "~/features/referrals/referrals.server";

type Context = Readonly<RouterContextProvider>;
type PlaceAction = Extract<Action, `place.${string}`> | "audit.view";
type NetworkAction = "network.manage" | "network.statistics" | "network.partners" | "network.calls";

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

export async function requireNetwork(request: Request, context: Context, slug: string, action: NetworkAction = "network.manage") {
  const signedIn = await requireUser(request, context);
  const network = await getNetworkBySlug(context.get(appContext).database.db, slug);
  if (!network) throw data(fr.backoffice.notFound, { status: 404 });
  if (!can(signedIn.principal, action, { networkId: network.id })) throw forbidden();
  return { signedIn, network };
}

/**
 * The start of every back-office action: signed in (and allowed, for the variants below),
 * the form read within `maxBytes` (413 past it), its anti-CSRF token checked. The rights
 * come first: nothing of the body is read for someone who may not act.
 */
export async function requireSignedInForm(request: Request, context: Context, maxBytes: number) {
  const signedIn = await requireUser(request, context);
  const form = await readForm(request, { maxBytes });
  requireCsrf(request, form, signedIn, context.get(appContext).env);
  return { signedIn, form };
}

/** The signed-in platform admin (else 403; a visitor is sent to sign in). */
export async function requirePlatformAdmin(request: Request, context: Context): Promise<SignedIn> {
  const signedIn = await requireUser(request, context);
  if (!can(signedIn.principal, "platform.admin", null)) throw forbidden();
  return signedIn;
}

/** The same for a network's page: the coordinator's right on the network (`action`, network.manage by default). */
export async function requireNetworkForm(request: Request, context: Context, slug: string, maxBytes: number, options: { tooLarge?: string; action?: NetworkAction } = {}) {
  const { signedIn, network } = await requireNetwork(request, context, slug, options.action);
  const form = await readForm(request, { maxBytes, tooLarge: options.tooLarge });
  requireCsrf(request, form, signedIn, context.get(appContext).env);
  return { signedIn, network, form };
}

/**
 * A partner organisation's page in its network's back-office: the network's right
 * `network.partners` first (403), then the partner looked for in that network only (404 for an
 * unknown id or another network's partner).
 */
export async function requireNetworkPartner(request: Request, context: Context, slug: string, partnerId: string) {
  const { signedIn, network } = await requireNetwork(request, context, slug, "network.partners");
  const partner = await getNetworkPartner(context.get(appContext).database.db, { networkId: network.id, partnerId });
  if (!partner) throw data(fr.partners.partnerUnknown, { status: 404 });
  return { signedIn, network, partner };
}

/** The same, with the form read within `maxBytes` and its anti-CSRF token checked. */
export async function requireNetworkPartnerForm(request: Request, context: Context, slug: string, partnerId: string, maxBytes: number) {
  const found = await requireNetworkPartner(request, context, slug, partnerId);
  const form = await readForm(request, { maxBytes });
  requireCsrf(request, form, found.signedIn, context.get(appContext).env);
  return { ...found, form };
}

/** The same for a platform admin page. */
export async function requirePlatformAdminForm(request: Request, context: Context, maxBytes: number) {
  const signedIn = await requirePlatformAdmin(request, context);
  const form = await readForm(request, { maxBytes });
  requireCsrf(request, form, signedIn, context.get(appContext).env);
  return { signedIn, form };
}

/** The same for a place's page and the policy's `action` on it (`tooLarge`: the words of the 413, for an upload). */
export async function requirePlaceForm(request: Request, context: Context, placeId: string, action: PlaceAction, maxBytes: number, tooLarge?: string) {
  const found = await requirePlace(request, context, placeId, action);
  const form = await readForm(request, { maxBytes, tooLarge });
  requireCsrf(request, form, found.signedIn, context.get(appContext).env);
  return { ...found, form };
}

/** The signed-in adviser and their partner organisation, when the policy allows `action` on it (else 404 or 403). */
export async function requirePartner(request: Request, context: Context, partnerId: string, action: "partner.follow" = "partner.follow"): Promise<{ signedIn: SignedIn; partner: PartnerRow }> {
  const signedIn = await requireUser(request, context);
  const partner = isUuid(partnerId) ? await getPartner(context.get(appContext).database.db, partnerId) : null;
  if (!partner) throw data(fr.backoffice.notFound, { status: 404 });
  if (!can(signedIn.principal, action, { partnerId: partner.id })) throw forbidden();
  return { signedIn, partner };
}

/** The same, for an adviser's form: the form read and its anti-CSRF token checked. */
export async function requirePartnerForm(request: Request, context: Context, partnerId: string, maxBytes: number) {
  const found = await requirePartner(request, context, partnerId);
  const form = await readForm(request, { maxBytes });
  requireCsrf(request, form, found.signedIn, context.get(appContext).env);
  return { ...found, form };
}
