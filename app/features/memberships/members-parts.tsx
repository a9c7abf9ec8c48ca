/** The members page's table and tabs, and « Adhérent jusqu'au … » on a person's page. */
import { formatDate } from "~/features/time/format";
import { fr } from "~/lib/messages";
import type { MemberRow, MembersFilter } from "./memberships.server";

const m = fr.memberships;

/** The URL words of the members page's tabs. */
export const FILTER_PARAMS: Record<MembersFilter, string> = { active: "en-cours", ending: "fin-proche", expired: "finies" };

/** The tab a `?liste=` value names; "active" when none or unknown. */
export function filterOfParam(value: string | null): MembersFilter {
  const found = (Object.keys(FILTER_PARAMS) as MembersFilter[]).find((k) => FILTER_PARAMS[k] === value);
  return found ?? "active";
}

export function MembersTabs({ here, filter }: { here: string; filter: MembersFilter }) {
  return (
    <ul className="tabs">
      {(Object.keys(FILTER_PARAMS) as MembersFilter[]).map((k) => (
        <li key={k}>
          <a href={`${here}?liste=${FILTER_PARAMS[k]}`} aria-current={k === filter ? "page" : undefined}>
            {m.tabs[k]}
          </a>
        </li>
      ))}
    </ul>
  );
}

export function MembersTable({ placeId, filter, members }: { placeId: string; filter: MembersFilter; members: MemberRow[] }) {
  if (members.length === 0) return <p>{m.none[filter]}</p>;
  const c = m.columns;
  return (
    <>
      <p>{m.count(members.length)}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{c.name}</th>
            <th scope="col">{c.since}</th>
            <th scope="col">{c.until}</th>
            <th scope="col">{c.category}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((r) => (
            <tr key={r.beneficiaryId}>
              <th scope="row">
                <a href={`/gestion/lieux/${placeId}/beneficiaires/${r.beneficiaryId}`}>{[r.firstName, r.lastName].filter(Boolean).join(" ")}</a>
              </th>
              <td>{formatDate(r.since)}</td>
              <td>{formatDate(r.until)}</td>
              <td>{r.category ?? m.normalRate}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** « Adhérent jusqu'au … » on the person's page; nothing when not a member. `until`: memberUntil's answer. */
export function MemberBadge({ until }: { until: string | null }) {
  if (!until) return null;
  return <p className="notice">{m.memberUntil(formatDate(until))}</p>;
}
