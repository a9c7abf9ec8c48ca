/**
 * The public agenda's search as it lives in the URL (/agenda?commune=Vierzon&distance=20&theme=Email…),
 * shared by the page, the JSON API and the OpenAPI document. Each parameter is checked on its own:
 * a bad value gets a French message and its default, and every other filter still applies (the page
 * shows the messages; the API answers 400 with them).
 */
import { z } from "zod";
import type { WorkshopKind, WorkshopLevel } from "~/db/schema";
import { addDays, daysBetween, isIsoDate, type IsoDate } from "~/features/time/calendar";
import { fr } from "~/lib/messages";
import { WORKSHOP_THEME_CODES } from "./themes";

/** Distances a person can choose around a commune (km). */
export const AGENDA_DISTANCES_KM = [5, 10, 20, 50, 100] as const;
export const DEFAULT_DISTANCE_KM = 20;
/** Without dates: today and the next 30 days. */
export const AGENDA_DEFAULT_DAYS = 30;
/** The longest window asked at once. */
export const AGENDA_MAX_DAYS = 366;
export const AGENDA_PAGE_SIZE = 20;
export const AGENDA_MAX_PAGE = 500;

/** URL words (French) ↔ stored values. */
export const KIND_PARAMS = { atelier: "workshop", permanence: "dropin", evenement: "event", passage: "visit" } as const satisfies Record<string, WorkshopKind>;
export const LEVEL_PARAMS = { debutant: "beginner", intermediaire: "intermediate", avance: "advanced" } as const satisfies Record<string, WorkshopLevel>;
const kindParam = Object.fromEntries(Object.entries(KIND_PARAMS).map(([k, v]) => [v, k])) as Record<WorkshopKind, keyof typeof KIND_PARAMS>;
const levelParam = Object.fromEntries(Object.entries(LEVEL_PARAMS).map(([k, v]) => [v, k])) as Record<WorkshopLevel, keyof typeof LEVEL_PARAMS>;

const e = fr.agenda.errors;
const flag = z.enum(["1", "0", "on", "true", "false", ""], { error: e.flag }).transform((v) => v === "1" || v === "on" || v === "true");

/** One schema per parameter, as written in the URL (strings in, typed values out). */
export const AgendaQuerySchema = z.object({
  commune: z.string().trim().max(100, e.commune("…")).optional(),
  distance: z.coerce
    .number({ error: e.distance })
    .refine((km) => (AGENDA_DISTANCES_KM as readonly number[]).includes(km), e.distance)
    .optional(),
  theme: z.enum(WORKSHOP_THEME_CODES, { error: e.theme }).optional(),
  niveau: z.enum(Object.keys(LEVEL_PARAMS) as [keyof typeof LEVEL_PARAMS], { error: e.niveau }).optional(),
  type: z.enum(Object.keys(KIND_PARAMS) as [keyof typeof KIND_PARAMS], { error: e.type }).optional(),
  du: z.string().refine(isIsoDate, e.du).optional(),
  au: z.string().refine(isIsoDate, e.au).optional(),
  gratuit: flag.optional(),
  places: flag.optional(),
  reseau: z.string().regex(/^[a-z0-9-]{1,80}$/, e.reseau).optional(),
  page: z.coerce.number({ error: e.page }).int(e.page).min(1, e.page).max(AGENDA_MAX_PAGE, e.page).optional(),
});
export type AgendaParam = keyof typeof AgendaQuerySchema.shape;
export const AGENDA_PARAMS = Object.keys(AgendaQuerySchema.shape) as AgendaParam[];

/** The search, typed and complete (defaults filled). */
export type AgendaQuery = {
  /** A commune name or postcode, as typed (located by searchAgenda). */
  commune?: string;
  distanceKm: number;
  theme?: string;
  level?: WorkshopLevel;
  kind?: WorkshopKind;
  /** First and last day (included), YYYY-MM-DD, on each place's own calendar. */
  from: IsoDate;
  to: IsoDate;
  free: boolean;
  seatsLeft: boolean;
  network?: string;
  page: number;
};

