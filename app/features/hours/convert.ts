/**
 * Conversion of real-world French opening hours (free text, one column per weekday) into the
 * OpenStreetMap `opening_hours` syntax.
 *
 * Conservative by design: a text is converted only when every meaningful part of it is
 * understood; anything else (alternating weeks, school holidays, appointments, monthly
 * planning, several services…) yields `{ ok: false, reason }` with a French explanation.
 */
import { isValidOpeningHours as isValidWithLibrary } from "~/features/hours/opening-hours";
import { OSM_WEEKDAYS, type OsmWeekday } from "~/features/time/weekday";
import { fr } from "~/lib/messages";

// Days are numbered here by their position in the week, 0 = Monday … 6 = Sunday (ISO weekday − 1):
// OSM_WEEKDAYS[d] is the OSM code, FRENCH_DAY_NAMES[d] the French name.

export type HoursConversion =
  | { ok: true; value: string }
  | { ok: false; reason: string };

const FRENCH_DAY_NAMES = fr.time.weekdays;

/** Is this a valid OSM opening_hours value (French public holidays, no library warning)? */
export function isValidOpeningHours(value: string): boolean {
  return isValidWithLibrary(value);
}

// ---------------------------------------------------------------------------
// Normalisation and rejection of what cannot be expressed faithfully
// ---------------------------------------------------------------------------

/**
 * Lower case, accents removed, typographic dashes/quotes unified. Character by character,
 * so positions in the result match positions in the original text (used for error messages).
 */
function normalize(text: string): string {
  let out = "";
  for (const char of text) {
    let c = char.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    if (c.length !== 1) c = c.charAt(0) || " ";
    if ("–—−‐‑".includes(c)) c = "-";
    else if ("’‘`´".includes(c)) c = "'";
    else if (c === "\t" || c === "\r" || c === "\u00a0" || c === "\u202f") c = " ";
    // Astral characters take two UTF-16 units: keep the positions aligned.
    out += char.length === 2 ? `${c} ` : c;
  }
  return out;
}

const APPOINTMENT = {
  pattern: /\brendez[- ]?vous\b|\brdv\b|\bsur inscription\b|\bapres inscription\b/,
  reason: "ouverture sur rendez-vous ou sur inscription",
};

/** Patterns (on normalised text) that make a faithful conversion impossible, with the French reason. */
const REJECTIONS: { pattern: RegExp; reason: string }[] = [
  { pattern: /\breserve(e|s|es)? (a|aux)\b|\buniquement pour\b/, reason: "accès réservé à un public particulier" },
  {
    pattern: /\bsemaines? (paires?|impaires?)\b|\bsur deux\b|\ben alternance\b|\bune semaine sur\b|\bsemaines? a\b|\bsemaines? b\b/,
    reason: "horaires variables selon les semaines (alternance)",
  },
  {
    pattern: /\bplanification\b|\bplanning\b|\bcalendrier\b|\bse referer\b|\bmensuel/,
    reason: "horaires publiés dans un planning séparé",
  },
  {
    pattern: /\bvacances\b|\bscolaires?\b|\bperiodes?\b|\bconges?\b|\bete\b|\bhiver\b|\bestival|\bhivernal|\bjanvier\b|\bfevrier\b|\bmars\b|\bavril\b|\bmai\b|\bjuin\b|\bjuillet\b|\baout\b|\bseptembre\b|\boctobre\b|\bnovembre\b|\bdecembre\b/,
    reason: "horaires qui dépendent de la période de l'année (vacances scolaires, saison…)",
  },
  {
    pattern: /\bdu mois\b|\bde chaque mois\b|\bpar mois\b|\b\d+ ?(er|ers|e|eme|emes|nd|nde)\b|\bpremi?ers?\b|\bpremieres?\b|\bderniers?\b|\bdernieres?\b/,
    reason: "ouverture certaines semaines du mois seulement",
  },
  { pattern: /\b24 ?h? ?\/ ?24\b|\b24 ?heures? sur 24\b/, reason: "mention « 24h/24 » réservée à une partie du public" },
  {
    pattern: /\bcoworking\b|\bpermanences?\b|\bateliers?\b|\bepn ?:|\bfablab\b|\bmakerspace\b|\btelephoniques?\b|\bmediateur\b|\bcommunes?\b/,
    reason: "plusieurs services ou lieux avec des horaires différents dans le même texte",
  },
  {
    pattern: /\bpas (ouvert|ouverte) tous\b|\bcertain(e)?s\b|\bparfois\b|\bselon\b|\bvariables?\b|\bexceptionnel|\bsauf exception\b|\bhoraires? adaptables?\b|\ba la demande\b/,
    reason: "horaires irréguliers ou variables",
  },
];

