/**
 * French words of the help records' exports (CSV, XLSX) and of the import of La Coop's activity
 * export (part of the `fr` catalogue): column headers, the import page and its row-by-row report.
 */
import { formatNumber } from "./format";

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n > 1 ? many : one}`;

export const mediationExports = {
  // The export files
  sheetName: "Accompagnements",
  fileStem: "accompagnements",
  columns: {
    date: "Date",
    place: "Lieu",
    mediator: "Médiateur ou médiatrice",
    kind: "Type",
    duration: "Durée (min)",
    placeKind: "Lieu de l'accompagnement",
    commune: "Commune",
    communeInsee: "Code INSEE de la commune",
    themes: "Thématiques",
    adminThemes: "Démarches administratives",
    equipment: "Matériel utilisé",
    autonomy: "Autonomie",
    oriented: "Orientée vers une autre structure",
    orientation: "Type de structure d'orientation",
    title: "Titre de l'atelier",
    level: "Niveau de l'atelier",
    participants: "Participants",
    named: "Dont suivis par leur nom",
    firstTime: "Dont suivis accompagnés pour la première fois",
    alreadyHelped: "Dont anonymes déjà accompagnés",
    gender: (label: string) => `Genre : ${label}`,
    age: (label: string) => `Âge : ${label}`,
    status: (label: string) => `Statut : ${label}`,
    origin: "Origine",
    coopId: "Identifiant La Coop",
    people: "Personnes suivies",
    notes: "Notes",
  },
  yes: "Oui",
  no: "Non",
  origins: { form: "Saisi ici", booking: "Rendez-vous", session: "Séance d'atelier", coop: "Import La Coop" },
  filterErrors: {
    date: "Indiquez les dates au format AAAA-MM-JJ ou JJ/MM/AAAA.",
    order: "La date de fin doit être après la date de début.",
  },
  // The links (on the records list and the network's figures)
  exportTitle: "Exporter les accompagnements",
  exportIntro: "Un accompagnement par ligne, avec tous ses chiffres. Le fichier CSV utilise le point-virgule comme séparateur.",
  exportNetworkIntro: "Un accompagnement par ligne, de tous les lieux du réseau, avec tous ses chiffres : ni notes, ni nom de personne suivie.",
  exportFrom: "Du",
  exportTo: "Au",
  exportXlsx: "Télécharger en XLSX (tableur)",
  exportCsv: "Télécharger en CSV",
  // The import page
  importLink: "Importer depuis La Coop",
  importTitle: (place: string) => `Importer des accompagnements de La Coop — ${place}`,
  backToList: "Retour aux accompagnements",
  importIntro:
    "Vous enregistrez aussi vos accompagnements dans La Coop de la médiation numérique ? Importez ici son export des activités pour ne pas les saisir deux fois. Dans La Coop : « Mes activités », puis « Exporter », puis « Tableur (xlsx) ».",
  importRules: [
    "Tout ou rien : si une seule ligne pose problème, rien n'est importé et chaque problème est listé avec son numéro de ligne.",
    "Importer deux fois le même fichier n'ajoute rien : chaque activité garde son identifiant La Coop.",
    "Les personnes nommées dans l'export de La Coop sont comptées sans leur nom (genre, âge, statut) : nous n'avons pas leur accord pour les suivre ici. Leur commune n'est pas reprise.",
    "L'accompagnement est attribué à la médiatrice ou au médiateur de l'export s'il fait partie de l'équipe du lieu sous le même nom, sinon à vous.",
  ],
  importLegend: "Fichier à importer",
  fileLabel: "Export des activités de La Coop (XLSX)",
  fileHint: (maxMb: number) => `Fichier .xlsx de ${maxMb} Mo au plus.`,
  importButton: "Importer",
  importAgain: "Importer un autre fichier",
  // File problems
  fileMissing: "Choisissez le fichier exporté de La Coop.",
  fileTooLarge: (maxMb: number) => `Ce fichier est trop lourd : ${maxMb} Mo au plus.`,
  fileNotXlsx: "Ce fichier n'est pas un tableur XLSX. Dans La Coop, choisissez l'export « Tableur (xlsx) ».",
  fileUnreadable: "Ce fichier XLSX ne peut pas être lu. Exportez-le à nouveau depuis La Coop.",
  fileTooBig: (maxRows: number) => `Ce fichier contient trop de lignes : ${formatNumber(maxRows)} au plus. Exportez une période plus courte.`,
  notCoopExport: (missing: string[]) =>
    `Ce fichier n'est pas l'export des activités de La Coop : ${missing.length > 1 ? "les colonnes" : "la colonne"} ${missing.map((c) => `« ${c} »`).join(", ")} ${missing.length > 1 ? "manquent" : "manque"}.`,
  empty: "Ce fichier ne contient aucune activité.",
  /** La Coop's « Nom de la démarche administrative », kept in the record's notes. */
  procedureNote: (name: string) => `Démarche : ${name}`,
  // The report
  reportTitle: "Résultat de l'import",
  imported: (added: number, already: number) =>
    `${plural(added, "accompagnement ajouté", "accompagnements ajoutés")}, ${plural(already, "déjà présent", "déjà présents")} (non modifié${already > 1 ? "s" : ""}).`,
  importedRows: (rows: number, activities: number) => `${plural(rows, "ligne lue", "lignes lues")}, ${plural(activities, "activité", "activités")}.`,
  refused: (problems: number) => `Rien n'a été importé : ${plural(problems, "problème", "problèmes")} à corriger dans le fichier, puis importez-le à nouveau.`,
  problemsCaption: "Problèmes trouvés, ligne par ligne",
  problemsMore: (shown: number, total: number) => `Les ${formatNumber(shown)} premiers problèmes sur ${formatNumber(total)}.`,
  problemRow: "Ligne",
  problemColumn: "Colonne",
  problemWhat: "Problème",
  problems: {
    required: "Cette case est vide ; elle est obligatoire.",
    date: (value: string) => `« ${value} » n'est pas une date (JJ/MM/AAAA).`,
    dateFuture: (value: string) => `La date ${value} est dans le futur.`,
    unknownValue: (value: string) => `« ${value} » n'est pas une valeur connue de La Coop.`,
    duration: (value: string) => `« ${value} » n'est pas une durée en minutes entre 1 et 1 440.`,
    participants: (value: string) => `« ${value} » n'est pas un numéro de participant (1, ou 2/5 par exemple).`,
    missingParticipants: (found: number, expected: number) => `Cette activité compte ${formatNumber(expected)} participants, mais ${plural(found, "ligne est présente", "lignes sont présentes")} : exportez-la en entier.`,
    tooManyParticipants: "Un atelier compte 1 000 participants au plus.",
    individualOne: "Un accompagnement individuel concerne une seule personne.",
    differs: (first: number) => `Cette valeur diffère de celle de la ligne ${formatNumber(first)}, pour la même activité.`,
    commune: "La commune est obligatoire à domicile ou dans un autre lieu.",
    communeUnknown: (value: string) => `La commune « ${value} » est introuvable.`,
    title: "Un atelier collectif doit avoir un titre (120 caractères au plus).",
    notesLong: "Les notes dépassent 2 000 caractères.",
    autonomy: (value: string) => `« ${value} » n'est pas un niveau (1/3, 2/3 ou 3/3).`,
    orientation: "La structure de redirection demande « Oui » dans « Bénéficiaire réorienté ».",
  },
} as const;
