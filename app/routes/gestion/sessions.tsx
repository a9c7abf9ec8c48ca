import type { Route } from "./+types/sessions";
import { requireUser } from "~/features/accounts/auth.server";
import { requireSignedInForm } from "~/features/access/access.server";
import { CSRF_FIELD } from "~/lib/forms";
import { deleteOtherSessions, listSessions } from "~/features/accounts/sessions.server";
import { appContext } from "~/context";
import { formatDateTime } from "~/features/time/format";
import { fr } from "~/lib/messages";

const m = fr.accounts.sessions;

export async function loader({ request, context }: Route.LoaderArgs) {
  const signedIn = await requireUser(request, context);
  const sessions = await listSessions(context.get(appContext).database.db, signedIn.user.id);
  return {
    csrfToken: signedIn.csrfToken,
    // Session ids stay on the server: the page only needs the dates and which one is this one.
    sessions: sessions.map((s) => ({ current: s.id === signedIn.session.id, createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString() })),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { signedIn } = await requireSignedInForm(request, context, 4_096);
  const { database } = context.get(appContext);
  const ended = await deleteOtherSessions(database.db, signedIn.user.id, signedIn.session.id);
  return { ended };
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function Sessions({ loaderData, actionData }: Route.ComponentProps) {
  const { sessions, csrfToken } = loaderData;
  const others = sessions.filter((s) => !s.current).length;
  return (
    <>
      <title>{`${m.pageTitle} — ${fr.site.name}`}</title>
      <p>
        <a href="/gestion">{m.back}</a>
      </p>
      <h1>{m.pageTitle}</h1>
      <p>{m.intro}</p>
      {actionData ? (
        <p className="notice" role="status">
          {m.endedElsewhere(actionData.ended)}
        </p>
      ) : null}
      <table>
        <thead>
          <tr>
            <th scope="col">{m.pageTitle}</th>
            <th scope="col">{m.created}</th>
            <th scope="col">{m.lastSeen}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s, i) => (
            <tr key={i}>
              <th scope="row">{s.current ? m.current : m.other}</th>
              <td>{formatDateTime(new Date(s.createdAt))}</td>
              <td>{formatDateTime(new Date(s.lastSeenAt))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {others > 0 ? (
        <form method="post" action="/gestion/sessions">
          <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
          <button type="submit">{m.signOutElsewhere}</button>
        </form>
      ) : (
        <p>{m.noOther}</p>
      )}
    </>
  );
}
