import type { Db } from "~/db/client.server";
import type { DirectoryQuery } from "./query";
import { COUNT_CAP, searchDirectory, type DirectoryResult, type DirectorySearch } from "./search.server";

/** At most this many places on the map (the nearest first when there is a position). */
export const MAP_POINTS_LIMIT = 500;

/** One place on the map and in the list below it: what a popup and a list item show. */
export type MapPlace = Pick<DirectoryResult, "slug" | "name" | "commune" | "postcode" | "latitude" | "longitude" | "distanceMetres"> & {
  status: { kind: DirectoryResult["status"]["kind"]; label: string };
};

export type MapSearch = Pick<DirectorySearch, "origin" | "choices" | "text" | "total"> & {
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
    places,
    truncated: search.total > places.length,
    totalCapped: search.total >= COUNT_CAP,
  };
}

/**
 * The points as the browser module (app/enhance/map.ts) reads them from the page's
 * `<script type="application/json" id="points">`: compact arrays, coordinates rounded
 * to about a metre. Places without coordinates stay in the list only.
 */
export type MapPointsPayload = {
  /** [latitude, longitude, name, slug, where (commune, distance), opening status] */
  points: [number, number, string, string, string, string][];
  /** The view frames the first `focus` points (the nearest ones when there is a position). */
  focus: number;
};

const round = (n: number) => Math.round(n * 1e5) / 1e5;

export function mapPointsPayload(places: MapPlace[], describe: (p: MapPlace) => string, focusNearest: boolean): MapPointsPayload {
  const located = places.filter((p) => p.latitude !== null && p.longitude !== null);
  return {
    points: located.map((p) => [round(p.latitude!), round(p.longitude!), p.name, p.slug, describe(p), p.status.label]),
    focus: focusNearest ? Math.min(located.length, 20) : located.length,
  };
}
