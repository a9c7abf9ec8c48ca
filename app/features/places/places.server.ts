import { and, asc, count, eq, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { labelGrants, networks, places } from "~/db/schema";

export const PAGE_SIZE = 20;

/** Plain text search over name, commune and postcode (accent-insensitive). */
function textCondition(q: string): SQL | undefined {
  const text = q.trim();
  if (!text) return undefined;
  if (/^\d{2,5}$/.test(text)) return sql`${places.postcode} like ${`${text}%`}`;
  const pattern = `%${text.replace(/[%_\\]/g, "\\$&")}%`;
  return or(
    sql`unaccent(${places.name}) ilike unaccent(${pattern})`,
    sql`unaccent(${places.commune}) ilike unaccent(${pattern})`,
  );
}

export async function searchPlaces(db: Db, options: { q?: string; page?: number }) {
  const page = Math.max(1, options.page ?? 1);
  const where = and(eq(places.status, "published"), textCondition(options.q ?? ""));
  const [{ total }] = await db.select({ total: count() }).from(places).where(where);
  const rows = await db
    .select({
      slug: places.slug,
      name: places.name,
      commune: places.commune,
      postcode: places.postcode,
      address: places.address,
      services: places.services,
      labelled: sql<boolean>`exists (select 1 from ${labelGrants} g where g.place_id = ${places.id} and g.valid_from <= current_date and (g.valid_until is null or g.valid_until >= current_date))`,
    })
    .from(places)
    .where(where)
    .orderBy(asc(places.commune), asc(places.name))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  const totalNumber = Number(total);
  return { rows, total: totalNumber, page, pages: Math.max(1, Math.ceil(totalNumber / PAGE_SIZE)) };
}

/** Figures for the home page: the first network and its counts. */
export async function getHomeFigures(db: Db) {
  const [network] = await db.select({ id: networks.id, name: networks.name, slug: networks.slug }).from(networks).orderBy(asc(networks.createdAt)).limit(1);
  const [{ total }] = await db.select({ total: count() }).from(places).where(eq(places.status, "published"));
  const [{ labelled }] = network
    ? await db
        .select({ labelled: sql<number>`count(distinct ${labelGrants.placeId})` })
        .from(labelGrants)
        .where(eq(labelGrants.networkId, network.id))
    : [{ labelled: 0 }];
  return { network, total: Number(total), labelled: Number(labelled) };
}

/** Slugs and update dates of published places (sitemap). */
export async function listPlaceSlugs(db: Db) {
  return db
    .select({ slug: places.slug, updatedOn: places.updatedOn })
    .from(places)
    .where(eq(places.status, "published"))
    .orderBy(asc(places.slug));
}
