/** The places a « place » question offers: the network's places, by name (« Nom (Commune) »). */
import { asc, eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { placeNetworks, places } from "~/db/schema";

export async function placeOptions(db: Db, networkId: string): Promise<(readonly [string, string])[]> {
  const rows = await db
    .select({ id: places.id, name: places.name, commune: places.commune })
    .from(placeNetworks)
    .innerJoin(places, eq(places.id, placeNetworks.placeId))
    .where(eq(placeNetworks.networkId, networkId))
    .orderBy(asc(places.name));
  return rows.map((r) => [r.id, `${r.name} (${r.commune})`] as const);
}
