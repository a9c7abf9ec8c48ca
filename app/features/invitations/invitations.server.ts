/**
 * Invitations to a place's team: a coordinator invites managers (for the places of their
 * network), a manager invites mediators (for their place); and to a partner organisation of a
 * network: its coordinators invite the organisation's advisers (role "partner"). The emailed
 * link carries 32 random bytes (only their SHA-256 is stored); it expires after 7 days, is used
 * once and can be revoked. The mail is queued in the same transaction as the invitation.
 */
import { and, asc, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { invitations, memberships, partners, places, users } from "~/db/schema";
import { createSession } from "~/features/accounts/sessions.server";
import { hashToken, randomToken } from "~/features/accounts/tokens.server";
import { addMembership, createUser, getPlaceTarget, normaliseEmail } from "~/features/accounts/users.server";
import { recordAudit } from "~/features/audit/record.server";
import { queueMail } from "~/features/mail/outbox.server";
import { can, type PlaceTarget, type Principal } from "~/features/policy/policy";
import { hitRateLimit } from "~/features/rate-limit/rate-limit.server";
import { isUuid } from "~/lib/ids";
import { fr } from "~/lib/messages";

export const INVITATION_LIFETIME_MS = 7 * 86_400_000;
/** 20 invitations an hour per person. */
export const INVITATION_LIMIT = { limit: 20, windowSeconds: 3600 };
export type PlaceRole = "manager" | "mediator";


/**
 * May this person invite, promote, demote or remove someone with `role` in this place?
 * Mediators: whoever may invite staff to the place (its managers, its network's
 * coordinators). Managers: only the coordinators of the place's networks (and admins).
 */
export function mayHandleRole(principal: Principal, target: PlaceTarget, role: PlaceRole): boolean {
  if (!can(principal, "place.staff.invite", target)) return false;
  if (role === "mediator") return true;
  return can(principal, "platform.admin", null) || target.networkIds.some((networkId) => can(principal, "network.manage", { networkId }));
}

export type InviteOutcome =
  | { kind: "invited"; invitationId: string; token: string }
  | { kind: "forbidden" }
  | { kind: "already-member" }
  | { kind: "limited"; retryAfterSeconds: number };

export async function createInvitation(
  db: Db,
  options: { principal: Principal; inviterName: string; placeId: string; email: string; role: PlaceRole; baseUrl: string; now?: Date },
): Promise<InviteOutcome> {
  const now = options.now ?? new Date();
  const target = await getPlaceTarget(db, options.placeId);
  if (!mayHandleRole(options.principal, target, options.role)) return { kind: "forbidden" };
  const limit = await hitRateLimit(db, { key: `invite:user:${options.principal.userId}`, ...INVITATION_LIMIT, now });
  if (!limit.allowed) return { kind: "limited", retryAfterSeconds: limit.retryAfterSeconds };
  const email = normaliseEmail(options.email);
  const [member] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(users.email, email), eq(memberships.placeId, options.placeId), eq(memberships.role, options.role)));
  if (member) return { kind: "already-member" };
  const [place] = await db.select({ name: places.name }).from(places).where(eq(places.id, options.placeId));
  if (!place) return { kind: "forbidden" };
  const token = randomToken();
  const invitationId = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(invitations)
      .values({ tokenHash: hashToken(token), email, role: options.role, placeId: options.placeId, invitedBy: options.principal.userId, expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS), createdAt: now })
      .returning({ id: invitations.id });
    const m = fr.mail.invitation;
    await queueMail(tx, { to: email, subject: m.subjectPlace(place.name), text: m.text(options.inviterName, fr.mail.roles[options.role], place.name, `${options.baseUrl}/invitation/${token}`) }, now);
    // The log keeps the role, not the address (it is append-only: no personal data to purge).
    await recordAudit(tx, { actorUserId: options.principal.userId, action: "invitation.created", entityType: "invitation", entityId: row!.id, placeId: options.placeId, after: { role: options.role } }, now);
    return row!.id;
  });
  return { kind: "invited", invitationId, token };
}

/**
 * Invite an adviser to a partner organisation (role "partner"): its network's coordinators and
 * the platform admins (`network.partners`). Accepting the link makes the account one of the
 * organisation's advisers.
 */
