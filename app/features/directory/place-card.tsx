import type { DirectoryResult } from "./search.server";
import { fr } from "~/lib/messages";

function feesLabel(fees: string[]) {
  if (fees.includes("Gratuit")) return fr.directory.free;
  if (fees.includes("Gratuit sous condition")) return fr.directory.freeUnderCondition;
  if (fees.includes("Payant")) return fr.directory.paying;
  return null;
}

/** One place in a list of results: what a person needs to choose, in plain words. */
export function PlaceCard({ place }: { place: DirectoryResult }) {
  const fees = feesLabel(place.fees);
  return (
    <li className="place-card">
      <h2>
        <a href={`/lieux/${place.slug}`}>{place.name}</a>
      </h2>
      <p className="muted">
        {place.address}, {place.postcode} {place.commune}
        {place.distanceMetres !== null ? <strong className="distance"> — {fr.directory.distance(place.distanceMetres)}</strong> : null}
      </p>
      <p className={`status status-${place.status.kind}`}>{place.status.label}</p>
      {place.services.length > 0 ? (
        <ul className="services">
          {place.services.map((s) => (
            <li key={s}>{fr.plain.services[s] ?? s}</li>
          ))}
        </ul>
      ) : null}
      <p>
        {fees ? <span className="fees">{fees}</span> : null}
        {place.labelled ? <span className="badge">{fr.places.labelled}</span> : null}
      </p>
    </li>
  );
}
