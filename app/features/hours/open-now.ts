/**
 * "Open now" status, week table and day filter for OSM `opening_hours` values, evaluated in the
 * place's own IANA time zone (Europe/Paris, America/Martinique, Pacific/Noumea…). Pure functions.
 *
 * Time zones. Instants, wall clocks and daylight-saving changes are features/time's
 * (zone.ts): a change written inside a spring-forward gap (02:30 on the last Sunday of March
 * in Paris) happens at the jump itself (03:00 CEST), and during the autumn repeated hour the
 * place follows its clock (a place closing at 02:30 is open during both 02:00–02:30 passes).
 * The `opening_hours` library, though, reads and builds dates with the JS Date *local*
 * accessors (getHours, getDay, new Date(y, m, d)…), i.e. in the process time zone. So this
 * module hands it "library dates": Dates whose process-local fields are the place's wall
 * clock (`toLib`), and reads its answers back the same way (`libWall`).
 * Limitation: library dates live in the process zone. If that zone observes DST itself, wall
 * times inside its own spring-forward hour cannot be represented. Run the server with TZ=UTC
 * (the tests do).
 *
 * Safety: a place is never claimed open when its hours are missing, unparseable, guessed by the
 * library from prose (word corrections), based on sunrise/sunset (the library evaluates them
 * in the process zone with default times), or in an `unknown`/commented state.
 */
import { holidayNameAtWallDate, locationForTimeZone } from "~/features/hours/holidays";
import { createOpeningHours, type HoursLocation, type OpeningHours } from "~/features/hours/opening-hours";
import { parseWeek, simpleWeekly, WeeklyHours } from "~/features/hours/weekly-hours";
import { weeklySlots } from "~/features/hours/weekly-slots";
import { addDays, daysBetween, isoDate, readIsoDate, weekdayOf, type IsoDate } from "~/features/time/calendar";
import { formatDay, formatTime, weekdayName } from "~/features/time/format";
import { weekdayOfJsDay, weekMinute } from "~/features/time/weekday";
import { isTimeZone, nextTransition, offsetAt, startOfDay, toInstant, toWallTime, type WallTime } from "~/features/time/zone";
import { fr } from "~/lib/messages";

const m = fr.hours;

export type OpenStatus =
  | { kind: "open"; until?: Date; label: string }
  | { kind: "closed"; nextOpen?: Date; label: string }
  | { kind: "unknown"; label: string; /** Comment of the matching rule, e.g. "sur rendez-vous". */ comment?: string };

export type WeekDay = {
  /** YYYY-MM-DD in the place's zone. */
  date: IsoDate;
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

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How far ahead we look for the next change ("Fermé" / "24 h sur 24" beyond). */
const HORIZON = 366 * DAY;

type State = "open" | "closed" | "unknown";

// ---------------------------------------------------------------------------------------------
// Library dates: Dates whose process-local fields are a wall clock

/** Library date for an instant in a zone. */
function toLib(timeZone: string, ms: number): Date {
  const w = toWallTime(timeZone, ms);
  return new Date(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, ((ms % 1000) + 1000) % 1000);
}

/** Library date for a day's start (or another hour of it). */
function libDay(date: IsoDate, hour = 0): Date {
  const d = readIsoDate(date);
  return new Date(d.year, d.month - 1, d.day, hour);
}

function libWall(d: Date): WallTime {
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), hour: d.getHours(), minute: d.getMinutes(), second: d.getSeconds() };
}

/** A library date read as if it were UTC (offsets are measured against it). */
function libUtc(d: Date): number {
  return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds());
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
  /** The place's IANA time zone (a known one). */
  zone: string;
  location: HoursLocation;
}

type Prepared<E extends Evaluator = OpeningHours> = { kind: "missing" } | { kind: "invalid" } | ({ kind: "ready" } & Ready<E>);

function prepare(value: string | null | undefined, timeZone: string, options: HoursOptions): Prepared {
  if (value == null || value.trim() === "") return { kind: "missing" };
  if (!isTimeZone(timeZone)) return { kind: "invalid" };
  const location = options.location ?? locationForTimeZone(timeZone);
  const oh = parse(value.trim(), location);
  return oh ? { kind: "ready", oh, zone: timeZone, location } : { kind: "invalid" };
}