export async function createPartnerInvitation(
  db: Db,
  options: { principal: Principal; inviterName: string; partnerId: string; email: string; baseUrl: string; now?: Date },
): Promise<InviteOutcome> {
  const now = options.now ?? new Date();
  if (!isUuid(options.partnerId)) return { kind: "forbidden" };
  const [partner] = await db.select({ name: partners.name, networkId: partners.networkId }).from(partners).where(eq(partners.id, options.partnerId));
  if (!partner || !can(options.principal, "network.partners", { networkId: partner.networkId })) return { kind: "forbidden" };
  const limit = await hitRateLimit(db, { key: `invite:user:${options.principal.userId}`, ...INVITATION_LIMIT, now });
  if (!limit.allowed) return { kind: "limited", retryAfterSeconds: limit.retryAfterSeconds };
  const email = normaliseEmail(options.email);
  const [member] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(users.email, email), eq(memberships.partnerId, options.partnerId), eq(memberships.role, "partner")));
  if (member) return { kind: "already-member" };
  const token = randomToken();
  const invitationId = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(invitations)
      .values({ tokenHash: hashToken(token), email, role: "partner", partnerId: options.partnerId, invitedBy: options.principal.userId, expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS), createdAt: now })
      .returning({ id: invitations.id });
    const m = fr.mail.invitation;
    await queueMail(tx, { to: email, subject: m.subjectPartner(partner.name), text: m.text(options.inviterName, fr.mail.roles.partner, partner.name, `${options.baseUrl}/invitation/${token}`) }, now);
    await recordAudit(tx, { actorUserId: options.principal.userId, action: "invitation.created", entityType: "invitation", entityId: row!.id, networkId: partner.networkId, after: { role: "partner" } }, now);
    return row!.id;
  });
  return { kind: "invited", invitationId, token };
}

/** Cancel a pending invitation to a partner organisation (its network's coordinators, admins). */
export async function revokePartnerInvitation(db: Db, options: { principal: Principal; partnerId: string; invitationId: string; now?: Date }): Promise<"revoked" | "forbidden" | "not-found"> {
  const now = options.now ?? new Date();
  if (!isUuid(options.partnerId)) return "forbidden";
  const [partner] = await db.select({ networkId: partners.networkId }).from(partners).where(eq(partners.id, options.partnerId));
  if (!partner || !can(options.principal, "network.partners", { networkId: partner.networkId })) return "forbidden";
  if (!isUuid(options.invitationId)) return "not-found";
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(and(eq(invitations.id, options.invitationId), eq(invitations.partnerId, options.partnerId), eq(invitations.role, "partner"), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id });
    if (!row) return "not-found" as const;
    await recordAudit(tx, { actorUserId: options.principal.userId, action: "invitation.revoked", entityType: "invitation", entityId: row.id, networkId: partner.networkId, before: { role: "partner" } }, now);
    return "revoked" as const;
  });
}

