/**
 * French words of a place's workshops in the back-office (part of the `fr` catalogue): the series
 * (workshops, drop-ins, events, mobile EPN visits), their recurrence in words, their sessions.
 */
import { listAnd as list } from "./format";

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

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

  // Pages
  pageTitle: (place: string) => `Ateliers, permanences et événements — ${place}`,
  link: "Ateliers, permanences et événements",
  backToPlace: "Retour à la fiche du lieu",
  backToList: "Retour aux ateliers du lieu",
  listTitle: "À venir",
  listNone: "Ce lieu n'a encore aucun atelier, permanence ou événement.",
  newTitle: "Nouvel atelier, permanence ou événement",
  create: "Créer et prévoir les séances",
  save: "Enregistrer toute la série",
  readOnly: "Vous pouvez consulter ces séances ; seule l'équipe du lieu peut les modifier.",
  seriesTitle: (title: string) => `${title} — série`,
  editTitle: "Modifier toute la série",
  editHint: "Le titre, la description et les réglages changent pour toutes les séances. Si les dates ou les heures changent, les séances à venir sans inscrit sont prévues à nouveau ; celles qui ont des inscrits sont gardées telles quelles, et la liste vous en est donnée.",
  unpublished: "non publiée",
  noUpcoming: "Aucune séance à venir.",
  editSeries: (title: string) => `Modifier la série « ${title} »`,
  deskLink: "Inscrits et émargement",
  deskLinkLabel: (when: string) => `Inscrits et émargement de la séance du ${when}`,
  /** « 5 / 8 inscrits, 2 en attente ». */
  seats: (taken: number, capacity: number | null, waiting: number) =>
    `${capacity === null ? `${taken} ${plural(taken, "inscrit", "inscrits")} (sans limite)` : `${taken} / ${capacity} ${plural(capacity, "inscrit", "inscrits")}`}${waiting > 0 ? `, ${waiting} en attente` : ""}`,
  noRegistration: "Sans inscription",
  cancelled: "Annulée",
  detached: "modifiée à part",
  columns: { when: "Séance", seats: "Places", status: "État", actions: "Actions" },
  dates: "Dates seules (pas de répétition)",
  // Notices
  created: (n: number) => `La série est créée : ${n} ${plural(n, "séance prévue", "séances prévues")}.`,
  saved: (added: number, removed: number) =>
    added === 0 && removed === 0 ? "La série est enregistrée." : `La série est enregistrée : ${added} ${plural(added, "séance ajoutée", "séances ajoutées")}, ${removed} ${plural(removed, "séance retirée", "séances retirées")}.`,
  keptTitle: (n: number) => `${n === 1 ? "Une séance a" : `${n} séances ont`} des inscrits et ${n === 1 ? "a été gardée" : "ont été gardées"} telle${n === 1 ? "" : "s"} quelle${n === 1 ? "" : "s"} : déplacez-${n === 1 ? "la" : "les"} ou annulez-${n === 1 ? "la" : "les"} depuis la page des inscrits, qui prévient les personnes.`,
  keptLine: (when: string, seats: number) => `${when} — ${seats} ${plural(seats, "place prise", "places prises")}`,
  conflict: "Quelqu'un a modifié cette série pendant que vous la modifiiez. Voici la série à jour : refaites vos changements.",
  sessionSaved: "La capacité de la séance est enregistrée.",
  sessionAdded: "La séance est ajoutée.",
  sessionUnknown: "Cette séance n'existe pas dans cette série.",
  sessionPast: "Cette séance est passée : elle ne se modifie plus.",
  sessionCancelledAlready: "Cette séance est annulée.",
  seriesUnknown: "Cette série n'existe pas dans ce lieu.",
  invalidRequest: "Cette demande n'est pas valable. Rechargez la page et recommencez.",
  skippedTitle: "Jours sautés",
  skipped: (day: string, why: string) => `${day} (${why})`,
  excludedDay: "date sautée à la main",
  schoolUnchecked: {
    noZone: "Les vacances scolaires ne peuvent pas être sautées automatiquement ici (Corse, outre-mer ou commune inconnue) : écrivez leurs dates dans « Dates à sauter ».",
    beyond: (day: string) => `Les vacances scolaires ne sont pas encore connues à partir du ${day} : vérifiez ces séances quand le calendrier scolaire sera publié.`,
  },
  // Edit one, add one
  capacityLabel: (when: string) => `Places pour la séance du ${when}`,
  capacityHint: "Vide : sans limite.",
  capacitySubmit: "Changer",
  addTitle: "Ajouter une séance",
  addSubmit: "Ajouter la séance",
  cancelMissing: "Pour annuler ou déplacer une séance, passez par la page de ses inscrits, qui prévient chaque personne.",

  // The form's fields
  legends: { what: "L'activité", who: "Pour qui", registration: "Inscription", where: "Où", when: "Quand" },
  fields: {
    kind: "Type",
    title: "Titre",
    titleHint: "Par exemple « Premiers pas sur l'ordinateur » ou « Permanence démarches en ligne ».",
    description: "Description",
    descriptionHint: "En mots simples : ce qu'on y fait, ce qu'on saura faire après.",
    theme: "Thématique",
    themeNone: "Aucune",
    level: "Niveau",
    levelNone: "Tous niveaux",
    audience: "Public",
    audienceHint: "Par exemple « Adultes débutants », « Parents et enfants dès 8 ans ».",
    bring: "À apporter",
    bringHint: "Par exemple « Votre téléphone chargé, vos identifiants ».",
    accessibility: "Accessibilité",
    accessibilityHint: "Par exemple « Salle de plain-pied, boucle magnétique ».",
    capacity: "Places par séance",
    capacityHint: "Vide : sans limite.",
    registration: "Comment on s'inscrit",
    registrationHint: "Sans choix : inscription à chaque séance pour un atelier ou un événement, sans inscription pour une permanence ou un passage de l'EPN mobile.",
    promotion: "Quand une place se libère",
    offerHours: "Délai pour accepter une place proposée (heures)",
    price: "Prix (€)",
    priceHint: "Vide : gratuit.",
    location: "Lieu",
    stop: "Arrêt de l'EPN mobile",
    stopNone: "Choisissez un arrêt",
    onlineUrl: "Lien (en ligne)",
    onlineUrlHint: "L'adresse de la visio, qui commence par https://.",
    mediators: "Animé par",
    published: "Publier dans l'agenda",
    frequency: "Répétition",
    date: "Première date (ou la date)",
    dateHint: "Par exemple 06/01/2027.",
    until: "Dernière date",
    untilHint: "Ou bien indiquez un nombre de séances.",
    count: "Nombre de séances",
    countHint: "Les jours sautés ne comptent pas.",
    weekdays: "Jours de la semaine",
    weeks: "Toutes les combien de semaines",
    weeksHint: "1 : chaque semaine ; 2 : une semaine sur deux.",
    nth: "Lequel dans le mois",
    monthWeekday: "Jour",
    months: "Tous les combien de mois",
    start: "Heure de début",
    end: "Heure de fin",
    timeHint: "Par exemple 14:00.",
    skipSchoolHolidays: "Pas pendant les vacances scolaires",
    skipPublicHolidays: "Pas les jours fériés",
    exceptDates: "Dates à sauter",
    exceptDatesHint: "Une par ligne, par exemple 03/02/2027.",
    weeklyLegend: "Chaque semaine",
    monthlyLegend: "Un jour donné du mois",
  },
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
    registrationLocked: "Des personnes sont inscrites ou en attente : la façon de s'inscrire ne peut plus changer. Annulez d'abord leurs inscriptions depuis la page des inscrits, ou créez une autre série.",
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
