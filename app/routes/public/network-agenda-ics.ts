import { data } from "react-router";
import type { Route } from "./+types/network-agenda-ics";
import { appContext } from "~/context";
import { feedHeaders, networkAgendaIcs } from "~/features/workshops/agenda-feeds.server";
import { fr } from "~/lib/messages";

/** The upcoming sessions of a network's places as an iCalendar feed (webcal). */
export async function loader({ params, context }: Route.LoaderArgs) {
  const { database, env } = context.get(appContext);
  const text = await networkAgendaIcs(database.db, params.slug, { baseUrl: env.baseUrl });
  if (text === null) throw data(fr.errors.notFoundTitle, { status: 404 });
  return new Response(text, { headers: feedHeaders(`${params.slug}.ics`) });
}
