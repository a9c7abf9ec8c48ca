/** Partner organisations of a network (app/features/referrals): their advisers refer people to its places. */
import { sql } from "drizzle-orm";
import { boolean, check, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { networks } from "./places";

export const PARTNER_KINDS = ["france-travail", "ccas", "mission-locale", "departement", "association", "autre"] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/** A partner organisation of a network, whose advisers refer people to its places. */
export const partners = pgTable(
  "partners",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id").notNull().references(() => networks.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    kind: text("kind", { enum: PARTNER_KINDS }).notNull(),
    siret: text("siret"),
    /** The organisation's own address for notices (beside each adviser's). */
    email: text("email"),
    /** Signed webhooks: where to POST each referral event, and the HMAC-SHA256 secret. */
    webhookUrl: text("webhook_url"),
    webhookSecret: text("webhook_secret"),
    /** Send the person's names and contact in webhooks (off: only ids and the status). */
    webhookPersonalData: boolean("webhook_personal_data").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("partners_network_name_idx").on(t.networkId, sql`lower(${t.name})`),
    check("partners_kind_check", sql.raw(`kind in (${PARTNER_KINDS.map((k) => `'${k}'`).join(", ")})`)),
    check("partners_siret_check", sql`${t.siret} is null or ${t.siret} ~ '^[0-9]{14}$'`),
    check("partners_webhook_check", sql`(${t.webhookUrl} is null) = (${t.webhookSecret} is null)`),
  ],
);

