/**
 * The text a pdfkit PDF shows, read back for tests: each content stream inflated, each `TJ`
 * array's hex strings decoded (WinAnsi: windows-1252), one line per text run.
 */
import { inflateSync } from "node:zlib";

const winAnsi = new TextDecoder("windows-1252");

export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString("latin1");
  const runs: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf("endstream", start);
    const bytes = pdf.subarray(start, end);
    let content: string;
    try {
      content = inflateSync(bytes).toString("latin1");
    } catch {
      continue;
    }
    for (const tj of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      runs.push([...tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => winAnsi.decode(Buffer.from(h[1]!, "hex"))).join(""));
    }
  }
  return runs.join("\n");
}