/** Checked only once the text is known to contain hours (free texts often use "ou" elsewhere). */
const SEVERAL_OPTIONS = { pattern: /\bou\b/, reason: "plusieurs possibilités d'horaires (« ou »)" };

/** Noise phrases removed before tokenising (replaced by spaces to keep positions). */
const NOISE: RegExp[] = [
  /\bsans (rendez[- ]?vous|rdv)\b/g,
  /\((journee continue|en continu|non[- ]stop)\)/g,
  /\b(journee continue|en continu|non[- ]stop)\b/g,
  /\b(jours et )?(horaires|heures) d'ouvertures?\b/g,
  /\bhoraires? d'accueil\b/g,
  /\b(accueil )?(du|au|tout) public\b/g,
  /\baccueil\b/g,
  /\bhoraires?\b/g,
  /\bouvert(e|s|es)?\b/g,
];

interface TextContext {
  original: string;
  norm: string;
  publicHolidaysOff: boolean;
}

/** Returns a reason when the text cannot be converted faithfully, otherwise the cleaned context. */
function prepare(text: string): TextContext | { reason: string } {
  let norm = normalize(text);
  const blank = (m: string) => " ".repeat(m.length);
  // "sans rendez-vous" is a plain access condition, not an appointment-only mention.
  norm = norm.replace(NOISE[0], blank);
  if (APPOINTMENT.pattern.test(norm)) return { reason: APPOINTMENT.reason };
  for (const { pattern, reason } of REJECTIONS) if (pattern.test(norm)) return { reason };
  if (!/[0-9]|\bmidi\b|\bferme/.test(norm)) return { reason: "aucun horaire dans le texte" };
  if (SEVERAL_OPTIONS.pattern.test(norm)) return { reason: SEVERAL_OPTIONS.reason };
  // Public holidays: "fermé les jours fériés" → PH off.
  let publicHolidaysOff = false;
  norm = norm.replace(/\b(fermee?s?|fermeture|sauf)\s+(les?\s+)?(dimanches?\s+et\s+)?jours?\s+feries?\b/g, (m) => {
    publicHolidaysOff = true;
    // Keep the Sunday part ("fermé les dimanches et jours fériés") as a closure.
    const sunday = /dimanche/.test(m) ? m.replace(/\s+et\s+(les?\s+)?jours?\s+feries?$/, "") : "";
    return sunday + " ".repeat(m.length - sunday.length);
  });
  norm = norm.replace(/\bet\s+(les?\s+)?jours?\s+feries?\b/g, (m) => {
    if (!/\b(fermee?s?|fermeture|sauf)\b/.test(norm)) return m;
    publicHolidaysOff = true;
    return blank(m);
  });
  if (/\bferies?\b/.test(norm)) return { reason: "mention des jours fériés non comprise" };
  for (const noise of NOISE.slice(1)) norm = norm.replace(noise, blank);
  return { original: text, norm, publicHolidaysOff };
}

// ---------------------------------------------------------------------------
// Tokenizer
// ---------------------------------------------------------------------------

type Token =
  | { kind: "time"; minutes: number; start: number; end: number }
  | { kind: "num"; value: number; start: number; end: number }
  | { kind: "day"; day: number; start: number; end: number }
  | { kind: "part"; part: DayPart; start: number; end: number }
  | { kind: "word"; word: string; start: number; end: number }
  | { kind: "sep"; sep: string; start: number; end: number }
  | { kind: "unknown"; start: number; end: number };

type DayPart = "am" | "pm";

const DAY_WORDS: Record<string, number> = {
  lundi: 0, lundis: 0, lun: 0,
  mardi: 1, mardis: 1, mar: 1,
  mercredi: 2, mercredis: 2, mer: 2, merc: 2,
  jeudi: 3, jeudis: 3, jeu: 3,
  vendredi: 4, vendredis: 4, ven: 4, vend: 4,
  samedi: 5, samedis: 5, sam: 5,
  dimanche: 6, dimanches: 6, dim: 6,
};

/** Words with a grammatical role only. */
const CONNECTOR_WORDS = new Set([
  "et", "de", "du", "des", "d", "le", "les", "l", "la", "puis", "a", "au", "aux", "jusqu", "sauf",
  "ferme", "fermee", "fermes", "fermees", "fermeture", "tous", "jours", "midi", "minuit", "pas",
  "en", "apres",
]);

