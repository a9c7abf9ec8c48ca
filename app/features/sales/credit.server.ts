/**
 * Prepaid credit: a known person's balance at a place and the append-only ledger of its movements.
 * A movement is one conditional UPDATE of the balance (its row lock orders concurrent movements of
 * the same person; `balance_cents + delta >= 0` in the WHERE refuses an overdraft in words, and the
 * CHECK `balance_cents >= 0` refuses it whatever the code does) and one ledger line with the
 * balance after, in the caller's transaction.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { creditBalances, creditLedger, type CreditMovement } from "~/db/schema";

export type CreditMove = { placeId: string; beneficiaryId: string; deltaCents: number; kind: CreditMovement; saleId: string | null; actorUserId: string | null; now: Date };

/** Move credit inside the caller's transaction: the balance after, or `insufficient` with the balance as it is. */
export async function moveCredit(tx: Db, move: CreditMove): Promise<{ ok: true; balanceAfterCents: number } | { ok: false; balanceCents: number }> {
  if (move.deltaCents > 0) {
    await tx.insert(creditBalances).values({ beneficiaryId: move.beneficiaryId, placeId: move.placeId, balanceCents: 0 }).onConflictDoNothing();
  }
  const [row] = await tx
    .update(creditBalances)
    .set({ balanceCents: sql`${creditBalances.balanceCents} + ${move.deltaCents}`, updatedAt: move.now })
    .where(and(eq(creditBalances.beneficiaryId, move.beneficiaryId), eq(creditBalances.placeId, move.placeId), sql`${creditBalances.balanceCents} + ${move.deltaCents} >= 0`))
    .returning({ balance: creditBalances.balanceCents });
  if (!row) return { ok: false, balanceCents: await creditBalance(tx, move) };
  await tx.insert(creditLedger).values({
    placeId: move.placeId, beneficiaryId: move.beneficiaryId, saleId: move.saleId, kind: move.kind, deltaCents: move.deltaCents,
    balanceAfterCents: row.balance, createdBy: move.actorUserId, createdAt: move.now,
  });
  return { ok: true, balanceAfterCents: row.balance };
}

/** A person's balance at the place (0 when they never had credit). */
export async function creditBalance(db: Db, who: { placeId: string; beneficiaryId: string }): Promise<number> {
  const [row] = await db
    .select({ balance: creditBalances.balanceCents })
    .from(creditBalances)
    .where(and(eq(creditBalances.beneficiaryId, who.beneficiaryId), eq(creditBalances.placeId, who.placeId)));
  return row?.balance ?? 0;
}
