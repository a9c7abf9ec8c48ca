import { count } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { communes } from "~/db/schema";
import { loadCommunes, normalizeCommuneName } from "./communes";

/** Load the offline communes reference into the database when it is empty or outdated. */
export async function seedCommunes(db: Db): Promise<number> {
  const list = loadCommunes();
  const [{ n }] = await db.select({ n: count() }).from(communes);
  if (Number(n) === list.length) return 0;
  await db.transaction(async (tx) => {
    await tx.delete(communes);
    for (let i = 0; i < list.length; i += 1000) {
      await tx.insert(communes).values(
        list.slice(i, i + 1000).map((c) => ({
          insee: c.insee,
          name: c.name,
          searchName: normalizeCommuneName(c.name),
          postcodes: c.postcodes,
          department: c.department,
          region: c.region,
          latitude: c.latitude,
          longitude: c.longitude,
          coordinateSource: c.coordinateSource,
          timeZone: c.timeZone,
          population: c.population,
        })),
      );
    }
  });
  return list.length;
}
