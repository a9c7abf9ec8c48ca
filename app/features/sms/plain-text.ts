/**
 * A text message in the GSM alphabet where French allows it: typographic dashes, quotes, spaces
 * and the letters the alphabet lacks (ê, ç, œ, capitals with accents…) become their plain
 * forms, so one SMS holds 160 characters instead of 70 in UCS-2. É, é, è, à, ù keep their accent
 * (the alphabet has them). Whatever is left outside it (another script) is sent as it is, in UCS-2.
 */
const REPLACEMENTS: readonly [RegExp, string][] = [
  [/«[\s\u00a0\u202f]*/g, '"'],
  [/[\s\u00a0\u202f]*»/g, '"'],
  [/[\u2013\u2014\u2212]/g, "-"],
  [/[\u2018\u2019\u02bc]/g, "'"],
  [/[\u201c\u201d]/g, '"'],
  [/[\u00a0\u202f\u2009]/g, " "],
  [/\u2026/g, "..."],
  [/œ/g, "oe"],
  [/Œ/g, "OE"],
  [/[êë]/g, "e"],
  [/[âá]/g, "a"],
  [/[îïí]/g, "i"],
  [/[ôó]/g, "o"],
  [/[ûú]/g, "u"],
  [/ç/g, "c"],
  [/[ÈÊË]/g, "E"],
  [/[ÀÂ]/g, "A"],
  [/[ÎÏ]/g, "I"],
  [/Ô/g, "O"],
  [/[ÙÛ]/g, "U"],
];

export function plainSmsText(text: string): string {
  let plain = text;
  for (const [pattern, replacement] of REPLACEMENTS) plain = plain.replace(pattern, replacement);
  return plain;
}
