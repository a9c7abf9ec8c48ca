/**
 * The desk's parts: the day per resource (a table each, printable), the week, the station board
 * with "occuper maintenant", and each booking's attendance and cancel forms. Plain forms.
 */
import { CsrfField } from "~/ui/form";
import { formatDay, formatTime } from "~/features/time/format";
import { toWallTime } from "~/features/time/zone";
import { formatPhone } from "~/lib/phone";
import { fr } from "~/lib/messages";
import type { AgendaBooking } from "./agenda.server";
import { capitalize } from "~/lib/text";
import { WALK_IN_MINUTES } from "./desk-form";

const m = fr.booking;
const d = fr.booking.desk;

type ResourceLite = { id: string; name: string; kind: string; priceCents?: number | null };
/** The till, for bookings of a priced resource: « Encaisser », or « Payé » once a sale names the booking. */
export type TillLinks = { base: string; paid: readonly string[] };
const clock = (at: number, tz: string) => {
  const w = toWallTime(tz, at);
  return formatTime(w.hour, w.minute);
};
const who = (b: Pick<AgendaBooking, "firstName">) => b.firstName || d.anonymous;

function BookingRow({ b, tz, csrfToken, canRun, action, recordBase, till }: { b: AgendaBooking; tz: string; csrfToken: string; canRun: boolean; action: string; recordBase?: string; till?: TillLinks }) {
  const when = `${clock(b.start, tz)} – ${clock(b.end, tz)}`;
  const cancelled = b.status === "cancelled";
  return (
    <tr className={cancelled ? "cancelled" : undefined}>
      <td>{when}</td>
      <td>
        {who(b)}
        {b.reason ? <div className="muted">{b.reason}</div> : null}
        {b.note ? <div className="muted">« {b.note} »</div> : null}
        {b.noShows > 0 ? <div className="warning">{d.noShows(b.noShows)}</div> : null}
      </td>
      <td>{b.phone ? formatPhone(b.phone) : (b.email ?? "—")}</td>
      <td>
        {d.statuses[b.status]} <span className="muted">({d.sources[b.source]})</span>
        {b.attendance ? <div>{d.attendances[b.attendance]}</div> : null}
        {recordBase && b.attendance === "present" ? (
          <div className="print-hide">
            <a href={`${recordBase}?reservation=${b.id}`} aria-label={`${fr.mediation.complete} : ${who(b)}, ${when}`}>
              {fr.mediation.complete}
            </a>
          </div>
        ) : null}
        {till && !cancelled ? (
          till.paid.includes(b.id) ? (
            <div>{fr.sales.paid}</div>
          ) : (
            <div className="print-hide">
              <a href={`${till.base}?reservation=${b.id}${b.beneficiaryId ? `&personne=${b.beneficiaryId}` : ""}`} aria-label={`${fr.sales.charge} : ${who(b)}, ${when}`}>
                {fr.sales.charge}
              </a>
            </div>
          )
        ) : null}
      </td>
      <td className="print-hide">
        {canRun && !cancelled ? (
          <>
            <form method="post" action={action} className="inline-form">
              <CsrfField token={csrfToken} />
              <input type="hidden" name="intent" value="presence" />
              <input type="hidden" name="reservation" value={b.id} />
              <fieldset>
                <legend className="visually-hidden">{d.attendanceLegend(who(b), when)}</legend>
                {(["present", "absent", "excused"] as const).map((a) => (
                  <label key={a} className="radio">
                    <input type="radio" name="presence" value={a} defaultChecked={b.attendance === a} /> {d.attendances[a]}
                  </label>
                ))}
              </fieldset>
              <button type="submit" className="small">
                {d.markAttendance}
              </button>
            </form>
            {b.status === "pending" ? (
              <form method="post" action={action} className="inline-form">
                <CsrfField token={csrfToken} />
                <input type="hidden" name="intent" value="confirmer" />
                <input type="hidden" name="reservation" value={b.id} />
                <button type="submit" className="small">
                  {d.confirm}
                </button>
              </form>
            ) : null}
            <details>
              <summary>{d.cancel}</summary>
              <form method="post" action={action}>
                <CsrfField token={csrfToken} />
                <input type="hidden" name="intent" value="annuler" />
                <input type="hidden" name="reservation" value={b.id} />
                <label htmlFor={`raison-${b.id}`}>{d.cancelReason}</label>
                <input id={`raison-${b.id}`} name="raison" maxLength={500} />
                <button type="submit" className="small secondary">
                  {d.cancel}
                </button>
              </form>
            </details>
          </>
        ) : null}
      </td>
    </tr>
  );
}

