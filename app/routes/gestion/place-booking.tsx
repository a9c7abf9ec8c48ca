import { data } from "react-router";
import type { Route } from "./+types/place-booking";
import { appContext } from "~/context";
import { requirePlace, requirePlaceForm } from "~/features/access/access.server";
import { can } from "~/features/policy/policy";
import { findPeople } from "~/features/scheduling/agenda.server";
import { timeWords } from "~/features/scheduling/booking-parts";
import { bookOnBehalf } from "~/features/scheduling/desk.server";
import { deskDay } from "~/features/scheduling/desk-day.server";
import { newIdempotencyKey } from "~/features/scheduling/public-booking.server";
import { isIsoDate } from "~/features/time/calendar";
import { formatDay } from "~/features/time/format";
import { formatPhone } from "~/lib/phone";
import { capitalize } from "~/lib/text";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { CsrfField, ErrorSummary, Notice, SelectField, TextField } from "~/ui/form";

const d = fr.booking.desk;
const m = fr.booking;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, place: row, target } = await requirePlace(request, context, params.placeId, "place.agenda");
  const { database } = context.get(appContext);
  const url = new URL(request.url);
  const now = Date.now();
  const asked = url.searchParams.get("jour");
  const resourceId = url.searchParams.get("ressource");
  const found = await deskDay(database.db, row.id, resourceId, asked && isIsoDate(asked) ? asked : null, now);
  return {
    ...found, now, csrfToken: signedIn.csrfToken, idempotencyKey: newIdempotencyKey(),
    mayOverride: can(signedIn.principal, "place.resources", target),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { database, env } = context.get(appContext);
  const { signedIn, place, form, target } = await requirePlaceForm(request, context, params.placeId, "place.agenda", 16_384);
  if (form.get("intent") === "chercher") {
    const people = await findPeople(database.db, place.id, String(form.get("q") ?? ""));
    return data({ kind: "people" as const, people: people.map((p) => ({ firstName: p.firstName ?? "", phone: p.phone ?? "", email: p.email ?? "" })) });
  }
  const outcome = await bookOnBehalf(database.db, {
    placeId: place.id, form, actorUserId: signedIn.user.id, mayOverride: can(signedIn.principal, "place.resources", target),
    options: { secret: env.sessionSecret, baseUrl: env.baseUrl },
  });
  return data(outcome, { status: outcome.kind === "booked" ? 200 : 400 });
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PlaceBooking({ loaderData, actionData }: Route.ComponentProps) {
  const { place, resources, resource, date, today, slots, csrfToken, mayOverride } = loaderData;
  const base = `/gestion/lieux/${place.id}/agenda/reserver`;
  const invalid = actionData?.kind === "invalid" ? actionData : null;
  const chosen = actionData?.kind === "people" && actionData.people.length === 1 ? actionData.people[0]! : null;
  const values: Record<string, string> = invalid?.values ?? (chosen ? { prenom: chosen.firstName, telephone: chosen.phone ? formatPhone(chosen.phone) : "", courriel: chosen.email } : {});
  return (
    <>
      <title>{`${invalid ? fr.backoffice.errorTitlePrefix : ""}${d.bookOnBehalfTitle(place.name)} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/lieux/${place.id}/agenda?jour=${date}`}>{d.agendaTitle(place.name)}</a>
      </p>
      <h1>{d.bookOnBehalfTitle(place.name)}</h1>
      {actionData?.kind === "booked" ? <Notice>{actionData.message}</Notice> : null}
      <form method="get" action={base} className="backoffice-form">
        <div className="field">
          <label htmlFor="champ-ressource">{d.resource}</label>
          <select id="champ-ressource" name="ressource" defaultValue={resource?.id ?? ""}>
            {resources.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="champ-jour">{d.date}</label>
          <input id="champ-jour" name="jour" type="date" defaultValue={date} min={today} />
        </div>
        <button type="submit" className="secondary">
          {d.showTimes}
        </button>
      </form>
      {resource ? (
        <>
          <h2>
            {resource.name} — {formatDay(date, today)}
          </h2>
          <form method="post" action={`${base}?ressource=${resource.id}&jour=${date}`} className="backoffice-form">
            <CsrfField token={csrfToken} />
            <input type="hidden" name="intent" value="chercher" />
            <div className="field">
              <label htmlFor="champ-q">{d.findPerson}</label>
              <input id="champ-q" name="q" maxLength={80} autoComplete="off" />
            </div>
            <button type="submit" className="secondary">
              {d.find}
            </button>
          </form>
          {actionData?.kind === "people" ? (
            actionData.people.length === 0 ? (
              <p>{d.noPeople}</p>
            ) : (
              <>
                <h3>{d.foundPeople}</h3>
                <ul>
                  {actionData.people.map((p) => (
                    <li key={p.phone + p.email}>
                      <form method="post" action={`${base}?ressource=${resource.id}&jour=${date}`} className="inline-form">
                        <CsrfField token={csrfToken} />
                        <input type="hidden" name="intent" value="chercher" />
                        <input type="hidden" name="q" value={p.phone || p.email} />
                        {p.firstName} — {p.phone ? formatPhone(p.phone) : p.email}{" "}
                        <button type="submit" className="small secondary">
                          {d.usePerson(p.firstName)}
                        </button>
                      </form>
                    </li>
                  ))}
                </ul>
              </>
            )
          ) : null}
          <form method="post" action={`${base}?ressource=${resource.id}&jour=${date}`} className="backoffice-form" noValidate>
            <ErrorSummary errors={invalid?.errors ?? {}} problem={invalid?.problem ?? null} />
            <CsrfField token={csrfToken} />
            <input type="hidden" name="intent" value="reserver" />
            <input type="hidden" name="ressource" value={resource.id} />
            <input type="hidden" name="cle" value={loaderData.idempotencyKey} />
            <div className="field">
              <label htmlFor="champ-debut">{d.startTime}</label>
              <select id="champ-debut" name="debut" defaultValue={values.debut}>
                {slots.map((s) => (
                  <option key={s.start} value={new Date(s.start).toISOString()}>
                    {timeWords(s.start, place.timeZone)}
                  </option>
                ))}
              </select>
            </div>
            <SelectField name="duree" label={m.duration} options={resource.durations.map((n) => [String(n), m.minutes(n)] as const)} value={values.duree || String(resource.minMinutes)} />
            {resource.reasons.length > 0 ? <SelectField name="motif" label={m.reason} options={resource.reasons.map((r) => [r, r] as const)} value={values.motif} error={invalid?.errors.motif} /> : null}
            <TextField name="prenom" label={d.firstNameLabel} value={values.prenom} error={invalid?.errors.prenom} required />
            <p className="muted">{d.contactOptional}</p>
            <TextField name="telephone" label={d.phoneLabel} value={values.telephone} error={invalid?.errors.telephone} type="tel" inputMode="tel" />
            <TextField name="courriel" label={d.emailLabel} value={values.courriel} error={invalid?.errors.courriel} type="email" inputMode="email" />
            <TextField name="note" label={d.noteLabel} value={values.note} error={invalid?.errors.note} />
            {mayOverride ? (
              <div className="check">
                <input type="checkbox" id="champ-forcer" name="forcer" value="1" defaultChecked={values.forcer === "1"} aria-describedby="champ-forcer-aide" />
                <label htmlFor="champ-forcer">{d.override}</label>
                <p id="champ-forcer-aide" className="hint">
                  {d.overrideHint}
                </p>
              </div>
            ) : null}
            <button type="submit">{d.bookSubmit}</button>
          </form>
          {slots.length === 0 ? <p>{capitalize(m.dayNone)}</p> : null}
        </>
      ) : null}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
