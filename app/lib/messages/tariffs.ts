/**
 * French words of a place's tariffs in the back-office (part of the `fr` catalogue): the items it
 * sells and their dated prices, its reduced-rate categories, its cash office's words on receipts.
 */

const periods = { day: "jour", week: "semaine", month: "mois", year: "an" } as Record<string, string>;
const soldBy = { page: "à la page", gram: "au gramme", hour: "à l'heure", item: "à l'unité", period: "à la période" } as Record<string, string>;
const unitsPer = { page: "la page", gram: "le gramme", hour: "l'heure", item: "l'unité", period: "la période" } as Record<string, string>;

/** A unit in a free allowance: singular, plural, feminine. */
const freeUnits: Record<string, [string, string, boolean]> = {
  page: ["page", "pages", true],
  gram: ["gramme", "grammes", false],
  hour: ["heure", "heures", true],
  item: ["unité", "unités", true],
  period: ["période", "périodes", true],
};

const kinds = {
  print: "Impression",
  copy: "Photocopie",
  scan: "Numérisation",
  print3d: "Impression 3D",
  station: "Temps sur un poste",
  workshop: "Atelier",
  membership: "Adhésion",
  other: "Autre",
} as Record<string, string>;
const units = { page: "Page", gram: "Gramme", hour: "Heure", item: "Unité", period: "Période" } as Record<string, string>;
const periodOptions = { day: "Par jour", week: "Par semaine", month: "Par mois", year: "Par an" } as Record<string, string>;

