/** The parts of La Coop's import page: the result (counts, or the problems row by row) and the export links. */
import type { CoopImportReport } from "./coop-import";
import { fr, formatNumber } from "~/lib/messages";
import { TextField } from "~/ui/form";

const m = fr.mediationExports;

/** What the import did: the counts written, or why nothing was, row by row (a table, with its caption). */
export function CoopImportReportView({ report }: { report: CoopImportReport }) {
  return (
    <section aria-labelledby="resultat">
      <h2 id="resultat">{m.reportTitle}</h2>
      <p>{m.importedRows(report.rows, report.activities)}</p>
      {report.kind === "imported" ? (
        <p className="notice" role="status">
          {m.imported(report.added, report.already)}
        </p>
      ) : (
        <>
          <p className="error-summary" role="alert">
            {m.refused(report.problemCount)}
          </p>
          {report.problems.length < report.problemCount ? <p>{m.problemsMore(report.problems.length, report.problemCount)}</p> : null}
          <table className="week">
            <caption>{m.problemsCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{m.problemRow}</th>
                <th scope="col">{m.problemColumn}</th>
                <th scope="col">{m.problemWhat}</th>
              </tr>
            </thead>
            <tbody>
              {report.problems.map((problem, i) => (
                <tr key={`${problem.row}-${problem.column}-${i}`}>
                  <th scope="row">{formatNumber(problem.row)}</th>
                  <td>{problem.column}</td>
                  <td>{problem.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/**
 * The export of records as a small GET form: a period and a button per format. `action` is the
 * export's address without its extension (…/accompagnements/export); the buttons add it.
 */
export function RecordsExportForm(props: { action: string; from?: string; to?: string; intro: string }) {
  return (
    <section aria-labelledby="exporter">
      <h2 id="exporter">{m.exportTitle}</h2>
      <p>{props.intro}</p>
      <form method="get" action={`${props.action}.xlsx`} className="inline-form">
        <fieldset>
          <legend className="visually-hidden">{m.exportTitle}</legend>
          <TextField name="du" label={m.exportFrom} type="date" value={props.from ?? ""} id="export-du" />
          <TextField name="au" label={m.exportTo} type="date" value={props.to ?? ""} id="export-au" />
          <button type="submit">{m.exportXlsx}</button>
          <button type="submit" formAction={`${props.action}.csv`}>
            {m.exportCsv}
          </button>
        </fieldset>
      </form>
    </section>
  );
}
