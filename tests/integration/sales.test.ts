import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { creditBalances, creditLedger, placeMemberships, saleLines, sales } from "~/db/schema";
import {
  createBeneficiary, createCashDay, createPlace, createPlaceMembership, createPriceCategory, createStaffUser, createTariffItem, type PlaceRow, type TariffItemRow,
} from "~/features/demo/factories.server";
import { cashDaySummary, closeCashDay, openCashDay } from "~/features/sales/cash-days.server";
import { creditBalance } from "~/features/sales/credit.server";
import { cancelSale, recordSale } from "~/features/sales/sales.server";
import { todayInFrance } from "~/features/time/today";
import { createTestDatabase } from "../support/database";

let database: Database;
let place: PlaceRow;
let print: TariffItemRow;
let actor: string;
const today = todayInFrance(new Date());

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  place = await createPlace(db, { name: "EPN des ventes" });
  actor = (await createStaffUser(db, { role: "mediator", placeId: place.id })).id;
  // 0,20 € a page, 10 pages a day free for members; 0,30 € from next year on.
  print = await createTariffItem(db, {
    placeId: place.id, name: "Impression noir et blanc", allowanceQuantity: 10, allowancePeriod: "day",
    prices: [{ unitPriceCents: 20 }, { unitPriceCents: 30, validFrom: `${Number(today.slice(0, 4)) + 1}-01-01` }],
  });
  await createCashDay(db, { placeId: place.id, openingFloatCents: 5000 });
});

afterAll(async () => {
  await database?.close();
});

