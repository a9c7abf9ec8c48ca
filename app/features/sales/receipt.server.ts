/**
 * A sale's receipt: everything it shows, read once (the PDF, the mail and the pages use it).
 * The place's clock writes the date and time; a person is « Prénom N. » (never more of their
 * identity), or « Client de passage » when unknown or anonymised.
 */
import { and, asc, desc, eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { beneficiaries, creditLedger, places, priceCategories, saleLines, sales, salesSettings, users } from "~/db/schema";
import { recordAudit } from "~/features/audit/record.server";
import { queueMail } from "~/features/mail/outbox.server";
import { isoDate } from "~/features/time/calendar";
import { formatDate, formatTime } from "~/features/time/format";
import { toWallTime } from "~/features/time/zone";
import { isUuid } from "~/lib/ids";
import { formatEuros } from "~/lib/money";
import { fr } from "~/lib/messages";
import { receiptNumber } from "./pricing";
import { personLabel, type Receipt } from "./receipt";
import { renderReceiptPdf } from "./receipt-pdf.server";

const m = fr.salesReports.receipt;

/** The receipt of a sale of the place; undefined when the sale is not the place's. */
export async function getReceipt(db: Db, { placeId, saleId }: { placeId: string; saleId: string }): Promise<Receipt | undefined> {
  if (!isUuid(saleId)) return undefined;
  const [sale] = await db
    .select({
      id: sales.id,
      year: sales.year,
      number: sales.number,
      soldAt: sales.soldAt,
      paymentMethod: sales.paymentMethod,
      totalCents: sales.totalCents,
      cancelsSaleId: sales.cancelsSaleId,
      note: sales.note,
      placeName: places.name,
      address: places.address,
      addressComplement: places.addressComplement,
      postcode: places.postcode,
      commune: places.commune,
      timeZone: places.timeZone,
      cashOfficeName: salesSettings.cashOfficeName,
      footer: salesSettings.receiptFooter,
      seller: users.name,
      category: priceCategories.name,
      firstName: beneficiaries.firstName,
      lastName: beneficiaries.lastName,
      email: beneficiaries.email,
      anonymisedAt: beneficiaries.anonymisedAt,
      beneficiaryId: sales.beneficiaryId,
    })
    .from(sales)
    .innerJoin(places, eq(places.id, sales.placeId))
    .leftJoin(salesSettings, eq(salesSettings.placeId, sales.placeId))
    .leftJoin(users, eq(users.id, sales.createdBy))
    .leftJoin(priceCategories, eq(priceCategories.id, sales.categoryId))
    .leftJoin(beneficiaries, eq(beneficiaries.id, sales.beneficiaryId))
    .where(and(eq(sales.id, saleId), eq(sales.placeId, placeId)));
  if (!sale) return undefined;

  const lines = await db
    .select({ kind: saleLines.kind, label: saleLines.label, unit: saleLines.unit, quantity: saleLines.quantity, freeQuantity: saleLines.freeQuantity, unitPriceCents: saleLines.unitPriceCents, amountCents: saleLines.amountCents })
    .from(saleLines)
    .where(eq(saleLines.saleId, sale.id))
    .orderBy(asc(saleLines.position));
  const [credit] = await db
    .select({ balanceAfterCents: creditLedger.balanceAfterCents })
    .from(creditLedger)
    .where(and(eq(creditLedger.saleId, sale.id), eq(creditLedger.placeId, placeId)))
    .orderBy(desc(creditLedger.id))
    .limit(1);
  const [cancelled] = sale.cancelsSaleId
    ? await db.select({ year: sales.year, number: sales.number }).from(sales).where(and(eq(sales.id, sale.cancelsSaleId), eq(sales.placeId, placeId)))
    : [];
  const [cancelling] = await db.select({ year: sales.year, number: sales.number }).from(sales).where(and(eq(sales.cancelsSaleId, sale.id), eq(sales.placeId, placeId)));

  const wall = toWallTime(sale.timeZone, sale.soldAt);
  const day = isoDate(wall);
  const known = sale.beneficiaryId && !sale.anonymisedAt ? { firstName: sale.firstName, lastName: sale.lastName, anonymisedAt: sale.anonymisedAt } : null;
  return {
    saleId: sale.id,
    number: receiptNumber(sale.year, sale.number),
    place: { name: sale.placeName, address: sale.address, addressComplement: sale.addressComplement, postcode: sale.postcode, commune: sale.commune },
    cashOfficeName: sale.cashOfficeName ?? "",
    footer: sale.footer ?? "",
    soldAt: sale.soldAt,
    day,
    date: formatDate(day),
    time: formatTime(wall.hour, wall.minute),
    seller: sale.seller,
    person: personLabel(known),
    personEmail: known ? sale.email : null,
    category: sale.category,
    lines,
    totalCents: sale.totalCents,
    paymentMethod: sale.paymentMethod,
    paymentLabel: fr.salesReports.paymentMethods[sale.paymentMethod],
    creditBalanceAfterCents: credit?.balanceAfterCents ?? null,
    cancels: cancelled ? { number: receiptNumber(cancelled.year, cancelled.number), reason: sale.note } : null,
    cancelledBy: cancelling ? { number: receiptNumber(cancelling.year, cancelling.number) } : null,
  };
}

export type SendReceiptResult = { kind: "sent"; mailId: string; number: string } | { kind: "not-found" };

/**
 * Queue a mail to `to` with the receipt's PDF attached, and an audit line (the address is not in
 * it), in one transaction. `to` is an address already checked by the form's schema.
 */
export async function sendReceiptByMail(db: Db, options: { placeId: string; saleId: string; to: string; actorUserId: string; now?: Date }): Promise<SendReceiptResult> {
  const receipt = await getReceipt(db, { placeId: options.placeId, saleId: options.saleId });
  if (!receipt) return { kind: "not-found" };
  const pdf = await renderReceiptPdf(receipt);
  const now = options.now ?? new Date();
  const mailId = await db.transaction(async (tx) => {
    const id = await queueMail(
      tx,
      {
        to: options.to,
        subject: m.mail.subject(receipt.number, receipt.place.name),
        text: m.mail.text(receipt.number, receipt.place.name, formatEuros(receipt.totalCents)),
        attachments: [{ filename: m.filename(receipt.number), contentType: "application/pdf", base64: pdf.toString("base64") }],
      },
      now,
    );
    await recordAudit(tx, { actorUserId: options.actorUserId, action: "sale.receipt-mail", entityType: "sale", entityId: receipt.saleId, placeId: options.placeId, after: { number: receipt.number } }, now);
    return id;
  });
  return { kind: "sent", mailId, number: receipt.number };
}
