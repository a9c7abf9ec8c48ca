/**
 * French school holidays (« vacances scolaires ») of metropolitan France, zones A, B and C, as a
 * small table, and the zone of a commune from its département.
 *
 * Source: the Ministry of Education's school calendar (« calendrier scolaire », fixed by arrêté
 * and published at education.gouv.fr/calendrier-scolaire-100148), the same dates as the open
 * dataset `fr-en-calendrier-scolaire` on data.education.gouv.fr. Covered: school years 2025-2026
 * and 2026-2027, up to the last day of August 2027 (`SCHOOL_CALENDAR_END`). Add the next school
 * year here when the Ministry publishes it; past the end, `schoolHolidayOn` answers undefined and
 * `schoolCalendarCovers` says so.
 *
 * Convention. The Ministry writes each period as « Fin des cours : samedi 18 octobre 2025 —
 * Reprise des cours : lundi 3 novembre 2025 », with the note « le départ en vacances a lieu
 * après la classe, la reprise des cours le matin des jours indiqués ». Almost no school has
 * classes on Saturday, so the holiday runs from that Saturday, included, to the Monday classes
 * resume, excluded — what the dataset writes as start_date = the Saturday at 00:00 and end_date =
 * the Monday at 00:00, Paris time. Here: `from` included, `until` excluded, as days.
 * The Ascension bridge (« pont de l'Ascension »: no classes from the Thursday, a public holiday,
 * to the Saturday) is in the calendar too and kept here.
 *
 * Checked: 2025-2026 against a copy of the dataset's derived data (zones A, B, C, day by day).
 * 2026-2027 was entered from the Ministry's published calendar without that check (no network
 * here): compare it with the dataset before relying on it.
 *
 * Corsica and the overseas académies fix their own calendars (by rectorat), not in this table:
 * their communes have no zone (`schoolZoneOfInsee` → undefined).
 */
import type { IsoDate } from "~/features/time/calendar";

export const SCHOOL_ZONES = ["A", "B", "C"] as const;
export type SchoolZone = (typeof SCHOOL_ZONES)[number];

interface SchoolHoliday {
  name: string;
  /** First day without classes (a Saturday, or the Ascension Thursday). */
  from: IsoDate;
  /** The day classes resume: not a holiday. */
  until: IsoDate;
  /** Zones it applies to. */
  zones: readonly SchoolZone[];
}

const ALL: readonly SchoolZone[] = SCHOOL_ZONES;

/** Sorted by `from`; periods of one zone never overlap. */
const SCHOOL_HOLIDAYS: readonly SchoolHoliday[] = [
  // 2024-2025 (its summer only, so that September 2025 is covered from its first day)
  { name: "Vacances d'été", from: "2025-07-05", until: "2025-09-01", zones: ALL },
  // 2025-2026
  { name: "Vacances de la Toussaint", from: "2025-10-18", until: "2025-11-03", zones: ALL },
  { name: "Vacances de Noël", from: "2025-12-20", until: "2026-01-05", zones: ALL },
  { name: "Vacances d'hiver", from: "2026-02-07", until: "2026-02-23", zones: ["A"] },
  { name: "Vacances d'hiver", from: "2026-02-14", until: "2026-03-02", zones: ["B"] },
  { name: "Vacances d'hiver", from: "2026-02-21", until: "2026-03-09", zones: ["C"] },
  { name: "Vacances de printemps", from: "2026-04-04", until: "2026-04-20", zones: ["A"] },
  { name: "Vacances de printemps", from: "2026-04-11", until: "2026-04-27", zones: ["B"] },
  { name: "Vacances de printemps", from: "2026-04-18", until: "2026-05-04", zones: ["C"] },
  { name: "Pont de l'Ascension", from: "2026-05-14", until: "2026-05-18", zones: ALL },
  { name: "Vacances d'été", from: "2026-07-04", until: "2026-09-01", zones: ALL },
  // 2026-2027
  { name: "Vacances de la Toussaint", from: "2026-10-17", until: "2026-11-02", zones: ALL },
  { name: "Vacances de Noël", from: "2026-12-19", until: "2027-01-04", zones: ALL },
  { name: "Vacances d'hiver", from: "2027-02-06", until: "2027-02-22", zones: ["C"] },
  { name: "Vacances d'hiver", from: "2027-02-13", until: "2027-03-01", zones: ["A"] },
  { name: "Vacances d'hiver", from: "2027-02-20", until: "2027-03-08", zones: ["B"] },
  { name: "Vacances de printemps", from: "2027-04-03", until: "2027-04-19", zones: ["C"] },
  { name: "Vacances de printemps", from: "2027-04-10", until: "2027-04-26", zones: ["A"] },
  { name: "Vacances de printemps", from: "2027-04-17", until: "2027-05-03", zones: ["B"] },
  { name: "Pont de l'Ascension", from: "2027-05-06", until: "2027-05-10", zones: ALL },
  // Classes resume in September 2027 on a day the 2027-2028 calendar will fix: covered to 31 August.
  { name: "Vacances d'été", from: "2027-07-03", until: "2027-09-01", zones: ALL },
];

