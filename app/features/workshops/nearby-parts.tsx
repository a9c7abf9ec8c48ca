/**
 * The directory's « L'EPN mobile passe près d'ici »: the next passage of each stop near the
 * commune searched, nearest first, a plain list (no JavaScript), each naming its mobile EPN with a
 * link to its page.
 */
import { fr } from "~/lib/messages";
import type { NearbyVisit } from "./nearby-stops.server";
import { formatSpan } from "~/features/time/format";
import { capitalize } from "~/lib/text";

export function NearbyVisits({ visits, now }: { visits: NearbyVisit[]; now: number }) {
  if (visits.length === 0) return null;
  return (
    <section aria-labelledby="passages-proches" className="nearby-visits">
      <h2 id="passages-proches">{fr.stops.nearbyTitle}</h2>
      <ul>
        {visits.map((v) => (
          <li key={v.sessionId}>
            <a href={`/lieux/${v.placeSlug}#passages`}>{v.placeName}</a>{" "}
            {fr.stops.nearbyPasses(v.commune, v.label, formatSpan(v.startsAt, v.endsAt, { timeZone: v.timeZone, now: now }), fr.directory.distance(v.distanceMetres ?? 0))}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The map page's list of passages (the accessible equivalent of the stops' markers): the mobile
 * EPN's name linking to its page, where, when. The browser module (app/enhance/map.ts) reads the
 * markers' popups from it, in the order of the payload's `stops`.
 */
export function MapVisitList({ visits, now }: { visits: NearbyVisit[]; now: number }) {
  if (visits.length === 0) return null;
  return (
    <section aria-labelledby="liste-passages">
      <h2 id="liste-passages">{fr.stops.mapListHeading}</h2>
      <ol className="carte-passages">
        {visits.map((v) => (
          <li key={v.sessionId}>
            <a href={`/lieux/${v.placeSlug}#passages`}>{v.placeName}</a>
            <span className="carte-liste-lieu">{v.distanceMetres === null ? fr.stops.mapPassage(v.commune, v.label) : `${fr.stops.mapPassage(v.commune, v.label)} — ${fr.directory.distance(v.distanceMetres)}`}</span>
            <span className="carte-liste-statut">{capitalize(formatSpan(v.startsAt, v.endsAt, { timeZone: v.timeZone, now: now }))}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
