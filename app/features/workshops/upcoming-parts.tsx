/**
 * The place page's « Prochains ateliers et permanences » and, for a mobile EPN, « Prochains
 * passages »: plain lists, times in words in the place's time zone, seats in words.
 */
import { fr } from "~/lib/messages";
import { seatsInWords } from "./seats-words";
import type { UpcomingSession, Visit } from "./upcoming.server";
import { formatSpan } from "~/features/time/format";
import { capitalize } from "~/lib/text";

const m = fr.stops;

export function UpcomingSessions({ sessions, timeZone, now }: { sessions: UpcomingSession[]; timeZone: string; now: number }) {
  if (sessions.length === 0) return null;
  return (
    <section aria-labelledby="ateliers">
      <h2 id="ateliers">{m.upcomingTitle}</h2>
      <ul className="sessions">
        {sessions.map((s) => (
          <li key={s.sessionId}>
            <a href={`/ateliers/${s.sessionId}`}>{s.title}</a>
            <br />
            {capitalize(formatSpan(s.startsAt, s.endsAt, { timeZone: timeZone, now: now }))}
            {s.stop ? ` — ${m.atStop(s.stop.commune, s.stop.label)}` : s.online ? ` — ${m.online}` : null}
            <br />
            <span className="muted">{seatsInWords(s)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function NextVisits({ visits, timeZone, now }: { visits: Visit[]; timeZone: string; now: number }) {
  return (
    <section aria-labelledby="passages">
      <h2 id="passages">{m.passagesTitle}</h2>
      {visits.length === 0 ? (
        <p>{m.passagesNone}</p>
      ) : (
        <ul>
          {visits.map((v) => (
            <li key={v.sessionId}>{m.passage(capitalize(formatSpan(v.startsAt, v.endsAt, { timeZone: timeZone, now: now })), v.commune, v.label)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
