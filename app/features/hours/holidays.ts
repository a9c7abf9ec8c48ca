/**
 * Public holidays for a place, taken from the `opening_hours` library's own French data
 * (names are already in French: "Noël", "Ascension", "Fête Nationale de la France"…).
 *
 * The library picks holidays from `{ country_code, state }`. French national holidays need no
 * state, but overseas territories have extra ones (e.g. "Abolition de l’esclavage" on 22 May in
 * Martinique) that only apply when `state` is the library's name for the territory. We derive
 * that name from the place's IANA time zone, which is the only location data these helpers get.
 * Alsace-Moselle (Bas-Rhin, Haut-Rhin, Moselle: Vendredi saint, 26 décembre) shares
 * Europe/Paris, so callers that know the département should pass an explicit location.
 */
import { createOpeningHours, FRANCE, type HoursLocation, type OpeningHours } from "~/features/hours/opening-hours";
import { readIsoDate, type IsoDate } from "~/features/time/calendar";

/** Overseas zones → library state name (see `only_states` in the library's French holiday data). */
const OVERSEAS: Record<string, HoursLocation> = {
  "America/Martinique": { lat: 14.64, lon: -61.02, countryCode: "fr", state: "Martinique" },
  "America/Guadeloupe": { lat: 16.25, lon: -61.58, countryCode: "fr", state: "Guadeloupe" },
  "America/St_Barthelemy": { lat: 17.9, lon: -62.83, countryCode: "fr", state: "Saint-Barthélemy" },
  "America/Marigot": { lat: 18.07, lon: -63.08, countryCode: "fr", state: "Saint-Martin" },
  "America/Cayenne": { lat: 4.94, lon: -52.33, countryCode: "fr", state: "Guyane" },
  "America/Miquelon": { lat: 46.78, lon: -56.18, countryCode: "fr", state: "Saint-Pierre-et-Miquelon" },
  "Indian/Reunion": { lat: -20.88, lon: 55.45, countryCode: "fr", state: "La Réunion" },
  "Indian/Mayotte": { lat: -12.78, lon: 45.23, countryCode: "fr", state: "Mayotte" },
  "Pacific/Noumea": { lat: -22.27, lon: 166.44, countryCode: "fr", state: "Nouvelle-Calédonie" },
  "Pacific/Tahiti": { lat: -17.54, lon: -149.57, countryCode: "fr", state: "Polynésie française" },
  "Pacific/Marquesas": { lat: -8.91, lon: -140.1, countryCode: "fr", state: "Polynésie française" },
  "Pacific/Gambier": { lat: -23.12, lon: -134.97, countryCode: "fr", state: "Polynésie française" },
  "Pacific/Wallis": { lat: -13.28, lon: -176.17, countryCode: "fr", state: "Wallis-et-Futuna" },
};

/** Location (holiday rules) for a place known only by its time zone; metropolitan France otherwise. */
export function locationForTimeZone(timeZone: string): HoursLocation {
  return OVERSEAS[timeZone] ?? FRANCE;
}

const probes = new Map<string, OpeningHours>();

function probeFor(location: HoursLocation): OpeningHours {
  const key = `${location.countryCode}|${location.state}`;
  let probe = probes.get(key);
  if (!probe) {
    // With no comment on the rule, the library reports the holiday's name as the comment.
    probe = createOpeningHours("PH off", location);
    probes.set(key, probe);
  }
  return probe;
}

/**
 * Name of the public holiday falling on `wallDate`, or undefined. `wallDate` is a Date whose
 * *process-local* calendar fields are the place's local date (how the library reads dates).
 */
export function holidayNameAtWallDate(wallDate: Date, location: HoursLocation): string | undefined {
  const probe = probeFor(location);
  if (!probe.getPublicHolidayContext(wallDate).isHoliday) return undefined;
  return probe.getComment(wallDate) ?? "";
}

/** Name of the public holiday on a local day ("YYYY-MM-DD"), e.g. "Noël"; undefined when none. */
export function publicHolidayOn(day: IsoDate, location: HoursLocation = FRANCE): string | undefined {
  const date = readIsoDate(day);
  return holidayNameAtWallDate(new Date(date.year, date.month - 1, date.day, 12), location);
}
