/**
 * The cash journal's days: open a day with its float, read what it holds (receipts, totals by
 * means of payment, the cash expected), close it with the cash counted and the reason for any
 * difference. Closing locks the day for update: it waits for sales in flight (they hold it for
 * share), so the expected cash counts every sale of the day; once closed, the database refuses any
 * change to the day and any sale into it.
 */
import { and, asc, desc, eq, isNotNull, lt, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { cashDays, sales, type PaymentMethod } from "~/db/schema";
import { recordAudit } from "~/features/audit/record.server";
import { placeToday } from "~/features/memberships/memberships.server";

export type DayTotals = Record<PaymentMethod, number>;
const NO_TOTALS: DayTotals = { cash: 0, cheque: 0, card: 0, credit: 0, free: 0 };

export type CashDaySummary = {
  id: string;
  businessDate: string;
  openingFloatCents: number;
  openedAt: Date;
  closedAt: Date | null;
  countedCashCents: number | null;
  expectedCashCents: number;
  differenceReason: string | null;
  /** Net of corrections, by means of payment (free: the value given away). */
  totals: DayTotals;
  receipts: number;
  corrections: number;
  firstNumber: number | null;
  lastNumber: number | null;
};

async function dayTotals(db: Db, dayId: string) {
  const rows = await db
    .select({
      method: sales.paymentMethod,
      total: sql<string>`sum(${sales.totalCents})`,
      receipts: sql<string>`count(*)`,
      corrections: sql<string>`count(${sales.cancelsSaleId})`,
      first: sql<number | null>`min(${sales.number})`,
      last: sql<number | null>`max(${sales.number})`,
    })
    .from(sales)
    .where(eq(sales.cashDayId, dayId))
    .groupBy(sales.paymentMethod);
  const totals: DayTotals = { ...NO_TOTALS };
  let receipts = 0;
  let corrections = 0;
  let firstNumber: number | null = null;
  let lastNumber: number | null = null;
  for (const r of rows) {
    totals[r.method] = Number(r.total);
    receipts += Number(r.receipts);
    corrections += Number(r.corrections);
    if (r.first !== null && (firstNumber === null || Number(r.first) < firstNumber)) firstNumber = Number(r.first);
    if (r.last !== null && (lastNumber === null || Number(r.last) > lastNumber)) lastNumber = Number(r.last);
  }
  return { totals, receipts, corrections, firstNumber, lastNumber };
}

const dayColumns = {
  id: cashDays.id, businessDate: cashDays.businessDate, openingFloatCents: cashDays.openingFloatCents, openedAt: cashDays.openedAt, closedAt: cashDays.closedAt,
  countedCashCents: cashDays.countedCashCents, expectedCashCents: cashDays.expectedCashCents, differenceReason: cashDays.differenceReason,
};

/** A day of the place's journal with its totals; undefined when it was never opened. */
export async function cashDaySummary(db: Db, input: { placeId: string; date: string }): Promise<CashDaySummary | undefined> {
  const [day] = await db.select(dayColumns).from(cashDays).where(and(eq(cashDays.placeId, input.placeId), eq(cashDays.businessDate, input.date)));
  if (!day) return undefined;
  const figures = await dayTotals(db, day.id);
  return { ...day, ...figures, expectedCashCents: day.expectedCashCents ?? day.openingFloatCents + figures.totals.cash };
}

/** Days before `today` left open: they must be closed (no sale can go into them any more). */
export async function daysLeftOpen(db: Db, input: { placeId: string; today: string }): Promise<string[]> {
  const rows = await db
    .select({ date: cashDays.businessDate })
    .from(cashDays)
    .where(and(eq(cashDays.placeId, input.placeId), lt(cashDays.businessDate, input.today), sql`${cashDays.closedAt} is null`))
    .orderBy(asc(cashDays.businessDate));
  return rows.map((r) => r.date);
}

/** What the last closed day counted: the float suggested for the next opening. */
export async function lastCountedCash(db: Db, placeId: string): Promise<number | undefined> {
  const [row] = await db
    .select({ counted: cashDays.countedCashCents })
    .from(cashDays)
    .where(and(eq(cashDays.placeId, placeId), isNotNull(cashDays.closedAt)))
    .orderBy(desc(cashDays.businessDate))
    .limit(1);
  return row?.counted ?? undefined;
}

export type OpenResult = { kind: "opened"; id: string } | { kind: "already-open" } | { kind: "already-closed" };

/** Open today's cash day with the float counted (once a day; a closed day does not reopen). */
export async function openCashDay(db: Db, input: { placeId: string; openingFloatCents: number; actorUserId: string | null; now?: Date }): Promise<OpenResult> {
  const now = input.now ?? new Date();
  const today = await placeToday(db, input.placeId, now);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(cashDays)
      .values({ placeId: input.placeId, businessDate: today, openingFloatCents: input.openingFloatCents, openedBy: input.actorUserId, openedAt: now })
      .onConflictDoNothing()
      .returning({ id: cashDays.id });
    if (!row) {
      const [existing] = await tx.select({ closedAt: cashDays.closedAt }).from(cashDays).where(and(eq(cashDays.placeId, input.placeId), eq(cashDays.businessDate, today)));
      return existing?.closedAt ? { kind: "already-closed" as const } : { kind: "already-open" as const };
    }
    await recordAudit(tx, { actorUserId: input.actorUserId, action: "cash-day.open", entityType: "cash_day", entityId: row.id, placeId: input.placeId, after: { date: today, openingFloatCents: input.openingFloatCents } }, now);
    return { kind: "opened" as const, id: row.id };
  });
}

export type CloseResult =
  | { kind: "closed"; expectedCashCents: number; differenceCents: number }
  | { kind: "not-open" }
  | { kind: "already-closed" }
  | { kind: "reason-needed"; expectedCashCents: number; differenceCents: number };

/**
 * Close a day: the cash expected (float + cash received, net of corrections) is computed under the
 * day's lock, after every sale in flight; a difference needs its reason. Nothing is written when refused.
 */
export async function closeCashDay(
  db: Db,
  input: { placeId: string; date: string; countedCashCents: number; reason: string; actorUserId: string | null; now?: Date },
): Promise<CloseResult> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [day] = await tx
      .select({ id: cashDays.id, closedAt: cashDays.closedAt, float: cashDays.openingFloatCents })
      .from(cashDays)
      .where(and(eq(cashDays.placeId, input.placeId), eq(cashDays.businessDate, input.date)))
      .for("update");
    if (!day) return { kind: "not-open" as const };
    if (day.closedAt) return { kind: "already-closed" as const };
    const { totals } = await dayTotals(tx, day.id);
    const expectedCashCents = day.float + totals.cash;
    const differenceCents = input.countedCashCents - expectedCashCents;
    const reason = input.reason.trim();
    if (differenceCents !== 0 && !reason) return { kind: "reason-needed" as const, expectedCashCents, differenceCents };
    await tx
      .update(cashDays)
      .set({ closedAt: now, closedBy: input.actorUserId, countedCashCents: input.countedCashCents, expectedCashCents, differenceReason: reason || null })
      .where(eq(cashDays.id, day.id));
    await recordAudit(
      tx,
      { actorUserId: input.actorUserId, action: "cash-day.close", entityType: "cash_day", entityId: day.id, placeId: input.placeId, after: { date: input.date, expectedCashCents, countedCashCents: input.countedCashCents, differenceCents } },
      now,
    );
    return { kind: "closed" as const, expectedCashCents, differenceCents };
  });
}