const SEPARATORS = new Set(["-", "/", ",", ";", ":", ".", "\n", "(", ")", "+", "&", "|", "*"]);

function tokenize(norm: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < norm.length) {
    const rest = norm.slice(i);
    const space = /^[\s']+/.exec(rest);
    if (space && !space[0].includes("\n")) {
      i += space[0].length;
      continue;
    }
    if (rest[0] === "\n" || (space && space[0].includes("\n"))) {
      const len = space ? space[0].length : 1;
      tokens.push({ kind: "sep", sep: "\n", start: i, end: i + len });
      i += len;
      continue;
    }
    // "9h", "9h30", "9 h 30", "17 heures" — minutes are not taken when followed by "h" ("15h18h").
    let m = /^(\d{1,2})\s*(?:heures?|h)(?![a-z])(?:\s*(\d{2})(?!\d|\s*(?:heures?\b|h(?![a-z])|:)))?/.exec(rest);
    if (m) {
      tokens.push(timeToken(m, i));
      i += m[0].length;
      continue;
    }
    // "09:00", "7 : 30", "13:" (minutes omitted), optionally "09:00h".
    m = /^(\d{1,2})\s*:(?:\s*(\d{2})(?!\d|\s*:))?(?:h(?![a-z]))?/.exec(rest);
    if (m) {
      tokens.push(timeToken(m, i));
      i += m[0].length;
      continue;
    }
    m = /^\d+/.exec(rest);
    if (m) {
      tokens.push({ kind: "num", value: Number(m[0]), start: i, end: i + m[0].length });
      i += m[0].length;
      continue;
    }
    m = /^apres[- ]?midis?\b/.exec(rest) ?? /^(le )?soir\b/.exec(rest);
    if (m) {
      tokens.push({ kind: "part", part: "pm", start: i, end: i + m[0].length });
      i += m[0].length;
      continue;
    }
    m = /^[a-z]+/.exec(rest);
    if (m) {
      const word = m[0];
      let end = i + word.length;
      if (word in DAY_WORDS) {
        if (word.length <= 4 && norm[end] === ".") end += 1; // "lun.", "mar."
        tokens.push({ kind: "day", day: DAY_WORDS[word], start: i, end });
      } else if (word === "matin" || word === "matins" || word === "matinee") {
        tokens.push({ kind: "part", part: "am", start: i, end });
      } else if (word === "midi") {
        tokens.push({ kind: "time", minutes: 12 * 60, start: i, end });
      } else if (word === "minuit") {
        tokens.push({ kind: "time", minutes: 24 * 60, start: i, end });
      } else if (CONNECTOR_WORDS.has(word)) {
        tokens.push({ kind: "word", word, start: i, end });
      } else {
        tokens.push({ kind: "unknown", start: i, end });
      }
      i = end;
      continue;
    }
    if (rest.startsWith("--")) {
      tokens.push({ kind: "sep", sep: ";", start: i, end: i + 2 });
      i += 2;
      continue;
    }
    const c = rest[0];
    if (SEPARATORS.has(c)) tokens.push({ kind: "sep", sep: c === "&" ? "et" : c, start: i, end: i + 1 });
    else tokens.push({ kind: "unknown", start: i, end: i + 1 });
    i += 1;
  }
  return tokens;
}

function timeToken(m: RegExpExecArray, offset: number): Token {
  const hours = Number(m[1]);
  const minutes = m[2] === undefined ? 0 : Number(m[2]);
  // Invalid values are kept as is and rejected when ranges are checked.
  const value = minutes >= 60 ? -1 : hours * 60 + minutes;
  return { kind: "time", minutes: value, start: offset, end: offset + m[0].length };
}

// ---------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------

type Range = [number, number];
type Schedule = (Range[] | undefined)[];

class ConversionError extends Error {}

function fail(reason: string): never {
  throw new ConversionError(reason);
}

const isAm = (r: Range) => r[0] < 12 * 60 && r[1] <= 14 * 60;
const isPm = (r: Range) => r[0] >= 12 * 60;

