/**
 * The coordinator's network page: the network's places (filter, paginated) with their
 * label state, and granting or withdrawing the network's label (audited).
 */
import { and, asc, count, desc, eq, gte, inArray, isNull, like, lt, notInArray, or } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~/db/client.server";
import { labelGrants, networks, placeNetworks, places } from "~/db/schema";
import { recordAudit } from "~/features/audit/record.server";
import { fr } from "~/lib/messages";
import { foldText } from "~/lib/text";
import { staleBefore } from "./attention.server";

const m = fr.backoffice.network;
export const NETWORK_PAGE_SIZE = 25;
import { LABEL_THEMES } from "./label-themes";
import { pageWindow } from "~/lib/pages";
import { addDays } from "~/features/time/calendar";
import { todayInFrance } from "~/features/time/today";
import { isUuid } from "~/lib/ids";
export { LABEL_THEMES };

export async function getNetworkBySlug(db: Db, slug: string) {
  const [row] = await db.select({ id: networks.id, slug: networks.slug, name: networks.name }).from(networks).where(eq(networks.slug, slug));
  return row ?? null;
}

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
const notExpired = (today: string) => or(isNull(labelGrants.validUntil), gte(labelGrants.validUntil, today));

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
async function networkLabelName(db: Db, network: { id: string; name: string }): Promise<string> {
  const [row] = await db
    .select({ label: labelGrants.label, n: count() })
    .from(labelGrants)
    .where(eq(labelGrants.networkId, network.id))
    .groupBy(labelGrants.label)
    .orderBy(desc(count()))
    .limit(1);
  return row?.label ?? m.defaultLabel(network.name);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (v: string) => DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

export const grantSchema = z
  .object({
    lieu: z.string(),
    themes: z.array(z.string()).refine((list) => list.every((t) => (LABEL_THEMES as readonly string[]).includes(t)), m.unknownTheme),
    du: z.string().trim().refine(isDate, m.dateInvalid),
    au: z.string().trim().refine((v) => v === "" || isDate(v), m.dateInvalid),
  })
  .refine((v) => v.au === "" || v.au >= v.du, { message: m.dateOrder, path: ["au"] });

export type GrantInput = z.infer<typeof grantSchema>;

export type LabelResult = { ok: true; placeName: string } | { ok: false; error: string };

export async function grantLabel(db: Db, network: { id: string; name: string }, input: GrantInput, actorUserId: string, now: Date = new Date()): Promise<LabelResult> {
  if (!(await placeInNetwork(db, network.id, input.lieu))) return { ok: false, error: m.notInNetwork };
  const label = await networkLabelName(db, network);
  const [place] = await db.select({ name: places.name }).from(places).where(eq(places.id, input.lieu));
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(labelGrants)
      .values({ networkId: network.id, placeId: input.lieu, label, themes: input.themes, validFrom: input.du, validUntil: input.au || null, decision: null, createdAt: now, updatedAt: now })
      .returning({ id: labelGrants.id });
    await recordAudit(
      tx,
      { actorUserId, action: "label.grant", entityType: "label_grant", entityId: row!.id, networkId: network.id, placeId: input.lieu, before: null, after: { label, themes: input.themes, validFrom: input.du, validUntil: input.au || null } },
      now,
    );
  });
  return { ok: true, placeName: place!.name };
}

/**
 * End the network's current grants for a place (they end yesterday: the history stays);
 * grants that had not started yet are removed. Audited, inside the caller's transaction.
 */
export async function endGrants(tx: Db, options: { networkId: string; placeId: string; actorUserId: string; now: Date }): Promise<void> {
  const { networkId, placeId, actorUserId, now } = options;
  const today = todayInFrance(now);
  const yesterday = addDays(today, -1);
  const grants = await tx.select().from(labelGrants).where(and(eq(labelGrants.networkId, networkId), eq(labelGrants.placeId, placeId), notExpired(today)));
  for (const g of grants) {
    if (g.validFrom > yesterday) await tx.delete(labelGrants).where(eq(labelGrants.id, g.id));
    else await tx.update(labelGrants).set({ validUntil: yesterday, updatedAt: now }).where(eq(labelGrants.id, g.id));
    await recordAudit(
      tx,
      { actorUserId, action: "label.withdraw", entityType: "label_grant", entityId: g.id, networkId, placeId, before: { label: g.label, themes: g.themes, validFrom: g.validFrom, validUntil: g.validUntil }, after: g.validFrom > yesterday ? null : { validUntil: yesterday } },
      now,
    );
  }
}

/** Withdraw the network's label from a place (see endGrants). */
export async function withdrawLabel(db: Db, network: { id: string }, placeId: string, actorUserId: string, now: Date = new Date()): Promise<LabelResult> {
  if (!(await placeInNetwork(db, network.id, placeId))) return { ok: false, error: m.notInNetwork };
  const [place] = await db.select({ name: places.name }).from(places).where(eq(places.id, placeId));
  await db.transaction(async (tx) => endGrants(tx, { networkId: network.id, placeId, actorUserId, now }));
  return { ok: true, placeName: place!.name };
}
