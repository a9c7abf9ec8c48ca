/**
 * French words of the label's documents (part of the `fr` catalogue): the decision letter, the
 * yearly report for funders, the applications' table and their files' archive.
 */
import { applicationStates } from "./applications";
import { formatNumber } from "./format";

const plural = (n: number, one: string, many: string) => (Math.abs(n) > 1 ? many : one);
/** « 1 234 lieux », « 1 lieu ». */
const counted = (n: number, one: string, many: string) => `${formatNumber(n)} ${plural(n, one, many)}`;

/** «\u00a0text\u00a0»: French quotation marks with their no-break spaces. */
const quoted = (text: string) => `«\u00a0${text}\u00a0»`;


export const callDocs = {
  /** The application's states, as Démarches Simplifiées names them (one list: fr.applications.states). */
  states: applicationStates,
  yes: "Oui",
  no: "Non",
  letter: {
    pdfTitle: (callTitle: string, number: number) => `Appel à projets ${quoted(callTitle)} — décision sur le dossier n°\u00a0${number}`,
    /** « Orléans, le 12 mars 2017 », or « Le 12 mars 2017 » without a city. */
    dateLine: (date: string, city?: string) => (city ? `${city}, le ${date}` : `Le ${date}`),
    subjectLabel: "Objet : ",
    subject: (callTitle: string, number: number) => `Appel à projets ${quoted(callTitle)} — décision sur le dossier n°\u00a0${number}`,
    salutation: "Madame, Monsieur,",
    accepted: {
      /** The label granted, with its validity when known: « du 1er janvier 2017 au 31 décembre 2020 ». */
      granted: (place: string, label: string, validity: string) =>
        `Nous avons le plaisir de vous informer que le lieu ${quoted(place)} est labellisé ${quoted(label)}${validity ? ` ${validity}` : ""}, à la suite de sa candidature à cet appel à projets.`,
      validity: (from: string | undefined, until: string | undefined) => (from && until ? `du ${from} au ${until}` : from ? `à compter du ${from}` : until ? `jusqu'au ${until}` : ""),
      themes: (n: number) => (n > 1 ? "Le label porte sur les thématiques suivantes :" : "Le label porte sur la thématique suivante :"),
      closing: "Nous vous félicitons pour la qualité de votre dossier et restons à votre disposition pour vous accompagner tout au long de la période de labellisation.",
    },
    refused: {
      decision: (place: string) =>
        `Après examen de votre dossier, nous avons le regret de vous informer que la candidature du lieu ${quoted(place)} n'a pas été retenue.`,
      reasons: "Les motifs de cette décision sont les suivants :",
      closing: "Vous pourrez présenter une nouvelle candidature lors d'un prochain appel à projets. Nous restons à votre disposition pour en parler.",
    },
    closed: {
      decision: (place: string, number: number) => `Nous vous informons que le dossier n°\u00a0${number} du lieu ${quoted(place)} est classé sans suite.`,
      reasons: "Les motifs de ce classement sont les suivants :",
      closing: "Nous restons à votre disposition pour toute question.",
    },
    politeness: "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
    footer: (network: string) => network,
    page: (page: number, pages: number) => `page ${page} / ${pages}`,
  },
  funderReport: {
    title: (year: number) => `Rapport aux financeurs ${year}`,
    subtitle: (network: string, callTitle: string | null) => (callTitle ? `${network} — appel à projets ${quoted(callTitle)}` : `${network} — tous les appels à projets`),
    period: (year: number) => `Du 1er janvier au 31 décembre ${year}.`,
    places: (n: number) => `${counted(n, "lieu labellisé", "lieux labellisés")} au cours de l'année.`,
    activity: (records: number, participants: number, people: number) =>
      `Dans ces lieux : ${counted(records, "accompagnement", "accompagnements")}, ${counted(participants, "participation", "participations")}, ${counted(people, "personne suivie", "personnes suivies")} par leur nom.`,
    helpHours: (hours: number) => `${counted(hours, "heure", "heures")} d'accompagnement.`,
    workshops: (held: number) => `${counted(held, "séance d'atelier tenue", "séances d'ateliers tenues")}.`,
    openHours: (hours: number) => `${counted(hours, "heure", "heures")} d'ouverture au public (d'après les horaires actuels des lieux).`,
    noActivity: "Aucune activité de médiation n'est enregistrée dans ces lieux pour cette année.",
    privacy: "Aucun nom de personne accompagnée n'apparaît dans ce rapport : seulement des nombres.",
    footer: (network: string, year: number) => `${network} — rapport aux financeurs ${year}`,
    sheets: { summary: "Synthèse", places: "Lieux labellisés", calls: "Appels" },
    figure: "Chiffre",
    value: "Valeur",
    summaryRows: {
      network: "Réseau",
      call: "Appel à projets",
      allCalls: "Tous les appels à projets",
      year: "Année",
      places: "Lieux labellisés",
      records: "Accompagnements",
      participants: "Participations",
      people: "Personnes suivies par leur nom",
      helpHours: "Heures d'accompagnement",
      workshops: "Séances d'ateliers tenues",
      openHours: "Heures d'ouverture au public",
    },
    columns: {
      place: "Lieu",
      commune: "Commune",
      postcode: "Code postal",
      department: "Département",
      labels: "Label",
      themes: "Thématiques",
      validFrom: "Labellisé du",
      validUntil: "Jusqu'au",
      records: "Accompagnements",
      participants: "Participations",
      people: "Personnes suivies",
      helpHours: "Heures d'accompagnement",
      workshops: "Séances d'ateliers",
      openHours: "Heures d'ouverture",
      theme: "Thématique",
      placesCount: "Lieux",
      call: "Appel à projets",
      opensAt: "Ouvert le",
      closesAt: "Clos le",
      state: "État",
      applications: "Dossiers",
      total: "Total",
    },
    tables: {
      byTheme: "Lieux labellisés par thématique",
      byDepartment: "Lieux labellisés par département",
      places: "Lieux labellisés",
      call: (title: string) => `Appel à projets ${quoted(title)} : dossiers par état`,
    },
    total: "Total",
    noTheme: "Sans thématique",
    unknownDepartment: "Département inconnu",
    openEnded: "sans date de fin",
    labelledUntil: (date: string | null) => (date ? `labellisé jusqu'au ${date}` : "labellisé sans date de fin"),
    /** Narrow PDF columns: where a long word may break (soft hyphens). */
    pdfColumns: { records: "Accompa\u00adgnements", participants: "Participations", workshops: "Séances d'ateliers", openHours: "Heures d'ouverture" },
    openHoursNote: "Heures d'ouverture au public sur l'année, calculées d'après les horaires actuels de chaque lieu (jours fériés compris quand les horaires le disent).",
    activityNote: "Activité de l'année civile entière de chaque lieu, d'après les comptes rendus et les ateliers enregistrés.",
    fileName: (network: string, year: number) => `rapport-financeurs-${network}-${year}`,
  },
  applications: {
    sheet: "Dossiers",
    columns: {
      number: "N° de dossier",
      place: "Lieu",
      state: "État",
      submittedAt: "Déposé le",
      score: "Note moyenne pondérée",
      reviews: "Évaluations",
    },
    budgetTotal: (total: string) => `total : ${total}`,
    fileName: (slug: string) => `dossiers-${slug}`,
    filesName: (slug: string) => `pieces-jointes-${slug}`,
    /** A file whose name had nothing left once made safe. */
    unnamedFile: "fichier",
  },
} as const;