export function DayTables(props: { resources: ResourceLite[]; bookings: AgendaBooking[]; timeZone: string; csrfToken: string; canRun: boolean; action: string; recordBase?: string; till?: TillLinks }) {
  return (
    <>
      {props.resources.map((r) => {
        const own = props.bookings.filter((b) => b.resourceId === r.id);
        return (
          <section key={r.id} aria-labelledby={`ressource-${r.id}`} className="agenda-resource">
            <h2 id={`ressource-${r.id}`}>{r.name}</h2>
            {own.length === 0 ? (
              <p className="muted">{d.noBookings}</p>
            ) : (
              <table className="data-table agenda">
                <caption className="visually-hidden">{r.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">{d.time}</th>
                    <th scope="col">{d.who}</th>
                    <th scope="col">{d.contact}</th>
                    <th scope="col">{d.status}</th>
                    <th scope="col" className="print-hide">
                      {d.actions}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {own.map((b) => (
                    <BookingRow key={b.id} b={b} tz={props.timeZone} csrfToken={props.csrfToken} canRun={props.canRun} action={props.action} recordBase={props.recordBase} till={r.priceCents ? props.till : undefined} />
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </>
  );
}

export function WeekTable(props: { resources: ResourceLite[]; days: { date: string; bookings: AgendaBooking[] }[]; timeZone: string; base: string; today: string }) {
  return (
    <table className="data-table">
      <caption className="visually-hidden">{d.week}</caption>
      <thead>
        <tr>
          <th scope="col">{d.day}</th>
          {props.resources.map((r) => (
            <th scope="col" key={r.id}>
              {r.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.days.map((day) => (
          <tr key={day.date}>
            <th scope="row">
              <a href={`${props.base}?jour=${day.date}`}>{capitalize(formatDay(day.date, props.today))}</a>
            </th>
            {props.resources.map((r) => {
              const own = day.bookings.filter((b) => b.resourceId === r.id);
              return <td key={r.id}>{own.length === 0 ? "—" : own.map((b) => `${clock(b.start, props.timeZone)} ${who(b)}`).join(", ")}</td>;
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type BoardRow = {
  resource: ResourceLite & { maxMinutesPerDay: number | null };
  current: AgendaBooking | null;
  next: AgendaBooking | null;
  usedTodayMinutes: number;
  dailyQuotaMinutes: number | null;
  freeUntil: number | null;
};

export function StationBoard(props: { rows: BoardRow[]; timeZone: string; csrfToken: string; canRun: boolean; action: string }) {
  if (props.rows.length === 0) return null;
  return (
    <section aria-labelledby="postes" className="print-hide">
      <h2 id="postes">{d.walkInTitle}</h2>
      <ul className="board">
        {props.rows.map((row) => (
          <li key={row.resource.id} className={row.current ? "busy" : "free"}>
            <h3>{row.resource.name}</h3>
            {row.current ? (
              <>
                <p>{d.busyUntil(who(row.current), clock(row.current.end, props.timeZone))}</p>
                <p className="muted">{d.usedToday(m.minutes(row.usedTodayMinutes), row.dailyQuotaMinutes ? m.minutes(row.dailyQuotaMinutes) : null)}</p>
              </>
            ) : (
              <>
                <p>
                  <strong>{row.freeUntil ? d.freeUntil(clock(row.freeUntil, props.timeZone)) : d.free}</strong>
                </p>
                {props.canRun ? (
                  <form method="post" action={props.action}>
                    <CsrfField token={props.csrfToken} />
                    <input type="hidden" name="intent" value="occuper" />
                    <input type="hidden" name="ressource" value={row.resource.id} />
                    <label htmlFor={`minutes-${row.resource.id}`}>{d.walkInMinutes}</label>{" "}
                    <select id={`minutes-${row.resource.id}`} name="minutes" defaultValue="60">
                      {WALK_IN_MINUTES.map((n) => (
                        <option key={n} value={n}>
                          {m.minutes(n)}
                        </option>
                      ))}
                    </select>{" "}
                    <label htmlFor={`prenom-${row.resource.id}`}>{d.walkInName}</label>{" "}
                    <input id={`prenom-${row.resource.id}`} name="prenom" maxLength={80} size={10} />{" "}
                    <button type="submit" className="small">
                      {d.walkIn}
                    </button>
                  </form>
                ) : null}
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
