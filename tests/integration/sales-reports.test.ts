/**
 * Receipts (what they show, the PDF, the mail with its attachment, the two routes) and the month's
 * cash journal (numbers, totals that add up, CSV and XLSX, per place and per network, no names),
 * the revenue figures (per service and month, on the statistics pages and in the yearly report).
 * Sales are written by tests/support/sales-rows until the till's commands exist.
 */
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { auditLog, cashDays, emailOutbox, jobs, salesSettings } from "~/db/schema";
import {
  attachToNetwork, createBeneficiary, createCashDay, createNetwork, createPlace, createPlaceMembership, createPriceCategory, createStaffUser, createTariffItem,
} from "~/features/demo/factories.server";
import { monthJournal } from "~/features/sales/journal-export.server";
import { salesFigures } from "~/features/sales/sales-stats.server";
import { getReceipt, sendReceiptByMail } from "~/features/sales/receipt.server";
import { renderReceiptPdf } from "~/features/sales/receipt-pdf.server";
import { createTestDatabase } from "../support/database";
import { startHarness, type Harness } from "../support/harness";
import { pdfText } from "../support/pdf-text";
import { insertCorrection, insertSale, type LineInput } from "../support/sales-rows";

let database: Database;
let h: Harness;
const ids = { place: "", other: "", seller: "", member: "", passing: "", erased: "", network: "" };
const sale = { printed: "", topup: "", byCredit: "", correction: "", anonymous: "", erased: "", otherPlace: "" };
const day = { first: "", second: "" };

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  const place = await createPlace(db, { slug: "epn-alpha", name: "Espace numérique Alpha", address: "3 rue de la Mairie" });
  ids.place = place.id;
  ids.other = (await createPlace(db, { slug: "epn-beta", name: "Cyber-base Bêta" })).id;
  const network = await createNetwork(db, { slug: "reseau-caisse", name: "Réseau Caisse" });
  ids.network = network.id;
  await attachToNetwork(db, { placeId: ids.place, networkId: network.id });
  await attachToNetwork(db, { placeId: ids.other, networkId: network.id });
  await db.insert(salesSettings).values({ placeId: ids.place, cashOfficeName: "Régie de recettes de l'EPN Alpha", receiptFooter: "TVA non applicable, article 293 B du CGI" });
  ids.seller = (await createStaffUser(db, { role: "mediator", placeId: ids.place, name: "Camille Médiatrice" })).id;
  const category = await createPriceCategory(db, { placeId: ids.place, name: "Demandeurs d'emploi" });
  const print = await createTariffItem(db, { placeId: ids.place, name: "Impression noir et blanc", prices: [{ unitPriceCents: 20 }] });
  const scan = await createTariffItem(db, { placeId: ids.place, kind: "print3d", name: "Impression 3D", unit: "gram", prices: [{ unitPriceCents: 10 }] });
  const member = await createBeneficiary(db, { placeId: ids.place, firstName: "Dominique", lastName: "Lefèvre", email: "dominique@exemple.fr" });
  ids.member = member.id;
  await createPlaceMembership(db, { placeId: ids.place, beneficiaryId: member.id, startsOn: "2026-01-01", endsOn: "2026-12-31" });
  ids.passing = (await createBeneficiary(db, { placeId: ids.place, firstName: "Sacha", lastName: "Martin" })).id;
  ids.erased = (await createBeneficiary(db, { placeId: ids.place, firstName: null, lastName: null, anonymisedAt: new Date(), anonymisedReason: "erasure" })).id;

  // Monday 2 November 2026: float 50 €; four sales, one corrected the next day.
  day.first = (await createCashDay(db, { placeId: ids.place, businessDate: "2026-11-02", openingFloatCents: 5000 })).id;
  const printed: LineInput[] = [
    { itemId: print.id, label: "Impression noir et blanc", quantity: 12, freeQuantity: 10, unitPriceCents: 20 },
    { itemId: scan.id, kind: "print3d", label: "Impression 3D", unit: "gram", quantity: 35, unitPriceCents: 10 },
  ];
  // 10 h 15 in Paris (UTC+1 in November).
  sale.printed = (await insertSale(db, { placeId: ids.place, cashDayId: day.first, soldAt: new Date("2026-11-02T09:15:00Z"), beneficiaryId: member.id, categoryId: category.id, createdBy: ids.seller, lines: printed, paymentMethod: "cash" })).id;
  sale.topup = (await insertSale(db, { placeId: ids.place, cashDayId: day.first, soldAt: new Date("2026-11-02T10:00:00Z"), beneficiaryId: member.id, createdBy: ids.seller, lines: [{ kind: "topup", label: "Crédit prépayé", unit: "item", quantity: 1, unitPriceCents: 2000 }], paymentMethod: "card" })).id;
  sale.byCredit = (await insertSale(db, { placeId: ids.place, cashDayId: day.first, soldAt: new Date("2026-11-02T10:30:00Z"), beneficiaryId: member.id, createdBy: ids.seller, lines: [{ itemId: print.id, quantity: 5, unitPriceCents: 20 }], paymentMethod: "credit" })).id;
  sale.anonymous = (await insertSale(db, { placeId: ids.place, cashDayId: day.first, soldAt: new Date("2026-11-02T15:45:00Z"), createdBy: ids.seller, lines: [{ itemId: print.id, quantity: 3, unitPriceCents: 20 }], paymentMethod: "cheque" })).id;
  await db.update(cashDays).set({ closedAt: new Date("2026-11-02T17:00:00Z"), countedCashCents: 5350, expectedCashCents: 5390, differenceReason: "Pièce de 40 centimes manquante" }).where(eq(cashDays.id, day.first));

  // Tuesday 3 November: the first sale corrected, one sale to an erased person; the day left open.
  day.second = (await createCashDay(db, { placeId: ids.place, businessDate: "2026-11-03", openingFloatCents: 5350 })).id;
  sale.correction = (await insertCorrection(db, { placeId: ids.place, cashDayId: day.second, soldAt: new Date("2026-11-03T08:05:00Z"), sale: { id: sale.printed, lines: printed, paymentMethod: "cash", beneficiaryId: member.id }, note: "Erreur de quantité", createdBy: ids.seller })).id;
  sale.erased = (await insertSale(db, { placeId: ids.place, cashDayId: day.second, soldAt: new Date("2026-11-03T09:00:00Z"), beneficiaryId: ids.erased, lines: [{ itemId: print.id, quantity: 2, unitPriceCents: 20 }], paymentMethod: "cash" })).id;

  // Another place of the network, and a sale in October (not in November's journal).
  const otherDay = await createCashDay(db, { placeId: ids.other, businessDate: "2026-11-02", openingFloatCents: 0 });
  const otherItem = await createTariffItem(db, { placeId: ids.other, prices: [{ unitPriceCents: 50 }] });
  sale.otherPlace = (await insertSale(db, { placeId: ids.other, cashDayId: otherDay.id, soldAt: new Date("2026-11-02T13:00:00Z"), beneficiaryId: (await createBeneficiary(db, { placeId: ids.other, firstName: "Noé", lastName: "Bernard" })).id, lines: [{ itemId: otherItem.id, quantity: 2, unitPriceCents: 50 }] })).id;
  const october = await createCashDay(db, { placeId: ids.place, businessDate: "2026-10-30", openingFloatCents: 1000 });
  await insertSale(db, { placeId: ids.place, cashDayId: october.id, soldAt: new Date("2026-10-30T09:00:00Z"), lines: [{ itemId: print.id, quantity: 1, unitPriceCents: 20 }] });

  // A sale given free at the other place in October: no revenue, its quantity counted.
  const otherOctober = await createCashDay(db, { placeId: ids.other, businessDate: "2026-10-15", openingFloatCents: 0 });
  await insertSale(db, { placeId: ids.other, cashDayId: otherOctober.id, soldAt: new Date("2026-10-15T09:00:00Z"), lines: [{ itemId: otherItem.id, quantity: 4, unitPriceCents: 50 }], paymentMethod: "free" });

  h = await startHarness(database);
  await h.person("mediator", { role: "mediator", placeId: ids.place });
  await h.person("manager", { role: "manager", placeId: ids.place });
  await h.person("coordinator", { role: "coordinator", networkId: ids.network });
});

