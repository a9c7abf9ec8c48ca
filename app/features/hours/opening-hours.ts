/**
 * Thin wrapper around the `opening_hours` library (OpenStreetMap `opening_hours` syntax).
 *
 * The library needs a "nominatim object" to know which public holidays (`PH`) apply:
 * `{ lat, lon, address: { country_code, state } }` (see the library README, "Library API").
 * For France the state may be empty: French public holidays are national. Coordinates are
 * only used for sunrise/sunset based values; we default to the centre of metropolitan France.
 */
import OpeningHoursLib from "opening_hours";

export interface HoursLocation {
  lat: number;
  lon: number;
  /** ISO 3166-1 alpha-2, lower case ("fr"). */
  countryCode: string;
  /** Region name as returned by Nominatim; "" is fine for France. */
  state: string;
}

/** Centre of metropolitan France, French public holidays. */
export const FRANCE: HoursLocation = { lat: 46.6, lon: 2.4, countryCode: "fr", state: "" };

export type OpeningHours = InstanceType<typeof OpeningHoursLib>;

export type OpeningHoursCheck =
  | { ok: true; warnings: string[]; pretty: string }
  | { ok: false; error: string };

/**
 * Parse an `opening_hours` value. Throws (a string or an Error, as the library does) when the
 * value is malformed. Errors and warnings are in French.
 */
export function createOpeningHours(value: string, location: HoursLocation = FRANCE): OpeningHours {
  return new OpeningHoursLib(
    value,
    { lat: location.lat, lon: location.lon, address: { country_code: location.countryCode, state: location.state } },
    { tag_key: "opening_hours", mode: 0, map_value: false, warnings_severity: 4, locale: "fr" },
  );
}

const checkCache = new Map<string, OpeningHoursCheck>();
const parsedCache = new Map<string, OpeningHours>();

/** Like createOpeningHours for France, parsing each distinct value once (the objects are only read). */
export function parseOpeningHours(value: string): OpeningHours {
  let oh = parsedCache.get(value);
  if (!oh) {
    oh = createOpeningHours(value);
    if (parsedCache.size >= 20_000) parsedCache.clear();
    parsedCache.set(value, oh);
  }
  return oh;
}

/**
 * Parse without throwing; returns the library's warnings and its prettified value.
 * Parsing is slow (its error correction dominates an import's time) and real files
 * repeat the same values: results for France are cached.
 */
export function checkOpeningHours(value: string, location: HoursLocation = FRANCE): OpeningHoursCheck {
  if (location !== FRANCE) return checkUncached(value, location);
  let check = checkCache.get(value);
  if (!check) {
    if (checkCache.size >= 20_000) checkCache.clear();
    check = checkUncached(value, location);
    checkCache.set(value, check);
  }
  return check;
}

function checkUncached(value: string, location: HoursLocation): OpeningHoursCheck {
  if (value.trim() === "") return { ok: false, error: "valeur vide" };
  try {
    const oh = location === FRANCE ? parseOpeningHours(value) : createOpeningHours(value, location);
    return { ok: true, warnings: oh.getWarnings(), pretty: oh.prettifyValue() };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Is this a valid OSM `opening_hours` value (French public holidays)?
 * Strict by default: a value the library only accepts with warnings (e.g. "Mo 9h-12h") is
 * not considered valid; pass `allowWarnings: true` to accept it.
 */
export function isValidOpeningHours(value: string, options: { allowWarnings?: boolean; location?: HoursLocation } = {}): boolean {
  const check = checkOpeningHours(value, options.location);
  return check.ok && (options.allowWarnings === true || check.warnings.length === 0);
}
