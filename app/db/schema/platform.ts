/** Shared infrastructure: rate limits, the audit log, the mail outbox. */
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";

/**
 * Fixed-window rate limits settled by the database (atomic upsert), so several web
 * nodes share them. The key is a hash: no IP address is stored.
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    hits: integer("hits").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);


/** Who changed what, when (before/after). Append-only: a trigger refuses UPDATE and DELETE. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** No cascade (it would update the log): accounts are disabled, never deleted, once they acted. */
    actorUserId: uuid("actor_user_id").references(() => users.id),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    /** Plain ids, no foreign keys: the log outlives what it describes. */
    networkId: uuid("network_id"),
    placeId: uuid("place_id"),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [index("audit_log_place_idx").on(t.placeId, t.at), index("audit_log_network_idx").on(t.networkId, t.at)],
);

/**
 * The mail store: what was (or is to be) sent, and where it stands. `queueMail` writes it in
 * the same transaction as what caused it, with its mail.send job (app/features/jobs), which
 * sends it over SMTP and retries with backoff, so a failing mail server loses nothing.
 * Purged 30 days after it was sent or given up on (it holds an address).
 */
export const emailOutbox = pgTable("email_outbox", {
  id: uuid("id").primaryKey().defaultRandom(),
  toAddress: text("to_address").notNull(),
  subject: text("subject").notNull(),
  textBody: text("text_body").notNull(),
  htmlBody: text("html_body"),
  /** Files sent with the mail (a receipt's PDF): [{ filename, contentType, base64 }]. Purged with the mail. */
  attachments: jsonb("attachments"),
  status: text("status", { enum: ["pending", "sent", "failed"] }).notNull().default("pending"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  sentAt: timestamp("sent_at", { withTimezone: true }),
});
