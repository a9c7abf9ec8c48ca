import { data } from "react-router";
import type { Route } from "./+types/agenda-theme-ics";
import { appContext } from "~/context";
import { feedHeaders, themeAgendaIcs } from "~/features/workshops/agenda-feeds.server";
import { fr } from "~/lib/messages";

/** One national theme's upcoming sessions as an iCalendar feed: /agenda/theme/<code>.ics. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const { database, env } = context.get(appContext);
  const theme = /^([A-Za-z]{1,60})\.ics$/.exec(params.file)?.[1];
  const text = theme ? await themeAgendaIcs(database.db, theme, { baseUrl: env.baseUrl }) : null;
  if (text === null) throw data(fr.errors.notFoundTitle, { status: 404 });
  return new Response(text, { headers: feedHeaders(params.file) });
}
