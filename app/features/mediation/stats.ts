/**
 * The figures of the help given (« Statistiques »), pure: what they are made of, and the sums and
 * rates computed from the rows the database gives (stats.server.ts reads them). One object, the
 * same for the statistics pages, their exports, the public aggregates and the yearly report.
 */
import type { CoopActivityKind, CoopAdminTheme, CoopAutonomy, CoopEquipment, CoopOrientation, CoopPlaceKind, CoopTheme } from "~/db/schema/mediation";
import type { CoopAgeBand, CoopGender, CoopSocialStatus } from "~/db/schema/people";
import { DURATION_BUCKETS } from "./coop-model";

export type DurationBucket = (typeof DURATION_BUCKETS)[number]["key"];

/** What the figures are about: a period (days, inclusive), the places, and optionally mediators, kinds and themes (any of them). */
export type StatisticsFilters = {
  from: string;
  to: string;
  placeIds: readonly string[];
  mediatorIds?: readonly string[];
  kinds?: readonly CoopActivityKind[];
  themes?: readonly CoopTheme[];
};

/** A count per code, in the model's order (every code present, zeros included). */
export type Breakdown<K extends string> = { key: K; count: number }[];

export type MonthFigures = { month: string; records: number; individual: number; collective: number; participants: number };

export type CommuneFigures = { commune: string | null; participants: number };

/** Weekday 1 (Monday) … 7, hour 0–23 on the place's clock, minutes of stations booked in that hour over the period. */
export type OccupancyCell = { weekday: number; hour: number; minutes: number };

export type MediationStatistics = {
  filters: StatisticsFilters;
  records: { total: number; individual: number; collective: number; minutes: number };
  people: {
    /** Everyone counted on the records (a person helped twice counts twice). */
    participants: number;
    /** Participants of collective sessions. */
    collectiveParticipants: number;
    /** Distinct people followed by name. */
    named: number;
    /** Named people helped for the first time. */
    firstTime: number;
    /** Participants not named: participants − named participations. */
    anonymous: number;
  };
  /** Records per theme (a record of several themes counts in each). */
  themes: Breakdown<CoopTheme>;
  adminThemes: Breakdown<CoopAdminTheme>;
  durations: Breakdown<DurationBucket>;
  placeKinds: Breakdown<CoopPlaceKind>;
  equipment: Breakdown<CoopEquipment>;
  /** Individual records; « NonRenseigne » when the record says nothing. */
  autonomy: Breakdown<CoopAutonomy | "NonRenseigne">;
  orientation: { oriented: number; kinds: Breakdown<CoopOrientation | "NonRenseigne"> };
  /** Participants per age band, gender and social status (named people as they were then, and anonymous counts). */
  ages: Breakdown<CoopAgeBand>;
  genders: Breakdown<CoopGender>;
  statuses: Breakdown<CoopSocialStatus>;
  /** Participants per commune of the named people; null: not known (every anonymous participant, and named people without a commune). */
  communes: CommuneFigures[];
  /** Every month of the period, in order. */
  months: MonthFigures[];
  bookings: {
    /** Bookings not cancelled. */
    booked: number;
    cancelled: number;
    present: number;
    absent: number;
    excused: number;
    /** absent / (present + absent); null when nobody's attendance was marked. */
    noShowRate: number | null;
    /** Stations' booked minutes per weekday and hour (only cells with minutes). */
    occupancy: OccupancyCell[];
  };
  workshops: {
    /** Sessions held (not cancelled, ended). */
    held: number;
    cancelled: number;
    /** Seats of the held sessions that had a limit, and the seats taken in them. */
    capacity: number;
    seatsTaken: number;
    /** seatsTaken / capacity; null without a session with a limit. */
    fillRate: number | null;
    /** People marked present, and people who came without registering. */
    present: number;
    walkIns: number;
    /** People on a waiting list of the period's sessions (or of their cycle). */
    waiting: number;
  };
};

/**
 * The fewest participants in a place and month for their ages, genders and statuses to be published
 * in the open data (stats-api.server.ts): below, a person could be recognised from them.
 */
export const K_ANONYMITY = 10;

/** The months a period touches, as YYYY-MM, in order. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, "0")}`;
    if (key > last) break;
    months.push(key);
    month += 1;
    if (month === 13) [year, month] = [year + 1, 1];
  }
  return months;
}

/** a / b, or null when b is 0. */
export function rate(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

/** The duration bucket of a number of minutes (La Coop's: under 30 min, 30 min to 1 h, 1 h to 2 h, over 2 h). */
export function durationBucketOf(minutes: number): DurationBucket {
  return DURATION_BUCKETS.find((b) => minutes >= b.min && minutes <= b.max)!.key;
}

/** Shares that add up to 100 (largest remainders): what a table's « part » column says, so a column never sums to 99 or 101. */
export function percentages(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return counts.map(() => 0);
  const exact = counts.map((c) => (c * 100) / total);
  const floors = exact.map(Math.floor);
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, rest: x - floors[i]! })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    floors[i] = floors[i]! + 1;
    left -= 1;
  }
  return floors;
}

/** Bookings of the same length starting at the same minute of the same weekday (the place's clock): what the database groups. */
export type BookingSlotGroup = { weekday: number; startMinute: number; minutes: number; count: number };

/**
 * Station occupancy by hour of the week: each group's minutes spread over the hours of the place's
 * clock they cover (a booking from 9:30 to 11:00 gives 30 minutes at 9 h and 60 at 10 h; past
 * midnight, the next day, Sunday to Monday). Cells in weekday then hour order, empty ones left out.
 * The clock is read as the booking's wall times: on the night the clocks change (at 2 or 3 h, when
 * no EPN is open) a booking's length on the clock may differ from its real length by an hour.
 */
export function occupancyOf(groups: readonly BookingSlotGroup[]): OccupancyCell[] {
  const minutes = new Map<number, number>();
  for (const group of groups) {
    let at = (group.weekday - 1) * 1440 + group.startMinute;
    const end = at + group.minutes;
    while (at < end) {
      const hourEnd = Math.floor(at / 60) * 60 + 60;
      const part = Math.min(hourEnd, end) - at;
      const cell = Math.floor(at / 60) % (7 * 24);
      minutes.set(cell, (minutes.get(cell) ?? 0) + part * group.count);
      at += part;
    }
  }
  return [...minutes.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([cell, total]) => ({ weekday: Math.floor(cell / 24) + 1, hour: cell % 24, minutes: total }));
}
