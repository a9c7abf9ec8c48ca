/** The importer's report as a page: what was read and written, the row-by-row errors table, remarks, likely duplicates. */
import type { ImportPageReport } from "./web-import.server";
import { fr } from "~/lib/messages";
import { Notice } from "~/ui/form";

const m = fr.coordination;

type Report = ImportPageReport;

export function ImportReportView({ report }: { report: Report }) {
  const counts = [
    [m.counts.created, report.created],
    [m.counts.updated, report.updated],
    [m.counts.unchanged, report.unchanged],
    ...(report.skippedOlder ? [[m.counts.skippedOlder, report.skippedOlder] as const] : []),
    [m.counts.rejected, report.invalid],
  ] as const;
  return (
    <section aria-labelledby="compte-rendu" className="import-report">
      <h2 id="compte-rendu">{m.reportTitle}</h2>
      {report.written ? <Notice>{m.reportWritten}</Notice> : (
        <div className="error-summary" id="erreurs" tabIndex={-1} autoFocus aria-labelledby="erreurs-titre">
          <h3 id="erreurs-titre">{m.reportNothingWritten}</h3>
        </div>
      )}
      <p>{m.reportFile(report.file, m.shapes[report.shape] ?? report.shape)}</p>
      <p>{m.reportRead(report.total, report.valid, report.invalid)}</p>
      <table>
        <caption>{m.countsCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{m.whatHeader}</th>
            <th scope="col">{m.countHeader}</th>
          </tr>
        </thead>
        <tbody>
          {counts.map(([what, n]) => (
            <tr key={what}>
              <th scope="row">{what}</th>
              <td>{report.written || what === m.counts.rejected ? n : 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.problemCount > 0 ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="erreurs-import">
          <table>
            <caption id="erreurs-import">{m.errorsCaption(report.problemCount, report.problems.length)}</caption>
            <thead>
              <tr>
                <th scope="col">{m.rowHeader(report.rowKind)}</th>
                <th scope="col">{m.idHeader}</th>
                <th scope="col">{m.fieldHeader}</th>
                <th scope="col">{m.valueHeader}</th>
                <th scope="col">{m.problemHeader}</th>
                <th scope="col">{m.hintHeader}</th>
              </tr>
            </thead>
            <tbody>
              {report.problems.map((p, i) => (
                <tr key={i}>
                  <td>{p.row}</td>
                  <td>{p.id ?? ""}</td>
                  <td>{p.field}</td>
                  <td>{p.value.length > 60 ? `${p.value.slice(0, 57)}…` : p.value}</td>
                  <td>{p.message}</td>
                  <td>{p.hint}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {report.noteCount > 0 ? (
        <>
          <h3>{m.notesTitle}</h3>
          <p>{m.notesCount(report.noteCount)}</p>
          <ul>
            {report.notes.map((n, i) => (
              <li key={i}>
                {m.rowHeader(report.rowKind)} {n.row}
                {n.id ? ` (${n.id})` : ""}, « {n.field} » : {n.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {report.duplicateCount > 0 ? (
        <>
          <h3>{m.duplicatesTitle}</h3>
          <ul>
            {report.duplicates.map((d, i) => (
              <li key={i}>{m.duplicate(d.name, d.source, d.otherName, d.otherSource, d.reason)}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
