/**
 * Receipts, the month's journal and the figures read what the till's own commands write
 * (recordSale, cancelSale, closeCashDay): an allowance, a top-up then credit spent, a correction.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { createBeneficiary, createCashDay, createPlace, createPlaceMembership, createStaffUser, createTariffItem } from "~/features/demo/factories.server";
import { closeCashDay } from "~/features/sales/cash-days.server";
import { monthJournal } from "~/features/sales/journal-export.server";
import { receiptNumber } from "~/features/sales/pricing";
import { getReceipt } from "~/features/sales/receipt.server";
import { renderReceiptPdf } from "~/features/sales/receipt-pdf.server";
import { salesFigures } from "~/features/sales/sales-stats.server";
import { cancelSale, recordSale } from "~/features/sales/sales.server";
import { todayInFrance } from "~/features/time/today";
import { createTestDatabase } from "../support/database";
import { pdfText } from "../support/pdf-text";

let database: Database;
const today = todayInFrance(new Date());

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("reports over the till's commands", () => {
  it("a member's 12 pages (10 free), a top-up, credit spent, a correction, the day closed with a difference", async () => {
    const db = database.db;
    const place = await createPlace(db, { name: "EPN des reçus" });
    const actor = (await createStaffUser(db, { role: "mediator", placeId: place.id, name: "Alex Caissier" })).id;
    const print = await createTariffItem(db, { placeId: place.id, name: "Impression noir et blanc", allowanceQuantity: 10, allowancePeriod: "day", prices: [{ unitPriceCents: 20 }] });
    await createCashDay(db, { placeId: place.id, businessDate: today, openingFloatCents: 5000 });
    const member = await createBeneficiary(db, { placeId: place.id, firstName: "Lou", lastName: "Petit" });
    await createPlaceMembership(db, { placeId: place.id, beneficiaryId: member.id });
    const base = { placeId: place.id, actorUserId: actor, beneficiaryId: member.id, categoryId: null };

    const pages = await recordSale(db, { ...base, paymentMethod: "cash", lines: [{ itemId: print.id, quantity: 12 }] });
    const topup = await recordSale(db, { ...base, paymentMethod: "card", lines: [{ topupCents: 1000 }] });
    const spent = await recordSale(db, { ...base, paymentMethod: "credit", lines: [{ itemId: print.id, quantity: 5 }] });
    expect([pages.kind, topup.kind, spent.kind]).toEqual(["sold", "sold", "sold"]);
    if (pages.kind !== "sold" || spent.kind !== "sold") return;
    const cancelled = await cancelSale(db, { placeId: place.id, saleId: pages.saleId, reason: "Mauvais format", actorUserId: actor });
    expect(cancelled.kind).toBe("cancelled");
    if (cancelled.kind !== "cancelled") return;

    const first = (await getReceipt(db, { placeId: place.id, saleId: pages.saleId }))!;
    expect(first).toMatchObject({ number: receiptNumber(pages.year, 1), person: "Lou P.", seller: "Alex Caissier", totalCents: 40, cancelledBy: { number: receiptNumber(pages.year, 4) } });
    expect(first.lines).toEqual([expect.objectContaining({ label: "Impression noir et blanc", quantity: 12, freeQuantity: 10, amountCents: 40 })]);
    expect(pdfText(await renderReceiptPdf(first))).toContain("dont 10 offertes");
    expect(await getReceipt(db, { placeId: place.id, saleId: spent.saleId })).toMatchObject({ paymentLabel: "Crédit prépayé", creditBalanceAfterCents: 1000 - spent.totalCents });
    expect(await getReceipt(db, { placeId: place.id, saleId: cancelled.saleId })).toMatchObject({ totalCents: -40, cancels: { number: receiptNumber(pages.year, 1), reason: "Mauvais format" } });

    expect(await closeCashDay(db, { placeId: place.id, date: today, countedCashCents: 4990, reason: "Erreur de rendu", actorUserId: actor })).toMatchObject({ kind: "closed", expectedCashCents: 5000 });
    const journal = (await monthJournal(db, { placeIds: [place.id], month: today.slice(0, 7) }))!;
    expect(journal.days).toEqual([
      expect.objectContaining({ closed: true, receipts: 4, firstReceipt: receiptNumber(pages.year, 1), lastReceipt: receiptNumber(pages.year, 4), byMethod: { cash: 0, cheque: 0, card: 1000, credit: spent.totalCents, free: 0 }, correctionsCents: -40, expectedCashCents: 5000, countedCashCents: 4990, differenceCents: -10, differenceReason: "Erreur de rendu" }),
    ]);
    expect(journal.receipts.map((r) => r.person)).toEqual(["adhérent", "adhérent", "adhérent", "adhérent"]);

    const figures = await salesFigures(db, { placeIds: [place.id], from: today, to: today });
    expect(figures.byKind).toEqual([{ kind: "print", revenueCents: spent.totalCents, quantity: 5 }]);
    expect(figures.topups).toEqual({ amountCents: 1000, count: 1 });
  });
});
