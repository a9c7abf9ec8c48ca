/**
 * The public's booking pages' parts: what can be booked (with the next free time), the days, the
 * times, the form, the summary of a booking. Plain links and one form: no JavaScript needed.
 */
import { ErrorSummary, SelectField, TextField } from "~/ui/form";
import { formatDay, formatTime } from "~/features/time/format";
import { toWallTime } from "~/features/time/zone";
import { addDays, isoDate } from "~/features/time/calendar";
import type { FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import type { Slot } from "./availability";
import { capitalize } from "~/lib/text";

const m = fr.booking;

export type OfferSummary = { key: string; kind: string; name: string; description: string; priceCents: number | null; needsConfirmation: boolean; membersOnly?: boolean; nextFree: number | null };

export function offerTitle(o: Pick<OfferSummary, "kind" | "name">): string {
  if (o.kind === "station") return m.cta.station;
  if (o.kind === "appointment") return m.cta.appointment;
  return m.cta.room(o.name);
}

export function priceWords(cents: number | null): string {
  return cents === null || cents === 0 ? m.free : m.price((cents / 100).toLocaleString("fr-FR", { minimumFractionDigits: cents % 100 ? 2 : 0 }));
}

/** "aujourd'hui", "demain", else "jeudi 10 décembre". */
export function dayWords(date: string, today: string): string {
  if (date === today) return fr.time.today;
  if (date === addDays(today, 1)) return fr.time.tomorrow;
  return formatDay(date, today);
}

/** "jeudi 10 décembre à 14 h" in the place's zone ("aujourd'hui à 14 h", "demain à 9 h"). */
export function whenWords(at: number, timeZone: string, now: number): string {
  const w = toWallTime(timeZone, at);
  return fr.time.dateTime(dayWords(isoDate(w), isoDate(toWallTime(timeZone, now))), formatTime(w.hour, w.minute));
}

export function timeWords(at: number, timeZone: string): string {
  const w = toWallTime(timeZone, at);
  return formatTime(w.hour, w.minute);
}

/** The list of what a place offers, each a link to its booking page. */
export function OfferList({ slug, offers, timeZone, now, headingLevel = 2 }: { slug: string; offers: OfferSummary[]; timeZone: string; now: number; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="offers">
      {offers.map((o) => (
        <li key={o.key}>
          <H className="offer-title">
            <a href={`/lieux/${slug}/reserver/${o.key}`}>{offerTitle(o)}</a>
          </H>
          {o.description ? <p>{o.description}</p> : null}
          <p className="muted">
            {priceWords(o.priceCents)}
            {o.needsConfirmation ? ` · ${m.needsConfirmation}` : ""}
            {o.membersOnly ? ` · ${fr.memberships.membersOnly}` : ""}
          </p>
          <p>{o.nextFree !== null ? m.nextFree(whenWords(o.nextFree, timeZone, now)) : m.noneFree}</p>
        </li>
      ))}
    </ul>
  );
}

export function DayList({ base, days, timeZone, now }: { base: string; days: { date: string; first: Slot | null; count: number }[]; timeZone: string; now: number }) {
  const today = isoDate(toWallTime(timeZone, now));
  return (
    <>
      <h2>{m.chooseDay}</h2>
      <ul className="choices">
        {days.map((d) => (
          <li key={d.date}>
            {d.first ? (
              <a href={`${base}${base.includes("?") ? "&" : "?"}jour=${d.date}`}>
                <strong>{capitalize(dayLabel(d.date, today))}</strong> — {m.dayFirst(timeWords(d.first.start, timeZone))} <span className="muted">({m.slotsLeft(d.count)})</span>
              </a>
            ) : (
              <span className="muted">
                {capitalize(dayLabel(d.date, today))} — {m.dayNone}
              </span>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

export function TimeList({ base, date, slots, timeZone, now, param = "debut" }: { base: string; date: string; slots: Slot[]; timeZone: string; now: number; param?: string }) {
  const today = isoDate(toWallTime(timeZone, now));
  return (
    <>
      <h2>
        {m.chooseTime} — {dayLabel(date, today)}
      </h2>
      {slots.length === 0 ? <p>{m.dayNone}</p> : null}
      <ul className="times">
        {slots.map((s) => (
          <li key={s.start}>
            <a href={`${base}${base.includes("?") ? "&" : "?"}${param}=${encodeURIComponent(new Date(s.start).toISOString())}`}>{timeWords(s.start, timeZone)}</a>
          </li>
        ))}
      </ul>
    </>
  );
}

export function NextTimes({ base, slots, timeZone, now }: { base: string; slots: Slot[]; timeZone: string; now: number }) {
  if (slots.length === 0) return null;
  return (
    <ul className="choices">
      {slots.map((s) => (
        <li key={s.start}>
          <a href={`${base}?debut=${encodeURIComponent(new Date(s.start).toISOString())}`}>{capitalize(whenWords(s.start, timeZone, now))}</a>
        </li>
      ))}
    </ul>
  );
}

export function BookingForm(props: {
  action: string;
  slot: Slot;
  durations: number[];
  reasons: string[];
  idempotencyKey: string;
  values: Record<string, string>;
  errors: FieldErrors;
  problem: string | null;
  retentionDays: number;
}) {
  const { values, errors } = props;
  return (
    <form method="post" action={props.action} className="report-form" noValidate>
      <ErrorSummary errors={errors} problem={props.problem} />
      <input type="hidden" name="debut" value={new Date(props.slot.start).toISOString()} />
      <input type="hidden" name="cle" value={props.idempotencyKey} />
      {props.durations.length > 1 ? (
        <SelectField name="duree" label={m.duration} options={props.durations.map((d) => [String(d), m.minutes(d)] as const)} value={values.duree || String(props.durations[0])} />
      ) : (
        <input type="hidden" name="duree" value={props.durations[0]} />
      )}
      {props.reasons.length > 0 ? <SelectField name="motif" label={m.reason} options={props.reasons.map((r) => [r, r] as const)} value={values.motif ?? ""} error={errors.motif} /> : null}
      <h2>{m.yourDetails}</h2>
      <TextField name="prenom" label={m.firstName} value={values.prenom} error={errors.prenom} required autoComplete="given-name" />
      <p>{m.contactRule}</p>
      <TextField name="telephone" label={m.phone} hint={m.phoneHint} value={values.telephone} error={errors.telephone} type="tel" inputMode="tel" autoComplete="tel" />
      <TextField name="courriel" label={m.email} hint={m.emailHint} value={values.courriel} error={errors.courriel} type="email" inputMode="email" autoComplete="email" />
      <TextField name="note" label={m.note} hint={m.noteHint} value={values.note} error={errors.note} multiline rows={2} />
      <p className="muted">{m.privacy(props.retentionDays)}</p>
      <button type="submit">{m.submit}</button>
    </form>
  );
}

/** A day in a list: "aujourd'hui, vendredi 4 décembre", "demain, samedi 5 décembre", "lundi 7 décembre". */
function dayLabel(date: string, today: string): string {
  const words = dayWords(date, today);
  const full = formatDay(date, today);
  return words === full ? full : `${words}, ${full}`;
}

