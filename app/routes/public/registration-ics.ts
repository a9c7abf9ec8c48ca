import { data } from "react-router";
import type { Route } from "./+types/registration-ics";
import { appContext } from "~/context";
import { calendarText } from "~/features/scheduling/ics";
import { findPublicSession, lookUpRegistration, sessionOfRegistration } from "~/features/workshops/public-session.server";
import { whereLines } from "~/features/workshops/session-parts";
import { TOKEN_PAGE_REFERRER_POLICY } from "~/lib/http";
import { fr } from "~/lib/messages";

/** A registration as an iCalendar file, from its manage link: its session, or every session of its cycle. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const { database, env, clientAddress } = context.get(appContext);
  const found = await lookUpRegistration(database.db, params.token, clientAddress);
  if (found.kind === "limited") throw data(fr.workshops.limited(Math.ceil(found.retryAfterSeconds / 60)), { status: 429 });
  if (found.kind === "unknown") throw data(fr.workshops.unknownLink, { status: 404 });
  const r = found.registration;
  const now = Date.now();
  const sessionId = await sessionOfRegistration(database.db, r, now);
  const s = sessionId ? await findPublicSession(database.db, sessionId, now, { unpublishedToo: true }) : null;
  if (!s) throw data(fr.workshops.unknownLink, { status: 404 });
  const manageUrl = `${env.baseUrl}/inscription/${params.token}`;
  const sessions = r.sessionId ? [{ id: s.id, start: s.start, end: s.end }] : [{ id: s.id, start: s.start, end: s.end }, ...s.siblings];
  const text = calendarText(s.title, sessions.map((x) => ({
    uid: `${r.id}-${x.id}`, start: x.start, end: x.end, summary: s.title, location: whereLines(s).join(", "),
    description: fr.workshops.mail.manage(manageUrl), url: manageUrl, cancelled: r.status === "cancelled", tentative: r.status === "waiting" || r.status === "offered",
  })), { product: "Ateliers" });
  return new Response(text, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="atelier.ics"',
      "Cache-Control": "no-store",
      "Referrer-Policy": TOKEN_PAGE_REFERRER_POLICY,
    },
  });
}
