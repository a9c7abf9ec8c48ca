import type { MapPlace, MapPointsPayload } from "~/features/directory/map-points.server";
import { fr } from "~/lib/messages";

/**
 * Words of the map page not yet in the catalogue (app/lib/messages.ts). To move there
 * as `fr.map` (same keys); the browser module receives its words from the server
 * through `data-labels`, so every word stays in one catalogue.
 */
export const mapMessages = {
  titleNear: (label: string) => `Carte des lieux près de ${label}`,
  titleFor: (text: string) => `Carte des lieux dont le nom contient « ${text} »`,
  titleAll: "Carte de tous les lieux",
  count: (n: number) => (n === 0 ? "Aucun lieu trouvé." : n === 1 ? "1 lieu sur la carte." : `${formatCount(n)} lieux sur la carte.`),
  /** `more`: the total is a lower bound ("plus de 1 000"). */
  truncatedNear: (shown: number, total: number, more: boolean) =>
    `La carte montre les ${formatCount(shown)} lieux les plus proches, sur ${more ? "plus de " : ""}${formatCount(total)} trouvés.`,
  truncated: (shown: number, total: number, more: boolean) =>
    `La carte montre ${formatCount(shown)} lieux sur ${more ? "plus de " : ""}${formatCount(total)} trouvés. Cherchez votre commune pour voir les plus proches.`,
  listHeading: "Les lieux de la carte",
  keyboardHelp:
    "Au clavier : les flèches déplacent la carte, les touches + et − changent le zoom. La touche Tab passe d'un lieu à l'autre, la touche Entrée affiche son nom et le lien vers sa page.",
  zoomIn: "Zoomer",
  zoomOut: "Dézoomer",
  closePopup: "Fermer",
  /** `{n}` is replaced by the number of places in the group. */
  cluster: "{n} lieux ici : appuyez pour zoomer",
  noPosition: "Position inconnue : ce lieu n'est pas sur la carte.",
};

const numberFormat = new Intl.NumberFormat("fr-FR");
function formatCount(n: number) {
  return numberFormat.format(n);
}

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
    zoomIn: mapMessages.zoomIn,
    zoomOut: mapMessages.zoomOut,
    closePopup: mapMessages.closePopup,
    cluster: mapMessages.cluster,
  };
  return (
    <>
      <div id="carte" className="carte" data-tiles={JSON.stringify(tiles)} data-labels={JSON.stringify(labels)}>
        <p className="carte-repli">{fr.directory.mapUnavailable}</p>
      </div>
      <p id="carte-aide" className="carte-aide muted" hidden>
        {mapMessages.keyboardHelp}
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
      <h2 id="liste-carte">{mapMessages.listHeading}</h2>
      <ol className="carte-liste">
        {places.map((place) => (
          <li key={place.slug}>
            <a href={`/lieux/${place.slug}`}>{place.name}</a>
            <span className="carte-liste-lieu">{placeWhere(place)}</span>
            <span className={`carte-liste-statut status-${place.status.kind}`}>{place.status.label}</span>
            {place.latitude === null ? <span className="muted">{mapMessages.noPosition}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
