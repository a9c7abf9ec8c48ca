/** A network's label: granting it to a place, withdrawing it (audited). */
import { and, count, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~/db/client.server";
import { labelGrants, places } from "~/db/schema";
import { recordAudit } from "~/features/audit/record.server";
import { fr } from "~/lib/messages";
import { LABEL_THEMES } from "./label-themes";
import { addDays, isIsoDate } from "~/features/time/calendar";
import { todayInFrance } from "~/features/time/today";
import { notExpired, placeInNetwork } from "./network-places.server";

const m = fr.backoffice.network;

async function networkLabelName(db: Db, network: { id: string; name: string }): Promise<string> {
  const [row] = await db
    .select({ label: labelGrants.label, n: count() })
    .from(labelGrants)
    .where(eq(labelGrants.networkId, network.id))
    .groupBy(labelGrants.label)
    .orderBy(desc(count()))
    .limit(1);
  return row?.label ?? m.defaultLabel(network.name);
}


export const grantSchema = z
  .object({
    lieu: z.string(),
    themes: z.array(z.string()).refine((list) => list.every((t) => (LABEL_THEMES as readonly string[]).includes(t)), m.unknownTheme),
    du: z.string().trim().refine(isIsoDate, m.dateInvalid),
    au: z.string().trim().refine((v) => v === "" || isIsoDate(v), m.dateInvalid),
  })
  .refine((v) => v.au === "" || v.au >= v.du, { message: m.dateOrder, path: ["au"] });

export type GrantInput = z.infer<typeof grantSchema>;

export type LabelResult = { ok: true; placeName: string } | { ok: false; error: string };

export async function grantLabel(db: Db, network: { id: string; name: string }, input: GrantInput, actorUserId: string, now: Date = new Date()): Promise<LabelResult> {
  if (!(await placeInNetwork(db, network.id, input.lieu))) return { ok: false, error: m.notInNetwork };
  const label = await networkLabelName(db, network);
  const [place] = await db.select({ name: places.name }).from(places).where(eq(places.id, input.lieu));
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(labelGrants)
      .values({ networkId: network.id, placeId: input.lieu, label, themes: input.themes, validFrom: input.du, validUntil: input.au || null, decision: null, createdAt: now, updatedAt: now })
      .returning({ id: labelGrants.id });
    await recordAudit(
      tx,
      { actorUserId, action: "label.grant", entityType: "label_grant", entityId: row!.id, networkId: network.id, placeId: input.lieu, before: null, after: { label, themes: input.themes, validFrom: input.du, validUntil: input.au || null } },
      now,
    );
  });
  return { ok: true, placeName: place!.name };
}

/**
 * End the network's current grants for a place (they end yesterday: the history stays);
 * grants that had not started yet are removed. Audited, inside the caller's transaction.
 */
export async function endGrants(tx: Db, options: { networkId: string; placeId: string; actorUserId: string; now: Date }): Promise<void> {
  const { networkId, placeId, actorUserId, now } = options;
  const today = todayInFrance(now);
  const yesterday = addDays(today, -1);
  const grants = await tx.select().from(labelGrants).where(and(eq(labelGrants.networkId, networkId), eq(labelGrants.placeId, placeId), notExpired(today)));
  for (const g of grants) {
    if (g.validFrom > yesterday) await tx.delete(labelGrants).where(eq(labelGrants.id, g.id));
    else await tx.update(labelGrants).set({ validUntil: yesterday, updatedAt: now }).where(eq(labelGrants.id, g.id));
    await recordAudit(
      tx,
      { actorUserId, action: "label.withdraw", entityType: "label_grant", entityId: g.id, networkId, placeId, before: { label: g.label, themes: g.themes, validFrom: g.validFrom, validUntil: g.validUntil }, after: g.validFrom > yesterday ? null : { validUntil: yesterday } },
      now,
    );
  }
}

/** Withdraw the network's label from a place (see endGrants). */
export async function withdrawLabel(db: Db, network: { id: string }, placeId: string, actorUserId: string, now: Date = new Date()): Promise<LabelResult> {
  if (!(await placeInNetwork(db, network.id, placeId))) return { ok: false, error: m.notInNetwork };
  const [place] = await db.select({ name: places.name }).from(places).where(eq(places.id, placeId));
  await db.transaction(async (tx) => endGrants(tx, { networkId: network.id, placeId, actorUserId, now }));
  return { ok: true, placeName: place!.name };
}
