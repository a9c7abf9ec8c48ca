/**
 * The public's error reports as a list for the back-office, each with its own
 * "marquer comme traité" form (plain POST: works without JavaScript).
 */
import { CSRF_FIELD } from "~/features/accounts/csrf";
import { formatDateTime, fr } from "~/lib/messages";

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
