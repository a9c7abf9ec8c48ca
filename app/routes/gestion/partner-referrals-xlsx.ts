import type { Route } from "./+types/partner-referrals-xlsx";
import { requirePartner } from "~/features/access/access.server";
import { referralsXlsxResponse } from "~/features/referrals/referrals-export.server";
import { todayInFrance } from "~/features/time/today";
import { appContext } from "~/context";

/** The organisation's follow-up as a spreadsheet, for its advisers (`?conseiller=moi`: the signed-in adviser's referrals only). */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, partner } = await requirePartner(request, context, params.partnerId);
  const mine = new URL(request.url).searchParams.get("conseiller") === "moi";
  return referralsXlsxResponse(context.get(appContext).database.db, {
    partnerId: partner.id, partnerName: partner.name, adviserId: mine ? signedIn.user.id : undefined, today: todayInFrance(new Date()),
  });
}
