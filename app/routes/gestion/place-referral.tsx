import { data, redirect } from "react-router";
import type { Route } from "./+types/place-referral";
import { requirePlace, requirePlaceForm } from "~/features/access/access.server";
import { can } from "~/features/policy/policy";
import { AnswerSchema } from "~/features/referrals/referral-form";
import { AppointmentFieldset, ReferralFacts, ReferralHistory } from "~/features/referrals/referral-parts";
import { answerReferral, detailView, getReferral, referralPlace } from "~/features/referrals/referrals.server";
import { answersFor } from "~/features/referrals/statuses";
import { formatDateTime } from "~/features/time/format";
import { todayIn } from "~/features/time/today";
import { appContext } from "~/context";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { CsrfField, ErrorSummary, Notice, TextField } from "~/ui/form";

const m = fr.referrals;
const MAX_BODY_BYTES = 4 * 1024;
const DONE = { accepter: "accepted", refuser: "refused", contact: "contacted", reserver: "booked", clore: "closed" } as const;

/** A referral the place received: the person, their needs, the adviser's note; accept, refuse, note a contact attempt, book, close. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, place } = await requirePlace(request, context, params.placeId, "place.referrals");
  const db = context.get(appContext).database.db;
  const r = await getReferral(db, params.referralId);
  if (!r || r.placeId !== place.id || !can(signedIn.principal, "referral.view", { partnerId: r.partnerId, placeId: r.placeId })) throw data(fr.backoffice.notFound, { status: 404 });
  const answers = answersFor(r.status);
  const bookable = answers.includes("book") ? await referralPlace(db, { networkId: r.networkId, slug: r.placeSlug, now: Date.now() }) : null;
  const done = new URL(request.url).searchParams.get("fait");
  // Attendance is marked in the agenda, on the appointment's day.
  const agendaDay = r.bookingId && r.appointmentAt ? todayIn(r.placeTimeZone, r.appointmentAt) : null;
  return {
    place: { id: place.id, name: place.name }, referral: detailView(r), csrfToken: signedIn.csrfToken, answers, done, agendaDay,
    choices: bookable ? { timeZone: bookable.timeZone, offers: bookable.offers.map((o) => ({ key: o.key, name: o.name, slots: o.slots.map((s) => ({ start: s.start })) })), sessions: bookable.sessions } : null,
  };
}

type ActionData = { errors: FieldErrors };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, place, form } = await requirePlaceForm(request, context, params.placeId, "place.referrals", MAX_BODY_BYTES);
  const parsed = parseForm(AnswerSchema, form);
  if (!parsed.ok) return data<ActionData>({ errors: parsed.errors }, { status: 400 });
  const app = context.get(appContext);
  const result = await answerReferral(app.database.db, {
    referralId: params.referralId, scope: { placeId: place.id }, answer: parsed.values, actorUserId: signedIn.user.id, baseUrl: app.env.baseUrl,
    options: { secret: app.env.sessionSecret, baseUrl: app.env.baseUrl },
  });
  if (result.kind === "not-found") throw data(fr.backoffice.notFound, { status: 404 });
  if (result.kind === "invalid") return data<ActionData>({ errors: result.errors }, { status: 409 });
  return redirect(`/gestion/lieux/${place.id}/orientations/${params.referralId}?fait=${String(form.get("intent"))}`, 303);
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PlaceReferral({ loaderData, actionData }: Route.ComponentProps) {
  const { place, referral: r, csrfToken, answers, choices, done, agendaDay } = loaderData;
  const errors = actionData?.errors ?? {};
  const i = m.inbox;
  const doneWords =
    done === "reserver" && r.appointmentAt
      ? i.bookedDone(formatDateTime(new Date(r.appointmentAt), { timeZone: r.placeTimeZone }))
      : done && done in DONE
        ? { accepter: i.accepted, refuser: i.refused, contact: i.contacted, reserver: i.accepted, clore: m.detail.closed }[done as keyof typeof DONE]
        : null;
  const form = (intent: string, children: React.ReactNode, label: string) => (
    <form method="post">
      <CsrfField token={csrfToken} />
      <input type="hidden" name="intent" value={intent} />
      {children}
      <button type="submit">{label}</button>
    </form>
  );
  return (
    <>
      <title>{`${m.detail.title(r.name)} — ${place.name} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/lieux/${place.id}/orientations`}>{i.title}</a>
      </p>
      <h1>{m.detail.title(r.name)}</h1>
      {doneWords ? <Notice>{doneWords}</Notice> : null}
      <ErrorSummary errors={errors} />
      <ReferralFacts r={r} side="place" />
      {agendaDay ? (
        <p>
          <a href={`/gestion/lieux/${place.id}/agenda?jour=${agendaDay}`}>{i.openAgenda}</a>
          {r.status === "booked" ? <span className="hint"> — {i.attendanceHint}</span> : null}
        </p>
      ) : null}
      {answers.length > 0 ? (
        <section aria-labelledby="repondre" className="actions">
          <h2 id="repondre">{i.answerTitle}</h2>
          {answers.includes("accept") ? form("accepter", null, i.accept) : null}
          {answers.includes("book") && choices ? form("reserver", <AppointmentFieldset choices={choices} value="" error={errors.rendez_vous} withPlaceCalls={false} legend={i.book} />, i.book) : null}
          {answers.includes("contact") ? form("contact", <TextField name="note" label={i.contactNote} hint={i.contactNoteHint} error={errors.note} />, i.contactAttempt) : null}
          {answers.includes("refuse") ? form("refuser", <TextField name="motif" label={i.refuseReason} error={errors.motif} required />, i.refuse) : null}
          {answers.includes("close") && !answers.includes("refuse") ? form("clore", <TextField name="motif" label={m.detail.closeReason} error={errors.motif} />, m.detail.close) : null}
        </section>
      ) : null}
      <ReferralHistory events={r.events} timeZone={r.placeTimeZone} />
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
