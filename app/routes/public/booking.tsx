import { data, redirect } from "react-router";
import type { Route } from "./+types/booking";
import { appContext } from "~/context";
import { refusalMessage } from "~/features/scheduling/booking-form";
import { BookingForm, DayList, NextTimes, offerTitle, priceWords, TimeList, whenWords } from "~/features/scheduling/booking-parts";
import { findPublicOffer, newIdempotencyKey, publicBookingView, retentionDaysOf, submitPublicBooking, type PublicBookingOutcome } from "~/features/scheduling/public-booking.server";
import { readForm } from "~/lib/forms";
import { formPageHeaders } from "~/lib/http";
import { capitalize } from "~/lib/text";
import { fr } from "~/lib/messages";

const m = fr.booking;
const MAX_BODY_BYTES = 16_384;

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const { database } = context.get(appContext);
  const found = await findPublicOffer(database.db, params.slug, params.offer);
  if (!found) throw data(m.refusals["unknown-resource"], { status: 404 });
  const now = Date.now();
  const view = await publicBookingView(database.db, found.place, found.offer, new URL(request.url).searchParams, now);
  return {
    place: found.place, offer: { key: found.offer.key, kind: found.offer.kind, name: found.offer.name, description: found.offer.description, priceCents: found.offer.priceCents, membersOnly: found.offer.membersOnly, reasons: found.offer.reasons },
    view, now, idempotencyKey: newIdempotencyKey(), retentionDays: await retentionDaysOf(database.db, found.place.id),
  };
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const { database, env, clientAddress } = context.get(appContext);
  const found = await findPublicOffer(database.db, params.slug, params.offer);
  if (!found) throw data(m.refusals["unknown-resource"], { status: 404 });
  const form = await readForm(request, { maxBytes: MAX_BODY_BYTES });
  const outcome: PublicBookingOutcome = await submitPublicBooking(database.db, {
    place: found.place, offer: found.offer, form, clientAddress, refusalMessage,
    options: { secret: env.sessionSecret, baseUrl: env.baseUrl },
  });
  switch (outcome.kind) {
    case "booked":
      if (outcome.manageToken) return redirect(`/reservation/${outcome.manageToken}?${outcome.replay ? "deja" : "nouvelle"}=1`, 303);
      return data({ outcome }, { status: 200 });
    case "invalid":
      return data({ outcome }, { status: 400 });
    case "taken":
      return data({ outcome }, { status: 409 });
    case "refused":
      return data({ outcome }, { status: 422 });
    case "limited":
      return data({ outcome }, { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } });
  }
}

export const headers: Route.HeadersFunction = formPageHeaders;

export const meta: Route.MetaFunction = ({ loaderData }) =>
  loaderData ? [{ title: `${offerTitle(loaderData.offer)} — ${loaderData.place.name} — ${fr.site.name}` }, { name: "robots", content: "noindex" }] : [];

export default function Booking({ loaderData, actionData }: Route.ComponentProps) {
  const { place, offer, view, now } = loaderData;
  const base = `/lieux/${place.slug}/reserver/${offer.key}`;
  const outcome = actionData?.outcome;
  const failed = outcome && outcome.kind !== "booked";
  return (
    <>
      <title>{`${failed ? fr.report.errorTitlePrefix : ""}${offerTitle(offer)} — ${place.name} — ${fr.site.name}`}</title>
      <p>
        <a href={view.step === "day" ? `/lieux/${place.slug}/reserver` : base}>{view.step === "day" ? m.back : m.otherDay}</a>
      </p>
      <h1>{offerTitle(offer)}</h1>
      <p>
        {place.name}, {place.address}, {place.postcode} {place.commune} · {priceWords(offer.priceCents)}
        {offer.membersOnly ? ` · ${fr.memberships.membersOnly}` : ""}
      </p>
      {outcome?.kind === "booked" ? <p className="notice">{m.alreadyBooked}</p> : null}
      {outcome?.kind === "taken" ? (
        <div className="error-summary" id="erreurs" tabIndex={-1} autoFocus>
          <h2>{m.refusals.taken}</h2>
          <NextTimes base={base} slots={outcome.next} timeZone={place.timeZone} now={now} />
        </div>
      ) : null}
      {view.step === "day" ? <DayList base={base} days={view.days} timeZone={place.timeZone} now={now} /> : null}
      {view.step === "time" ? <TimeList base={base} date={view.date} slots={view.slots} timeZone={place.timeZone} now={now} /> : null}
      {view.step === "form" ? (
        <>
          <h2>{capitalize(whenWords(view.slot.start, place.timeZone, now))}</h2>
          <BookingForm
            action={`${base}?debut=${encodeURIComponent(new Date(view.slot.start).toISOString())}`}
            slot={view.slot}
            durations={view.durations}
            reasons={offer.reasons}
            idempotencyKey={outcome && outcome.kind !== "booked" ? outcome.values.cle || loaderData.idempotencyKey : loaderData.idempotencyKey}
            values={outcome && outcome.kind !== "booked" ? outcome.values : {}}
            errors={outcome?.kind === "invalid" ? outcome.errors : {}}
            problem={outcome?.kind === "refused" ? outcome.message : outcome?.kind === "limited" ? m.tooMany(`${Math.ceil(outcome.retryAfterSeconds / 60)} min`) : null}
            retentionDays={loaderData.retentionDays}
          />
        </>
      ) : outcome?.kind === "refused" ? (
        <p className="notice">{outcome.message}</p>
      ) : null}
    </>
  );
}
