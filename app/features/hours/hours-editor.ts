/**
 * The opening hours editor of the back-office, for people who do not know the OSM syntax:
 * for each day up to two time ranges ("de 9:00 à 12:00" and "de 14:00 à 17:00"), a "fermé"
 * box, "fermé les jours fériés", and up to 5 exceptional closures (from – to dates).
 * `editorToOpeningHours` writes the OSM `opening_hours` text; `openingHoursToEditor` reads
 * it back when it is simple enough (else null: the raw mode is used). Pure, no I/O.
 */
import { isIsoDate } from "~/features/time/calendar";
import { OSM_WEEKDAYS, type OsmWeekday } from "~/features/time/weekday";
import { fr } from "~/lib/messages";

export const RANGES_PER_DAY = 2;
export const MAX_CLOSURES = 5;

export type TimeRange = { from: string; to: string };
export type EditorDay = { closed: boolean; ranges: TimeRange[] };
export type HoursEditor = {
  days: Record<OsmWeekday, EditorDay>;
  holidaysClosed: boolean;
  /** Dates "YYYY-MM-DD"; `to` empty for one day. */
  closures: TimeRange[];
};

/** Keys of the editor's problems: "Mo.1" (first range of Monday), "closure.2" (second closure row). */
export type EditorErrors = Record<string, string>;

const problems = fr.hours.editor;

