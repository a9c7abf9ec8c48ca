import { data } from "react-router";
import type { Route } from "./+types/place-workshop-session";
import { appContext } from "~/context";
import { requirePlace, requirePlaceForm } from "~/features/access/access.server";
import { can } from "~/features/policy/policy";
import { formatDateTime, formatSpan } from "~/features/time/format";
import { toWallTime } from "~/features/time/zone";
import { paidLinks } from "~/features/sales/till.server";
import { runDeskForm, sessionDesk } from "~/features/workshops/desk.server";
import { capitalize } from "~/lib/text";
import { fr } from "~/lib/messages";
import { formatPhone } from "~/lib/phone";
import { CsrfField, ErrorSummary, Notice, TextField } from "~/ui/form";

const d = fr.workshops.desk;
const pad = (n: number) => String(n).padStart(2, "0");

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, target } = await requirePlace(request, context, params.placeId, "place.agenda.view");
  const { database } = context.get(appContext);
  const desk = await sessionDesk(database.db, { placeId: params.placeId, sessionId: params.sessionId });
  if (!desk) throw data(d.refusals["not-found"], { status: 404 });
  // A paid workshop: « Encaisser » per person at the till, « Payé » once a sale names their registration.
  const maySell = Boolean(desk.priceCents) && can(signedIn.principal, "place.sales", target);
  const paid = maySell ? [...(await paidLinks(database.db, { registrationIds: desk.people.map((p) => p.id) }))] : [];
  return { desk, now: Date.now(), csrfToken: signedIn.csrfToken, mayRun: can(signedIn.principal, "place.workshops", target), mayRecord: can(signedIn.principal, "place.mediation", target), maySell, paid };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { database, env } = context.get(appContext);
  const { signedIn, place, form } = await requirePlaceForm(request, context, params.placeId, "place.workshops", 32_768);
  const outcome = await runDeskForm(database.db, { placeId: place.id, sessionId: params.sessionId, form, by: signedIn.user.id, options: { secret: env.sessionSecret, baseUrl: env.baseUrl } });
  return data(outcome, { status: outcome.kind === "done" ? 200 : 400 });
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PlaceWorkshopSession({ loaderData, actionData }: Route.ComponentProps) {
  const { desk: s, now, csrfToken, mayRun, mayRecord, maySell, paid } = loaderData;
  const tz = s.place.timeZone;
  const when = capitalize(formatSpan(s.start, s.end, { timeZone: tz, now }));
  const seated = s.people.filter((p) => p.status !== "waiting");
  const waiting = s.people.filter((p) => p.status === "waiting");
  const invalid = actionData?.kind === "invalid" ? actionData : null;
  const values = invalid?.values ?? {};
  const base = `/gestion/lieux/${s.place.id}/ateliers/seances/${s.id}`;
  const wall = toWallTime(tz, s.start);
  const wallEnd = toWallTime(tz, s.end);
  const contact = (p: (typeof s.people)[number]) => (p.phone ? formatPhone(p.phone) : p.email ?? "—");
  return (
    <>
      <title>{`${invalid ? fr.backoffice.errorTitlePrefix : ""}${s.title} — ${when} — ${fr.site.name}`}</title>
      <p className="print-hide">
        <a href={`/gestion/lieux/${s.place.id}/ateliers`}>{d.backToWorkshops}</a> · <a href={`/gestion/lieux/${s.place.id}/agenda`}>{d.backToAgenda}</a>
      </p>
      <h1>{s.title}</h1>
      <p>
        {when} · {s.place.name}
        {s.where.location === "stop" && s.where.stopLabel ? ` · ${s.where.stopCommune}, ${s.where.stopLabel}` : s.where.location === "online" ? ` · ${d.online}` : ""}
        {s.mediators.length ? ` · ${s.mediators.join(", ")}` : ""}
      </p>
      {s.status === "cancelled" ? <p className="notice">{fr.workshops.cancelledSession(s.cancelReason ?? "")}</p> : null}
      {actionData?.kind === "done" ? <Notice>{actionData.message}</Notice> : null}
      {invalid ? <ErrorSummary errors={invalid.errors} problem={invalid.message ?? null} /> : null}
      <p>
        <strong>{d.seatsLine(s.seatsTaken, s.capacity, waiting.length)}</strong>
      </p>
      <p>
        <a href={`${base}/emargement`}>{d.signInSheet}</a>
        {mayRecord && s.start <= now && s.status !== "cancelled" ? (
          <>
            {" · "}
            <a href={`/gestion/lieux/${s.place.id}/accompagnements/nouveau?seance=${s.id}`}>{fr.mediation.complete}</a>
          </>
        ) : null}
      </p>

      <h2>{d.registrants}</h2>
      {seated.length === 0 ? (
        <p>{d.none}</p>
      ) : (
        <form method="post" action={base}>
          <CsrfField token={csrfToken} />
          <input type="hidden" name="intent" value="presences" />
          <table className="data-table">
            <caption className="visually-hidden">{d.registrants}</caption>
            <thead>
              <tr>
                <th scope="col">{d.name}</th>
                <th scope="col">{d.contact}</th>
                <th scope="col">{d.status}</th>
                <th scope="col">{d.attendance}</th>
                {maySell ? <th scope="col">{fr.sales.payment}</th> : null}
              </tr>
            </thead>
            <tbody>
              {seated.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.firstName ?? d.erased}</th>
                  <td>{contact(p)}</td>
                  <td>{p.status === "offered" && p.offeredUntil ? d.offeredUntil(formatDateTime(p.offeredUntil, { timeZone: tz, now })) : d.statuses[p.status]}</td>
                  <td>
                    {p.status === "registered" ? (
                      <fieldset className="inline">
                        <legend className="visually-hidden">{d.attendanceOf(p.firstName ?? d.erased)}</legend>
                        {(["present", "absent", ""] as const).map((v) => (
                          <label key={v || "unset"} className="check">
                            <input type="radio" name={`presence-${p.id}`} value={v} defaultChecked={(p.attendance ?? "") === v} disabled={!mayRun} />
                            {v === "present" ? d.present : v === "absent" ? d.absent : d.unset}
                          </label>
                        ))}
                      </fieldset>
                    ) : null}
                  </td>
                  {maySell ? (
                    <td>
                      {paid.includes(p.id) ? (
                        fr.sales.paid
                      ) : (
                        <a href={`/gestion/lieux/${s.place.id}/caisse?inscription=${p.id}`} aria-label={`${fr.sales.charge} : ${p.firstName ?? d.erased}`}>
                          {fr.sales.charge}
                        </a>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
          {mayRun ? <button type="submit">{d.saveAttendance}</button> : null}
        </form>
      )}

      {mayRun ? (
        <form method="post" action={base} className="backoffice-form">
          <CsrfField token={csrfToken} />
          <input type="hidden" name="intent" value="sans-inscription" />
          <TextField name="nombre" label={d.walkIns} hint={d.walkInsHint} value={invalid?.intent === "sans-inscription" ? values.nombre : String(s.walkIns)} error={invalid?.intent === "sans-inscription" ? invalid.errors.nombre : undefined} inputMode="numeric" />
          <button type="submit">{d.saveWalkIns}</button>
        </form>
      ) : (
        <p>
          {d.walkIns} : {s.walkIns}
        </p>
      )}

      {s.registration !== "none" ? (
        <>
          <h2>{d.waitingList}</h2>
          {waiting.length === 0 ? (
            <p>{d.noneWaiting}</p>
          ) : (
            <ol>
              {waiting.map((p) => (
                <li key={p.id}>
                  {p.firstName ?? d.erased} — {contact(p)}
                </li>
              ))}
            </ol>
          )}
        </>
      ) : null}

      {mayRun && s.status === "scheduled" && s.registration !== "none" ? (
        <>
          <h2>{d.onBehalf}</h2>
          <form method="post" action={base} className="backoffice-form" noValidate>
            <CsrfField token={csrfToken} />
            <input type="hidden" name="intent" value="inscrire" />
            <p>{d.onBehalfHint}</p>
            <TextField name="prenom" label={d.name} value={invalid?.intent === "inscrire" ? values.prenom : ""} error={invalid?.intent === "inscrire" ? invalid.errors.prenom : undefined} required />
            <TextField name="telephone" label={d.phone} value={invalid?.intent === "inscrire" ? values.telephone : ""} error={invalid?.intent === "inscrire" ? invalid.errors.telephone : undefined} type="tel" />
            <TextField name="courriel" label={d.email} value={invalid?.intent === "inscrire" ? values.courriel : ""} error={invalid?.intent === "inscrire" ? invalid.errors.courriel : undefined} type="email" />
            <button type="submit">{d.onBehalfSubmit}</button>
          </form>
        </>
      ) : null}

      {mayRun && s.people.length > 0 ? (
        <>
          <h2>{d.cancel}</h2>
          <form method="post" action={base} className="backoffice-form">
            <CsrfField token={csrfToken} />
            <input type="hidden" name="intent" value="annuler-inscription" />
            <div className="field">
              <label htmlFor="champ-inscription">{d.whichRegistration}</label>
              <select id="champ-inscription" name="inscription">
                {s.people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.firstName ?? d.erased} ({d.statuses[p.status]})
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">{d.cancel}</button>
          </form>
        </>
      ) : null}

      {mayRun && s.status === "scheduled" && s.start > now ? (
        <>
          <h2>{d.moveSession}</h2>
          <form method="post" action={base} className="backoffice-form" noValidate>
            <CsrfField token={csrfToken} />
            <input type="hidden" name="intent" value="deplacer" />
            <TextField name="jour" label={d.newDate} type="date" value={invalid?.intent === "deplacer" ? values.jour : `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`} error={invalid?.intent === "deplacer" ? invalid.errors.jour : undefined} />
            <TextField name="debut" label={d.newStart} type="time" value={invalid?.intent === "deplacer" ? values.debut : `${pad(wall.hour)}:${pad(wall.minute)}`} error={invalid?.intent === "deplacer" ? invalid.errors.debut : undefined} />
            <TextField name="fin" label={d.newEnd} type="time" value={invalid?.intent === "deplacer" ? values.fin : `${pad(wallEnd.hour)}:${pad(wallEnd.minute)}`} error={invalid?.intent === "deplacer" ? invalid.errors.fin : undefined} />
            <button type="submit">{d.moveSession}</button>
          </form>
          <h2>{d.cancelSession}</h2>
          <form method="post" action={base} className="backoffice-form">
            <CsrfField token={csrfToken} />
            <input type="hidden" name="intent" value="annuler-seance" />
            <TextField name="motif" label={d.cancelSessionReason} value="" />
            <button type="submit">{d.cancelSession}</button>
          </form>
        </>
      ) : null}
    </>
  );
}