function dayList(days: number[]): string {
  const names = days.map((d) => FRENCH_DAY_NAMES[d]);
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} et ${names[names.length - 1]}`;
}

function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

interface ParseOptions {
  defaultDays?: number[];
  /** Weekday cells: only times are expected, no day names. */
  allowDays: boolean;
}

class Parser {
  private i = 0;
  private readonly schedule: Schedule = Array.from({ length: 7 }, () => undefined);
  private readonly overrides: Schedule = Array.from({ length: 7 }, () => undefined);
  private readonly closures: { days: number[]; part?: DayPart }[] = [];
  private pending: { days: number[]; part?: DayPart; except: boolean; start: number } | undefined;
  private lastDays: number[] | undefined;
  private exceptMode = false;
  private usedDefault = false;
  private sawExplicitDays = false;

  private readonly tokens: Token[];
  private readonly ctx: TextContext;
  private readonly options: ParseOptions;

  constructor(tokens: Token[], ctx: TextContext, options: ParseOptions) {
    this.tokens = tokens;
    this.ctx = ctx;
    this.options = options;
  }

  private snippet(start: number, end: number): string {
    const original = this.ctx.original;
    const stop = /[\uD800-\uDBFF]/.test(original.charAt(end - 1)) ? end + 1 : end; // keep surrogate pairs whole
    return original.slice(start, stop).replace(/\s+/g, " ").trim();
  }

  private unknownAt(index: number): never {
    const first = this.tokens[index];
    let last = first;
    for (let j = index + 1; j < this.tokens.length; j++) {
      const t = this.tokens[j];
      if (t.kind === "sep" || t.kind === "time" || t.kind === "day") break;
      last = t;
      if (j - index > 6) break;
    }
    fail(`passage non compris : « ${this.snippet(first.start, last.end)} »`);
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }

  private isWord(t: Token | undefined, ...words: string[]): boolean {
    return t !== undefined && t.kind === "word" && words.includes(t.word);
  }

  parse(): { schedule: Schedule } {
    while (this.i < this.tokens.length) {
      const t = this.tokens[this.i];
      if (t.kind === "sep") {
        if (t.sep === "(" || t.sep === ")" || t.sep === "+" || t.sep === "*" || t.sep === "|") this.unknownAt(this.i);
        this.i++;
      } else if (t.kind === "word") {
        this.parseWord(t);
      } else if (t.kind === "day") {
        this.parseDayClause();
      } else if (t.kind === "time" || t.kind === "num") {
        if (t.kind === "num") this.unknownAt(this.i);
        this.parseTimesClause();
      } else if (t.kind === "part") {
        // "lundi 9h-12h, le matin seulement"… — not a construction we rely on.
        this.unknownAt(this.i);
      } else {
        this.unknownAt(this.i);
      }
    }
    this.flushPending();
    return { schedule: this.finish() };
  }

  private parseWord(t: Extract<Token, { kind: "word" }>): void {
    switch (t.word) {
      case "sauf":
        if (this.pending && !this.pending.except) fail("exception placée avant les horaires : interprétation ambiguë");
        this.exceptMode = true;
        this.i++;
        return;
      case "ferme":
      case "fermee":
      case "fermes":
      case "fermees":
      case "fermeture":
        this.i++;
        this.parseClosure();
        return;
      case "tous":
        if (this.isWord(this.peek(1), "les") && this.isWord(this.peek(2), "jours")) {
          const start = t.start;
          this.i += 3;
          this.startDays([0, 1, 2, 3, 4, 5, 6], start);
          return;
        }
        this.unknownAt(this.i);
        return;
      case "pas":
      case "jours":
      case "midi":
      case "minuit":
      case "en":
      case "apres":
      case "jusqu":
        this.unknownAt(this.i);
        return;
      default:
        this.i++;
    }
  }

  /** "fermé le mercredi", "fermé les mardi après-midi", "Lundi : FERMÉ", "fermé au public le matin". */
  private parseClosure(): void {
    if (this.pending && !this.pending.except) {
      // "Lundi : FERMÉ", "Samedi\nFermé", "Mardi : fermé le matin / 13h45 – 17h30"
      const save = this.i;
      this.skipWords("le", "les", "l", "la", "en");
      const t = this.peek();
      if (t?.kind === "part" && !this.pending.part) {
        this.i++;
        this.pending.part = t.part === "am" ? "pm" : "am";
        return;
      }
      this.i = save;
      this.closures.push({ days: this.pending.days, part: this.pending.part });
      this.pending = undefined;
      return;
    }
    this.skipWords("le", "les", "l", "la", "au", "aux", "en");
    const t = this.peek();
    if (t?.kind === "day") {
      if (!this.options.allowDays) this.unknownAt(this.i);
      const start = t.start;
      const days = this.parseDaySpec();
      const part = this.parsePart();
      if (part && days.length > 1) {
        fail(`fermeture « ${this.snippet(start, this.tokens[this.i - 1].end)} » ambiguë (matin ou après-midi de quels jours ?)`);
      }
      this.closures.push({ days, part });
      return;
    }
    if (t?.kind === "part" && !this.pending && this.lastDays) {
      // "Lundi 9h-12h, fermé l'après-midi": the half-day of the previous clause.
      this.i++;
      this.closures.push({ days: this.lastDays, part: t.part });
      return;
    }
    fail("mention « fermé » sans jour précisé");
  }

  private skipWords(...words: string[]): void {
    while (this.isWord(this.peek(), ...words)) this.i++;
  }

  private parsePart(): DayPart | undefined {
    const t = this.peek();
    if (t?.kind === "part") {
      this.i++;
      return t.part;
    }
    return undefined;
  }

  private startDays(days: number[], start: number): void {
    this.flushPending();
    this.sawExplicitDays = true;
    const part = this.parsePart();
    this.pending = { days, part, except: this.exceptMode, start };
    this.exceptMode = false;
  }

  private parseDayClause(): void {
    if (!this.options.allowDays) this.unknownAt(this.i);
    const start = this.tokens[this.i].start;
    if (this.usedDefault && !this.exceptMode) {
      fail("horaires donnés d'abord sans jour puis pour des jours précis : interprétation ambiguë");
    }
    const days = this.parseDaySpec();
    this.startDays(days, start);
  }

  /** "du lundi au vendredi", "lundi, mardi et jeudi", "Lundi Mardi", "Mardi-Mercredi-Jeudi", "mar-mer-jeu-ven". */
  private parseDaySpec(): number[] {
    type Link = "list" | "range" | "dash";
    const items: number[] = [];
    const links: Link[] = [];
    const first = this.tokens[this.i] as Extract<Token, { kind: "day" }>;
    items.push(first.day);
    this.i++;
    for (;;) {
      const save = this.i;
      let link: Link = "list";
      let seen = 0;
      for (;;) {
        const t = this.peek();
        if (t?.kind === "sep" && (t.sep === "," || t.sep === "et" || t.sep === "/")) link = "list";
        else if (t?.kind === "sep" && t.sep === "-") link = "dash";
        else if (this.isWord(t, "et")) link = "list";
        else if (this.isWord(t, "au", "a")) link = "range";
        else if (this.isWord(t, "le", "les", "l")) {
          /* filler */
        } else break;
        this.i++;
        seen++;
        if (seen > 3) break;
      }
      const next = this.peek();
      if (next?.kind !== "day") {
        this.i = save;
        break;
      }
      items.push(next.day);
      links.push(link);
      this.i++;
    }
    // A chain of exactly two days joined by a dash is a range ("lundi-vendredi"),
    // longer dash chains are lists ("lundi-mardi-jeudi").
    const days = new Set<number>([items[0]]);
    for (let k = 0; k < links.length; k++) {
      const from = items[k];
      const to = items[k + 1];
      let link = links[k];
      if (link === "dash") {
        const chainBefore = k > 0 && links[k - 1] === "dash";
        const chainAfter = k + 1 < links.length && links[k + 1] === "dash";
        link = chainBefore || chainAfter ? "list" : "range";
      }
      if (link === "range") {
        if (to <= from) fail(`plage de jours « ${FRENCH_DAY_NAMES[from]} – ${FRENCH_DAY_NAMES[to]} » non comprise`);
        for (let d = from; d <= to; d++) days.add(d);
      } else days.add(to);
    }
    return [...days].sort((a, b) => a - b);
  }

  /** Time ranges, with no day before them: use the default days (other column). */
  private parseTimesClause(): void {
    const start = this.tokens[this.i].start;
    const ranges = this.parseTimeList();
    if (this.pending) {
      const { days, part, except } = this.pending;
      this.pending = undefined;
      if (part) {
        const ok = ranges.every(part === "am" ? isAm : isPm);
        if (!ok) fail(`horaires incohérents avec « ${part === "am" ? "matin" : "après-midi"} » pour ${dayList(days)}`);
      }
      this.assign(days, ranges, except);
      return;
    }
    if (this.exceptMode) fail("exception « sauf » sans jour précisé");
    if (this.sawExplicitDays || this.usedDefault) {
      fail(`horaires sans jour précisé : « ${this.snippet(start, this.tokens[this.i - 1].end)} »`);
    }
    const defaults = this.options.defaultDays;
    if (!defaults || defaults.length === 0) fail("jours d'ouverture non précisés");
    this.usedDefault = true;
    this.assign(defaults, ranges, false);
  }

  private assign(days: number[], ranges: Range[], except: boolean): void {
    this.lastDays = days;
    for (const d of days) {
      if (except) {
        if (this.overrides[d]) fail(`plusieurs exceptions pour le ${FRENCH_DAY_NAMES[d]}`);
        this.overrides[d] = ranges;
        continue;
      }
      const existing = this.schedule[d];
      this.schedule[d] = existing ? mergeRanges(existing, ranges, FRENCH_DAY_NAMES[d]) : ranges;
    }
  }

  private flushPending(): void {
    if (!this.pending) return;
    const { days, part, except } = this.pending;
    this.pending = undefined;
    if (except) {
      // "sauf le mercredi", "sauf le vendredi après-midi"
      this.closures.push({ days, part });
      return;
    }
    fail(`jours sans horaires : ${dayList(days)}`);
  }

  /**
   * Times, paired in order: "9h-12h / 14h-17h", "9h à 12h et de 14h à 17h", "09h00 12h00 14h00 17h00",
   * "10h30-12h-14h-17h". Between the two ends of a range: "-", "/", "à" or nothing; between ranges:
   * "-", "/", ",", ";", "et", "de", "puis" or nothing.
   */
  private parseTimeList(): Range[] {
    const times: Token[] = [];
    const gaps: string[][] = [];
    const first = this.tokens[this.i];
    times.push(first);
    this.i++;
    for (;;) {
      const save = this.i;
      const gap: string[] = [];
      while (this.i < this.tokens.length) {
        const t = this.tokens[this.i];
        if (t.kind === "sep" && ["-", "/", ",", ";", "et"].includes(t.sep)) gap.push(t.sep);
        else if (t.kind === "word" && ["a", "et", "de", "puis", "jusqu", "au"].includes(t.word)) gap.push(t.word);
        else break;
        this.i++;
      }
      const next = this.peek();
      if (next && (next.kind === "time" || next.kind === "num")) {
        times.push(next);
        gaps.push(gap);
        this.i++;
        continue;
      }
      this.i = save;
      break;
    }
    const last = times[times.length - 1];
    const text = `« ${this.snippet(first.start, last.end)} »`;
    if (times.length % 2 !== 0) fail(`nombre d'heures impair, plages horaires ambiguës : ${text}`);
    const ranges: Range[] = [];
    for (let k = 0; k < times.length; k += 2) {
      const a = times[k];
      const b = times[k + 1];
      const inner = gaps[k];
      const innerOk =
        inner.length === 0 ||
        (inner.length === 1 && ["-", "/", "a", "au"].includes(inner[0])) ||
        (inner.length === 2 && inner[0] === "jusqu" && inner[1] === "a");
      if (!innerOk) fail(`plage horaire non comprise : ${text}`);
      if (k > 0) {
        const between = gaps[k - 1];
        if (between.some((g) => g === "a" || g === "au" || g === "jusqu")) fail(`plages horaires ambiguës : ${text}`);
      }
      if (a.kind !== "time") fail(`heure non comprise : ${text}`);
      let end: number;
      if (b.kind === "num") {
        // "9h-17": a bare hour is accepted only as the end of a range introduced by "-" or "à".
        if (!(inner.length === 1 && ["-", "a"].includes(inner[0])) || b.value > 24) fail(`heure non comprise : ${text}`);
        const next = times[k + 2];
        if (next && next.kind === "num") fail(`heure non comprise : ${text}`);
        end = b.value * 60;
      } else if (b.kind === "time") end = b.minutes;
      else fail(`heure non comprise : ${text}`);
      const begin = a.minutes;
      if (begin < 0 || end < 0 || begin >= 24 * 60 || end > 24 * 60) fail(`heure invalide : ${text}`);
      if (end <= begin) fail(`plage horaire dont la fin précède le début : ${text}`);
      ranges.push([begin, end]);
    }
    return normalizeRanges(ranges, text);
  }

  private finish(): Schedule {
    const result: Schedule = this.schedule.map((r) => (r ? [...r] : undefined));
    for (let d = 0; d < 7; d++) {
      const override = this.overrides[d];
      if (override) result[d] = override;
    }
    for (const { days, part } of this.closures) {
      for (const d of days) {
        const ranges = result[d];
        if (!part || !ranges) {
          result[d] = undefined;
          continue;
        }
        // Removing nothing is fine ("7:00-11:30 et pas d'accueil l'après-midi" only confirms the hours).
        const keep = ranges.filter((r) => (part === "am" ? !isAm(r) : !isPm(r)));
        if (keep.some((r) => (part === "am" ? !isPm(r) : !isAm(r)))) {
          fail(`fermeture du ${FRENCH_DAY_NAMES[d]} ${part === "am" ? "matin" : "après-midi"} incompatible avec une plage continue`);
        }
        result[d] = keep.length > 0 ? keep : undefined;
      }
    }
    return result;
  }
}

