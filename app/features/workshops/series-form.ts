/**
 * The form of a series (« Nouvel atelier, permanence ou événement » and a series' page): what it
 * is, how people register, where, and when — one date or a recurrence. One zod schema with a
 * French message next to each field; it refuses in words everything the database's CHECK
 * constraints would (app/db/schema/workshops.ts). Pure: the place's stops, staff and today are given.
 *
 * Also the small forms of one session: its capacity (edit one) and an extra dated session.
 */
import { z } from "zod";
import {
  PROMOTION_MODES, REGISTRATION_MODES, WORKSHOP_KINDS, WORKSHOP_LEVELS, WORKSHOP_LOCATIONS,
  type PromotionMode, type RegistrationMode, type WorkshopKind, type WorkshopLevel, type WorkshopLocation,
} from "~/db/schema/workshops";
import { normaliseTime } from "~/features/hours/hours-editor";
import { centsToEuros, optionalWholeNumber } from "~/features/scheduling/resource-form";
import { readDate } from "~/features/scheduling/setup-forms";
import { addDays, addMonths, type IsoDate } from "~/features/time/calendar";
import { DAY_MINUTES, type IsoWeekday } from "~/features/time/weekday";
import { MAX_MONTHS, MAX_SESSIONS, MONTHLY_NTHS, type MonthlyNth, type Recurrence, type SeriesSchedule } from "~/features/workshops/recurrence";
import { WORKSHOP_THEME_CODES, type WorkshopTheme } from "~/features/workshops/themes";
import { fr } from "~/lib/messages";

const m = fr.workshopSetup.errors;

/** The form's field names (French, as the other forms), by what they hold. */
export const SERIES_FIELDS = {
  kind: "type",
  title: "titre",
  description: "description",
  theme: "thematique",
  level: "niveau",
  audience: "public",
  bring: "a_apporter",
  accessibility: "accessibilite",
  capacity: "places",
  registration: "inscription",
  promotion: "promotion",
  offerHours: "delai_offre",
  price: "prix",
  requiresMembership: "adherents",
  location: "lieu",
  stopId: "arret",
  onlineUrl: "lien",
  mediatorIds: "mediateurs",
  published: "publie",
  frequency: "frequence",
  date: "date",
  until: "derniere_date",
  count: "nombre",
  weekdays: "jours",
  weeks: "semaines",
  nth: "rang",
  monthWeekday: "jour_du_mois",
  months: "mois",
  start: "debut",
  end: "fin",
  skipSchoolHolidays: "sauf_vacances",
  skipPublicHolidays: "sauf_feries",
  exceptDates: "dates_sautees",
} as const;

export type SeriesFieldName = (typeof SERIES_FIELDS)[keyof typeof SERIES_FIELDS];
/** Fields sent several times (checkboxes of one name). */
const MULTI = [SERIES_FIELDS.weekdays, SERIES_FIELDS.mediatorIds] as const;
type MultiField = (typeof MULTI)[number];
/** What the form shows: text as typed, a checkbox "oui" when ticked, the multiple ones as lists. */
export type SeriesFormValues = Record<Exclude<SeriesFieldName, MultiField>, string> & Record<MultiField, string[]>;

export const FREQUENCIES = ["once", "weekly", "monthly"] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** What the schema gives: the series' columns and its schedule. */
export type SeriesInput = {
  kind: WorkshopKind;
  title: string;
  description: string;
  theme: WorkshopTheme | null;
  level: WorkshopLevel | null;
  audience: string;
  bring: string;
  accessibility: string;
  capacity: number | null;
  registration: RegistrationMode;
  promotion: PromotionMode;
  offerHours: number;
  priceCents: number | null;
  /** « Réservé aux adhérents »: registration for members of the place only (features/memberships). */
  requiresMembership: boolean;
  location: WorkshopLocation;
  stopId: string | null;
  onlineUrl: string | null;
  mediatorIds: string[];
  published: boolean;
  schedule: SeriesSchedule;
};

const TICKED = "oui";
const text = (message: string) => z.string({ error: message }).optional().transform((v) => (v ?? "").trim());
const bounded = (max: number, message: string) => text(message).pipe(z.string().max(max, { error: message }));
const checkbox = z
  .string()
  .optional()
  .transform((v) => v === TICKED);