export function emptyEditor(): HoursEditor {
  const days = Object.fromEntries(OSM_WEEKDAYS.map((d) => [d, { closed: false, ranges: [] }])) as unknown as Record<OsmWeekday, EditorDay>;
  return { days, holidaysClosed: false, closures: [] };
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

function osmDate(value: string): string {
  const m = DATE.exec(value)!;
  return `${m[1]} ${MONTHS[Number(m[2]) - 1]} ${m[3]}`;
}

/** Accept "9:00", "09h00", "9h" as people type them when the browser has no time picker. */
export function normaliseTime(value: string): string {
  const v = value.trim().toLowerCase().replace(/\s+/g, "");
  const m = /^(\d{1,2})(?:[:h](\d{2})?)?$/.exec(v);
  if (!m) return value.trim();
  const h = Number(m[1]);
  const min = m[2] ? Number(m[2]) : 0;
  if (h > 23 || min > 59) return value.trim();
  return `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}`;
}

/** The ranges of a day that are actually filled in (both ends given), normalised. */
function dayRanges(day: EditorDay): TimeRange[] {
  if (day.closed) return [];
  return day.ranges.map((r) => ({ from: normaliseTime(r.from), to: normaliseTime(r.to) })).filter((r) => r.from !== "" || r.to !== "");
}

/** Check the editor's values; problems keyed by "Mo.1", "closure.1"… (1-based rows). */
export function validateEditor(editor: HoursEditor): EditorErrors {
  const errors: EditorErrors = {};
  for (const day of OSM_WEEKDAYS) {
    const ranges = editor.days[day].closed ? [] : editor.days[day].ranges.map((r) => ({ from: normaliseTime(r.from), to: normaliseTime(r.to) }));
    let previousEnd = -1;
    ranges.forEach((r, i) => {
      const key = `${day}.${i + 1}`;
      if (r.from === "" && r.to === "") return;
      if (r.from === "" || r.to === "") errors[key] = problems.timeMissing;
      else if (!TIME.test(r.from) || !TIME.test(r.to)) errors[key] = problems.timeInvalid;
      else if (minutes(r.to) <= minutes(r.from)) errors[key] = problems.timeOrder;
      else if (minutes(r.from) <= previousEnd) errors[key] = problems.rangesOverlap;
      else previousEnd = minutes(r.to);
    });
  }
  editor.closures.forEach((c, i) => {
    const key = `closure.${i + 1}`;
    const from = c.from.trim();
    const to = c.to.trim();
    if (from === "" && to === "") return;
    if (from === "") errors[key] = problems.dateMissing;
    else if (!isIsoDate(from) || (to !== "" && !isIsoDate(to))) errors[key] = problems.dateInvalid;
    else if (to !== "" && to < from) errors[key] = problems.dateOrder;
  });
  return errors;
}

/**
 * The OSM `opening_hours` text of a valid editor (check with `validateEditor` first):
 * consecutive days with the same ranges are grouped ("Mo-Fr 09:00-12:00,14:00-17:00"),
 * then "PH off", then the closures ("2026 Dec 24-2026 Dec 26 off"). Null when no day has
 * any range (hours not given).
 */
export function editorToOpeningHours(editor: HoursEditor): string | null {
  const text = OSM_WEEKDAYS.map((d) => dayRanges(editor.days[d]).map((r) => `${r.from}-${r.to}`).join(","));
  const rules: string[] = [];
  let i = 0;
  while (i < OSM_WEEKDAYS.length) {
    if (text[i] === "") {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < OSM_WEEKDAYS.length && text[j + 1] === text[i]) j++;
    const days = j === i ? OSM_WEEKDAYS[i] : j === i + 1 ? `${OSM_WEEKDAYS[i]},${OSM_WEEKDAYS[j]}` : `${OSM_WEEKDAYS[i]}-${OSM_WEEKDAYS[j]}`;
    rules.push(`${days} ${text[i]}`);
    i = j + 1;
  }
  if (rules.length === 0) return null;
  // Merge groups with identical ranges that are not consecutive ("Mo,We,Fr 09:00-12:00").
  const merged = new Map<string, string[]>();
  for (const rule of rules) {
    const space = rule.indexOf(" ");
    const ranges = rule.slice(space + 1);
    merged.set(ranges, [...(merged.get(ranges) ?? []), rule.slice(0, space)]);
  }
  const out = [...merged].map(([ranges, days]) => `${days.join(",")} ${ranges}`);
  if (editor.holidaysClosed) out.push("PH off");
  for (const c of editor.closures) {
    const from = c.from.trim();
    const to = c.to.trim();
    if (from === "") continue;
    out.push(to === "" || to === from ? `${osmDate(from)} off` : `${osmDate(from)}-${osmDate(to)} off`);
  }
  return out.join("; ");
}

const DAY_INDEX = new Map(OSM_WEEKDAYS.map((d, i) => [d as string, i]));
const OSM_DATE = /^(\d{4}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{2})$/;

function parseDays(selector: string): OsmWeekday[] | null {
  const out: OsmWeekday[] = [];
  for (const part of selector.split(",")) {
    const [a, b] = part.split("-");
    const start = DAY_INDEX.get(a ?? "");
    const end = b === undefined ? start : DAY_INDEX.get(b);
    if (start === undefined || end === undefined || end < start) return null;
    for (let k = start; k <= end; k++) out.push(OSM_WEEKDAYS[k]!);
  }
  return out;
}

function isoDate(osm: string): string | null {
  const m = OSM_DATE.exec(osm);
  if (!m) return null;
  const iso = `${m[1]}-${String(MONTHS.indexOf(m[2] as (typeof MONTHS)[number]) + 1).padStart(2, "0")}-${m[3]}`;
  return isIsoDate(iso) ? iso : null;
}

/**
 * The editor's values for an `opening_hours` text, when it only uses what the editor can
 * say (days with at most two ranges each, "PH off", dated closures); null otherwise.
 */
export function openingHoursToEditor(text: string | null | undefined): HoursEditor | null {
  const editor = emptyEditor();
  if (!text || text.trim() === "") return editor;
  const seen = new Set<OsmWeekday>();
  for (const raw of text.split(";")) {
    const rule = raw.trim().replace(/\s+/g, " ");
    if (rule === "") continue;
    if (rule === "PH off" || rule === "PH closed") {
      editor.holidaysClosed = true;
      continue;
    }
    const offDays = /^([A-Z][a-z](?:[-,][A-Z][a-z])*) (?:off|closed)$/.exec(rule);
    if (offDays) {
      const days = parseDays(offDays[1]!);
      if (!days || days.some((d) => seen.has(d))) return null;
      for (const day of days) {
        seen.add(day);
        editor.days[day] = { closed: true, ranges: [] };
      }
      continue;
    }
    const closure = /^(.+?)(?:-(\d{4} \w{3} \d{2}))? (?:off|closed)$/.exec(rule);
    if (closure) {
      const from = isoDate(closure[1]!);
      const to = closure[2] ? isoDate(closure[2]) : "";
      if (from === null || to === null || editor.closures.length >= MAX_CLOSURES) return null;
      editor.closures.push({ from, to: to === from ? "" : to });
      continue;
    }
    const m = /^([A-Z][a-z](?:[-,][A-Z][a-z])*) (\d{2}:\d{2}-\d{2}:\d{2}(?:,\d{2}:\d{2}-\d{2}:\d{2})*)$/.exec(rule);
    if (!m) return null;
    const days = parseDays(m[1]!);
    if (!days) return null;
    const ranges = m[2]!.split(",").map((r) => ({ from: r.slice(0, 5), to: r.slice(6, 11) }));
    if (ranges.length > RANGES_PER_DAY) return null;
    for (const day of days) {
      if (seen.has(day)) return null;
      seen.add(day);
      editor.days[day] = { closed: false, ranges };
    }
  }
  if (Object.keys(validateEditor(editor)).length > 0) return null;
  for (const day of OSM_WEEKDAYS) if (!seen.has(day)) editor.days[day] = { closed: true, ranges: [] };
  return editor;
}

/** Names of the editor's form fields. */
export const editorField = {
  closed: (day: OsmWeekday) => `horaires-${day}-ferme`,
  from: (day: OsmWeekday, n: number) => `horaires-${day}-${n}-de`,
  to: (day: OsmWeekday, n: number) => `horaires-${day}-${n}-a`,
  holidays: "horaires-feries-fermes",
  closureFrom: (n: number) => `fermeture-${n}-du`,
  closureTo: (n: number) => `fermeture-${n}-au`,
} as const;

/** The editor's values from a submitted form (missing fields read as empty). */
export function editorFromForm(get: (name: string) => string | undefined): HoursEditor {
  const editor = emptyEditor();
  for (const day of OSM_WEEKDAYS) {
    const ranges: TimeRange[] = [];
    for (let n = 1; n <= RANGES_PER_DAY; n++) ranges.push({ from: (get(editorField.from(day, n)) ?? "").trim(), to: (get(editorField.to(day, n)) ?? "").trim() });
    editor.days[day] = { closed: get(editorField.closed(day)) !== undefined, ranges };
  }
  editor.holidaysClosed = get(editorField.holidays) !== undefined;
  for (let n = 1; n <= MAX_CLOSURES; n++) editor.closures.push({ from: (get(editorField.closureFrom(n)) ?? "").trim(), to: (get(editorField.closureTo(n)) ?? "").trim() });
  return editor;
}