/** Sort, drop exact duplicates, reject overlaps. */
function normalizeRanges(ranges: Range[], text: string): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Range[] = [];
  for (const r of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev[0] === r[0] && prev[1] === r[1]) continue;
    if (prev && r[0] < prev[1]) fail(`plages horaires qui se chevauchent : ${text}`);
    out.push(r);
  }
  return out;
}

function mergeRanges(a: Range[], b: Range[], dayName: string): Range[] {
  return normalizeRanges([...a, ...b], `le ${dayName} (horaires donnés plusieurs fois)`);
}

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

function formatSchedule(schedule: Schedule, publicHolidaysOff: boolean): HoursConversion {
  const keyOf = (ranges: Range[] | undefined) =>
    ranges && ranges.length > 0 ? ranges.map(([a, b]) => `${formatMinutes(a)}-${formatMinutes(b)}`).join(",") : "";
  const keys = schedule.map(keyOf);
  if (keys.every((k) => k === "")) return { ok: false, reason: "aucun jour d'ouverture" };
  const rules: string[] = [];
  const done = new Set<string>();
  for (let d = 0; d < 7; d++) {
    const key = keys[d];
    if (key === "" || done.has(key)) continue;
    done.add(key);
    const days = keys.flatMap((k, idx) => (k === key ? [idx] : []));
    rules.push(`${formatDays(days)} ${key}`);
  }
  if (publicHolidaysOff) rules.push("PH off");
  const value = rules.join("; ");
  if (!isValidOpeningHours(value)) return { ok: false, reason: `résultat invalide : ${value}` };
  return { ok: true, value };
}

