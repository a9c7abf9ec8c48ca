import { data } from "react-router";
import type { Route } from "./+types/jobs";
import { CSRF_FIELD } from "~/lib/forms";
import { requirePlatformAdmin, requirePlatformAdminForm } from "~/features/access/access.server";
import { getJobsOverview, retryJobFromForm, type RetryAnswer } from "~/features/jobs/admin.server";
import { appContext } from "~/context";
import { formatDateTime } from "~/features/time/format";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { ErrorSummary, Notice } from "~/ui/form";

const m = fr.jobs;
const kindName = (kind: string) => m.kinds[kind] ?? kind;

/** The job queue for the platform admin: what waits, and the failed jobs with "Relancer". */
export async function loader({ request, context }: Route.LoaderArgs) {
  const signedIn = await requirePlatformAdmin(request, context);
  const overview = await getJobsOverview(context.get(appContext).database.db);
  return { ...overview, csrfToken: signedIn.csrfToken };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { signedIn, form } = await requirePlatformAdminForm(request, context, 4096);
  const { status, ...answer } = await retryJobFromForm(context.get(appContext).database.db, form, signedIn.user.id);
  return data<Omit<RetryAnswer, "status">>(answer, { status });
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function Jobs({ loaderData, actionData }: Route.ComponentProps) {
  const { waiting, failed, csrfToken } = loaderData;
  const error = actionData?.error ?? null;
  return (
    <>
      <title>{`${error ? fr.backoffice.errorTitlePrefix : ""}${m.pageTitle} — ${fr.site.name}`}</title>
      <p>
        <a href="/gestion">{m.back}</a>
      </p>
      <h1>{m.pageTitle}</h1>
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      <ErrorSummary problems={error ? [{ href: "#en-echec", text: error }] : []} />
      <p>{m.intro}</p>

      <h2 id="en-echec">{m.failedTitle}</h2>
      <p>{m.failedIntro}</p>
      {failed.length === 0 ? (
        <p>{m.noneFailed}</p>
      ) : (
        <table className="week">
          <caption>{m.failedCaption(failed.length)}</caption>
          <thead>
            <tr>
              <th scope="col">{m.kind}</th>
              <th scope="col">{m.key}</th>
              <th scope="col">{m.attempts}</th>
              <th scope="col">{m.lastError}</th>
              <th scope="col">{m.createdAt}</th>
              <th scope="col">{m.failedAt}</th>
              <th scope="col">{m.action}</th>
            </tr>
          </thead>
          <tbody>
            {failed.map((job) => {
              const failedAt = job.finishedAt ? formatDateTime(new Date(job.finishedAt)) : "";
              return (
                <tr key={job.id}>
                  <th scope="row">{kindName(job.kind)}</th>
                  <td>
                    <code>{job.key}</code>
                  </td>
                  <td>{job.attempts}</td>
                  <td>
                    <code>{job.lastError ?? ""}</code>
                  </td>
                  <td>{formatDateTime(new Date(job.createdAt))}</td>
                  <td>{failedAt}</td>
                  <td>
                    <form method="post" action="/gestion/taches">
                      <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
                      <input type="hidden" name="tache" value={job.id} />
                      <button type="submit" name="intent" value="retry" aria-label={m.retryLabel(kindName(job.kind), failedAt)}>
                        {m.retry}
                      </button>
                    </form>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <h2>{m.waitingTitle}</h2>
      {waiting.length === 0 ? (
        <p>{m.noneWaiting}</p>
      ) : (
        <table className="week">
          <caption>{m.waitingCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{m.kind}</th>
              <th scope="col">{m.pending}</th>
              <th scope="col">{m.running}</th>
              <th scope="col">{m.nextRun}</th>
            </tr>
          </thead>
          <tbody>
            {waiting.map((w) => (
              <tr key={w.kind}>
                <th scope="row">{kindName(w.kind)}</th>
                <td>{w.pending}</td>
                <td>{w.running}</td>
                <td>{w.nextRunAt ? formatDateTime(new Date(w.nextRunAt)) : ""}</td>
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
