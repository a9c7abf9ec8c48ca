import { data, redirect } from "react-router";
import type { Route } from "./+types/booking-manage";
import { appContext } from "~/context";
import { priceWords, TimeList, DayList, whenWords } from "~/features/scheduling/booking-parts";
import { canChange, changeManagedBooking, lookUpManagedBooking, moveView } from "~/features/scheduling/manage.server";
import { formatPhone } from "~/lib/phone";
import { readForm } from "~/lib/forms";
import { TOKEN_PAGE_REFERRER_POLICY } from "~/lib/http";
import { capitalize } from "~/lib/text";
import { fr } from "~/lib/messages";

const m = fr.booking;
const MAX_BODY_BYTES = 8_192;
const DONE = { cancelled: "annulee", moved: "deplacee", "too-late": "trop-tard", taken: "pris", invalid: "invalide", refused: "refuse" } as const;

async function lookUp(token: string, context: Route.LoaderArgs["context"]) {
  const { database, clientAddress } = context.get(appContext);
  const found = await lookUpManagedBooking(database.db, token, clientAddress);
  if (found.kind === "limited") throw data(m.tooMany(`${Math.ceil(found.retryAfterSeconds / 60)} min`), { status: 429, headers: { "Retry-After": String(found.retryAfterSeconds) } });
  if (found.kind === "unknown") throw data(m.linkUnknown, { status: 404 });
  return found.booking;
}

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const booking = await lookUp(params.token, context);
  const { database } = context.get(appContext);
  const url = new URL(request.url);
  const now = Date.now();
  const changeable = canChange(booking, now);
  const moving = changeable && url.searchParams.has("deplacer");
  const b = booking;
  return {
    token: params.token,
    booking: {
      status: b.status, start: b.startsAt.getTime(), end: b.endsAt.getTime(), firstName: b.firstName, reason: b.reason,
      contact: b.phone ? formatPhone(b.phone) : b.email,
      what: b.resource.kind === "appointment" ? m.kinds.appointment! : b.resource.name, priceCents: b.resource.priceCents,
    },
    place: { name: b.place.name, slug: b.place.slug, address: `${b.place.address}, ${b.place.postcode} ${b.place.commune}`, phone: b.place.phone, phoneText: b.place.phone ? formatPhone(b.place.phone) : null, timeZone: b.place.timeZone },
    now, changeable, deadline: b.startsAt.getTime() - b.settings.cancelDeadlineHours * 3_600_000,
    isNew: url.searchParams.has("nouvelle"), isReplay: url.searchParams.has("deja"), done: url.searchParams.get("fait"),
    move: moving ? await moveView(database.db, booking, url.searchParams, now) : null,
    durationMinutes: Math.round((b.endsAt.getTime() - b.startsAt.getTime()) / 60_000),
  };
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const booking = await lookUp(params.token, context);
  const { database, env } = context.get(appContext);
  const form = await readForm(request, { maxBytes: MAX_BODY_BYTES });
  const outcome = await changeManagedBooking(database.db, booking, form, { baseUrl: env.baseUrl });
  return redirect(`/reservation/${params.token}?fait=${DONE[outcome]}`, 303);
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store", "Referrer-Policy": TOKEN_PAGE_REFERRER_POLICY });

export const meta: Route.MetaFunction = () => [{ title: `${m.manageTitle} — ${fr.site.name}` }, { name: "robots", content: "noindex" }];

const doneText: Record<string, string> = {
  annulee: m.cancelDone, deplacee: m.moveDone, "trop-tard": m.refusals["cancel-deadline"], pris: m.refusals.taken, invalide: m.errors.slotInvalid, refuse: m.errors.slotInvalid,
};

export default function BookingManage({ loaderData }: Route.ComponentProps) {
  const { booking: b, place, now, token, move } = loaderData;
  const base = `/reservation/${token}`;
  const past = b.end <= now;
  const title = b.status === "cancelled" ? m.cancelledTitle : past ? m.pastTitle : loaderData.isNew ? (b.status === "pending" ? m.pendingTitle : m.confirmedTitle) : m.manageTitle;
  return (
    <>
      <h1>{title}</h1>
      {loaderData.done && doneText[loaderData.done] ? (
        <p className="notice" role="status">
          {doneText[loaderData.done]}
        </p>
      ) : null}
      {loaderData.isReplay ? <p className="notice">{m.alreadyBooked}</p> : null}
      {loaderData.isNew && b.status === "pending" ? <p>{m.pendingText}</p> : null}
      <dl className="facts">
        <dt>{m.what}</dt>
        <dd>
          {b.what}
          {b.reason ? ` — ${b.reason}` : ""} ({priceWords(b.priceCents)})
        </dd>
        <dt>{m.when}</dt>
        <dd>
          {capitalize(whenWords(b.start, place.timeZone, now))} ({m.minutes(loaderData.durationMinutes)})
        </dd>
        <dt>{m.where}</dt>
        <dd>
          <a href={`/lieux/${place.slug}`}>{place.name}</a>
          <br />
          {place.address}
        </dd>
        {place.phone ? (
          <>
            <dt>{m.placePhone}</dt>
            <dd>
              <a href={`tel:${place.phone.replace(/\s/g, "")}`}>{place.phoneText}</a>
            </dd>
          </>
        ) : null}
        <dt>{m.bring}</dt>
        <dd>{m.bringText}</dd>
      </dl>
      {loaderData.isNew && b.contact ? <p>{m.sentTo(b.contact)}</p> : null}
      {b.status !== "cancelled" && !past ? (
        <>
          <p className="notice">{m.keepLink}</p>
          <p>
            <a href={`${base}/agenda.ics`} download="reservation.ics">
              {m.addToCalendar}
            </a>
          </p>
        </>
      ) : null}
      {loaderData.changeable ? (
        <>
          <p>{m.deadlineText(whenWords(loaderData.deadline, place.timeZone, now))}</p>
          <h2>{m.moveTitle}</h2>
          {move === null ? (
            <p>
              <a href={`${base}?deplacer=1`}>{m.moveLink}</a>
            </p>
          ) : move.step === "day" ? (
            <DayList base={`${base}?deplacer=1`} days={move.days} timeZone={place.timeZone} now={now} />
          ) : move.step === "time" ? (
            <TimeList base={`${base}?deplacer=1`} date={move.date} slots={move.slots} timeZone={place.timeZone} now={now} param="nouveau" />
          ) : (
            <form method="post" action={base}>
              <input type="hidden" name="intent" value="deplacer" />
              <input type="hidden" name="debut" value={new Date(move.slot.start).toISOString()} />
              <input type="hidden" name="duree" value={loaderData.durationMinutes} />
              <p>{capitalize(whenWords(move.slot.start, place.timeZone, now))}</p>
              <button type="submit">{m.moveSubmit}</button>
            </form>
          )}
          <h2>{m.cancelTitle}</h2>
          <form method="post" action={base} className="report-form">
            <input type="hidden" name="intent" value="annuler" />
            <div className="field">
              <label htmlFor="champ-raison">{m.cancelReason}</label>
              <input id="champ-raison" name="raison" maxLength={500} />
            </div>
            <button type="submit">{m.cancelSubmit}</button>
          </form>
        </>
      ) : b.status !== "cancelled" && !past ? (
        <p>{m.tooLateToChange(whenWords(loaderData.deadline, place.timeZone, now))}</p>
      ) : null}
    </>
  );
}