/** A field that may be sent several times: always a list of trimmed, non-empty texts. */
const many = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((x) => x.trim()).filter(Boolean));
/** "" → undefined, else one of the values. */
const optionalEnum = <T extends string>(values: readonly T[], message: string) =>
  text(message).pipe(z.union([z.literal(""), z.enum(values as [T, ...T[]])], { error: message }));

const nullIfEmpty = <T extends string>(value: T | ""): T | null => (value === "" ? null : (value as T));

/** "14:00", "14h", "14 h 30" → minutes since midnight; "24:00" or "minuit" for an end; undefined otherwise. */
export function readMinute(value: string, options: { end?: boolean } = {}): number | undefined {
  const v = value.trim().toLowerCase();
  if (options.end && (v === "minuit" || v === "24:00" || v === "24h" || v === "24 h")) return DAY_MINUTES;
  const time = /^(\d{2}):(\d{2})$/.exec(normaliseTime(v));
  if (!time || Number(time[1]) > 23 || Number(time[2]) > 59) return undefined;
  return Number(time[1]) * 60 + Number(time[2]);
}

/** Minutes → "14:00" for a time field (1440 → "24:00"). */
export function minuteToText(minute: number | null | undefined): string {
  if (minute === null || minute === undefined) return "";
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/** "2", "2,5", "2.50" € → cents; "" → null (free); undefined when not a price. */
function priceToCents(value: string): number | null | undefined {
  if (value === "") return null;
  const match = /^(\d{1,5})(?:[.,](\d{1,2}))?$/.exec(value.replace(/\s|€/g, ""));
  if (!match) return undefined;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? "0").padEnd(2, "0"));
  return cents <= 1_000_000 ? cents : undefined;
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === "https:" && value.length <= 500;
  } catch {
    return false;
  }
}

/**
 * The schema of the form. `stopIds`: the place's active stops; `staffIds`: its managers and
 * mediators; `today`: the place's today, when the first date may not be before it (a new series).
 */