/** [0,1,2,3,4] → "Mo-Fr"; [0,1,3,4] → "Mo,Tu,Th,Fr"; [0,2] → "Mo,We". */
function formatDays(days: number[]): string {
  const parts: string[] = [];
  let k = 0;
  while (k < days.length) {
    let j = k;
    while (j + 1 < days.length && days[j + 1] === days[j] + 1) j++;
    if (j - k >= 2) parts.push(`${OSM_WEEKDAYS[days[k]]}-${OSM_WEEKDAYS[days[j]]}`);
    else for (let x = k; x <= j; x++) parts.push(OSM_WEEKDAYS[days[x]]);
    k = j + 1;
  }
  return parts.join(",");
}

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

function parseToSchedule(
  text: string,
  options: ParseOptions,
): { ok: true; schedule: Schedule; publicHolidaysOff: boolean } | { ok: false; reason: string } {
  const ctx = prepare(text);
  if ("reason" in ctx) return { ok: false, reason: ctx.reason };
  try {
    const { schedule } = new Parser(tokenize(ctx.norm), ctx, options).parse();
    return { ok: true, schedule, publicHolidaysOff: ctx.publicHolidaysOff };
  } catch (error) {
    if (error instanceof ConversionError) return { ok: false, reason: error.message };
    throw error;
  }
}

