/**
 * Nearest-first by true distance with an index that knows only planar distance.
 *
 * The GiST indexes on `knn_point` (longitude, latitude × scale) return places in order of
 * √(Δlon² + (scale·Δlat)²) in degrees; a person wants them by great-circle distance. The scale
 * makes both nearly proportional in France (a degree of longitude is ≈0.69 of a degree of
 * latitude there) but not exactly, nor overseas. The search asks the index for somewhat more
 * candidates than it needs; `planarReach` says how far the index must have looked for the true
 * nearest ones to be among them.
 */
import { KNN_LATITUDE_SCALE } from "~/db/schema";

export const EARTH_RADIUS_METRES = 6_371_000;

const RAD = Math.PI / 180;

/**
 * Every place within `metres` (great-circle) of the origin lies within this planar distance of
 * it, in a plane where latitude is multiplied by `scale`; undefined when no such bound holds
 * without wrapping (the circle holds a pole or crosses the antimeridian).
 *
 * Why: with r = metres / R, a place in the circle has |Δlat| ≤ r and, the circle holding no
 * pole, |Δlon| ≤ asin(sin r / cos lat₀): the corner of that box is one bound. A tighter one for
 * small circles: its latitude is at most |lat₀| + r, so by the haversine formula
 * hav(Δlat) + K·hav(Δlon) ≤ hav(r) with K = cos(lat₀)·cos(|lat₀| + r); the largest
 * scale²·Δlat² + Δlon² on that region is at a corner of it (a sum of convex functions of
 * hav(Δlat) and hav(Δlon) over a triangle): Δlat = r or Δlon = 2·asin(sin(r/2)/√K).
 */
export function planarReach(origin: { latitude: number; longitude: number }, metres: number, scale = 1): number | undefined {
  const box = boxAround(origin, metres);
  if (!box) return undefined;
  const r = metres / EARTH_RADIUS_METRES;
  const lat = Math.abs(origin.latitude) * RAD;
  const dlat = scale * box.dlat;
  const corner = Math.hypot(dlat, box.dlon);
  const s = Math.sin(r / 2) / Math.sqrt(Math.cos(lat) * Math.cos(lat + r));
  return s < 1 ? Math.min(corner, Math.max(dlat, (2 * Math.asin(s)) / RAD)) : corner;
}

/**
 * Half-sides in degrees of the latitude/longitude box that holds every place within `metres`
 * of the origin; undefined when that circle holds a pole or crosses the antimeridian (no such
 * box: the whole world).
 */
export function boxAround(origin: { latitude: number; longitude: number }, metres: number): { dlat: number; dlon: number } | undefined {
  const r = metres / EARTH_RADIUS_METRES;
  const lat = Math.abs(origin.latitude) * RAD;
  if (!(r >= 0) || lat + r >= Math.PI / 2) return undefined;
  const dlon = Math.asin(Math.min(1, Math.sin(r) / Math.cos(lat))) / RAD;
  return Math.abs(origin.longitude) + dlon >= 180 ? undefined : { dlat: r / RAD, dlon };
}

/**
 * Are the `need` nearest matches (by great-circle distance) certainly among the candidates
 * the index returned? `fetched` candidates were asked for `asked`; `farthest` is the index's
 * planar distance of the last of them and `reach` the great-circle distance (metres) of the
 * `need`-th nearest among them. Fewer than asked means every match was returned.
 */
export function nearestAmong(
  origin: { latitude: number; longitude: number },
  candidates: { asked: number; fetched: number; farthest: number | null; reach: number | null },
): boolean {
  if (candidates.fetched < candidates.asked) return true;
  if (candidates.farthest === null || candidates.reach === null) return false;
  const bound = planarReach(origin, candidates.reach, KNN_LATITUDE_SCALE);
  // Strictly beyond: a place at exactly `farthest` may have been left out by the index.
  return bound !== undefined && candidates.farthest > bound * (1 + 1e-9) + 1e-12;
}

/**
 * How many candidates to ask the index for, to get `need` places nearest first. The index's
 * order is nearly the true one in France: a margin suffices most of the time (the bench prints
 * how often the box query had to answer).
 */
export function candidatesFor(need: number): number {
  return Math.ceil(1.5 * need) + 8;
}
