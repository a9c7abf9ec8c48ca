/**
 * A receipt as a PDF (pdfkit), on A5: the issuer and the place, the number in large type, the
 * date and time on the place's clock, who sold and to whom, the lines (with their free
 * quantity), the total, the means of payment, the credit left, a correction's link to the
 * receipt it cancels, the cash office's legal footer. Helvetica (WinAnsi): narrow no-break
 * spaces are written as plain no-break spaces, the minus sign as a hyphen.
 */
import PDFDocument from "pdfkit";
import { formatEuros } from "~/lib/money";
import { fr } from "~/lib/messages";
import type { Receipt } from "./receipt";

const m = fr.salesReports.receipt;
const MARGIN = 36;

/** What Helvetica's WinAnsi encoding can write. */
function winAnsi(text: string | number): string {
  return String(text).replace(/[\u202f\u2009\u2007]/g, "\u00a0").replace(/[\u2010\u2011\u2212]/g, "-");
}
const euros = (cents: number) => winAnsi(formatEuros(cents));

/** The receipt's PDF, whole (a few kilobytes). */
export function renderReceiptPdf(receipt: Receipt): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A5", margin: MARGIN, info: { Title: winAnsi(m.pdfTitle(receipt.number, receipt.place.name)), Creator: "Réseau EPN" }, lang: "fr-FR", displayTitle: true });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const rule = () => {
    doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + width, doc.y).lineWidth(0.5).strokeColor("#999").stroke();
    doc.moveDown(0.4);
  };

  // The issuer and the place.
  const place = receipt.place;
  if (receipt.cashOfficeName) doc.font("Helvetica-Bold").fontSize(11).text(winAnsi(receipt.cashOfficeName));
  doc.font(receipt.cashOfficeName ? "Helvetica" : "Helvetica-Bold").fontSize(receipt.cashOfficeName ? 10 : 11).text(winAnsi(place.name));
  doc.font("Helvetica").fontSize(9).fillColor("#333");
  doc.text(winAnsi(place.address));
  if (place.addressComplement) doc.text(winAnsi(place.addressComplement));
  doc.text(winAnsi(`${place.postcode} ${place.commune}`));
  doc.fillColor("#000").moveDown(0.8);

  // The number, the date, who.
  doc.font("Helvetica-Bold").fontSize(15).text(winAnsi(receipt.cancels ? `${m.title(receipt.number)} — ${m.correction}` : m.title(receipt.number)));
  doc.font("Helvetica").fontSize(10).text(winAnsi(m.date(receipt.date, receipt.time)));
  doc.text(winAnsi(m.person(receipt.person)));
  if (receipt.category) doc.text(winAnsi(m.category(receipt.category)));
  if (receipt.seller) doc.text(winAnsi(m.seller(receipt.seller)));
  if (receipt.cancels) {
    doc.moveDown(0.3).font("Helvetica-Bold").text(winAnsi(m.cancels(receipt.cancels.number)));
    doc.font("Helvetica").text(winAnsi(m.reason(receipt.cancels.reason)));
  }
  if (receipt.cancelledBy) {
    doc.moveDown(0.3).font("Helvetica-Bold").fillColor("#a00").text(winAnsi(m.cancelledBy(receipt.cancelledBy.number))).fillColor("#000");
  }
  doc.moveDown(0.8);

  // The lines: label (and its free quantity) | quantity | unit price | amount.
  const widths = [width * 0.46, width * 0.12, width * 0.2, width * 0.22];
  const xs = [MARGIN, MARGIN + widths[0]!, MARGIN + widths[0]! + widths[1]!, MARGIN + widths[0]! + widths[1]! + widths[2]!];
  const row = (cells: string[], options: { bold?: boolean; note?: string } = {}) => {
    doc.font(options.bold ? "Helvetica-Bold" : "Helvetica").fontSize(9.5);
    const y = doc.y;
    const heights = cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i]! - 4 }));
    cells.forEach((cell, i) => doc.text(cell, xs[i]!, y, { width: widths[i]! - 4, align: i === 0 ? "left" : "right" }));
    let bottom = y + Math.max(...heights);
    if (options.note) {
      doc.font("Helvetica-Oblique").fontSize(8.5).fillColor("#333").text(options.note, xs[0]!, bottom + 1, { width: widths[0]! - 4 }).fillColor("#000");
      bottom = doc.y;
    }
    doc.x = MARGIN;
    doc.y = bottom + 4;
  };
  row([m.columns.label, m.columns.quantity, m.columns.unitPrice, m.columns.amount].map(winAnsi), { bold: true });
  rule();
  for (const line of receipt.lines) {
    row([winAnsi(line.label), winAnsi(line.quantity), euros(line.unitPriceCents), euros(line.amountCents)], line.freeQuantity !== 0 ? { note: winAnsi(m.free(Math.abs(line.freeQuantity))) } : {});
  }
  rule();
  doc.font("Helvetica-Bold").fontSize(12);
  const totalY = doc.y;
  doc.text(winAnsi(m.total), MARGIN, totalY, { width: width / 2 });
  doc.text(euros(receipt.totalCents), MARGIN + width / 2, totalY, { width: width / 2 - 4, align: "right" });
  doc.x = MARGIN;
  doc.moveDown(0.6);
  doc.font("Helvetica").fontSize(10).text(winAnsi(m.paidBy(receipt.paymentLabel)));
  if (receipt.creditBalanceAfterCents !== null) doc.text(winAnsi(m.creditAfter(formatEuros(receipt.creditBalanceAfterCents))));
  doc.moveDown(1);
  if (!receipt.cancels) doc.fontSize(10).text(winAnsi(m.thanks));

  // The cash office's legal mention at the foot.
  if (receipt.footer) {
    doc.font("Helvetica").fontSize(8).fillColor("#444");
    const h = doc.heightOfString(winAnsi(receipt.footer), { width });
    const y = Math.max(doc.y + 12, doc.page.height - MARGIN - h);
    // Written in the bottom margin's place: no page break for it.
    doc.page.margins.bottom = 0;
    doc.text(winAnsi(receipt.footer), MARGIN, y, { width, align: "center" });
  }
  doc.end();
  return done;
}