/**
 * Free French text, e.g. "du lundi au vendredi, de 9h30 à 12h30 et de 14h00 à 18h00".
 * `defaultDays`: days to use when the text gives times but no day (from another column).
 */
export function frenchTextToOpeningHours(text: string, options: { defaultDays?: OsmWeekday[] } = {}): HoursConversion {
  if (text.trim() === "") return { ok: false, reason: "texte vide" };
  const monthly = nthWeekdayOfMonth(text);
  if (monthly) return monthly;
  const defaultDays = options.defaultDays?.map((d) => OSM_WEEKDAYS.indexOf(d)).filter((d) => d >= 0);
  const parsed = parseToSchedule(text, { defaultDays, allowDays: true });
  if (!parsed.ok) return parsed;
  return formatSchedule(parsed.schedule, parsed.publicHolidaysOff);
}

const ORDINALS = String.raw`\d(?:er|ere|e|eme|nd|nde)s?`;
/** "2ème et 4ème jeudi du mois de 10h à 13h", "Tous les 1er vendredis du mois de 9h30 à 12h30". */
const NTH_WEEKDAY = new RegExp(
  String.raw`^\s*(?:(?:tous\s+)?les\s+|chaque\s+|le\s+)?((?:${ORDINALS}\s*(?:,|et)\s*)*${ORDINALS})\s+([a-z]+)\s+du\s+mois\b([\s\S]*)$`,
);

