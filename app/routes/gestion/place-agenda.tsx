import { data } from "react-router";
import type { Route } from "./+types/place-agenda";
import { paidLinks } from "~/features/sales/till.server";
import { appContext } from "~/context";
import { requirePlace, requirePlaceForm } from "~/features/access/access.server";
import { can } from "~/features/policy/policy";
import { DayTables, StationBoard, WeekTable } from "~/features/scheduling/agenda-parts";
import { dayAgenda, stationBoard, weekAgenda } from "~/features/scheduling/agenda.server";
import { capitalize } from "~/lib/text";
import { runDeskAction } from "~/features/scheduling/desk.server";
import { placeById } from "~/features/scheduling/resources.server";
import { addDays, isIsoDate, weekdayOf } from "~/features/time/calendar";
import { formatDay } from "~/features/time/format";
import { todayIn } from "~/features/time/today";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { Notice } from "~/ui/form";

const d = fr.booking.desk;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, place: row, target } = await requirePlace(request, context, params.placeId, "place.agenda.view");
  const { database } = context.get(appContext);
  const place = (await placeById(database.db, row.id))!;
  const url = new URL(request.url);
  const now = Date.now();
  const today = todayIn(place.timeZone, now);
  const asked = url.searchParams.get("jour");
  const date = asked && isIsoDate(asked) ? asked : today;
  const week = url.searchParams.get("vue") === "semaine";
  const canRun = can(signedIn.principal, "place.agenda", target);
  const canSetUp = can(signedIn.principal, "place.resources", target);
  const monday = addDays(date, 1 - weekdayOf(date));
  const day = week ? null : await dayAgenda(database.db, place, date, now);
  const canSell = can(signedIn.principal, "place.sales", target);
  return {
    place: { id: place.id, name: place.name, timeZone: place.timeZone }, date, today, week, now, canRun, canSetUp, canRecord: can(signedIn.principal, "place.mediation", target), csrfToken: signedIn.csrfToken,
    day,
    till: canSell ? { base: `/gestion/lieux/${place.id}/caisse`, paid: [...(await paidLinks(database.db, { bookingIds: day?.bookings.map((b) => b.id) ?? [] }))] } : undefined,
    weekData: week ? await weekAgenda(database.db, place, monday, now) : null,
    board: !week && date === today ? await stationBoard(database.db, place, now) : [],
    monday,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { database, env } = context.get(appContext);
  const { signedIn, place, form } = await requirePlaceForm(request, context, params.placeId, "place.agenda", 8192);
  const outcome = await runDeskAction(database.db, { placeId: place.id, form, actorUserId: signedIn.user.id, options: { secret: env.sessionSecret, baseUrl: env.baseUrl } });
  return data(outcome, { status: outcome.ok ? 200 : outcome.status });
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `${loaderData ? d.agendaTitle(loaderData.place.name) : ""} — ${fr.site.name}` }, { name: "robots", content: "noindex" }];

export default function PlaceAgenda({ loaderData, actionData }: Route.ComponentProps) {
  const { place, date, today, week, canRun, canSetUp, canRecord, csrfToken, day, weekData, board, monday, till } = loaderData;
  const base = `/gestion/lieux/${place.id}/agenda`;
  const action = `${base}?jour=${date}`;
  return (
    <>
      <title>{`${actionData && !actionData.ok ? fr.backoffice.errorTitlePrefix : ""}${d.agendaTitle(place.name)} — ${fr.site.name}`}</title>
      <p className="print-hide">
        <a href={`/gestion/lieux/${place.id}`}>{fr.attention.reports.backToPlace}</a>
      </p>
      <h1>{d.agendaTitle(place.name)}</h1>
      <p>
        <strong>{week ? `${d.week} du ${formatDay(monday, today)}` : capitalize(formatDay(date, today))}</strong>
      </p>
      {actionData ? actionData.ok ? <Notice>{actionData.message}</Notice> : <p className="error-summary" role="alert">{actionData.message}</p> : null}
      <ul className="view-switch print-hide">
        {week ? (
          <>
            <li><a href={`${base}?vue=semaine&jour=${addDays(monday, -7)}`}>{d.previousWeek}</a></li>
            <li><a href={`${base}?vue=semaine&jour=${addDays(monday, 7)}`}>{d.nextWeek}</a></li>
            <li><a href={`${base}?jour=${date}`}>{d.day}</a></li>
          </>
        ) : (
          <>
            <li><a href={`${base}?jour=${addDays(date, -1)}`}>{d.previous}</a></li>
            <li><a href={`${base}?jour=${today}`}>{d.today}</a></li>
            <li><a href={`${base}?jour=${addDays(date, 1)}`}>{d.next}</a></li>
            <li><a href={`${base}?vue=semaine&jour=${date}`}>{d.week}</a></li>
          </>
        )}
        {canRun ? <li><a href={`${base}/reserver?jour=${date}`}>{d.bookOnBehalf}</a></li> : null}
        {canRecord ? <li><a href={`/gestion/lieux/${place.id}/accompagnements`}>{fr.mediation.link}</a></li> : null}
        {canSetUp ? <li><a href={`/gestion/lieux/${place.id}/ressources`}>{fr.resources.link}</a></li> : null}
        <li><a href={`/gestion/lieux/${place.id}/ateliers`}>{fr.workshopSetup.link}</a></li>
      </ul>
      {!canRun ? <p className="notice">{d.readOnly}</p> : null}
      {!week ? <p className="muted print-hide">{d.print}</p> : null}
      {day && day.resources.length === 0 ? <p>{d.noResources}</p> : null}
      {board.length > 0 ? <StationBoard rows={board} timeZone={place.timeZone} csrfToken={csrfToken} canRun={canRun} action={action} /> : null}
      {day ? <DayTables resources={day.resources} bookings={day.bookings} timeZone={place.timeZone} csrfToken={csrfToken} canRun={canRun} action={action} recordBase={canRecord ? `/gestion/lieux/${place.id}/accompagnements/nouveau` : undefined} till={till} /> : null}
      {weekData ? <WeekTable resources={weekData.resources} days={weekData.days} timeZone={place.timeZone} base={base} today={today} /> : null}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
