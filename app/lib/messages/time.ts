/**
 * French words for days, dates and times (part of the `fr` catalogue). The rules that choose
 * between them (the year or not, "minuit", "1er") are in features/time/format.ts.
 */
export const time = {
  /** ISO order, Monday first: `weekdays[weekday - 1]`. */
  weekdays: ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
  months: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
  /** The day of the month: "1er", "2" … "31". */
  dayOfMonth: (day: number) => (day === 1 ? "1er" : String(day)),
  /** A time of day: "9 h", "14 h 30", "9 h 05". */
  clock: (hour: number, minute: number) => (minute === 0 ? `${hour} h` : `${hour} h ${String(minute).padStart(2, "0")}`),
  /** 24:00, the end of a day ("de 22 h à minuit"). */
  midnight: "minuit",
  /** "9 décembre", "9 décembre 2027". */
  date: (dayOfMonth: string, month: string, year?: number) => (year === undefined ? `${dayOfMonth} ${month}` : `${dayOfMonth} ${month} ${year}`),
  /** "mardi 9 décembre". */
  day: (weekday: string, date: string) => `${weekday} ${date}`,
  /** "mardi 9 décembre à 14 h 30" (a sentence adds "le": "Envoyé le mardi 9 décembre à 14 h 30"). */
  dateTime: (date: string, time: string) => `${date} à ${time}`,
  /** A span within one day: "mardi 15 décembre, de 14 h à 16 h". */
  daySpan: (day: string, range: string) => `${day}, ${range}`,
  /** A span across days: "du mardi 15 décembre à 22 h au mercredi 16 décembre à 2 h". */
  spanAcrossDays: (from: string, to: string) => `du ${from} au ${to}`,
  /** "du 3 au 5 mars", "du 28 février au 2 mars": the first part leaves out what the second says. */
  dateRange: (from: string, to: string) => `du ${from} au ${to}`,
  /** A range of one day: "le 3 mars". */
  oneDay: (date: string) => `le ${date}`,
  /** "de 9 h à 12 h". */
  timeRange: (from: string, to: string) => `de ${from} à ${to}`,
  today: "aujourd'hui",
  tomorrow: "demain",
} as const;
