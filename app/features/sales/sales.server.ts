/**
 * Selling at the desk: a sale and its receipt, and a correction that cancels one. Everything in one
 * transaction, with the locks taken in one order (the cash day shared → the person → the credit
 * balance → the receipt counter), so two mediators selling at once never deadlock and:
 * - the receipt number is the counter's next value, taken last and kept only if the sale commits
 *   (a refused or failed sale rolls it back: no gap); `sales (place_id, year, number)` is unique;
 * - a person's free allowance and credit are read and spent under their row lock;
 * - the day's closing (cash-days.server.ts) waits for sales in flight (it locks the day for update).
 */
import { and, eq, gte, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import {
  beneficiaries, bookings, cashDays, priceCategories, receiptCounters, saleLines, sales, tariffItems, tariffPrices, workshopRegistrations, workshops,
  type PaymentMethod, type SaleLineKind, type TariffUnit,
} from "~/db/schema";
import { activeMembershipOn, cancelMembershipsOfSale, grantMembership, placeToday } from "~/features/memberships/memberships.server";
import { moveCredit } from "./credit.server";
import { allowanceWindow, freeQuantity, lineAmount, priceOn } from "./pricing";

export type SaleLineInput = { itemId: string; quantity: number } | { topupCents: number };

export type SaleInput = {
  placeId: string;
  actorUserId: string | null;
  beneficiaryId: string | null;
  /** The reduced rate applied; null: the normal rate. */
  categoryId: string | null;
  paymentMethod: PaymentMethod;
  lines: readonly SaleLineInput[];
  bookingId?: string | null;
  registrationId?: string | null;
  note?: string;
  now?: Date;
};

export type SaleRefusal =
  | { kind: "day-not-open" }
  | { kind: "day-closed" }
  | { kind: "nothing-sold" }
  | { kind: "unknown-person" }
  | { kind: "unknown-item" }
  | { kind: "unknown-category" }
  | { kind: "unknown-link" }
  | { kind: "no-price"; label: string }
  | { kind: "person-needed"; label: string }
  | { kind: "topup-by-credit" }
  | { kind: "insufficient-credit"; balanceCents: number; totalCents: number }
  | { kind: "credit-spent"; balanceCents: number; neededCents: number };

export type SaleResult = { kind: "sold"; saleId: string; year: number; number: number; totalCents: number; balanceAfterCents: number | null } | SaleRefusal;

type Line = { itemId: string | null; kind: SaleLineKind; label: string; unit: TariffUnit; quantity: number; free: number; unitPriceCents: number; membershipMonths: number | null };

class Refused extends Error {
  constructor(readonly refusal: SaleRefusal) {
    super(refusal.kind);
  }
}

/** The place's day (on its clock) and the cash day open on it, locked for share: the closing waits for this sale. */
async function lockOpenDay(tx: Db, placeId: string, now: Date): Promise<{ dayId: string; today: string }> {
  const today = await placeToday(tx, placeId, now);
  const [day] = await tx
    .select({ id: cashDays.id, closedAt: cashDays.closedAt })
    .from(cashDays)
    .where(and(eq(cashDays.placeId, placeId), eq(cashDays.businessDate, today)))
    .for("share");
  if (!day) throw new Refused({ kind: "day-not-open" });
  if (day.closedAt) throw new Refused({ kind: "day-closed" });
  return { dayId: day.id, today };
}

/** The next receipt number of the place's year, in the caller's transaction (its row lock is held until commit). */
async function nextReceiptNumber(tx: Db, placeId: string, year: number): Promise<number> {
  const [row] = await tx
    .insert(receiptCounters)
    .values({ placeId, year, lastNumber: 1 })
    .onConflictDoUpdate({ target: [receiptCounters.placeId, receiptCounters.year], set: { lastNumber: sql`${receiptCounters.lastNumber} + 1` } })
    .returning({ number: receiptCounters.lastNumber });
  return row!.number;
}

/** Free quantity of an item a person already used in the allowance's window (corrections give it back). */
export async function allowanceUsed(tx: Db, input: { beneficiaryId: string; itemId: string; from: string; to: string }): Promise<number> {
  const [row] = await tx
    .select({ used: sql<string>`coalesce(sum(${saleLines.freeQuantity}), 0)` })
    .from(saleLines)
    .innerJoin(sales, eq(sales.id, saleLines.saleId))
    .innerJoin(cashDays, eq(cashDays.id, sales.cashDayId))
    .where(and(eq(sales.beneficiaryId, input.beneficiaryId), eq(saleLines.itemId, input.itemId), gte(cashDays.businessDate, input.from), lte(cashDays.businessDate, input.to)));
  return Number(row?.used ?? 0);
}

/** The lines priced on `today` for the rate, allowances applied for the person. */
async function priceLines(tx: Db, input: SaleInput, today: string): Promise<Line[]> {
  const itemIds = [...new Set(input.lines.flatMap((l) => ("itemId" in l ? [l.itemId] : [])))];
  const items = itemIds.length
    ? await tx
        .select({
          id: tariffItems.id, kind: tariffItems.kind, name: tariffItems.name, unit: tariffItems.unit, membershipMonths: tariffItems.membershipMonths,
          allowanceQuantity: tariffItems.allowanceQuantity, allowancePeriod: tariffItems.allowancePeriod, allowanceMembersOnly: tariffItems.allowanceMembersOnly,
        })
        .from(tariffItems)
        .where(and(inArray(tariffItems.id, itemIds), eq(tariffItems.placeId, input.placeId), eq(tariffItems.active, true)))
    : [];
  if (items.length !== itemIds.length) throw new Refused({ kind: "unknown-item" });
  const prices = itemIds.length
    ? await tx
        .select({ itemId: tariffPrices.itemId, categoryId: tariffPrices.categoryId, validFrom: tariffPrices.validFrom, unitPriceCents: tariffPrices.unitPriceCents })
        .from(tariffPrices)
        .where(inArray(tariffPrices.itemId, itemIds))
    : [];
  const member = input.beneficiaryId ? Boolean(await activeMembershipOn(tx, { placeId: input.placeId, beneficiaryId: input.beneficiaryId, day: today })) : false;
  const usedInSale = new Map<string, number>();
  const lines: Line[] = [];
  for (const wanted of input.lines) {
    if (!("itemId" in wanted)) {
      if (!input.beneficiaryId) throw new Refused({ kind: "person-needed", label: "topup" });
      lines.push({ itemId: null, kind: "topup", label: "Crédit prépayé", unit: "item", quantity: 1, free: 0, unitPriceCents: wanted.topupCents, membershipMonths: null });
      continue;
    }
    const item = items.find((i) => i.id === wanted.itemId)!;
    const price = priceOn(prices.filter((p) => p.itemId === item.id), today, input.categoryId);
    if (!price) throw new Refused({ kind: "no-price", label: item.name });
    if (item.kind === "membership" && !input.beneficiaryId) throw new Refused({ kind: "person-needed", label: item.name });
    let free = 0;
    if (input.beneficiaryId && item.allowanceQuantity && item.allowancePeriod && (member || !item.allowanceMembersOnly)) {
      const window = allowanceWindow(item.allowancePeriod, today);
      const used = (await allowanceUsed(tx, { beneficiaryId: input.beneficiaryId, itemId: item.id, ...window })) + (usedInSale.get(item.id) ?? 0);
      free = freeQuantity(wanted.quantity, item.allowanceQuantity, used);
      usedInSale.set(item.id, (usedInSale.get(item.id) ?? 0) + free);
    }
    lines.push({ itemId: item.id, kind: item.kind, label: item.name, unit: item.unit, quantity: wanted.quantity, free, unitPriceCents: price.unitPriceCents, membershipMonths: item.membershipMonths });
  }
  return lines;
}

/** Check that the person, the rate and what the sale pays for are the place's; lock the person. */
async function checkParties(tx: Db, input: SaleInput): Promise<void> {
  if (input.beneficiaryId) {
    const [person] = await tx
      .select({ id: beneficiaries.id })
      .from(beneficiaries)
      .where(and(eq(beneficiaries.id, input.beneficiaryId), eq(beneficiaries.placeId, input.placeId), isNull(beneficiaries.anonymisedAt)))
      .for("update");
    if (!person) throw new Refused({ kind: "unknown-person" });
  }
  if (input.categoryId) {
    const [category] = await tx.select({ id: priceCategories.id }).from(priceCategories).where(and(eq(priceCategories.id, input.categoryId), eq(priceCategories.placeId, input.placeId)));
    if (!category) throw new Refused({ kind: "unknown-category" });
  }
  if (input.bookingId) {
    const [booking] = await tx.select({ id: bookings.id }).from(bookings).where(and(eq(bookings.id, input.bookingId), eq(bookings.placeId, input.placeId)));
    if (!booking) throw new Refused({ kind: "unknown-link" });
  }
  if (input.registrationId) {
    const [registration] = await tx
      .select({ id: workshopRegistrations.id })
      .from(workshopRegistrations)
      .innerJoin(workshops, eq(workshops.id, workshopRegistrations.workshopId))
      .where(and(eq(workshopRegistrations.id, input.registrationId), eq(workshops.placeId, input.placeId)));
    if (!registration) throw new Refused({ kind: "unknown-link" });
  }
}

/**
 * Record a sale at the desk, all or nothing: priced at the day's tariff for the rate, allowances
 * applied, paid by one means (credit: taken from the person's balance, never below zero), top-ups
 * credited, memberships granted, and a receipt number with no gap.
 */
export async function recordSale(db: Db, input: SaleInput): Promise<SaleResult> {
  const now = input.now ?? new Date();
  if (input.lines.length === 0) return { kind: "nothing-sold" };
  try {
    return await db.transaction(async (tx) => {
      const { dayId, today } = await lockOpenDay(tx, input.placeId, now);
      await checkParties(tx, input);
      const lines = await priceLines(tx, input, today);
      const total = lines.reduce((sum, l) => sum + lineAmount(l.quantity, l.free, l.unitPriceCents), 0);
      if (input.paymentMethod === "credit" && lines.some((l) => l.kind === "topup")) throw new Refused({ kind: "topup-by-credit" });
      if (input.paymentMethod === "credit" && !input.beneficiaryId) throw new Refused({ kind: "person-needed", label: "credit" });
      const year = Number(today.slice(0, 4));
      const saleId = crypto.randomUUID();
      let balanceAfterCents: number | null = null;
      const number = await nextReceiptNumber(tx, input.placeId, year);
      await tx.insert(sales).values({
        id: saleId, placeId: input.placeId, cashDayId: dayId, year, number, soldAt: now, beneficiaryId: input.beneficiaryId, categoryId: input.categoryId,
        paymentMethod: input.paymentMethod, totalCents: total, bookingId: input.bookingId ?? null, registrationId: input.registrationId ?? null,
        note: input.note ?? "", createdBy: input.actorUserId,
      });
      await tx.insert(saleLines).values(
        lines.map((l, position) => ({
          saleId, position, itemId: l.itemId, kind: l.kind, label: l.label, unit: l.unit, quantity: l.quantity, freeQuantity: l.free,
          unitPriceCents: l.unitPriceCents, amountCents: lineAmount(l.quantity, l.free, l.unitPriceCents),
        })),
      );
      // A refusal from here on rolls back the sale and its number with it: no gap.
      if (input.paymentMethod === "credit" && total > 0) {
        const moved = await moveCredit(tx, { placeId: input.placeId, beneficiaryId: input.beneficiaryId!, deltaCents: -total, kind: "spend", saleId, actorUserId: input.actorUserId, now });
        if (!moved.ok) throw new Refused({ kind: "insufficient-credit", balanceCents: moved.balanceCents, totalCents: total });
        balanceAfterCents = moved.balanceAfterCents;
      }
      for (const line of lines) {
        if (line.kind === "topup") {
          const moved = await moveCredit(tx, { placeId: input.placeId, beneficiaryId: input.beneficiaryId!, deltaCents: line.unitPriceCents, kind: "topup", saleId, actorUserId: input.actorUserId, now });
          if (moved.ok) balanceAfterCents = moved.balanceAfterCents;
        }
        if (line.kind === "membership") {
          for (let i = 0; i < line.quantity; i++) {
            await grantMembership(tx, {
              placeId: input.placeId, beneficiaryId: input.beneficiaryId!, itemId: line.itemId, categoryId: input.categoryId, months: line.membershipMonths ?? 12,
              saleId, actorUserId: input.actorUserId, today,
            });
          }
        }
      }
      if (input.beneficiaryId) await tx.update(beneficiaries).set({ lastActivityAt: now }).where(eq(beneficiaries.id, input.beneficiaryId));
      return { kind: "sold" as const, saleId, year, number, totalCents: total, balanceAfterCents };
    });
  } catch (error) {
    if (error instanceof Refused) return error.refusal;
    throw error;
  }
}

export type CancelResult =
  | { kind: "cancelled"; saleId: string; year: number; number: number }
  | { kind: "not-found" }
  | { kind: "already-cancelled" }
  | { kind: "is-correction" }
  | Extract<SaleRefusal, { kind: "credit-spent" | "day-not-open" | "day-closed" }>;

/**
 * Cancel a sale by a correction: a new receipt, today, with the opposite lines and the reason;
 * credit paid is given back, credit topped up taken back (refused if already spent), memberships
 * cancelled. The old receipt is never touched.
 */
export async function cancelSale(db: Db, input: { placeId: string; saleId: string; reason: string; actorUserId: string | null; now?: Date }): Promise<CancelResult> {
  const now = input.now ?? new Date();
  try {
    return await db.transaction(async (tx) => {
      const { dayId, today } = await lockOpenDay(tx, input.placeId, now);
      const [original] = await tx
        .select({ id: sales.id, beneficiaryId: sales.beneficiaryId, categoryId: sales.categoryId, paymentMethod: sales.paymentMethod, totalCents: sales.totalCents, cancelsSaleId: sales.cancelsSaleId, bookingId: sales.bookingId, registrationId: sales.registrationId })
        .from(sales)
        .where(and(eq(sales.id, input.saleId), eq(sales.placeId, input.placeId)))
        .for("update");
      if (!original) return { kind: "not-found" as const };
      if (original.cancelsSaleId) return { kind: "is-correction" as const };
      const [already] = await tx.select({ id: sales.id }).from(sales).where(eq(sales.cancelsSaleId, original.id));
      if (already) return { kind: "already-cancelled" as const };
      const lines = await tx.select().from(saleLines).where(eq(saleLines.saleId, original.id)).orderBy(saleLines.position);
      const saleId = crypto.randomUUID();
      // The same lock order as a sale: the person, then the receipt counter.
      if (original.beneficiaryId) await tx.select({ id: beneficiaries.id }).from(beneficiaries).where(eq(beneficiaries.id, original.beneficiaryId)).for("update");
      const year = Number(today.slice(0, 4));
      const number = await nextReceiptNumber(tx, input.placeId, year);
      await tx.insert(sales).values({
        id: saleId, placeId: input.placeId, cashDayId: dayId, year, number, soldAt: now, beneficiaryId: original.beneficiaryId, categoryId: original.categoryId,
        paymentMethod: original.paymentMethod, totalCents: -original.totalCents, cancelsSaleId: original.id, bookingId: original.bookingId,
        registrationId: original.registrationId, note: input.reason.trim(), createdBy: input.actorUserId,
      });
      await tx.insert(saleLines).values(
        lines.map((l) => ({
          saleId, position: l.position, itemId: l.itemId, kind: l.kind, label: l.label, unit: l.unit, quantity: -l.quantity, freeQuantity: -l.freeQuantity,
          unitPriceCents: l.unitPriceCents, amountCents: -l.amountCents,
        })),
      );
      // The correction is written first (the ledger names it); a refusal rolls it back with its number.
      if (original.beneficiaryId) {
        const toppedUp = lines.filter((l) => l.kind === "topup").reduce((sum, l) => sum + l.amountCents, 0);
        if (toppedUp > 0) {
          const moved = await moveCredit(tx, { placeId: input.placeId, beneficiaryId: original.beneficiaryId, deltaCents: -toppedUp, kind: "refund", saleId, actorUserId: input.actorUserId, now });
          if (!moved.ok) throw new Refused({ kind: "credit-spent", balanceCents: moved.balanceCents, neededCents: toppedUp });
        }
      }
      if (original.paymentMethod === "credit" && original.totalCents > 0 && original.beneficiaryId) {
        await moveCredit(tx, { placeId: input.placeId, beneficiaryId: original.beneficiaryId, deltaCents: original.totalCents, kind: "refund", saleId, actorUserId: input.actorUserId, now });
      }
      await cancelMembershipsOfSale(tx, { saleId: original.id, now });
      return { kind: "cancelled" as const, saleId, year, number };
    });
  } catch (error) {
    if (error instanceof Refused) return error.refusal as Extract<SaleRefusal, { kind: "credit-spent" | "day-not-open" | "day-closed" }>;
    throw error;
  }
}
