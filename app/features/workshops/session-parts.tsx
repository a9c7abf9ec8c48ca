/** The public's session page parts: the facts (what, when, where, for whom, price, seats) and the registration form. */
import { formatSpan } from "~/features/time/format";
import { capitalize } from "~/lib/text";
import { fr } from "~/lib/messages";
import type { FieldErrors } from "~/lib/forms";
import { ErrorSummary, TextField } from "~/ui/form";
import type { PublicSession } from "./public-session.server";

const m = fr.workshops;

export function priceText(cents: number | null): string {
  return cents === null || cents === 0 ? m.free : m.euros((cents / 100).toLocaleString("fr-FR", { minimumFractionDigits: cents % 100 ? 2 : 0 }));
}

/** The address of a session: the stop's, or the place's, or online. */
export function whereLines(s: Pick<PublicSession, "location" | "place" | "stop">): string[] {
  if (s.location === "online") return [m.online];
  if (s.location === "stop" && s.stop) return [s.stop.label === s.stop.address ? s.stop.label : `${s.stop.label}, ${s.stop.address}`, `${s.stop.postcode} ${s.stop.commune}`];
  return [s.place.name, `${s.place.address}, ${s.place.postcode} ${s.place.commune}`];
}

export function SessionFacts({ session: s, now, themeLabel }: { session: PublicSession; now: number; themeLabel: string | null }) {
  const tz = s.place.timeZone;
  const lines = whereLines(s);
  return (
    <dl className="facts">
      <dt>{m.when}</dt>
      <dd>{capitalize(formatSpan(s.start, s.end, { timeZone: tz, now }))}</dd>
      <dt>{m.where}</dt>
      <dd>
        {s.location === "place" ? <a href={`/lieux/${s.place.slug}`}>{lines[0]}</a> : lines[0]}
        {lines.slice(1).map((line) => (
          <span key={line}>
            <br />
            {line}
          </span>
        ))}
        {s.location !== "place" ? (
          <>
            <br />
            {m.organisedBy} <a href={`/lieux/${s.place.slug}`}>{s.place.name}</a>
          </>
        ) : null}
      </dd>
      {themeLabel ? (
        <>
          <dt>{m.theme}</dt>
          <dd>{themeLabel}</dd>
        </>
      ) : null}
      {s.level ? (
        <>
          <dt>{m.level}</dt>
          <dd>{m.levels[s.level]}</dd>
        </>
      ) : null}
      {s.audience ? (
        <>
          <dt>{m.audience}</dt>
          <dd>{s.audience}</dd>
        </>
      ) : null}
      {s.bring ? (
        <>
          <dt>{m.bring}</dt>
          <dd>{s.bring}</dd>
        </>
      ) : null}
      {s.accessibility ? (
        <>
          <dt>{m.accessibility}</dt>
          <dd>{s.accessibility}</dd>
        </>
      ) : null}
      <dt>{m.price}</dt>
      <dd>
        {priceText(s.priceCents)}
        {s.requiresMembership ? ` · ${fr.memberships.membersOnly}` : ""}
      </dd>
    </dl>
  );
}

export function RegistrationForm(props: {
  action: string; formKey: string; values: Record<string, string>; errors: FieldErrors; problem: string | null; retentionDays: number; full: boolean;
}) {
  const { values, errors } = props;
  const b = fr.booking;
  return (
    <form method="post" action={props.action} className="report-form" noValidate>
      <ErrorSummary errors={errors} problem={props.problem} />
      <input type="hidden" name="cle" value={props.formKey} />
      <h2>{m.yourDetails}</h2>
      <TextField name="prenom" label={b.firstName} value={values.prenom} error={errors.prenom} required autoComplete="given-name" />
      <p>{b.contactRule}</p>
      <TextField name="telephone" label={b.phone} hint={b.phoneHint} value={values.telephone} error={errors.telephone} type="tel" inputMode="tel" autoComplete="tel" />
      <TextField name="courriel" label={b.email} hint={b.emailHint} value={values.courriel} error={errors.courriel} type="email" inputMode="email" autoComplete="email" />
      <p className="muted">{m.privacy(props.retentionDays)}</p>
      <button type="submit">{props.full ? m.joinWaitingList : m.register}</button>
    </form>
  );
}

/** Every session of a cycle, in order, in words. */
export function CycleSessions({ session: s, now, headingLevel }: { session: PublicSession; now: number; headingLevel: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <>
      <Heading>{m.cycleSessions}</Heading>
      <ul>
        {[{ id: s.id, start: s.start, end: s.end }, ...s.siblings].sort((a, b) => a.start - b.start).map((x) => (
          <li key={x.id}>{capitalize(formatSpan(x.start, x.end, { timeZone: s.place.timeZone, now }))}</li>
        ))}
      </ul>
    </>
  );
}