/** The organisation's invitations not yet accepted, revoked or expired. */
export async function listPendingPartnerInvitations(db: Db, partnerId: string, now: Date = new Date()) {
  return db
    .select({ id: invitations.id, email: invitations.email, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(and(eq(invitations.partnerId, partnerId), eq(invitations.role, "partner"), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
    .orderBy(asc(invitations.createdAt));
}

export type InvitationView = {
  id: string;
  email: string;
  role: PlaceRole | "partner";
  /** The place invited to (manager, mediator), or the partner organisation and its network (partner). */
  placeId: string | null;
  partnerId: string | null;
  networkId: string | null;
  /** The place's or the organisation's name. */
  scopeName: string;
  /** Is there already an account with the invited address? */
  accountExists: boolean;
};
export type InspectOutcome = { kind: "ok"; invitation: InvitationView } | { kind: "invalid" | "expired" | "used" | "revoked" };

/** What a link leads to, without using it. */
export async function inspectInvitation(db: Db, token: string, now: Date = new Date()): Promise<InspectOutcome> {
  if (!token || token.length > 100) return { kind: "invalid" };
  const [row] = await db
    .select({
      id: invitations.id, email: invitations.email, role: invitations.role, placeId: invitations.placeId, placeName: places.name,
      partnerId: invitations.partnerId, partnerName: partners.name, partnerNetworkId: partners.networkId,
      expiresAt: invitations.expiresAt, acceptedAt: invitations.acceptedAt, revokedAt: invitations.revokedAt,
    })
    .from(invitations)
    .leftJoin(places, eq(places.id, invitations.placeId))
    .leftJoin(partners, eq(partners.id, invitations.partnerId))
    .where(eq(invitations.tokenHash, hashToken(token)));
  if (!row) return { kind: "invalid" };
  const scope =
    (row.role === "manager" || row.role === "mediator") && row.placeId && row.placeName !== null
      ? { role: row.role, placeId: row.placeId, partnerId: null, networkId: null, scopeName: row.placeName }
      : row.role === "partner" && row.partnerId && row.partnerName !== null && row.partnerNetworkId
        ? { role: row.role, placeId: null, partnerId: row.partnerId, networkId: row.partnerNetworkId, scopeName: row.partnerName }
        : null;
  if (!scope) return { kind: "invalid" };
  if (row.revokedAt) return { kind: "revoked" };
  if (row.acceptedAt) return { kind: "used" };
  if (row.expiresAt <= now) return { kind: "expired" };
  const [account] = await db.select({ id: users.id }).from(users).where(eq(users.email, row.email));
  return { kind: "ok", invitation: { id: row.id, email: row.email, ...scope, accountExists: Boolean(account) } };
}

export type AcceptOutcome =
  | { kind: "accepted"; userId: string; placeId: string | null; partnerId: string | null; session?: { token: string; expiresAt: Date } }
  | { kind: "invalid" | "expired" | "used" | "revoked" }
  | { kind: "sign-in-needed" }
  | { kind: "other-account" };

/**
 * Accept an invitation. `as` is the signed-in user (whose address must be the invited
 * one); without it, `newAccount` creates the account (address verified: the link proves
 * it, or the OpenID Connect provider does) and opens a session. Used once, even by two concurrent requests.
 */
export async function acceptInvitation(
  db: Db,
  options: {
    token: string;
    as?: { userId: string; email: string } | null;
    /** A new account: with a password, or none when the person signs in with OpenID Connect (`email` is then the provider's verified address). */
    newAccount?: { name: string; password?: string; email?: string };
    now?: Date;
  },
): Promise<AcceptOutcome> {
  const now = options.now ?? new Date();
  const result = await db.transaction(async (tx): Promise<AcceptOutcome> => {
    const seen = await inspectInvitation(tx, options.token, now);
    if (seen.kind !== "ok") return seen;
    const invitation = seen.invitation;
    let userId: string;
    if (options.as) {
      if (normaliseEmail(options.as.email) !== invitation.email) return { kind: "other-account" };
      userId = options.as.userId;
    } else if (invitation.accountExists || !options.newAccount) {
      return { kind: "sign-in-needed" };
    } else if (options.newAccount.email !== undefined && normaliseEmail(options.newAccount.email) !== invitation.email) {
      return { kind: "other-account" };
    } else {
      userId = await createUser(tx, { email: invitation.email, name: options.newAccount.name, password: options.newAccount.password, emailVerified: true, now });
    }
    const [used] = await tx
      .update(invitations)
      .set({ acceptedAt: now, acceptedBy: userId })
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
      .returning({ id: invitations.id });
    if (!used) throw new AlreadyUsed();
    await tx.update(users).set({ emailVerifiedAt: now }).where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)));
    if (invitation.role === "partner") await addMembership(tx, userId, { role: "partner", partnerId: invitation.partnerId!, networkId: invitation.networkId! });
    else await addMembership(tx, userId, { role: invitation.role, placeId: invitation.placeId! });
    await recordAudit(
      tx,
      { actorUserId: userId, action: "invitation.accepted", entityType: "invitation", entityId: invitation.id, placeId: invitation.placeId, networkId: invitation.networkId, after: { role: invitation.role } },
      now,
    );
    return { kind: "accepted", userId, placeId: invitation.placeId, partnerId: invitation.partnerId };
  }).catch((error: unknown) => {
    if (error instanceof AlreadyUsed) return { kind: "used" } as const;
    throw error;
  });
  if (result.kind === "accepted" && !options.as) {
    const { token, session } = await createSession(db, result.userId, now);
    return { ...result, session: { token, expiresAt: session.expiresAt } };
  }
  return result;
}

class AlreadyUsed extends Error {}

export async function revokeInvitation(db: Db, options: { principal: Principal; placeId: string; invitationId: string; now?: Date }): Promise<"revoked" | "forbidden" | "not-found"> {
  const now = options.now ?? new Date();
  const target = await getPlaceTarget(db, options.placeId);
  const [row] = await db
    .select({ role: invitations.role })
    .from(invitations)
    .where(and(eq(invitations.id, options.invitationId), eq(invitations.placeId, options.placeId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
  if (!row || (row.role !== "manager" && row.role !== "mediator")) return can(options.principal, "place.staff.invite", target) ? "not-found" : "forbidden";
  if (!mayHandleRole(options.principal, target, row.role)) return "forbidden";
  await db.transaction(async (tx) => {
    await tx.update(invitations).set({ revokedAt: now }).where(eq(invitations.id, options.invitationId));
    await recordAudit(tx, { actorUserId: options.principal.userId, action: "invitation.revoked", entityType: "invitation", entityId: options.invitationId, placeId: options.placeId, before: { role: row.role } }, now);
  });
  return "revoked";
}

/** The place's team: its managers and mediators. */
export async function listStaff(db: Db, placeId: string) {
  return db
    .select({ userId: users.id, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.placeId, placeId), sql`${memberships.role} in ('manager', 'mediator')`))
    .orderBy(asc(users.name), asc(memberships.role)) as Promise<{ userId: string; name: string; role: PlaceRole }[]>;
}

export async function listPendingInvitations(db: Db, placeId: string, now: Date = new Date()) {
  return db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(and(eq(invitations.placeId, placeId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
    .orderBy(asc(invitations.createdAt)) as Promise<{ id: string; email: string; role: PlaceRole; expiresAt: Date }[]>;
}

export type StaffChange = "done" | "forbidden" | "not-found";

/** Manager ↔ mediator: touching a manager's role is the coordinators' decision. */
export async function changeStaffRole(db: Db, options: { principal: Principal; placeId: string; userId: string; from: PlaceRole; to: PlaceRole; now?: Date }): Promise<StaffChange> {
  const now = options.now ?? new Date();
  const target = await getPlaceTarget(db, options.placeId);
  if (!mayHandleRole(options.principal, target, options.from) || !mayHandleRole(options.principal, target, options.to)) return "forbidden";
  if (options.from === options.to) return "done";
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(memberships)
      .where(and(eq(memberships.userId, options.userId), eq(memberships.placeId, options.placeId), eq(memberships.role, options.from)))
      .returning({ id: memberships.id });
    if (removed.length === 0) return "not-found" as const;
    await addMembership(tx, options.userId, { role: options.to, placeId: options.placeId });
    await recordAudit(tx, { actorUserId: options.principal.userId, action: "staff.role-changed", entityType: "user", entityId: options.userId, placeId: options.placeId, before: { role: options.from }, after: { role: options.to } }, now);
    return "done" as const;
  });
}

export async function removeStaff(db: Db, options: { principal: Principal; placeId: string; userId: string; role: PlaceRole; now?: Date }): Promise<StaffChange> {
  const now = options.now ?? new Date();
  const target = await getPlaceTarget(db, options.placeId);
  if (!mayHandleRole(options.principal, target, options.role)) return "forbidden";
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(memberships)
      .where(and(eq(memberships.userId, options.userId), eq(memberships.placeId, options.placeId), eq(memberships.role, options.role)))
      .returning({ id: memberships.id });
    if (removed.length === 0) return "not-found" as const;
    await recordAudit(tx, { actorUserId: options.principal.userId, action: "staff.removed", entityType: "user", entityId: options.userId, placeId: options.placeId, before: { role: options.role } }, now);
    return "done" as const;
  });
}

/** Invitations hold an address: deleted 90 days after they expired, were accepted or revoked (the audit log keeps the role only). */
export const INVITATION_RETENTION_MS = 90 * 86_400_000;
export async function purgeOldInvitations(db: Db, now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - INVITATION_RETENTION_MS);
  const deleted = await db
    .delete(invitations)
    .where(or(lt(invitations.expiresAt, cutoff), lt(invitations.acceptedAt, cutoff), lt(invitations.revokedAt, cutoff)))
    .returning({ id: invitations.id });
  return deleted.length;
}