export const tariffs = {
  pageTitle: (place: string) => `Caisse : tarifs — ${place}`,
  /** The words of a link to the tariff page (the till's page shows it to managers). */
  link: "Tarifs de la caisse",
  backToPlace: "Retour à la fiche du lieu",
  backToList: "Retour aux tarifs",
  invalidRequest: "Cette demande n'est pas valable. Rechargez la page et recommencez.",
  itemUnknown: "Cet article n'existe pas dans ce lieu.",

  // Notices after a change
  notices: {
    itemCreated: "L'article est ajouté au tarif.",
    itemSaved: "L'article est enregistré.",
    priceAdded: "Le nouveau prix est enregistré.",
    priceReplaced: "Le prix de ce jour-là est remplacé par le nouveau.",
    categoryCreated: "La catégorie est ajoutée.",
    categoryRenamed: "La catégorie est renommée.",
    categoryDeactivated: "La catégorie est désactivée : elle n'est plus proposée à la caisse.",
    categoryActivated: "La catégorie est de nouveau proposée à la caisse.",
    settingsSaved: "Les mentions des reçus sont enregistrées.",
  },

  // The tariff table
  tableTitle: "Le tarif",
  tableCaption: (day: string) => `Prix en vigueur le ${day}`,
  tableNone: "Ce lieu ne vend encore rien. Ajoutez un premier article ci-dessous.",
  columns: {
    item: "Article",
    normal: "Prix normal",
    allowance: "Gratuité",
    upcoming: "Changements prévus",
  },
  kinds,
  periods: periodOptions,
  perUnit: (price: string, unit: string) => `${price} ${unitsPer[unit] ? `pour ${unitsPer[unit]}` : ""}`.trim(),
  noPrice: "Pas de prix",
  sameAsNormal: "Prix normal",
  dashMeansNormal: "« — » : cette catégorie paie le prix normal.",
  allowance: (quantity: number, unit: string, period: string, membersOnly: boolean) => {
    const [one, many, feminine] = freeUnits[unit] ?? [unit, unit, true];
    const free = `gratuit${feminine ? "e" : ""}${quantity > 1 ? "s" : ""}`;
    return `${quantity} ${quantity > 1 ? many : one} ${free} par ${periods[period] ?? period}${membersOnly ? ", adhérents seulement" : ""}`;
  },
  allowanceNone: "Aucune",
  membershipLength: (months: number) => `Adhésion de ${months} mois`,
  upcoming: (category: string, price: string, day: string) => `${category} : ${price} à partir du ${day}`,
  upcomingNone: "Aucun",
  normalRate: "Prix normal",
  inactive: "(plus proposé à la caisse)",
  itemKind: (kind: string, unit: string) => `${kind}, ${soldBy[unit] ?? unit}`,
  editItem: (name: string) => `Modifier l'article : ${name}`,

  // An item's form
  newItemTitle: "Ajouter un article",
  createItem: "Ajouter l'article",
  itemTitle: (name: string) => `Article : ${name}`,
  saveItem: "Enregistrer l'article",
  editItemTitle: "Modifier l'article",
  itemLegend: "L'article",
  allowanceLegend: "Gratuité (facultatif)",
  allowanceIntro: "Par exemple : 10 pages gratuites par jour pour une personne connue.",
  firstPriceLegend: "Son prix normal",
  fields: {
    kind: "Type",
    name: "Nom",
    nameHint: "Par exemple : « Impression noir et blanc A4 », « Adhésion annuelle ».",
    unit: "Vendu à",
    position: "Ordre dans le tarif",
    positionHint: "Les articles sont rangés du plus petit nombre au plus grand.",
    active: "Proposé à la caisse",
    membershipMonths: "Durée de l'adhésion, en mois (adhésion seulement)",
    allowanceQuantity: "Quantité gratuite",
    allowancePeriod: "Par",
    allowanceMembersOnly: "Pour les adhérents seulement",
    price: "Prix en euros",
    priceHint: "Par exemple : 0,20 ou 15. Écrivez 0 pour un article gratuit.",
    category: "Tarif",
    validFrom: "À partir du",
    validFromHint: "Aujourd'hui ou plus tard : les ventes déjà faites gardent leur prix.",
  },
  unitOptions: { page: "La page", gram: "Le gramme", hour: "L'heure", item: "L'unité", period: "La période (adhésion)" } as Record<string, string>,

  // An item's prices
  pricesTitle: "Ses prix",
  pricesCaption: "Tous les prix de l'article, du plus récent au plus ancien, par tarif",
  pricesNone: "Cet article n'a encore aucun prix.",
  priceColumns: { rate: "Tarif", price: "Prix", from: "À partir du", state: "État" },
  priceStates: { future: "Prévu", current: "En vigueur", past: "Remplacé" },
  newPriceTitle: "Nouveau prix à partir du …",
  newPriceIntro:
    "Le nouveau prix s'applique aux ventes faites à partir de ce jour. Si ce tarif avait déjà un prix pour ce même jour et qu'il n'a encore servi à aucune vente, le nouveau le remplace.",
  addPrice: "Enregistrer le nouveau prix",

  // Categories
  categoriesTitle: "Tarifs réduits",
  categoriesIntro: "Les catégories de personnes qui paient un tarif réduit : demandeurs d'emploi, étudiants, bénéficiaires du RSA…",
  categoriesNone: "Aucune catégorie pour l'instant : tout le monde paie le prix normal.",
  categoryActive: "Proposée",
  categoryInactive: "Désactivée",
  categoryName: "Nom de la catégorie",
  newCategoryName: "Nouvelle catégorie",
  addCategory: "Ajouter la catégorie",
  rename: "Renommer",
  renameLabel: (name: string) => `Nouveau nom pour « ${name} »`,
  deactivate: "Désactiver",
  activate: "Proposer de nouveau",
  deactivateLabel: (name: string) => `Désactiver « ${name} »`,
  activateLabel: (name: string) => `Proposer de nouveau « ${name} »`,

  // The cash office's words
  settingsTitle: "Mentions des reçus",
  settingsIntro: "Ce que chaque reçu imprime : le nom de la régie et une mention en bas du reçu.",
  settingsFields: {
    cashOfficeName: "Nom de la régie ou de l'organisme",
    cashOfficeNameHint: "Par exemple : « Régie de recettes de l'espace numérique de Saint-Flour ».",
    receiptFooter: "Mention en bas des reçus",
    receiptFooterHint: "Par exemple : « TVA non applicable, article 293 B du CGI ».",
  },
  saveSettings: "Enregistrer les mentions",

  errors: {
    kind: "Choisissez le type de l'article.",
    nameEmpty: "Indiquez le nom de l'article.",
    nameLong: "Écrivez un nom de 120 caractères au plus.",
    unit: "Choisissez à quoi l'article est vendu : la page, le gramme, l'heure…",
    position: "Écrivez l'ordre avec des chiffres, de 0 à 9999.",
    membershipMonths: "Pour une adhésion, indiquez sa durée : un nombre de mois de 1 à 36.",
    membershipOnly: "Une durée en mois ne s'indique que pour une adhésion : videz ce champ ou choisissez le type « Adhésion ».",
    allowanceQuantity: "Écrivez une quantité gratuite de 1 à 100 000, ou laissez vide.",
    allowancePeriod: "Choisissez la période de la gratuité : jour, semaine, mois ou an.",
    allowancePeriodAlone: "Indiquez aussi la quantité gratuite, ou choisissez « Pas de gratuité ».",
    price: "Écrivez un prix en euros, par exemple 0,20 ou 15 (100 000 € au plus).",
    category: "Choisissez le tarif : le prix normal ou une catégorie proposée.",
    dateInvalid: "Écrivez une date, par exemple 01/01/2027.",
    datePast: (today: string) => `Choisissez aujourd'hui (${today}) ou plus tard : les ventes déjà faites gardent leur prix.`,
    dateFar: "Choisissez une date dans les 5 ans.",
    priceInForceToday: "Ce tarif a déjà servi à des ventes aujourd'hui à son prix du jour : choisissez une date à partir de demain.",
    categoryEmpty: "Indiquez le nom de la catégorie.",
    categoryLong: "Écrivez un nom de 80 caractères au plus.",
    categoryTaken: "Ce lieu a déjà une catégorie de ce nom.",
    categoryUnknown: "Cette catégorie n'existe pas dans ce lieu.",
    cashOfficeNameLong: "Écrivez un nom de 200 caractères au plus.",
    receiptFooterLong: "Écrivez une mention de 500 caractères au plus.",
    sentTwice: "Ce champ a été envoyé deux fois. Rechargez la page et recommencez.",
  },

  // Audit lines (the place's log)
  audit: {
    actions: {
      "tariff.item-create": "Article ajouté au tarif de la caisse",
      "tariff.item-update": "Article du tarif de la caisse modifié",
      "tariff.price-add": "Nouveau prix au tarif de la caisse",
      "tariff.price-replace": "Prix prévu au tarif de la caisse remplacé",
      "tariff.category-create": "Catégorie de tarif réduit ajoutée",
      "tariff.category-rename": "Catégorie de tarif réduit renommée",
      "tariff.category-active": "Catégorie de tarif réduit activée ou désactivée",
      "sales.settings": "Mentions des reçus de la caisse changées",
    } as Record<string, string>,
    fieldNames: {
      kind: "Type",
      unit: "Unité",
      position: "Ordre",
      active: "Actif",
      membershipMonths: "Durée de l'adhésion (mois)",
      allowanceQuantity: "Quantité gratuite",
      allowancePeriod: "Période de la gratuité",
      allowanceMembersOnly: "Gratuité pour les adhérents seulement",
      unitPriceCents: "Prix (centimes)",
      category: "Tarif",
      cashOfficeName: "Nom de la régie",
      receiptFooter: "Mention en bas des reçus",
    } as Record<string, string>,
    values: { kind: kinds, unit: units, allowancePeriod: periodOptions } as Record<string, Record<string, string>>,
  },
};
