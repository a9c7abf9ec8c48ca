import type { MapPlace, MapPointsPayload } from "./map-points.server";
import { fr } from "~/lib/messages";

/**
 * Words of the map page not yet in the catalogue (app/lib/messages.ts). To move there
 * as `fr.map` (same keys); the browser module receives its words from the server
 * through `data-labels`, so every word stays in one catalogue.
 */


/** Where a place is, in the popup and the list: "18000 Bourges — à 1,2 km". */
function placeWhere(place: MapPlace): string {
  const commune = [place.postcode, place.commune].filter(Boolean).join(" ");
  return place.distanceMetres === null ? commune : `${commune} — ${fr.directory.distance(place.distanceMetres)}`;
}

export type TileSource = { url: string; attribution: string; attributionUrl: string; maxZoom: number; subdomains?: string };

/** JSON for a `<script type="application/json">`: never closes the script element early. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/**
 * The map container: a text fallback (shown without JavaScript, or when Leaflet fails)
 * that the browser module (/js/map.js, built from app/enhance/map.ts) replaces with the map.
 */
export function MapView({ payload, tiles }: { payload: MapPointsPayload; tiles: TileSource }) {
  const labels = {
    region: fr.directory.mapTitle,
    zoomIn: fr.map.zoomIn,
    zoomOut: fr.map.zoomOut,
    closePopup: fr.map.closePopup,
    cluster: fr.map.cluster,
    stop: fr.stops.mapMarker,
  };
  return (
    <>
      <a className="carte-passer" href="#liste-carte">
        {fr.map.skipMap}
      </a>
      <div id="carte" className="carte" data-tiles={JSON.stringify(tiles)} data-labels={JSON.stringify(labels)}>
        <p className="carte-repli">{fr.directory.mapUnavailable}</p>
      </div>
      <p id="carte-aide" className="carte-aide muted" hidden>
        {fr.map.keyboardHelp}
      </p>
      <script type="application/json" id="points" dangerouslySetInnerHTML={{ __html: scriptJson(payload) }} />
      <script type="module" src="/js/map.js" />
    </>
  );
}

/** The accessible equivalent of the map: the same places, nearest first when there is a position. */
export function MapPlaceList({ places }: { places: MapPlace[] }) {
  return (
    <section aria-labelledby="liste-carte">
      <h2 id="liste-carte">{fr.map.listHeading}</h2>
      <ol className="carte-liste">
        {places.map((place) => (
          <li key={place.slug}>
            <a href={`/lieux/${place.slug}`}>{place.name}</a>
            <span className="carte-liste-lieu">{placeWhere(place)}</span>
            <span className={`carte-liste-statut status-${place.status.kind}`}>{place.status.label}</span>
            {place.latitude === null ? <span className="muted">{fr.map.noPosition}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
