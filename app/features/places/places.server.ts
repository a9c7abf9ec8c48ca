import { asc, count, eq, like, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { labelGrants, networks, places } from "~/db/schema";
import { slugify } from "~/lib/text";

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

/** A slug for a new place from its name and commune, with -2, -3… when another place has it already. */
export async function freePlaceSlug(db: Db, text: string): Promise<string> {
  const base = slugify(text);
  const taken = new Set((await db.select({ slug: places.slug }).from(places).where(like(places.slug, `${base.replace(/[\\%_]/g, "\\$&")}%`))).map((r) => r.slug));
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}