describe("a sale at the desk", () => {
  it("sells 12 pages to a member: 10 free by the daily allowance, 2 paid at today's price", async () => {
    const db = database.db;
    const member = await createBeneficiary(db, { placeId: place.id });
    await createPlaceMembership(db, { placeId: place.id, beneficiaryId: member.id });
    const sold = await recordSale(db, { placeId: place.id, actorUserId: actor, beneficiaryId: member.id, categoryId: null, paymentMethod: "cash", lines: [{ itemId: print.id, quantity: 12 }] });
    expect(sold).toMatchObject({ kind: "sold", totalCents: 40 });
    if (sold.kind !== "sold") return;
    const [line] = await db.select().from(saleLines).where(eq(saleLines.saleId, sold.saleId));
    expect(line).toMatchObject({ quantity: 12, freeQuantity: 10, unitPriceCents: 20, amountCents: 40, label: "Impression noir et blanc" });
    // The allowance is spent for the day; the correction gives it back.
    const again = await recordSale(db, { placeId: place.id, actorUserId: actor, beneficiaryId: member.id, categoryId: null, paymentMethod: "cash", lines: [{ itemId: print.id, quantity: 3 }] });
    expect(again).toMatchObject({ kind: "sold", totalCents: 60 });
    const cancelled = await cancelSale(db, { placeId: place.id, saleId: sold.saleId, reason: "Erreur de quantité", actorUserId: actor });
    expect(cancelled.kind).toBe("cancelled");
    const third = await recordSale(db, { placeId: place.id, actorUserId: actor, beneficiaryId: member.id, categoryId: null, paymentMethod: "cash", lines: [{ itemId: print.id, quantity: 12 }] });
    expect(third).toMatchObject({ kind: "sold", totalCents: 40 });
  });

  it("gives no allowance to an anonymous person or a non-member, and applies a category's reduced rate", async () => {
    const db = database.db;
    const anonymous = await recordSale(db, { placeId: place.id, actorUserId: actor, beneficiaryId: null, categoryId: null, paymentMethod: "card", lines: [{ itemId: print.id, quantity: 12 }] });
    expect(anonymous).toMatchObject({ kind: "sold", totalCents: 240 });
    const category = await createPriceCategory(db, { placeId: place.id });
    const scan = await createTariffItem(db, { placeId: place.id, kind: "scan", name: "Numérisation", prices: [{ unitPriceCents: 50 }, { categoryId: category.id, unitPriceCents: 10 }] });
    const reduced = await recordSale(db, { placeId: place.id, actorUserId: actor, beneficiaryId: null, categoryId: category.id, paymentMethod: "cash", lines: [{ itemId: scan.id, quantity: 3 }, { itemId: print.id, quantity: 1 }] });
    // The scan has a reduced price; printing has none for the category: the normal rate.
    expect(reduced).toMatchObject({ kind: "sold", totalCents: 3 * 10 + 20 });
  });

  it("refuses in words and writes nothing: unknown item, membership without a person, credit without balance", async () => {
    const db = database.db;
    const [{ n: before }] = await database.query<{ n: string }>("select count(*) as n from sales");
    const membership = await createTariffItem(db, { placeId: place.id, kind: "membership", name: "Adhésion annuelle", prices: [{ unitPriceCents: 1000 }] });
    const person = await createBeneficiary(db, { placeId: place.id });
    const other = await createPlace(db);
    const foreign = await createTariffItem(db, { placeId: other.id });
    expect(await recordSale(db, { placeId: place.id, actorUserId: actor, beneficiaryId: null, categoryId: null, paymentMethod: "cash", lines: [{ itemId: foreign.id, quantity: 1 }] })).toEqual({ kind: "unknown-item" });
    expect(await recordSale(db, { placeId: place.id, actorUserId: actor, beneficiaryId: null, categoryId: null, paymentMethod: "cash", lines: [{ itemId: membership.id, quantity: 1 }] })).toMatchObject({ kind: "person-needed" });
    expect(await recordSale(db, { placeId: place.id, actorUserId: actor, beneficiaryId: person.id, categoryId: null, paymentMethod: "credit", lines: [{ itemId: print.id, quantity: 1 }] })).toEqual({ kind: "insufficient-credit", balanceCents: 0, totalCents: 20 });
    expect(await recordSale(db, { placeId: place.id, actorUserId: actor, beneficiaryId: person.id, categoryId: null, paymentMethod: "credit", lines: [{ topupCents: 500 }] })).toEqual({ kind: "topup-by-credit" });
    expect(await recordSale(db, { placeId: place.id, actorUserId: actor, beneficiaryId: null, categoryId: null, paymentMethod: "cash", lines: [] })).toEqual({ kind: "nothing-sold" });
    expect(await recordSale(db, { placeId: other.id, actorUserId: actor, beneficiaryId: null, categoryId: null, paymentMethod: "cash", lines: [{ itemId: foreign.id, quantity: 1 }] })).toEqual({ kind: "day-not-open" });
    const [{ n: after }] = await database.query<{ n: string }>("select count(*) as n from sales");
    expect(after).toBe(before);
  });

  it("sells a membership (renewal continues the current one), tops up credit, pays by credit, and a correction undoes each", async () => {
    const db = database.db;
    const person = await createBeneficiary(db, { placeId: place.id });
    const membership = await createTariffItem(db, { placeId: place.id, kind: "membership", name: "Adhésion annuelle 2", prices: [{ unitPriceCents: 1000 }] });
    const joined = await recordSale(db, { placeId: place.id, actorUserId: actor, beneficiaryId: person.id, categoryId: null, paymentMethod: "cheque", lines: [{ itemId: membership.id, quantity: 1 }, { topupCents: 500 }] });
    expect(joined).toMatchObject({ kind: "sold", totalCents: 1500, balanceAfterCents: 500 });
    const [held] = await db.select().from(placeMemberships).where(eq(placeMemberships.beneficiaryId, person.id));
    expect(held).toMatchObject({ startsOn: today, cancelledAt: null });
    const paid = await recordSale(db, { placeId: place.id, actorUserId: actor, beneficiaryId: person.id, categoryId: null, paymentMethod: "credit", lines: [{ itemId: print.id, quantity: 15 }] });
    // A member now: 10 free, 5 × 0,20 € from the credit.
    expect(paid).toMatchObject({ kind: "sold", totalCents: 100, balanceAfterCents: 400 });
    if (paid.kind !== "sold" || joined.kind !== "sold") return;
    // Taking the top-up back is refused while part of it is spent… after the print is cancelled it goes.
    expect(await cancelSale(db, { placeId: place.id, saleId: joined.saleId, reason: "Erreur", actorUserId: actor })).toEqual({ kind: "credit-spent", balanceCents: 400, neededCents: 500 });
    expect((await cancelSale(db, { placeId: place.id, saleId: paid.saleId, reason: "Pages blanches", actorUserId: actor })).kind).toBe("cancelled");
    expect(await creditBalance(db, { placeId: place.id, beneficiaryId: person.id })).toBe(500);
    expect((await cancelSale(db, { placeId: place.id, saleId: joined.saleId, reason: "Adhésion en double", actorUserId: actor })).kind).toBe("cancelled");
    expect(await cancelSale(db, { placeId: place.id, saleId: joined.saleId, reason: "Encore", actorUserId: actor })).toEqual({ kind: "already-cancelled" });
    expect(await creditBalance(db, { placeId: place.id, beneficiaryId: person.id })).toBe(0);
    const [after] = await db.select({ cancelledAt: placeMemberships.cancelledAt }).from(placeMemberships).where(eq(placeMemberships.id, held!.id));
    expect(after!.cancelledAt).not.toBeNull();
    const ledger = await db.select({ delta: creditLedger.deltaCents, after: creditLedger.balanceAfterCents }).from(creditLedger).where(eq(creditLedger.beneficiaryId, person.id)).orderBy(creditLedger.id);
    expect(ledger).toEqual([{ delta: 500, after: 500 }, { delta: -100, after: 400 }, { delta: 100, after: 500 }, { delta: -500, after: 0 }]);
  });

  it("cancels a sale once when two mediators cancel it at the same moment", async () => {
    const db = database.db;
    const sold = await recordSale(db, { placeId: place.id, actorUserId: actor, beneficiaryId: null, categoryId: null, paymentMethod: "cash", lines: [{ itemId: print.id, quantity: 2 }] });
    if (sold.kind !== "sold") throw new Error(sold.kind);
    const both = await Promise.all([1, 2].map(() => cancelSale(db, { placeId: place.id, saleId: sold.saleId, reason: "Doublon", actorUserId: actor })));
    expect(both.map((r) => r.kind).sort()).toEqual(["already-cancelled", "cancelled"]);
    const [{ n }] = await database.query<{ n: string }>("select count(*) as n from sales where cancels_sale_id = $1", [sold.saleId]);
    expect(Number(n)).toBe(1);
  });

  it("keeps receipts and the ledger append-only, whatever the code does", async () => {
    await expect(database.query("update sales set total_cents = 0")).rejects.toThrow(/append-only/);
    await expect(database.query("delete from sale_lines")).rejects.toThrow(/append-only/);
    await expect(database.query("delete from credit_ledger")).rejects.toThrow(/append-only/);
    await expect(database.query("update credit_balances set balance_cents = -1")).rejects.toThrow(/credit_balances_non_negative/);
  });
});

