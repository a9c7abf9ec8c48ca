import { describe, expect, it } from "vitest";
import { KNN_LATITUDE_SCALE } from "~/db/schema";
import { EARTH_RADIUS_METRES, nearestAmong, planarReach } from "./nearest";

const RAD = Math.PI / 180;
function greatCircle(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const h = Math.sin(((b.latitude - a.latitude) * RAD) / 2) ** 2 + Math.cos(a.latitude * RAD) * Math.cos(b.latitude * RAD) * Math.sin(((b.longitude - a.longitude) * RAD) / 2) ** 2;
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.sqrt(h));
}
const planar = (a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }, scale = 1) =>
  Math.hypot(scale * (b.latitude - a.latitude), b.longitude - a.longitude);

function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

describe("planarReach", () => {
  it("bounds the planar distance of every place within the radius, wherever the origin is, for the index's scale too", () => {
    const next = random(7);
    let checked = 0;
    for (let i = 0; i < 800; i++) {
      const scale = i % 2 ? KNN_LATITUDE_SCALE : 1;
      const origin = { latitude: next() * 170 - 85, longitude: next() * 360 - 180 };
      const metres = 10 ** (2 + next() * 5); // 100 m … 10,000 km
      const reach = planarReach(origin, metres, scale);
      if (reach === undefined) continue;
      // Points on and inside the circle, in every direction (the farthest in degrees are east and west).
      for (let j = 0; j < 200; j++) {
        const bearing = next() * 2 * Math.PI;
        const d = (metres / EARTH_RADIUS_METRES) * Math.sqrt(next());
        const lat1 = origin.latitude * RAD;
        const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(bearing));
        const lon2 = origin.longitude * RAD + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
        // Stored longitudes are within [-180, 180].
        const point = { latitude: lat2 / RAD, longitude: ((((lon2 / RAD + 180) % 360) + 360) % 360) - 180 };
        expect(greatCircle(origin, point)).toBeLessThanOrEqual(metres * (1 + 1e-9));
        expect(planar(origin, point, scale)).toBeLessThanOrEqual(reach * (1 + 1e-9));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(80_000);
  });

  it("is close to the east–west extent in France and gives up where degrees wrap", () => {
    const bourges = { latitude: 47.08, longitude: 2.4 };
    const east = 10_000 / (EARTH_RADIUS_METRES * RAD * Math.cos(47.08 * RAD));
    for (const scale of [1, KNN_LATITUDE_SCALE]) {
      const reach = planarReach(bourges, 10_000, scale)!;
      expect(reach).toBeGreaterThan(east);
      expect(reach).toBeLessThan(east * 1.01);
    }
    expect(planarReach({ latitude: 89.5, longitude: 0 }, 100_000)).toBeUndefined(); // the circle holds the pole
    expect(planarReach({ latitude: -22.27, longitude: 179.9 }, 50_000)).toBeUndefined(); // across the antimeridian
    expect(planarReach(bourges, 15_000_000)).toBeUndefined();
  });
});

describe("nearestAmong", () => {
  const origin = { latitude: 47.08, longitude: 2.4 };
  it("trusts a complete answer, and candidates reaching past the bound", () => {
    expect(nearestAmong(origin, { asked: 50, fetched: 12, farthest: 0.3, reach: 90_000 })).toBe(true);
    const bound = planarReach(origin, 10_000, KNN_LATITUDE_SCALE)!;
    expect(nearestAmong(origin, { asked: 50, fetched: 50, farthest: bound * 1.01, reach: 10_000 })).toBe(true);
    expect(nearestAmong(origin, { asked: 50, fetched: 50, farthest: bound, reach: 10_000 })).toBe(false);
    expect(nearestAmong(origin, { asked: 50, fetched: 50, farthest: bound * 0.9, reach: 10_000 })).toBe(false);
    expect(nearestAmong({ latitude: 89.95, longitude: 0 }, { asked: 50, fetched: 50, farthest: 100, reach: 10_000 })).toBe(false); // the circle holds the pole
  });
});
