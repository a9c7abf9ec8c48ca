/**
 * French words of the figures of the help given (part of the `fr` catalogue): the statistics pages
 * of a place and of a network, their filters, charts and tables, the CSV and XLSX exports, and the
 * public aggregates of the API.
 */
import { formatNumber } from "./format";

/** « 0 lieu », « 1 lieu », « 2 lieux » (French: singular up to 1). */
const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n > 1 ? many : one}`;

export const statistics = {
  // Pages
  placeTitle: (place: string) => `Statistiques — ${place}`,
  networkTitle: (network: string) => `Statistiques du réseau — ${network}`,
  mineTitle: (place: string) => `Mes chiffres — ${place}`,
  link: "Statistiques",
  mineLink: "Mes chiffres",
  allLink: "Les chiffres de tout le lieu",
  backToPlace: "Retour à la fiche du lieu",
  backToNetwork: "Retour au réseau",
  period: (from: string, to: string) => `Du ${from} au ${to}.`,
  scopePlaces: (n: number) => `${plural(n, "lieu", "lieux")}.`,
  noName: "Ces chiffres ne contiennent le nom d'aucune personne accompagnée.",
  scopeNote:
    "Les filtres « médiateurs », « type » et « thématiques » s'appliquent aux accompagnements. Les réservations et les ateliers ne dépendent que des lieux et de la période.",
  empty: "Aucun accompagnement terminé ne correspond à ces filtres.",
  printHint: "Pour imprimer ou enregistrer en PDF, utilisez la fonction d'impression de votre navigateur : la page tient sur des feuilles A4.",
  // Filters (GET form)
  filters: {
    legend: "Filtrer les chiffres",
    period: "Période",
    from: "Du",
    to: "Au",
    dateHint: "Par exemple 01/01/2025.",
    places: "Lieux",
    placesHint: "Sans lieu coché : tous les lieux du réseau.",
    mediators: "Médiateurs",
    mediatorsHint: "Sans médiateur coché : tous.",
    mediatorsNeedPlaces: (max: number) => `Pour filtrer par médiateur, cochez d'abord un lieu (${max} au plus) puis affichez les chiffres.`,
    kinds: "Type d'accompagnement",
    themes: "Thématiques",
    themesHint: "Les accompagnements d'au moins une des thématiques cochées. Sans thématique cochée : toutes.",
    submit: "Afficher les chiffres",
    reset: "Revenir aux filtres par défaut (cette année)",
  },
  errors: {
    date: "Indiquez une date au format jj/mm/aaaa ou aaaa-mm-jj, par exemple 31/12/2025.",
    order: "La date de fin doit être après la date de début.",
    span: "La période fait au plus 5 ans.",
    place: "Un des lieux choisis ne fait pas partie du réseau.",
    mediator: "Un des médiateurs choisis n'existe pas ici.",
    choice: "Ce choix n'est pas dans la liste.",
  },
  // Exports
  exports: {
    title: "Télécharger les tableaux",
    csv: "Tableaux au format CSV (tableur, séparateur point-virgule)",
    xlsx: "Tableaux au format Excel (XLSX, une feuille par tableau)",
    fileName: (scope: string, from: string, to: string) => `statistiques-${scope}-${from}-${to}`,
    filtersSheet: "Filtres",
    filterRows: {
      period: "Période",
      places: "Lieux",
      mediators: "Médiateurs",
      kinds: "Type",
      themes: "Thématiques",
      all: "Tous",
    },
  },
  /** The XLSX export's sheets (31 characters at most). */
  sheets: {
    chiffresCles: "Chiffres clés",
    mois: "Par mois",
    thematiques: "Thématiques",
    demarches: "Démarches administratives",
    durees: "Durées",
    lieuxAccompagnement: "Lieux d'accompagnement",
    materiel: "Matériel",
    autonomie: "Autonomie",
    orientations: "Orientations",
    ages: "Âges",
    genres: "Genres",
    statuts: "Statuts",
    communes: "Communes",
    reservations: "Réservations",
    occupationPostes: "Occupation des postes",
    ateliers: "Ateliers",
  },
  // Key figures
  key: {
    title: "Chiffres clés",
    records: "Accompagnements",
    individual: "Accompagnements individuels",
    collective: "Ateliers collectifs",
    participants: "Participants",
    collectiveParticipants: "Participants aux ateliers collectifs",
    named: "Personnes suivies (distinctes)",
    firstTime: "Nouvelles personnes suivies",
    anonymous: "Participants anonymes",
    hours: "Temps d'accompagnement (heures)",
  },
  // Tables and charts
  tables: {
    indicator: "Indicateur",
    value: "Valeur",
    count: "Nombre",
    share: "Part",
    shareOfRecords: "Part des accompagnements",
    months: {
      title: "Accompagnements par mois",
      month: "Mois",
      individual: "Individuels",
      collective: "Ateliers collectifs",
      participants: "Participants",
      desc: (busiest: string | null) =>
        busiest ? `Colonnes empilées : pour chaque mois, accompagnements individuels puis ateliers collectifs. Le mois le plus chargé est ${busiest}.` : "Aucun accompagnement sur la période.",
    },
    themes: { title: "Thématiques des accompagnements", label: "Thématique", note: "Un accompagnement peut porter sur plusieurs thématiques." },
    adminThemes: { title: "Démarches administratives", label: "Démarche", note: "Parmi les accompagnements « Aide aux démarches administratives »." },
    durations: { title: "Durée des accompagnements", label: "Durée" },
    placeKinds: { title: "Lieu de l'accompagnement", label: "Lieu" },
    equipment: { title: "Matériel utilisé", label: "Matériel", note: "Un accompagnement peut utiliser plusieurs matériels." },
    autonomy: { title: "Autonomie (accompagnements individuels)", label: "Autonomie", unknown: "Non renseigné" },
    orientation: { title: "Orientations vers une autre structure", label: "Structure", oriented: (n: number, of: number) => `${formatNumber(n)} ${n > 1 ? "accompagnements individuels orientés" : "accompagnement individuel orienté"} sur ${formatNumber(of)}.`, unknown: "Structure non précisée" },
    ages: { title: "Âge des participants", label: "Tranche d'âge" },
    genders: { title: "Genre des participants", label: "Genre" },
    statuses: { title: "Statut des participants", label: "Statut" },
    communes: { title: "Commune des participants", label: "Commune", unknown: "Non communiqué", note: "La commune des personnes suivies ; celle des participants anonymes n'est pas connue.", others: (n: number) => `Autres communes (${formatNumber(n)})` },
    bookings: {
      title: "Réservations",
      booked: "Réservations (non annulées)",
      cancelled: "Réservations annulées",
      present: "Personnes venues",
      absent: "Absences",
      excused: "Absences excusées",
      noShowRate: "Taux d'absence (absents ÷ présents et absents)",
    },
    occupancy: {
      title: "Occupation des postes par heure de la semaine",
      hour: "Heure",
      desc: (busiest: string | null) =>
        busiest
          ? `Grille des jours de la semaine (colonnes) et des heures (lignes) ; plus la case est foncée, plus les postes ont été réservés. Le créneau le plus réservé est ${busiest}.`
          : "Aucun poste réservé sur la période.",
      note: "Heures de réservation des postes informatiques sur toute la période, à l'heure du lieu.",
      cell: (hours: string) => `${hours} h`,
      legend: "Heures réservées",
      empty: "Aucun poste réservé sur la période.",
    },
    workshops: {
      title: "Ateliers",
      held: "Séances tenues",
      cancelled: "Séances annulées",
      capacity: "Places offertes (séances à nombre de places limité)",
      seatsTaken: "Places prises",
      fillRate: "Taux de remplissage",
      present: "Personnes inscrites venues (émargement)",
      walkIns: "Personnes venues sans inscription",
      waiting: "Personnes en liste d'attente",
    },
    chartDesc: (top: string | null, value: string) => (top ? `Barres horizontales, de la plus grande à la plus petite. En tête : ${top}, ${value}.` : "Aucune donnée sur la période."),
    tableOf: (title: string) => `${title} : le tableau des chiffres`,
    notAvailable: "—",
  },
  percent: (x: number | null) => (x == null ? "—" : `${formatNumber(Math.round(x * 1000) / 10)} %`),
  hours: (minutes: number) => formatNumber(Math.round(minutes / 6) / 10),
  monthName: (month: string, months: readonly string[]) => `${months[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`,
  // The public aggregates (API)
  api: {
    invalid: "Requête invalide",
    network: "Indiquez l'identifiant d'un réseau (reseau=…), par exemple reseau=cher-numerique.",
    networkUnknown: "Ce réseau n'existe pas.",
    year: "Indiquez une année sur 4 chiffres (annee=2025), entre 2000 et l'année en cours.",
    unknownParameter: (name: string) => `Paramètre inconnu : ${name}.`,
    withheld: (threshold: number) =>
      `Les répartitions par âge, genre et statut ne sont pas données pour un lieu et un mois de moins de ${threshold} participants (une personne pourrait y être reconnue) ; les totaux le sont. La commune des personnes n'est jamais donnée.`,
  },
} as const;
