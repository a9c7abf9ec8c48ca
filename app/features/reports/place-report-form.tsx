import { ErrorSummary } from "~/ui/form";
import { FIELDS, REPORT_TOPICS, type ReportErrors, type ReportValues } from "./report-form";
import { fr } from "~/lib/messages";

const ids = {
  summary: "erreurs",
  topicError: "sujet-erreur",
  message: "message",
  messageHint: "message-aide",
  messageError: "message-erreur",
  honeypot: "site-internet",
};
const topicId = (topic: string) => `sujet-${topic}`;

/**
 * The "Signaler une erreur" form, a plain HTML form (works without JavaScript). Shown again
 * after a refused submission with what was typed, an error summary that takes the focus
 * (autofocus needs no script) and each message next to its field.
 */
export function PlaceReportForm({ action, values, errors, limitMessage }: { action: string; values: ReportValues; errors: ReportErrors; limitMessage: string | null }) {
  const problems = [
    errors.topic ? { href: `#${topicId(REPORT_TOPICS[0])}`, text: errors.topic } : null,
    errors.message ? { href: `#${ids.message}`, text: errors.message } : null,
  ].filter((p): p is { href: string; text: string } => p !== null);
  const describedBy = [ids.messageHint, errors.message ? ids.messageError : null].filter(Boolean).join(" ");
  return (
    <>
      {limitMessage ? (
        <div className="error-summary" id={ids.summary} tabIndex={-1} autoFocus aria-labelledby="erreurs-titre">
          <h2 id="erreurs-titre">{fr.report.tooManyTitle}</h2>
          <p>{limitMessage}</p>
        </div>
      ) : problems.length > 0 ? (
        <ErrorSummary title={fr.report.errorSummary} problems={problems} id={ids.summary} />
      ) : null}
      {/* An explicit action drops any #fragment of the current URL, so the summary, not a field, gets the focus. */}
      <form method="post" action={action} noValidate className="report-form">
        <fieldset aria-describedby={errors.topic ? ids.topicError : undefined}>
          <legend>{fr.report.topicLegend}</legend>
          {errors.topic ? (
            <p id={ids.topicError} className="field-error">
              {errors.topic}
            </p>
          ) : null}
          {REPORT_TOPICS.map((topic) => (
            <div className="check" key={topic}>
              <input type="radio" id={topicId(topic)} name={FIELDS.topic} value={topic} defaultChecked={values.topic === topic} required />
              <label htmlFor={topicId(topic)}>{fr.report.topics[topic]}</label>
            </div>
          ))}
        </fieldset>
        <div className={errors.message ? "field field-invalid" : "field"}>
          <label htmlFor={ids.message}>{fr.report.messageLabel}</label>
          <p id={ids.messageHint} className="hint">
            {fr.report.messageHint}
          </p>
          {errors.message ? (
            <p id={ids.messageError} className="field-error">
              {errors.message}
            </p>
          ) : null}
          <textarea
            id={ids.message}
            name={FIELDS.message}
            rows={6}
            required
            aria-invalid={errors.message ? true : undefined}
            aria-describedby={describedBy}
            defaultValue={values.message}
          />
        </div>
        <div className="trap">
          <label htmlFor={ids.honeypot}>{fr.report.honeypot}</label>
          <input type="text" id={ids.honeypot} name={FIELDS.honeypot} tabIndex={-1} autoComplete="off" />
        </div>
        <button type="submit">{fr.report.submit}</button>
      </form>
    </>
  );
}
