/**
 * Revenue figures of the paid services: per kind of service (TARIFF_KINDS) and per month of the
 * cash journal's days, in cents — top-ups of prepaid credit apart (their money pays for services
 * counted when the credit is spent), sales given free left out, corrections deducted. For the
 * statistics pages of a place and a network and the yearly report. Quantities count every unit
 * served, given free or not (corrections deducted). Never a person.
 */
import { and, between, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { cashDays, saleLines, sales, TARIFF_KINDS, type TariffKind } from "~/db/schema";
import type { IsoDate } from "~/features/time/calendar";

export type KindFigures = { kind: TariffKind; revenueCents: number; quantity: number };
export type SalesFigures = {
  /** Every kind that sold something, in TARIFF_KINDS' order. */
  byKind: KindFigures[];
  /** Every month of the period (« 2026-11 »), with its revenue, in order. */
  byMonth: { month: string; revenueCents: number }[];
  totalCents: number;
  topups: { amountCents: number; count: number };
  /** Whether any sale was recorded in the period (corrections and top-ups included). */
  hasSales: boolean;
};

/** The figures of the sales of these places whose cash day is from `from` to `to` (inclusive). */
export async function salesFigures(db: Db, { placeIds, from, to }: { placeIds: readonly string[]; from: IsoDate; to: IsoDate }): Promise<SalesFigures> {
  const month = sql<string>`to_char(${cashDays.businessDate}, 'YYYY-MM')`;
  const rows = placeIds.length
    ? await db
        .select({
          kind: saleLines.kind,
          month,
          revenueCents: sql<number>`sum(case when ${sales.paymentMethod} = 'free' then 0 else ${saleLines.amountCents} end)::int`,
          quantity: sql<number>`sum(${saleLines.quantity})::int`,
          lines: sql<number>`sum(sign(${saleLines.quantity}))::int`,
        })
        .from(saleLines)
        .innerJoin(sales, sql`${sales.id} = ${saleLines.saleId}`)
        .innerJoin(cashDays, sql`${cashDays.id} = ${sales.cashDayId}`)
        .where(and(inArray(sales.placeId, [...placeIds]), between(cashDays.businessDate, from, to), ne(saleLines.quantity, 0)))
        .groupBy(saleLines.kind, month)
    : [];
  const byKind = new Map<TariffKind, KindFigures>();
  const byMonth = new Map<string, number>();
  const topups = { amountCents: 0, count: 0 };
  for (const row of rows) {
    if (row.kind === "topup") {
      topups.amountCents += row.revenueCents;
      topups.count += row.lines;
      continue;
    }
    const kind = byKind.get(row.kind) ?? { kind: row.kind, revenueCents: 0, quantity: 0 };
    kind.revenueCents += row.revenueCents;
    kind.quantity += row.quantity;
    byKind.set(row.kind, kind);
    byMonth.set(row.month, (byMonth.get(row.month) ?? 0) + row.revenueCents);
  }
  const months: { month: string; revenueCents: number }[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = nextMonth(m)) months.push({ month: m, revenueCents: byMonth.get(m) ?? 0 });
  const kinds = TARIFF_KINDS.flatMap((k) => (byKind.has(k) ? [byKind.get(k)!] : []));
  return { byKind: kinds, byMonth: months, totalCents: kinds.reduce((s, k) => s + k.revenueCents, 0), topups, hasSales: rows.length > 0 };
}

function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}
