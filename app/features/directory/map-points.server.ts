import type { Db } from "~/db/client.server";
import type { DirectoryQuery } from "./query";
import { COUNT_CAP } from "./query";
import { searchDirectory, type DirectoryResult, type DirectorySearch } from "./search.server";

/** At most this many places on the map (the nearest first when there is a position). */
export const MAP_POINTS_LIMIT = 200;

/** One place on the map and in the list below it: what a popup and a list item show. */
export type MapPlace = Pick<DirectoryResult, "slug" | "name" | "commune" | "postcode" | "latitude" | "longitude" | "distanceMetres"> & {
  status: { kind: DirectoryResult["status"]["kind"]; label: string };
};

export type MapSearch = Pick<DirectorySearch, "origin" | "choices" | "text" | "total" | "radiusKm"> & {
  places: MapPlace[];
  /** True when more places match than the map shows. */
  truncated: boolean;
  /** True when `total` is only a lower bound (the search stops counting at COUNT_CAP). */
  totalCapped: boolean;
};

/**
 * The directory's search for the map: the same filters, text and position as the list
 * (`searchDirectory`), one "page" of up to `limit` places, nearest first around a position.
 */
export async function searchMapPlaces(db: Db, query: DirectoryQuery, now = new Date(), limit = MAP_POINTS_LIMIT): Promise<MapSearch> {
  const search = await searchDirectory(db, { ...query, page: 1 }, now, limit);
  const places = search.results.map(
    (r): MapPlace => ({
      slug: r.slug,
      name: r.name,
      commune: r.commune,
      postcode: r.postcode,
      latitude: r.latitude,
      longitude: r.longitude,
      distanceMetres: r.distanceMetres,
      status: { kind: r.status.kind, label: r.status.label },
    }),
  );
  return {
    origin: search.origin,
    choices: search.choices,
    text: search.text,
    total: search.total,
    radiusKm: search.radiusKm,
    places,
    truncated: search.hasNext,
    totalCapped: search.total !== null && search.total >= COUNT_CAP,
  };
}

/**
 * The points as the browser module (app/enhance/map.ts) reads them from the page's
 * `<script type="application/json" id="points">`: only coordinates (rounded to about a
 * metre), in the order of the list of places rendered below the map, which holds the
 * names, links, communes and statuses once (the popups are built from it). A place
 * without coordinates is `null`: in the list, not on the map.
 */
export type MapPointsPayload = {
  points: ([number, number] | null)[];
  /** The view frames the first `focus` places of the list (the nearest ones around a position). */
  focus: number;
  /**
   * Stops of mobile EPN with a passage soon, a kind of point of their own: coordinates in the order
   * of the second list (ol.carte-passages), which holds their words as the first does the places'.
   */
  stops: [number, number][];
};

const round = (n: number) => Math.round(n * 1e5) / 1e5;

export function mapPointsPayload(places: MapPlace[], focusNearest: boolean, stops: readonly { latitude: number; longitude: number }[] = []): MapPointsPayload {
  return {
    points: places.map((p) => (p.latitude === null || p.longitude === null ? null : [round(p.latitude), round(p.longitude)])),
    focus: focusNearest ? Math.min(places.length, 20) : places.length,
    stops: stops.map((s) => [round(s.latitude), round(s.longitude)]),
  };
}
