/**
 * What a statistics page covers and offers as filters: a network's places (by name), and the staff
 * of some places (their managers and mediators, by name: staff, never the people helped).
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { memberships, placeNetworks, places, users } from "~/db/schema";

export type ScopeOption = { id: string; name: string };

/** The places of a network, by name. */
export async function listNetworkPlaces(db: Db, networkId: string): Promise<ScopeOption[]> {
  return db
    .select({ id: places.id, name: places.name })
    .from(placeNetworks)
    .innerJoin(places, eq(places.id, placeNetworks.placeId))
    .where(eq(placeNetworks.networkId, networkId))
    .orderBy(asc(places.name), asc(places.id));
}

/** The managers and mediators of these places, each once, by name. */
export async function listPlacesStaff(db: Db, placeIds: readonly string[]): Promise<ScopeOption[]> {
  if (placeIds.length === 0) return [];
  return db
    .selectDistinct({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(inArray(memberships.placeId, [...placeIds]), inArray(memberships.role, ["manager", "mediator"])))
    .orderBy(asc(users.name), asc(users.id));
}
