import { data } from "react-router";
import type { Route } from "./+types/calendar-feed";
import { appContext } from "~/context";
import { feedIcs } from "~/features/scheduling/feeds.server";
import { fr } from "~/lib/messages";

/** A staff calendar feed (secret link, revocable): the place's bookings, or one mediator's appointments. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const { database } = context.get(appContext);
  const text = await feedIcs(database.db, params.token.replace(/\.ics$/, ""));
  if (text === null) throw data(fr.booking.feedUnknown, { status: 404 });
  return new Response(text, { headers: { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "private, max-age=300", "Referrer-Policy": "no-referrer" } });
}
