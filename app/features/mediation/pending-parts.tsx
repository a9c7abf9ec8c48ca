/** What is left to complete: attended appointments and held sessions without a record, each with its « Compléter le compte rendu » link. */
import { formatDateTime } from "~/features/time/format";
import { fr } from "~/lib/messages";

const m = fr.mediation;

export type PendingView =
  | { type: "booking"; id: string; placeId: string; timeZone: string; startsAt: string; resourceName: string; firstName: string | null }
  | { type: "session"; id: string; placeId: string; timeZone: string; startsAt: string; title: string; present: number };

export function completeHref(item: { type: "booking" | "session"; id: string; placeId: string }): string {
  return `/gestion/lieux/${item.placeId}/accompagnements/nouveau?${item.type === "booking" ? "reservation" : "seance"}=${item.id}`;
}

export function PendingList({ items, none, placeNames }: { items: PendingView[]; none: string; placeNames?: Record<string, string> }) {
  if (items.length === 0) return <p>{none}</p>;
  return (
    <ul className="pending-list">
      {items.map((item) => {
        const what = item.type === "booking" ? m.pendingBooking(item.resourceName, item.firstName) : m.pendingSession(item.title, item.present);
        const when = formatDateTime(new Date(item.startsAt), { timeZone: item.timeZone });
        const where = placeNames?.[item.placeId];
        return (
          <li key={`${item.type}-${item.id}`}>
            <span>{`${when} — ${what}${where ? ` (${where})` : ""}`}</span>{" "}
            <a href={completeHref(item)} aria-label={`${m.complete} : ${what}, ${when}`}>
              {m.complete}
            </a>
          </li>
        );
      })}
    </ul>
  );
}
