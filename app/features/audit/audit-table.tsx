import { auditValue } from "~/features/audit/audit-value";
import type { AuditLine } from "~/features/audit/audit-log.server";
import { formatDateTime } from "~/features/time/format";
import { fr } from "~/lib/messages";

const m = fr.backoffice.audit;

/** The audit log as a table: when, who, (which place,) what changed from what to what. */
export function AuditTable({ lines, caption, showPlace = false }: { lines: AuditLine[]; caption: string; showPlace?: boolean }) {
  const edit = fr.backoffice.edit;
  const word = (field: string, value: unknown) => (typeof value === "string" ? (m.values[field]?.[value] ?? value) : value);
  const words = (field: string, value: unknown) => auditValue(Array.isArray(value) ? value.map((v) => word(field, v)) : word(field, value), edit.empty);
  if (lines.length === 0) return <p>{m.empty}</p>;
  return (
    <table className="week">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{m.when}</th>
          <th scope="col">{m.who}</th>
          {showPlace ? <th scope="col">{m.place}</th> : null}
          <th scope="col">{m.what}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.id}>
            <th scope="row">{formatDateTime(new Date(line.at))}</th>
            <td>{line.actor ?? m.unknownActor}</td>
            {showPlace ? <td>{line.placeName ?? m.noPlace}</td> : null}
            <td>
              <p>{m.actions[line.action] ?? line.action}</p>
              {line.changes.length > 0 ? (
                <ul>
                  {line.changes.map((c) => (
                    <li key={c.field}>{m.change(edit.fieldNames[c.field] ?? c.field, words(c.field, c.before), words(c.field, c.after))}</li>
                  ))}
                </ul>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
