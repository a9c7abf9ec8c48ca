/**
 * French words of calls for projects (part of the `fr` catalogue): a call's form as the
 * coordinator builds it, the answers a place gives, the files it joins
 * (app/features/calls: form-model.ts, form-builder.ts, file-check.ts).
 */
/** A question's type (app/features/calls/form-types.ts QUESTION_TYPES; the catalogue depends on nothing). */
type QuestionType = "short_text" | "long_text" | "number" | "amount" | "date" | "single_choice" | "multiple_choice" | "yes_no" | "place" | "budget" | "file";

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
const quoted = (values: readonly string[]) => values.map((v) => `« ${v} »`).join(", ");

export const calls = {
  questionTypes: {
    short_text: "Texte court",
    long_text: "Texte long",
    number: "Nombre",
    amount: "Montant en euros",
    date: "Date",
    single_choice: "Choix unique",
    multiple_choice: "Choix multiples",
    yes_no: "Oui ou non",
    place: "Lieu",
    budget: "Budget (lignes et montants)",
    file: "Fichier joint",
  } satisfies Record<QuestionType, string>,
  /** How a yes/no answer reads (its stored values are « oui » / « non »). */
  yesNo: { oui: "Oui", non: "Non" } as Record<string, string>,
  /** What is wrong with a stored form, as checkForm lists it. */
  form: {
    malformed: (where: string) => `Le formulaire est mal enregistré (${where}). Rechargez la page ; si cela continue, prévenez l'équipe de la plateforme.`,
    sectionTitle: (n: number) => `La partie n° ${n} n'a pas de titre.`,
    sectionIdTwice: (id: string) => `Deux parties ont le même identifiant (${id}).`,
    idTwice: (id: string) => `Son identifiant ${id} est déjà celui d'une autre question.`,
    /** A problem of one question, named by its label. */
    question: (label: string, problem: string) => `Question « ${label} » — ${problem}`,
  },
  /** A question's own problems: shown beside the builder's field, or named in checkForm's list. */
  problems: {
    labelEmpty: "Écrivez l'intitulé de la question.",
    labelLong: (max: number) => `L'intitulé est trop long (${max} caractères au plus).`,
    optionsFew: "Donnez au moins deux choix différents, un par ligne.",
    optionsMany: (max: number) => `Donnez au plus ${max} choix.`,
    optionEmpty: "Un des choix est vide.",
    optionTwice: (option: string) => `Le choix « ${option} » est écrit deux fois.`,
    conditionBefore: "La question dont dépend celle-ci doit venir avant elle dans le formulaire.",
    conditionType: "Une question ne peut dépendre que d'une question à choix unique, à choix multiples ou oui/non.",
    conditionValuesEmpty: "Indiquez au moins une réponse qui fait apparaître cette question.",
    conditionValues: (values: readonly string[], label: string) =>
      `${quoted(values)} ${plural(values.length, "n'est pas une réponse possible", "ne sont pas des réponses possibles")} à la question « ${label} ».`,
    eligibilityType: "Seule une question à choix unique ou oui/non peut décider qui peut candidater.",
    eligibilityAcceptedEmpty: "Indiquez au moins une réponse qui permet de candidater.",
    eligibilityValues: (values: readonly string[]) =>
      `${quoted(values)} ${plural(values.length, "n'est pas un des choix", "ne sont pas des choix")} de cette question.`,
    eligibilityReason: "Expliquez en une phrase pourquoi une autre réponse empêche de candidater.",
    bounds: "Le minimum doit être inférieur ou égal au maximum.",
    textMax: "La longueur maximale est un nombre entier de caractères, au moins 1.",
  },
  /** What a place's answers lack or get wrong. */
  answers: {
    stale: "Cette réponse ne correspond plus à la question posée : répondez à nouveau.",
    required: "Cette question est obligatoire.",
    textLong: (max: number) => `Votre réponse est trop longue (${max} caractères au plus).`,
    number: "Saisissez un nombre, par exemple 12 ou 3,5.",
    numberMin: (min: string) => `Saisissez un nombre supérieur ou égal à ${min}.`,
    numberMax: (max: string) => `Saisissez un nombre inférieur ou égal à ${max}.`,
    amount: "Saisissez un montant en euros, par exemple 1 250,50.",
    date: "Saisissez une date qui existe, au format AAAA-MM-JJ, par exemple 2026-03-31.",
    choice: "Choisissez parmi les réponses proposées.",
    place: "Choisissez un lieu dans la liste.",
    budgetLine: (line: number) => `Ligne ${line} du budget : donnez un intitulé et un montant.`,
    budgetLabelLong: (line: number, max: number) => `Ligne ${line} du budget : l'intitulé est trop long (${max} caractères au plus).`,
    budgetAmount: (line: number) => `Ligne ${line} du budget : saisissez un montant en euros, par exemple 1 250,50.`,
    budgetMany: (max: number) => `Le budget a trop de lignes (${max} au plus).`,
  },
  /** An answer as plain text (exports, read-only pages). */
  display: {
    separator: " ; ",
    budgetLine: (label: string, amount: string) => `${label} : ${amount}`,
    budgetTotal: (amount: string) => `Total : ${amount}`,
    files: (n: number) => `${n} ${plural(n, "fichier joint", "fichiers joints")}`,
  },
  /** The coordinator's form builder. */
  builder: {
    type: "Choisissez le type de la question.",
    helpLong: (max: number) => `L'aide est trop longue (${max} caractères au plus).`,
    reasonLong: (max: number) => `L'explication est trop longue (${max} caractères au plus).`,
    number: "Saisissez un nombre, par exemple 0 ou 12,5.",
    sectionTitleEmpty: "Écrivez le titre de la partie.",
    sectionTitleLong: (max: number) => `Le titre est trop long (${max} caractères au plus).`,
    sectionDescriptionLong: (max: number) => `La présentation est trop longue (${max} caractères au plus).`,
    sectionUnknown: "Cette partie n'existe plus dans le formulaire. Rechargez la page.",
    questionUnknown: "Cette question n'existe plus dans le formulaire. Rechargez la page.",
    tooManySections: (max: number) => `Le formulaire a déjà ${max} parties, le maximum.`,
    tooManyQuestions: (max: number) => `Le formulaire a déjà ${max} questions, le maximum.`,
    dependsOnIt: (label: string) => `La question « ${label} » dépend de celle-ci : retirez d'abord sa condition, ou supprimez-la.`,
    dependsOnSection: (label: string) => `La question « ${label} » dépend d'une question de cette partie : retirez d'abord sa condition, ou supprimez-la.`,
    dependentNeedsChoices: (label: string) => `La question « ${label} » dépend de celle-ci : elle doit rester une question à choix ou oui/non.`,
    dependentNeedsOptions: (label: string, values: readonly string[]) =>
      `La question « ${label} » s'affiche selon ${plural(values.length, "le choix", "les choix")} ${quoted(values)} : ${plural(values.length, "gardez-le", "gardez-les")}, ou changez d'abord sa condition.`,
    moveBeforeCondition: (label: string) => `Cette question dépend de « ${label} » : elle doit rester après elle.`,
    moveAfterDependent: (label: string) => `La question « ${label} » dépend de celle-ci : elle doit rester avant elle.`,
  },
  /** Files joined to an application. */
  files: {
    empty: "Ce fichier est vide.",
    tooLarge: "Ce fichier dépasse 10 Mo. Envoyez une version plus légère (un PDF compressé, une image plus petite).",
    refused: (name: string) =>
      `Le fichier « ${name} » n'est pas d'un type accepté. Envoyez un PDF, une image (PNG, JPEG, WebP ou GIF) ou un document bureautique : Word (.docx, .doc), Excel (.xlsx, .xls), PowerPoint (.pptx) ou LibreOffice (.odt, .ods, .odp).`,
    /** The download name when a file's own name has nothing left to keep. */
    defaultName: "fichier",
  },
} as const;
