/**
 * A file joined to an application, checked before it is kept: at most 10 MB, not empty, and of
 * an accepted type as its CONTENT says (never its name): PDF, PNG, JPEG, WebP, GIF, Word, Excel,
 * PowerPoint (.pptx) and LibreOffice documents. The `file-type` package reads the magic numbers
 * and looks inside ZIP files for OOXML and OpenDocument parts. Old Word and Excel files are OLE
 * compound files, which it names only « cfb »: we read the compound file's directory for the
 * stream every such document has (« WordDocument », « Workbook »); an installer (.msi) or any
 * other compound file is refused. Text formats (HTML, SVG, CSV) are refused: a browser could run them.
 */
import { fileTypeFromBuffer } from "file-type";
import { fr } from "~/lib/messages";

const m = fr.calls.files;

/** 10 MB, as application_files' CHECK. */
export const MAX_UPLOAD_BYTES = 10_485_760;

/** The types `file-type` names that we keep, by its extension. */
const ACCEPTED = new Set(["pdf", "png", "jpg", "webp", "gif", "docx", "xlsx", "pptx", "odt", "ods", "odp"]);

/** Old Office documents: the stream that makes an OLE compound file one of them. */
const OLE_DOCUMENTS = [
  { stream: "WordDocument", extension: "doc", mediaType: "application/msword" },
  { stream: "Workbook", extension: "xls", mediaType: "application/vnd.ms-excel" },
] as const;

export type UploadCheck = { ok: true; mediaType: string; extension: string } | { ok: false; error: string };

/** Does this compound file's directory hold a stream of this name? */
function hasOleStream(bytes: Uint8Array, stream: string): boolean {
  // A directory entry (128 bytes, 128-aligned past the 512-byte header, in 512- or 4096-byte
  // sectors) starts with its name in UTF-16LE ending with a NUL, and its byte length (NUL
  // included) at offset 64.
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const name = Buffer.from(`${stream}\0`, "utf16le");
  for (let at = buffer.indexOf(name, 512); at >= 0; at = buffer.indexOf(name, at + 1)) {
    if (at % 128 === 0 && at + 66 <= buffer.length && buffer.readUInt16LE(at + 64) === name.length) return true;
  }
  return false;
}

/** What this file is, by its content; or, in French, why it is refused. `fileName` only names it in the message. */
export async function checkUpload(bytes: Uint8Array, fileName: string): Promise<UploadCheck> {
  if (bytes.byteLength === 0) return { ok: false, error: m.empty };
  if (bytes.byteLength > MAX_UPLOAD_BYTES) return { ok: false, error: m.tooLarge };
  const refused: UploadCheck = { ok: false, error: m.refused(fileName) };
  const type = await fileTypeFromBuffer(bytes);
  if (!type) return refused;
  if (ACCEPTED.has(type.ext)) return { ok: true, mediaType: type.mime, extension: type.ext };
  if (type.ext === "cfb") {
    const document = OLE_DOCUMENTS.find((d) => hasOleStream(bytes, d.stream));
    return document ? { ok: true, mediaType: document.mediaType, extension: document.extension } : refused;
  }
  return refused;
}

/**
 * A Content-Disposition header for this file name: `attachment; filename="…"; filename*=UTF-8''…`.
 * The plain `filename` is an ASCII fallback (accents dropped, quotes, slashes and control
 * characters replaced); `filename*` (RFC 5987 / 6266) keeps the name as the person gave it.
 */
export function safeDownloadName(fileName: string, disposition: "attachment" | "inline" = "attachment"): string {
  const printable = [...(fileName.split(/[\\/]/).pop() ?? "")].filter((c) => {
    const code = c.codePointAt(0)!;
    return code >= 0x20 && (code < 0x7f || code > 0x9f) && (code < 0xd800 || code > 0xdfff); // no control character, no lone surrogate
  });
  const base = [...printable.join("").trim()].slice(0, 200).join("");
  const name = base === "" || base === "." || base === ".." ? m.defaultName : base;
  const ascii =
    name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\x20-\x7e]|["\\;%]/g, "_")
      .trim() || m.defaultName;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
