import type { PlaceHours } from "./place-page.server";
import type { WeekDay } from "~/features/hours/open-now";
import { formatDay } from "~/features/time/format";
import { fr } from "~/lib/messages";

function DayHours({ day }: { day: WeekDay }) {
  if (day.ranges.length > 0) {
    return (
      <>
        {day.ranges.join(fr.placePage.and)}
        {day.holiday ? <span className="muted"> ({fr.placePage.holiday(day.holiday)})</span> : null}
      </>
    );
  }
  if (day.note) return <>{day.note}</>;
  return (
    <>
      {fr.placePage.closed}
      {day.closedReason ? ` — ${day.closedReason}` : null}
    </>
  );
}

/** The open status line and the week table; or, when hours are unknown, the producer's text and advice to phone. */
export function PlaceHoursSection({ hours, phone, phoneText, timeZone }: { hours: PlaceHours; phone: string | null; phoneText: string | null; timeZone: string }) {
  return (
    <section aria-labelledby="horaires" className="place-hours">
      <h2 id="horaires">{fr.place.hours}</h2>
      {hours.kind === "week" ? (
        <>
          <p className={`status status-${hours.status.kind} print-hide`}>
            {hours.status.label}
            {hours.status.kind === "unknown" && hours.status.comment ? ` (${hours.status.comment})` : null}
          </p>
          <table className="week">
            <caption>{fr.placePage.weekCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{fr.placePage.dayColumn}</th>
                <th scope="col">{fr.placePage.hoursColumn}</th>
              </tr>
            </thead>
            <tbody>
              {hours.week.map((day) => (
                <tr key={day.date} className={day.isToday ? "today" : undefined} aria-current={day.isToday ? "date" : undefined}>
                  <th scope="row">
                    {formatDay(day.date)}
                    {day.isToday ? <strong> {fr.placePage.today}</strong> : null}
                  </th>
                  <td>
                    <DayHours day={day} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {timeZone !== "Europe/Paris" ? <p className="muted">{fr.placePage.localTime(timeZone)}</p> : null}
        </>
      ) : (
        <>
          <p className="notice">
            <strong>{hours.text ? fr.placePage.hoursToCheck : fr.placePage.hoursMissing}</strong>
          </p>
          {hours.text ? (
            <>
              <p>{fr.placePage.hoursAsGiven}</p>
              <blockquote className="pre-line">{hours.text}</blockquote>
            </>
          ) : null}
          <p>
            {phone && phoneText ? (
              <>
                {fr.placePage.callBefore} : <a href={`tel:${phone}`}>{phoneText}</a>.
              </>
            ) : (
              fr.placePage.contactBefore
            )}
          </p>
        </>
      )}
    </section>
  );
}