/** Like prepare, with the stored week for simple weekly values (no parsing), the library otherwise. */
function prepareState(value: string | null | undefined, timeZone: string, options: HoursOptions): Prepared<Evaluator> {
  const simple = options.week && value ? simpleWeekly(value) : undefined;
  const week = simple ? parseWeek(options.week!) : undefined;
  if (!simple || !week || !isTimeZone(timeZone)) return prepare(value, timeZone, options);
  const location = options.location ?? locationForTimeZone(timeZone);
  return { kind: "ready", oh: new WeeklyHours(week, simple.holidaysOff, location), zone: timeZone, location };
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
  const initial = stateAt(oh, toLib(zone, fromMs));
  let cursor = fromMs;
  // Each turn either returns or crosses one UTC-offset transition (two a year at most).
  for (let guard = 0; guard < 16 && cursor < limitMs; guard++) {
    const offset = offsetAt(zone, cursor);
    const libNext = oh.getNextChange(toLib(zone, cursor), toLib(zone, limitMs));
    // Valid while the offset stays the same, i.e. until the next transition.
    const candidate = libNext ? libUtc(libNext) - offset : undefined;
    const transition = nextTransition(zone, cursor, Math.min(candidate ?? limitMs, limitMs));
    if (transition === undefined) {
      if (candidate === undefined || !libNext || candidate > limitMs) return undefined;
      return { at: candidate, state: stateAt(oh, libNext) };
    }
    // The clock jumps at the transition: the written schedule may say something else there.
    const state = stateAt(oh, toLib(zone, transition));
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

/** "aujourd'hui à 14 h", "demain à 9 h", "lundi à 9 h", "le mardi 3 décembre à 9 h". */
function openingWords(today: IsoDate, at: WallTime): string {
  const time = formatTime(at.hour, at.minute);
  const date = isoDate(at);
  const diff = daysBetween(today, date);
  if (diff === 0) return m.opensToday(time);
  if (diff === 1) return m.opensTomorrow(time);
  if (diff <= 6) return m.opensOnWeekday(weekdayName(weekdayOf(date)), time);
  return m.opensOnDay(formatDay(date), time);
}

/**
 * When an opening ends, seen from `today`: "17 h", "minuit", "demain 2 h", "samedi 18 h",
 * "mardi 3 décembre à 17 h" (`dated`). A close at 00:00 is the end of the previous day: "minuit".
 */
function endWords(today: IsoDate, at: WallTime): { words: string; dated: boolean } {
  const midnight = at.hour === 0 && at.minute === 0;
  const day = midnight ? addDays(isoDate(at), -1) : isoDate(at);
  const time = midnight ? formatTime(24, 0) : formatTime(at.hour, at.minute);
  const diff = daysBetween(today, day);
  if (diff === 0) return { words: time, dated: false };
  if (diff === 1) return { words: m.endsTomorrow(time), dated: false };
  if (diff <= 6) return { words: m.endsOnWeekday(weekdayName(weekdayOf(day)), time), dated: false };
  return { words: m.endsOnDay(formatDay(day), time), dated: true };
}

/** "jusqu'à 17 h", "jusqu'à minuit", "jusqu'à demain 2 h", "jusqu'à samedi 18 h", "jusqu'au mardi 3 décembre à 17 h". */
function untilWords(today: IsoDate, at: WallTime): string {
  const end = endWords(today, at);
  return m.until(end.words, end.dated);
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
  if (ready.kind === "missing") return { kind: "unknown", label: m.missing };
  if (ready.kind === "invalid") return { kind: "unknown", label: m.check };
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
  const today = isoDate(toWallTime(zone, t));
  const lib = toLib(zone, t);
  const state = stateAt(oh, lib);

  if (state === "unknown") {
    const comment = oh.getComment(lib);
    return { status: comment ? { kind: "unknown", label: m.check, comment } : { kind: "unknown", label: m.check }, until: t };
  }
  const midnight = startOfDay(zone, addDays(today, 1));
  const change = nextChange(ready, t, limit);
  const until = Math.min(change?.at ?? midnight, midnight);

  if (state === "open") {
    if (!change) return { status: { kind: "open", label: m.openAllDay }, until };
    const untilWall = toWallTime(zone, change.at);
    let reopensAt: string | undefined;
    const sameDayClose = isoDate(untilWall) === today && !(untilWall.hour === 0 && untilWall.minute === 0);
    if (sameDayClose && change.state === "closed") {
      const reopen = nextOpening(ready, change.at, Math.min(limit, midnight));
      if (reopen !== undefined) {
        const w = toWallTime(zone, reopen);
        if (isoDate(w) === today) reopensAt = formatTime(w.hour, w.minute);
      }
    }
    return { status: { kind: "open", until: new Date(change.at), label: m.open(untilWords(today, untilWall), reopensAt) }, until };
  }

  const opening = !change ? undefined : change.state === "open" ? change.at : nextOpening(ready, change.at, limit);
  if (opening === undefined) return { status: { kind: "closed", label: m.closed }, until };
  return { status: { kind: "closed", nextOpen: new Date(opening), label: m.closedUntil(openingWords(today, toWallTime(zone, opening))) }, until };
}

/** Minutes since Monday 00:00 on the clock of `timeZone` at `at` (the scale of week_hours); undefined for an unknown zone. */
export function weekMinuteAt(timeZone: string, at: Date): number | undefined {
  if (!isTimeZone(timeZone)) return undefined;
  const w = toWallTime(timeZone, instant(at));
  return weekMinute(w.weekday, w.hour * 60 + w.minute);
}

/** Is the place open at `at`? undefined when hours are missing/unparseable or the state is unknown. */
export function isOpenAt(openingHours: string, timeZone: string, at: Date, options: HoursOptions = {}): boolean | undefined {
  const ready = prepareState(openingHours, timeZone, options);
  if (ready.kind !== "ready") return undefined;
  const state = stateAt(ready.oh, toLib(ready.zone, instant(at)));
  return state === "unknown" ? undefined : state === "open";
}

/**
 * Is the place open at some time on the given local day (YYYY-MM-DD in the place's zone), e.g.
 * "open on Thursday" filters. Literal: the end of an overnight opening started the day before
 * (Mo 22:00-02:00 → Tuesday 0 h–2 h) counts; hours that do not exist that day (inside a DST
 * gap) do not. undefined when hours are missing/unparseable, or when the only possible openings
 * that day are `unknown`.
 */
export function isOpenOnDay(openingHours: string, timeZone: string, day: IsoDate, options: HoursOptions = {}): boolean | undefined {
  readIsoDate(day); // a RangeError for "2026-02-30" or "jeudi"
  const ready = prepare(openingHours, timeZone, options);
  if (ready.kind !== "ready") return undefined;
  const { oh, zone } = ready;
  let maybe = false;
  for (const [from, to, unknown] of oh.getOpenIntervals(libDay(day), libDay(addDays(day, 1)))) {
    if (toInstant(zone, libWall(to)) <= toInstant(zone, libWall(from))) continue; // only inside a DST gap
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
  const today = isoDate(toWallTime(zone, instant(now)));
  // One query for the whole week plus a day, for ranges running past midnight.
  const intervals = oh.getOpenIntervals(libDay(today), libDay(addDays(today, 8)));
  const days: WeekDay[] = [];
  for (let i = 0; i < 7; i++) {
    const date = addDays(today, i);
    const start = libDay(date).getTime();
    const end = libDay(addDays(date, 1)).getTime();
    const noon = libDay(date, 12);
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
        if (unknown) note = comment ?? m.check;
        else ranges.push(comment ? m.withComment(m.allDay, comment) : m.allDay);
        continue;
      }
      if (from <= start && i > 0) {
        // Carried over from the previous day, where the range is shown.
        const before = stateAt(oh, new Date(start - 1000));
        if (before === (unknown ? "unknown" : "open")) continue;
      }
      const fromWall = libWall(new Date(Math.max(from, start)));
      const toWall = libWall(toDate);
      let endText: string;
      if (to === end) endText = formatTime(24, 0);
      else if (to < end || (daysBetween(date, isoDate(toWall)) === 1 && to - from < DAY)) endText = formatTime(toWall.hour, toWall.minute);
      else endText = endWords(date, toWall).words;
      const span = m.span(formatTime(fromWall.hour, fromWall.minute), endText);
      ranges.push(comment ? m.withComment(span, comment) : unknown ? m.withComment(span, m.toConfirm) : span);
    }
    const entry: WeekDay = { date, dayName: weekdayName(weekdayOf(date)), isToday: i === 0, ranges };
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
  if (holiday !== undefined) return m.holiday(holiday);
  const rule = oh.getMatchingRule(noon);
  if (rule === undefined) return undefined; // simply not an opening day
  const text = oh.prettifyValue({ rule_index: rule });
  const comment = oh.getComment(noon);
  const withComment = (reason: string) => (comment ? m.closureWithComment(reason, comment) : reason);
  if (YEAR_RULE.test(text)) return withComment(m.exceptionalClosure);
  if (MONTH_RULE.test(text)) return withComment(m.annualClosure);
  return comment;
}

// ---------------------------------------------------------------------------------------------
// Open intervals (the booking engine's first input)

/**
 * Each local day's opening, on the wall clock: [start, end) pairs of "wall ms" (the day's wall
 * times read as if they were UTC, `Date.UTC(y, m, d, h, min)`), by value, holiday rules and day.
 * A day is worked out once (the library costs ≈0.1 ms a day for a weekly value); 14 days of 10
 * resources are then 140 lookups.
 */
const wallDays = new Map<string, [number, number][]>();
/** The regular week of the simple weekly values (weekly-slots.ts), per ISO weekday: no library per day. */
const simpleWeeks = new Map<string, { holidaysOff: boolean; days: [number, number][][] }>();

/** Library date whose process-local fields are the wall time `wallMs` (see toLib). */
function libOfWall(wallMs: number): Date {
  const u = new Date(wallMs);
  return new Date(u.getUTCFullYear(), u.getUTCMonth(), u.getUTCDate(), u.getUTCHours(), u.getUTCMinutes(), u.getUTCSeconds(), u.getUTCMilliseconds());
}

function wallOfLib(d: Date): number {
  return libUtc(d) + d.getMilliseconds();
}

function simpleWeek(value: string) {
  let week = simpleWeeks.get(value);
  if (week === undefined) {
    const simple = simpleWeekly(value);
    const days: [number, number][][] = [[], [], [], [], [], [], []];
    if (simple) for (const slot of weeklySlots(value)) days[slot.weekday - 1]!.push([slot.startMinute, slot.endMinute]);
    week = { holidaysOff: simple?.holidaysOff ?? false, days: simple ? days : [] };
    if (simpleWeeks.size >= 5000) simpleWeeks.clear();
    simpleWeeks.set(value, week);
  }
  return week.days.length > 0 ? week : undefined;
}

/** The open (not unknown) wall intervals of the local day starting at `dayWall` (a multiple of DAY). */
function wallDay(ready: Ready, value: string, dayWall: number): [number, number][] {
  const { location, oh } = ready;
  const key = `${location.countryCode}|${location.state}|${dayWall}|${value}`;
  let ranges = wallDays.get(key);
  if (ranges === undefined) {
    ranges = [];
    const week = simpleWeek(value);
    if (week) {
      const lib = libOfWall(dayWall + DAY / 2);
      if (!(week.holidaysOff && holidayNameAtWallDate(lib, location) !== undefined)) {
        for (const [start, end] of week.days[weekdayOfJsDay(lib.getDay()) - 1]!) ranges.push([dayWall + start * MINUTE, dayWall + end * MINUTE]);
      }
    } else {
      for (const [from, to, unknown] of oh.getOpenIntervals(libOfWall(dayWall), libOfWall(dayWall + DAY))) {
        if (!unknown) ranges.push([wallOfLib(from), wallOfLib(to)]);
      }
    }
    if (wallDays.size >= 50_000) wallDays.clear();
    wallDays.set(key, ranges);
  }
  return ranges;
}

/** Appends [start, end) to sorted, disjoint intervals, merging it with the last one when they touch. */
function append(out: { start: number; end: number }[], start: number, end: number): void {
  if (end <= start) return;
  const last = out[out.length - 1];
  if (last && start <= last.end) last.end = Math.max(last.end, end);
  else out.push({ start, end });
}

/**
 * The intervals of [from, to) (epoch ms) during which `opening_hours` says the place is open,
 * sorted, disjoint and never touching (an opening running past midnight, or "24/7", is one
 * interval). Only the "open" state counts: `unknown` ranges and ranges with a comment ("sur
 * rendez-vous", which the library calls unknown) are closed, as are missing, unparseable and
 * untrusted values (see prepare): [].
 *
 * Daylight saving: the place follows its clock. [from, to) is cut at the zone's offset changes;
 * each piece is a stretch of wall clock, asked of the hours and mapped back. In the spring gap
 * nothing is open (a place opening at 02:30 opens at the jump, 03:00 CEST); in the autumn
 * repeated hour, a place open at 02:15 is open during both passes (0:00–4:00 that night is
 * five real hours, three in March).
 */
export function openIntervals(openingHours: string | null, timeZone: string, from: number, to: number): { start: number; end: number }[] {
  if (!(to > from)) return [];
  const ready = prepare(openingHours, timeZone, {});
  if (ready.kind !== "ready") return [];
  const value = openingHours!.trim();
  const out: { start: number; end: number }[] = [];
  for (let cursor = from; cursor < to; ) {
    const offset = offsetAt(timeZone, cursor);
    const end = nextTransition(timeZone, cursor, to) ?? to;
    const wallFrom = cursor + offset;
    const wallTo = end + offset;
    for (let day = Math.floor(wallFrom / DAY) * DAY; day < wallTo; day += DAY) {
      for (const [start, stop] of wallDay(ready, value, day)) {
        append(out, Math.max(start, wallFrom) - offset, Math.min(stop, wallTo) - offset);
      }
    }
    cursor = end;
  }
  return out;
}
