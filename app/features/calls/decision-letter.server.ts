/**
 * A decision's letter as a PDF (pdfkit), on A4, the way a French administrative letter reads: the
 * network's name as letterhead, the place's name and address where a window envelope shows them,
 * the city and date (the decision's day on the calendar of metropolitan France), the subject, then
 * the decision — the label granted with its dates and themes, or the refusal or the closing without
 * follow-up with its reasons —, the formal close, the signatory, and the network's name at the foot
 * of every page. Helvetica (pdfkit's built-in font, WinAnsi): what it cannot write is replaced by its
 * nearest (a letter without its accent, a plain space, a hyphen), never by a blank.
 */
import PDFDocument from "pdfkit";
import { formatDate } from "~/features/time/format";
import { todayInFrance } from "~/features/time/today";
import { fr } from "~/lib/messages";

const m = fr.callDocs.letter;

export type DecisionLetterInput = {
  networkName: string;
  callTitle: string;
  /** The dossier's number (1, 2, …). */
  applicationNumber: number;
  placeName: string;
  /** The place's address, one line each (street, complement, « 45000 Orléans »). */
  placeAddress: string[];
  state: "accepted" | "refused" | "closed";
  /** Why it was refused or closed (paragraphs separated by line breaks). */
  reason?: string;
  /** The label granted (accepted). */
  label?: string;
  themes?: string[];
  /** The label's validity, YYYY-MM-DD. */
  validFrom?: string;
  validUntil?: string;
  decidedAt: Date;
  signatoryName: string;
  signatoryTitle: string;
  /** Where the letter is written from: « Orléans, le 12 mars 2017 ». */
  city?: string;
};

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 50, bottom: 80, left: 62, right: 62 };
/** Where a DL window envelope (window 45 mm from the top, 110 mm from the left) shows the recipient. */
const RECIPIENT = { x: 312, y: 150 };
const BODY_SIZE = 10.5;
const INK = "#1a1a1a";
const ACCENT = "#1f3a5f";

/** The characters WinAnsi (windows-1252) has beyond Latin-1. */
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

/** Text Helvetica can write: spaces and dashes it lacks become their plain forms, other letters lose their accents, what is left becomes « ? ». */
export function winAnsi(text: string): string {
  let out = "";
  for (const char of text.replace(/[\u202f\u2009\u2007\u2002\u2003]/g, "\u00a0").replace(/[\u2010\u2011\u2212]/g, "-").replace(/[\u2032\u02bc]/g, "’").replace(/\t/g, " ")) {
    const code = char.codePointAt(0)!;
    if (code === 0x0a || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char)) {
      out += char;
      continue;
    }
    const bare = char.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    out += bare && [...bare].every((c) => c.codePointAt(0)! < 0x7f) ? bare : "?";
  }
  return out;
}

