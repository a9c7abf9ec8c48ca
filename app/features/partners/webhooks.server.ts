/**
 * A partner's webhook settings: where the referral events are POSTed, the HMAC-SHA256 secret the
 * platform makes for it (32 random bytes, base64url; stored as is, since signing needs it, and
 * shown to the coordinator to give to the partner), and whether the person's names and contacts
 * go with the events (off unless the coordinator ticks it). The address is checked by
 * webhook-form.ts. The log keeps the address's origin only — a path may hold the receiver's own
 * key — and never the secret.
 */
import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { partners } from "~/db/schema";
import { randomToken } from "~/features/accounts/tokens.server";
import { recordAudit } from "~/features/audit/record.server";
import { isUuid } from "~/lib/ids";

const origin = (url: string | null) => (url ? new URL(url).origin : null);
const yesNo = (on: boolean) => (on ? "yes" : "no");

export type SaveWebhookResult = "saved" | "cleared" | "unchanged" | "not-found";

/**
 * Set the partner's webhook address and personal-data choice (a null `url` removes the webhook,
 * its secret with it). A first address gets a new secret; changing the address keeps it.
 */
export async function saveWebhook(db: Db, options: { networkId: string; partnerId: string; url: string | null; personalData: boolean; actorUserId: string; now?: Date }): Promise<SaveWebhookResult> {
  if (!isUuid(options.partnerId)) return "not-found";
  const now = options.now ?? new Date();
  const personalData = options.url !== null && options.personalData;
  return db.transaction(async (tx) => {
    const where = and(eq(partners.id, options.partnerId), eq(partners.networkId, options.networkId));
    const [before] = await tx.select({ url: partners.webhookUrl, secret: partners.webhookSecret, personalData: partners.webhookPersonalData }).from(partners).where(where).for("update");
    if (!before) return "not-found" as const;
    if (before.url === options.url && before.personalData === personalData) return "unchanged" as const;
    const secret = options.url === null ? null : (before.secret ?? randomToken());
    await tx.update(partners).set({ webhookUrl: options.url, webhookSecret: secret, webhookPersonalData: personalData, updatedAt: now }).where(where);
    await recordAudit(
      tx,
      {
        actorUserId: options.actorUserId, action: "partner.webhook", entityType: "partner", entityId: options.partnerId, networkId: options.networkId,
        before: { webhookHost: origin(before.url), webhookPersonalData: yesNo(before.personalData) },
        after: { webhookHost: origin(options.url), webhookPersonalData: yesNo(personalData) },
      },
      now,
    );
    return options.url === null ? ("cleared" as const) : ("saved" as const);
  });
}

/** A new secret for the partner's webhook (the old one stops working at once). */
export async function regenerateWebhookSecret(db: Db, options: { networkId: string; partnerId: string; actorUserId: string; now?: Date }): Promise<"regenerated" | "no-webhook" | "not-found"> {
  if (!isUuid(options.partnerId)) return "not-found";
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const where = and(eq(partners.id, options.partnerId), eq(partners.networkId, options.networkId));
    const updated = await tx
      .update(partners)
      .set({ webhookSecret: randomToken(), updatedAt: now })
      .where(and(where, isNotNull(partners.webhookUrl)))
      .returning({ id: partners.id });
    if (updated.length === 0) {
      const [exists] = await tx.select({ id: partners.id }).from(partners).where(where);
      return exists ? ("no-webhook" as const) : ("not-found" as const);
    }
    await recordAudit(tx, { actorUserId: options.actorUserId, action: "partner.webhook-secret", entityType: "partner", entityId: options.partnerId, networkId: options.networkId }, now);
    return "regenerated" as const;
  });
}