/** A single weekday on given weeks of the month: OSM "Th[2,4] 10:00-13:00". Undefined when the text has another shape. */
function nthWeekdayOfMonth(text: string): HoursConversion | undefined {
  const norm = normalize(text);
  const m = NTH_WEEKDAY.exec(norm);
  if (!m) return undefined;
  const day = DAY_WORDS[m[2]];
  if (day === undefined) return undefined;
  const nths = [...new Set([...m[1].matchAll(/\d/g)].map((x) => Number(x[0])))].sort((a, b) => a - b);
  if (nths.some((n) => n < 1 || n > 5)) return { ok: false, reason: "semaine du mois invalide" };
  const rest = text.slice(norm.length - m[3].length);
  const parsed = parseToSchedule(rest, { defaultDays: [day], allowDays: false });
  if (!parsed.ok) return parsed;
  const ranges = parsed.schedule[day];
  if (!ranges || ranges.length === 0) return { ok: false, reason: "aucun horaire pour ce jour du mois" };
  const hours = ranges.map(([a, b]) => `${formatMinutes(a)}-${formatMinutes(b)}`).join(",");
  const value = `${OSM_WEEKDAYS[day]}[${nths.join(",")}] ${hours}${parsed.publicHolidaysOff ? "; PH off" : ""}`;
  if (!isValidOpeningHours(value)) return { ok: false, reason: `résultat invalide : ${value}` };
  return { ok: true, value };
}

const CLOSED_CELL = /^[\s/,;]*(-+|ferme(e|s)?|fermeture|closed?|x|non|aucun|neant)?[\s/,;.]*$/;

/** One cell per weekday, e.g. { Mo: "09:00 - 12:00 / 13:30 - 17:00", Tu: "9h-12h", Sa: "" }; empty/missing = closed. */
export function weekdayColumnsToOpeningHours(days: Partial<Record<OsmWeekday, string | null | undefined>>): HoursConversion {
  const schedule: Schedule = Array.from({ length: 7 }, () => undefined);
  let publicHolidaysOff = false;
  for (let d = 0; d < 7; d++) {
    const cell = days[OSM_WEEKDAYS[d]];
    if (cell === null || cell === undefined) continue;
    // "00:00 - 00:00" is the default value of some back-offices (France services): it carries no hours.
    const flat = cell
      .replace(/\s*\n\s*/g, " ")
      .replace(/(^|[\s/,;])0?0\s*[:h]\s*00\s*-\s*0?0\s*[:h]\s*00(?=$|[\s/,;])/gi, "$1");
    if (CLOSED_CELL.test(normalize(flat))) continue;
    // "7:00-11:30 et pas d'accueil en après-midi": the afternoon is explicitly closed.
    const text = flat.replace(/\s*(?:,|et)?\s*pas d['’]accueil (?:en |l['’]|le |d['’])?(apr[eè]s[- ]?midi|matin)\s*$/i, (_m, part: string) =>
      /matin/i.test(part) ? " fermé le matin" : " fermé l'après-midi",
    );
    const parsed = parseToSchedule(text, { defaultDays: [d], allowDays: false });
    if (!parsed.ok) return { ok: false, reason: `${FRENCH_DAY_NAMES[d]} : ${parsed.reason}` };
    schedule[d] = parsed.schedule[d];
    for (let other = 0; other < 7; other++) {
      if (other !== d && parsed.schedule[other]) return { ok: false, reason: `${FRENCH_DAY_NAMES[d]} : jour inattendu` };
    }
    publicHolidaysOff ||= parsed.publicHolidaysOff;
  }
  if (schedule.every((r) => !r || r.length === 0)) return { ok: false, reason: "aucun horaire renseigné" };
  return formatSchedule(schedule, publicHolidaysOff);
}

/** Parse French weekday names/lists such as "{Lundi,Mardi}", "lundi, mardi" or "du lundi au vendredi" into OsmWeekday[] (Mo..Su order). */
export function parseFrenchDays(text: string): OsmWeekday[] {
  const tokens = tokenize(normalize(text));
  const days = new Set<number>();
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind !== "day") continue;
    days.add(t.day);
    // "lundi au vendredi" / "lundi à vendredi"
    const link = tokens[k + 1];
    const next = tokens[k + 2];
    if (link?.kind === "word" && (link.word === "au" || link.word === "a") && next?.kind === "day" && next.day > t.day) {
      for (let d = t.day; d <= next.day; d++) days.add(d);
    }
  }
  return [...days].sort((a, b) => a - b).map((d) => OSM_WEEKDAYS[d]);
}
