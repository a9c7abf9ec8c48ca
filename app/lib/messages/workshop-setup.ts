/**
 * French words of a place's workshops in the back-office (part of the `fr` catalogue): the series
 * (workshops, drop-ins, events, mobile EPN visits), their recurrence in words, their sessions.
 */

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** "a", "a et b", "a, b et c". */
const list = (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} et ${items.at(-1)}`);

/** 2 → "deux" … 4 → "quatre"; more in figures. */
const small = (n: number) => (["", "", "deux", "trois", "quatre"][n] ?? String(n));

/** The recurrence of a series in one sentence: « Chaque mardi de 14 h à 16 h, du 6 janvier au 31 mars 2027, sauf vacances scolaires et jours fériés ». */
export const recurrenceWords = {
  list,
  /** "Le mardi 6 janvier 2027". */
  once: (day: string) => `Le ${day}`,
  /** "Chaque mardi", "Chaque mardi et jeudi". */
  everyWeek: (weekdays: readonly string[]) => `Chaque ${list(weekdays)}`,
  /** "Un mardi sur deux"; several days: "Une semaine sur deux, le mardi et le jeudi". */
  everyNWeeks: (weekdays: readonly string[], n: number) =>
    weekdays.length === 1 ? `Un ${weekdays[0]} sur ${small(n)}` : `Une semaine sur ${small(n)}, le ${weekdays.join(" et le ")}`,
  /** 1 → "1er", 2 → "2e", −1 → "dernier". */
  nth: (n: number) => (n === -1 ? "dernier" : n === 1 ? "1er" : `${n}e`),
  /** "Chaque 1er lundi du mois". */
  everyMonth: (nth: string, weekday: string) => `Chaque ${nth} ${weekday} du mois`,
  /** "Le 1er lundi du mois, un mois sur deux". */
  everyNMonths: (nth: string, weekday: string, n: number) => `Le ${nth} ${weekday} du mois, un mois sur ${small(n)}`,
  /** "à partir du 6 janvier 2027, 10 séances". */
  fromCount: (from: string, count: number) => `à partir du ${from}, ${count} ${plural(count, "séance", "séances")}`,
  /** Only a first date (no end given): "à partir du 6 janvier 2027". */
  from: (from: string) => `à partir du ${from}`,
  schoolHolidays: "vacances scolaires",
  publicHolidays: "jours fériés",
  /** "le 3 février 2027", an excluded day. */
  exceptDay: (date: string) => `le ${date}`,
  /** "sauf vacances scolaires, jours fériés et le 3 février 2027". */
  except: (items: readonly string[]) => `sauf ${list(items)}`,
} as const;

export const workshopSetup = {
  recurrence: recurrenceWords,
} as const;