describe("200 sales at once at one place", () => {
  it("give 200 distinct consecutive receipt numbers, and credit never goes below zero", async () => {
    const db = database.db;
    const busy = await createPlace(db, { name: "EPN très fréquenté" });
    const item = await createTariffItem(db, { placeId: busy.id, name: "Photocopie", kind: "copy", prices: [{ unitPriceCents: 40 }] });
    await createCashDay(db, { placeId: busy.id });
    // Four people with 2,00 € each: five 0,40 € sales each succeed, the sixth to the eighth are refused.
    const people = await Promise.all([1, 2, 3, 4].map(() => createBeneficiary(db, { placeId: busy.id })));
    for (const p of people) {
      expect(await recordSale(db, { placeId: busy.id, actorUserId: actor, beneficiaryId: p.id, categoryId: null, paymentMethod: "cash", lines: [{ topupCents: 200 }] })).toMatchObject({ kind: "sold" });
    }
    const attempts = [
      ...Array.from({ length: 176 }, () => ({ beneficiaryId: null, paymentMethod: "cash" as const })),
      ...people.flatMap((p) => Array.from({ length: 8 }, () => ({ beneficiaryId: p.id, paymentMethod: "credit" as const }))),
    ].sort(() => Math.random() - 0.5);
    const results = await Promise.all(
      attempts.map((a) => recordSale(db, { placeId: busy.id, actorUserId: actor, categoryId: null, lines: [{ itemId: item.id, quantity: 1 }], ...a })),
    );
    const sold = results.filter((r) => r.kind === "sold");
    const refused = results.filter((r) => r.kind !== "sold");
    expect(sold).toHaveLength(196);
    expect(refused.every((r) => r.kind === "insufficient-credit")).toBe(true);
    const numbers = (await db.select({ number: sales.number }).from(sales).where(eq(sales.placeId, busy.id))).map((r) => r.number).sort((a, b) => a - b);
    // 4 top-ups, then 196 sales: numbers 1 to 200, none twice, none missing.
    expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const ledger = await db.select({ after: creditLedger.balanceAfterCents }).from(creditLedger).where(eq(creditLedger.placeId, busy.id));
    expect(ledger.every((l) => l.after >= 0)).toBe(true);
    const balances = await db.select({ balance: creditBalances.balanceCents }).from(creditBalances).where(eq(creditBalances.placeId, busy.id));
    expect(balances.map((b) => b.balance)).toEqual([0, 0, 0, 0]);
  });
});

