/** The coordinator's network page: the network's places (filtered, paginated) with their label state. */
import { and, asc, count, desc, eq, gte, inArray, isNull, like, lt, notInArray, or } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { labelGrants, placeNetworks, places } from "~/db/schema";
import { foldText } from "~/lib/text";
import { staleBefore } from "~/features/attention/attention.server";
import { pageWindow } from "~/lib/pages";
import { todayInFrance } from "~/features/time/today";
import { isUuid } from "~/lib/ids";

const NETWORK_PAGE_SIZE = 25;

export type NetworkPlace = {
  id: string;
  name: string;
  commune: string;
  slug: string;
  status: string;
  updatedOn: string;
  label: { id: string; label: string; themes: string[]; validFrom: string; validUntil: string | null } | null;
};

/** Grants of the network not yet expired (current or starting later). */
export const notExpired = (today: string) => or(isNull(labelGrants.validUntil), gte(labelGrants.validUntil, today));

/** The network page's filters, as read from its URL (unknown values mean "any"). */
export type NetworkFilters = { q: string; label: "" | "oui" | "non"; commune: string; stale: boolean };

export function readNetworkFilters(params: URLSearchParams): NetworkFilters {
  const label = params.get("label");
  return {
    q: (params.get("q") ?? "").slice(0, 100),
    label: label === "oui" || label === "non" ? label : "",
    commune: (params.get("commune") ?? "").slice(0, 100),
    stale: params.get("maj") === "ancienne",
  };
}

/** The communes of the network's places, for the commune filter. */
export async function listNetworkCommunes(db: Db, networkId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ commune: places.commune })
    .from(places)
    .innerJoin(placeNetworks, eq(placeNetworks.placeId, places.id))
    .where(eq(placeNetworks.networkId, networkId))
    .orderBy(asc(places.commune));
  return rows.map((r) => r.commune);
}

export async function listNetworkPlaces(db: Db, networkId: string, options: { q?: string; label?: NetworkFilters["label"]; commune?: string; stale?: boolean; page?: number; now?: Date }) {
  const now = options.now ?? new Date();
  const today = todayInFrance(now);
  const q = foldText(options.q ?? "").trim();
  const labelled = db.select({ placeId: labelGrants.placeId }).from(labelGrants).where(and(eq(labelGrants.networkId, networkId), notExpired(today)));
  const where = and(
    eq(placeNetworks.networkId, networkId),
    q ? like(places.searchText, `%${q.replace(/[\\%_]/g, "\\$&")}%`) : undefined,
    options.label === "oui" ? inArray(places.id, labelled) : options.label === "non" ? notInArray(places.id, labelled) : undefined,
    options.commune ? eq(places.commune, options.commune) : undefined,
    options.stale ? lt(places.updatedOn, staleBefore(now)) : undefined,
  );
  const [{ n }] = (await db.select({ n: count() }).from(places).innerJoin(placeNetworks, eq(placeNetworks.placeId, places.id)).where(where)) as [{ n: number }];
  const total = Number(n);
  const { pages, page, offset } = pageWindow(total, NETWORK_PAGE_SIZE, options.page);
  const rows = await db
    .select({ id: places.id, name: places.name, commune: places.commune, slug: places.slug, status: places.status, updatedOn: places.updatedOn })
    .from(places)
    .innerJoin(placeNetworks, eq(placeNetworks.placeId, places.id))
    .where(where)
    .orderBy(asc(places.name), asc(places.id))
    .limit(NETWORK_PAGE_SIZE)
    .offset(offset);
  const grants = rows.length
    ? await db
        .select({ id: labelGrants.id, placeId: labelGrants.placeId, label: labelGrants.label, themes: labelGrants.themes, validFrom: labelGrants.validFrom, validUntil: labelGrants.validUntil })
        .from(labelGrants)
        .where(and(eq(labelGrants.networkId, networkId), inArray(labelGrants.placeId, rows.map((r) => r.id)), notExpired(today)))
        .orderBy(desc(labelGrants.validFrom))
    : [];
  const list: NetworkPlace[] = rows.map((r) => {
    const g = grants.find((x) => x.placeId === r.id);
    return { ...r, label: g ? { id: g.id, label: g.label, themes: g.themes, validFrom: g.validFrom, validUntil: g.validUntil } : null };
  });
  return { places: list, total, pages, page };
}

export async function placeInNetwork(db: Db, networkId: string, placeId: string): Promise<boolean> {
  if (!isUuid(placeId)) return false;
  const [row] = await db.select({ placeId: placeNetworks.placeId }).from(placeNetworks).where(and(eq(placeNetworks.networkId, networkId), eq(placeNetworks.placeId, placeId)));
  return !!row;
}

/** The label's name: the one the network already grants (e.g. from its import), else "EPN labellisé <network>". */