export function seriesSchema(options: { stopIds: readonly string[]; staffIds: readonly string[]; today?: IsoDate }) {
  const f = SERIES_FIELDS;
  const what = z.object({
    [f.kind]: z.enum(WORKSHOP_KINDS, { error: m.kind }),
    [f.title]: text(m.titleEmpty).pipe(z.string().min(1, { error: m.titleEmpty }).max(120, { error: m.titleLong })),
    [f.description]: bounded(4000, m.descriptionLong),
    [f.theme]: optionalEnum(WORKSHOP_THEME_CODES, m.theme),
    [f.level]: optionalEnum(WORKSHOP_LEVELS, m.level),
    [f.audience]: bounded(300, m.audienceLong),
    [f.bring]: bounded(300, m.bringLong),
    [f.accessibility]: bounded(500, m.accessibilityLong),
    [f.capacity]: optionalWholeNumber(1, 1000, m.capacity),
    // Not chosen: the kind's default (a drop-in or a visit takes none), as the form says.
    [f.registration]: optionalEnum(REGISTRATION_MODES, m.registration),
    [f.promotion]: z.enum(PROMOTION_MODES, { error: m.promotion }).optional().default("auto"),
    [f.offerHours]: optionalWholeNumber(1, 168, m.offerHours).transform((v) => v ?? 24),
    [f.price]: text(m.price).transform((v, ctx) => {
      const cents = priceToCents(v);
      if (cents === undefined) {
        ctx.addIssue({ code: "custom", message: m.price });
        return z.NEVER;
      }
      return cents;
    }),
    [f.requiresMembership]: checkbox,
    [f.location]: z.enum(WORKSHOP_LOCATIONS, { error: m.location }),
    [f.stopId]: text(m.stop),
    [f.onlineUrl]: text(m.onlineUrl),
    [f.mediatorIds]: many.refine((ids) => ids.every((id) => options.staffIds.includes(id)), { error: m.mediator }).transform((ids) => [...new Set(ids)]),
    [f.published]: checkbox,
  });
  const when = z.object({
    [f.frequency]: z.enum(FREQUENCIES, { error: m.frequency }),
    [f.date]: text(m.date),
    [f.until]: text(m.until),
    [f.count]: text(m.count),
    [f.weekdays]: many,
    [f.weeks]: text(m.weeks),
    [f.nth]: text(m.nth),
    [f.monthWeekday]: text(m.monthWeekday),
    [f.months]: text(m.months),
    [f.start]: text(m.start),
    [f.end]: text(m.end),
    [f.skipSchoolHolidays]: checkbox,
    [f.skipPublicHolidays]: checkbox,
    [f.exceptDates]: bounded(2000, m.exceptTooMany),
  });
  // Both halves are checked whatever the other says, so every field's error shows at once.
  return z.record(z.string(), z.unknown()).transform((raw, ctx): SeriesInput => {
    const fail = (field: SeriesFieldName, message: string) => ctx.addIssue({ code: "custom", path: [field], message });
    const parsedWhat = what.safeParse(raw);
    const parsedWhen = when.safeParse(raw);
    for (const parsed of [parsedWhat, parsedWhen]) {
      if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    }
    const schedule = parsedWhen.success ? readSchedule(parsedWhen.data, fail, options.today) : undefined;
    if (!parsedWhat.success) return z.NEVER;
    const v = parsedWhat.data;

    // Where.
    let stopId: string | null = null;
    let onlineUrl: string | null = null;
    if (v[f.kind] === "visit" && v[f.location] !== "stop") fail(f.location, m.visitAtStop);
    if (v[f.location] === "stop") {
      if (!options.stopIds.includes(v[f.stopId])) fail(f.stopId, m.stop);
      else stopId = v[f.stopId];
    }
    if (v[f.location] === "online") {
      if (!isHttpsUrl(v[f.onlineUrl])) fail(f.onlineUrl, m.onlineUrl);
      else onlineUrl = v[f.onlineUrl];
    }

    if (!schedule) return z.NEVER;
    return {
      kind: v[f.kind],
      title: v[f.title],
      description: v[f.description],
      theme: nullIfEmpty(v[f.theme]),
      level: nullIfEmpty(v[f.level]),
      audience: v[f.audience],
      bring: v[f.bring],
      accessibility: v[f.accessibility],
      capacity: v[f.capacity],
      // A mobile EPN's visit takes no registration.
      registration: v[f.kind] === "visit" ? "none" : v[f.registration] || defaultRegistration(v[f.kind]),
      promotion: v[f.promotion],
      offerHours: v[f.offerHours],
      priceCents: v[f.price],
      requiresMembership: v[f.requiresMembership],
      location: v[f.location],
      stopId,
      onlineUrl,
      mediatorIds: v[f.mediatorIds],
      published: v[f.published],
      schedule,
    };
  });
}

type RawSchedule = Record<
  (typeof SERIES_FIELDS)[
    "frequency" | "date" | "until" | "count" | "weeks" | "nth" | "monthWeekday" | "months" | "start" | "end" | "exceptDates"
  ],
  string
> & Record<typeof SERIES_FIELDS.weekdays, string[]> & Record<typeof SERIES_FIELDS.skipSchoolHolidays | typeof SERIES_FIELDS.skipPublicHolidays, boolean>;

