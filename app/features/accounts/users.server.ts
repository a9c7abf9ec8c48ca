/** Accounts and their roles: create, find, load as a policy Principal. */
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { memberships, networks, partners, placeNetworks, places, users } from "~/db/schema";
import type { Membership, Principal } from "~/features/policy/policy";
import { hashPassword } from "./password.server";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function createUser(db: Db, options: { email: string; name: string; password?: string; isPlatformAdmin?: boolean; emailVerified?: boolean; now?: Date }): Promise<string> {
  const [row] = await db
    .insert(users)
    .values({
      email: normaliseEmail(options.email),
      name: options.name,
      passwordHash: options.password ? await hashPassword(options.password) : null,
      isPlatformAdmin: options.isPlatformAdmin ?? false,
      emailVerifiedAt: options.emailVerified ? (options.now ?? new Date()) : null,
    })
    .returning({ id: users.id });
  return row!.id;
}

/** For sign-in only: the password hash never leaves the accounts feature. */
export async function getUserForSignIn(db: Db, email: string) {
  const [row] = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.email, normaliseEmail(email)), isNull(users.disabledAt)));
  return row ?? null;
}

export async function addMembership(db: Db, userId: string, membership: Membership): Promise<void> {
  await db
    .insert(memberships)
    .values({
      userId,
      role: membership.role,
      networkId: membership.role === "coordinator" ? membership.networkId : null,
      placeId: membership.role === "manager" || membership.role === "mediator" ? membership.placeId : null,
      partnerId: membership.role === "partner" ? membership.partnerId : null,
    })
    .onConflictDoNothing();
}

export type SignedInUser = { id: string; name: string; email: string };

/** The user (if enabled) and their memberships, as the policy module wants them. */
export async function loadPrincipal(db: Db, userId: string): Promise<{ user: SignedInUser; principal: Principal } | null> {
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email, isPlatformAdmin: users.isPlatformAdmin })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.disabledAt)));
  if (!user) return null;
  const rows = await db
    .select({ role: memberships.role, networkId: memberships.networkId, placeId: memberships.placeId, partnerId: memberships.partnerId, partnerNetworkId: partners.networkId })
    .from(memberships)
    .leftJoin(partners, eq(partners.id, memberships.partnerId))
    .where(eq(memberships.userId, userId));
  const list: Membership[] = [];
  for (const row of rows) {
    if (row.role === "coordinator" && row.networkId) list.push({ role: "coordinator", networkId: row.networkId });
    else if ((row.role === "manager" || row.role === "mediator") && row.placeId) list.push({ role: row.role, placeId: row.placeId });
    else if (row.role === "partner" && row.partnerId && row.partnerNetworkId) list.push({ role: "partner", partnerId: row.partnerId, networkId: row.partnerNetworkId });
  }
  return {
    user: { id: user.id, name: user.name, email: user.email },
    principal: { userId: user.id, isPlatformAdmin: user.isPlatformAdmin, memberships: list },
  };
}

/** Names of the places, networks and partner organisations a principal has a role in (for the back-office home). */
export async function getMembershipScopes(db: Db, principal: Principal) {
  const placeIds = principal.memberships.flatMap((m) => (m.role === "manager" || m.role === "mediator" ? [m.placeId] : []));
  const networkIds = principal.memberships.flatMap((m) => (m.role === "coordinator" ? [m.networkId] : []));
  const partnerIds = principal.memberships.flatMap((m) => (m.role === "partner" ? [m.partnerId] : []));
  const placeRows = placeIds.length
    ? await db.select({ id: places.id, name: places.name, slug: places.slug, commune: places.commune }).from(places).where(inArray(places.id, placeIds)).orderBy(places.name)
    : [];
  const networkRows = networkIds.length
    ? await db.select({ id: networks.id, name: networks.name, slug: networks.slug }).from(networks).where(inArray(networks.id, networkIds)).orderBy(networks.name)
    : [];
  const partnerRows = partnerIds.length
    ? await db.select({ id: partners.id, name: partners.name }).from(partners).where(inArray(partners.id, partnerIds)).orderBy(partners.name)
    : [];
  const roleOf = (placeId: string) => principal.memberships.filter((m) => (m.role === "manager" || m.role === "mediator") && m.placeId === placeId).map((m) => m.role);
  return {
    places: placeRows.map((p) => ({ ...p, roles: roleOf(p.id) as ("manager" | "mediator")[] })),
    networks: networkRows,
    partners: partnerRows,
  };
}

/** The networks a place belongs to: with its id, the policy module's PlaceTarget. */
export async function getPlaceTarget(db: Db, placeId: string) {
  const rows = await db.select({ networkId: placeNetworks.networkId }).from(placeNetworks).where(eq(placeNetworks.placeId, placeId));
  return { placeId, networkIds: rows.map((r) => r.networkId) };
}
