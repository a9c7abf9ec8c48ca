import { describe, expect, it } from "vitest";
import { pdfText } from "../../../tests/support/pdf-text";
import { reportPdf } from "./report-pdf.server";

async function bytesOf(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe("reportPdf", () => {
  it("writes an A4 PDF with its tables over as many pages as they need, page numbers at the foot", async () => {
    const rows = Array.from({ length: 120 }, (_, i) => [`Thématique n° ${i + 1} — démarches`, 1_234 + i, "12\u202f%"]);
    const pdf = await bytesOf(reportPdf({ title: "Rapport d'activité 2026", subtitle: "Espace numérique", lines: ["Du 1er janvier au 31 décembre 2026."], tables: [{ title: "Thématiques", columns: ["Thématique", "Accompagnements", "Part"], rows }], footer: "Réseau EPN" }));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdf.toString("latin1");
    expect(text).toContain("/MediaBox [0 0 595.28 841.89]");
    const pages = (text.match(/\/Type \/Page\b/g) ?? []).length;
    expect(pages).toBeGreaterThan(1);
    // Each page's number at its own foot: no page added for a footer.
    const footers = pdfText(pdf).split("\n").filter((line) => line.startsWith("Réseau EPN — page "));
    expect(footers).toEqual(Array.from({ length: pages }, (_, i) => `Réseau EPN — page ${i + 1} / ${pages}`));
  });
});