/** The first and last days the table answers for; outside, a day's status is unknown. */
export const SCHOOL_CALENDAR_START: IsoDate = "2025-07-05";
export const SCHOOL_CALENDAR_END: IsoDate = "2027-08-31";

/** Does the table know whether `day` is a school holiday? */
export function schoolCalendarCovers(day: IsoDate): boolean {
  return day >= SCHOOL_CALENDAR_START && day <= SCHOOL_CALENDAR_END;
}

/**
 * The name of the school holiday on a day in a zone (« Vacances d'hiver »), or undefined: a school
 * day, a day outside the table, or no zone. ISO dates compare as text.
 */
export function schoolHolidayOn(day: IsoDate, zone: SchoolZone | undefined): string | undefined {
  if (!zone) return undefined;
  for (const holiday of SCHOOL_HOLIDAYS) {
    if (holiday.from > day) break;
    if (day < holiday.until && holiday.zones.includes(zone)) return holiday.name;
  }
  return undefined;
}

/** Académies by zone, each with its départements (the academic zoning in force since 2016, Normandie merged in 2020). */
const ZONE_DEPARTEMENTS: Record<SchoolZone, readonly string[]> = {
  A: [
    "25", "39", "70", "90", // Besançon
    "24", "33", "40", "47", "64", // Bordeaux
    "03", "15", "43", "63", // Clermont-Ferrand
    "21", "58", "71", "89", // Dijon
    "07", "26", "38", "73", "74", // Grenoble
    "19", "23", "87", // Limoges
    "01", "42", "69", // Lyon
    "16", "17", "79", "86", // Poitiers
  ],
  B: [
    "04", "05", "13", "84", // Aix-Marseille
    "02", "60", "80", // Amiens
    "59", "62", // Lille
    "54", "55", "57", "88", // Nancy-Metz
    "44", "49", "53", "72", "85", // Nantes
    "06", "83", // Nice
    "14", "27", "50", "61", "76", // Normandie
    "18", "28", "36", "37", "41", "45", // Orléans-Tours
    "08", "10", "51", "52", // Reims
    "22", "29", "35", "56", // Rennes
    "67", "68", // Strasbourg
  ],
  C: [
    "77", "93", "94", // Créteil
    "11", "30", "34", "48", "66", // Montpellier
    "75", // Paris
    "09", "12", "31", "32", "46", "65", "81", "82", // Toulouse
    "78", "91", "92", "95", // Versailles
  ],
};

const ZONE_OF_DEPARTEMENT = new Map<string, SchoolZone>(
  SCHOOL_ZONES.flatMap((zone) => ZONE_DEPARTEMENTS[zone].map((departement) => [departement, zone] as const)),
);

/**
 * The school zone of a commune from its INSEE code (« 18279 » Vierzon → B; « 75056 » Paris → C).
 * Undefined for Corsica (2A, 2B), the overseas départements and collectivities (97x, 98x), a
 * malformed code or none: school holidays cannot be skipped automatically there.
 */
export function schoolZoneOfInsee(insee: string | null | undefined): SchoolZone | undefined {
  if (!insee || !/^\d[\dAB]\d{3}$/.test(insee)) return undefined;
  return ZONE_OF_DEPARTEMENT.get(insee.slice(0, 2));
}
