/** Staff accounts, sessions, roles, invitations, one-time links, OpenID Connect identities. */
import { sql } from "drizzle-orm";
import { boolean, check, index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { partners } from "./partners";
import { networks, organisations, places } from "./places";

/** A staff account (mediator, manager, coordinator, partner adviser, platform admin). */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Stored lower-case (the CHECK makes sure): one account per address. */
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    /** argon2id (PHC string); null for accounts that only sign in with OpenID Connect or have not accepted their invitation. */
    passwordHash: text("password_hash"),
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
    isPlatformAdmin: boolean("is_platform_admin").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
  },
  (t) => [check("users_email_lower_case", sql`${t.email} = lower(${t.email})`)],
);

/**
 * A signed-in browser. The id is the SHA-256 of the cookie's token: the token itself
 * is never stored, so a copy of the database cannot be used to sign in.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
    idleExpiresAt: timestamp("idle_expires_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** The provider's ID token after an OpenID Connect sign-in: sent back as id_token_hint to sign out there too (ProConnect). Gone with the session. */
    oidcIdToken: text("oidc_id_token"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

export const membershipRole = pgEnum("membership_role", ["coordinator", "manager", "mediator", "partner"]);

/**
 * A role in a scope: coordinator of a network, manager or mediator of a place, partner
 * adviser of an organisation. The CHECK ties the scope to the role.
 */
export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: membershipRole("role").notNull(),
    networkId: uuid("network_id").references(() => networks.id, { onDelete: "cascade" }),
    placeId: uuid("place_id").references(() => places.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    /** A partner adviser's organisation (partner role). */
    partnerId: uuid("partner_id").references(() => partners.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      "memberships_scope_matches_role",
      sql`(${t.role} = 'coordinator' and ${t.networkId} is not null and ${t.placeId} is null and ${t.organisationId} is null and ${t.partnerId} is null)
        or (${t.role} in ('manager', 'mediator') and ${t.placeId} is not null and ${t.networkId} is null and ${t.organisationId} is null and ${t.partnerId} is null)
        or (${t.role} = 'partner' and ${t.partnerId} is not null and ${t.networkId} is null and ${t.placeId} is null and ${t.organisationId} is null)`,
    ),
    uniqueIndex("memberships_unique_idx")
      .on(t.userId, t.role, sql`coalesce(${t.networkId}, ${t.placeId}, ${t.organisationId}, ${t.partnerId})`),
    index("memberships_partner_idx").on(t.partnerId),
    index("memberships_place_idx").on(t.placeId),
    index("memberships_network_idx").on(t.networkId),
  ],
);


/**
 * An invitation to join a place or a network with a role, sent by email. The link's
 * token is stored hashed; it expires and is used once.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull().unique(),
    email: text("email").notNull(),
    role: membershipRole("role").notNull(),
    networkId: uuid("network_id").references(() => networks.id, { onDelete: "cascade" }),
    placeId: uuid("place_id").references(() => places.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    partnerId: uuid("partner_id").references(() => partners.id, { onDelete: "cascade" }),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: uuid("accepted_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("invitations_place_idx").on(t.placeId), index("invitations_network_idx").on(t.networkId), index("invitations_partner_idx").on(t.partnerId)],
);

/** One-time links by email: address verification and password reset (token stored hashed). */
export const emailTokens = pgTable(
  "email_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ["verify-email", "reset-password"] }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("email_tokens_user_idx").on(t.userId)],
);

/** A staff account linked to an OpenID Connect identity (ProConnect): issuer + subject. */
export const oidcIdentities = pgTable(
  "oidc_identities",
  {
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] }), index("oidc_identities_user_idx").on(t.userId)],
);
