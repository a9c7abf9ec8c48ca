/**
 * Sales written straight into the tables, following the schema's rules (amount = (quantity − free)
 * × unit price; numbers 1, 2, 3… per place and year through `receipt_counters`; a correction names
 * the sale it cancels, has the opposite amounts and a note). For the receipts', journal's and
 * figures' tests until the till's own commands (features/sales/sales.server.ts) are there.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { creditBalances, creditLedger, receiptCounters, saleLines, sales, type PaymentMethod, type SaleLineKind, type TariffUnit } from "~/db/schema";

export type LineInput = { kind?: SaleLineKind; itemId?: string | null; label?: string; unit?: TariffUnit; quantity: number; freeQuantity?: number; unitPriceCents: number };

async function nextNumber(db: Db, placeId: string, year: number): Promise<number> {
  const [row] = await db
    .insert(receiptCounters)
    .values({ placeId, year, lastNumber: 1 })
    .onConflictDoUpdate({ target: [receiptCounters.placeId, receiptCounters.year], set: { lastNumber: sql`${receiptCounters.lastNumber} + 1` } })
    .returning({ n: receiptCounters.lastNumber });
  return row!.n;
}

/** A sale with its lines (and, paid by credit or a top-up, the credit movement); returns its id, year and number. */
export async function insertSale(
  db: Db,
  options: {
    placeId: string;
    cashDayId: string;
    soldAt?: Date;
    lines: LineInput[];
    paymentMethod?: PaymentMethod;
    beneficiaryId?: string | null;
    categoryId?: string | null;
    createdBy?: string | null;
    note?: string;
  },
): Promise<{ id: string; year: number; number: number; totalCents: number }> {
  return db.transaction(async (tx) => {
    const soldAt = options.soldAt ?? new Date();
    const year = Number(soldAt.toISOString().slice(0, 4));
    const number = await nextNumber(tx, options.placeId, year);
    const lines = options.lines.map((l, i) => {
      const free = l.freeQuantity ?? 0;
      const kind = l.kind ?? "print";
      return { position: i + 1, kind, itemId: kind === "topup" ? null : (l.itemId ?? null), label: l.label ?? "Impression noir et blanc", unit: l.unit ?? "page", quantity: l.quantity, freeQuantity: free, unitPriceCents: l.unitPriceCents, amountCents: (l.quantity - free) * l.unitPriceCents };
    });
    const totalCents = lines.reduce((sum, l) => sum + l.amountCents, 0);
    const paymentMethod = options.paymentMethod ?? "cash";
    const [sale] = await tx
      .insert(sales)
      .values({ placeId: options.placeId, cashDayId: options.cashDayId, year, number, soldAt, beneficiaryId: options.beneficiaryId ?? null, categoryId: options.categoryId ?? null, paymentMethod, totalCents, createdBy: options.createdBy ?? null, note: options.note ?? "" })
      .returning({ id: sales.id });
    await tx.insert(saleLines).values(lines.map((l) => ({ ...l, saleId: sale!.id })));
    const topup = lines.filter((l) => l.kind === "topup").reduce((sum, l) => sum + l.amountCents, 0);
    const spent = paymentMethod === "credit" ? totalCents : 0;
    if (options.beneficiaryId && (topup !== 0 || spent !== 0)) await moveCredit(tx, { placeId: options.placeId, beneficiaryId: options.beneficiaryId, saleId: sale!.id, delta: topup - spent, kind: topup ? "topup" : "spend" });
    return { id: sale!.id, year, number, totalCents };
  });
}

async function moveCredit(db: Db, o: { placeId: string; beneficiaryId: string; saleId: string; delta: number; kind: "topup" | "spend" }) {
  await db.insert(creditBalances).values({ beneficiaryId: o.beneficiaryId, placeId: o.placeId, balanceCents: 0 }).onConflictDoNothing();
  const [balance] = await db
    .update(creditBalances)
    .set({ balanceCents: sql`${creditBalances.balanceCents} + ${o.delta}` })
    .where(and(eq(creditBalances.beneficiaryId, o.beneficiaryId)))
    .returning({ after: creditBalances.balanceCents });
  await db.insert(creditLedger).values({ placeId: o.placeId, beneficiaryId: o.beneficiaryId, saleId: o.saleId, kind: o.kind, deltaCents: o.delta, balanceAfterCents: balance!.after });
}

/** The correction of a sale: its lines with the opposite quantities, the same means of payment, a note. */
export async function insertCorrection(
  db: Db,
  options: { placeId: string; cashDayId: string; sale: { id: string; lines: LineInput[]; paymentMethod?: PaymentMethod; beneficiaryId?: string | null }; note: string; soldAt?: Date; createdBy?: string | null },
): Promise<{ id: string; year: number; number: number; totalCents: number }> {
  return db.transaction(async (tx) => {
    const soldAt = options.soldAt ?? new Date();
    const year = Number(soldAt.toISOString().slice(0, 4));
    const number = await nextNumber(tx, options.placeId, year);
    const lines = options.sale.lines.map((l, i) => {
      const free = -(l.freeQuantity ?? 0);
      const kind = l.kind ?? "print";
      return { position: i + 1, kind, itemId: kind === "topup" ? null : (l.itemId ?? null), label: l.label ?? "Impression noir et blanc", unit: l.unit ?? "page", quantity: -l.quantity, freeQuantity: free, unitPriceCents: l.unitPriceCents, amountCents: (-l.quantity - free) * l.unitPriceCents };
    });
    const totalCents = lines.reduce((sum, l) => sum + l.amountCents, 0);
    const [sale] = await tx
      .insert(sales)
      .values({ placeId: options.placeId, cashDayId: options.cashDayId, year, number, soldAt, beneficiaryId: options.sale.beneficiaryId ?? null, paymentMethod: options.sale.paymentMethod ?? "cash", totalCents, cancelsSaleId: options.sale.id, createdBy: options.createdBy ?? null, note: options.note })
      .returning({ id: sales.id });
    await tx.insert(saleLines).values(lines.map((l) => ({ ...l, saleId: sale!.id })));
    return { id: sale!.id, year, number, totalCents };
  });
}
