import { data, redirect } from "react-router";
import type { Route } from "./+types/workshop-session";
import { appContext } from "~/context";
import { findPublicSession, newFormKey, registerFromPublic, type RegistrationOutcome } from "~/features/workshops/public-session.server";
import { closedReason, seatsLeft } from "~/features/workshops/session-rules";
import { CycleSessions, RegistrationForm, SessionFacts } from "~/features/workshops/session-parts";
import { seatsInWords } from "~/features/workshops/seats-words";
import { capitalize } from "~/lib/text";
import { formatSpan } from "~/features/time/format";
import { jsonLdScript, sessionJsonLd } from "~/features/workshops/jsonld";
import { workshopThemeLabel } from "~/features/workshops/themes";
import { readForm } from "~/lib/forms";
import { formPageHeaders } from "~/lib/http";
import { fr } from "~/lib/messages";

const m = fr.workshops;
const MAX_BODY_BYTES = 8_192;

export async function loader({ params, context }: Route.LoaderArgs) {
  const { database, env } = context.get(appContext);
  const now = Date.now();
  const session = await findPublicSession(database.db, params.sessionId, now);
  if (!session) throw data(m.refusals.unknown, { status: 404 });
  const jsonLd = jsonLdScript(
    sessionJsonLd({
      title: session.title, description: session.description, startsAt: new Date(session.start), endsAt: new Date(session.end), timeZone: session.place.timeZone,
      cancelled: session.status === "cancelled", online: session.location === "online", url: `${env.baseUrl}/ateliers/${session.id}`,
      location: session.location === "stop" && session.stop
        ? { name: session.stop.label, address: session.stop.address, postcode: session.stop.postcode, commune: session.stop.commune, latitude: session.stop.latitude, longitude: session.stop.longitude }
        : { name: session.place.name, address: session.place.address, postcode: session.place.postcode, commune: session.place.commune, latitude: session.place.latitude, longitude: session.place.longitude },
      organizer: { name: session.place.name, url: `${env.baseUrl}/lieux/${session.place.slug}` },
      priceCents: session.priceCents, seatsLeft: session.registration === "none" ? null : seatsLeft(session),
    }),
  );
  return { session, now, formKey: newFormKey(), closed: closedReason(session, now), themeLabel: workshopThemeLabel(session.theme) ?? null, jsonLd };
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const { database, env, clientAddress } = context.get(appContext);
  const form = await readForm(request, { maxBytes: MAX_BODY_BYTES });
  const fields = Object.fromEntries(["prenom", "telephone", "courriel", "cle"].map((k) => [k, typeof form.get(k) === "string" ? String(form.get(k)) : undefined]));
  const outcome: RegistrationOutcome = await registerFromPublic(database.db, {
    sessionId: params.sessionId, fields, clientAddress, options: { secret: env.sessionSecret, baseUrl: env.baseUrl },
  });
  switch (outcome.kind) {
    case "done":
      return redirect(`/inscription/${outcome.manageToken}?${outcome.replay ? "deja" : "nouvelle"}=1`, 303);
    case "invalid":
      return data({ outcome }, { status: 400 });
    case "refused":
      return data({ outcome }, { status: outcome.reason === "unknown" ? 404 : 422 });
    case "limited":
      return data({ outcome }, { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } });
  }
}

export const headers: Route.HeadersFunction = formPageHeaders;

export const meta: Route.MetaFunction = ({ loaderData }) =>
  loaderData ? [{ title: `${loaderData.session.title} — ${loaderData.session.place.name} — ${fr.site.name}` }, { name: "description", content: loaderData.session.description.slice(0, 160) }] : [];

export default function WorkshopSession({ loaderData, actionData }: Route.ComponentProps) {
  const { session: s, now, closed } = loaderData;
  const outcome = actionData?.outcome;
  const failed = outcome !== undefined;
  const left = seatsLeft(s);
  const full = left === 0;
  const tz = s.place.timeZone;
  const problem = outcome?.kind === "refused" ? (outcome.message ?? m.refusals[outcome.reason] ?? m.refusals.unknown!) : outcome?.kind === "limited" ? m.limited(Math.ceil(outcome.retryAfterSeconds / 60)) : null;
  return (
    <>
      <title>{`${failed ? fr.report.errorTitlePrefix : ""}${s.title} — ${s.place.name} — ${fr.site.name}`}</title>
      <p>
        <a href="/agenda">{m.agendaLink}</a>
      </p>
      <p className="muted">{m.kinds[s.kind]}</p>
      <h1>{s.title}</h1>
      {s.status === "cancelled" ? <p className="notice">{m.cancelledSession(s.cancelReason ?? "")}</p> : null}
      {s.description ? <p>{s.description}</p> : null}
      <SessionFacts session={s} now={now} themeLabel={loaderData.themeLabel} />
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: loaderData.jsonLd }} />
      {s.registration === "cycle" ? (
        <>
          <p>{m.cycle(s.siblings.length + 1)}</p>
          <CycleSessions session={s} now={now} headingLevel={2} />
        </>
      ) : null}
      <p>
        <strong>{seatsInWords(s)}</strong>
        {s.waiting > 0 ? ` · ${m.seats.waiting(s.waiting)}` : ""}
      </p>
      {closed === null ? (
        <>
          {full ? <p>{s.promotion === "offer" ? m.offerExplained(s.offerHours) : m.waitingExplained}</p> : null}
          <RegistrationForm
            action={`/ateliers/${s.id}`}
            formKey={outcome ? outcome.values.cle || loaderData.formKey : loaderData.formKey}
            values={outcome ? outcome.values : {}}
            errors={outcome?.kind === "invalid" ? outcome.errors : {}}
            problem={problem}
            retentionDays={s.retentionDays}
            full={full}
          />
        </>
      ) : closed === "no-registration" ? (
        <p className="notice">{m.noRegistration}</p>
      ) : closed === "started" && s.registration === "cycle" ? (
        <p className="notice">{m.cycleStarted}</p>
      ) : closed === "started" ? (
        <p className="notice">{m.pastSession}</p>
      ) : null}
      {s.registration !== "cycle" && s.siblings.length > 0 ? (
        <>
          <h2>{m.otherSessions}</h2>
          <ul>
            {s.siblings.map((x) => (
              <li key={x.id}>
                <a href={`/ateliers/${x.id}`}>{capitalize(formatSpan(x.start, x.end, { timeZone: tz, now }))}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
