/**
 * Names in the archive of a call's files, pure: one folder per application (« 012 - Nom du lieu »),
 * and file names any system can write — no path, no character Windows refuses, no reserved device
 * name, not too long — each once per folder (« devis.pdf », « devis (2).pdf »).
 */
import { fr } from "~/lib/messages";

/** Characters Windows refuses in a name, path separators, control characters. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
/** Names Windows keeps for devices, whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
/** Characters at most: folders and files stay well under the 255 most systems allow, and paths readable. */
const MAX_LENGTH = 100;

/** A name safe on any system: forbidden characters become « _ », spaces are collapsed, no dot or space at the ends; `fallback` when nothing is left. */
export function safeName(name: string, fallback = fr.callDocs.applications.unnamedFile): string {
  let safe = name.normalize("NFC").replace(/\s+/g, " ").replace(FORBIDDEN, "_").replace(/^[\s.]+|[\s.]+$/g, "");
  if (!safe.replace(/_/g, "")) return fallback;
  if (RESERVED.test(safe)) safe = `_${safe}`;
  if ([...safe].length > MAX_LENGTH) {
    // Keep the extension (a short one) and cut the stem.
    const dot = safe.lastIndexOf(".");
    const extension = dot > 0 && safe.length - dot <= 10 ? safe.slice(dot) : "";
    safe = `${[...safe.slice(0, safe.length - extension.length)].slice(0, MAX_LENGTH - extension.length).join("").trimEnd()}${extension}`;
  }
  return safe;
}

/** An application's folder: its number on three digits (more when it has more) and its place's name. */
export function applicationFolder(number: number, placeName: string): string {
  return safeName(`${String(number).padStart(3, "0")} - ${placeName}`);
}

/**
 * The names of one folder's files, in order, each made safe and once (case aside: « Devis.pdf » and
 * « devis.pdf » are the same file on Windows and macOS): the second becomes « devis (2).pdf ».
 */
export function uniqueNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const safe = safeName(name);
    const dot = safe.lastIndexOf(".");
    const [stem, extension] = dot > 0 ? [safe.slice(0, dot), safe.slice(dot)] : [safe, ""];
    let candidate = safe;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${extension}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}
