import type { Route } from "./+types/places-map";
import { mapPointsPayload, searchMapPlaces, type MapSearch } from "~/features/directory/map-points.server";
import { DEFAULT_RADIUS_KM, directoryUrl, hasFilters, parseDirectoryQuery, withPageRadius } from "~/features/directory/query";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";
import { CommuneChoices } from "~/features/directory/commune-choices";
import { LookFarther } from "~/features/directory/look-farther";
import { MapPlaceList, MapView, type TileSource } from "~/features/directory/map-view";
import { MapVisitList } from "~/features/workshops/nearby-parts";
import { nearbyVisits, NEARBY_VISITS_DAYS } from "~/features/workshops/nearby-stops.server";

/** Tile sources the server may configure (MAP_TILES); the page never depends on them. */
const TILES: Record<"osmfr" | "ign", TileSource> = {
  osmfr: {
    url: "https://{s}.tile.openstreetmap.fr/osmfr/{z}/{x}/{y}.png",
    subdomains: "abc",
    maxZoom: 20,
    attribution: "© les contributeurs d'OpenStreetMap",
    attributionUrl: "https://www.openstreetmap.org/copyright",
  },
  ign: {
    url: "https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM&FORMAT=image/png&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}",
    maxZoom: 19,
    attribution: "© IGN – Plan IGN",
    attributionUrl: "https://www.ign.fr/",
  },
};

/** Public pages do not hydrate: the map is a plain browser module (/js/map.js). */
export const handle = {};

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: "/js/map.css" }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const query = parseDirectoryQuery(new URL(request.url).searchParams);
  const { database, env } = context.get(appContext);
  const search = await searchMapPlaces(database.db, withPageRadius(query));
  const tiles = TILES[env.MAP_TILES];
  // Mobile EPN's stops with a passage soon: around the position, or everywhere on the whole map.
  const now = Date.now();
  const soon = { from: new Date(now), to: new Date(now + NEARBY_VISITS_DAYS * 86_400_000) };
  const visits = search.origin
    ? await nearbyVisits(database.db, { latitude: search.origin.latitude, longitude: search.origin.longitude, km: search.radiusKm ?? DEFAULT_RADIUS_KM, ...soon, limit: 50 })
    : !search.text && !hasFilters(query)
      ? await nearbyVisits(database.db, { latitude: null, longitude: null, km: 0, ...soon, limit: 200 })
      : [];
  return {
    query,
    search,
    tiles,
    visits,
    now,
    payload: mapPointsPayload(search.places, Boolean(search.origin), visits),
  };
}

function heading(search: Pick<MapSearch, "origin" | "text">) {
  if (search.origin) return fr.map.titleNear(search.origin.label);
  if (search.text) return fr.map.titleFor(search.text);
  return fr.map.titleAll;
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData ? heading(loaderData.search) : fr.directory.mapTitle} — ${fr.site.name}` },
  { name: "description", content: fr.site.tagline },
];

export default function PlacesMap({ loaderData }: Route.ComponentProps) {
  const { query, search, tiles, payload, visits, now } = loaderData;
  const listUrl = directoryUrl("/lieux", { ...query, page: 1 });
  return (
    <>
      <h1>{heading(search)}</h1>
      <p>
        <a href={listUrl}>{fr.directory.list}</a>
      </p>
      {search.choices ? (
        <CommuneChoices choices={search.choices} query={query} path="/lieux/carte" />
      ) : search.places.length === 0 ? (
        <div className="empty">
          <p role="status">{search.origin && search.radiusKm ? fr.directory.countWithin(0, search.radiusKm) : fr.directory.empty}</p>
          {search.origin && search.radiusKm ? <LookFarther path="/lieux/carte" query={query} radiusKm={search.radiusKm} /> : null}
          <p>
            <a href="/lieux/carte">{fr.places.seeAll}</a>
          </p>
        </div>
      ) : (
        <>
          <p role="status" className="count">
            {!search.truncated
              ? fr.map.count(search.places.length)
              : search.origin
                ? fr.map.truncatedNear(search.places.length)
                : fr.map.truncated(search.places.length, search.total ?? search.places.length, search.totalCapped)}
          </p>
          <MapView payload={payload} tiles={tiles} />
          <MapPlaceList places={search.places} />
          <MapVisitList visits={visits} now={now} />
        </>
      )}
    </>
  );
}
