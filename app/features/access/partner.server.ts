/** The checks of a partner organisation's pages (/gestion/partenaires/:partnerId/…): signed in, the partner exists, one of its advisers. */
import { data, type RouterContextProvider } from "react-router";
import { requireCsrf, requireUser } from "~/features/accounts/auth.server";
import { can } from "~/features/policy/policy";
import { getPartner } from "~/features/referrals/referrals.server";
import { appContext } from "~/context";
import { readForm } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { forbidden } from "./access.server";

type Context = Readonly<RouterContextProvider>;

/** The signed-in adviser and their organisation (`partner.follow`: its advisers only, not even the platform admin); 404 for an unknown one. */
export async function requirePartner(request: Request, context: Context, partnerId: string) {
  const signedIn = await requireUser(request, context);
  const partner = /^[0-9a-f-]{36}$/i.test(partnerId) ? await getPartner(context.get(appContext).database.db, partnerId) : null;
  if (!partner) throw data(fr.referrals.sendPlace.partnerUnknown, { status: 404 });
  if (!can(signedIn.principal, "partner.follow", { partnerId: partner.id })) throw forbidden();
  return { signedIn, partner };
}

/** The same, with the form read within `maxBytes` and its anti-CSRF token checked. */
export async function requirePartnerForm(request: Request, context: Context, partnerId: string, maxBytes: number) {
  const found = await requirePartner(request, context, partnerId);
  const form = await readForm(request, { maxBytes });
  requireCsrf(request, form, found.signedIn, context.get(appContext).env);
  return { ...found, form };
}
