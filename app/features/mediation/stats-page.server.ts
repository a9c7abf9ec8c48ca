/**
 * What a statistics page, and its exports, need from one URL: the filters read and checked against
 * what the page offers (a place's staff; a network's places, and the staff of the few places chosen),
 * the statistics, their tables, and the filters in words for the files. The routes only check the
 * rights, call one of these and render.
 */
import type { Db } from "~/db/client.server";
import { formatDate } from "~/features/time/format";
import type { FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { ACTIVITY_KIND_LABELS, THEME_LABELS } from "./coop-model";
import type { MediationStatistics } from "./stats";
import type { FilterLines } from "./stats-export.server";
import { MEDIATOR_FILTER_MAX_PLACES, parseStatisticsQuery, type StatisticsFormValues } from "./stats-filters";
import { listNetworkPlaces, listPlacesStaff, type ScopeOption } from "./stats-scope.server";
import { getMediationStatistics } from "./stats.server";
import { statisticsTables, type StatsTable } from "./stats-tables";


export type StatisticsPage = {
  values: StatisticsFormValues;
  /** The network's places (empty on a place's page). */
  places: ScopeOption[];
  mediators: ScopeOption[];
} & ({ ok: true; statistics: MediationStatistics; tables: StatsTable[]; description: FilterLines } | { ok: false; errors: FieldErrors });

const m = fr.statistics.exports.filterRows;

function describe(values: StatisticsFormValues, statistics: MediationStatistics, names: { places: ScopeOption[]; mediators: ScopeOption[]; placeName?: string }): FilterLines {
  const name = (options: ScopeOption[], id: string) => options.find((o) => o.id === id)?.name ?? id;
  const placeLine = names.placeName ?? (values.lieu.length ? values.lieu.map((id) => name(names.places, id)).join(", ") : `${m.all} (${statistics.filters.placeIds.length})`);
  return [
    [m.period, fr.time.dateRange(formatDate(statistics.filters.from), formatDate(statistics.filters.to))],
    [m.places, placeLine],
    [m.mediators, values.mediateur.length ? values.mediateur.map((id) => name(names.mediators, id)).join(", ") : m.all],
    [m.kinds, values.type.length ? values.type.map((k) => ACTIVITY_KIND_LABELS[k]).join(", ") : m.all],
    [m.themes, values.theme.length ? values.theme.map((k) => THEME_LABELS[k]).join(", ") : m.all],
  ];
}

/** A place's figures: its staff as the mediators offered. */
export async function loadPlaceStatistics(db: Db, options: { place: { id: string; name: string }; params: URLSearchParams; today: string; now?: Date }): Promise<StatisticsPage> {
  const mediators = await listPlacesStaff(db, [options.place.id]);
  const parsed = parseStatisticsQuery(options.params, { places: [options.place.id], mediators: mediators.map((o) => o.id), today: options.today });
  // A place's page has no place filter: a `lieu` in its URL is someone else's.
  if (!parsed.ok || parsed.values.lieu.length) return { ok: false, errors: parsed.ok ? { lieu: fr.statistics.errors.place } : parsed.errors, values: parsed.values, places: [], mediators };
  const statistics = await getMediationStatistics(db, parsed.filters, { now: options.now });
  return { ok: true, values: parsed.values, places: [], mediators, statistics, tables: statisticsTables(statistics), description: describe(parsed.values, statistics, { places: [], mediators, placeName: options.place.name }) };
}

/** A network's figures: its places, and the staff of the places chosen when they are few. */
export async function loadNetworkStatistics(db: Db, options: { networkId: string; params: URLSearchParams; today: string; now?: Date }): Promise<StatisticsPage> {
  const places = await listNetworkPlaces(db, options.networkId);
  const ids = new Set(places.map((p) => p.id));
  const chosen = [...new Set(options.params.getAll("lieu").filter((id) => ids.has(id)))];
  const mediators = chosen.length > 0 && chosen.length <= MEDIATOR_FILTER_MAX_PLACES ? await listPlacesStaff(db, chosen) : [];
  const parsed = parseStatisticsQuery(options.params, { places: places.map((p) => p.id), mediators: mediators.map((o) => o.id), today: options.today });
  if (!parsed.ok) return { ok: false, errors: parsed.errors, values: parsed.values, places, mediators };
  const statistics = await getMediationStatistics(db, parsed.filters, { now: options.now });
  return { ok: true, values: parsed.values, places, mediators, statistics, tables: statisticsTables(statistics), description: describe(parsed.values, statistics, { places, mediators }) };
}
