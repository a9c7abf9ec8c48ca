import { data, redirect } from "react-router";
import type { Route } from "./+types/registration-manage";
import { appContext } from "~/context";
import { formatDateTime } from "~/features/time/format";
import { changeRegistration, findPublicSession, lookUpRegistration, sessionOfRegistration, waitingPosition } from "~/features/workshops/public-session.server";
import { CycleSessions, SessionFacts } from "~/features/workshops/session-parts";
import { workshopThemeLabel } from "~/features/workshops/themes";
import { readForm } from "~/lib/forms";
import { TOKEN_PAGE_REFERRER_POLICY } from "~/lib/http";
import { fr } from "~/lib/messages";
import { formatPhone } from "~/lib/phone";

const m = fr.workshops;
const MAX_BODY_BYTES = 8_192;

async function lookUp(token: string, context: Route.LoaderArgs["context"]) {
  const { database, clientAddress } = context.get(appContext);
  const found = await lookUpRegistration(database.db, token, clientAddress);
  if (found.kind === "limited") throw data(m.limited(Math.ceil(found.retryAfterSeconds / 60)), { status: 429, headers: { "Retry-After": String(found.retryAfterSeconds) } });
  if (found.kind === "unknown") throw data(m.unknownLink, { status: 404 });
  return found.registration;
}

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const r = await lookUp(params.token, context);
  const { database } = context.get(appContext);
  const now = Date.now();
  const sessionId = await sessionOfRegistration(database.db, r, now);
  const session = sessionId ? await findPublicSession(database.db, sessionId, now, { unpublishedToo: true }) : null;
  if (!session) throw data(m.unknownLink, { status: 404 });
  const url = new URL(request.url);
  return {
    token: params.token, now, session,
    registration: {
      status: r.status, cycle: r.sessionId === null, offeredUntil: r.offeredUntil, firstName: r.firstName,
      contact: r.phone ? formatPhone(r.phone) : r.email,
      position: r.status === "waiting" ? await waitingPosition(database.db, r) : null,
    },
    isNew: url.searchParams.has("nouvelle"), isReplay: url.searchParams.has("deja"), done: url.searchParams.get("fait"),
  };
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const r = await lookUp(params.token, context);
  const { database, env } = context.get(appContext);
  const form = await readForm(request, { maxBytes: MAX_BODY_BYTES });
  const outcome = await changeRegistration(database.db, r, form, { secret: env.sessionSecret, baseUrl: env.baseUrl });
  return redirect(`/inscription/${params.token}?fait=${outcome}`, 303);
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store", "Referrer-Policy": TOKEN_PAGE_REFERRER_POLICY });

export const meta: Route.MetaFunction = () => [{ title: `${m.manageTitle} — ${fr.site.name}` }, { name: "robots", content: "noindex" }];

const doneText: Record<string, string> = {
  annulee: m.cancelledNotice, acceptee: m.acceptedNotice, "delai-passe": m.lapsedNotice, "trop-tard": m.pastSession, invalide: m.unknownLink,
};

export default function RegistrationManage({ loaderData }: Route.ComponentProps) {
  const { registration: r, session: s, now, token } = loaderData;
  const base = `/inscription/${token}`;
  const tz = s.place.timeZone;
  const over = s.end <= now && (!r.cycle || s.siblings.every((x) => x.end <= now));
  const title =
    r.status === "cancelled" ? m.cancelledTitle : r.status === "waiting" ? m.waitingTitle : r.status === "offered" ? m.offeredTitle : loaderData.isNew ? m.registeredTitle : m.manageTitle;
  return (
    <>
      <h1>{title}</h1>
      {loaderData.done && doneText[loaderData.done] ? (
        <p className="notice" role="status">
          {doneText[loaderData.done]}
        </p>
      ) : null}
      {r.status === "waiting" && r.position ? <p>{m.position(r.position)}</p> : null}
      {r.status === "waiting" ? <p>{s.promotion === "offer" ? m.offerExplained(s.offerHours) : m.waitingExplained}</p> : null}
      {r.status === "offered" && r.offeredUntil ? (
        <form method="post" action={base}>
          <p>{m.offeredUntil(formatDateTime(r.offeredUntil, { timeZone: tz, now }))}</p>
          <input type="hidden" name="intent" value="accepter" />
          <button type="submit">{m.accept}</button>
        </form>
      ) : null}
      <h2>{s.title}</h2>
      <SessionFacts session={s} now={now} themeLabel={workshopThemeLabel(s.theme) ?? null} />
      {r.cycle ? <CycleSessions session={s} now={now} headingLevel={3} /> : null}
      {s.place.phone ? (
        <p>
          {fr.booking.placePhone} : <a href={`tel:${s.place.phone.replace(/\s/g, "")}`}>{formatPhone(s.place.phone)}</a>
        </p>
      ) : null}
      {loaderData.isNew && r.contact ? <p>{m.sentTo(r.contact)}</p> : null}
      {r.status !== "cancelled" && !over ? (
        <>
          <p className="notice">{m.keepLink}</p>
          {r.status === "registered" ? (
            <p>
              <a href={`${base}/agenda.ics`} download="atelier.ics">
                {m.addToCalendar}
              </a>
            </p>
          ) : null}
          <h2>{m.cancelTitle}</h2>
          <form method="post" action={base} className="report-form">
            <input type="hidden" name="intent" value="annuler" />
            <div className="field">
              <label htmlFor="champ-raison">{m.cancelReason}</label>
              <input id="champ-raison" name="raison" maxLength={300} />
            </div>
            <button type="submit">{r.status === "waiting" ? m.leaveSubmit : m.cancelSubmit}</button>
          </form>
        </>
      ) : null}
    </>
  );
}

