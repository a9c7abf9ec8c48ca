import { data } from "react-router";
import type { Route } from "./+types/place-agenda-ics";
import { appContext } from "~/context";
import { feedHeaders, placeAgendaIcs } from "~/features/workshops/agenda-feeds.server";
import { fr } from "~/lib/messages";

/** A place's upcoming sessions as an iCalendar feed (webcal). */
export async function loader({ params, context }: Route.LoaderArgs) {
  const { database, env } = context.get(appContext);
  const text = await placeAgendaIcs(database.db, params.slug, { baseUrl: env.baseUrl });
  if (text === null) throw data(fr.errors.notFoundTitle, { status: 404 });
  return new Response(text, { headers: feedHeaders(`${params.slug}.ics`) });
}
