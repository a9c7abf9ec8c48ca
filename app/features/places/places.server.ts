import { asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { labelGrants, networks, places } from "~/db/schema";

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
