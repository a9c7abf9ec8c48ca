/**
 * "What needs attention" on the back-office home: the public's error reports not yet dealt
 * with, invitations sent and not yet accepted (nor expired or revoked), and places whose
 * information is older than STALE_MONTHS (by the place's update date, the standard's
 * date_maj). For the places a person manages, and for the places of the networks they
 * coordinate. Counts and names only: no address of an invited person is shown here.
 */
import { and, asc, count, eq, gt, inArray, isNull, lt, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { invitations, networks, placeNetworks, places } from "~/db/schema";
import { countNewNetworkReports, countNewReportsByPlace } from "~/features/reports/manage.server";
import type { Principal } from "~/features/policy/policy";
import { addMonths } from "~/features/time/calendar";
import { todayInFrance } from "~/features/time/today";

export const STALE_MONTHS = 6;
/** Places listed by name under each heading of a network (the full list is one link away). */
export const ATTENTION_LIST_SIZE = 10;

/** The day STALE_MONTHS months before today in France: a place updated before it is stale. */
export function staleBefore(now: Date): string {
  return addMonths(todayInFrance(now), -STALE_MONTHS);
}

export type PlaceAttention = { id: string; name: string; commune: string; newReports: number; pendingInvitations: number; updatedOn: string; stale: boolean };
export type NetworkAttention = {
  id: string;
  slug: string;
  name: string;
  newReports: number;
  invitations: { total: number; places: { id: string; name: string; count: number }[] };
  stale: { total: number; places: { id: string; name: string; commune: string; updatedOn: string }[] };
};

/** Pending invitations per place, for the places `scope` selects. */
async function pendingInvitationsByPlace(db: Db, scope: SQL, now: Date) {
  return db
    .select({ placeId: invitations.placeId, name: places.name, n: count() })
    .from(invitations)
    .innerJoin(places, eq(places.id, invitations.placeId))
    .where(and(scope, isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
    .groupBy(invitations.placeId, places.name)
    .orderBy(asc(places.name));
}

const networkPlaceIds = (db: Db, networkId: string) => db.select({ id: placeNetworks.placeId }).from(placeNetworks).where(eq(placeNetworks.networkId, networkId));

export async function getAttention(db: Db, principal: Principal, now: Date = new Date()): Promise<{ places: PlaceAttention[]; networks: NetworkAttention[]; staleBefore: string }> {
  const cutoff = staleBefore(now);
  const managed = principal.memberships.flatMap((m) => (m.role === "manager" ? [m.placeId] : []));
  const coordinated = principal.memberships.flatMap((m) => (m.role === "coordinator" ? [m.networkId] : []));

  const placeList: PlaceAttention[] = [];
  if (managed.length > 0) {
    const rows = await db.select({ id: places.id, name: places.name, commune: places.commune, updatedOn: places.updatedOn }).from(places).where(inArray(places.id, managed)).orderBy(asc(places.name));
    const reports = await countNewReportsByPlace(db, managed);
    const invited = new Map((await pendingInvitationsByPlace(db, inArray(invitations.placeId, managed), now)).map((r) => [r.placeId, Number(r.n)]));
    for (const r of rows) {
      const item = { ...r, newReports: reports.get(r.id) ?? 0, pendingInvitations: invited.get(r.id) ?? 0, stale: r.updatedOn < cutoff };
      if (item.newReports > 0 || item.pendingInvitations > 0 || item.stale) placeList.push(item);
    }
  }

  const networkList: NetworkAttention[] = [];
  if (coordinated.length > 0) {
    const rows = await db.select({ id: networks.id, slug: networks.slug, name: networks.name }).from(networks).where(inArray(networks.id, coordinated)).orderBy(asc(networks.name));
    for (const n of rows) {
      const invited = await pendingInvitationsByPlace(db, inArray(invitations.placeId, networkPlaceIds(db, n.id)), now);
      const staleWhere = and(eq(placeNetworks.networkId, n.id), lt(places.updatedOn, cutoff));
      const [{ total }] = (await db.select({ total: count() }).from(places).innerJoin(placeNetworks, eq(placeNetworks.placeId, places.id)).where(staleWhere)) as [{ total: number }];
      const stalePlaces = await db
        .select({ id: places.id, name: places.name, commune: places.commune, updatedOn: places.updatedOn })
        .from(places)
        .innerJoin(placeNetworks, eq(placeNetworks.placeId, places.id))
        .where(staleWhere)
        .orderBy(asc(places.updatedOn), asc(places.name))
        .limit(ATTENTION_LIST_SIZE);
      networkList.push({
        ...n,
        newReports: await countNewNetworkReports(db, n.id),
        invitations: { total: invited.reduce((sum, r) => sum + Number(r.n), 0), places: invited.slice(0, ATTENTION_LIST_SIZE).map((r) => ({ id: r.placeId!, name: r.name, count: Number(r.n) })) },
        stale: { total: Number(total), places: stalePlaces },
      });
    }
  }
  return { places: placeList, networks: networkList, staleBefore: cutoff };
}