export type AgendaQueryErrors = Partial<Record<AgendaParam | "dates", string>>;

/**
 * Read the URL's parameters: every valid one applies, each bad one gets its message and its
 * default. `today` is the first day by default (and the earliest one: the agenda is of what is to
 * come). Empty values (a form's empty fields) are absent values.
 */
export function parseAgendaQuery(params: URLSearchParams, today: IsoDate): { query: AgendaQuery; errors: AgendaQueryErrors } {
  const errors: AgendaQueryErrors = {};
  const read = <K extends AgendaParam>(key: K): z.infer<(typeof AgendaQuerySchema.shape)[K]> | undefined => {
    const raw = params.get(key);
    if (raw === null || raw.trim() === "") return undefined;
    const result = AgendaQuerySchema.shape[key].safeParse(raw);
    if (result.success) return result.data as never;
    errors[key] = result.error.issues[0]?.message ?? e.page;
    return undefined;
  };
  const commune = read("commune") || undefined;
  const distanceKm = read("distance") ?? DEFAULT_DISTANCE_KM;
  const theme = read("theme");
  const niveau = read("niveau");
  const type = read("type");
  let from = read("du") ?? today;
  if (from < today) from = today;
  // The agenda looks at most two years ahead: a farther first day is a mistake (and 9999-12-31 + 30 days is no date).
  if (from > addDays(today, 2 * 366)) {
    errors.du = e.du;
    from = today;
  }
  let to = read("au") ?? addDays(from, AGENDA_DEFAULT_DAYS);
  if (to < from) {
    if (params.get("au")) errors.dates = e.order;
    to = addDays(from, AGENDA_DEFAULT_DAYS);
  } else if (daysBetween(from, to) > AGENDA_MAX_DAYS - 1) {
    errors.dates = e.tooLong;
    to = addDays(from, AGENDA_MAX_DAYS - 1);
  }
  const query: AgendaQuery = {
    commune,
    distanceKm,
    theme,
    level: niveau ? LEVEL_PARAMS[niveau] : undefined,
    kind: type ? KIND_PARAMS[type] : undefined,
    from,
    to,
    free: read("gratuit") ?? false,
    seatsLeft: read("places") ?? false,
    network: read("reseau"),
    page: read("page") ?? 1,
  };
  return { query, errors };
}

/**
 * The URL of a search with only what differs from the defaults, in a stable order. Dates are kept
 * only when they are not the default window starting `today`.
 */
export function agendaUrl(path: string, query: AgendaQuery, today: IsoDate, changes: Partial<AgendaQuery> = {}): string {
  const q = { ...query, ...changes };
  const params = new URLSearchParams();
  if (q.commune) {
    params.set("commune", q.commune);
    if (q.distanceKm !== DEFAULT_DISTANCE_KM) params.set("distance", String(q.distanceKm));
  }
  if (q.theme) params.set("theme", q.theme);
  if (q.level) params.set("niveau", levelParam[q.level]);
  if (q.kind) params.set("type", kindParam[q.kind]);
  if (q.from !== today || q.to !== addDays(q.from, AGENDA_DEFAULT_DAYS)) {
    params.set("du", q.from);
    params.set("au", q.to);
  }
  if (q.free) params.set("gratuit", "1");
  if (q.seatsLeft) params.set("places", "1");
  if (q.network) params.set("reseau", q.network);
  if (q.page > 1) params.set("page", String(q.page));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** The URL words of a kind and a level (for forms and links). */
export const kindWord = (kind: WorkshopKind) => kindParam[kind];
export const levelWord = (level: WorkshopLevel) => levelParam[level];

/** Is any filter other than the dates set? */
export function hasAgendaFilters(q: AgendaQuery): boolean {
  return Boolean(q.commune || q.theme || q.level || q.kind || q.free || q.seatsLeft || q.network);
}
