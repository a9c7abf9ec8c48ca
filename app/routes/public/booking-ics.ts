import { data } from "react-router";
import type { Route } from "./+types/booking-ics";
import { appContext } from "~/context";
import { bookingIcs } from "~/features/scheduling/feeds.server";
import { lookUpManagedBooking } from "~/features/scheduling/manage.server";
import { TOKEN_PAGE_REFERRER_POLICY } from "~/lib/http";
import { fr } from "~/lib/messages";

/** One booking as an iCalendar file, from its manage link. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const { database, env, clientAddress } = context.get(appContext);
  const found = await lookUpManagedBooking(database.db, params.token, clientAddress);
  if (found.kind === "limited") throw data(fr.booking.tooMany(`${Math.ceil(found.retryAfterSeconds / 60)} min`), { status: 429 });
  if (found.kind === "unknown") throw data(fr.booking.linkUnknown, { status: 404 });
  return new Response(bookingIcs(found.booking, `${env.baseUrl}/reservation/${params.token}`), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="reservation.ics"',
      "Cache-Control": "no-store",
      "Referrer-Policy": TOKEN_PAGE_REFERRER_POLICY,
    },
  });
}
