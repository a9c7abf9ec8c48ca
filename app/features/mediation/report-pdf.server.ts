/**
 * A report as a PDF (pdfkit): a title, a few lines, then tables with their captions, on A4,
 * page numbers at the foot. Written for the yearly activity report funders ask for; any
 * figures shaped as tables fit. Helvetica (pdfkit's built-in font, WinAnsi): the few characters
 * it lacks (narrow no-break spaces of French numbers) are written as plain no-break spaces.
 */
import PDFDocument from "pdfkit";

export type ReportTable = { title: string; columns: string[]; rows: (string | number)[][]; note?: string };
export type ReportDocument = { title: string; subtitle: string; lines: string[]; tables: ReportTable[]; footer: string };

const MARGIN = 50;
const FONT_SIZE = 9.5;
const ROW_GAP = 3;

/** What Helvetica's WinAnsi encoding can write. */
function winAnsi(text: string | number): string {
  return String(text).replace(/[\u202f\u2009\u2007]/g, "\u00a0").replace(/[\u2010\u2011]/g, "-");
}

/** The PDF, as a stream (pipe it to the response or a file). */
export function reportPdf(report: ReportDocument): PDFKit.PDFDocument {
  const doc = new PDFDocument({ size: "A4", margin: MARGIN, bufferPages: true, info: { Title: winAnsi(report.title), Creator: "Réseau EPN" }, lang: "fr-FR", displayTitle: true });
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN - 20;

  doc.font("Helvetica-Bold").fontSize(16).text(winAnsi(report.title));
  doc.font("Helvetica").fontSize(11).fillColor("#333").text(winAnsi(report.subtitle)).moveDown(0.5);
  doc.fillColor("#000").fontSize(10);
  for (const line of report.lines) doc.text(winAnsi(line));
  doc.moveDown();

  for (const table of report.tables) {
    const columns = table.columns.length;
    // The first column (what is counted) takes the room it needs; the figures share the rest.
    const first = columns === 1 ? width : Math.max(width * 0.45, width - (columns - 1) * 70);
    const other = columns === 1 ? 0 : (width - first) / (columns - 1);
    const xs = [MARGIN, ...Array.from({ length: columns - 1 }, (_, i) => MARGIN + first + i * other)];
    const widths = [first, ...Array.from({ length: columns - 1 }, () => other)];
    const rowHeight = (cells: string[], bold: boolean) => {
      doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(FONT_SIZE);
      return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 4 }))) + ROW_GAP;
    };
    const drawRow = (cells: string[], bold: boolean) => {
      const h = rowHeight(cells, bold);
      if (doc.y + h > bottom()) doc.addPage();
      const y = doc.y;
      cells.forEach((cell, i) => doc.text(cell, xs[i]!, y, { width: widths[i]! - 4, align: i === 0 ? "left" : "right" }));
      doc.moveTo(MARGIN, y + h - 1).lineTo(MARGIN + width, y + h - 1).lineWidth(0.3).strokeColor("#bbb").stroke();
      doc.x = MARGIN;
      doc.y = y + h;
    };
    if (doc.y + 60 > bottom()) doc.addPage();
    doc.font("Helvetica-Bold").fontSize(12).text(winAnsi(table.title), MARGIN, doc.y).moveDown(0.3);
    drawRow(table.columns.map(winAnsi), true);
    for (const row of table.rows) drawRow(row.map(winAnsi), false);
    if (table.note) doc.font("Helvetica-Oblique").fontSize(8.5).text(winAnsi(table.note), MARGIN, doc.y + 2, { width });
    doc.moveDown(1);
  }

  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    // Written in the bottom margin: without this pdfkit would start a new page for it.
    doc.page.margins.bottom = 0;
    doc.font("Helvetica").fontSize(8).fillColor("#555").text(winAnsi(`${report.footer} — page ${i + 1} / ${pages.count}`), MARGIN, doc.page.height - MARGIN + 10, { width, align: "center", lineBreak: false });
  }
  doc.end();
  return doc;
}
