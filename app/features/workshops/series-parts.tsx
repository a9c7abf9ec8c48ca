/**
 * The parts of a place's workshops pages in the back-office: the series and their upcoming
 * sessions with their seats, one series' form (new or edit all), a session's capacity (edit one),
 * an extra session, the days skipped. Plain forms of the kit (app/ui/form.tsx): no JavaScript needed.
 */
import { PROMOTION_MODES, REGISTRATION_MODES, WORKSHOP_KINDS, WORKSHOP_LEVELS, WORKSHOP_LOCATIONS } from "~/db/schema/workshops";
import { isoDate } from "~/features/time/calendar";
import { formatDay, formatTimeRange, weekdayName } from "~/features/time/format";
import { ISO_WEEKDAYS, type IsoWeekday } from "~/features/time/weekday";
import { toWallTime } from "~/features/time/zone";
import type { FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { CheckboxField, CheckboxGroup, CsrfField, FieldError, RadioGroup, SelectField, TextField } from "~/ui/form";
import { MONTHLY_NTHS, type SkippedDay } from "./recurrence";
import { FREQUENCIES, SERIES_FIELDS as F, type SeriesFormValues } from "./series-form";
import { WORKSHOP_THEME_CODES, WORKSHOP_THEMES } from "./themes";

const m = fr.workshopSetup;
const f = m.fields;

/** « mardi 12 janvier 2027, de 14 h à 16 h » on the place's clock (the year when not this year). */
export function sessionWhen(startsAt: Date, endsAt: Date, timeZone: string, today: string): string {
  const start = toWallTime(timeZone, startsAt);
  const end = toWallTime(timeZone, endsAt);
  const sameDay = start.year === end.year && start.month === end.month && start.day === end.day;
  const endMinute = sameDay ? end.hour * 60 + end.minute : 1440;
  return `${formatDay(isoDate(start), today)}, ${formatTimeRange(start.hour * 60 + start.minute, Math.max(endMinute, start.hour * 60 + start.minute + 1))}`;
}

/** A session as the pages show it (words computed on the server). */
export type SessionView = { id: string; when: string; seats: string; cancelled: boolean; detached: boolean; capacity: string; editable: boolean };
export type SeriesView = { id: string; title: string; kind: string; published: boolean; when: string | undefined; sessions: SessionView[] };

const deskHref = (placeId: string, sessionId: string) => `/gestion/lieux/${placeId}/ateliers/seances/${sessionId}`;

/** The place's series, each with its upcoming sessions and seats, linked to its page and each session's desk page. */
export function SeriesList({ placeId, series }: { placeId: string; series: SeriesView[] }) {
  if (series.length === 0) return <p>{m.listNone}</p>;
  return (
    <>
      {series.map((s) => (
        <section key={s.id} aria-labelledby={`serie-${s.id}`} className="series">
          <h3 id={`serie-${s.id}`}>
            <a href={`/gestion/lieux/${placeId}/ateliers/${s.id}`} aria-label={m.editSeries(s.title)}>
              {s.title}
            </a>
          </h3>
          <p>
            {m.kinds[s.kind] ?? s.kind}
            {s.when ? ` — ${s.when}` : ""}
            {s.published ? "" : ` (${m.unpublished})`}
          </p>
          {s.sessions.length === 0 ? (
            <p>{m.noUpcoming}</p>
          ) : (
            <ul>
              {s.sessions.map((x) => (
                <li key={x.id}>
                  {x.when} — {x.cancelled ? m.cancelled : x.seats}
                  {x.detached ? ` (${m.detached})` : ""} —{" "}
                  <a href={deskHref(placeId, x.id)} aria-label={m.deskLinkLabel(x.when)}>
                    {m.deskLink}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}



export type StopOption = { id: string; label: string; commune: string };
export type StaffOption = { userId: string; name: string };

/**
 * The form of a series: what, for whom, registration, where, when. `schoolNote`: said beside
 * « Pas pendant les vacances scolaires » when they cannot be skipped automatically here.
 */
export function SeriesForm(props: {
  action: string;
  csrfToken: string;
  values: SeriesFormValues;
  errors: FieldErrors;
  stops: StopOption[];
  staff: StaffOption[];
  submit: string;
  intent?: string;
  version?: string;
  schoolNote?: string;
}) {
  const { values: v, errors: e } = props;
  const pairs = (labels: Record<string, string>, values: readonly string[]) => values.map((x) => [x, labels[x] ?? x] as const);
  const weekdayOptions = ISO_WEEKDAYS.map((d) => [String(d), weekdayName(d)] as const);
  return (
    <form method="post" action={props.action} noValidate className="backoffice-form">
      <CsrfField token={props.csrfToken} />
      {props.intent ? <input type="hidden" name="intent" value={props.intent} /> : null}
      {props.version ? <input type="hidden" name="version" value={props.version} /> : null}
      <fieldset>
        <legend>{m.legends.what}</legend>
        <SelectField name={F.kind} label={f.kind} value={v[F.kind]} error={e[F.kind]} options={pairs(m.kinds, WORKSHOP_KINDS)} />
        <TextField name={F.title} label={f.title} value={v[F.title]} error={e[F.title]} hint={f.titleHint} required />
        <TextField name={F.description} label={f.description} value={v[F.description]} error={e[F.description]} hint={f.descriptionHint} multiline rows={4} />
        <SelectField name={F.theme} label={f.theme} value={v[F.theme]} error={e[F.theme]} options={[["", f.themeNone], ...WORKSHOP_THEME_CODES.map((c) => [c, WORKSHOP_THEMES[c]] as const)]} />
        <SelectField name={F.level} label={f.level} value={v[F.level]} error={e[F.level]} options={[["", f.levelNone], ...pairs(m.levels, WORKSHOP_LEVELS)]} />
        {props.staff.length > 0 ? (
          <CheckboxGroup name={F.mediatorIds} legend={f.mediators} options={props.staff.map((s) => s.userId)} labels={(id) => props.staff.find((s) => s.userId === id)?.name ?? id} checked={v[F.mediatorIds]} error={e[F.mediatorIds]} />
        ) : null}
      </fieldset>
      <fieldset>
        <legend>{m.legends.who}</legend>
        <TextField name={F.audience} label={f.audience} value={v[F.audience]} error={e[F.audience]} hint={f.audienceHint} />
        <TextField name={F.bring} label={f.bring} value={v[F.bring]} error={e[F.bring]} hint={f.bringHint} />
        <TextField name={F.accessibility} label={f.accessibility} value={v[F.accessibility]} error={e[F.accessibility]} hint={f.accessibilityHint} />
      </fieldset>
      <fieldset>
        <legend>{m.legends.registration}</legend>
        <RadioGroup name={F.registration} legend={f.registration} hint={f.registrationHint} options={pairs(m.registrations, REGISTRATION_MODES)} value={v[F.registration]} error={e[F.registration]} />
        <TextField name={F.capacity} label={f.capacity} value={v[F.capacity]} error={e[F.capacity]} hint={f.capacityHint} inputMode="numeric" />
        <RadioGroup name={F.promotion} legend={f.promotion} options={pairs(m.promotions, PROMOTION_MODES)} value={v[F.promotion]} error={e[F.promotion]} />
        <TextField name={F.offerHours} label={f.offerHours} value={v[F.offerHours]} error={e[F.offerHours]} inputMode="numeric" />
        <TextField name={F.price} label={f.price} value={v[F.price]} error={e[F.price]} hint={f.priceHint} inputMode="decimal" />
        <CheckboxField name={F.requiresMembership} label={fr.memberships.membersOnly} hint={fr.memberships.membersOnlyHint} checked={v[F.requiresMembership] === "oui"} />
        <CheckboxField name={F.published} label={f.published} checked={v[F.published] === "oui"} />
      </fieldset>
      <fieldset>
        <legend>{m.legends.where}</legend>
        <RadioGroup name={F.location} legend={f.location} options={pairs(m.locations, WORKSHOP_LOCATIONS)} value={v[F.location]} error={e[F.location]} />
        {props.stops.length > 0 ? (
          <SelectField name={F.stopId} label={f.stop} value={v[F.stopId]} error={e[F.stopId]} options={[["", f.stopNone], ...props.stops.map((s) => [s.id, `${s.label} (${s.commune})`] as const)]} />
        ) : e[F.stopId] ? (
          <FieldError name={F.stopId} error={e[F.stopId]} />
        ) : null}
        <TextField name={F.onlineUrl} label={f.onlineUrl} value={v[F.onlineUrl]} error={e[F.onlineUrl]} hint={f.onlineUrlHint} type="url" />
      </fieldset>
      <fieldset>
        <legend>{m.legends.when}</legend>
        <RadioGroup name={F.frequency} legend={f.frequency} options={pairs(m.frequencies, FREQUENCIES)} value={v[F.frequency]} error={e[F.frequency]} />
        <TextField name={F.date} label={f.date} value={v[F.date]} error={e[F.date]} hint={f.dateHint} type="date" required />
        <TextField name={F.start} label={f.start} value={v[F.start]} error={e[F.start]} hint={f.timeHint} type="time" required />
        <TextField name={F.end} label={f.end} value={v[F.end]} error={e[F.end]} hint={f.timeHint} type="time" required />
        <TextField name={F.until} label={f.until} value={v[F.until]} error={e[F.until]} hint={f.untilHint} type="date" />
        <TextField name={F.count} label={f.count} value={v[F.count]} error={e[F.count]} hint={f.countHint} inputMode="numeric" />
        <fieldset>
          <legend>{f.weeklyLegend}</legend>
          <CheckboxGroup name={F.weekdays} legend={f.weekdays} options={weekdayOptions.map(([d]) => d)} labels={(d) => weekdayName(Number(d) as IsoWeekday)} checked={v[F.weekdays]} error={e[F.weekdays]} />
          <TextField name={F.weeks} label={f.weeks} value={v[F.weeks]} error={e[F.weeks]} hint={f.weeksHint} inputMode="numeric" />
        </fieldset>
        <fieldset>
          <legend>{f.monthlyLegend}</legend>
          <SelectField name={F.nth} label={f.nth} value={v[F.nth]} error={e[F.nth]} options={MONTHLY_NTHS.map((n) => [String(n), m.nths[String(n)] ?? String(n)] as const)} />
          <SelectField name={F.monthWeekday} label={f.monthWeekday} value={v[F.monthWeekday]} error={e[F.monthWeekday]} options={weekdayOptions} />
          <TextField name={F.months} label={f.months} value={v[F.months]} error={e[F.months]} inputMode="numeric" />
        </fieldset>
        <CheckboxField name={F.skipSchoolHolidays} label={f.skipSchoolHolidays} checked={v[F.skipSchoolHolidays] === "oui"} hint={props.schoolNote} />
        <CheckboxField name={F.skipPublicHolidays} label={f.skipPublicHolidays} checked={v[F.skipPublicHolidays] === "oui"} />
        <TextField name={F.exceptDates} label={f.exceptDates} value={v[F.exceptDates]} error={e[F.exceptDates]} hint={f.exceptDatesHint} multiline rows={3} />
      </fieldset>
      <button type="submit">{props.submit}</button>
    </form>
  );
}

/** A series' sessions from today: seats, the desk page, and (for the staff) each one's capacity. */
export function SessionsTable(props: { placeId: string; workshopId: string; sessions: SessionView[]; csrfToken: string; canEdit: boolean; errors: FieldErrors; errorSession?: string }) {
  const { placeId, sessions, canEdit } = props;
  if (sessions.length === 0) return <p>{m.noUpcoming}</p>;
  const c = m.columns;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{c.when}</th>
          <th scope="col">{c.seats}</th>
          <th scope="col">{c.actions}</th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) => {
          const error = props.errorSession === s.id ? props.errors.places : undefined;
          const id = `places-${s.id}`;
          return (
            <tr key={s.id}>
              <th scope="row">
                {s.when}
                {s.detached ? ` (${m.detached})` : ""}
              </th>
              <td>{s.cancelled ? m.cancelled : s.seats}</td>
              <td>
                <a href={deskHref(placeId, s.id)} aria-label={m.deskLinkLabel(s.when)}>
                  {m.deskLink}
                </a>
                {canEdit && s.editable ? (
                  <form method="post" noValidate className="inline-form">
                    <CsrfField token={props.csrfToken} />
                    <input type="hidden" name="intent" value="capacite" />
                    <input type="hidden" name="seance" value={s.id} />
                    <TextField name="places" id={id} label={m.capacityLabel(s.when)} hint={m.capacityHint} value={s.capacity} error={error} inputMode="numeric" />
                    <button type="submit">{m.capacitySubmit}</button>
                  </form>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** One more dated session of the series. */
export function AddSessionForm({ csrfToken, values, errors }: { csrfToken: string; values: Record<string, string>; errors: FieldErrors }) {
  return (
    <form method="post" noValidate className="backoffice-form">
      <CsrfField token={csrfToken} />
      <input type="hidden" name="intent" value="ajouter" />
      <TextField name="date" label={f.date} value={values.date} error={errors.date} hint={f.dateHint} type="date" required />
      <TextField name="debut" label={f.start} value={values.debut} error={errors.debut} hint={f.timeHint} type="time" required />
      <TextField name="fin" label={f.end} value={values.fin} error={errors.fin} hint={f.timeHint} type="time" required />
      <button type="submit">{m.addSubmit}</button>
    </form>
  );
}

/** The days the recurrence skipped, and why. */
export function SkippedDays({ skipped, today }: { skipped: SkippedDay[]; today: string }) {
  if (skipped.length === 0) return null;
  return (
    <details>
      <summary>{m.skippedTitle}</summary>
      <ul>
        {skipped.map((s) => (
          <li key={s.date}>{m.skipped(formatDay(s.date, today), s.reason === "excluded" ? m.excludedDay : (s.name ?? ""))}</li>
        ))}
      </ul>
    </details>
  );
}

/** The series and sessions of `listSeries` in words, on the place's clock. */
export function seriesViews(
  lines: { id: string; title: string; kind: string; published: boolean; registration: string; when: string | undefined; sessions: { id: string; startsAt: Date; endsAt: Date; capacity: number | null; seatsTaken: number; waiting: number; status: string; detached: boolean }[] }[],
  options: { timeZone: string; today: string; now: number },
): SeriesView[] {
  return lines.map((line) => ({
    id: line.id, title: line.title, kind: line.kind, published: line.published, when: line.when,
    sessions: line.sessions.map((s) => ({
      id: s.id,
      when: sessionWhen(s.startsAt, s.endsAt, options.timeZone, options.today),
      seats: line.registration === "none" ? m.noRegistration : m.seats(s.seatsTaken, s.capacity, s.waiting),
      cancelled: s.status === "cancelled",
      detached: s.detached,
      capacity: s.capacity === null ? "" : String(s.capacity),
      editable: s.status === "scheduled" && s.startsAt.getTime() > options.now,
    })),
  }));
}
