/**
 * "Open now" status, week table and day filter for OSM `opening_hours` values, evaluated in the
 * place's own IANA time zone (Europe/Paris, America/Martinique, Pacific/Noumea…). Pure functions.
 *
 * Time zones. The `opening_hours` library reads and builds dates with the JS Date *local*
 * accessors (getHours, getDay, new Date(y, m, d)…), i.e. in the process time zone. We work in
 * two spaces:
 *  - real instants (Date / epoch ms): what callers pass in and get back;
 *  - "wall dates" for the library: Dates whose process-local fields are the place's local
 *    wall-clock fields.
 * Instant → wall uses `Intl.DateTimeFormat` with `timeZone` (always well defined). Wall →
 * instant is done piecewise between the zone's UTC-offset transitions (coarse scan + binary
 * search), so DST is handled: a change written inside a spring-forward gap (02:30 on the last
 * Sunday of March in Paris) happens at the transition itself (03:00 CEST), and during the
 * autumn repeated hour the place follows its clock (a place closing at 02:30 is open during both
 * 02:00–02:30 passes).
 * Limitation: wall dates live in the process zone. If that zone observes DST itself, wall times
 * inside its own spring-forward hour cannot be represented. Run the server with TZ=UTC (the
 * tests do).
 *
 * Safety: a place is never claimed open when its hours are missing, unparseable, guessed by the
 * library from prose (word corrections), based on sunrise/sunset (the library evaluates them
 * in the process zone with default times), or in an `unknown`/commented state.
 */
import { holidayNameAtWallDate, locationForTimeZone } from "~/features/hours/holidays";
import { createOpeningHours, type HoursLocation, type OpeningHours } from "~/features/hours/opening-hours";
import { parseWeek, simpleWeekly, WeeklyHours } from "~/features/hours/weekly-hours";

export type OpenStatus =
  | { kind: "open"; until?: Date; label: string }
  | { kind: "closed"; nextOpen?: Date; label: string }
  | { kind: "unknown"; label: string; /** Comment of the matching rule, e.g. "sur rendez-vous". */ comment?: string };

export type WeekDay = {
  /** YYYY-MM-DD in the place's zone. */
  date: string;
  /** "lundi" … "dimanche". */
  dayName: string;
  isToday: boolean;
  /** ["9 h – 12 h", "14 h – 17 h 30"]; "22 h – 2 h" for overnight; ["24 h sur 24"]; uncertain ranges end with " (à confirmer)" or " (comment)". */
  ranges: string[];
  /** Why a day with no ranges is closed: "Jour férié : Noël", "Fermeture exceptionnelle", "Fermeture annuelle : congés". */
  closedReason?: string;
  /** Public holiday name on that day, whether open or not ("Noël"). */
  holiday?: string;
  /** For a whole day in the `unknown` state: the rule's comment, or "Horaires à vérifier auprès du lieu". */
  note?: string;
};

export interface HoursOptions {
  /** Public-holiday rules; derived from the time zone by default (overseas territories). */
  location?: HoursLocation;
  /**
   * The regular week as stored with the place (`week_hours`: an int4multirange as text).
   * With it, the common weekly values are answered without parsing them (weekly-hours.ts).
   */
  week?: string | null;
}

export const LABEL_MISSING = "Horaires non renseignés";
export const LABEL_CHECK = "Horaires à vérifier auprès du lieu";

const DAY_NAMES = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"] as const;
const MONTH_NAMES = [
  "janvier", "février", "mars", "avril", "mai", "juin",
  "juillet", "août", "septembre", "octobre", "novembre", "décembre",
] as const;

const DAY = 86_400_000;
/** How far ahead we look for the next change ("Fermé" / "24 h sur 24" beyond). */
const HORIZON = 366 * DAY;
/** Scan step when looking for UTC-offset transitions; real zones keep an offset far longer. */
const TRANSITION_SCAN_STEP = 7 * DAY;

/**
 * French time of day: 9,0 → "9 h"; 9,30 → "9 h 30"; 9,5 → "9 h 05"; 12,0 → "12 h".
 * Midnight: 0,0 → "0 h" (a start, "0 h – 6 h") and 24,0 → "minuit" (an end, "22 h – minuit",
 * "Ouvert jusqu'à minuit"), so an opening at midnight never reads like the end of a day.
 */
