import type { Route } from "./+types/reviews";
import { requireUser } from "~/features/accounts/auth.server";
import { StateTag } from "~/features/calls/call-parts";
import { reviewerAssignments } from "~/features/calls/reviews.server";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";

const p = fr.applications.pages;

/** A reviewer's assignments (coordinators and outside experts alike): only their own. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const signedIn = await requireUser(request, context);
  return { assignments: await reviewerAssignments(context.get(appContext).database.db, signedIn.user.id) };
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function Reviews({ loaderData }: Route.ComponentProps) {
  const { assignments } = loaderData;
  return (
    <>
      <title>{`${p.reviewsPageTitle} — ${fr.site.name}`}</title>
      <p>
        <a href="/gestion">{fr.backoffice.back}</a>
      </p>
      <h1>{p.reviewsPageTitle}</h1>
      <p>{p.reviewsPageIntro}</p>
      {assignments.length === 0 ? (
        <p>{p.noAssignment}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{p.columns.application}</th>
              <th scope="col">{p.columns.call}</th>
              <th scope="col">{p.columns.state}</th>
              <th scope="col">{p.columns.myReview}</th>
            </tr>
          </thead>
          <tbody>
            {assignments.map((a) => (
              <tr key={a.id}>
                <th scope="row">
                  <a href={`/gestion/evaluations/${a.id}`}>{p.applicationTitle(a.number, a.placeName)}</a>
                </th>
                <td>
                  {a.callTitle} <span className="muted">({a.networkName})</span>
                </td>
                <td>
                  <StateTag state={a.state} />
                </td>
                <td>{a.declaration === "conflict" ? p.declined : a.submittedAt ? p.reviewSubmitted : a.declaration ? p.reviewInProgress : p.reviewWaitingDeclaration}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