/** The schedule part of the form; undefined (with issues added) when something is wrong. */
function readSchedule(v: RawSchedule, fail: (field: SeriesFieldName, message: string) => void, today?: IsoDate): SeriesSchedule | undefined {
  const f = SERIES_FIELDS;
  let ok = true;
  const bad = (field: SeriesFieldName, message: string) => {
    fail(field, message);
    ok = false;
  };
  const whole = (value: string, min: number, max: number) => (/^\d{1,4}$/.test(value) && Number(value) >= min && Number(value) <= max ? Number(value) : undefined);

  const startMinute = readMinute(v[f.start]);
  const endMinute = readMinute(v[f.end], { end: true });
  if (startMinute === undefined) bad(f.start, m.start);
  if (endMinute === undefined) bad(f.end, m.end);
  else if (startMinute !== undefined && endMinute <= startMinute) bad(f.end, m.endBeforeStart);

  const first = readDate(v[f.date]);
  if (!first) bad(f.date, m.date);
  else if (today && first < today) bad(f.date, m.datePast);

  const lines = v[f.exceptDates].split(/[\s,;]+/).filter(Boolean);
  const exceptDates = lines.map(readDate);
  if (exceptDates.some((d) => d === undefined)) bad(f.exceptDates, m.exceptDates);
  else if (exceptDates.length > 50) bad(f.exceptDates, m.exceptTooMany);

  let recurrence: Recurrence | undefined;
  const frequency = v[f.frequency];
  if (frequency === "once") {
    if (first) recurrence = { kind: "once", date: first };
  } else {
    let until: IsoDate | undefined;
    let count: number | undefined;
    if (v[f.until] !== "") {
      until = readDate(v[f.until]);
      if (!until) bad(f.until, m.until);
      else if (first && until < first) bad(f.until, m.untilBefore);
      else if (first && until >= addMonths(first, MAX_MONTHS)) bad(f.until, m.untilTooFar);
    }
    if (v[f.count] !== "") {
      count = whole(v[f.count], 1, MAX_SESSIONS);
      if (count === undefined) bad(f.count, m.count);
    }
    if (v[f.until] === "" && v[f.count] === "") bad(f.until, m.endMissing);
    if (v[f.until] !== "" && v[f.count] !== "") bad(f.count, m.endBoth);
    const end = { ...(until ? { until } : {}), ...(count !== undefined ? { count } : {}) };

    if (frequency === "weekly") {
      const weekdays = [...new Set(v[f.weekdays].map((d) => whole(d, 1, 7)))];
      const interval = v[f.weeks] === "" ? 1 : whole(v[f.weeks], 1, 12);
      if (weekdays.length === 0 || weekdays.some((d) => d === undefined)) bad(f.weekdays, m.weekdays);
      if (interval === undefined) bad(f.weeks, m.weeks);
      if (ok && first && interval !== undefined) {
        recurrence = { kind: "weekly", from: first, weekdays: (weekdays as IsoWeekday[]).sort((a, b) => a - b), interval, ...end };
      }
    } else {
      const nth = MONTHLY_NTHS.find((n) => String(n) === v[f.nth]);
      const weekday = whole(v[f.monthWeekday], 1, 7);
      const interval = v[f.months] === "" ? 1 : whole(v[f.months], 1, 12);
      if (nth === undefined) bad(f.nth, m.nth);
      if (weekday === undefined) bad(f.monthWeekday, m.monthWeekday);
      if (interval === undefined) bad(f.months, m.months);
      if (ok && first && nth !== undefined && weekday !== undefined && interval !== undefined) {
        recurrence = { kind: "monthly", from: first, nth: nth as MonthlyNth, weekday: weekday as IsoWeekday, interval, ...end };
      }
    }
  }
  if (!ok || !recurrence || startMinute === undefined || endMinute === undefined) return undefined;
  return {
    recurrence,
    startMinute,
    endMinute,
    skipSchoolHolidays: recurrence.kind !== "once" && v[f.skipSchoolHolidays],
    skipPublicHolidays: recurrence.kind !== "once" && v[f.skipPublicHolidays],
    exceptDates: [...new Set(exceptDates as IsoDate[])].sort(),
  };
}

/** Default registration of a kind: a drop-in or a mobile EPN's visit takes none. */
export function defaultRegistration(kind: WorkshopKind): RegistrationMode {
  return kind === "dropin" || kind === "visit" ? "none" : "session";
}