export function formatTime(hours: number, minutes: number): string {
  if (!Number.isInteger(hours) || !Number.isInteger(minutes) || hours < 0 || hours > 24 || minutes < 0 || minutes > 59 || (hours === 24 && minutes !== 0)) {
    throw new RangeError(`Heure invalide : ${hours}:${minutes}`);
  }
  if (hours === 24) return "minuit";
  return minutes === 0 ? `${hours} h` : `${hours} h ${String(minutes).padStart(2, "0")}`;
}

// ---------------------------------------------------------------------------------------------
// Wall clock in a zone

interface Wall {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

type State = "open" | "closed" | "unknown";

const HOUR = 3_600_000;

class Zone {
  /**
   * UTC offset of each UTC hour already looked at, when it holds for the whole hour (null
   * when the offset changes within it). Formatting with Intl is slow and statuses are
   * asked for many places at the same instants; zones change offset at most once an hour.
   */
  private readonly hourOffsets = new Map<number, number | null>();

  constructor(private readonly fmt: Intl.DateTimeFormat) {}

  wall(ms: number): Wall {
    const hour = Math.floor(ms / HOUR);
    let offset = this.hourOffsets.get(hour);
    if (offset === undefined) {
      // Same offset at the hour's first and last second: no change within it.
      const first = hour * HOUR;
      const last = first + HOUR - 1000;
      const a = wallUtc(this.formatWall(first)) - first;
      offset = wallUtc(this.formatWall(last)) - last === a ? a : null;
      if (this.hourOffsets.size >= 50_000) this.hourOffsets.clear();
      this.hourOffsets.set(hour, offset);
    }
    if (offset === null) return this.formatWall(ms);
    const d = new Date(Math.floor(ms / 1000) * 1000 + offset);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
  }

  private formatWall(ms: number): Wall {
    const w: Wall = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
    for (const part of this.fmt.formatToParts(ms)) {
      if (part.type in w) w[part.type as keyof Wall] = Number(part.value);
    }
    if (w.hour === 24) w.hour = 0; // defensive: some ICU versions print midnight as 24 with h23 off
    return w;
  }

  /** UTC offset (ms) at an instant; constant within a second. */
  offset(ms: number): number {
    const second = Math.floor(ms / 1000) * 1000;
    return wallUtc(this.wall(second)) - second;
  }

  /** Library wall date for an instant. */
  toLib(ms: number): Date {
    const w = this.wall(ms);
    return new Date(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, ((ms % 1000) + 1000) % 1000);
  }

  /** First instant in (fromMs, toMs] whose offset differs from the offset at fromMs. */
  nextTransition(fromMs: number, toMs: number): number | undefined {
    if (!(toMs > fromMs)) return undefined;
    const base = this.offset(fromMs);
    for (let lo = fromMs; lo < toMs; ) {
      const hi = Math.min(lo + TRANSITION_SCAN_STEP, toMs);
      if (this.offset(hi) !== base) {
        // Offsets change on whole seconds: search seconds, offset(l) === base, offset(h) !== base.
        let l = Math.floor(lo / 1000);
        let h = Math.floor(hi / 1000);
        while (h - l > 1) {
          const mid = Math.floor((l + h) / 2);
          if (this.offset(mid * 1000) === base) l = mid;
          else h = mid;
        }
        return h * 1000;
      }
      lo = hi;
    }
    return undefined;
  }

  /** The instant the place's clock shows `w`: earliest one in an overlap, the transition in a gap. */
  fromWall(w: Wall): number {
    const utc = wallUtc(w);
    const offsets = new Set([this.offset(utc - DAY), this.offset(utc), this.offset(utc + DAY)]);
    const matches = [...offsets].map((o) => utc - o).filter((ms) => wallUtc(this.wall(ms)) === utc);
    if (matches.length > 0) return Math.min(...matches);
    const bounds = [...offsets].map((o) => utc - o);
    return this.nextTransition(Math.min(...bounds), Math.max(...bounds)) ?? Math.min(...bounds);
  }
}

function wallUtc(w: Wall): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

function libToWall(d: Date): Wall {
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), hour: d.getHours(), minute: d.getMinutes(), second: d.getSeconds() };
}

