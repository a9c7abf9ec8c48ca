import type { Route } from "./+types/home";
import { requireUser } from "~/features/accounts/auth.server";
import { reviewerAssignments } from "~/features/calls/reviews.server";
import { CSRF_FIELD } from "~/lib/forms";
import { getMembershipScopes } from "~/features/accounts/users.server";
import { getAttention } from "~/features/attention/attention.server";
import { appContext } from "~/context";
import { countFailedJobs } from "~/features/jobs/queue.server";
import { fr } from "~/lib/messages";
import { AttentionList } from "~/features/attention/attention-list";
import { pendingRecords } from "~/features/mediation/prefill.server";
import { PendingList } from "~/features/mediation/pending-parts";

const m = fr.accounts.home;

export async function loader({ request, context }: Route.LoaderArgs) {
  const signedIn = await requireUser(request, context);
  const { db } = context.get(appContext).database;
  const scopes = await getMembershipScopes(db, signedIn.principal);
  const attention = await getAttention(db, signedIn.principal);
  // The platform admin sees whether background jobs have failed (/gestion/taches).
  const failedJobs = signedIn.principal.isPlatformAdmin ? await countFailedJobs(db) : 0;
  // What this mediator (or manager) saw and has not recorded yet, at their places.
  const staffPlaces = scopes.places.filter((p) => p.roles.includes("mediator") || p.roles.includes("manager"));
  const pending = await pendingRecords(db, { placeIds: staffPlaces.map((p) => p.id), mediatorId: signedIn.user.id, now: new Date(), limit: 11 });
  // Applications given to this person to review (coordinators and outside experts alike).
  const assignments = await reviewerAssignments(db, signedIn.user.id);
  const reviews = assignments.filter((r) => !r.submittedAt && r.declaration !== "conflict").length;
  const assigned = assignments.length > 0;
  return {
    reviews, assigned,
    name: signedIn.user.name, isPlatformAdmin: signedIn.principal.isPlatformAdmin, csrfToken: signedIn.csrfToken, attention, failedJobs, ...scopes,
    pending: pending.map((p) => ({ ...p, startsAt: p.startsAt.toISOString() })),
  };
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function BackOfficeHome({ loaderData }: Route.ComponentProps) {
  const { name, places, networks, partners, isPlatformAdmin, csrfToken, attention, failedJobs, pending, reviews, assigned } = loaderData;
  const placeNames = Object.fromEntries(places.map((p) => [p.id, p.name]));
  const nothing = places.length === 0 && networks.length === 0 && partners.length === 0 && !isPlatformAdmin && !assigned;
  return (
    <>
      <title>{`${m.pageTitle} — ${fr.site.name}`}</title>
      <h1>{m.hello(name)}</h1>
      <nav aria-label={m.nav}>
        <ul>
          <li>
            <a href="/gestion/sessions">{m.sessions}</a>
          </li>
          {assigned ? (
            <li>
              <a href="/gestion/evaluations">{fr.applications.pages.reviewsPageTitle}</a>
              {reviews > 0 ? <strong> — {fr.applications.pages.reviewsToDo(reviews)}</strong> : null}
            </li>
          ) : null}
          {isPlatformAdmin ? (
            <li>
              <a href="/gestion/taches">{fr.jobs.homeLink}</a>
              {fr.jobs.homeFailed(failedJobs)}
            </li>
          ) : null}
        </ul>
      </nav>
      {isPlatformAdmin ? <p>{m.platformAdmin}</p> : null}
      {nothing ? <p>{m.noRole}</p> : null}
      {places.some((p) => p.roles.includes("manager")) || networks.length > 0 ? <AttentionList places={attention.places} networks={attention.networks} /> : null}
      {places.length > 0 ? (
        <section aria-labelledby="a-completer">
          <h2 id="a-completer">{fr.mediation.homeTitle}</h2>
          <PendingList items={pending.slice(0, 10)} none={fr.mediation.homeNone} placeNames={places.length > 1 ? placeNames : undefined} />
          {pending.length > 10 ? <p>{fr.mediation.homeMore(pending.length - 10)}</p> : null}
        </section>
      ) : null}
      {networks.length > 0 ? (
        <section aria-labelledby="mes-reseaux">
          <h2 id="mes-reseaux">{m.networks}</h2>
          <ul>
            {networks.map((n) => (
              <li key={n.id}>
                <a href={`/gestion/reseaux/${n.slug}`}>{n.name}</a> ({m.roles.coordinator})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {places.length > 0 ? (
        <section aria-labelledby="mes-lieux">
          <h2 id="mes-lieux">{m.places}</h2>
          <ul>
            {places.map((p) => (
              <li key={p.id}>
                <a href={`/lieux/${p.slug}`}>{p.name}</a>, {p.commune} ({p.roles.map((r) => m.roles[r]).join(", ")}) — <a href={`/gestion/lieux/${p.id}/agenda`}>{fr.booking.desk.agendaOf(p.name)}</a> — <a href={`/gestion/lieux/${p.id}/accompagnements`}>{fr.mediation.link}</a> — <a href={`/gestion/lieux/${p.id}`}>{fr.backoffice.manage(p.name)}</a>{p.roles.includes("manager") ? <> — <a href={`/gestion/lieux/${p.id}/equipe`}>{fr.mail.staff.link}</a></> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {partners.length > 0 ? (
        <section aria-labelledby="mes-structures">
          <h2 id="mes-structures">{m.organisations}</h2>
          <ul>
            {partners.map((o) => (
              <li key={o.id}>
                <a href={`/gestion/partenaires/${o.id}`}>{o.name}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <form method="post" action="/deconnexion">
        <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
        <button type="submit">{m.signOut}</button>
      </form>
    </>
  );
}