/** "03/02/2027" for "2027-02-03". */
const frenchDate = (day: IsoDate) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** The form filled from a series (or the defaults of a new one, of `kind`, starting `today`). */
export function seriesToFormValues(s: Partial<SeriesInput> = {}, defaults: { today?: IsoDate } = {}): SeriesFormValues {
  const f = SERIES_FIELDS;
  const kind = s.kind ?? "workshop";
  const r = s.schedule?.recurrence;
  const tick = (value: boolean | undefined, fallback: boolean) => ((value ?? fallback) ? TICKED : "");
  const first = r ? (r.kind === "once" ? r.date : r.from) : (defaults.today ?? "");
  return {
    [f.kind]: kind,
    [f.title]: s.title ?? "",
    [f.description]: s.description ?? "",
    [f.theme]: s.theme ?? "",
    [f.level]: s.level ?? "",
    [f.audience]: s.audience ?? "",
    [f.bring]: s.bring ?? "",
    [f.accessibility]: s.accessibility ?? "",
    [f.capacity]: s.capacity === undefined ? "8" : s.capacity === null ? "" : String(s.capacity),
    [f.registration]: s.registration ?? (s.kind ? defaultRegistration(kind) : ""),
    [f.promotion]: s.promotion ?? "auto",
    [f.offerHours]: String(s.offerHours ?? 24),
    [f.price]: centsToEuros(s.priceCents ?? null),
    [f.requiresMembership]: tick(s.requiresMembership, false),
    [f.location]: s.location ?? "place",
    [f.stopId]: s.stopId ?? "",
    [f.onlineUrl]: s.onlineUrl ?? "",
    [f.mediatorIds]: s.mediatorIds ?? [],
    [f.published]: tick(s.published, true),
    [f.frequency]: r?.kind ?? "weekly",
    [f.date]: first,
    [f.until]: r && r.kind !== "once" ? (r.until ?? "") : "",
    [f.count]: r && r.kind !== "once" && r.count !== undefined ? String(r.count) : "",
    [f.weekdays]: r?.kind === "weekly" ? r.weekdays.map(String) : [],
    [f.weeks]: r?.kind === "weekly" ? String(r.interval) : "1",
    [f.nth]: r?.kind === "monthly" ? String(r.nth) : "1",
    [f.monthWeekday]: r?.kind === "monthly" ? String(r.weekday) : "1",
    [f.months]: r?.kind === "monthly" ? String(r.interval) : "1",
    [f.start]: minuteToText(s.schedule?.startMinute ?? 14 * 60),
    [f.end]: minuteToText(s.schedule?.endMinute ?? 16 * 60),
    [f.skipSchoolHolidays]: tick(s.schedule?.skipSchoolHolidays, false),
    [f.skipPublicHolidays]: tick(s.schedule?.skipPublicHolidays, true),
    [f.exceptDates]: (s.schedule?.exceptDates ?? []).map(frenchDate).join("\n"),
  } as SeriesFormValues;
}

/** What was typed, to show it again beside the errors (each field cut to a sane length). */
export function typedSeriesValues(form: FormData): SeriesFormValues {
  const out = {} as Record<string, string | string[]>;
  for (const name of Object.values(SERIES_FIELDS)) {
    if ((MULTI as readonly string[]).includes(name)) {
      out[name] = form.getAll(name).filter((x): x is string => typeof x === "string").slice(0, 50).map((x) => x.slice(0, 100));
    } else {
      const value = form.get(name);
      out[name] = typeof value === "string" ? value.slice(0, 4000) : "";
    }
  }
  return out as SeriesFormValues;
}

/** Edit one session: its capacity (empty: no limit). */
export const SessionCapacitySchema = z.object({
  intent: z.literal("capacite"),
  seance: z.uuid({ error: fr.errors.badRequest }),
  places: optionalWholeNumber(1, 1000, m.capacity),
});

/** One more dated session of a series. */
export const ExtraSessionSchema = z
  .object({
    intent: z.literal("ajouter"),
    date: text(m.date),
    debut: text(m.start),
    fin: text(m.end),
  })
  .transform((v, ctx) => {
    const day = readDate(v.date);
    const startMinute = readMinute(v.debut);
    const endMinute = readMinute(v.fin, { end: true });
    if (!day) ctx.addIssue({ code: "custom", path: ["date"], message: m.date });
    if (startMinute === undefined) ctx.addIssue({ code: "custom", path: ["debut"], message: m.start });
    if (endMinute === undefined) ctx.addIssue({ code: "custom", path: ["fin"], message: m.end });
    else if (startMinute !== undefined && endMinute <= startMinute) ctx.addIssue({ code: "custom", path: ["fin"], message: m.endBeforeStart });
    if (!day || startMinute === undefined || endMinute === undefined || endMinute <= startMinute) return z.NEVER;
    return { date: day, startMinute, endMinute };
  });

/** The place's today and the last day a new session may be on (18 months on). */
export function extraSessionWindow(today: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: today, to: addDays(addMonths(today, MAX_MONTHS), -1) };
}