afterAll(async () => {
  await h?.close();
  await database?.close();
});

describe("getReceipt", () => {
  it("reads what the receipt shows: the cash office, the number, the place's clock, who sold, « Prénom N. », lines, total, means of payment; and that it was cancelled later", async () => {
    const receipt = (await getReceipt(database.db, { placeId: ids.place, saleId: sale.printed }))!;
    expect(receipt).toMatchObject({
      number: "2026-000001",
      cashOfficeName: "Régie de recettes de l'EPN Alpha",
      footer: "TVA non applicable, article 293 B du CGI",
      place: { name: "Espace numérique Alpha", address: "3 rue de la Mairie" },
      day: "2026-11-02",
      date: "2 novembre 2026",
      time: "10 h 15",
      seller: "Camille Médiatrice",
      person: "Dominique L.",
      personEmail: "dominique@exemple.fr",
      category: "Demandeurs d'emploi",
      totalCents: 390,
      paymentMethod: "cash",
      paymentLabel: "Espèces",
      creditBalanceAfterCents: null,
      cancels: null,
      cancelledBy: { number: "2026-000005" },
    });
    expect(receipt.lines).toEqual([
      { kind: "print", label: "Impression noir et blanc", unit: "page", quantity: 12, freeQuantity: 10, unitPriceCents: 20, amountCents: 40 },
      { kind: "print3d", label: "Impression 3D", unit: "gram", quantity: 35, freeQuantity: 0, unitPriceCents: 10, amountCents: 350 },
    ]);
  });

  it("a correction names the receipt it cancels and its reason; paid by credit, the balance after; unknown or erased people are « Client de passage »", async () => {
    expect(await getReceipt(database.db, { placeId: ids.place, saleId: sale.correction })).toMatchObject({ number: "2026-000005", totalCents: -390, cancels: { number: "2026-000001", reason: "Erreur de quantité" }, cancelledBy: null });
    expect(await getReceipt(database.db, { placeId: ids.place, saleId: sale.topup })).toMatchObject({ paymentLabel: "Carte bancaire", creditBalanceAfterCents: 2000 });
    expect(await getReceipt(database.db, { placeId: ids.place, saleId: sale.byCredit })).toMatchObject({ paymentLabel: "Crédit prépayé", creditBalanceAfterCents: 1900, totalCents: 100 });
    expect(await getReceipt(database.db, { placeId: ids.place, saleId: sale.anonymous })).toMatchObject({ person: "Client de passage", personEmail: null, time: "16 h 45" });
    expect(await getReceipt(database.db, { placeId: ids.place, saleId: sale.erased })).toMatchObject({ person: "Client de passage", personEmail: null, seller: null });
  });

  it("answers nothing for another place's sale or an id that is not one", async () => {
    expect(await getReceipt(database.db, { placeId: ids.place, saleId: sale.otherPlace })).toBeUndefined();
    expect(await getReceipt(database.db, { placeId: ids.other, saleId: sale.printed })).toBeUndefined();
    expect(await getReceipt(database.db, { placeId: ids.place, saleId: "pas-un-id" })).toBeUndefined();
  });

  it("its PDF reads: the number, the lines with the free pages, the total, the later correction", async () => {
    const text = pdfText(await renderReceiptPdf((await getReceipt(database.db, { placeId: ids.place, saleId: sale.printed }))!));
    for (const words of ["Reçu n° 2026-000001", "Le 2 novembre 2026 à 10 h 15", "Client : Dominique L.", "Impression noir et blanc", "dont 10 offertes", "Impression 3D", "3,90\u00a0€", "Moyen de paiement : Espèces", "Annulé par le reçu n° 2026-000005"]) {
      expect(text).toContain(words);
    }
  });
});