describe("the cash day", () => {
  it("opens once, closes with the cash counted, needs a reason for a difference, then is locked", async () => {
    const db = database.db;
    const shop = await createPlace(db, { name: "EPN de la caisse" });
    const item = await createTariffItem(db, { placeId: shop.id, prices: [{ unitPriceCents: 150 }] });
    expect((await openCashDay(db, { placeId: shop.id, openingFloatCents: 3000, actorUserId: actor })).kind).toBe("opened");
    expect((await openCashDay(db, { placeId: shop.id, openingFloatCents: 3000, actorUserId: actor })).kind).toBe("already-open");
    await recordSale(db, { placeId: shop.id, actorUserId: actor, beneficiaryId: null, categoryId: null, paymentMethod: "cash", lines: [{ itemId: item.id, quantity: 2 }] });
    await recordSale(db, { placeId: shop.id, actorUserId: actor, beneficiaryId: null, categoryId: null, paymentMethod: "card", lines: [{ itemId: item.id, quantity: 1 }] });
    const summary = await cashDaySummary(db, { placeId: shop.id, date: today });
    expect(summary).toMatchObject({ openingFloatCents: 3000, receipts: 2, expectedCashCents: 3300, totals: { cash: 300, card: 150, cheque: 0 } });
    // 2,00 € short: refused without a reason, nothing written.
    expect(await closeCashDay(db, { placeId: shop.id, date: today, countedCashCents: 3100, reason: " ", actorUserId: actor })).toEqual({ kind: "reason-needed", expectedCashCents: 3300, differenceCents: -200 });
    expect(await closeCashDay(db, { placeId: shop.id, date: today, countedCashCents: 3100, reason: "Rendu de monnaie erroné", actorUserId: actor })).toEqual({ kind: "closed", expectedCashCents: 3300, differenceCents: -200 });
    expect(await recordSale(db, { placeId: shop.id, actorUserId: actor, beneficiaryId: null, categoryId: null, paymentMethod: "cash", lines: [{ itemId: item.id, quantity: 1 }] })).toEqual({ kind: "day-closed" });
    expect((await openCashDay(db, { placeId: shop.id, openingFloatCents: 0, actorUserId: actor })).kind).toBe("already-closed");
    await expect(database.query("update cash_days set counted_cash_cents = 3300 where place_id = $1", [shop.id])).rejects.toThrow(/is closed/);
    await expect(database.query(`insert into sales (place_id, cash_day_id, year, number, payment_method, total_cents) select place_id, id, 2026, 999, 'cash', 0 from cash_days where place_id = $1`, [shop.id])).rejects.toThrow(/closed/);
  });

  it("waits for a sale in flight before counting the day", async () => {
    const db = database.db;
    const shop = await createPlace(db, { name: "EPN du soir" });
    const item = await createTariffItem(db, { placeId: shop.id, prices: [{ unitPriceCents: 100 }] });
    await openCashDay(db, { placeId: shop.id, openingFloatCents: 0, actorUserId: actor });
    const [sale, closed] = await Promise.all([
      recordSale(db, { placeId: shop.id, actorUserId: actor, beneficiaryId: null, categoryId: null, paymentMethod: "cash", lines: [{ itemId: item.id, quantity: 1 }] }),
      closeCashDay(db, { placeId: shop.id, date: today, countedCashCents: 100, reason: "Compté au moment de fermer", actorUserId: actor }),
    ]);
    // Either the sale went in first and is counted, or the day closed first and the sale was refused: never a sale outside the count.
    expect(["sold", "day-closed"]).toContain(sale.kind);
    expect(closed).toMatchObject({ kind: "closed", expectedCashCents: sale.kind === "sold" ? 100 : 0 });
  });
});
