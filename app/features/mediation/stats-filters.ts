/**
 * The statistics pages' filters, read from the URL (a GET form: it works without JavaScript, and a
 * filtered page is a link one can keep): `du`, `au` (YYYY-MM-DD or jj/mm/aaaa; by default this year
 * up to today), `lieu` (the network's page), `mediateur`, `type`, `theme` (each repeatable). Checked
 * with zod, then against what the page offers (its places, its staff): French messages otherwise.
 */
import { readDate as readTypedDate } from "~/features/time/calendar";
import { z } from "zod";
import { COOP_ACTIVITY_KINDS, COOP_THEME_CODES, type CoopActivityKind, type CoopTheme } from "~/db/schema/mediation";
import type { FieldErrors } from "~/lib/forms";
import { isUuid } from "~/lib/ids";
import { fr } from "~/lib/messages";
import type { StatisticsFilters } from "./stats";

const e = fr.statistics.errors;
/** Longest period asked at once: five years (61 months counted from the first day). */
export const MAX_PERIOD_DAYS = 5 * 366;

/** jj/mm/aaaa or ISO → YYYY-MM-DD, null when not a real day (the one reader of features/time). */
export function readDate(text: string): string | null {
  return readTypedDate(text) ?? null;
}

const dateField = z
  .string()
  .max(20, e.date)
  .transform((text, ctx) => {
    if (text.trim() === "") return null;
    const date = readDate(text);
    if (!date) ctx.addIssue({ code: "custom", message: e.date });
    return date;
  });
const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max, e.choice);

const QuerySchema = z.object({
  du: dateField.optional(),
  au: dateField.optional(),
  lieu: list(z.string().refine(isUuid, e.place), 1000),
  mediateur: list(z.string().refine(isUuid, e.mediator), 200),
  type: list(z.enum(COOP_ACTIVITY_KINDS, { error: e.choice }), COOP_ACTIVITY_KINDS.length),
  theme: list(z.enum(COOP_THEME_CODES, { error: e.choice }), COOP_THEME_CODES.length),
});

/** What the form shows back (the dates as typed). */
export type StatisticsFormValues = { du: string; au: string; lieu: string[]; mediateur: string[]; type: CoopActivityKind[]; theme: CoopTheme[] };

export type ParsedStatisticsQuery =
  | { ok: true; filters: StatisticsFilters; values: StatisticsFormValues }
  | { ok: false; errors: FieldErrors; values: StatisticsFormValues };

const days = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/**
 * The filters of a statistics page from its URL. `places`: the places the page covers (a place's page:
 * that one; a network's: its places, of which `lieu` may keep some); `mediators`: the staff it offers
 * (a mediator chosen must be one of them); `today`: in France.
 */
export function parseStatisticsQuery(params: URLSearchParams, scope: { places: readonly string[]; mediators: readonly string[]; today: string }): ParsedStatisticsQuery {
  const raw = {
    du: params.get("du") ?? undefined,
    au: params.get("au") ?? undefined,
    lieu: params.getAll("lieu"),
    mediateur: params.getAll("mediateur"),
    type: params.getAll("type"),
    theme: params.getAll("theme"),
  };
  const defaults = { from: `${scope.today.slice(0, 4)}-01-01`, to: scope.today };
  const shown: StatisticsFormValues = {
    du: raw.du ?? defaults.from,
    au: raw.au ?? defaults.to,
    lieu: raw.lieu,
    mediateur: raw.mediateur,
    type: raw.type.filter((t): t is CoopActivityKind => (COOP_ACTIVITY_KINDS as readonly string[]).includes(t)),
    theme: raw.theme.filter((t): t is CoopTheme => (COOP_THEME_CODES as readonly string[]).includes(t)),
  };
  const result = QuerySchema.safeParse(raw);
  const errors: FieldErrors = {};
  if (!result.success) for (const issue of result.error.issues) errors[String(issue.path[0])] ??= issue.message;
  if (!result.success) return { ok: false, errors, values: shown };
  const from = result.data.du ?? defaults.from;
  const to = result.data.au ?? defaults.to;
  if (from > to) errors.au = e.order;
  else if (days(from, to) > MAX_PERIOD_DAYS) errors.au = e.span;
  const allowedPlaces = new Set(scope.places);
  if (result.data.lieu.some((id) => !allowedPlaces.has(id))) errors.lieu = e.place;
  const allowedMediators = new Set(scope.mediators);
  if (result.data.mediateur.some((id) => !allowedMediators.has(id))) errors.mediateur = e.mediator;
  if (Object.keys(errors).length) return { ok: false, errors, values: shown };
  const unique = <T,>(values: readonly T[]) => [...new Set(values)];
  return {
    ok: true,
    values: { ...shown, du: from, au: to },
    filters: {
      from,
      to,
      placeIds: result.data.lieu.length ? unique(result.data.lieu) : [...scope.places],
      ...(result.data.mediateur.length ? { mediatorIds: unique(result.data.mediateur) } : {}),
      ...(result.data.type.length ? { kinds: unique(result.data.type) } : {}),
      ...(result.data.theme.length ? { themes: unique(result.data.theme) } : {}),
    },
  };
}

/** The query string of filters (for the export links, « Mes chiffres », and the form's own link back). */
export function statisticsQueryString(values: Partial<StatisticsFormValues>): string {
  const params = new URLSearchParams();
  if (values.du) params.set("du", values.du);
  if (values.au) params.set("au", values.au);
  for (const key of ["lieu", "mediateur", "type", "theme"] as const) for (const value of values[key] ?? []) params.append(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** On a network's page, mediators are offered once a few places are chosen (the staff of 500 places is no list to tick). */
export const MEDIATOR_FILTER_MAX_PLACES = 10;
