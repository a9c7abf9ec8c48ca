/**
 * French words of opening hours (part of the `fr` catalogue): the "open now" status, the week
 * table of a place, the hours editor of the back-office. Days and times themselves are
 * written by features/time/format.ts with the words of messages/time.ts.
 */
export const hours = {
  missing: "Horaires non renseignés",
  check: "Horaires à vérifier auprès du lieu",
  closed: "Fermé",
  openAllDay: "Ouvert 24 h sur 24",
  /** "Ouvert jusqu'à 17 h"; with a reopening the same day, "Ouvert jusqu'à 12 h 30, rouvre à 14 h". */
  open: (until: string, reopensAt?: string) => (reopensAt === undefined ? `Ouvert ${until}` : `Ouvert ${until}, rouvre à ${reopensAt}`),
  /** "Fermé, ouvre demain à 9 h". */
  closedUntil: (opening: string) => `Fermé, ouvre ${opening}`,
  // When a place opens, after "ouvre".
  opensToday: (time: string) => `aujourd'hui à ${time}`,
  opensTomorrow: (time: string) => `demain à ${time}`,
  /** Within the week: "lundi à 9 h". */
  opensOnWeekday: (weekday: string, time: string) => `${weekday} à ${time}`,
  /** Farther: "le mardi 1er décembre à 9 h". */
  opensOnDay: (day: string, time: string) => `le ${day} à ${time}`,
  // When an opening ends: "17 h", "demain 2 h", "samedi 18 h", "mardi 3 décembre à 17 h".
  endsTomorrow: (time: string) => `demain ${time}`,
  endsOnWeekday: (weekday: string, time: string) => `${weekday} ${time}`,
  endsOnDay: (day: string, time: string) => `${day} à ${time}`,
  /** After "Ouvert": "jusqu'à 17 h", "jusqu'à demain 2 h"; a dated end, "jusqu'au mardi 3 décembre à 17 h". */
  until: (end: string, dated: boolean) => (dated ? `jusqu'au ${end}` : `jusqu'à ${end}`),
  // The week table.
  allDay: "24 h sur 24",
  /** "9 h – 12 h". */
  span: (from: string, to: string) => `${from} – ${to}`,
  /** "14 h – 17 h (sur rendez-vous)". */
  withComment: (text: string, comment: string) => `${text} (${comment})`,
  toConfirm: "à confirmer",
  /** "Jour férié : Noël". */
  holiday: (name: string) => (name ? `Jour férié : ${name}` : "Jour férié"),
  exceptionalClosure: "Fermeture exceptionnelle",
  annualClosure: "Fermeture annuelle",
  /** "Fermeture annuelle : congés d'été". */
  closureWithComment: (reason: string, comment: string) => `${reason} : ${comment}`,
  /** The hours editor's problems, by field. */
  editor: {
    timeInvalid: "Indiquez l'heure sous la forme 09:00.",
    timeMissing: "Indiquez l'heure de début et l'heure de fin.",
    timeOrder: "L'heure de fin doit être après l'heure de début.",
    rangesOverlap: "Le deuxième créneau doit commencer après la fin du premier.",
    dateInvalid: "Indiquez une date valide, par exemple 24/12/2026.",
    dateOrder: "La date de fin doit être après la date de début.",
    dateMissing: "Indiquez au moins la date de début.",
  },
  /** The week in one line, for a text message or a mail (weekInWords): « du lundi au vendredi : 9 h – 12 h et 14 h – 17 h ; samedi : 9 h – 12 h ». */
  inWords: {
    twoDays: (first: string, second: string) => `${first} et ${second}`,
    fromTo: (first: string, last: string) => `du ${first} au ${last}`,
    day: (days: string, hours: string) => `${days} : ${hours}`,
    and: " et ",
    separator: " ; ",
    /** A day the place usually opens, closed this week: « jeudi 25 décembre : fermé (Noël) ». */
    closedOn: (day: string, reason: string) => `${day} : fermé (${reason})`,
    /** Open on no day of the coming week. */
    closedAllWeek: "fermé toute la semaine",
  },
} as const;
