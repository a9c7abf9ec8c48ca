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
  kinds: { workshop: "Atelier", dropin: "Permanence", event: "Événement", visit: "Passage de l'EPN mobile" } as Record<string, string>,
  levels: { beginner: "Débutant", intermediate: "Intermédiaire", advanced: "Avancé" } as Record<string, string>,
  registrations: {
    none: "Sans inscription (on vient librement)",
    session: "Inscription à chaque séance",
    cycle: "Une inscription pour toutes les séances (cycle)",
  } as Record<string, string>,
  promotions: {
    auto: "La première personne en attente prend la place libérée (elle est prévenue)",
    offer: "La place est proposée à la première personne en attente, qui a un délai pour l'accepter",
  } as Record<string, string>,
  locations: { place: "Au lieu", online: "En ligne", stop: "À un arrêt de l'EPN mobile" } as Record<string, string>,
  frequencies: { once: "Une seule date", weekly: "Chaque semaine (ou toutes les N semaines)", monthly: "Un jour donné du mois (« chaque 1er lundi »)" } as Record<string, string>,
  nths: { "1": "1er", "2": "2e", "3": "3e", "4": "4e", "5": "5e", "-1": "dernier" } as Record<string, string>,

  errors: {
    kind: "Choisissez le type : atelier, permanence, événement ou passage de l'EPN mobile.",
    titleEmpty: "Indiquez le titre.",
    titleLong: "Le titre fait au plus 120 caractères.",
    descriptionLong: "La description fait au plus 4 000 caractères.",
    theme: "Choisissez une thématique de la liste.",
    level: "Choisissez le niveau : débutant, intermédiaire ou avancé.",
    audienceLong: "Le public fait au plus 300 caractères.",
    bringLong: "« À apporter » fait au plus 300 caractères.",
    accessibilityLong: "L'accessibilité fait au plus 500 caractères.",
    capacity: "Indiquez un nombre de places entre 1 et 1 000, ou laissez vide pour ne pas limiter.",
    registration: "Choisissez comment on s'inscrit.",
    promotion: "Choisissez ce qui se passe quand une place se libère.",
    offerHours: "Le délai pour accepter une place est un nombre d'heures entre 1 et 168.",
    price: "Indiquez un prix en euros (par exemple 2 ou 2,50), ou laissez vide si c'est gratuit.",
    location: "Choisissez où cela se passe.",
    stop: "Choisissez un arrêt de l'EPN mobile de ce lieu.",
    visitAtStop: "Un passage de l'EPN mobile a lieu à un de ses arrêts.",
    onlineUrl: "Indiquez l'adresse du lien en ligne, qui commence par https://.",
    mediator: "Choisissez des personnes de l'équipe du lieu.",
    frequency: "Choisissez : une seule date, chaque semaine ou un jour donné du mois.",
    date: "Indiquez la date (par exemple 06/01/2027).",
    datePast: "Cette date est passée : choisissez aujourd'hui ou plus tard.",
    until: "Indiquez la dernière date (par exemple 31/03/2027).",
    untilBefore: "La dernière date vient après la première.",
    untilTooFar: "Une série dure au plus 18 mois : choisissez une dernière date plus proche.",
    count: "Indiquez un nombre de séances entre 1 et 200.",
    endMissing: "Indiquez la dernière date ou le nombre de séances.",
    endBoth: "Indiquez la dernière date ou le nombre de séances, pas les deux.",
    weekdays: "Cochez au moins un jour de la semaine.",
    weeks: "Indiquez toutes les combien de semaines : un nombre entre 1 et 12.",
    nth: "Choisissez lequel dans le mois : 1er, 2e, 3e, 4e, 5e ou dernier.",
    monthWeekday: "Choisissez le jour de la semaine.",
    months: "Indiquez tous les combien de mois : un nombre entre 1 et 12.",
    start: "Indiquez l'heure de début (par exemple 14:00).",
    end: "Indiquez l'heure de fin (par exemple 16:00).",
    endBeforeStart: "L'heure de fin vient après l'heure de début.",
    exceptDates: "Écrivez les dates à sauter une par ligne (par exemple 03/02/2027).",
    exceptTooMany: "Au plus 50 dates à sauter.",
    noSession: "Ces réglages ne donnent aucune séance : vérifiez les dates, les jours et les vacances sautées.",
    tooManySessions: "Cela fait plus de 200 séances : choisissez une dernière date plus proche ou moins de jours.",
    tooLong: "Une série dure au plus 18 mois : choisissez une dernière date plus proche ou moins de séances.",
    sessionExists: "Cette série a déjà une séance à cette date et cette heure.",
    sessionTooFar: "Une séance se prévoit au plus 18 mois à l'avance.",
  },
  /** Edit all, a capacity under the seats of some future sessions. */
  capacityBelowSeats: (sessions: number, most: number) =>
    `${sessions === 1 ? "Une séance à venir a" : `${sessions} séances à venir ont`} déjà jusqu'à ${most} ${plural(most, "place prise", "places prises")} : la capacité ne peut pas descendre sous ${most}. Annulez d'abord des inscriptions, ou changez la capacité de ces séances une par une.`,
  /** Edit one session. */
  sessionCapacityBelowSeats: (seats: number) =>
    `Cette séance a déjà ${seats} ${plural(seats, "place prise", "places prises")} : la capacité ne peut pas descendre sous ${seats}.`,
} as const;
