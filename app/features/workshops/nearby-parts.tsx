/**
 * The directory's « L'EPN mobile passe près d'ici »: the next passage of each stop near the
 * commune searched, nearest first, a plain list (no JavaScript), each naming its mobile EPN with a
 * link to its page.
 */
import { fr } from "~/lib/messages";
import type { NearbyVisit } from "./nearby-stops.server";
import { sessionWhen } from "./when-words";

export function NearbyVisits({ visits, now }: { visits: NearbyVisit[]; now: number }) {
  if (visits.length === 0) return null;
  return (
    <section aria-labelledby="passages-proches" className="nearby-visits">
      <h2 id="passages-proches">{fr.stops.nearbyTitle}</h2>
      <ul>
        {visits.map((v) => (
          <li key={v.sessionId}>
            <a href={`/lieux/${v.placeSlug}#passages`}>{v.placeName}</a>{" "}
            {fr.stops.nearbyPasses(v.commune, v.label, sessionWhen(v.startsAt, v.endsAt, v.timeZone, now), fr.directory.distance(v.distanceMetres))}
          </li>
        ))}
      </ul>
    </section>
  );
}