describe("sendReceiptByMail", () => {
  it("queues a mail with the PDF attached and writes an audit line without the address, in one go", async () => {
    const result = await sendReceiptByMail(database.db, { placeId: ids.place, saleId: sale.printed, to: "dominique@exemple.fr", actorUserId: ids.seller });
    expect(result).toMatchObject({ kind: "sent", number: "2026-000001" });
    if (result.kind !== "sent") return;
    const [mail] = await database.db.select().from(emailOutbox).where(eq(emailOutbox.id, result.mailId));
    expect(mail).toMatchObject({ toAddress: "dominique@exemple.fr", subject: "Votre reçu n° 2026-000001 — Espace numérique Alpha" });
    expect(mail!.textBody).toContain("3,90\u00a0€");
    const [attachment] = mail!.attachments as { filename: string; contentType: string; base64: string }[];
    expect(attachment).toMatchObject({ filename: "recu-2026-000001.pdf", contentType: "application/pdf" });
    expect(pdfText(Buffer.from(attachment!.base64, "base64"))).toContain("Reçu n° 2026-000001");
    expect(await database.db.select().from(jobs).where(eq(jobs.key, `mail.send:${result.mailId}`))).toHaveLength(1);
    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.action, "sale.receipt-mail"));
    expect(audit).toMatchObject({ entityId: sale.printed, placeId: ids.place, actorUserId: ids.seller, after: { number: "2026-000001" } });
    expect(JSON.stringify(audit)).not.toContain("dominique@");
  });

  it("sends nothing for another place's sale", async () => {
    expect(await sendReceiptByMail(database.db, { placeId: ids.place, saleId: sale.otherPlace, to: "x@exemple.fr", actorUserId: ids.seller })).toEqual({ kind: "not-found" });
  });
});

