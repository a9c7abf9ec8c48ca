/**
 * The public's error reports as a list for the back-office, each with its own
 * "marquer comme traité" form (plain POST: works without JavaScript).
 */
import { CSRF_FIELD } from "~/lib/forms";
import { formatDateTime } from "~/features/time/format";
import { fr } from "~/lib/messages";
import { ErrorSummary, Notice } from "~/ui/form";
import { Pager } from "~/ui/pager";

const m = fr.attention.reports;

export type ReportItem = { id: string; placeId: string; placeName: string; commune: string; topic: string; message: string; status: "new" | "resolved"; createdAt: string };

/** Links between the reports to deal with and those dealt with. */
export function ReportStatusNav({ base, status }: { base: string; status: "new" | "resolved" }) {
  return (
    <nav aria-label={m.statusNav}>
      <ul className="inline-list">
        <li>{status === "new" ? <strong aria-current="page">{m.toDeal}</strong> : <a href={base}>{m.toDeal}</a>}</li>
        <li>{status === "resolved" ? <strong aria-current="page">{m.dealt}</strong> : <a href={`${base}?statut=traites`}>{m.dealt}</a>}</li>
      </ul>
    </nav>
  );
}

export function ReportList({ reports, action, csrfToken, showPlace }: { reports: ReportItem[]; action: string; csrfToken: string; showPlace: boolean }) {
  return (
    <ul className="report-list">
      {reports.map((r) => {
        const topic = fr.report.topics[r.topic] ?? r.topic;
        const when = formatDateTime(new Date(r.createdAt));
        return (
          <li key={r.id}>
            <article aria-labelledby={`signalement-${r.id}`}>
              <h3 id={`signalement-${r.id}`}>{showPlace ? `${r.placeName}, ${r.commune} — ${topic}` : topic}</h3>
              <p>{m.sentOn(when)}</p>
              <p className="report-message">{r.message}</p>
              {showPlace ? (
                <p>
                  <a href={`/gestion/lieux/${r.placeId}`}>{m.editPlace(r.placeName)}</a>
                </p>
              ) : null}
              {r.status === "new" ? (
                <form method="post" action={action}>
                  <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
                  <input type="hidden" name="signalement" value={r.id} />
                  <button type="submit" name="intent" value="resolve" aria-label={m.resolve(topic, when)}>
                    {m.resolveShort}
                  </button>
                </form>
              ) : null}
            </article>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The body of a reports page (a place's or a network's) below its title: the answer to the
 * last "marquer comme traité", the two tabs, the count, the list and its pages.
 */
export function ReportsPageBody(props: {
  base: string;
  status: "new" | "resolved";
  reports: ReportItem[];
  total: number;
  page: number;
  pages: number;
  csrfToken: string;
  showPlace: boolean;
  answer: { notice: string | null; error: string | null } | undefined;
}) {
  const { base, status, reports, total, page, pages, csrfToken, showPlace, answer } = props;
  const error = answer?.error ?? null;
  return (
    <>
      {answer?.notice ? <Notice>{answer.notice}</Notice> : null}
      <ErrorSummary problems={error ? [{ href: "#signalements", text: error }] : []} />
      <p>{m.intro}</p>
      <ReportStatusNav base={base} status={status} />
      <h2 id="signalements">{status === "new" ? m.toDeal : m.dealt}</h2>
      <p role="status">{m.count(total, status)}</p>
      <ReportList reports={reports} action={base} csrfToken={csrfToken} showPlace={showPlace} />
      <Pager page={page} pages={pages} href={(n) => `${base}?${new URLSearchParams({ ...(status === "resolved" ? { statut: "traites" } : {}), page: String(n) })}`} label={m.pagination} />
    </>
  );
}