function wallToLib(w: Wall): Date {
  return new Date(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** Calendar day arithmetic on walls (midnight). */
function addDays(w: Wall, days: number): Wall {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0, minute: 0, second: 0 };
}

function dayDiff(from: Wall, to: Wall): number {
  return Math.round((Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / DAY);
}

function weekday(w: Wall): number {
  return new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
}

function isoDay(w: Wall): string {
  return `${String(w.year).padStart(4, "0")}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}`;
}

const zones = new Map<string, Zone | null>();

function zoneFor(timeZone: string): Zone | undefined {
  let zone = zones.get(timeZone);
  if (zone === undefined) {
    try {
      zone = new Zone(
        new Intl.DateTimeFormat("en-US", {
          timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric",
        }),
      );
    } catch {
      zone = null; // RangeError: unknown time zone
    }
    if (zones.size >= 256) zones.clear();
    zones.set(timeZone, zone);
  }
  return zone ?? undefined;
}

// ---------------------------------------------------------------------------------------------
// Parsing (cached)

/** Warnings meaning the library guessed from prose ("lundi" → Mo): not trusted to say "open". */
const UNTRUSTED_WARNINGS = new Set<string>(["word_error_correction", "ambiguous_word"]);
/** The library evaluates these in the process zone with default times: never trusted. */
const SUN_EVENTS = /\b(sunrise|sunset|dawn|dusk)\b/i;

const parsed = new Map<string, OpeningHours | null>();

function parse(value: string, location: HoursLocation): OpeningHours | undefined {
  const key = `${location.countryCode}|${location.state}|${location.lat}|${location.lon}|${value}`;
  let oh = parsed.get(key);
  if (oh === undefined) {
    oh = null;
    if (!SUN_EVENTS.test(value)) {
      try {
        const candidate = createOpeningHours(value, location);
        if (!candidate.getStructuredWarnings().some((w) => UNTRUSTED_WARNINGS.has(w.type))) oh = candidate;
      } catch {
        // malformed value: stays null
      }
    }
    if (parsed.size >= 5000) parsed.delete(parsed.keys().next().value as string);
    parsed.set(key, oh);
  }
  return oh ?? undefined;
}

/** What the state questions (openStatus, isOpenAt) ask of an evaluator: the library or WeeklyHours. */
type Evaluator = Pick<OpeningHours, "getState" | "getUnknown" | "getComment"> & {
  getNextChange(from: Date, max: Date): Date | undefined;
};

interface Ready<E extends Evaluator = OpeningHours> {
  oh: E;
  zone: Zone;
  location: HoursLocation;
}

type Prepared<E extends Evaluator = OpeningHours> = { kind: "missing" } | { kind: "invalid" } | ({ kind: "ready" } & Ready<E>);

function prepare(value: string | null | undefined, timeZone: string, options: HoursOptions): Prepared {
  if (value == null || value.trim() === "") return { kind: "missing" };
  const zone = zoneFor(timeZone);
  if (!zone) return { kind: "invalid" };
  const location = options.location ?? locationForTimeZone(timeZone);
  const oh = parse(value.trim(), location);
  return oh ? { kind: "ready", oh, zone, location } : { kind: "invalid" };
}

/** Like prepare, with the stored week for simple weekly values (no parsing), the library otherwise. */
function prepareState(value: string | null | undefined, timeZone: string, options: HoursOptions): Prepared<Evaluator> {
  const simple = options.week && value ? simpleWeekly(value) : undefined;
  const week = simple ? parseWeek(options.week!) : undefined;
  const zone = week ? zoneFor(timeZone) : undefined;
  if (!simple || !week || !zone) return prepare(value, timeZone, options);
  const location = options.location ?? locationForTimeZone(timeZone);
  return { kind: "ready", oh: new WeeklyHours(week, simple.holidaysOff, location), zone, location };
}

function instant(date: Date): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError("Date invalide");
  return ms;
}

// ---------------------------------------------------------------------------------------------
// Evaluation in real instants

function stateAt(oh: Evaluator, lib: Date): State {
  if (oh.getState(lib)) return "open";
  return oh.getUnknown(lib) ? "unknown" : "closed";
}

interface Change {
  at: number;
  state: State;
}

/** Next visible state change after `fromMs` (real instants), up to `limitMs`. */
function nextChange({ oh, zone }: Ready<Evaluator>, fromMs: number, limitMs: number): Change | undefined {
  const initial = stateAt(oh, zone.toLib(fromMs));
  let cursor = fromMs;
  // Each turn either returns or crosses one UTC-offset transition (two a year at most).
  for (let guard = 0; guard < 16 && cursor < limitMs; guard++) {
    const offset = zone.offset(cursor);
    const libNext = oh.getNextChange(zone.toLib(cursor), zone.toLib(limitMs));
    // Valid while the offset stays the same, i.e. until the next transition.
    const candidate = libNext ? wallUtc(libToWall(libNext)) - offset : undefined;
    const transition = zone.nextTransition(cursor, Math.min(candidate ?? limitMs, limitMs));
    if (transition === undefined) {
      if (candidate === undefined || !libNext || candidate > limitMs) return undefined;
      return { at: candidate, state: stateAt(oh, libNext) };
    }
    // The clock jumps at the transition: the written schedule may say something else there.
    const state = stateAt(oh, zone.toLib(transition));
    if (state !== initial) return { at: transition, state };
    cursor = transition;
  }
  return undefined;
}

/** Next instant the place is (definitely) open, skipping `unknown` stretches. */
function nextOpening(ready: Ready<Evaluator>, fromMs: number, limitMs: number): number | undefined {
  let cursor = fromMs;
  for (let guard = 0; guard < 64; guard++) {
    const change = nextChange(ready, cursor, limitMs);
    if (!change) return undefined;
    if (change.state === "open") return change.at;
    cursor = change.at;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Labels

function dateWords(w: Wall): string {
  return `${DAY_NAMES[weekday(w)]} ${w.day === 1 ? "1er" : w.day} ${MONTH_NAMES[w.month - 1]}`;
}

/** "aujourd'hui à 14 h", "demain à 9 h", "lundi à 9 h", "le mardi 3 décembre à 9 h". */
function openingWords(today: Wall, at: Wall): string {
  const time = formatTime(at.hour, at.minute);
  const diff = dayDiff(today, at);
  if (diff === 0) return `aujourd'hui à ${time}`;
  if (diff === 1) return `demain à ${time}`;
  if (diff <= 6) return `${DAY_NAMES[weekday(at)]} à ${time}`;
  return `le ${dateWords(at)} à ${time}`;
}

/** "jusqu'à 17 h", "jusqu'à minuit", "jusqu'à demain 2 h", "jusqu'à samedi 18 h", "jusqu'au mardi 3 décembre à 17 h". */
function untilWords(today: Wall, at: Wall): string {
  // A close at 00:00 is the end of the previous day: "minuit".
  const midnight = at.hour === 0 && at.minute === 0;
  const day = midnight ? addDays(at, -1) : at;
  const time = midnight ? formatTime(24, 0) : formatTime(at.hour, at.minute);
  const diff = dayDiff(today, day);
  if (diff === 0) return `jusqu'à ${time}`;
  if (diff === 1) return `jusqu'à demain ${time}`;
  if (diff <= 6) return `jusqu'à ${DAY_NAMES[weekday(day)]} ${time}`;
  return `jusqu'au ${dateWords(day)} à ${time}`;
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Statuses already worked out, by value, zone and stored week, with the instants between which
 * they hold: a status only changes when the place opens or closes, or at local midnight
 * ("demain" becomes "aujourd'hui"). A search asks for the same values at nearly the same
 * instant over and over (places of a network share their hours).
 */
const statuses = new Map<string, { from: number; until: number; status: OpenStatus }>();

/**
 * Status of a place at `now`, with a short French label:
 * "Ouvert jusqu'à 17 h", "Ouvert jusqu'à 12 h 30, rouvre à 14 h", "Ouvert 24 h sur 24",
 * "Fermé, ouvre aujourd'hui à 14 h" / "demain à 9 h" / "lundi à 9 h" / "le mardi 3 décembre à 9 h",
 * "Fermé" (nothing within a year), "Horaires non renseignés", "Horaires à vérifier auprès du lieu".
 */
export function openStatus(openingHours: string | null | undefined, timeZone: string, now: Date, options: HoursOptions = {}): OpenStatus {
  const t = instant(now);
  const key = options.location ? undefined : `${timeZone}\n${options.week ?? ""}\n${openingHours ?? ""}`;
  const known = key === undefined ? undefined : statuses.get(key);
  if (known && known.from <= t && t < known.until) return known.status;
  const ready = prepareState(openingHours, timeZone, options);
  if (ready.kind === "missing") return { kind: "unknown", label: LABEL_MISSING };
  if (ready.kind === "invalid") return { kind: "unknown", label: LABEL_CHECK };
  const { status, until } = statusAt(ready, t);
  if (key !== undefined && until > t) {
    if (statuses.size >= 20_000) statuses.clear();
    statuses.set(key, { from: t, until, status });
  }
  return status;
}

/** The status at `t` and the instant until which it holds (the next change or local midnight; `t` for an unknown state). */
function statusAt(ready: Ready<Evaluator>, t: number): { status: OpenStatus; until: number } {
  const { oh, zone } = ready;
  const limit = t + HORIZON;
  const today = zone.wall(t);
  const lib = zone.toLib(t);
  const state = stateAt(oh, lib);

  if (state === "unknown") {
    const comment = oh.getComment(lib);
    return { status: comment ? { kind: "unknown", label: LABEL_CHECK, comment } : { kind: "unknown", label: LABEL_CHECK }, until: t };
  }
  const midnight = zone.fromWall(addDays(today, 1));
  const change = nextChange(ready, t, limit);
  const until = Math.min(change?.at ?? midnight, midnight);

  if (state === "open") {
    if (!change) return { status: { kind: "open", label: "Ouvert 24 h sur 24" }, until };
    const untilWall = zone.wall(change.at);
    let label = `Ouvert ${untilWords(today, untilWall)}`;
    const sameDayClose = dayDiff(today, untilWall) === 0 && !(untilWall.hour === 0 && untilWall.minute === 0);
    if (sameDayClose && change.state === "closed") {
      const reopen = nextOpening(ready, change.at, Math.min(limit, midnight));
      if (reopen !== undefined) {
        const w = zone.wall(reopen);
        if (dayDiff(today, w) === 0) label += `, rouvre à ${formatTime(w.hour, w.minute)}`;
      }
    }
    return { status: { kind: "open", until: new Date(change.at), label }, until };
  }

  const opening = !change ? undefined : change.state === "open" ? change.at : nextOpening(ready, change.at, limit);
  if (opening === undefined) return { status: { kind: "closed", label: "Fermé" }, until };
  return { status: { kind: "closed", nextOpen: new Date(opening), label: `Fermé, ouvre ${openingWords(today, zone.wall(opening))}` }, until };
}

/** Minutes since Monday 00:00 on the clock of `timeZone` at `at` (the scale of week_hours); undefined for an unknown zone. */
export function weekMinuteAt(timeZone: string, at: Date): number | undefined {
  const zone = zoneFor(timeZone);
  if (!zone) return undefined;
  const w = zone.wall(instant(at));
  return ((weekday(w) + 6) % 7) * 1440 + w.hour * 60 + w.minute;
}

/** Is the place open at `at`? undefined when hours are missing/unparseable or the state is unknown. */
export function isOpenAt(openingHours: string, timeZone: string, at: Date, options: HoursOptions = {}): boolean | undefined {
  const ready = prepareState(openingHours, timeZone, options);
  if (ready.kind !== "ready") return undefined;
  const state = stateAt(ready.oh, ready.zone.toLib(instant(at)));
  return state === "unknown" ? undefined : state === "open";
}

function parseDay(day: string): Wall {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const w: Wall | undefined = match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]), hour: 0, minute: 0, second: 0 } : undefined;
  if (!w || isoDay(addDays(w, 0)) !== day) throw new RangeError(`Jour invalide : ${day}`);
  return w;
}

/**
 * Is the place open at some time on the given local day (YYYY-MM-DD in the place's zone), e.g.
 * "open on Thursday" filters. Literal: the end of an overnight opening started the day before
 * (Mo 22:00-02:00 → Tuesday 0 h–2 h) counts; hours that do not exist that day (inside a DST
 * gap) do not. undefined when hours are missing/unparseable, or when the only possible openings
 * that day are `unknown`.
 */
export function isOpenOnDay(openingHours: string, timeZone: string, day: string, options: HoursOptions = {}): boolean | undefined {
  const start = parseDay(day);
  const ready = prepare(openingHours, timeZone, options);
  if (ready.kind !== "ready") return undefined;
  const { oh, zone } = ready;
  let maybe = false;
  for (const [from, to, unknown] of oh.getOpenIntervals(wallToLib(start), wallToLib(addDays(start, 1)))) {
    if (zone.fromWall(libToWall(to)) <= zone.fromWall(libToWall(from))) continue; // only inside a DST gap
    if (!unknown) return true;
    maybe = true;
  }
  return maybe ? undefined : false;
}

/**
 * The 7 days starting today in the place's zone, for a week table with today highlighted.
 * Public holidays and date rules (`2026 Dec 24 off`) are taken into account since the library
 * evaluates each actual day. Display conventions: an overnight range is shown on the day it
 * starts ("22 h – 2 h"), not again on the next day (except today, where "0 h – 2 h" is shown);
 * a whole open day is "24 h sur 24". Times are the written ones (a DST night is not adjusted).
 * Empty array when the hours are missing or not trusted (show `openStatus(...).label` instead).
 */
export function weekTable(openingHours: string, timeZone: string, now: Date, options: HoursOptions = {}): WeekDay[] {
  const ready = prepare(openingHours, timeZone, options);
  if (ready.kind !== "ready") return [];
  const { oh, zone, location } = ready;
  const today = addDays(zone.wall(instant(now)), 0);
  // One query for the whole week plus a day, for ranges running past midnight.
  const intervals = oh.getOpenIntervals(wallToLib(today), wallToLib(addDays(today, 8)));
  const days: WeekDay[] = [];
  for (let i = 0; i < 7; i++) {
    const date = addDays(today, i);
    const start = wallToLib(date).getTime();
    const end = wallToLib(addDays(date, 1)).getTime();
    const noon = wallToLib({ ...date, hour: 12 });
    const holiday = holidayNameAtWallDate(noon, location);
    const ranges: string[] = [];
    let note: string | undefined;
    for (const [fromDate, toDate, unknown, rawComment] of intervals) {
      const from = fromDate.getTime();
      const to = toDate.getTime();
      if (to <= start || from >= end) continue;
      // The library names the holiday as the comment of PH rules without one: shown in `holiday`.
      const comment = rawComment !== undefined && rawComment !== holiday ? rawComment : undefined;
      if (from <= start && to >= end) {
        if (unknown) note = comment ?? LABEL_CHECK;
        else ranges.push(comment ? `24 h sur 24 (${comment})` : "24 h sur 24");
        continue;
      }
      if (from <= start && i > 0) {
        // Carried over from the previous day, where the range is shown.
        const before = stateAt(oh, new Date(start - 1000));
        if (before === (unknown ? "unknown" : "open")) continue;
      }
      const fromWall = libToWall(new Date(Math.max(from, start)));
      const toWall = libToWall(toDate);
      let endWords: string;
      if (to === end) endWords = formatTime(24, 0);
      else if (to < end || (dayDiff(date, toWall) === 1 && to - from < DAY)) endWords = formatTime(toWall.hour, toWall.minute);
      else endWords = untilWords(date, toWall).replace(/^jusqu'(à|au) /, "");
      const suffix = comment ? ` (${comment})` : unknown ? " (à confirmer)" : "";
      ranges.push(`${formatTime(fromWall.hour, fromWall.minute)} – ${endWords}${suffix}`);
    }
    const entry: WeekDay = { date: isoDay(date), dayName: DAY_NAMES[weekday(date)]!, isToday: i === 0, ranges };
    if (holiday) entry.holiday = holiday;
    if (note !== undefined) entry.note = note;
    if (ranges.length === 0 && note === undefined) {
      const reason = closedReason(oh, noon, holiday);
      if (reason) entry.closedReason = reason;
    }
    days.push(entry);
  }
  return days;
}

const YEAR_RULE = /^\d{4}\b/;
const MONTH_RULE = /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/;

function closedReason(oh: OpeningHours, noon: Date, holiday: string | undefined): string | undefined {
  if (holiday !== undefined) return holiday ? `Jour férié : ${holiday}` : "Jour férié";
  const rule = oh.getMatchingRule(noon);
  if (rule === undefined) return undefined; // simply not an opening day
  const text = oh.prettifyValue({ rule_index: rule });
  const comment = oh.getComment(noon);
  const withComment = (reason: string) => (comment ? `${reason} : ${comment}` : reason);
  if (YEAR_RULE.test(text)) return withComment("Fermeture exceptionnelle");
  if (MONTH_RULE.test(text)) return withComment("Fermeture annuelle");
  return comment;
}
