import { crc32, deflateSync } from "node:zlib";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { checkUpload, MAX_UPLOAD_BYTES, safeDownloadName } from "./file-check";

const ascii = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));

/** A ZIP archive of stored (uncompressed) entries, in this order. */
function zip(entries: [name: string, content: string][]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const fileName = Buffer.from(name);
    const data = Buffer.from(content);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** A 1×1 PNG, chunk by chunk. */
function png(): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
  const pixels = deflateSync(Buffer.from([0, 255, 128, 0])); // filter byte, one orange pixel
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", pixels), chunk("IEND", Buffer.alloc(0))]));
}

/** A minimal Word document: content types, the package relationship, the main part. */
function docx(): Uint8Array {
  return zip([
    [
      "[Content_Types].xml",
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ],
    [
      "_rels/.rels",
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ],
    ["word/document.xml", '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Projet</w:t></w:r></w:p></w:body></w:document>'],
  ]);
}

/** An OLE compound file: the header's signature, and one directory entry per stream name (sector 0, just after the header). */
function ole(streams: string[]): Uint8Array {
  const bytes = Buffer.alloc(1024);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  bytes.writeUInt16LE(0x003e, 24); // minor version
  bytes.writeUInt16LE(0x0003, 26); // version 3: 512-byte sectors
  bytes.writeUInt16LE(0xfffe, 28); // little-endian
  bytes.writeUInt16LE(9, 30); // sector shift
  ["Root Entry", ...streams].forEach((stream, i) => {
    const name = Buffer.from(`${stream}\0`, "utf16le");
    name.copy(bytes, 512 + i * 128);
    bytes.writeUInt16LE(name.length, 512 + i * 128 + 64);
  });
  return new Uint8Array(bytes);
}

const pdf = ascii("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
const accepted = "Envoyez un PDF, une image (PNG, JPEG, WebP ou GIF) ou un document bureautique";

describe("checkUpload", () => {
  it("accepts a PDF, images and office documents by their content", async () => {
    expect(await checkUpload(pdf, "dossier.pdf")).toEqual({ ok: true, mediaType: "application/pdf", extension: "pdf" });
    expect(await checkUpload(png(), "logo.png")).toEqual({ ok: true, mediaType: "image/png", extension: "png" });
    expect(await checkUpload(ascii("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"), "photo.jpeg")).toEqual({ ok: true, mediaType: "image/jpeg", extension: "jpg" });
    expect(await checkUpload(ascii("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), "anim.gif")).toEqual({ ok: true, mediaType: "image/gif", extension: "gif" });
    // The name does not matter: a PNG named .pdf is a PNG.
    expect(await checkUpload(png(), "statuts.pdf")).toMatchObject({ ok: true, mediaType: "image/png" });
  });

  it("looks inside ZIP files for Word, Excel and LibreOffice documents", async () => {
    expect(await checkUpload(docx(), "projet.docx")).toEqual({ ok: true, mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extension: "docx" });
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Budget").addRow(["Matériel", 1234.5]);
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await checkUpload(xlsx, "budget.xlsx")).toEqual({ ok: true, mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extension: "xlsx" });
    const odt = zip([["mimetype", "application/vnd.oasis.opendocument.text"], ["content.xml", "<office:document-content/>"]]);
    expect(await checkUpload(odt, "projet.odt")).toEqual({ ok: true, mediaType: "application/vnd.oasis.opendocument.text", extension: "odt" });
  });

  it("tells old Word and Excel files from other compound files by their streams", async () => {
    expect(await checkUpload(ole(["WordDocument", "1Table"]), "vieux.doc")).toEqual({ ok: true, mediaType: "application/msword", extension: "doc" });
    expect(await checkUpload(ole(["Workbook"]), "vieux.xls")).toEqual({ ok: true, mediaType: "application/vnd.ms-excel", extension: "xls" });
    const installer = await checkUpload(ole(["SummaryInformation"]), "setup.doc");
    expect(installer).toEqual({ ok: false, error: expect.stringContaining("Le fichier « setup.doc » n'est pas d'un type accepté.") });
  });

  it("refuses a plain ZIP, an executable named .pdf, HTML and SVG, saying what is accepted", async () => {
    const refusals = [
      [zip([["notes.txt", "bonjour"]]), "archive.zip"],
      [ascii("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + "\x00".repeat(48) + "This program cannot be run in DOS mode."), "facture.pdf"],
      [ascii("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"), "page.pdf"],
      [ascii('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), "logo.svg"],
      [ascii('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), "logo.png"],
    ] as const;
    for (const [bytes, name] of refusals) {
      const result = await checkUpload(bytes, name);
      expect(result.ok, name).toBe(false);
      if (result.ok) continue;
      expect(result.error).toContain(`« ${name} »`);
      expect(result.error).toContain(accepted);
    }
  });

  it("refuses an empty file and one over 10 MB", async () => {
    expect(await checkUpload(new Uint8Array(0), "vide.pdf")).toEqual({ ok: false, error: "Ce fichier est vide." });
    const largest = new Uint8Array(MAX_UPLOAD_BYTES);
    largest.set(pdf);
    expect(await checkUpload(largest, "gros.pdf")).toMatchObject({ ok: true, extension: "pdf" });
    const tooLarge = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    tooLarge.set(pdf);
    expect(await checkUpload(tooLarge, "trop-gros.pdf")).toEqual({ ok: false, error: expect.stringContaining("dépasse 10 Mo") });
  });
});

describe("safeDownloadName", () => {
  it("gives an ASCII fallback and the name as given", () => {
    expect(safeDownloadName("Budget prévisionnel (2026).xlsx")).toBe(`attachment; filename="Budget previsionnel (2026).xlsx"; filename*=UTF-8''Budget%20pr%C3%A9visionnel%20%282026%29.xlsx`);
    expect(safeDownloadName("C:\\fakepath\\l'équipe \"A\";\r\n.pdf", "inline")).toBe(`inline; filename="l'equipe _A__.pdf"; filename*=UTF-8''l%27%C3%A9quipe%20%22A%22%3B.pdf`);
    expect(safeDownloadName("数据.pdf")).toBe(`attachment; filename="__.pdf"; filename*=UTF-8''%E6%95%B0%E6%8D%AE.pdf`);
    expect(safeDownloadName("../")).toBe(`attachment; filename="fichier"; filename*=UTF-8''fichier`);
  });
});
