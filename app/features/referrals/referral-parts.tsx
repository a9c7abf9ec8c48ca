/** The referral pages' parts: the lists (the adviser's follow-up, the place's inbox), a referral's facts and history, the appointment's choices. */
import type { ReactNode } from "react";
import type { ReferralStatus } from "~/db/schema/referrals";
import { THEME_LABELS } from "~/features/mediation/coop-model";
import { formatDateTime, formatSpan } from "~/features/time/format";
import { fr } from "~/lib/messages";
import { formatPhone } from "~/lib/phone";
import { errorId, FieldError, fieldId } from "~/ui/form";

const m = fr.referrals;

/** A list item as the loaders send it (dates as ISO strings). */
export type ReferralRowView = {
  id: string; createdAt: string; name: string; placeName: string; partnerName: string; adviserName: string | null;
  status: ReferralStatus; statusAt: string; themes: string[]; appointmentAt: string | null;
};

export const themeWords = (themes: readonly string[]) => themes.map((t) => (THEME_LABELS as Record<string, string>)[t] ?? t).join(", ");

/** « Venue le mardi 9 décembre à 14 h 30 »: the status and its date, in words. */
export function statusWords(status: ReferralStatus, at: string, timeZone?: string): string {
  const sentence = m.statusSentence[status](formatDateTime(new Date(at), { timeZone }));
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

export function StatusTag({ status }: { status: ReferralStatus }) {
  return <span className={`tag tag-${status.replace("_", "-")}`}>{m.statuses[status]}</span>;
}

/** The adviser's follow-up (`side` "partner": the place is shown) or the place's inbox (`side` "place": who sent it). */
export function ReferralTable({ items, hrefOf, side, caption }: { items: ReferralRowView[]; hrefOf: (id: string) => string; side: "partner" | "place"; caption: string }) {
  const c = side === "partner" ? m.partnerHome.columns : m.inbox.columns;
  return (
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{c.person}</th>
            <th scope="col">{c.when}</th>
            {side === "partner" ? (
              <>
                <th scope="col">{m.partnerHome.columns.place}</th>
                <th scope="col">{m.partnerHome.columns.adviser}</th>
              </>
            ) : (
              <>
                <th scope="col">{m.inbox.columns.partner}</th>
                <th scope="col">{m.inbox.columns.needs}</th>
              </>
            )}
            <th scope="col">{c.status}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <a href={hrefOf(r.id)}>{r.name}</a>
              </th>
              <td>{formatDateTime(new Date(r.createdAt))}</td>
              {side === "partner" ? (
                <>
                  <td>{r.placeName}</td>
                  <td>{r.adviserName ?? "—"}</td>
                </>
              ) : (
                <>
                  <td>
                    {r.partnerName}
                    {r.adviserName ? <span className="muted"> ({r.adviserName})</span> : null}
                  </td>
                  <td>{themeWords(r.themes)}</td>
                </>
              )}
              <td>
                <StatusTag status={r.status} />
                <br />
                <span className="muted">{r.status === "booked" && r.appointmentAt ? formatDateTime(new Date(r.appointmentAt)) : formatDateTime(new Date(r.statusAt))}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export type ReferralDetailView = ReferralRowView & {
  firstName: string | null; lastName: string | null; phone: string | null; email: string | null; contactPreference: string | null;
  note: string | null; partnerReference: string | null; consentWording: string | null; consentedAt: string | null; refusalReason: string | null;
  appointmentEnd: string | null; appointmentTitle: string | null; placeTimeZone: string; erased: boolean;
  events: { id: string; kind: string; status: ReferralStatus; at: string; actorName: string | null; detail: string | null }[];
};

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** What is known of the referral: the person, their needs, where it stands, the appointment, the consent. */
export function ReferralFacts({ r, side }: { r: ReferralDetailView; side: "partner" | "place" }) {
  const d = m.detail;
  const tz = r.placeTimeZone;
  return (
    <dl className="facts">
      <Fact term={d.status}>
        {statusWords(r.status, r.statusAt, tz)}
        {r.refusalReason ? <p>{d.refusal(r.refusalReason)}</p> : null}
      </Fact>
      {r.appointmentAt ? (
        <Fact term={d.appointment}>
          {r.appointmentTitle ? `${r.appointmentTitle} — ` : ""}
          {r.appointmentEnd ? formatSpan(new Date(r.appointmentAt), new Date(r.appointmentEnd), { timeZone: tz }) : formatDateTime(new Date(r.appointmentAt), { timeZone: tz })}
        </Fact>
      ) : null}
      {side === "partner" ? <Fact term={d.place}>{r.placeName}</Fact> : <Fact term={d.partner}>{`${r.partnerName}${r.adviserName ? ` — ${r.adviserName}` : ""}`}</Fact>}
      {r.erased ? (
        <Fact term={d.contact}>{m.errors.erased}</Fact>
      ) : (
        <Fact term={d.contact}>
          {r.phone ? <span>{formatPhone(r.phone)}</span> : null}
          {r.phone && r.email ? " — " : null}
          {r.email ? <span>{r.email}</span> : null}
          {r.contactPreference ? <span className="muted"> ({m.contactPreferences[r.contactPreference]})</span> : null}
        </Fact>
      )}
      <Fact term={d.needs}>{themeWords(r.themes)}</Fact>
      {r.note ? <Fact term={d.note}>{r.note}</Fact> : null}
      {r.partnerReference && side === "partner" ? <Fact term={d.reference}>{r.partnerReference}</Fact> : null}
      {r.consentedAt ? (
        <Fact term={d.consent}>
          {d.consentOn(formatDateTime(new Date(r.consentedAt), { timeZone: tz }))}
          {r.consentWording ? <blockquote>{r.consentWording}</blockquote> : null}
        </Fact>
      ) : null}
    </dl>
  );
}

/** The referral's history, newest first. */
export function ReferralHistory({ events, timeZone }: { events: ReferralDetailView["events"]; timeZone: string }) {
  return (
    <section aria-labelledby="historique">
      <h2 id="historique">{m.detail.history}</h2>
      <ol className="history" reversed>
        {events.map((e) => (
          <li key={e.id}>
            <strong>{e.kind === "contact-attempt" ? m.events["contact-attempt"] : e.kind === "reminder" ? m.events.reminder(Number(e.detail ?? 0)) : m.statuses[e.status]}</strong>{" "}
            <span className="muted">
              {formatDateTime(new Date(e.at), { timeZone })} — {e.actorName ?? m.events.byPlatform}
            </span>
            {e.detail && e.kind !== "reminder" ? <p>{e.detail}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

export type AppointmentChoices = {
  timeZone: string;
  offers: { key: string; name: string; slots: { start: number }[] }[];
  sessions: { id: string; title: string; when: string; seatsLeft: number | null }[];
};

/**
 * The appointment's choices as radios: the place contacts the person (first, the default), a free
 * start of each offer, a workshop session with a free seat. `withPlaceCalls` false: the place's own
 * « book » form, where a choice is required.
 */
export function AppointmentFieldset({ choices, value, error, withPlaceCalls, legend }: { choices: AppointmentChoices; value: string; error?: string; withPlaceCalls: boolean; legend: string }) {
  const f = m.form;
  const name = "rendez_vous";
  let first = true;
  const idOf = (suffix: string) => {
    if (first) {
      first = false;
      return fieldId(name);
    }
    return `${fieldId(name)}-${suffix}`;
  };
  const radio = (v: string, label: string, suffix: string) => {
    const id = idOf(suffix);
    return (
      <div className="check" key={v}>
        <input type="radio" id={id} name={name} value={v} defaultChecked={value === v} />
        <label htmlFor={id}>{label}</label>
      </div>
    );
  };
  return (
    <fieldset className={error ? "field-invalid" : undefined} aria-describedby={error ? errorId(name) : undefined}>
      <legend>{legend}</legend>
      <FieldError name={name} error={error} />
      {withPlaceCalls ? radio("lieu", f.placeCalls, "lieu") : null}
      {/* Each offer's times folded (no script needed): the page stays short, a chosen time stays open. */}
      {choices.offers.map((o, i) => {
        const values = o.slots.map((s) => `creneau:${o.key}:${new Date(s.start).toISOString()}`);
        return (
          <details key={o.key} open={values.includes(value) || (Boolean(error) && !withPlaceCalls && i === 0)}>
            <summary>{`${f.slotsOf(o.name)} (${f.slotCount(o.slots.length)})`}</summary>
            <fieldset className="subgroup">
              <legend className="visually-hidden">{f.slotsOf(o.name)}</legend>
              {o.slots.length === 0 ? <p className="muted">{f.noSlots}</p> : null}
              {o.slots.map((s, j) => radio(values[j]!, formatDateTime(s.start, { timeZone: choices.timeZone }), `o${i}-${j}`))}
            </fieldset>
          </details>
        );
      })}
      {choices.sessions.length > 0 ? (
        <details open={value.startsWith("atelier:")}>
          <summary>{`${f.sessionsTitle} (${f.sessionCount(choices.sessions.length)})`}</summary>
          <fieldset className="subgroup">
            <legend className="visually-hidden">{f.sessionsTitle}</legend>
            {choices.sessions.map((s, j) => radio(`atelier:${s.id}`, `${s.title} — ${s.when}${s.seatsLeft !== null ? ` (${f.seatsLeft(s.seatsLeft)})` : ""}`, `s${j}`))}
          </fieldset>
        </details>
      ) : null}
    </fieldset>
  );
}