describe("receipt routes", () => {
  const base = () => `/gestion/lieux/${ids.place}/caisse/ventes`;

  it("recu.pdf downloads the receipt: its name, no caching, no sniffing; the text holds the number", async () => {
    const response = await h.get("mediator", `${base()}/${sale.correction}/recu.pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="recu-2026-000005.pdf"');
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const text = pdfText(Buffer.from(await response.arrayBuffer()));
    expect(text).toContain("Annule le reçu n° 2026-000001");
    expect((await h.get("mediator", `${base()}/${sale.otherPlace}/recu.pdf`)).status).toBe(404);
  });

  it("envoyer: the person's address prefilled; a bad one → a French message by the field and nothing queued; a good one → queued and said", async () => {
    const page = await (await h.get("mediator", `${base()}/${sale.printed}/envoyer`)).text();
    expect(page).toContain('value="dominique@exemple.fr"');
    const before = (await database.db.select({ id: emailOutbox.id }).from(emailOutbox)).length;
    const bad = await h.post("mediator", `${base()}/${sale.printed}/envoyer`, new URLSearchParams({ courriel: "dominique@" }));
    expect(bad.status).toBe(400);
    const badPage = await bad.text();
    expect(badPage).toContain("Saisissez une adresse électronique valide");
    expect(badPage).toContain('value="dominique@"');
    expect((await database.db.select({ id: emailOutbox.id }).from(emailOutbox)).length).toBe(before);
    const good = await h.post("mediator", `${base()}/${sale.printed}/envoyer`, new URLSearchParams({ courriel: "autre@exemple.fr" }));
    expect(good.status).toBe(200);
    expect(await good.text()).toContain("Le reçu a été envoyé à autre@exemple.fr.");
    expect((await database.db.select({ id: emailOutbox.id }).from(emailOutbox)).length).toBe(before + 1);
    // An anonymous sale: nothing prefilled.
    const anonymous = await (await h.get("mediator", `${base()}/${sale.anonymous}/envoyer`)).text();
    expect(anonymous).toMatch(/<input id="champ-courriel"[^>]*name="courriel" value=""\/>/);
  });
});

describe("monthJournal", () => {
  it("per day: float, receipts from n° to n°, totals by means of payment net of corrections, expected, counted, difference and reason", async () => {
    const journal = (await monthJournal(database.db, { placeIds: [ids.place], month: "2026-11" }))!;
    expect(journal.days).toHaveLength(2);
    const [monday, tuesday] = journal.days;
    expect(monday).toMatchObject({
      date: "2026-11-02",
      closed: true,
      openingFloatCents: 5000,
      firstReceipt: "2026-000001",
      lastReceipt: "2026-000004",
      receipts: 4,
      byMethod: { cash: 390, card: 2000, credit: 100, cheque: 60, free: 0 },
      correctionsCents: 0,
      collectedCents: 2450,
      expectedCashCents: 5390,
      countedCashCents: 5350,
      differenceCents: -40,
      differenceReason: "Pièce de 40 centimes manquante",
    });
    expect(tuesday).toMatchObject({
      date: "2026-11-03",
      closed: false,
      firstReceipt: "2026-000005",
      lastReceipt: "2026-000006",
      receipts: 2,
      byMethod: { cash: -390 + 40, card: 0, credit: 0, cheque: 0, free: 0 },
      correctionsCents: -390,
      collectedCents: -350,
      expectedCashCents: 5350 - 350,
      countedCashCents: null,
      differenceCents: null,
    });
    // Totals add up: the days' sum, and the receipts' sum.
    expect(journal.totals.receipts).toBe(6);
    expect(journal.totals.collectedCents).toBe(monday!.collectedCents + tuesday!.collectedCents);
    expect(journal.receipts.reduce((s, r) => s + r.amountCents, 0)).toBe(Object.values(journal.totals.byMethod).reduce((a, b) => a + b, 0));
    expect(journal.receipts.map((r) => [r.number, r.person, r.time, r.cancels, r.cancelledBy])).toEqual([
      ["2026-000001", "adhérent", "10 h 15", null, "2026-000005"],
      ["2026-000002", "adhérent", "11 h", null, null],
      ["2026-000003", "adhérent", "11 h 30", null, null],
      ["2026-000004", "de passage", "16 h 45", null, null],
      ["2026-000005", "adhérent", "9 h 05", "2026-000001", null],
      ["2026-000006", "personne suivie", "10 h", null, null],
    ]);
    expect(journal.receipts[0]!.lines).toBe("Impression noir et blanc × 12 (dont 10 offertes), Impression 3D × 35");
  });

  it("refuses a month that is not one", async () => {
    for (const month of ["2026-13", "2026-1", "novembre", "", "1999-12"]) expect(await monthJournal(database.db, { placeIds: [ids.place], month })).toBeUndefined();
  });
});

describe("journal export routes", () => {
  const place = () => `/gestion/lieux/${ids.place}/caisse/journal`;

  it("CSV for the place's manager: BOM, semicolons, days with the month's total, the receipts; never a name", async () => {
    const response = await h.get("manager", `${place()}/export.csv?mois=2026-11`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="journal-de-caisse-epn-alpha-2026-11.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv).toContain("Espace numérique Alpha;02/11/2026;clôturé;50,00;2026-000001;2026-000004;4;3,90;0,60;20,00;1,00;0,00;0,00;24,50;53,90;53,50;-0,40;Pièce de 40 centimes manquante");
    expect(csv).toContain("Total du mois;;;103,50;;;6;0,40;0,60;20,00;1,00;0,00;-3,90;21,00;103,90;53,50;-0,40;");
    expect(csv).toContain("2026-000005;03/11/2026;9 h 05;adhérent;Impression noir et blanc × -12 (dont 10 offertes), Impression 3D × -35;Espèces;-3,90;2026-000001;");
    expect(csv).not.toMatch(/Dominique|Lefèvre|Camille|Sacha/);
    expect((await h.get("mediator", `${place()}/export.csv?mois=2026-11`)).status).toBe(403);
  });

  it("XLSX: a sheet of days and one of receipts, euros as numbers, totals last", async () => {
    const response = await h.get("manager", `${place()}/export.xlsx?mois=2026-11`);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Jours", "Reçus"]);
    const days = workbook.getWorksheet("Jours")!;
    expect(days.rowCount).toBe(4);
    expect(days.getRow(2).getCell(8).value).toBe(3.9);
    expect(days.getRow(4).getCell(1).value).toBe("Total du mois");
    expect(days.getRow(4).getCell(14).value).toBe(21);
    const receipts = workbook.getWorksheet("Reçus")!;
    expect(receipts.rowCount).toBe(8);
    expect(receipts.getRow(8).getCell(8).value).toBe(22);
  });

  it("a bad month is a 400 in French; the network's export covers its places without a name nor a reason", async () => {
    const bad = await h.get("manager", `${place()}/export.csv?mois=2026-13`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Ce mois n'est pas valable");
    const network = await h.get("coordinator", "/gestion/reseaux/reseau-caisse/caisse/export.csv?mois=2026-11");
    expect(network.status).toBe(200);
    const csv = await network.text();
    expect(csv).toContain("Cyber-base Bêta;02/11/2026;ouvert;0,00;2026-000001;2026-000001;1;1,00");
    expect(csv).toContain("Espace numérique Alpha;02/11/2026;clôturé");
    expect(csv).not.toContain("Pièce de 40 centimes manquante");
    expect(csv).not.toMatch(/Dominique|Lefèvre|Noé|Bernard|Camille/);
    expect((await h.get("coordinator", `${place()}/export.csv?mois=2026-11`)).status).toBe(403);
  });
});

describe("salesFigures", () => {
  it("revenue per service and month, net of corrections, without top-ups nor free sales; quantities of every unit served", async () => {
    const figures = await salesFigures(database.db, { placeIds: [ids.place], from: "2026-10-01", to: "2026-11-30" });
    expect(figures.byKind).toEqual([
      { kind: "print", revenueCents: 40 + 100 + 60 - 40 + 40 + 20, quantity: 12 + 5 + 3 - 12 + 2 + 1 },
      { kind: "print3d", revenueCents: 0, quantity: 0 },
    ]);
    expect(figures.byMonth).toEqual([
      { month: "2026-10", revenueCents: 20 },
      { month: "2026-11", revenueCents: 200 },
    ]);
    expect(figures.totalCents).toBe(220);
    expect(figures.topups).toEqual({ amountCents: 2000, count: 1 });
    expect(figures.hasSales).toBe(true);
    const network = await salesFigures(database.db, { placeIds: [ids.place, ids.other], from: "2026-10-01", to: "2026-11-30" });
    expect(network.byKind[0]).toEqual({ kind: "print", revenueCents: 220 + 100, quantity: 11 + 2 + 4 });
    expect(network.totalCents).toBe(320);
    const none = await salesFigures(database.db, { placeIds: [ids.place], from: "2025-01-01", to: "2025-02-28" });
    expect(none).toEqual({ byKind: [], byMonth: [{ month: "2025-01", revenueCents: 0 }, { month: "2025-02", revenueCents: 0 }], totalCents: 0, topups: { amountCents: 0, count: 0 }, hasSales: false });
  });

  it("the statistics pages show « Services payants » (chart and table) only when there are sales; the yearly report holds them", async () => {
    const page = await (await h.get("manager", `/gestion/lieux/${ids.place}/statistiques?du=2026-10-01&au=2026-11-30`)).text();
    expect(page).toContain("Services payants");
    expect(page).toContain("Total : 2,20\u00a0€");
    expect(page).toMatch(/<th scope="row">Impressions<\/th><td class="num">2,20\u00a0€<\/td><td class="num">11<\/td>/);
    expect(page).toMatch(/<th scope="row">novembre 2026<\/th><td class="num">2,00\u00a0€<\/td>/);
    expect(page).toContain("Crédit prépayé rechargé : 20,00\u00a0€ (1 rechargement).");
    expect(page).toContain('<svg class="chart" role="img" aria-labelledby="graphique-services-payants-titre');
    const quiet = await (await h.get("manager", `/gestion/lieux/${ids.place}/statistiques?du=2025-01-01&au=2025-02-28`)).text();
    expect(quiet).not.toContain("Services payants");
    const network = await (await h.get("coordinator", "/gestion/reseaux/reseau-caisse/statistiques?du=2026-10-01&au=2026-11-30")).text();
    expect(network).toContain("Total : 3,20\u00a0€");
    // The month's cash journal of the network's places, from its figures.
    expect(network).toContain('action="/gestion/reseaux/reseau-caisse/caisse/export.csv"');
    expect(network).toContain('formAction="/gestion/reseaux/reseau-caisse/caisse/export.xlsx"');
    expect(network).toMatch(/name="mois"[^>]*value="2026-11"/);
    expect(network).not.toMatch(/Dominique|Lefèvre|Noé/);
    const pdf = await h.get("manager", `/gestion/lieux/${ids.place}/statistiques/rapport.pdf?annee=2026`);
    expect(pdf.status).toBe(200);
    const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain("Services payants : 2,20\u00a0€ de recettes (hors crédit prépayé rechargé).");
    expect(text).toContain("Recettes par service");
    const xlsx = await h.get("manager", `/gestion/lieux/${ids.place}/statistiques/rapport.xlsx?annee=2026`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Recettes par service")!;
    expect(sheet.getRow(2).values).toEqual([undefined, "Impressions", 2.2, 11]);
  });
});