/** The letter's PDF, whole (a few kilobytes): kept as sent in `decision_letters`. */
export function renderDecisionLetter(input: DecisionLetterInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    info: { Title: winAnsi(m.pdfTitle(input.callTitle, input.applicationNumber)), Author: winAnsi(input.networkName), Creator: "Réseau EPN" },
    lang: "fr-FR",
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const width = A4.width - MARGIN.left - MARGIN.right;
  const bottom = A4.height - MARGIN.bottom;
  const paragraph = (text: string, options: { indent?: number; gap?: number } = {}) => {
    doc.font("Helvetica").fontSize(BODY_SIZE).fillColor(INK);
    doc.text(winAnsi(text), MARGIN.left + (options.indent ?? 0), doc.y, { width: width - (options.indent ?? 0), lineGap: 2 });
    doc.moveDown(options.gap ?? 0.8);
  };

  // Letterhead: the network's name, and a rule under it.
  doc.font("Helvetica-Bold").fontSize(17).fillColor(ACCENT).text(winAnsi(input.networkName), MARGIN.left, MARGIN.top, { width });
  const ruleY = doc.y + 6;
  doc.moveTo(MARGIN.left, ruleY).lineTo(MARGIN.left + width, ruleY).lineWidth(1.2).strokeColor(ACCENT).stroke();

  // Recipient: the place, where the envelope's window is.
  const recipientWidth = A4.width - MARGIN.right - RECIPIENT.x;
  doc.font("Helvetica-Bold").fontSize(11).fillColor(INK).text(winAnsi(input.placeName), RECIPIENT.x, Math.max(RECIPIENT.y, ruleY + 30), { width: recipientWidth });
  doc.font("Helvetica").fontSize(11);
  for (const line of input.placeAddress) if (line.trim()) doc.text(winAnsi(line.trim()), RECIPIENT.x, doc.y, { width: recipientWidth });

  // City and date, under the recipient.
  doc.moveDown(2.2);
  const day = formatDate(todayInFrance(input.decidedAt));
  doc.fontSize(BODY_SIZE).text(winAnsi(m.dateLine(day, input.city?.trim() || undefined)), RECIPIENT.x, doc.y, { width: recipientWidth });

  // Subject.
  doc.moveDown(2.5);
  doc.font("Helvetica-Bold").fontSize(BODY_SIZE).text(winAnsi(m.subjectLabel), MARGIN.left, doc.y, { width, continued: true, lineGap: 2 });
  doc.font("Helvetica").text(winAnsi(m.subject(input.callTitle, input.applicationNumber)), { lineGap: 2 });
  doc.moveDown(2);

  paragraph(m.salutation);
  const reasons = (heading: string) => {
    const text = input.reason?.trim();
    if (!text) return;
    paragraph(heading, { gap: 0.4 });
    for (const part of text.split(/\n\s*\n|\r?\n/).map((p) => p.trim()).filter(Boolean)) paragraph(part, { indent: 16, gap: 0.4 });
    doc.moveDown(0.4);
  };
  if (input.state === "accepted") {
    const validity = m.accepted.validity(input.validFrom ? formatDate(input.validFrom) : undefined, input.validUntil ? formatDate(input.validUntil) : undefined);
    paragraph(m.accepted.granted(input.placeName, input.label ?? input.callTitle, validity));
    const themes = (input.themes ?? []).map((t) => t.trim()).filter(Boolean);
    if (themes.length) {
      paragraph(m.accepted.themes(themes.length), { gap: 0.3 });
      doc.font("Helvetica").fontSize(BODY_SIZE);
      for (const theme of themes) doc.text(winAnsi(`•  ${theme}`), MARGIN.left + 16, doc.y, { width: width - 16, lineGap: 2 });
      doc.moveDown(0.8);
    }
    paragraph(m.accepted.closing);
  } else if (input.state === "refused") {
    paragraph(m.refused.decision(input.placeName));
    reasons(m.refused.reasons);
    paragraph(m.refused.closing);
  } else {
    paragraph(m.closed.decision(input.placeName, input.applicationNumber));
    reasons(m.closed.reasons);
    paragraph(m.closed.closing);
  }
  paragraph(m.politeness);

  // The signatory, on the right; with the formal close on the same page.
  doc.font("Helvetica").fontSize(BODY_SIZE);
  const signatureHeight = doc.heightOfString(winAnsi(input.signatoryTitle), { width: recipientWidth }) + 60;
  if (doc.y + signatureHeight > bottom) doc.addPage();
  doc.moveDown(0.8);
  if (input.signatoryTitle.trim()) doc.text(winAnsi(input.signatoryTitle.trim()), RECIPIENT.x, doc.y, { width: recipientWidth });
  doc.moveDown(2.6);
  doc.font("Helvetica-Bold").text(winAnsi(input.signatoryName.trim()), RECIPIENT.x, doc.y, { width: recipientWidth });

  // The foot of every page: the network's name (and the page when there are several).
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    doc.page.margins.bottom = 0;
    const y = A4.height - 48;
    doc.moveTo(MARGIN.left, y - 8).lineTo(MARGIN.left + width, y - 8).lineWidth(0.5).strokeColor("#999").stroke();
    const footer = pages.count > 1 ? `${m.footer(input.networkName)} — ${m.page(i + 1, pages.count)}` : m.footer(input.networkName);
    doc.font("Helvetica").fontSize(8.5).fillColor("#555").text(winAnsi(footer), MARGIN.left, y, { width, align: "center", lineBreak: false });
  }
  doc.end();
  return done;
}
