/**
 * Small normalisers for the values real files carry: phone numbers, postcodes, dates, SIRET/SIREN,
 * e-mails and URLs. Each returns the normalised value (or undefined) and French notes for people.
 */

export type Normalized<T = string> = { value: T | undefined; notes: string[] };

export const PIVOT_PLACEHOLDER = "00000000000000";

/** Placeholders that mean "no value" in real files. */
const MISSING = /^(null|undefined|none|#n\/?d|n\/a|#value!|#ref!)$/i;

/** Text of a raw cell: numbers and booleans as text, null/undefined as "". */
export function cellText(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  if (typeof v === "string") {
    const t = v.trim();
    return MISSING.test(t) ? "" : t;
  }
  if (typeof v === "boolean") return v ? "True" : "False";
  if (Array.isArray(v)) return v.map(cellText).filter(Boolean).join("|");
  return JSON.stringify(v);
}

/** Lower case, no accents, typographic apostrophes straightened, spaces collapsed. */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[’‘`´]/g, "'")
    .replace(/œ/gi, "oe")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

// ---------------------------------------------------------------------------------------------
// Phone numbers
// ---------------------------------------------------------------------------------------------

/** Prefixes accepted by the schema's pattern. */
const PHONE_PATTERN = /^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)\d{6,9}$/;
const COUNTRY_CODES = ["33", "590", "594", "262", "596", "269", "687", "689", "508", "681"];

/**
 * Country code for a French national number, from the place's postcode.
 * Mayotte (976) uses +262 like La Réunion: +269 is the Comoros' code, and Mayotte's own
 * numbers (0269…, 0639…) already carry 269/639 after the trunk 0.
 */
export function countryCodeForPostcode(postcode: string | undefined): string {
  const p = (postcode ?? "").trim();
  if (p.startsWith("971") || p.startsWith("977") || p.startsWith("978")) return "+590";
  if (p.startsWith("972")) return "+596";
  if (p.startsWith("973")) return "+594";
  if (p.startsWith("974") || p.startsWith("976")) return "+262";
  if (p.startsWith("975")) return "+508";
  if (p.startsWith("986")) return "+681";
  if (p.startsWith("987")) return "+689";
  if (p.startsWith("988")) return "+687";
  return "+33";
}

/** Territories without a trunk 0: local numbers are 6 (NC, Wallis) or 8 (Polynésie) digits. */
const NO_TRUNK_PREFIX: Record<string, number[]> = { "+687": [6], "+681": [6], "+689": [8] };

function normalizeOnePhone(candidate: string, postcode: string | undefined): string | undefined {
  let s = candidate.replace(/\(0\)/g, "").replace(/[^\d+]/g, "");
  if (s.startsWith("00")) s = `+${s.slice(2)}`;
  if (s.startsWith("+")) {
    // "+330248…": drop the trunk 0 written after the country code.
    const cc = COUNTRY_CODES.find((c) => s.startsWith(`+${c}`));
    if (cc && !NO_TRUNK_PREFIX[`+${cc}`] && s[cc.length + 1] === "0") s = `+${cc}${s.slice(cc.length + 2)}`;
    return PHONE_PATTERN.test(s) ? s : undefined;
  }
  if (!/^\d+$/.test(s)) return undefined;
  const cc = countryCodeForPostcode(postcode);
  const local = NO_TRUNK_PREFIX[cc];
  if (local) {
    if (local.includes(s.length)) s = `${cc}${s}`;
    else return undefined;
  } else if (s.length === 10 && s.startsWith("0")) s = `${cc}${s.slice(1)}`;
  // 9 digits: the leading 0 was lost by a spreadsheet ("237641660").
  else if (s.length === 9 && !s.startsWith("0")) s = `${cc}${s}`;
  else return undefined;
  return PHONE_PATTERN.test(s) ? s : undefined;
}

/**
 * "02 48 24 22 26" → "+33248242226"; "0596 78 00 40" with postcode 97221 → "+596596780040".
 * Several numbers: keep the first valid one and note the others.
 */
export function normalizePhone(raw: string, postcode?: string): Normalized {
  const text = raw.trim();
  if (!text || /^[-–—.\s]*$/.test(text)) return { value: undefined, notes: [] };
  const candidates = text
    .split(/\s*(?:[/;,|\n]|\bou\b|\bet\b)\s*/i)
    .map((c) => c.trim())
    .filter((c) => /\d/.test(c));
  // "02 48 24 22 26 06 12 34 56 78": two French numbers written one after the other.
  const digits = text.replace(/[^\d]/g, "");
  if (candidates.length === 1 && !text.includes("+") && digits.length === 20 && digits.startsWith("0") && digits[10] === "0") {
    candidates.splice(0, 1, digits.slice(0, 10), digits.slice(10));
  }
  const valid = candidates.map((c) => normalizeOnePhone(c, postcode)).filter((v): v is string => Boolean(v));
  if (valid.length === 0) return { value: undefined, notes: [`Numéro de téléphone illisible, ignoré : « ${text} ».`] };
  const notes: string[] = [];
  const others = [...new Set(valid.slice(1))].filter((v) => v !== valid[0]);
  if (others.length > 0) notes.push(`Plusieurs numéros de téléphone : seul le premier est gardé (${valid[0]}), autres : ${others.join(", ")}.`);
  else if (candidates.length > valid.length) notes.push(`Une partie du champ téléphone est illisible et a été ignorée : « ${text} ».`);
  return { value: valid[0], notes };
}

// ---------------------------------------------------------------------------------------------
// Postcodes, INSEE codes
// ---------------------------------------------------------------------------------------------

/** 1200 → "01200"; " 13 100 " → "13100". Anything else is returned as written (trimmed). */
export function normalizePostcode(raw: unknown): string {
  const text = cellText(raw).replace(/\s+/g, "");
  if (/^\d{4}$/.test(text)) return `0${text}`;
  if (/^\d{5}\.0+$/.test(text)) return text.slice(0, 5);
  return text;
}

/** 1053 → "01053"; "2a004" → "2A004". */
export function normalizeInsee(raw: unknown): string {
  const text = cellText(raw).replace(/\s+/g, "").toUpperCase();
  if (text.includes("NULL")) return "";
  if (/^\d{4}$/.test(text)) return `0${text}`;
  return text;
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

/**
 * "2020/06/30 14:16:50.898" → "2020-06-30"; "30/06/2020" → "2020-06-30";
 * "2023-05-11T08:00:00Z" → "2023-05-11". Unknown forms → undefined.
 */
export function normalizeDate(raw: unknown): string | undefined {
  const text = cellText(raw);
  if (!text) return undefined;
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])/.exec(text);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return isRealDate(y, mo, d) ? iso(y, mo, d) : undefined;
  }
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:$|[T\s])/.exec(text);
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return isRealDate(y, mo, d) ? iso(y, mo, d) : undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// SIRET / SIREN / RNA / RIDET
// ---------------------------------------------------------------------------------------------

/**
 * Accepts SIRET (14 digits), SIREN (9 digits), RNA (W + 9 characters), RIDET (7 digits + 3,
 * "1234567.001"). Spaces and dots are removed. Missing or unusable → "00000000000000" with a note,
 * as the national pipeline does.
 */
export function normalizePivot(raw: unknown): Normalized {
  const text = cellText(raw);
  const compact = text.replace(/[\s.\-_]/g, "").toUpperCase();
  if (/^[A-Z0-9]{9,14}$/.test(compact)) {
    return { value: compact, notes: [] };
  }
  if (/^\d{8}$/.test(compact)) {
    // SIREN whose leading 0 was lost by a spreadsheet.
    return { value: `0${compact}`, notes: [`SIREN « ${text} » complété par le zéro initial.`] };
  }
  return {
    value: PIVOT_PLACEHOLDER,
    notes: [
      text
        ? `SIRET/RNA/RIDET inutilisable (« ${text} ») : remplacé par ${PIVOT_PLACEHOLDER}.`
        : `SIRET/RNA/RIDET absent : ${PIVOT_PLACEHOLDER} a été mis à la place.`,
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// E-mails and URLs
// ---------------------------------------------------------------------------------------------

const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[a-z]{2,}$/i;

/** Split a cell holding one or more e-mails; invalid ones are noted and dropped. */
export function normalizeEmails(raw: string): { values: string[]; notes: string[] } {
  const values: string[] = [];
  const notes: string[] = [];
  for (const part of raw.split(/[\s|;,]+/)) {
    const email = part.trim().replace(/^mailto:/i, "").replace(/[.>]+$/, "").replace(/^</, "");
    if (!email) continue;
    if (EMAIL.test(email)) {
      if (!values.includes(email)) values.push(email);
    } else notes.push(`Adresse électronique invalide, ignorée : « ${part.trim()} ».`);
  }
  return { values, notes };
}

const DOMAIN_LIKE = /^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(:\d+)?([/?#].*)?$/i;

/** One URL: trimmed, typos in the scheme fixed, `https://` added when missing. */
export function normalizeUrl(raw: string): Normalized {
  let text = raw.trim().replace(/^<|>$/g, "");
  if (!text) return { value: undefined, notes: [] };
  text = text.replace(/^htt?ps?:?\/\/+/i, (m) => (/s/i.test(m) ? "https://" : "http://")).replace(/^htpps:\/\//i, "https://");
  if (/^https?:\/\/\S+$/i.test(text)) return { value: text, notes: [] };
  if (EMAIL.test(text)) return { value: undefined, notes: [`Une adresse électronique a été trouvée à la place d'un site web, ignorée : « ${text} ».`] };
  if (DOMAIN_LIKE.test(text)) return { value: `https://${text}`, notes: [] };
  return { value: undefined, notes: [`Adresse de site web illisible, ignorée : « ${raw.trim()} ».`] };
}

/** Split a cell holding one or more URLs (separated by `|`, `;`, `,` or spaces). */
export function normalizeUrls(raw: string): { values: string[]; notes: string[] } {
  const values: string[] = [];
  const notes: string[] = [];
  // A comment after the URL ("https://x.fr (refonte en cours)") is dropped.
  const parts = raw.split(/\s*[|;,\n]\s*|\s+(?=https?:|www\.)/i);
  for (const part of parts) {
    const cleaned = part.replace(/\s+\(.*\)\s*$/, "").trim();
    if (!cleaned) continue;
    const { value, notes: n } = normalizeUrl(cleaned);
    notes.push(...n);
    if (value && !values.includes(value)) values.push(value);
  }
  return { values, notes };
}

/** Number from a cell: "12", 12, "12,5" → 12.5; anything else → undefined. */
export function parseNumber(raw: unknown): number | undefined {
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : undefined;
  const text = cellText(raw).replace(/\s+/g, "").replace(",", ".");
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return undefined;
  return Number(text);
}
