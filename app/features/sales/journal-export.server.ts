/**
 * The month's cash journal, for the treasurer (régisseur, the town's accountant): per day of each
 * place, the opening float, the receipts from n° to n°, the totals by means of payment, the
 * corrections, the cash expected, counted and the difference with its reason, open or closed; then
 * every receipt (number, date and time on the place's clock, « adhérent » / « personne suivie » /
 * « de passage » — never a name —, what was sold, the means of payment, the amount, what it cancels).
 * As CSV (semicolons and a BOM, as mediation's exports) or XLSX (a sheet per view, with totals).
 */
import { stringify } from "csv-stringify/sync";
import { and, asc, between, eq, inArray, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { Db } from "~/db/client.server";
import { cashDays, PAYMENT_METHODS, places, saleLines, sales, type PaymentMethod } from "~/db/schema";
import { isoDate, type IsoDate } from "~/features/time/calendar";
import { formatTime } from "~/features/time/format";
import { toWallTime } from "~/features/time/zone";
import { fr } from "~/lib/messages";
import { readJournalMonth } from "./journal-export";
import { receiptNumber } from "./pricing";

const m = fr.salesReports.journal;

export type JournalDay = {
  placeName: string;
  date: IsoDate;
  closed: boolean;
  openingFloatCents: number;
  firstReceipt: string | null;
  lastReceipt: string | null;
  receipts: number;
  /** Net of corrections, per means of payment. */
  byMethod: Record<PaymentMethod, number>;
  /** The corrections' amounts (negative). */
  correctionsCents: number;
  /** Money received: cash, cheques and cards, net of corrections (credit used and free are not money in). */
  collectedCents: number;
  expectedCashCents: number;
  countedCashCents: number | null;
  differenceCents: number | null;
  differenceReason: string;
};

export type JournalReceipt = {
  placeName: string;
  number: string;
  date: IsoDate;
  time: string;
  /** « adhérent », « personne suivie » or « de passage »: never who. */
  person: string;
  lines: string;
  method: PaymentMethod;
  amountCents: number;
  cancels: string | null;
  cancelledBy: string | null;
};

export type MonthJournal = { month: string; from: IsoDate; to: IsoDate; days: JournalDay[]; receipts: JournalReceipt[]; totals: Omit<JournalDay, "placeName" | "date" | "closed" | "firstReceipt" | "lastReceipt" | "differenceReason"> };

const zero = (): Record<PaymentMethod, number> => ({ cash: 0, cheque: 0, card: 0, credit: 0, free: 0 });
const MONEY_IN: readonly PaymentMethod[] = ["cash", "cheque", "card"];

/** The journal of `month` (« 2026-11 ») at these places; undefined when the month is not one. */
export async function monthJournal(db: Db, { placeIds, month, withReasons = true }: { placeIds: readonly string[]; month: string; withReasons?: boolean }): Promise<MonthJournal | undefined> {
  const period = readJournalMonth(month);
  if (!period) return undefined;
  const days = placeIds.length
    ? await db
        .select({
          id: cashDays.id,
          placeName: places.name,
          date: cashDays.businessDate,
          closedAt: cashDays.closedAt,
          openingFloatCents: cashDays.openingFloatCents,
          countedCashCents: cashDays.countedCashCents,
          expectedCashCents: cashDays.expectedCashCents,
          differenceReason: cashDays.differenceReason,
        })
        .from(cashDays)
        .innerJoin(places, eq(places.id, cashDays.placeId))
        .where(and(inArray(cashDays.placeId, [...placeIds]), between(cashDays.businessDate, period.from, period.to)))
        .orderBy(asc(cashDays.businessDate), asc(places.name), asc(cashDays.id))
    : [];
  const dayIds = days.map((d) => d.id);
  const sold = dayIds.length
    ? await db
        .select({
          id: sales.id,
          cashDayId: sales.cashDayId,
          placeId: sales.placeId,
          timeZone: places.timeZone,
          year: sales.year,
          number: sales.number,
          soldAt: sales.soldAt,
          method: sales.paymentMethod,
          totalCents: sales.totalCents,
          cancelsSaleId: sales.cancelsSaleId,
          beneficiaryId: sales.beneficiaryId,
          member: sql<boolean>`exists (select 1 from place_memberships pm where pm.place_id = ${sales.placeId} and pm.beneficiary_id = ${sales.beneficiaryId}
            and pm.cancelled_at is null and pm.starts_on <= ${cashDays.businessDate} and pm.ends_on >= ${cashDays.businessDate})`,
        })
        .from(sales)
        .innerJoin(cashDays, eq(cashDays.id, sales.cashDayId))
        .innerJoin(places, eq(places.id, sales.placeId))
        .where(inArray(sales.cashDayId, dayIds))
        .orderBy(asc(places.name), asc(sales.year), asc(sales.number))
    : [];
  const lines = sold.length
    ? await db
        .select({ saleId: saleLines.saleId, label: saleLines.label, quantity: saleLines.quantity, freeQuantity: saleLines.freeQuantity })
        .from(saleLines)
        .where(inArray(saleLines.saleId, sold.map((s) => s.id)))
        .orderBy(asc(saleLines.saleId), asc(saleLines.position))
    : [];
  const linesOf = new Map<string, string[]>();
  for (const line of lines) {
    const free = line.freeQuantity ? ` (${fr.salesReports.receipt.free(Math.abs(line.freeQuantity))})` : "";
    linesOf.set(line.saleId, [...(linesOf.get(line.saleId) ?? []), `${line.label} × ${line.quantity}${free}`]);
  }
  const numberOf = new Map(sold.map((s) => [s.id, receiptNumber(s.year, s.number)]));
  const cancelledBy = new Map(sold.filter((s) => s.cancelsSaleId).map((s) => [s.cancelsSaleId!, numberOf.get(s.id)!]));

  const journalDays: JournalDay[] = days.map((day) => {
    const ofDay = sold.filter((s) => s.cashDayId === day.id);
    const byMethod = zero();
    let correctionsCents = 0;
    for (const s of ofDay) {
      byMethod[s.method] += s.totalCents;
      if (s.cancelsSaleId) correctionsCents += s.totalCents;
    }
    const collectedCents = MONEY_IN.reduce((sum, method) => sum + byMethod[method], 0);
    const expectedCashCents = day.expectedCashCents ?? day.openingFloatCents + byMethod.cash;
    return {
      placeName: day.placeName,
      date: day.date as IsoDate,
      closed: day.closedAt !== null,
      openingFloatCents: day.openingFloatCents,
      firstReceipt: ofDay.length ? numberOf.get(ofDay[0]!.id)! : null,
      lastReceipt: ofDay.length ? numberOf.get(ofDay.at(-1)!.id)! : null,
      receipts: ofDay.length,
      byMethod,
      correctionsCents,
      collectedCents,
      expectedCashCents,
      countedCashCents: day.countedCashCents,
      differenceCents: day.countedCashCents === null ? null : day.countedCashCents - expectedCashCents,
      differenceReason: withReasons ? (day.differenceReason ?? "") : "",
    };
  });
  const dayOf = new Map(days.map((d) => [d.id, d]));
  const receipts: JournalReceipt[] = sold.map((s) => {
    const wall = toWallTime(s.timeZone, s.soldAt);
    return {
      placeName: dayOf.get(s.cashDayId)!.placeName,
      number: numberOf.get(s.id)!,
      date: isoDate(wall),
      time: formatTime(wall.hour, wall.minute),
      person: s.member ? m.member : s.beneficiaryId ? m.known : m.passing,
      lines: (linesOf.get(s.id) ?? []).join(", "),
      method: s.method,
      amountCents: s.totalCents,
      cancels: s.cancelsSaleId ? (numberOf.get(s.cancelsSaleId) ?? null) : null,
      cancelledBy: cancelledBy.get(s.id) ?? null,
    };
  });
  const totals = {
    openingFloatCents: sum(journalDays, (d) => d.openingFloatCents),
    receipts: sum(journalDays, (d) => d.receipts),
    byMethod: Object.fromEntries(PAYMENT_METHODS.map((method) => [method, sum(journalDays, (d) => d.byMethod[method])])) as Record<PaymentMethod, number>,
    correctionsCents: sum(journalDays, (d) => d.correctionsCents),
    collectedCents: sum(journalDays, (d) => d.collectedCents),
    expectedCashCents: sum(journalDays, (d) => d.expectedCashCents),
    countedCashCents: sum(journalDays, (d) => d.countedCashCents ?? 0),
    differenceCents: sum(journalDays, (d) => d.differenceCents ?? 0),
  };
  return { month: period.month, from: period.from, to: period.to, days: journalDays, receipts, totals };
}

function sum<T>(rows: readonly T[], of: (row: T) => number): number {
  return rows.reduce((total, row) => total + of(row), 0);
}

/** « 12,50 » / « -3,00 »: euros for a French spreadsheet (a number, no currency sign). */
const euros = (cents: number | null) => (cents === null ? "" : `${cents < 0 ? "-" : ""}${Math.floor(Math.abs(cents) / 100)},${String(Math.abs(cents) % 100).padStart(2, "0")}`);
const frDate = (date: IsoDate) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

const c = m.dayColumns;
const r = m.receiptColumns;
const DAY_HEADER = [c.place, c.date, c.state, c.openingFloat, c.firstReceipt, c.lastReceipt, c.receipts, c.cash, c.cheque, c.card, c.credit, c.free, c.corrections, c.total, c.expectedCash, c.countedCash, c.difference, c.reason];
const RECEIPT_HEADER = [r.place, r.number, r.date, r.time, r.person, r.lines, r.method, r.amount, r.cancels, r.cancelledBy];

/** A day's row: amounts in cents (the CSV writes them as euros, the XLSX as numbers in euros). */
function dayRow(d: JournalDay): (string | number | null)[] {
  return [d.placeName, d.date, d.closed ? m.closed : m.open, d.openingFloatCents, d.firstReceipt ?? "", d.lastReceipt ?? "", d.receipts, d.byMethod.cash, d.byMethod.cheque, d.byMethod.card, d.byMethod.credit, d.byMethod.free, d.correctionsCents, d.collectedCents, d.expectedCashCents, d.countedCashCents, d.differenceCents, d.differenceReason];
}
function totalRow(t: MonthJournal["totals"]): (string | number | null)[] {
  return [m.total, "", "", t.openingFloatCents, "", "", t.receipts, t.byMethod.cash, t.byMethod.cheque, t.byMethod.card, t.byMethod.credit, t.byMethod.free, t.correctionsCents, t.collectedCents, t.expectedCashCents, t.countedCashCents, t.differenceCents, ""];
}
const DAY_MONEY = new Set([3, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);

function receiptRow(x: JournalReceipt): (string | number | null)[] {
  return [x.placeName, x.number, x.date, x.time, x.person, x.lines, fr.salesReports.paymentMethods[x.method], x.amountCents, x.cancels ?? "", x.cancelledBy ?? ""];
}

/** The journal as one CSV: the days (with the month's totals), a blank line, then the receipts. */
export function journalCsv(journal: MonthJournal): string {
  const days = [...journal.days.map(dayRow), totalRow(journal.totals)].map((row) => row.map((cell, i) => (DAY_MONEY.has(i) ? euros(cell as number | null) : i === 1 && cell ? frDate(cell as IsoDate) : (cell ?? ""))));
  const receipts = journal.receipts.map(receiptRow).map((row) => row.map((cell, i) => (i === 7 ? euros(cell as number) : i === 2 ? frDate(cell as IsoDate) : (cell ?? ""))));
  const lines = [[m.sheetDays], DAY_HEADER, ...days, [], [m.sheetReceipts], RECEIPT_HEADER, ...receipts, [m.total, "", "", "", "", "", "", euros(sum(journal.receipts, (x) => x.amountCents))]];
  return `\uFEFF${stringify(lines.map((l) => l.map(String)), { delimiter: ";", record_delimiter: "\r\n" })}`;
}

/** The journal as an XLSX workbook: a sheet of days and a sheet of receipts, each with its totals; euros as numbers. */
export async function journalXlsx(journal: MonthJournal): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = fr.site.name;
  const money = (cell: ExcelJS.Cell, cents: unknown) => {
    if (typeof cents !== "number") return;
    cell.value = cents / 100;
    cell.numFmt = '#,##0.00 "€"';
  };
  const days = workbook.addWorksheet(m.sheetDays);
  days.columns = DAY_HEADER.map((_, i) => ({ width: i === 0 ? 32 : i === 17 ? 40 : 14 }));
  days.addRow(DAY_HEADER).font = { bold: true };
  for (const values of [...journal.days.map(dayRow), totalRow(journal.totals)]) {
    const row = days.addRow(values.map((v, i) => (DAY_MONEY.has(i) ? null : i === 1 && v ? new Date(`${v as string}T00:00:00Z`) : v)));
    values.forEach((v, i) => DAY_MONEY.has(i) && money(row.getCell(i + 1), v));
    if (values[1]) row.getCell(2).numFmt = "dd/mm/yyyy";
  }
  days.lastRow!.font = { bold: true };
  const receipts = workbook.addWorksheet(m.sheetReceipts);
  receipts.columns = RECEIPT_HEADER.map((_, i) => ({ width: i === 5 ? 60 : i === 0 ? 32 : 14 }));
  receipts.addRow(RECEIPT_HEADER).font = { bold: true };
  for (const values of journal.receipts.map(receiptRow)) {
    const row = receipts.addRow(values.map((v, i) => (i === 7 ? null : i === 2 ? new Date(`${v as string}T00:00:00Z`) : v)));
    money(row.getCell(8), values[7]);
    row.getCell(3).numFmt = "dd/mm/yyyy";
  }
  const total = receipts.addRow([m.total]);
  money(total.getCell(8), sum(journal.receipts, (x) => x.amountCents));
  total.font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The response for `…/export.csv|.xlsx?mois=2026-11` (this month in France by default); 400 with French words for a bad month. */
export async function journalExportResponse(db: Db, options: { placeIds: readonly string[]; name: string; url: URL; today: IsoDate; withReasons: boolean }): Promise<Response> {
  const asked = options.url.searchParams.get("mois");
  const month = asked ?? options.today.slice(0, 7);
  const journal = await monthJournal(db, { placeIds: options.placeIds, month, withReasons: options.withReasons });
  if (!journal) return new Response(m.badMonth, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } });
  const xlsx = options.url.pathname.endsWith(".xlsx");
  const slug = options.name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "lieu";
  const filename = `${m.filename(slug, journal.month)}.${xlsx ? "xlsx" : "csv"}`;
  const headers = { "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };
  if (xlsx) return new Response(new Uint8Array(await journalXlsx(journal)), { headers: { ...headers, "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } });
  return new Response(journalCsv(journal), { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" } });
}
